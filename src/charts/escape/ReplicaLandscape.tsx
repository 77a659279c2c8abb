/**
 * The trapped feature's exact reduced loss ℓ(p) at the run's γ (sample η̂ and a), with the barrier
 * shaded (between ℓ(0) = 0 and the saddle level, from the trap to the saddle), the escape threshold,
 * and the replicas as dots at (|p|, ℓ(|p|)) from one snapshot of the job, coloured by temperature.
 * Replicas are not moving live here: each frame is a stored snapshot (the step is written on the chart).
 */
import { memo, useMemo, useState } from 'react';
import { ChartFrame, ToggleButton } from '../ChartFrame';
import { samplePolyline, type Point } from '../kit/labels';
import { plotAxis, PlotFrame, useFrame } from '../kit/PlotFrame';
import { withExtraTop } from '../kit/layout';
import { labelLines, Labels, Line, Rule, Text, type LabelSpec } from '../kit/marks';
import type { LegendItem } from '../Legend';
import { BARRIER_COLORS, INK, OKABE_ITO } from '../palette';
import type { Row } from '../serialize';
import { reducedLoss, stationaryPoints } from '../theory';
import { fmtNum, fmtT, temperatureColor } from './common';

/** dots drawn per temperature (the CSV export keeps every replica) */
const DOTS_PER_T = 200;

export interface ReplicaLandscapeProps {
  depth: number;
  gamma: number;
  eta: number;
  a: number;
  threshold: number;
  temperatures: number[];
  /** singular value of the trapped feature per replica (its |p|), temperature-major */
  p: readonly number[];
  step: number;
  height?: number;
  title?: string;
  testId?: string;
}

