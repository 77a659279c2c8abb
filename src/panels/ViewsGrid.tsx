/** The grid of live views: phase plane (hysteresis), landscape + empirical slice, loss curves. */
import { useMemo } from 'react';
import {
  featureColor,
  LandscapeChart,
  LossChart,
  PhasePlaneChart,
  SliceHeatmap,
  SmallMultiples,
  type LossSeries,
  type PhaseMode,
  type SliceMarker,
} from '../charts';
import { stationaryPoints } from '../physics';
import type { SampleFeatureBranches } from '../physics/sampleOverlay';
import { useParameters } from '../state/parameters';
import { useTelemetry } from '../state/telemetry';
import { exactTheoryFor, useSampleTheory } from '../state/sampleTheory';
import { useUi } from '../state/ui';
import { useGammaMarks, useGammaMax } from './GammaSlider';
import { subscript } from '../charts/palette';
import { APPROXIMATION_LABEL, theoryLabel } from '../charts/theory';

/**
 * `keyHeight`: the key chart (the phase plane, the chapter's figure) gets this height, to fill the
 * first screen in lecture mode or an embed's frame; `keyOnly` draws nothing else (embeds).
 */
export function ViewsGrid({ keyHeight, keyOnly = false }: { keyHeight?: number; keyOnly?: boolean }) {
  const compare = useParameters((s) => s.compareDepths);
  const key = compare ? <CompareDepthsView height={keyHeight} /> : <PhaseView runIndex={0} height={keyHeight} short={keyOnly} />;
  if (keyOnly) return <div className="views views-key">{key}</div>;
  return (
    <div className="views">
      <div className="view-wide">{key}</div>
      <LandscapeView />
      <SliceView />
      <div className="view-wide">
        <LossView />
      </div>
    </div>
  );
}

/**
 * How the live theory lines of a depth must be labelled (exact / exact for this sample / per-mode
 * approximation / linear reference), and the exact sample branches once the theory worker sent them.
 */
function useTheoryLines(depth: number | undefined): { label: string; branches: SampleFeatureBranches[] | undefined } {
  const activation = useParameters((s) => s.activation);
  const whitened = useParameters((s) => s.whiten);
  const exact = useSampleTheory((s) => (depth === undefined ? null : exactTheoryFor(s, depth)));
  const usable = activation === 'linear' && !whitened ? exact : null;
  return {
    label: theoryLabel({ activation, whitened, sample: usable ? [{ depth: usable.depth, modes: usable.overlay.theory.modes }] : null }),
    branches: usable?.overlay.features,
  };
}

/** the landscape is drawn per mode (ℓ(p) with a_k): on non-whitened data it stays the approximation */
function useLandscapeLabel(): string {
  const activation = useParameters((s) => s.activation);
  const whitened = useParameters((s) => s.whiten);
  return activation === 'linear' && !whitened ? APPROXIMATION_LABEL : theoryLabel({ activation, whitened });
}

/** the features of the data in use, from its EMPIRICAL moments once the worker reported them */

function useEmpiricalModes(): { etas: number[]; strengths: number[] } {
  const spectrum = useParameters((s) => s.spectrum);
  const dataset = useTelemetry((s) => s.dataset);
  return useMemo(() => {
    const count = Math.min(spectrum.length, 3);
    return {
      etas: dataset ? dataset.singularValues.slice(0, count) : spectrum.slice(0, count),
      strengths: dataset ? dataset.inputStrength.slice(0, count) : spectrum.slice(0, count).map(() => 1),
    };
  }, [dataset, spectrum]);
}

function PhaseView({ runIndex, compact = false, height, short = false }: { runIndex: number; compact?: boolean; height?: number; short?: boolean }) {
  const version = useTelemetry((s) => s.version);
  const run = useTelemetry((s) => s.runs[runIndex]);
  const gamma = useTelemetry((s) => s.gamma);
  const direction = useTelemetry((s) => s.direction);
  const { etas, strengths } = useEmpiricalModes();
  const lines = useTheoryLines(run?.depth);
  // the exact branches cover the features the theory worker drew (the strongest ones): as many as the chart's modes
  const exactBranches = lines.branches && lines.branches.length >= etas.length ? lines.branches.slice(0, etas.length) : undefined;
  const theoryLabelNow = exactBranches || !lines.branches ? lines.label : APPROXIMATION_LABEL;
  const gammaMarks = useGammaMarks();
  const gammaMax = useGammaMax(gammaMarks);
  // a nonlinear net's own local threshold (relu: computed on this sample by the theory worker; tanh: κη)
  const localMarks = useMemo(
    () => gammaMarks.filter((m) => m.kind === 'local' && m.depth === run?.depth).map((m) => ({ gamma: m.gamma, label: m.label.replace(/ D=\d+$/, '') })),
    [gammaMarks, run?.depth],
  );
  const modes: PhaseMode[] = useMemo(
    () => etas.map((eta, k) => ({ eta, a: strengths[k], label: `feature ${k + 1} (η${subscript(k + 1)} = ${eta.toFixed(3)})` })),
    [etas, strengths],
  );
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const trace = useMemo(() => run?.trace.toArray() ?? [], [run, version]);
  if (!run) return null;
  const latest = run.latest;
  return (
    <PhasePlaneChart
      depth={run.depth}
      modes={modes}
      gammaDomain={[0, gammaMax]}
      trace={trace}
      current={latest ? { gamma, p: Array.from(latest.overlaps).slice(0, etas.length), direction } : undefined}
      version={version}
      title={compact ? `D = ${run.depth}` : short ? `p vs γ, D = ${run.depth}` : `Phase plane, D = ${run.depth}: order parameter p vs γ`}
      height={height ?? (compact ? 300 : 380)}
      // a chart sized to the first screen (lecture, embed) with several features keeps its height for
      // the data: three features' threshold labels already take three rows above the plot
      legend={!compact && !(height !== undefined && modes.length > 1)}
      theoryLabel={theoryLabelNow}
      branches={exactBranches}
      extraMarks={localMarks.length > 0 ? localMarks : undefined}
      testId={`phase-chart-${runIndex}`}
    />
  );
}

