/**
 * Quasi-static sweeps land where the exact theory says (issue 4 acceptance, Node, wasm).
 * Whitened data without label noise: the empirical Σyx has exactly the chosen spectrum, and the
 * trivial state's loss is tr Σyy = Σ η_k².
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine/backends';
import { createTrainer } from '../../../src/engine';
import { makeTeacherDataset } from '../../../src/data';
import { quasiStaticSweep, type SweepRun, type SweepSettings } from '../../../src/experiments/sweep';
import { criticalGamma, spinodalGamma } from '../../../src/physics';

beforeAll(async () => {
  await initBackend('wasm');
});

function settings(depth: number, gammas: number[], stepsPerGamma = 4000, mode: 'batched' | 'chain' = 'batched'): SweepSettings {
  const data = makeTeacherDataset({ inputDim: 5, outputDim: 1, spectrum: [1], labelNoise: 0, trainSize: 64, testSize: 64, whiten: true, seed: 3 });
  return {
    net: { inputDim: 5, outputDim: 1, hiddenWidths: Array(depth).fill(4), activation: 'linear' },
    data,
    gammas,
    stepsPerGamma,
    lr: 0.1,
    mode,
  };
}

const grid = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Number((from + i * step).toFixed(6)));

/** the γ at which the up-sweep first has p < 0.05: the measured spinodal (to the grid step) */
function measuredDrop(run: SweepRun): number {
  const point = run.points.find((p) => Math.abs(p.modeOverlaps[0]) < 0.05);
  if (!point) throw new Error('no drop in the sweep');
  return point.gamma;
}

/** where learned-branch total loss crosses the trivial state's loss (linear interpolation) */
function equalLossCrossing(run: SweepRun, trivialLoss: number): number {
  const learned = run.points.filter((p) => Math.abs(p.modeOverlaps[0]) > 0.05);
  for (let i = 1; i < learned.length; i++) {
    const a = learned[i - 1].trainLoss + learned[i - 1].penalty - trivialLoss;
    const b = learned[i].trainLoss + learned[i].penalty - trivialLoss;
    if (a < 0 && b >= 0) return learned[i - 1].gamma + (learned[i].gamma - learned[i - 1].gamma) * (-a / (b - a));
  }
  throw new Error('no equal-loss crossing on the learned branch');
}

describe.each([2, 3])('D = %i quasi-static sweep', (depth) => {
  const gammaSp = spinodalGamma(depth, 1) as number;
  const gammaC = criticalGamma(depth, 1) as number;
  let up: SweepRun;
  let down: SweepRun;
  beforeAll(async () => {
    [up, down] = await quasiStaticSweep(createTrainer, settings(depth, grid(0.2, 0.55, 0.0025)), 'both');
  });

  it('the up-sweep drops the feature within 2 % of γ_sp', () => {
    const drop = measuredDrop(up);
    // the drop is the first grid point past γ_sp: within one grid step, and within 2 %
    expect(drop).toBeGreaterThan(gammaSp);
    expect(Math.abs(drop - gammaSp) / gammaSp).toBeLessThan(0.02);
  });

  it('learned and trivial states have equal loss within 2 % of γ_c', () => {
    const crossing = equalLossCrossing(up, 1);
    expect(Math.abs(crossing - gammaC) / gammaC).toBeLessThan(0.02);
  });

  it('the down-sweep from zero stays trivial (hysteresis)', () => {
    for (const point of down.points) expect(Math.abs(point.modeOverlaps[0])).toBeLessThan(1e-4);
  });
});

describe('D = 1: continuous, no hysteresis', () => {
  it('p follows max(η − γ, 0) within 0.01 outside the critical-slowing-down window |γ − η| < 0.05', async () => {
    const gammas = grid(0.5, 1.3, 0.02);
    const [up, down] = await quasiStaticSweep(createTrainer, settings(1, gammas, 6000), 'both');
    for (const run of [up, down]) {
      for (const point of run.points) {
        if (Math.abs(point.gamma - 1) < 0.05) continue;
        expect(Math.abs(point.modeOverlaps[0] - Math.max(1 - point.gamma, 0))).toBeLessThan(0.01);
      }
    }
  });
});

describe('batched sweep equals the one-γ-at-a-time reference', () => {
  it('D = 2, same order parameter at every γ (to 1e-3)', async () => {
    const gammas = grid(0.3, 0.5, 0.02);
    const [batched] = await quasiStaticSweep(createTrainer, settings(2, gammas, 3000, 'batched'), 'up');
    const [chained] = await quasiStaticSweep(createTrainer, settings(2, gammas, 3000, 'chain'), 'up');
    batched.points.forEach((point, i) => {
      expect(point.gamma).toBe(chained.points[i].gamma);
      expect(Math.abs(point.modeOverlaps[0] - chained.points[i].modeOverlaps[0])).toBeLessThan(1e-3);
    });
  });
});
