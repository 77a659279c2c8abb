/**
 * The grokking curve: per-output train and test MSE against optimizer steps (log axis, left), the
 * weak feature's singular value on a second axis (right), the escape step marked and the plateau
 * window shaded. Levels: the population noise floor (Bayes MSE) as a dotted line.
 */
import { memo } from 'react';
import type { GrokkingResult } from '../../experiments/grokking';
import { ChartFrame } from '../ChartFrame';
import { samplePolyline } from '../kit/labels';
import { plotAxis, PlotFrame, useFrame } from '../kit/PlotFrame';
import { Band, dotPositions, Labels, Line, Rule, type LabelSpec, type XY } from '../kit/marks';
import type { LegendItem } from '../Legend';
import { INK, OKABE_ITO, SERIES_COLORS } from '../palette';
import type { Row } from '../serialize';
import { fmtNum } from './common';

export interface GrokkingChartProps {
  result: GrokkingResult;
  title: string;
  subtitle?: string;
  /** population noise floor (Bayes MSE per output), drawn as a level */
  noiseFloor?: number;
  height?: number;
  testId?: string;
}

const WEAK = OKABE_ITO.green;

function GrokkingChartImpl({ result, title, subtitle, noiseFloor, height = 340, testId }: GrokkingChartProps) {
  const pts = result.points.filter((p) => p.step >= 1);
  const items: LegendItem[] = [
    { label: `train (${result.trainSize})`, color: SERIES_COLORS.train, glyph: 'line' },
    { label: `test (${result.testSize})`, color: SERIES_COLORS.test, glyph: 'line' },
    { label: 'σ₂ weak (right)', color: WEAK, glyph: 'dashed' },
    ...(noiseFloor !== undefined ? [{ label: 'noise floor', color: SERIES_COLORS.theory, glyph: 'dotted' as const }] : []),
  ];
  const frame = useFrame({ height, legend: items, right: {} });
  const { plotW, plotH, theme } = frame;
  const last = pts.length > 0 ? pts[pts.length - 1].step : 10;
  const ax = plotAxis({ domain: [1, Math.max(10, last)], log: true, label: 'optimizer step t after the trap  (log)' }, [0, plotW]);
  const yTop = Math.max(...pts.map((p) => Math.max(p.train, p.test)), noiseFloor ?? 0) * 1.08;
  const ay = plotAxis({ domain: [0, yTop], nice: true, label: 'MSE per output' }, [plotH, 0]);
  const wTop = Math.max(0.1, ...pts.map((p) => p.weak)) * 1.1;
  const ayw = plotAxis({ domain: [0, wTop], nice: true, label: 'weak singular value σ₂' }, [plotH, 0]);
  const x = ax.scale;
  const series = {
    weak: pts.map((p): XY => [p.step, p.weak]),
    train: pts.map((p): XY => [p.step, p.train]),
    test: pts.map((p): XY => [p.step, p.test]),
  };
  const [w0, w1] = result.plateauWindow;
  const data = (): Row[] =>
    result.points.map((p) => ({ step: p.step, trainMSE: p.train, testMSE: p.test, weakSingularValue: p.weak, strongSingularValue: p.strong }));
  const esc = result.escapeStep;
  // the annotations keep off the three curves and each other
  const plot = { x: 0, y: 0, width: plotW, height: plotH };
  const curves = [
    ...samplePolyline(dotPositions(series.train as [number, number][], x, ay.scale), 4, theme.stroke, plot),
    ...samplePolyline(dotPositions(series.test as [number, number][], x, ay.scale), 4, theme.stroke, plot),
    ...samplePolyline(dotPositions(series.weak as [number, number][], x, ayw.scale), 4, theme.stroke, plot),
    ...(esc !== null
      ? samplePolyline(
          [
            [x(esc), 0],
            [x(esc), plotH],
          ],
          4,
          1,
        )
      : []),
  ];
  const notes: LabelSpec[] = [];
  if (w1 > w0 && w0 >= 1) {
    const mid = Math.sqrt(w0 * w1);
    notes.push({ text: `plateau: gap ${fmtNum(result.plateauGap)}`, color: INK.muted, anchor: { x: x(mid), y: plotH / 2 }, prefer: ['above', 'below'] });
  }
  if (esc !== null)
    notes.push({
      text: `escape at t = ${esc}`,
      color: INK.text,
      anchor: { x: x(esc), y: theme.annotation },
      prefer: x(esc) > plotW * 0.6 ? ['left', 'right'] : ['right', 'left'],
    });
  return (
    <ChartFrame
      title={title}
      subtitle={subtitle}
      data={data}
      meta={{ escapeStep: esc, plateauGap: result.plateauGap, finalGap: result.finalGap, plateauWindow: result.plateauWindow, sampleEta: result.sampleEta }}
      testId={testId}
    >
      <PlotFrame frame={frame} ariaLabel={title} x={ax} y={ay} y2={ayw}>
        <g clipPath={frame.clip}>
          {w1 > w0 && w0 >= 1 && <Band x={x} color={INK.shade} opacity={0.05} interval={{ x0: w0, x1: w1, height: plotH }} />}
          {noiseFloor !== undefined && <Rule orient="h" at={noiseFloor} scale={ay.scale} span={[0, plotW]} color={SERIES_COLORS.theory} dash="dotted" />}
          <Line data={series.weak} x={x} y={ayw.scale} color={WEAK} dash="dashed" />
          <Line data={series.train} x={x} y={ay.scale} color={SERIES_COLORS.train} />
          <Line data={series.test} x={x} y={ay.scale} color={SERIES_COLORS.test} />
        </g>
        {esc !== null && <Rule orient="v" at={esc} scale={x} span={[0, plotH]} color={INK.text} dash="solid" />}
        <Labels labels={notes} avoid={{ points: curves, bounds: plot, maxSteps: 16 }} />
      </PlotFrame>
    </ChartFrame>
  );
}

export const GrokkingChart = memo(GrokkingChartImpl);
