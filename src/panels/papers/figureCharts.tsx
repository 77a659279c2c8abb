/**
 * The chart of each Papers card, from a study's result (measured: solid lines or dots) and the exact
 * theory (dashed; for nonlinear nets the linear theory, faint, "for reference" only).
 */
import { criticalGamma, reducedLoss, spinodalGamma, stationaryLoss, stationaryPoints } from '../../physics';
import { closedFormCollapse } from '../../experiments/vae';
import type { DepthDiagram } from '../../experiments/phaseDiagram';
import { saddleBracket, type StudyResults } from '../../papers/measure';
import { populationTestMse } from '../../papers/figures';
import type { NonlinearStudyResult } from '../../worker/jobs/studies';
import { PaperChart, type PaperSeries } from './PaperChart';
import { FEATURE_COLORS, OKABE_ITO } from './chartKit';

const abs = (v: number) => Math.abs(v);
const learnedOr0 = (depth: number, eta: number, gamma: number) => stationaryPoints(depth, eta, gamma).learned ?? 0;
const theoryCurve = (gammas: number[], f: (g: number) => number | null): [number, number][] =>
  gammas.flatMap((g) => {
    const v = f(g);
    return v === null ? [] : [[g, v] as [number, number]];
  });
const fine = (from: number, to: number, n = 200) => Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));

export function ZuDiagramChart({ diagrams }: { diagrams: DepthDiagram[] }) {
  const d1 = diagrams.find((d) => d.depth === 1);
  const d2 = diagrams.find((d) => d.depth === 2);
  const top = Math.max(...diagrams.flatMap((d) => d.learned.map((p) => p.gamma)));
  const g = fine(0.001, top);
  const series: PaperSeries[] = [];
  if (d1)
    series.push({ label: 'D = 1, learned start', color: FEATURE_COLORS[0], style: 'line', points: d1.learned.map((p) => [p.gamma, abs(p.modeOverlaps[0])]) });
  if (d2) {
    series.push({ label: 'D = 2, learned start', color: FEATURE_COLORS[1], style: 'line', points: d2.learned.map((p) => [p.gamma, abs(p.modeOverlaps[0])]) });
    series.push({ label: 'D = 2, trivial start', color: FEATURE_COLORS[1], style: 'dots', points: d2.trivial.map((p) => [p.gamma, abs(p.modeOverlaps[0])]) });
  }
  series.push({ label: 'exact theory, D = 1', color: '#333', style: 'dashed', points: theoryCurve(g, (x) => Math.max(0, 1 - x)) });
  series.push({
    label: 'exact theory, D = 2 learned branch',
    color: '#777',
    style: 'dashed',
    points: theoryCurve(g, (x) => stationaryPoints(2, 1, x).learned),
  });
  return (
    <PaperChart
      title="Order parameter p vs γ (η = 1)"
      subtitle="D = 1 goes to 0 continuously at γ = η; D = 2 keeps its feature up to γsp and then jumps, while the trivial start stays at 0 for every γ"
      series={series}
      xLabel="γ"
      yLabel="p (end-to-end singular value)"
      vlines={[
        { at: criticalGamma(2, 1) as number, label: 'γc (D = 2)' },
        { at: spinodalGamma(2, 1) as number, label: 'γsp (D = 2)', color: OKABE_ITO.purple },
      ]}
      testId="papers-chart-zu-diagram"
    />
  );
}

