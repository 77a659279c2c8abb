/**
 * A 2-D phase diagram: γ on x, a second control (depth rows or η) on y, cells coloured by the
 * measured phase (a category index), with theory lines (γ_c, γ_sp) drawn on top. SVG rects, so the
 * whole map exports as SVG/PNG.
 */
import { useId, useMemo } from 'react';
import { line } from 'd3';
import { Axis, AxisLabel, formatTick } from '../Axis';
import { legendHeight, SvgLegend, type LegendItem } from '../Legend';

import { makeScale } from '../scales';
import { useElementWidth } from '../useElementWidth';
import type { Dash } from './PanelGrid';
import { useChartTheme } from '../theme';

export interface MapCell {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** index into `categories` */
  category: number;
}

export interface MapCategory {
  label: string;
  color: string;
}

export interface MapOverlay {
  color: string;
  dash?: Dash;
  /** [x, y] in data units; null breaks the line */
  data: Array<readonly [number, number | null]>;
}

export interface PhaseMapChartProps {
  cells: MapCell[];
  categories: MapCategory[];
  overlays: MapOverlay[];
  /** legend entries for the overlays */
  overlayLegend: LegendItem[];
  xDomain: [number, number];
  yDomain: [number, number];
  xLabel: string;
  yLabel: string;
  /** categorical y ticks (depth rows): value → label */
  yTicks?: Array<{ value: number; label: string }>;
  height?: number;
  ariaLabel: string;
}

const DASH: Record<Dash, string | undefined> = { solid: undefined, dashed: '7 4', dotted: '1.5 3.5' };

export function PhaseMapChart({
  cells,
  categories,
  overlays,
  overlayLegend,
  xDomain,
  yDomain,
  xLabel,
  yLabel,
  yTicks,
  height = 300,
  ariaLabel,
}: PhaseMapChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(600);
  const theme = useChartTheme();
  const clip = `l2m-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const legend: LegendItem[] = useMemo(
    () => [...categories.map((c) => ({ label: c.label, color: c.color, glyph: 'ring' as const })), ...overlayLegend],
    [categories, overlayLegend],
  );
  const left = yTicks ? 78 : 64;
  const legendWidth = width - left - 14;
  const margin = { left, right: 14, top: legendHeight(legend, legendWidth, theme.font) + 12, bottom: theme.px(48) };
  const plotW = Math.max(60, width - margin.left - margin.right);
  const plotH = Math.max(60, height - margin.top - margin.bottom);
  const x = useMemo(() => makeScale(false, xDomain, [0, plotW]), [xDomain, plotW]);
  const y = useMemo(() => makeScale(false, yDomain, [plotH, 0]), [yDomain, plotH]);
  const yTickValues = yTicks?.map((t) => t.value);
  const yFormat = yTicks ? (v: number) => yTicks.find((t) => t.value === v)?.label ?? '' : formatTick;
  return (
    <div ref={ref} style={{ width: '100%' }}>
      <svg data-chart-svg width={width} height={height} role="img" aria-label={ariaLabel} fontFamily={theme.fontFamily}>
        <rect width={width} height={height} fill="#fff" />
        <SvgLegend items={legend} x={margin.left} y={4} width={legendWidth} />
        <g transform={`translate(${margin.left},${margin.top})`}>
          <clipPath id={clip}>
            <rect width={plotW} height={plotH} />
          </clipPath>
          <g clipPath={`url(#${clip})`} shapeRendering="crispEdges">
            {cells.map((c, i) => {
              const left = x(c.x0);
              const top = y(c.y1);
              return (
                <rect
                  key={i}
                  x={left}
                  y={top}
                  width={Math.max(0.5, x(c.x1) - left + 0.5)}
                  height={Math.max(0.5, y(c.y0) - top + 0.5)}
                  fill={categories[c.category]?.color ?? '#ccc'}
                />
              );
            })}
          </g>
          <g clipPath={`url(#${clip})`}>
            {overlays.map((o, k) => {
              const path = line<readonly [number, number | null]>()
                .defined((d) => d[1] !== null && Number.isFinite(d[1]) && Number.isFinite(d[0]))
                .x((d) => x(d[0]))
                .y((d) => y(d[1] as number));
              return (
                <g key={k}>
                  <path d={path(o.data) ?? ''} fill="none" stroke="#fff" strokeWidth={5} strokeOpacity={0.8} />
                  <path
                    d={path(o.data) ?? ''}
                    fill="none"
                    stroke={o.color}
                    strokeWidth={2.2}
                    strokeDasharray={DASH[o.dash ?? 'solid']}
                    strokeLinecap={o.dash === 'dotted' ? 'round' : undefined}
                  />
                </g>
              );
            })}
          </g>
          <Axis scale={y} orient="left" ticks={6} tickValues={yTickValues} tickFormat={yFormat} />
          <Axis scale={x} orient="bottom" y={plotH} ticks={Math.max(2, Math.floor(plotW / theme.px(80)))} tickFormat={formatTick} />
          <AxisLabel x={plotW / 2} y={plotH + theme.px(40)} text={xLabel} />
          <AxisLabel x={yTicks ? -64 : -48} y={plotH / 2} text={yLabel} rotate />
        </g>
      </svg>
    </div>
  );
}
