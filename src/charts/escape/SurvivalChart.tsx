/**
 * Survival curves: the fraction of replicas still trapped against optimizer steps (log axis), one
 * curve per temperature. Censored replicas keep the curve above zero at the end of the run and are
 * counted in the legend; they are never dropped.
 */
import { memo, useMemo } from 'react';
import { ChartFrame } from '../ChartFrame';
import { plotAxis, PlotFrame, useFrame } from '../kit/PlotFrame';
import { samplePolyline } from '../kit/labels';
import { dotPositions, labelSize, Labels, Line, Rule, type LabelSpec } from '../kit/marks';
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

function SurvivalChartImpl({ runs, steps, title = 'Survival: fraction still trapped', subtitle, height = 300, labels, testId }: SurvivalChartProps) {
  const curves = useMemo(() => runs.map((r) => survivalCurve(r.escapeTimes, steps)), [runs, steps]);
  const items: LegendItem[] = runs.map((r, i) => ({
    label: `${labels?.[i] ?? `T = ${fmtT(r.T)}`}${r.censored > 0 ? ` (${r.censored}/${r.escapeTimes.length} censored)` : ''}`,
    color: temperatureColor(i),
    glyph: 'line',
  }));
  const frame = useFrame({ height, legend: items });
  const { plotW, plotH, theme } = frame;
  const first = Math.min(...runs.flatMap((r) => r.escapeTimes.filter((t): t is number => t !== null)), steps);
  const xDomain: [number, number] = [Math.max(1, Math.pow(10, Math.floor(Math.log10(Math.max(1, Math.min(first, steps / 100)))))), Math.max(10, steps)];
  const x = plotAxis({ domain: xDomain, log: true, tickValues: decadeTicks(xDomain), label: 'optimizer steps after the noise is switched on  (log)' }, [
    0,
    plotW,
  ]);
  const y = plotAxis({ domain: [0, 1.02], label: 'fraction still trapped' }, [plotH, 0]);
  // the end-of-run note sits left of its rule at the top, or where the curves leave room (with a leader)
  const lines = curves.map((c) => c.map((p) => [Math.max(xDomain[0], p.step), p.surviving] as const));
  const curvePoints = lines.flatMap((l) => samplePolyline(dotPositions(l, x.scale, y.scale), 4, theme.stroke / 2));
  const noteText = 'end of run: censored →';
  const noteW = labelSize(noteText, theme).width;
  const endNote: LabelSpec = {
    text: noteText,
    color: INK.muted,
    anchor: { x: x.scale(steps), y: 0 },
    at: [{ x: x.scale(steps) - 4 - noteW, y: 2 }],
    slide: 'y',
  };
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
        <Labels labels={[endNote]} avoid={{ points: curvePoints, bounds: { x: 0, y: 0, width: plotW, height: plotH }, avoidAnchors: false }} />
      </PlotFrame>
    </ChartFrame>
  );
}

export const SurvivalChart = memo(SurvivalChartImpl);
