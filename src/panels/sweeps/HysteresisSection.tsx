/** The hysteresis loop of one net (up then down, chain mode) and the loop area against ramp rate. */
import { useEffect, useMemo, useState } from 'react';
import { ChartFrame, ToggleButton } from '../../charts/ChartFrame';
import { OKABE_ITO, SERIES_COLORS } from '../../charts/palette';
import type { LegendItem } from '../../charts/Legend';
import { PanelGrid, type Panel } from '../../charts/sweeps/PanelGrid';
import { loopArea } from '../../experiments/sweepAnalysis';
import type { HysteresisOutcome, RampOutcome } from '../../state/sweeps';
import { gammaGrid, theoryLoopArea } from '../../physics';
import { theoryBranches } from './theoryCurves';
import { rampRows } from '../../experiments/rampLoop';
import { thresholdRules } from './OrderParameterSection';

const REPLAY_MS = 70;

/** replay of the sweep in the order it was walked: how many points are shown (null = all) */
function useReplay(total: number): { shown: number | null; playing: boolean; toggle: () => void } {
  const [shown, setShown] = useState<number | null>(null);
  const playing = shown !== null;
  useEffect(() => {
    if (shown === null) return;
    if (shown >= total) {
      const done = setTimeout(() => setShown(null), 600);
      return () => clearTimeout(done);
    }
    const next = setTimeout(() => setShown((n) => (n === null ? null : n + 1)), REPLAY_MS);
    return () => clearTimeout(next);
  }, [shown, total]);
  return { shown, playing, toggle: () => setShown((n) => (n === null ? 1 : null)) };
}

export function HysteresisLoop({ outcome }: { outcome: HysteresisOutcome }) {
  const modes = outcome.modes;
  const [fullUp, fullDown] = outcome.runs;
  const replay = useReplay(fullUp.points.length + fullDown.points.length);
  const upCount = replay.shown === null ? fullUp.points.length : Math.min(replay.shown, fullUp.points.length);
  const downCount = replay.shown === null ? fullDown.points.length : Math.max(0, replay.shown - fullUp.points.length);
  const replaying = replay.shown !== null;
  const { up, down, current } = useMemo(() => {
    const up = { ...fullUp, points: fullUp.points.slice(0, upCount) };
    const down = { ...fullDown, points: fullDown.points.slice(0, downCount) };
    const current = !replaying ? null : downCount > 0 ? down.points[downCount - 1] : up.points[upCount - 1];
    return { up, down, current };
  }, [fullUp, fullDown, upCount, downCount, replaying]);
  const area = loopArea(fullUp.points, fullDown.points);
  const eta = modes.etas[0];
  const a = modes.strengths[0];
  const exactArea = theoryLoopArea(outcome.depth, eta, a, outcome.gammas);
  const gammaMax = outcome.gammas[outcome.gammas.length - 1];
  const xDomain = useMemo((): [number, number] => [0, gammaMax], [gammaMax]);
  const panels: Panel[] = useMemo(() => {
    const fine = gammaGrid(1e-4, xDomain[1], 400);
    const t = theoryBranches(outcome.depth, eta, a, fine);
    const pts = (run: typeof up) => run.points.map((p) => [p.gamma, Math.abs(p.modeOverlaps[0])] as const);
    return [
      {
        key: 'loop',
        title: `D = ${outcome.depth}, ${outcome.stepsPerGamma} steps/γ: loop area ${area.toFixed(3)} (exact ${exactArea.toFixed(3)})`,
        yLabel: 'order parameter p',
        yDomain: [0, 1.1 * (eta / a)],
        lines: [
          { color: '#999', width: 1.2, data: t.global },
          { color: '#999', width: 1.2, dash: 'dashed', data: t.metastable },
          { color: SERIES_COLORS.up, width: 1.6, data: pts(up).map(([g, p]) => [g, p] as [number, number | null]) },
          { color: SERIES_COLORS.down, width: 1.6, data: pts(down).map(([g, p]) => [g, p] as [number, number | null]) },
        ],
        points: [
          { color: SERIES_COLORS.up, glyph: 'dot', data: pts(up), r: 3.2 },
          { color: SERIES_COLORS.down, glyph: 'hollow', data: pts(down), r: 3.6 },
          ...(current ? [{ color: '#000', glyph: 'hollow' as const, data: [[current.gamma, Math.abs(current.modeOverlaps[0])] as const], r: 8 }] : []),
        ],
        rules: thresholdRules(outcome.depth, { ...modes, etas: [eta], strengths: [a] }),
        bands: [],
      },
    ];
  }, [outcome, modes, eta, a, area, exactArea, xDomain, up, down, current]);
  const legend: LegendItem[] = [
    { label: 'sweep up (from learned)', color: SERIES_COLORS.up, glyph: 'dot' },
    { label: 'sweep down (continuing)', color: SERIES_COLORS.down, glyph: 'hollow' },
    { label: 'global minimum / metastable (theory)', color: '#999', glyph: 'line' },
  ];
  const data = () => [
    ...fullUp.points.map((p) => ({ direction: 'up', gamma: p.gamma, p: p.modeOverlaps[0], normSq: p.normSq, trainLoss: p.trainLoss })),
    ...fullDown.points.map((p) => ({ direction: 'down', gamma: p.gamma, p: p.modeOverlaps[0], normSq: p.normSq, trainLoss: p.trainLoss })),
  ];
  return (
    <ChartFrame
      title="Hysteresis loop"
      subtitle="One net walks the γ grid up from the learned state, then back down, each γ continuing from the previous one's state, with a 10⁻⁴ kick at each γ increment (the smallest real noise). At D ≥ 2 the way up keeps the feature to γsp; the way down stays trivial (the origin is stable for every γ > 0)."
      data={data}
      meta={{ spec: outcome.spec, depth: outcome.depth, stepsPerGamma: outcome.stepsPerGamma, lr: outcome.lr, loopArea: area, exactLoopArea: exactArea }}
      filename="hysteresis-loop"
      testId="sweeps-loop"
      toolbar={
        <ToggleButton
          pressed={replay.playing}
          onToggle={replay.toggle}
          label={replay.playing ? '■ stop' : '▶ replay sweep'}
          title="replay the sweep in the order the net walked it"
        />
      }
    >
      <PanelGrid panels={panels} xDomain={xDomain} xLabel="regularization γ" legend={legend} ariaLabel="hysteresis loop" panelHeight={300} />
    </ChartFrame>
  );
}

