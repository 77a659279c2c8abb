/**
 * A hysteresis loop at a finite ramp rate (issue 4): one net walks the γ grid up from the learned
 * state, then back down, `stepsPerGamma` optimizer steps at each γ, each γ continuing from the
 * previous one's state. At every γ increment the weights get a fresh seeded kick of size `kick`
 * (default 1e-4 per entry) — the smallest real noise. Without it an exactly-zero state is a fixed
 * point of gradient descent (float32 underflow gets there), and even D = 1, whose origin is
 * unstable below γ = η, would stick at zero on the way down: a numerical loop, not a physical one.
 * Where the origin is stable (D ≥ 2, every γ > 0) the kick decays and the loop is real.
 */
import type { Dataset } from '../data/types';
import type { NetSpec, Weights } from '../engine/types';
import { learnedStart, sweepPoint, trivialStart, type SweepPoint, type SweepRun, type TrainerFactory } from './sweep';

export interface RampLoopSettings {
  net: NetSpec;
  data: Dataset;
  /** ascending */
  gammas: number[];
  stepsPerGamma: number;
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

export async function rampLoop(createTrainer: TrainerFactory, settings: RampLoopSettings): Promise<SweepRun[]> {
  const { net, gammas } = settings;
  const depth = net.hiddenWidths.length;
  const trainer = await createTrainer({
    net,
    data: settings.data,
    optimizer: 'gd',
    lr: settings.lr,
    replicas: [{ gamma: gammas[0], temperature: 0, noiseSeed: settings.seed, init: { kind: 'weights', weights: learnedStart(net, settings.data) } }],
  });
  try {
    const runs: SweepRun[] = [];
    const total = 2 * gammas.length;
    let done = 0;
    let seed = settings.seed * 100_003;
    for (const direction of ['up', 'down'] as const) {
      const visited = direction === 'up' ? gammas : [...gammas].reverse();
      const points: SweepPoint[] = [];
      for (const gamma of visited) {
        const [weights] = await trainer.getWeights();
        trainer.setWeights(kicked(net, weights, settings.kick, ++seed));
        trainer.setGamma(gamma);
        points.push(sweepPoint(await trainer.run(settings.stepsPerGamma), 0, gamma));
        settings.onProgress?.(++done / total);
      }
      runs.push({ depth, direction, points });
    }
    return runs;
  } finally {
    trainer.dispose();
  }
}