function CompareDepthsView({ height }: { height?: number }) {
  const runs = useTelemetry((s) => s.runs);
  // the compact panels have no legend: the subtitle names the theory drawn (the first depth's is the others' too)
  const lines = useTheoryLines(runs[0]?.depth);
  return (
    <SmallMultiples
      title="Compare depths on the same data and the same γ"
      subtitle={`D = 1 changes continuously (second order); D = 2 and 3 jump (first order) and remember where they came from. Lines: ${lines.label === 'theory' ? 'exact theory' : lines.label} (solid global minimum, dashed metastable, dotted saddle); dots: the live networks (orange γ↑, blue γ↓).`}
      minColumnWidth={300}
      testId="compare-depths-view"
    >
      {runs.map((_, i) => (
        <PhaseView key={i} runIndex={i} compact height={height !== undefined ? Math.max(240, height - 90) : undefined} />
      ))}
    </SmallMultiples>
  );
}

function LandscapeView() {
  const landscapeLabel = useLandscapeLabel();
  useTelemetry((s) => s.version);
  const gamma = useTelemetry((s) => s.gamma);
  const run = useTelemetry((s) => s.runs[0]);
  const { etas, strengths } = useEmpiricalModes();
  if (!run) return null;
  const overlaps = run.latest?.overlaps;
  const modes = etas.map((eta, k) => ({
    eta,
    a: strengths[k],
    p: overlaps ? overlaps[k] : undefined,
    label: `ℓ(p${subscript(k + 1)}), η = ${eta.toFixed(3)}`,
  }));
  return (
    <LandscapeChart
      depth={run.depth}
      gamma={gamma}
      modes={modes}
      theoryLabel={landscapeLabel}
      title={`Landscape per feature at γ = ${gamma.toFixed(4)}${run.depth !== undefined ? `, D = ${run.depth}` : ''}`}
      height={340}
      testId="landscape-chart"
    />
  );
}

function SliceView() {
  const slice = useTelemetry((s) => s.slice);
  const show = useUi((s) => s.showSlice);
  const { etas, strengths } = useEmpiricalModes();
  const markers: SliceMarker[] = useMemo(() => {
    const out: SliceMarker[] = [{ alpha: 0, beta: 0, label: 'θ = 0', shape: 'plus' }];
    if (slice?.plane === 'current') return [...out, { alpha: 1, beta: 0, label: 'now', shape: 'circle' }];
    if (!slice || etas.length === 0) return out;
    const n = slice.depth + 1;
    try {
      const learned = stationaryPoints(slice.depth, etas[0], slice.gamma, strengths[0] ?? 1).learned;
      if (learned !== null && learned > 0) out.push({ alpha: Math.pow(learned, 1 / n), beta: 0, label: 'min', shape: 'circle' });
    } catch {
      // no marker where the theory does not apply
    }
    return out;
  }, [slice, etas, strengths]);
  if (!show || !slice) return <div className="card placeholder">Computing the loss slice…</div>;
  return (
    <SliceHeatmap
      values={slice.loss}
      alphas={slice.alphas}
      betas={slice.betas}
      title={`Empirical loss on a 2-D slice, γ = ${slice.gamma.toFixed(4)}`}
      label={slice.description}
      xLabel={slice.plane === 'current' ? 'α (0 = origin, 1 = current weights)' : 'α (teacher direction)'}
      yLabel="β (random direction)"
      markers={markers}
      height={340}
      testId="slice-heatmap"
    />
  );
}

function LossView() {
  const version = useTelemetry((s) => s.version);
  const runs = useTelemetry((s) => s.runs);
  const series: LossSeries[] = useMemo(() => {
    const out: LossSeries[] = [];
    const many = runs.length > 1;
    runs.forEach((r, i) => {
      const points = r.loss.toArray();
      const steps = points.map((p) => p.step);
      const suffix = many ? ` (D = ${r.depth})` : '';
      const add = (key: 'total' | 'test' | 'penalty', pick: (p: (typeof points)[number]) => number, label: string) =>
        out.push({
          key: many ? `${key}-${r.depth}` : key,
          label: `${label}${suffix}`,
          steps,
          values: points.map(pick),
          ...(many ? { color: featureColor(i) } : {}),
        });
      add('total', (p) => p.total, 'total L(θ) = train + γ‖θ‖²');
      if (!many) add('test', (p) => p.test, 'test (1/N)Σ‖y−f(x)‖²');
      if (!many) add('penalty', (p) => p.penalty, 'penalty γ‖θ‖²');
    });
    return out;
    // the buffers are mutated in place; `version` says when
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runs, version]);
  return <LossChart series={series} version={version} title="Loss vs optimizer step" initialLogY initialLogX height={300} testId="loss-chart" />;
}