export function NonlinearChart({ result }: { result: NonlinearStudyResult }) {
  const series: PaperSeries[] = [];
  for (const [k, d] of result.diagrams.entries()) {
    series.push({
      label: `D = ${d.depth}, learned start`,
      color: FEATURE_COLORS[k],
      style: 'line',
      points: d.learned.map((p) => [p.gamma, abs(p.modeOverlaps[0])]),
    });
    series.push({
      label: `D = ${d.depth}, trivial start`,
      color: FEATURE_COLORS[k],
      style: 'dots',
      points: d.trivial.map((p) => [p.gamma, abs(p.modeOverlaps[0])]),
    });
  }
  const top = Math.max(...result.diagrams[0].learned.map((p) => p.gamma));
  series.push({
    label: 'linear theory, for reference (D = 2)',
    color: '#666',
    style: 'dashed',
    faint: true,
    points: theoryCurve(fine(0.001, top), (x) => stationaryPoints(2, result.eta, x).learned),
  });
  return (
    <PaperChart
      title={`${result.activation} nets: measured p vs γ`}
      subtitle={`η̂ = ${result.eta.toFixed(3)}; D = 1's local threshold on this sample: ${result.localThreshold.toFixed(4)}`}
      series={series}
      xLabel="γ"
      yLabel="p = u₁ᵀ M v₁ (linear response)"
      vlines={[{ at: result.localThreshold, label: 'local threshold (D = 1)', color: OKABE_ITO.green }]}
      testId={`papers-chart-nonlinear-${result.activation}`}
    />
  );
}

export function VaeChart({ sweeps }: { sweeps: StudyResults['zu-vae'] }) {
  const names = ['one layer each, γ = 0', 'two layers each, γ = 0.05', 'three layers each, γ = 0.05'];
  const series: PaperSeries[] = [];
  sweeps.forEach((s, k) => {
    series.push({
      label: `${names[k] ?? `study ${k + 1}`}: towards collapse`,
      color: FEATURE_COLORS[k],
      style: 'line',
      points: s.towardsCollapse.map((p) => [p.value, p.order]),
    });
    if (k > 0)
      series.push({
        label: `${names[k]}: from the collapsed side`,
        color: FEATURE_COLORS[k],
        style: 'dots',
        points: s.towardsUse.map((p) => [p.value, p.order]),
      });
  });
  const etas = sweeps[0]?.towardsCollapse.map((p) => p.value) ?? [];
  series.push({
    label: 'max(0, 1 − η/λ)',
    color: '#333',
    style: 'dashed',
    points: theoryCurve(fine(Math.min(...etas), Math.max(...etas)), (e) => closedFormCollapse(e, 1)),
  });
  return (
    <PaperChart
      title="Latent usage |de| vs decoder noise η (λ = 1)"
      subtitle="lines: swept up from the used latent; dots: swept down from the collapsed latent plus a 0.01 seed per layer"
      series={series}
      xLabel="decoder noise variance η"
      yLabel="|de|"
      testId="papers-chart-vae"
    />
  );
}

export function EqualLossChart({ diagrams }: { diagrams: DepthDiagram[] }) {
  const d = diagrams[0];
  const eta = 0.8;
  const measured: [number, number][] = d.learned.flatMap((p, i) => {
    const t = d.trivial[i];
    return abs(p.modeOverlaps[0]) < 0.02 || !t ? [] : [[p.gamma, p.trainLoss + p.penalty - (t.trainLoss + t.penalty)] as [number, number]];
  });
  const g = fine(Math.min(...d.learned.map((p) => p.gamma)), Math.max(...d.learned.map((p) => p.gamma)));
  return (
    <PaperChart
      title="Loss of the learned state minus the trivial one (η = 0.8, D = 2)"
      subtitle="below 0 the feature pays for itself; the paper's escape is at γ = 0.32, above the crossing"
      series={[
        { label: 'measured (both starts)', color: FEATURE_COLORS[1], style: 'dots', points: measured },
        {
          label: 'exact theory',
          color: '#333',
          style: 'dashed',
          points: theoryCurve(g, (x) => {
            const p = stationaryPoints(2, eta, x).learned;
            return p === null ? null : stationaryLoss(2, eta, p);
          }),
        },
      ]}
      xLabel="γ"
      yLabel="L(learned) − L(trivial)"
      hlines={[{ at: 0, label: 'equal loss' }]}
      vlines={[
        { at: criticalGamma(2, eta) as number, label: 'γc theory' },
        { at: 0.32, label: 'paper: γ = 0.32', color: OKABE_ITO.vermillion },
      ]}
      testId="papers-chart-equal-loss"
    />
  );
}

