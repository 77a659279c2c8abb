/**
 * One small line/dot chart for the Papers view's cards: measured series (solid lines or dots),
 * reference curves (dashed), vertical and horizontal markers, linear or log axes. Built from the
 * chart kit's ChartFrame and Axis; what to draw comes in as plain numbers.
 */
import { memo, useId } from 'react';
import { line, scaleLinear, scaleLog } from 'd3';
import { Axis, AxisLabel, ChartFrame, formatTick, SvgLegend, legendHeight, useChartTheme, useElementWidth, type LegendItem, type Row } from './chartKit';

export interface PaperSeries {
  label: string;
  color: string;
  points: [number, number][];
  /** 'line' (measured), 'dashed' (reference), 'dots' (per-replica or per-seed values) */
  style: 'line' | 'dashed' | 'dots';
  /** thinner, paler: "linear theory, for reference" */
  faint?: boolean;
}

export interface PaperMarker {
  at: number;
  label: string;
  color?: string;
}

export interface PaperChartProps {
  title: string;
  subtitle?: string;
  series: PaperSeries[];
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  xDomain?: [number, number];
  yDomain?: [number, number];
  vlines?: PaperMarker[];
  hlines?: PaperMarker[];
  /** explicit x ticks (e.g. run numbers) */
  xTickValues?: number[];
  /** height of the plot area; the legend and axes add to it, so a wrapped legend on a phone does not squash the plot */
  plotHeight?: number;
  testId?: string;
}

const finite = (v: number, log: boolean) => Number.isFinite(v) && (!log || v > 0);

function extent(values: number[], log: boolean, fallback: [number, number]): [number, number] {
  const ok = values.filter((v) => finite(v, log));
  if (ok.length === 0) return fallback;
  let [lo, hi] = [Math.min(...ok), Math.max(...ok)];
  if (lo === hi) [lo, hi] = log ? [lo / 2, hi * 2] : [lo - 0.5, hi + 0.5];
  return [lo, hi];
}

function PaperChartImpl({
  title,
  subtitle,
  series,
  xLabel,
  yLabel,
  xLog = false,
  yLog = false,
  xDomain,
  yDomain,
  vlines = [],
  hlines = [],
  xTickValues,
  plotHeight = 210,
  testId,
}: PaperChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(420);
  const theme = useChartTheme();
  const clipId = `pp-clip-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const items: LegendItem[] = series.map((s) => ({
    label: s.label,
    color: s.color,
    glyph: s.style === 'dots' ? 'dot' : s.style === 'dashed' ? 'dashed' : 'line',
  }));
  const margin = { left: theme.px(58), right: 14, bottom: theme.px(46), top: 8 + legendHeight(items, width - theme.px(72), theme.font) + 8 };
  const plotW = Math.max(40, width - margin.left - margin.right);
  const plotH = plotHeight;
  const height = margin.top + plotH + margin.bottom;
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const xd = xDomain ?? extent(xs, xLog, [0, 1]);
  const yd = yDomain ?? extent([...ys, ...(yLog ? [] : [0])], yLog, [0, 1]);
  const x = (xLog ? scaleLog() : scaleLinear()).domain(xd).range([0, plotW]);
  const y = (yLog ? scaleLog() : scaleLinear()).domain(yd).range([plotH, 0]);
  if (!yDomain && !yLog) y.nice();
  const path = (points: [number, number][]) =>
    line<[number, number]>()
      .defined((p) => finite(p[0], xLog) && finite(p[1], yLog))
      .x((p) => x(p[0]))
      .y((p) => y(p[1]))(points) ?? '';
  const data = (): Row[] => series.flatMap((s) => s.points.map(([a, b]) => ({ series: s.label, x: a, y: b })));
  const inX = (v: number) => finite(v, xLog) && v >= Math.min(...xd) && v <= Math.max(...xd);
  const inY = (v: number) => finite(v, yLog) && v >= Math.min(...y.domain()) && v <= Math.max(...y.domain());
  return (
    <ChartFrame title={title} subtitle={subtitle} data={data} testId={testId}>
      <div ref={ref} style={{ width: '100%' }}>
        <svg data-chart-svg width={width} height={height} role="img" aria-label={title} fontFamily={theme.fontFamily}>
          <SvgLegend items={items} x={margin.left} y={8} width={width - theme.px(72)} />
          <g transform={`translate(${margin.left},${margin.top})`}>
            <Axis scale={y} orient="left" ticks={5} tickFormat={formatTick} grid={plotW} />
            <Axis
              scale={x}
              orient="bottom"
              y={plotH}
              ticks={Math.max(2, Math.min(6, Math.floor(plotW / 70)))}
              tickValues={xTickValues}
              tickFormat={formatTick}
            />
            <clipPath id={clipId}>
              <rect width={plotW} height={plotH} />
            </clipPath>
            <g clipPath={`url(#${clipId})`}>
              {hlines
                .filter((h) => inY(h.at))
                .map((h) => (
                  <line key={`h${h.label}`} x1={0} x2={plotW} y1={y(h.at)} y2={y(h.at)} stroke={h.color ?? '#555'} strokeWidth={1.2} strokeDasharray="2 4" />
                ))}
              {vlines
                .filter((v) => inX(v.at))
                .map((v) => (
                  <line key={`v${v.label}`} x1={x(v.at)} x2={x(v.at)} y1={0} y2={plotH} stroke={v.color ?? '#555'} strokeWidth={1.2} strokeDasharray="4 3" />
                ))}
              {series.map((s) =>
                s.style === 'dots' ? (
                  <g key={s.label} fill={s.color}>
                    {s.points
                      .filter((p) => finite(p[0], xLog) && finite(p[1], yLog))
                      .map((p, i) => (
                        <circle key={i} cx={x(p[0])} cy={y(p[1])} r={theme.dot + 0.5} fillOpacity={0.8} />
                      ))}
                  </g>
                ) : (
                  <path
                    key={s.label}
                    d={path(s.points)}
                    fill="none"
                    stroke={s.color}
                    strokeWidth={s.faint ? 1.2 : theme.stroke}
                    strokeOpacity={s.faint ? 0.55 : 1}
                    strokeDasharray={s.style === 'dashed' ? '6 4' : undefined}
                  />
                ),
              )}
            </g>
            {vlines
              .filter((v) => inX(v.at))
              .map((v, i) => (
                <text
                  key={`vt${v.label}`}
                  x={x(v.at) > plotW * 0.65 ? x(v.at) - 4 : x(v.at) + 4}
                  y={14 + 15 * i}
                  textAnchor={x(v.at) > plotW * 0.65 ? 'end' : 'start'}
                  fontSize={theme.annotation - 1}
                  fill={v.color ?? '#333'}
                  paintOrder="stroke"
                  stroke="#fff"
                  strokeWidth={3}
                >
                  {v.label}
                </text>
              ))}
            {hlines
              .filter((h) => inY(h.at))
              .map((h) => (
                <text
                  key={`ht${h.label}`}
                  x={plotW - 4}
                  y={y(h.at) - 4}
                  textAnchor="end"
                  fontSize={theme.annotation - 1}
                  fill={h.color ?? '#333'}
                  paintOrder="stroke"
                  stroke="#fff"
                  strokeWidth={3}
                >
                  {h.label}
                </text>
              ))}
            <AxisLabel x={plotW / 2} y={plotH + theme.px(38)} text={xLabel} />
            <AxisLabel x={-theme.px(44)} y={plotH / 2} text={yLabel} rotate />
          </g>
        </svg>
      </div>
    </ChartFrame>
  );
}

export const PaperChart = memo(PaperChartImpl);
