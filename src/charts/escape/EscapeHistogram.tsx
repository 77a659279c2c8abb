/**
 * Escape-time histogram on log-spaced bins, one outline per temperature, with a separate "censored"
 * column at the right (replicas still trapped at the end: their escape time is only known to exceed
 * the run length).
 */
import { memo, useMemo } from 'react';
import { Axis, AxisLabel, formatTick } from '../Axis';
import { ChartFrame } from '../ChartFrame';
import { legendHeight, SvgLegend, type LegendItem } from '../Legend';

import { decadeTicks, makeScale } from '../scales';
import type { Row } from '../serialize';
import { useElementWidth } from '../useElementWidth';
import { fmtT, temperatureColor } from './common';
import { logBins, type RunLike } from './escapeModel';
import { useChartTheme } from '../theme';

export interface EscapeHistogramProps {
  runs: readonly RunLike[];
  steps: number;
  bins?: number;
  height?: number;
  testId?: string;
}

const CENSORED_W = 56;

function EscapeHistogramImpl({ runs, steps, bins = 28, height = 300, testId }: EscapeHistogramProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const theme = useChartTheme();
  const items: LegendItem[] = runs.map((r, i) => ({ label: `T = ${fmtT(r.T)}`, color: temperatureColor(i), glyph: 'line' }));
  const margin = { left: theme.px(62), right: 12 + CENSORED_W, bottom: theme.px(50), top: 10 + legendHeight(items, width - 74 - CENSORED_W, theme.font) + 6 };
  const plotW = Math.max(40, width - margin.left - margin.right);
  const plotH = Math.max(40, height - margin.top - margin.bottom);
  const all = runs.flatMap((r) => r.escapeTimes.filter((t): t is number => t !== null));
  const lo = Math.max(1, Math.pow(10, Math.floor(Math.log10(Math.max(1, Math.min(...all, steps))))));
  const hi = Math.max(lo * 10, steps);
  const hist = useMemo(
    () =>
      runs.map((r) =>
        logBins(
          r.escapeTimes.filter((t): t is number => t !== null),
          lo,
          hi,
          bins,
        ),
      ),
    [runs, lo, hi, bins],
  );
  const top = Math.max(1, ...hist.flatMap((h) => h.map((b) => b.count)), ...runs.map((r) => r.censored));
  const x = makeScale(true, [lo, hi], [0, plotW]);
  const y = makeScale(false, [0, top * 1.08], [plotH, 0]);
  const outline = (h: { x0: number; x1: number; count: number }[]) =>
    `M${x(h[0].x0)},${y(0)}` + h.map((b) => `V${y(b.count)}H${x(b.x1)}`).join('') + `V${y(0)}`;
  const cw = CENSORED_W / Math.max(1, runs.length);
  const data = (): Row[] => [
    ...hist.flatMap((h, i) => h.map((b) => ({ T: runs[i].T, binFrom: b.x0, binTo: b.x1, count: b.count }))),
    ...runs.map((r) => ({ T: r.T, binFrom: steps, binTo: 'censored', count: r.censored })),
  ];
  return (
    <ChartFrame
      title="Escape-time histogram"
      subtitle="log-spaced bins; the right column counts the censored replicas (τ > run length)"
      data={data}
      meta={{ steps, bins }}
      testId={testId}
    >
      <div ref={ref} style={{ width: '100%' }}>
        <svg data-chart-svg width={width} height={height} role="img" aria-label="Escape-time histogram" fontFamily={theme.fontFamily}>
          <SvgLegend items={items} x={margin.left} y={8} width={width - margin.left - margin.right} />
          <g transform={`translate(${margin.left},${margin.top})`}>
            <Axis scale={y} orient="left" ticks={5} tickFormat={formatTick} grid={plotW} />
            <Axis scale={x} orient="bottom" y={plotH} tickValues={decadeTicks([lo, hi])} tickFormat={formatTick} />
            {hist.map((h, i) => (
              <path key={i} d={outline(h)} fill={temperatureColor(i)} fillOpacity={0.12} stroke={temperatureColor(i)} strokeWidth={1.8} />
            ))}
            <g transform={`translate(${plotW + 8},0)`}>
              {runs.map((r, i) => (
                <rect
                  key={i}
                  x={i * cw}
                  y={y(r.censored)}
                  width={Math.max(1, cw - 1)}
                  height={plotH - y(r.censored)}
                  fill={temperatureColor(i)}
                  fillOpacity={0.35}
                  stroke={temperatureColor(i)}
                />
              ))}
              <line x1={-2} x2={CENSORED_W} y1={plotH} y2={plotH} stroke="#333" />
              <text x={CENSORED_W / 2} y={plotH + theme.px(18)} textAnchor="middle" fontSize={theme.annotation} fill="#333">
                censored
              </text>
            </g>
            <AxisLabel x={plotW / 2} y={plotH + theme.px(42)} text="escape time τ  (optimizer steps, log)" />
            <AxisLabel x={-theme.px(46)} y={plotH / 2} text="replicas per bin" rotate />
          </g>
        </svg>
      </div>
    </ChartFrame>
  );
}

export const EscapeHistogram = memo(EscapeHistogramImpl);
