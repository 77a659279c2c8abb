/**
 * Noise-driven escape from a metastable trap (docs/physics.md §5), as one batched Langevin job.
 *
 * Every replica starts in the trap: the trapped feature at p = 0 (exactly, or after converging at a
 * γ above its spinodal), the other features learned. All temperatures run side by side in one
 * trainer (each replica has its own T and noise seed). A replica's escape time is the first chunk
 * end at which the trapped feature's singular value of the end-to-end map (./modeStrength.ts) passes
 * `threshold` (between the saddle and the learned minimum). Replicas still trapped at the end are censored, never dropped.
 */
import type { Dataset } from '../data/types';
import type { NetSpec, Trainer, TrainerConfig, Weights } from '../engine/types';
import { balancedWeights } from '../engine/balancedInit';
import { featureStrength } from './modeStrength';

export interface EscapeSettings {
  net: NetSpec;
  data: Dataset;
  gamma: number;
  temperatures: number[];
  replicasPerTemperature: number;
  steps: number;
  lr: number;
  /** index of the trapped feature (a singular pair of the empirical Σyx) */
  feature: number;
  /** the trapped feature's singular value above this counts as escaped */
  threshold: number;
  /** learned values of every feature at γ (the trapped one is set to 0) */
  learnedValues: number[];
  /**
   * start value of the trapped feature's singular value (balanced layers; default 0 = exactly
   * trapped). Ignored with trapFrom.
   */
  trappedStart?: number;
  /** converge at this γ first (noise-free), then drop to `gamma`: the paper's way to set the trap */
  trapFrom?: { gamma: number; steps: number };
  /** steps between escape checks (the resolution of the escape times) */
  checkEvery: number;
  seed: number;
  /**
   * 'langevin' (explicit temperature T) or 'sgd' (minibatch noise only; T is ignored, the
   * "temperature" is lr/batchSize). Minibatch SGD cannot raise an exact rank (docs/physics.md §5):
   * the negative control.
   */
  noise?: { kind: 'langevin' } | { kind: 'sgd'; batchSize: number };
  /**
   * each temperature's index in the whole experiment (default 0, 1, …): replica i of temperature j
   * has noise seed seed·1 000 003 + index_j·perT + i, so an experiment split over workers by
   * temperature gives the same replicas as the whole
   */
  temperatureIndices?: number[];
  onProgress?: (fraction: number) => void;
}

export interface EscapeRun {
  T: number;
  /** step of escape per replica; null = censored (still trapped at the end) */
  escapeTimes: (number | null)[];
  /** censored-exponential estimate of the mean: (Σ escape times + censored·steps) / escaped */
  mean: number | null;
  /** median escape time; null when half or more are censored */
  median: number | null;
  censored: number;
}

export type TrainerFactory = (config: TrainerConfig) => Trainer | Promise<Trainer>;

export function trapWeights(net: NetSpec, data: Dataset, learnedValues: number[], feature: number, trappedValue = 0): Weights {
  const { u, v } = data.syxSvd;
  const modes = learnedValues.map((value, k) => ({
    value: k === feature ? trappedValue : value,
    u: u.subarray(k * data.outputDim, (k + 1) * data.outputDim),
    v: v.subarray(k * data.inputDim, (k + 1) * data.inputDim),
  }));
  return balancedWeights(net, modes);
}

export function summarizeEscapes(T: number, escapeTimes: (number | null)[], steps: number): EscapeRun {
  const escaped = escapeTimes.filter((t): t is number => t !== null).sort((a, b) => a - b);
  const censored = escapeTimes.length - escaped.length;
  const total = escaped.reduce((s, t) => s + t, 0) + censored * steps;
  // censored replicas escape later than every observed one: rank them last
  const ranked = [...escaped, ...new Array<number>(censored).fill(Infinity)];
  const n = ranked.length;
  const middle = n % 2 === 1 ? ranked[(n - 1) / 2] : (ranked[n / 2 - 1] + ranked[n / 2]) / 2;
  const median = Number.isFinite(middle) ? middle : null;
  return { T, escapeTimes, mean: escaped.length > 0 ? total / escaped.length : null, median, censored };
}

export async function escapeExperiment(createTrainer: TrainerFactory, settings: EscapeSettings): Promise<EscapeRun[]> {
  const { temperatures, replicasPerTemperature: perT } = settings;
  const count = temperatures.length * perT;
  // with trapFrom, start fully learned and let the noise-free run at trapFrom.gamma switch the feature off
  const start = trapWeights(settings.net, settings.data, settings.learnedValues, settings.trapFrom ? -1 : settings.feature, settings.trappedStart ?? 0);
  const config: TrainerConfig = {
    net: settings.net,
    data: settings.data,
    optimizer: settings.noise?.kind ?? 'langevin',
    batchSize: settings.noise?.kind === 'sgd' ? settings.noise.batchSize : undefined,
    lr: settings.lr,
    replicas: Array.from({ length: count }, (_, r) => ({
      gamma: settings.trapFrom?.gamma ?? settings.gamma,
      temperature: 0,
      noiseSeed: settings.seed * 1_000_003 + (settings.temperatureIndices?.[Math.floor(r / perT)] ?? Math.floor(r / perT)) * perT + (r % perT),
      init: { kind: 'weights' as const, weights: start },
    })),
  };
  const trainer = await createTrainer(config);
  try {
    if (settings.trapFrom) await trainer.run(settings.trapFrom.steps);
    trainer.setGamma(settings.gamma);
    // under 'sgd' the temperatures are labels (lr/B): the noise is the minibatches' alone (a fused
    // kernel given T > 0 would add Langevin noise on top, whatever the optimizer)
    const sgd = settings.noise?.kind === 'sgd';
    trainer.setTemperature(Array.from({ length: count }, (_, r) => (sgd ? 0 : temperatures[Math.floor(r / perT)])));
    const escapedAt: (number | null)[] = new Array(count).fill(null);
    let stepsDone = 0;
    while (stepsDone < settings.steps) {
      const chunk = Math.min(settings.checkEvery, settings.steps - stepsDone);
      const metrics = await trainer.run(chunk);
      stepsDone += chunk;
      for (let r = 0; r < count; r++) {
        if (escapedAt[r] !== null) continue;
        if (featureStrength(metrics, r, settings.feature) > settings.threshold) escapedAt[r] = stepsDone;
      }
      settings.onProgress?.(stepsDone / settings.steps);
      if (escapedAt.every((t) => t !== null)) break;
    }
    return temperatures.map((T, i) => summarizeEscapes(T, escapedAt.slice(i * perT, (i + 1) * perT), settings.steps));
  } finally {
    trainer.dispose();
  }
}