export function ProtocolChart({ runs }: { runs: StudyResults['ew-protocol'] }) {
  const floor = 1e-12;
  const series: PaperSeries[] = [0, 1].map((feature) => ({
    label: `feature ${feature + 1} (η = ${[0.9, 0.8][feature]})`,
    color: FEATURE_COLORS[feature],
    style: 'dots' as const,
    points: runs.flatMap((r, i) => {
      const f = r.features.find((x) => x.feature === feature);
      return f ? f.afterTrap.map((s, j): [number, number] => [i + 1 + (feature - 0.5) * 0.3 + (j - f.afterTrap.length / 2) * 0.03, Math.max(floor, s)]) : [];
    }),
  }));
  const threshold = runs.flatMap((r) => r.features).find((f) => f.feature === 1 && f.threshold !== null)?.threshold ?? undefined;
  const legend = runs.map((r, i) => `${i + 1}: ${r.convention}, trap γ = ${r.trapGamma}`).join(' · ');
  return (
    <PaperChart
      title="σₖ of the end-to-end map after the trap, per replica"
      subtitle={`runs ${legend}; an exact 0 is drawn at 10⁻¹²; a return would cross the threshold line`}
      series={series}
      xLabel="run"
      yLabel="σₖ after the trap (log)"
      yLog
      xDomain={[0.5, runs.length + 0.5]}
      xTickValues={runs.map((_, i) => i + 1)}
      yDomain={[floor / 2, 2]}
      hlines={threshold !== undefined ? [{ at: threshold, label: 'escape threshold (feature 2)' }] : []}
      testId="papers-chart-protocol"
    />
  );
}

export function GrokkingSeedsChart({ summary }: { summary: StudyResults['ew-grokking'] }) {
  return (
    <PaperChart
      title="Escape step per seed, at γ = 0.0025 and at γ = 0"
      subtitle="the γ = 0 twin (no saddle at all) escapes almost as late: the plateau is set by the seed size ε"
      series={[
        {
          label: 't_esc at γ = 0.0025',
          color: FEATURE_COLORS[0],
          style: 'dots',
          points: summary.rows.flatMap((r) => (r.escapeStep === null ? [] : [[r.seed, r.escapeStep] as [number, number]])),
        },
        {
          label: 't_esc at γ = 0 (twin)',
          color: FEATURE_COLORS[1],
          style: 'dots',
          points: summary.rows.flatMap((r) => (r.twinEscapeStep === null ? [] : [[r.seed, r.twinEscapeStep] as [number, number]])),
        },
      ]}
      xLabel="seed"
      yLabel="escape step"
      hlines={[{ at: 1500, label: 'paper: ~1 500 epochs', color: OKABE_ITO.vermillion }]}
      testId="papers-chart-grokking"
    />
  );
}

export function SgdMapChart({ map }: { map: StudyResults['ew-sgd-map'] }) {
  const series: PaperSeries[] = [];
  map.rows.forEach((r, k) => {
    series.push({ label: `SGD, f = ${r.fraction}`, color: FEATURE_COLORS[k], style: 'line', points: r.sgd.map((c) => [c.lrOverB, c.escaped / c.replicas]) });
    if (r.langevin)
      series.push({
        label: `Langevin (matched), f = ${r.fraction}`,
        color: FEATURE_COLORS[k],
        style: 'dashed',
        points: r.langevin.map((c) => [map.rows[k].sgd.find((s) => s.batch === c.batch)?.lrOverB ?? NaN, c.escaped / c.replicas]),
      });
  });
  return (
    <PaperChart
      title="Escaped fraction vs lr/B, from f × the saddle"
      subtitle={`weak feature η̂₂ = ${map.weakEta.toFixed(3)}, saddle p = ${map.saddle.toPrecision(3)}; Langevin at the temperature matched to each lr/B`}
      series={series}
      xLabel="lr / B (log)"
      yLabel="escaped fraction"
      xLog
      yDomain={[0, 1.05]}
      testId="papers-chart-sgd-map"
    />
  );
}

