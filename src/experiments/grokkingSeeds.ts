/**
 * Grokking judged over seeds (physics.md §5, issue 10 build item 5). Each seed draws its own sparse
 * sample (25 train from a 5 000 pool, 10 000 test) and its own ε perturbation; the trap is
 * converged once and two runs start from it: the run at γ and a γ = 0 twin (no saddle at all).
 * The twin shows what sets the delay: a small-initialisation plateau, t_esc ≈ c/(lr·η̂₂·ε).
 *
 * Per seed: escape step, plateau gap (mean test − train over the plateau window), final gap, and
 * the drops of test and train error from the plateau to the end. Over seeds: mean ± sd.
 */
import type { Dataset } from '../data/types';
import type { NetSpec } from '../engine/types';
import { convergeGrokkingTrap, grokkingExperiment, type GrokkingResult, type GrokkingTrainerFactory } from './grokking';

export interface GrokkingSeedSettings {
  net: NetSpec;
  /** the sample of seed s */
  dataFor: (seed: number) => Dataset;
  seeds: number[];
  gamma: number;
  lr: number;
  steps: number;
  trapGamma: number;
  trapSteps: number;
  /** ε, or with epsilonScale: ε = epsilonScale·γ/η̂₂ (the per-layer size of the weak saddle) */
  epsilon: number;
  epsilonScale?: number;
  feature: number;
  /** run the γ = 0 twin beside each seed (default true) */
  gammaZeroTwin?: boolean;
  onProgress?: (fraction: number) => void;
}

export interface GrokkingSeedRow {
  seed: number;
  /** the weak feature's sample strength η̂₂ */
  weakEta: number;
  epsilon: number;
  escapeStep: number | null;
  plateauGap: number;
  finalGap: number;
  /** mean test error over the plateau window − final test error */
  testDrop: number;
  trainDrop: number;
  finalTest: number;
  /** the γ = 0 twin from the same trap and perturbation */
  twinEscapeStep: number | null;
  /** ε·t_esc of the twin (≈ constant in ε for a small-initialisation plateau) */
  twinEpsilonTimesEscape: number | null;
  /** lr·η̂₂·ε·t_esc of the twin: the law's constant c */
  twinLawConstant: number | null;
}

export interface MeanSd {
  mean: number;
  sd: number;
  /** standard error of the mean, sd/√n (the audit's "±" is this one) */
  sem: number;
  n: number;
}

export interface GrokkingSeedSummary {
  rows: GrokkingSeedRow[];
  plateauGap: MeanSd;
  finalGap: MeanSd;
  testDrop: MeanSd;
  trainDrop: MeanSd;
  minTestDrop: number;
  escaped: number;
  twinEscaped: number;
  /** mean over seeds with both escapes of t_esc(γ)/t_esc(0) */
  delayRatio: MeanSd | null;
  twinLawConstant: MeanSd | null;
  /** Pearson correlation of the twin's t_esc with 1/η̂₂ over seeds (fixed ε only) */
  corrEscapeInverseEta: number | null;
}

export function meanSd(values: number[]): MeanSd {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, sem: n > 0 ? sd / Math.sqrt(n) : 0, n };
}

export function pearson(xs: number[], ys: number[]): number {
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

function windowMean(result: GrokkingResult, key: 'train' | 'test'): number {
  const [a, b] = result.plateauWindow;
  const inside = result.points.filter((p) => p.step >= a && p.step <= b);
  const use = inside.length > 0 ? inside : result.points.slice(0, 1);
  return use.reduce((s, p) => s + p[key], 0) / use.length;
}

export async function grokkingSeedStudy(createTrainer: GrokkingTrainerFactory, settings: GrokkingSeedSettings): Promise<GrokkingSeedSummary> {
  const rows: GrokkingSeedRow[] = [];
  const twin = settings.gammaZeroTwin ?? true;
  for (const [i, seed] of settings.seeds.entries()) {
    const data = settings.dataFor(seed);
    const weakEta = data.syxSvd.values[settings.feature];
    const epsilon = settings.epsilonScale === undefined ? settings.epsilon : (settings.epsilonScale * settings.gamma) / weakEta;
    const common = {
      net: settings.net,
      data,
      lr: settings.lr,
      steps: settings.steps,
      trapGamma: settings.trapGamma,
      trapSteps: settings.trapSteps,
      feature: settings.feature,
      seed,
      epsilon,
    };
    const trapped = await convergeGrokkingTrap(createTrainer, { ...common, gamma: settings.gamma });
    const run = await grokkingExperiment(createTrainer, { ...common, gamma: settings.gamma, trapped });
    const zero = twin ? await grokkingExperiment(createTrainer, { ...common, gamma: 0, trapped }) : null;
    const last = run.points[run.points.length - 1];
    const twinEscape = zero?.escapeStep ?? null;
    rows.push({
      seed,
      weakEta,
      epsilon,
      escapeStep: run.escapeStep,
      plateauGap: run.plateauGap,
      finalGap: run.finalGap,
      testDrop: windowMean(run, 'test') - last.test,
      trainDrop: windowMean(run, 'train') - last.train,
      finalTest: last.test,
      twinEscapeStep: twinEscape,
      twinEpsilonTimesEscape: twinEscape === null ? null : epsilon * twinEscape,
      twinLawConstant: twinEscape === null ? null : settings.lr * weakEta * epsilon * twinEscape,
    });
    settings.onProgress?.((i + 1) / settings.seeds.length);
  }
  return summarizeGrokkingSeeds(rows, settings.epsilonScale === undefined);
}

/**
 * The over-seeds summary of per-seed rows (also used to merge a study split over job workers).
 * `fixedEpsilon`: every seed ran at the same ε (then corr(t_esc(0), 1/η̂₂) is meaningful).
 */
export function summarizeGrokkingSeeds(rows: GrokkingSeedRow[], fixedEpsilon: boolean): GrokkingSeedSummary {
  const both = rows.filter((r) => r.escapeStep !== null && r.twinEscapeStep !== null);
  const twins = rows.filter((r) => r.twinEscapeStep !== null);
  return {
    rows,
    plateauGap: meanSd(rows.map((r) => r.plateauGap)),
    finalGap: meanSd(rows.map((r) => r.finalGap)),
    testDrop: meanSd(rows.map((r) => r.testDrop)),
    trainDrop: meanSd(rows.map((r) => r.trainDrop)),
    minTestDrop: Math.min(...rows.map((r) => r.testDrop)),
    escaped: rows.filter((r) => r.escapeStep !== null).length,
    twinEscaped: twins.length,
    delayRatio: both.length > 0 ? meanSd(both.map((r) => (r.escapeStep as number) / (r.twinEscapeStep as number))) : null,
    twinLawConstant: twins.length > 0 ? meanSd(twins.map((r) => r.twinLawConstant as number)) : null,
    corrEscapeInverseEta:
      twins.length > 2 && fixedEpsilon
        ? pearson(
            twins.map((r) => r.twinEscapeStep as number),
            twins.map((r) => 1 / r.weakEta),
          )
        : null,
  };
}