function ReplicaLandscapeImpl(props: ReplicaLandscapeProps) {
  const {
    depth,
    gamma,
    eta,
    a,
    threshold,
    temperatures,
    p,
    step,
    height = 320,
    title = 'Replicas on the landscape ℓ(p) of the trapped feature',
    testId,
  } = props;
  const [zoom, setZoom] = useState(false);
  const { learned, saddle } = stationaryPoints(depth, eta, gamma, a);
  const ell = (q: number) => reducedLoss(q, gamma, depth, eta, a);
  // zoomed: the trap and its barrier only (the saddle sits very close to p = 0)
  const pMax = zoom && saddle !== null ? 4 * saddle : 1.25 * (learned ?? eta / a);
  const curve = useMemo(
    () => Array.from({ length: 301 }, (_, i) => (pMax * i) / 300).map((q) => [q, reducedLoss(q, gamma, depth, eta, a)] as const),
    [pMax, gamma, depth, eta, a],
  );
  const losses = curve.map((c) => c[1]);
  const lo = Math.min(...losses, zoom ? 0 : Infinity);
  const hi = Math.max(...losses, saddle !== null ? ell(saddle) : 0);
  const span = hi - lo || 1;
  const items: LegendItem[] = [
    ...temperatures.map((T, i) => ({ label: `T = ${fmtT(T)}`, color: temperatureColor(i), glyph: 'dot' as const })),
    { label: 'ℓ(p) exact', color: INK.text, glyph: 'line' },
    { label: 'escape threshold', color: OKABE_ITO.purple, glyph: 'dashed' },
  ];
  const perT = temperatures.length > 0 ? Math.floor(p.length / temperatures.length) : 0;
  const beyond = p.filter((v) => v > pMax).length;
  const sampled = perT > DOTS_PER_T ? ` · ${DOTS_PER_T} of ${perT} replicas per T drawn` : '';
  const stepNote = `t = ${step} steps${sampled}${beyond > 0 ? ` · ${beyond} beyond the right edge (not drawn)` : ''}`;
  const base = useFrame({ height, legend: items });
  // the snapshot's step gets a strip of its own above the plot (wrapped to the plot's width), clear of the data
  const stepLines = labelLines(stepNote, base.theme, base.plotW);
  const stepRow = Math.round(base.theme.annotation * 1.25);
  const frame = withExtraTop(base, stepLines.length * stepRow + base.theme.px(4));
  const { plotW, plotH, theme } = frame;
  const ax = plotAxis({ domain: [0, pMax], label: "trapped feature's singular value σ = |p|" }, [0, plotW]);
  const ay = plotAxis({ domain: [lo - 0.1 * span, hi + 0.25 * span], label: 'ℓ(p) − ℓ(0)' }, [plotH, 0]);
  const x = ax.scale;
  const y = ay.scale;
  const barrier = saddle !== null ? ell(saddle) : null;
  const dotR = theme.px(4);
  // thousands of replicas per T would be thousands of SVG nodes per snapshot: draw a fixed sample of each T
  const drawn = (v: number, r: number) => v <= pMax && (perT <= DOTS_PER_T || r % perT < DOTS_PER_T);
  const dots: Point[] = p.filter(drawn).map((v) => ({ x: x(v), y: y(ell(v)), r: dotR }));
  // the three annotations keep off the curve, the replicas, the threshold rule and each other
  const plot = { x: 0, y: 0, width: plotW, height: plotH };
  const avoid: Point[] = [
    ...dots,
    ...samplePolyline(
      curve.map(([q, l]) => [x(q), y(l)] as const),
      4,
      theme.stroke,
      plot,
    ),
    ...samplePolyline(
      [
        [x(threshold), 0],
        [x(threshold), plotH],
      ],
      4,
      1,
    ),
    // the barrier's level and ℓ = 0: labels must not sit on these rules either
    ...[barrier, 0].flatMap((level) =>
      level === null
        ? []
        : samplePolyline(
            [
              [0, y(level)],
              [plotW, y(level)],
            ],
            4,
            1,
            plot,
          ),
    ),
  ];
  const notes: LabelSpec[] = [];
  if (barrier !== null && saddle !== null)
    notes.push({
      text: `barrier B = ${fmtNum(barrier)} at saddle p = ${fmtNum(saddle)}`,
      color: BARRIER_COLORS.text,
      anchor: { x: Math.max(x(saddle), 4), y: y(barrier) },
      prefer: ['above-right', 'below-right'],
    });
  notes.push({
    text: `threshold p = ${fmtNum(threshold)}`,
    color: OKABE_ITO.purple,
    anchor: { x: x(threshold), y: theme.annotation },
    prefer: ['right', 'left'],
  });
  if (learned !== null && learned <= pMax)
    notes.push({ text: `learned p = ${fmtNum(learned)}`, color: INK.text, anchor: { x: x(learned), y: y(ell(learned)) }, prefer: ['above', 'below'] });
  const data = (): Row[] => p.map((v, r) => ({ replica: r, T: temperatures[Math.floor(r / Math.max(1, perT))], p: v, loss: ell(v), step }));
  return (
    <ChartFrame
      title={title}
      subtitle={
        <>
          ℓ(p) = a p² − 2η̂p + nγ|p|<sup>2/n</sup>, η̂ = {fmtNum(eta)}, a = {fmtNum(a)}, γ = {fmtNum(gamma)}; dots: job snapshot at t = {step} steps
        </>
      }
      data={data}
      meta={{ depth, gamma, eta, a, threshold, step, saddle, learned, barrier }}
      testId={testId}
      toolbar={<ToggleButton pressed={zoom} onToggle={() => setZoom((z) => !z)} label="zoom on barrier" title="show only 0 ≤ p ≤ 4 × saddle" />}
    >
      <PlotFrame frame={frame} ariaLabel={title} x={ax} y={ay} clipPad={theme.px(8)}>
        <g clipPath={frame.clip}>
          {barrier !== null && saddle !== null && (
            <g>
              <rect x={0} width={Math.max(2, x(saddle))} y={y(barrier)} height={y(0) - y(barrier)} fill={BARRIER_COLORS.fill} fillOpacity={0.35} />
              <Rule orient="h" at={barrier} scale={y} span={[0, plotW]} color={BARRIER_COLORS.fill} dash="dashed" width={1} />
            </g>
          )}
          <Rule orient="h" at={0} scale={y} span={[0, plotW]} color={INK.zero} dash="solid" width={1} />
          <Line data={curve} x={x} y={y} color={INK.text} />
          <Rule orient="v" at={threshold} scale={x} span={[0, plotH]} color={OKABE_ITO.purple} dash="dashed" />
          {p.map((v, r) =>
            !drawn(v, r) ? null : (
              <circle
                key={r}
                cx={x(v)}
                cy={y(ell(v))}
                r={dotR}
                fill={temperatureColor(Math.floor(r / Math.max(1, perT)))}
                fillOpacity={0.45}
                stroke={INK.paper}
                strokeWidth={0.5}
              />
            ),
          )}
        </g>
        <Labels labels={notes} avoid={{ points: avoid, bounds: plot, maxSteps: 16 }} />
        {stepLines.map((line, j) => (
          <Text key={`s${j}`} x={plotW} y={-theme.px(4) - (stepLines.length - 1 - j) * stepRow - stepRow * 0.25} anchor="end" color={INK.text} halo={false}>
            {line}
          </Text>
        ))}
      </PlotFrame>
    </ChartFrame>
  );
}

export const ReplicaLandscape = memo(ReplicaLandscapeImpl);