export function SweepCharts({ sweep }: { sweep: StudyResults['ew-sweep'] }) {
  const d = sweep.diagrams[0];
  const sample = sweep.sample;
  const sampleSpinodals = sweep.sample.theory.modes.map((m) => m.gammaSpinodal).filter((g): g is number => g !== null);
  const eta = [0.9, 0.8];
  const g = fine(0.2, Math.max(...d.learned.map((p) => p.gamma)));
  const pts = d.learned.filter((p) => p.gamma >= 0.1);
  return (
    <div className="pp-charts">
      <PaperChart
        title="Fig. 3: test MSE per output on the upward sweep"
        subtitle="measured on 512 test samples; dashed: population levels; the drops sit at this sample's exact spinodals"
        series={[
          { label: 'measured', color: FEATURE_COLORS[0], style: 'line', points: pts.map((p) => [p.gamma, p.testLoss / 2]) },
          {
            label: 'exact theory, population η = (0.9, 0.8)',
            color: '#333',
            style: 'dashed',
            points: theoryCurve(g, (x) =>
              populationTestMse(
                eta,
                eta.map((e) => learnedOr0(2, e, x)),
              ),
            ),
          },
        ]}
        xLabel="γ"
        yLabel="test MSE per output"
        vlines={sampleSpinodals.map((g, k) => ({ at: g, label: `γsp${k + 1} (this sample)`, color: OKABE_ITO.purple }))}
        testId="papers-chart-sweep-mse"
      />
      <PaperChart
        title="Fig. 4: the two features along the sweep"
        subtitle={`theory: per feature on this sample (η̂ = ${sample.eta.map((e) => e.toFixed(3)).join(', ')}, a = ${sample.a.map((e) => e.toFixed(3)).join(', ')}); each branch ends where it meets its saddle`}
        series={[
          ...[0, 1].map((k) => ({
            label: `p${k + 1} measured`,
            color: FEATURE_COLORS[k],
            style: 'line' as const,
            points: pts.map((p): [number, number] => [p.gamma, abs(p.modeOverlaps[k] ?? 0)]),
          })),
          ...[0, 1].map((k) => ({
            label: `learned branch ${k + 1} (theory)`,
            color: FEATURE_COLORS[k],
            style: 'dashed' as const,
            points: theoryCurve(g, (x) => stationaryPoints(2, sample.eta[k], x, sample.a[k]).learned),
          })),
          ...[0, 1].map((k) => ({
            label: `saddle ${k + 1} (theory)`,
            color: FEATURE_COLORS[k],
            style: 'dashed' as const,
            faint: true,
            points: theoryCurve(g, (x) => stationaryPoints(2, sample.eta[k], x, sample.a[k]).saddle),
          })),
        ]}
        xLabel="γ"
        yLabel="p per feature"
        testId="papers-chart-sweep-p"
      />
    </div>
  );
}

/** fig. 2a: the exact reduced loss at the paper's three γ, with the saddle as bracketed by GD (when run) */
export function LandscapeTheoryChart({ saddleRun }: { saddleRun?: StudyResults['ew-saddle'] }) {
  const bracket = saddleRun ? saddleBracket(saddleRun) : null;
  const eta = 0.8;
  const ps = fine(0, 0.7, 160);
  const gammas = [0.29, 0.32, 0.35];
  return (
    <PaperChart
      title="Fig. 2a: loss along p of the weak feature (η = 0.8, D = 2), exact theory"
      subtitle="relative to p = 0 (this lab's loss); the saddle is the maximum near the origin"
      series={gammas.map((gamma, k) => ({
        label: `γ = ${gamma}`,
        color: FEATURE_COLORS[k],
        style: 'dashed' as const,
        points: ps.map((p): [number, number] => [p, reducedLoss(p, gamma, 2, eta)]),
      }))}
      xLabel="p"
      yLabel="ℓ(p) − ℓ(0)"
      vlines={[
        { at: stationaryPoints(2, eta, 0.32).saddle as number, label: 'saddle at γ = 0.32 (theory)' },
        ...(bracket
          ? [
              { at: bracket.lo, label: `GD from ${bracket.lo.toFixed(3)} decays`, color: OKABE_ITO.blue },
              { at: bracket.hi, label: `from ${bracket.hi.toFixed(3)} grows`, color: OKABE_ITO.vermillion },
            ]
          : []),
      ]}
      testId="papers-chart-landscape"
    />
  );
}
