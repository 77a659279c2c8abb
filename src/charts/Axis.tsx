/**
 * An axis drawn by d3-axis into a <g> that React owns; type size from the chart theme.
 */
import { useLayoutEffect, useRef } from 'react';
import { axisBottom, axisLeft, axisRight, select, type AxisDomain, type AxisScale } from 'd3';
import { SERIES_COLORS } from './palette';
import { useChartTheme } from './theme';

export interface AxisProps {
  scale: AxisScale<number>;
  orient: 'bottom' | 'left' | 'right';
  /** translate of the axis group */
  x?: number;
  y?: number;
  ticks?: number;
  tickFormat?: (v: number) => string;
  /** explicit tick values (log axes: decades) */
  tickValues?: number[];
  /** grid line length across the plot (0 = none) */
  grid?: number;
}

export function Axis({ scale, orient, x = 0, y = 0, ticks = 6, tickFormat, tickValues, grid = 0 }: AxisProps) {
  const ref = useRef<SVGGElement>(null);
  const theme = useChartTheme();
  useLayoutEffect(() => {
    if (!ref.current) return;
    const make = orient === 'bottom' ? axisBottom : orient === 'left' ? axisLeft : axisRight;
    const axis = make(scale).ticks(ticks).tickSizeOuter(0).tickSize(theme.px(6)).tickPadding(theme.px(6));
    if (tickFormat) axis.tickFormat((v: AxisDomain) => tickFormat(Number(v)));
    if (tickValues) axis.tickValues(tickValues);
    const g = select(ref.current);
    g.call(axis);
    g.attr('font-size', theme.font).attr('font-family', theme.fontFamily);
    g.selectAll('.domain, .tick line').attr('stroke-width', Math.max(1, theme.stroke / 2));
    g.selectAll('.domain').attr('stroke', SERIES_COLORS.axis);
    g.selectAll('.tick line').attr('stroke', SERIES_COLORS.axis);
    g.selectAll('.tick text').attr('fill', SERIES_COLORS.axis);
    g.selectAll('.grid-line').remove();
    if (grid > 0) {
      g.selectAll<SVGGElement, unknown>('.tick')
        .insert('line', ':first-child')
        .attr('class', 'grid-line')
        .attr('stroke', SERIES_COLORS.grid)
        .attr('stroke-width', 1)
        .attr(orient === 'bottom' ? 'y2' : 'x2', orient === 'bottom' ? -grid : orient === 'left' ? grid : -grid);
    }
  }, [scale, orient, ticks, tickFormat, tickValues, grid, theme]);
  return <g ref={ref} transform={`translate(${x},${y})`} />;
}

/** compact, readable numbers for ticks: 0.0001 → 1e-4, 0.25 → 0.25, 12000 → 1.2e4 */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e5) {
    const e = Math.floor(Math.log10(a));
    const m = v / Math.pow(10, e);
    const mm = Math.abs(Math.abs(m) - 1) < 1e-9 ? (m < 0 ? '−' : '') : `${Number(m.toPrecision(2))}·`;
    return `${mm}10${superscript(e)}`;
  }
  return String(Number(v.toPrecision(4))).replace('-', '−');
}

const SUP: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
export const superscript = (k: number): string =>
  String(k)
    .split('')
    .map((c) => SUP[c] ?? c)
    .join('');

export interface AxisLabelProps {
  x: number;
  y: number;
  text: string;
  rotate?: boolean;
}

export function AxisLabel({ x, y, text, rotate = false }: AxisLabelProps) {
  const theme = useChartTheme();
  return (
    <text
      x={rotate ? 0 : x}
      y={rotate ? 0 : y}
      transform={rotate ? `translate(${x},${y}) rotate(-90)` : undefined}
      textAnchor="middle"
      fontSize={theme.label}
      fontFamily={theme.fontFamily}
      fill={SERIES_COLORS.axis}
    >
      {text}
    </text>
  );
}
