/**
 * Quasi-static γ sweeps on the batched engine.
 *
 * A quasi-static sweep lets each γ continue from the previous γ's converged state: "up" starts
 * learned (the unregularized solution), "down" starts trivial (see trivialStart), "both" runs up, then down
 * from where up ended (plus the same tiny perturbation).
 *
 * Noise-free full-batch gradient descent on a linear net converges to the same state whether a γ
 * is reached by walking the grid or directly from the sweep's starting state: every point on the
 * way lies in the same basin (the learned start lies above the saddle; zero is a fixed point).
 * So the whole grid of one direction can run as R = grid-size replicas in one batched program
 * ("batched"); "chain" walks the grid with one replica per seed and is the reference.
 */
import type { Dataset } from '../data/types';
import type { Metrics, NetSpec, Trainer, TrainerConfig, Weights } from '../engine/types';
import { balancedWeights } from '../engine/balancedInit';
import { initialWeights } from '../engine/model';

export type SweepDirection = 'up' | 'down';

export interface SweepPoint {
  gamma: number;
  /** end-to-end singular values, descending */
  singularValues: number[];
  /** per-feature order parameter u_kᵀ M v_k */
  modeOverlaps: number[];
  trainLoss: number;
  testLoss: number;
  penalty: number;
  normSq: number;
}

export interface SweepRun {
  depth: number;
  direction: SweepDirection;
  points: SweepPoint[];
}

export interface SweepSettings {
  net: NetSpec;
  data: Dataset;
  /** the grid, ascending; "down" walks it from the top */
  gammas: number[];
  /** optimizer steps at each γ */
  stepsPerGamma: number;
  lr: number;
  mode: 'batched' | 'chain';
  /** called with the fraction done, 0…1 */
  onProgress?: (fraction: number) => void;
}

export type TrainerFactory = (config: TrainerConfig) => Trainer | Promise<Trainer>;

/** The unregularized least-squares map, balanced over the layers: the "learned" starting state. */
export function learnedStart(net: NetSpec, data: Dataset): Weights {
  const { values, u, v } = data.syxSvd;
  const modes = values.map((value, k) => ({
    value: value / data.inputStrength[k],
    u: u.subarray(k * data.outputDim, (k + 1) * data.outputDim),
    v: v.subarray(k * data.inputDim, (k + 1) * data.inputDim),
  }));
  return balancedWeights(net, modes);
}

/**
 * The trivial state: zero weights plus a tiny seeded perturbation (1e-4 per entry), as any real
 * noise would leave. Exactly zero is a fixed point of gradient descent even where the origin is
 * unstable (D = 1 below γ = η); the perturbation lets such an origin be left, and decays where the
 * origin is stable (every γ > 0 for D ≥ 2).
 */
export function trivialStart(net: NetSpec, seed = 1): Weights {
  return initialWeights(net, { kind: 'random', scale: 1e-4, seed });
}

/** `weights` plus the same tiny perturbation (gradient descent may have reached exactly zero). */
export function perturbed(net: NetSpec, weights: Weights, seed = 1): Weights {
  const noise = trivialStart(net, seed);
  return weights.map((w, l) => w.map((x, i) => x + noise[l][i]));
}

/** replica r of a chunk's metrics as a sweep point at γ */
export function sweepPoint(metrics: Metrics, r: number, gamma: number): SweepPoint {
  const k = metrics.singularValues.length / metrics.replicas;
  const modes = metrics.modeOverlaps.length / metrics.replicas;
  return {
    gamma,
    singularValues: Array.from(metrics.singularValues.subarray(r * k, (r + 1) * k)),
    modeOverlaps: Array.from(metrics.modeOverlaps.subarray(r * modes, (r + 1) * modes)),
    trainLoss: metrics.trainLoss[r],
    testLoss: metrics.testLoss[r],
    penalty: metrics.penalty[r],
    normSq: metrics.normSq[r],
  };
}

function pointsFrom(metrics: Metrics, gammas: number[], replicaOf: (i: number) => number): SweepPoint[] {
  return gammas.map((gamma, i) => sweepPoint(metrics, replicaOf(i), gamma));
}

function trainerConfig(settings: SweepSettings, gammas: number[], start: Weights): TrainerConfig {
  return {
    net: settings.net,
    data: settings.data,
    optimizer: 'gd',
    lr: settings.lr,
    replicas: gammas.map((gamma, r) => ({ gamma, temperature: 0, noiseSeed: r, init: { kind: 'weights', weights: start } })),
  };
}

/** Run one direction; returns the points in the order visited and the final weights of the last point. */
export async function sweepDirection(
  createTrainer: TrainerFactory,
  settings: SweepSettings,
  direction: SweepDirection,
  start: Weights,
  progress: { done: number; total: number } = { done: 0, total: 1 },
): Promise<{ run: SweepRun; last: Weights }> {
  const visited = direction === 'up' ? [...settings.gammas] : [...settings.gammas].reverse();
  const depth = settings.net.hiddenWidths.length;
  const report = (fraction: number) => settings.onProgress?.((progress.done + fraction) / progress.total);

  if (settings.mode === 'batched') {
    const trainer = await createTrainer(trainerConfig(settings, visited, start));
    try {
      const chunk = Math.max(1, Math.ceil(settings.stepsPerGamma / 20));
      let metrics: Metrics | undefined;
      for (let done = 0; done < settings.stepsPerGamma; done += chunk) {
        metrics = await trainer.run(Math.min(chunk, settings.stepsPerGamma - done));
        report(Math.min(1, (done + chunk) / settings.stepsPerGamma));
      }
      metrics ??= await trainer.metrics();
      const weights = await trainer.getWeights();
      return {
        run: { depth, direction, points: pointsFrom(metrics, visited, (i) => i) },
        last: weights[visited.length - 1],
      };
    } finally {
      trainer.dispose();
    }
  }

  const trainer = await createTrainer(trainerConfig(settings, [visited[0]], start));
  try {
    const points: SweepPoint[] = [];
    for (let i = 0; i < visited.length; i++) {
      trainer.setGamma(visited[i]);
      const metrics = await trainer.run(settings.stepsPerGamma);
      points.push(...pointsFrom(metrics, [visited[i]], () => 0));
      report((i + 1) / visited.length);
    }
    const weights = await trainer.getWeights();
    return { run: { depth, direction, points }, last: weights[0] };
  } finally {
    trainer.dispose();
  }
}

/** "up", "down" or "both" (up, then down from where up ended, plus the tiny perturbation). */
export async function quasiStaticSweep(createTrainer: TrainerFactory, settings: SweepSettings, direction: SweepDirection | 'both'): Promise<SweepRun[]> {
  if (direction === 'down') {
    const { run } = await sweepDirection(createTrainer, settings, 'down', trivialStart(settings.net));
    return [run];
  }
  const total = direction === 'both' ? 2 : 1;
  const up = await sweepDirection(createTrainer, settings, 'up', learnedStart(settings.net, settings.data), { done: 0, total });
  if (direction === 'up') return [up.run];
  const down = await sweepDirection(createTrainer, settings, 'down', perturbed(settings.net, up.last), { done: 1, total });
  return [up.run, down.run];
}