export function RampChart({ outcome }: { outcome: RampOutcome }) {
  const rows = rampRows(outcome.points);
  const depths = [...new Set(rows.map((r) => r.depth))].sort((a, b) => b - a);
  const steps = rows.map((r) => r.stepsPerGamma);
  const xDomain: [number, number] = [Math.min(...steps) / 1.5, Math.max(...steps) * 1.5];
  // one panel per depth, each zoomed on its own range: the ramp effect is small next to the loop itself
  const panels: Panel[] = depths.map((d) => {
    const mine = rows.filter((r) => r.depth === d);
    const exact = mine[0]?.exactArea ?? 0;
    const color = d === 1 ? OKABE_ITO.blue : OKABE_ITO.vermillion;
    return {
      key: `ramp-${d}`,
      title: d === 1 ? 'D = 1: no loop' : `D = ${d}: loop survives slow ramps`,
      yLabel: 'loop area',
      lines: [
        { color: '#555', dash: 'dotted', data: xDomain.map((x) => [x, exact] as [number, number | null]) },
        { color, width: 1.4, data: mine.map((r) => [r.stepsPerGamma, r.area] as [number, number | null]) },
      ],
      points: [{ color, glyph: 'dot', r: 4.5, data: mine.map((r) => [r.stepsPerGamma, r.area] as const) }],
      note: `exact ${exact.toFixed(4)}`,
    };
  });
  const legend: LegendItem[] = [
    { label: 'measured loop area', color: '#333', glyph: 'dot' },
    { label: 'exact quasi-static area (same grid)', color: '#555', glyph: 'dotted' },
  ];
  return (
    <ChartFrame
      title="Loop area vs ramp rate"
      subtitle="Loop area ∫|p↑ − p↓| dγ. Fewer optimizer steps per γ increment = a faster ramp: the state lags further behind and the loop widens. Slowing down, D ≥ 2 keeps a loop (metastability); D = 1's closes to 0."
      data={() =>
        rows.map((r) => ({
          depth: r.depth,
          stepsPerGamma: r.stepsPerGamma,
          rampRate: 1 / r.stepsPerGamma,
          loopArea: r.area,
          exactQuasiStaticArea: r.exactArea ?? null,
        }))
      }
      meta={{ spec: outcome.spec, lr: outcome.lr, gammas: outcome.gammas }}
      filename="loop-area-vs-ramp-rate"
      testId="sweeps-ramp"
    >
      <PanelGrid
        panels={panels}
        columns={1}
        xDomain={xDomain}
        logX
        xTickValues={[...new Set(steps)]}
        xLabel="optimizer steps per γ increment (log; ramp rate = 1/steps)"
        legend={legend}
        ariaLabel="loop area vs ramp rate"
        panelHeight={200}
      />
    </ChartFrame>
  );
}
