/**
 * Survival curves: the fraction of replicas still trapped against optimizer steps (log axis), one
 * curve per temperature. Censored replicas keep the curve above zero at the end of the run and are
 * counted in the legend; they are never dropped.
 */
import { memo, useMemo } from 'react';
import { ChartFrame } from '../ChartFrame';
import { plotAxis, PlotFrame, useFrame } from '../kit/PlotFrame';
import { Line, Rule, Text } from '../kit/marks';
import { useChartTheme } from '../theme';
import type { LegendItem } from '../Legend';
import { INK } from '../palette';
import { decadeTicks } from '../scales';
import type { Row } from '../serialize';
import { fmtT, temperatureColor } from './common';
import { survivalCurve, type RunLike } from './escapeModel';

export interface SurvivalChartProps {
  runs: readonly RunLike[];
  steps: number;
  title?: string;
  subtitle?: string;
  height?: number;
  /** label per run instead of "T = …" (the SGD control) */
  labels?: string[];
  testId?: string;
}

const X_LABEL = 'optimizer steps after the noise is switched on (log)';

function SurvivalChartImpl({ runs, steps, title = 'Survival: fraction still trapped', subtitle, height = 300, labels, testId }: SurvivalChartProps) {
  const theme = useChartTheme();
  const curves = useMemo(() => runs.map((r) => survivalCurve(r.escapeTimes, steps)), [runs, steps]);
  const items: LegendItem[] = runs.map((r, i) => ({
    label: `${labels?.[i] ?? `T = ${fmtT(r.T)}`}${r.censored > 0 ? ` (${r.censored}/${r.escapeTimes.length} censored)` : ''}`,
    color: temperatureColor(i),
    glyph: 'line',
  }));
  const frame = useFrame({ height, legend: items, extraTop: Math.round(theme.annotation * 1.3), xLabel: X_LABEL });
  const { plotW, plotH } = frame;
  const first = Math.min(...runs.flatMap((r) => r.escapeTimes.filter((t): t is number => t !== null)), steps);
  const xDomain: [number, number] = [Math.max(1, Math.pow(10, Math.floor(Math.log10(Math.max(1, Math.min(first, steps / 100)))))), Math.max(10, steps)];
  const x = plotAxis({ domain: xDomain, log: true, tickValues: decadeTicks(xDomain), label: X_LABEL }, [0, plotW]);
  const y = plotAxis({ domain: [0, 1.02], label: 'fraction still trapped' }, [plotH, 0]);
  const lines = curves.map((c) => c.map((p) => [Math.max(xDomain[0], p.step), p.surviving] as const));
  const data = (): Row[] => curves.flatMap((c, i) => c.map((p) => ({ T: runs[i].T, step: p.step, surviving: p.surviving })));
  return (
    <ChartFrame title={title} subtitle={subtitle} data={data} meta={{ steps }} testId={testId}>
      <PlotFrame frame={frame} ariaLabel={title} x={x} y={y} clipPad={2}>
        <g clipPath={frame.clip}>
          <Rule orient="v" at={steps} scale={x.scale} span={[0, plotH]} color={INK.faint} dash="dashed" width={1} />
          {lines.map((l, i) => (
            <Line key={i} data={l} x={x.scale} y={y.scale} color={temperatureColor(i)} />
          ))}
        </g>
        {/* the curves fill the plot up to the end of the run: its note sits in a row of its own above it */}
        <Text x={x.scale(steps)} y={-theme.px(5)} anchor="end" color={INK.muted} halo={false}>
          end of run: censored ↓
        </Text>
      </PlotFrame>
    </ChartFrame>
  );
}

export const SurvivalChart = memo(SurvivalChartImpl);
