/**
 * "Grokking" from sparse sub-sampling (physics.md §5, Ersoy–Wiesner fig. 1b), as one full-batch run.
 *
 * Trap: start with the strong feature learned and the weak one off, converge noise-free at
 * `trapGamma` (above the weak feature's spinodal, so it stays exactly off), perturb every weight by
 * ε·N(0,1) (seeded), then drop γ to `gamma` and train with plain gradient descent. The weak feature
 * sits on a plateau while it grows from the seed; how long depends on how far above the saddle the
 * seed sits (an exactly zero feature never grows; ε too small decays back to zero).
 *
 * Losses are reported per output: (1/N) Σ ‖y − f(x)‖² / outputDim (the "mean over the outputs" the
 * paper plots); the regularized loss itself is the physics.md §1 convention.
 */
import type { Dataset } from '../data/types';
import type { NetSpec, Trainer, TrainerConfig, Weights } from '../engine/types';
import { normalSource } from '../data/random';
import { spinodalGamma, stationaryPoints } from '../physics';
import { trapWeights } from './escape';
import { featureStrength } from './modeStrength';

export interface GrokkingSettings {
  net: NetSpec;
  data: Dataset;
  /** γ of the run after the trap */
  gamma: number;
  lr: number;
  /** optimizer steps after the trap */
  steps: number;
  /** converge here first (weak feature off); moved to the middle of the two spinodals if it is not between them on this sample */
  trapGamma: number;
  trapSteps: number;
  /** size of the per-weight perturbation ε·N(0,1) applied after the trap */
  epsilon: number;
  /** index of the weak (trapped) feature */
  feature: number;
  seed: number;
  /**
   * the converged trap (convergeGrokkingTrap with the same net, data and trap γ): skips the
   * trap run, so a γ = 0 twin of a run starts from the very same trapped weights
   */
  trapped?: Weights;
  /** relative spacing of the recorded points on the log-step axis (0.02 → ~115 points per decade) */
  logSpacing?: number;
  onProgress?: (fraction: number) => void;
}

export interface GrokkingPoint {
  step: number;
  /** per-output training MSE */
  train: number;
  /** per-output test MSE */
  test: number;
  /** the weak feature's singular value: the end-to-end map's singular value of the weak feature's rank */
  weak: number;
  /** the largest singular value of the end-to-end map (the strong feature) */
  strong: number;
}

export interface GrokkingResult {
  points: GrokkingPoint[];
  /** first recorded step where the weak feature passes `escapeThreshold`; null = never */
  escapeStep: number | null;
  /** half the weak feature's learned p at `gamma` (exact theory with the sample's η̂ and a) */
  escapeThreshold: number;
  /** exact learned p and saddle p of the weak feature at `gamma`, sample moments */
  weakLearned: number | null;
  weakSaddle: number | null;
  /** mean test − train over the plateau window (see plateauWindow) */
  plateauGap: number;
  plateauWindow: [number, number];
  /** test − train at the last step */
  finalGap: number;
  /** sample feature strengths η̂ (singular values of the empirical Σyx) */
  sampleEta: number[];
  trainSize: number;
  testSize: number;
  /** the trap γ actually used (see grokkingTrapGamma) */
  trapGamma: number;
}

export type GrokkingTrainerFactory = (config: TrainerConfig) => Trainer | Promise<Trainer>;

/** every weight plus ε·N(0,1) from a seeded stream */
export function perturbWeights(weights: Weights, epsilon: number, seed: number): Weights {
  const normal = normalSource(seed);
  return weights.map((w) => w.map((v) => v + epsilon * normal()));
}

/**
 * The plateau: after the strong feature has settled (from 1/10 of the escape step) until halfway to
 * the escape. Without an escape: the second half of the run.
 */
export function plateauWindow(escapeStep: number | null, steps: number): [number, number] {
  return escapeStep === null ? [steps / 2, steps] : [escapeStep / 10, escapeStep / 2];
}

export function meanGap(points: GrokkingPoint[], window: [number, number]): number {
  const inside = points.filter((p) => p.step >= window[0] && p.step <= window[1]);
  const use = inside.length > 0 ? inside : points.slice(-1);
  return use.reduce((s, p) => s + (p.test - p.train), 0) / use.length;
}

/**
 * The trap γ: `preferred` (physics.md §5: 0.38) if it lies between the weak feature's spinodal and
 * the strong feature's on this sample, else the midpoint of the two spinodals, so that the trap is
 * really rank 1 (strong feature on, weak off) whatever the sample's η̂ and a.
 */
