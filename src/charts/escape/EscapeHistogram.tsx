/**
 * Escape-time histogram on log-spaced bins, one outline per temperature, with a separate "censored"
 * column at the right (replicas still trapped at the end: their escape time is only known to exceed
 * the run length).
 */
import { memo, useMemo } from 'react';
import { ChartFrame } from '../ChartFrame';
import { plotAxis, PlotFrame, useFrame } from '../kit/PlotFrame';
import { Text } from '../kit/marks';
import type { LegendItem } from '../Legend';
import { INK } from '../palette';
import { decadeTicks } from '../scales';
import type { Row } from '../serialize';
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

function EscapeHistogramImpl({ runs, steps, bins = 28, height = 300, testId }: EscapeHistogramProps) {
  const theme = useChartTheme();
  const censoredW = theme.px(56);
  const items: LegendItem[] = runs.map((r, i) => ({ label: `T = ${fmtT(r.T)}`, color: temperatureColor(i), glyph: 'line' }));
  const frame = useFrame({ height, legend: items, extraRight: censoredW });
  const { plotW, plotH } = frame;
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
  const ax = plotAxis({ domain: [lo, hi], log: true, tickValues: decadeTicks([lo, hi]), label: 'escape time τ  (optimizer steps, log)' }, [0, plotW]);
  const ay = plotAxis({ domain: [0, top * 1.08], label: 'replicas per bin' }, [plotH, 0]);
  const x = ax.scale;
  const y = ay.scale;
  const outline = (h: { x0: number; x1: number; count: number }[]) =>
    `M${x(h[0].x0)},${y(0)}` + h.map((b) => `V${y(b.count)}H${x(b.x1)}`).join('') + `V${y(0)}`;
  const cw = censoredW / Math.max(1, runs.length);
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
      <PlotFrame frame={frame} ariaLabel="Escape-time histogram" x={ax} y={ay}>
        {hist.map((h, i) => (
          <path key={i} d={outline(h)} fill={temperatureColor(i)} fillOpacity={0.12} stroke={temperatureColor(i)} strokeWidth={theme.thin} />
        ))}
        <g transform={`translate(${plotW + theme.px(8)},0)`}>
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
          <line x1={-2} x2={censoredW} y1={plotH} y2={plotH} stroke={INK.text} />
          <Text x={censoredW / 2} y={plotH + theme.px(18)} anchor="middle" color={INK.text} halo={false}>
            censored
          </Text>
        </g>
      </PlotFrame>
    </ChartFrame>
  );
}

export const EscapeHistogram = memo(EscapeHistogramImpl);
