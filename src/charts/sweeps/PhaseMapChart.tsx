/**
 * A 2-D phase diagram: γ on x, a second control (depth rows or η) on y, cells coloured by the
 * measured phase (a category index), with theory lines (γ_c, γ_sp) drawn on top. SVG rects, so the
 * whole map exports as SVG/PNG.
 */
import { useMemo } from 'react';
import { formatTick } from '../Axis';
import { plotAxis, PlotFrame, useFrame } from '../kit/PlotFrame';
import { Line } from '../kit/marks';
import type { LegendItem } from '../Legend';
import { INK } from '../palette';
import type { Dash } from './PanelGrid';

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
  const legend: LegendItem[] = useMemo(
    () => [...categories.map((c) => ({ label: c.label, color: c.color, glyph: 'ring' as const })), ...overlayLegend],
    [categories, overlayLegend],
  );
  const frame = useFrame({ height, legend, fallbackWidth: 600, left: { tickChars: yTicks ? 6 : 4 } });
  const { plotW, plotH, theme } = frame;
  const yFormat = yTicks ? (v: number) => yTicks.find((t) => t.value === v)?.label ?? '' : formatTick;
  const ax = useMemo(() => plotAxis({ domain: xDomain, label: xLabel }, [0, plotW]), [xDomain, xLabel, plotW]);
  const ay = useMemo(
    () => plotAxis({ domain: yDomain, label: yLabel, grid: false, ticks: 6, tickValues: yTicks?.map((t) => t.value), format: yFormat }, [plotH, 0]),
    // yFormat follows yTicks
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [yDomain, yLabel, yTicks, plotH],
  );
  const x = ax.scale;
  const y = ay.scale;
  return (
    <PlotFrame frame={frame} ariaLabel={ariaLabel} x={ax} y={ay} paper axesOnTop>
      <g clipPath={frame.clip} shapeRendering="crispEdges">
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
              fill={categories[c.category]?.color ?? INK.empty}
            />
          );
        })}
      </g>
      <g clipPath={frame.clip}>
        {overlays.map((o, k) => (
          <g key={k}>
            <Line data={o.data} x={x} y={y} color={INK.paper} width={theme.stroke + 3} opacity={0.8} />
            <Line data={o.data} x={x} y={y} color={o.color} dash={o.dash} width={theme.stroke + 0.2} />
          </g>
        ))}
      </g>
    </PlotFrame>
  );
}
