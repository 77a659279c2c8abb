/**
 * Hysteresis loops at finite ramp rates (issue 4), several rates in ONE batch: replica r walks the
 * γ grid up from the learned state, then back down, `stepsPerGamma[r]` optimizer steps at each γ,
 * each γ continuing from the previous one's state. All replicas step together; a replica moves to
 * its next γ whenever its own step count is a multiple of its steps per γ (the batch runs from one
 * such change to the next), and one that has finished its loop idles at its last γ
 * until the slowest is done.
 *
 * A loop's kicks are seeded by (seed, its steps per γ, visit), so it is the same alone or in a batch.
 * At every γ increment the weights get a fresh seeded kick of size `kick` (default 1e-4 per
 * entry) — the smallest real noise. Without it an exactly-zero state is a fixed point of gradient
 * descent (float32 underflow gets there), and even D = 1, whose origin is unstable below γ = η,
 * would stick at zero on the way down: a numerical loop, not a physical one. Where the origin is
 * stable (D ≥ 2, every γ > 0) the kick decays and the loop is real.
 */
import { deriveSeed } from '../data/random';
import type { Dataset } from '../data/types';
import type { NetSpec, Weights } from '../engine/types';
import { learnedStart, sweepPoint, trivialStart, type SweepPoint, type SweepRun, type TrainerFactory } from './sweep';

export interface RampLoopSettings {
  net: NetSpec;
  data: Dataset;
  /** ascending */
  gammas: number[];
  /** one loop per entry: optimizer steps spent at each γ (positive integers) */
  stepsPerGamma: number[];
  lr: number;
  kick: number;
  seed: number;
  onProgress?: (fraction: number) => void;
}

/** `weights` plus a seeded perturbation of scale `kick` (trivialStart is exactly that noise for scale 1e-4) */
function kicked(net: NetSpec, weights: Weights, kick: number, seed: number): Weights {
  const noise = trivialStart(net, seed);
  const scale = kick / 1e-4;
  return weights.map((w, l) => w.map((x, i) => x + scale * noise[l][i]));
}

/** [up, down] per entry of `stepsPerGamma`, in that order */
export async function rampLoop(createTrainer: TrainerFactory, settings: RampLoopSettings): Promise<SweepRun[][]> {
  const { net, gammas, stepsPerGamma } = settings;
  if (stepsPerGamma.length === 0 || !stepsPerGamma.every((s) => Number.isInteger(s) && s > 0)) {
    throw new Error(`stepsPerGamma must be positive integers, got ${stepsPerGamma.join(', ')}`);
  }
  const depth = net.hiddenWidths.length;
  const R = stepsPerGamma.length;
  const visits = [...gammas, ...[...gammas].reverse()];
  const start = learnedStart(net, settings.data);
  const trainer = await createTrainer({
    net,
    data: settings.data,
    optimizer: 'gd',
    lr: settings.lr,
    replicas: stepsPerGamma.map((_, r) => ({
      gamma: gammas[0],
      temperature: 0,
      noiseSeed: deriveSeed(settings.seed, stepsPerGamma[r]),
      init: { kind: 'weights', weights: start },
    })),
  });
  try {
    const points: SweepPoint[][] = stepsPerGamma.map(() => []);
    const gammaOf = Float64Array.from(stepsPerGamma, () => gammas[0]);
    const totalSteps = visits.length * Math.max(...stepsPerGamma);
    /** move replica r to visit v: a fresh kick, then its γ */
    const enter = async (due: number[], visit: (r: number) => number) => {
      if (due.length === 0) return;
      const weights = await trainer.getWeights();
      for (const r of due) {
        const v = visit(r);
        trainer.setWeights(kicked(net, weights[r], settings.kick, deriveSeed(settings.seed, stepsPerGamma[r], v)), r);
        gammaOf[r] = visits[v];
      }
      trainer.setGamma(gammaOf);
    };
    await enter(
      stepsPerGamma.map((_, r) => r),
      () => 0,
    );
    let t = 0;
    while (t < totalSteps) {
      // run to the next γ change of any replica that has not finished its loop
      let next = totalSteps;
      for (const s of stepsPerGamma) if (t < visits.length * s) next = Math.min(next, (Math.floor(t / s) + 1) * s);
      const metrics = await trainer.run(next - t);
      t = next;
      const due: number[] = [];
      for (let r = 0; r < R; r++) {
        const s = stepsPerGamma[r];
        const v = t / s;
        if (t % s !== 0 || v > visits.length) continue;
        points[r].push(sweepPoint(metrics, r, visits[v - 1]));
        if (v < visits.length) due.push(r);
      }
      await enter(due, (r) => t / stepsPerGamma[r]);
      settings.onProgress?.(t / totalSteps);
    }
    return points.map((p) => [
      { depth, direction: 'up', points: p.slice(0, gammas.length) },
      { depth, direction: 'down', points: p.slice(gammas.length) },
    ]);
  } finally {
    trainer.dispose();
  }
}

export interface RampPoint {
  depth: number;
  stepsPerGamma: number;
  area: number;
  /** the quasi-static (infinitely slow) loop area on the same grid, exact theory */
  exactArea?: number;
}

/** loop area vs ramp rate, sorted by depth, then steps per γ (fast ramps = few steps first) */
export function rampRows(points: readonly RampPoint[]): RampPoint[] {
  return [...points].sort((a, b) => a.depth - b.depth || a.stepsPerGamma - b.stepsPerGamma);
}
