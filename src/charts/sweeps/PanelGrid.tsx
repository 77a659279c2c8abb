/**
 * Small multiples in ONE <svg> (so SVG/PNG export takes the whole figure): a grid of panels that
 * share an x axis domain (γ, or a ramp rate), each with its own y axis, lines (theory), point
 * markers (measurements), vertical rules (γ_c, γ_sp) and shaded bands (phases). One legend on top.
 */
import { useId, useMemo } from 'react';
import { line, curveStepAfter, curveLinear } from 'd3';
import { Axis, AxisLabel, formatTick } from '../Axis';
import { legendHeight, SvgLegend, type LegendItem } from '../Legend';
import { circlesPath } from '../markers';

import { decadeTicks, makeScale } from '../scales';
import { useElementWidth } from '../useElementWidth';
import { paddedDomain, finiteExtent } from '../domains';
import { useChartTheme } from '../theme';

export type Dash = 'solid' | 'dashed' | 'dotted';

export interface LineSeries {
  color: string;
  dash?: Dash;
  width?: number;
  /** [x, y]; a null y breaks the line */
  data: Array<readonly [number, number | null]>;
  step?: boolean;
}

export interface PointSeries {
  color: string;
  glyph: 'dot' | 'hollow' | 'cross';
  data: Array<readonly [number, number]>;
  r?: number;
}

export interface VRule {
  x: number;
  label?: string;
  color: string;
  dash?: Dash;
  /** which side of the rule the label sits on (default right) */
  side?: 'left' | 'right';
  /** label row from the top (stagger labels of nearby rules) */
  row?: number;
}

export interface Band {
  x0: number;
  x1: number;
  color: string;
  opacity?: number;
  label?: string;
}

export interface Panel {
  key: string;
  title?: string;
  yLabel: string;
  /** fixed y domain; default: the data's extent, padded */
  yDomain?: [number, number];
  lines?: LineSeries[];
  points?: PointSeries[];
  rules?: VRule[];
  bands?: Band[];
  /** draw the lines over the points (exact curves through dense measurements) */
  linesOver?: boolean;
  /** text drawn at the top right, above the plot (e.g. a measured loop area); '\n' starts a new line */
  note?: string;
  /** draw the note inside the plot's top-right corner instead (where the title leaves no room) */
  noteInside?: boolean;
}

export interface PanelGridProps {
  panels: Panel[];
  xDomain: [number, number];
  xLabel: string;
  logX?: boolean;
  columns?: number;
  panelHeight?: number;
  legend?: LegendItem[];
  ariaLabel: string;
  /** x tick format (default formatTick) */
  xFormat?: (v: number) => string;
  /** explicit x ticks (default: decades on a log axis, d3's choice otherwise) */
  xTickValues?: number[];
}

const DASH: Record<Dash, string | undefined> = { solid: undefined, dashed: '7 4', dotted: '1.5 3.5' };
const GAP_X = 16;
const LEFT = 60;
const TITLE = 20;
const BOTTOM = 44;