export function grokkingTrapGamma(data: Dataset, depth: number, feature: number, preferred = 0.38): number {
  const sp = (k: number) => spinodalGamma(depth, data.syxSvd.values[k], data.inputStrength[k]) ?? 0;
  const weak = sp(feature);
  const strong = sp(0);
  return preferred > weak && preferred < strong ? preferred : (weak + strong) / 2;
}

function trapStart(settings: Pick<GrokkingSettings, 'net' | 'data' | 'gamma' | 'feature'>, trapGamma: number): Weights {
  const depth = settings.net.hiddenWidths.length;
  const strengths = settings.data.inputStrength;
  // strong features start learned at the trap γ (or at the run γ if the trap γ is past their spinodal)
  const learnedValues = settings.data.syxSvd.values.map(
    (eta, k) => stationaryPoints(depth, eta, trapGamma, strengths[k]).learned ?? stationaryPoints(depth, eta, settings.gamma, strengths[k]).learned ?? 0,
  );
  return trapWeights(settings.net, settings.data, learnedValues, settings.feature);
}

/** the trap alone: converge noise-free at the trap γ (weak feature off); the weights before ε */
export async function convergeGrokkingTrap(
  createTrainer: GrokkingTrainerFactory,
  settings: Pick<GrokkingSettings, 'net' | 'data' | 'gamma' | 'feature' | 'lr' | 'trapGamma' | 'trapSteps' | 'seed'>,
): Promise<Weights> {
  const trapGamma = grokkingTrapGamma(settings.data, settings.net.hiddenWidths.length, settings.feature, settings.trapGamma);
  const trainer = await createTrainer({
    net: settings.net,
    data: settings.data,
    optimizer: 'gd',
    lr: settings.lr,
    replicas: [{ gamma: trapGamma, temperature: 0, noiseSeed: settings.seed, init: { kind: 'weights', weights: trapStart(settings, trapGamma) } }],
  });
  try {
    if (settings.trapSteps > 0) await trainer.run(settings.trapSteps);
    const [trapped] = await trainer.getWeights();
    return trapped;
  } finally {
    trainer.dispose();
  }
}

export async function grokkingExperiment(createTrainer: GrokkingTrainerFactory, settings: GrokkingSettings): Promise<GrokkingResult> {
  const { data, feature } = settings;
  const trapGamma = grokkingTrapGamma(data, settings.net.hiddenWidths.length, feature, settings.trapGamma);
  const sampleEta = data.syxSvd.values;
  const strengths = data.inputStrength;
  const trapped = settings.trapped ?? (await convergeGrokkingTrap(createTrainer, settings));
  const trainer = await createTrainer({
    net: settings.net,
    data,
    optimizer: 'gd',
    lr: settings.lr,
    replicas: [
      {
        gamma: settings.gamma,
        temperature: 0,
        noiseSeed: settings.seed,
        init: { kind: 'weights', weights: perturbWeights(trapped, settings.epsilon, settings.seed) },
      },
    ],
  });
  const outputs = data.outputDim;
  const depth = settings.net.hiddenWidths.length;
  const weakTheory = stationaryPoints(depth, sampleEta[feature], settings.gamma, strengths[feature]);
  const escapeThreshold = (weakTheory.learned ?? sampleEta[feature] / strengths[feature]) / 2;
  try {
    const points: GrokkingPoint[] = [];
    const record = (m: Awaited<ReturnType<Trainer['metrics']>>, step: number) =>
      points.push({
        step,
        train: m.trainLoss[0] / outputs,
        test: m.testLoss[0] / outputs,
        weak: featureStrength(m, 0, feature),
        strong: featureStrength(m, 0, 0),
      });
    record(await trainer.metrics(), 0);
    const spacing = settings.logSpacing ?? 0.02;
    let step = 0;
    let escapeStep: number | null = null;
    while (step < settings.steps) {
      const chunk = Math.min(settings.steps - step, Math.max(1, Math.round(step * spacing)));
      const m = await trainer.run(chunk);
      step += chunk;
      record(m, step);
      if (escapeStep === null && featureStrength(m, 0, feature) > escapeThreshold) escapeStep = step;
      settings.onProgress?.(step / settings.steps);
    }
    const window = plateauWindow(escapeStep, settings.steps);
    const last = points[points.length - 1];
    return {
      points,
      escapeStep,
      escapeThreshold,
      weakLearned: weakTheory.learned,
      weakSaddle: weakTheory.saddle,
      plateauGap: meanGap(points, window),
      plateauWindow: window,
      finalGap: last.test - last.train,
      sampleEta: [...sampleEta],
      trainSize: data.trainSize,
      testSize: data.testSize,
      trapGamma,
    };
  } finally {
    trainer.dispose();
  }
}