export function PanelGrid({
  panels,
  xDomain,
  xLabel,
  logX = false,
  columns,
  panelHeight = 220,
  legend = [],
  ariaLabel,
  xFormat = formatTick,
  xTickValues,
}: PanelGridProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(900);
  const theme = useChartTheme();
  const clipBase = `l2s-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const cols = Math.max(1, Math.min(columns ?? panels.length, panels.length));
  const rows = Math.ceil(panels.length / cols);
  const legendH = legend.length ? legendHeight(legend, width - LEFT - 10, theme.font) + 8 : 0;
  const cellW = (width - 8) / cols;
  const plotW = Math.max(60, cellW - LEFT - GAP_X);
  const plotH = Math.max(60, panelHeight - TITLE - BOTTOM);
  const height = legendH + rows * panelHeight + 4;

  const x = useMemo(() => makeScale(logX, xDomain, [0, plotW]), [logX, xDomain, plotW]);
  const xTicks = xTickValues ?? (logX ? decadeTicks(xDomain) : undefined);

  const yScales = useMemo(
    () =>
      panels.map((p) => {
        const ys: number[] = [];
        p.lines?.forEach((l) => l.data.forEach(([, v]) => v !== null && ys.push(v)));
        p.points?.forEach((s) => s.data.forEach(([, v]) => ys.push(v)));
        const domain = p.yDomain ?? paddedDomain(finiteExtent(ys), 0.06);
        const y = makeScale(false, domain, [plotH, 0]);
        if (!p.yDomain) y.nice();
        return y;
      }),
    [panels, plotH],
  );

  return (
    <div ref={ref} style={{ width: '100%' }}>
      <svg data-chart-svg width={width} height={height} role="img" aria-label={ariaLabel} fontFamily={theme.fontFamily}>
        <rect width={width} height={height} fill="#fff" />
        {legend.length > 0 && <SvgLegend items={legend} x={LEFT} y={4} width={width - LEFT - 10} />}
        {panels.map((p, i) => {
          const col = i % cols;
          const row = Math.floor(i / cols);
          const y = yScales[i];
          const ox = col * cellW + LEFT;
          const oy = legendH + row * panelHeight + TITLE;
          const clip = `${clipBase}-${i}`;
          const inX = (v: number) => Number.isFinite(v) && (!logX || v > 0);
          const [y0, y1] = y.domain();
          const span = Math.abs(y1 - y0);
          // off-scale spikes (a jump's finite difference) stay drawable without huge path numbers
          const clampY = (v: number) => Math.max(Math.min(y0, y1) - 3 * span, Math.min(Math.max(y0, y1) + 3 * span, v));
          const linesOf = (panel: Panel) =>
            panel.lines?.map((l, k) => {
              const path = line<readonly [number, number | null]>()
                .defined((d) => d[1] !== null && Number.isFinite(d[1]) && inX(d[0]))
                .x((d) => x(d[0]))
                .y((d) => y(clampY(d[1] as number)))
                .curve(l.step ? curveStepAfter : curveLinear);
              return (
                <path
                  key={`l${k}`}
                  d={path(l.data) ?? ''}
                  fill="none"
                  stroke={l.color}
                  strokeWidth={l.width ?? theme.stroke}
                  strokeDasharray={DASH[l.dash ?? 'solid']}
                  strokeLinecap={l.dash === 'dotted' ? 'round' : undefined}
                  strokeLinejoin="round"
                />
              );
            });
          return (
            <g key={p.key} transform={`translate(${ox},${oy})`}>
              {p.title && (
                <text x={0} y={-7} fontSize={theme.label} fontWeight={600} fill="#222">
                  {p.title}
                </text>
              )}
              <clipPath id={clip}>
                <rect width={plotW} height={plotH} />
              </clipPath>
              <g clipPath={`url(#${clip})`}>
                {p.bands?.map((b, k) => {
                  const a = x(Math.max(b.x0, xDomain[0]));
                  const c = x(Math.min(b.x1, xDomain[1]));
                  return c > a ? <rect key={`b${k}`} x={a} width={c - a} y={0} height={plotH} fill={b.color} opacity={b.opacity ?? 0.14} /> : null;
                })}
              </g>
              <Axis scale={y} orient="left" ticks={4} tickFormat={formatTick} grid={plotW} />
              <Axis scale={x} orient="bottom" y={plotH} ticks={Math.max(2, Math.floor(plotW / theme.px(80)))} tickValues={xTicks} tickFormat={xFormat} />
              <g clipPath={`url(#${clip})`}>
                {p.bands?.map((b, k) => {
                  if (!b.label) return null;
                  const a = x(Math.max(b.x0, xDomain[0]));
                  const c = x(Math.min(b.x1, xDomain[1]));
                  return c - a > 28 ? (
                    <text key={`bl${k}`} x={(a + c) / 2} y={plotH - 6} textAnchor="middle" fontSize={theme.px(12)} fill="#555">
                      {b.label}
                    </text>
                  ) : null;
                })}
                {!p.linesOver && linesOf(p)}
                {p.points?.map((s, k) => {
                  const xy = s.data.filter(([u, v]) => inX(u) && Number.isFinite(v)).map(([u, v]) => [x(u), y(v)] as const);
                  const r = s.r ?? theme.dot;
                  if (s.glyph === 'cross') {
                    const d = xy.map(([u, v]) => `M${(u - r).toFixed(1)},${(v - r).toFixed(1)}l${2 * r},${2 * r}m0,${-2 * r}l${-2 * r},${2 * r}`).join('');
                    return <path key={`p${k}`} d={d} stroke={s.color} strokeWidth={1.6} fill="none" />;
                  }
                  return (
                    <path
                      key={`p${k}`}
                      d={circlesPath(xy, r)}
                      fill={s.glyph === 'dot' ? s.color : '#fff'}
                      fillOpacity={s.glyph === 'dot' ? 0.85 : 0.6}
                      stroke={s.color}
                      strokeWidth={s.glyph === 'dot' ? 0 : 1.4}
                    />
                  );
                })}
                {p.linesOver && linesOf(p)}
              </g>
              {p.rules?.map((rule, k) => {
                const rx = x(rule.x);
                if (!(rx >= 0 && rx <= plotW)) return null;
                return (
                  <g key={`r${k}`}>
                    <line x1={rx} x2={rx} y1={0} y2={plotH} stroke={rule.color} strokeWidth={1.4} strokeDasharray={DASH[rule.dash ?? 'dashed']} />
                    {rule.label && (
                      <text
                        x={rule.side === 'left' ? rx - 3 : rx + 3}
                        y={theme.px(12) + (rule.row ?? k % 3) * theme.px(14)}
                        textAnchor={rule.side === 'left' ? 'end' : 'start'}
                        fontSize={theme.px(12)}
                        fill={rule.color}
                        fontWeight={600}
                        paintOrder="stroke"
                        stroke="#fff"
                        strokeWidth={4}
                        strokeLinejoin="round"
                      >
                        {rule.label}
                      </text>
                    )}
                  </g>
                );
              })}
              {p.note && (
                <text
                  x={p.noteInside ? plotW - 6 : plotW}
                  y={p.noteInside ? plotH * 0.5 : -7}
                  textAnchor="end"
                  fontSize={theme.annotation}
                  fill="#222"
                  fontWeight={600}
                >
                  {p.note.split('\n').map((part, j) => (
                    <tspan key={j} x={p.noteInside ? plotW - 6 : plotW} dy={j === 0 ? 0 : 16}>
                      {part}
                    </tspan>
                  ))}
                </text>
              )}
              <AxisLabel x={plotW / 2} y={plotH + theme.px(38)} text={xLabel} />
              <AxisLabel x={-theme.px(46)} y={plotH / 2} text={p.yLabel} rotate />
            </g>
          );
        })}
      </svg>
    </div>
  );
}
