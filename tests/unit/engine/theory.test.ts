/**
 * Trained networks agree with the exact theory (docs/physics.md §2–§4). Whitened, noise-free data, so
 * the empirical singular values of Σyx equal η to float precision; the expected values come from
 * src/physics evaluated at those EMPIRICAL values, and the docs/physics.md reference tables (η = 1)
 * are checked too. Full-batch GD on the moment path; tolerances are stated per test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTeacherDataset } from '../../../src/data';
import type { Dataset } from '../../../src/data/types';
import { createTrainer } from '../../../src/engine';
import { initBackend } from '../../../src/engine/backends';
import { balancedWeights } from '../../../src/engine/balancedInit';
import type { NetSpec, ReplicaSettings, Weights } from '../../../src/engine/types';
import { criticalGamma, globalMinimum, spinodalGamma, stationaryPoints } from '../../../src/physics';

let single: Dataset;
let cascadeData: Dataset;

beforeAll(async () => {
  await initBackend('wasm');
  single = makeTeacherDataset({ inputDim: 3, outputDim: 1, spectrum: [1], labelNoise: 0, trainSize: 64, testSize: 16, whiten: true, seed: 2 });
  cascadeData = makeTeacherDataset({ inputDim: 4, outputDim: 3, spectrum: [1, 0.6, 0.3], labelNoise: 0, trainSize: 256, testSize: 16, whiten: true, seed: 3 });
});

const net = (data: Dataset, depth: number, width: number): NetSpec => ({
  inputDim: data.inputDim,
  outputDim: data.outputDim,
  hiddenWidths: Array(depth).fill(width),
  activation: 'linear',
});

/** balanced weights with end-to-end singular value values[k] along the k-th empirical feature */
function modeWeights(spec: NetSpec, data: Dataset, values: number[]): Weights {
  return balancedWeights(
    spec,
    values.map((value, k) => ({
      value,
      u: data.syxSvd.u.subarray(k * data.outputDim, (k + 1) * data.outputDim),
      v: data.syxSvd.v.subarray(k * data.inputDim, (k + 1) * data.inputDim),
    })),
  );
}

const eta = (data: Dataset, k = 0) => data.syxSvd.values[k];
const strength = (data: Dataset, k = 0) => data.inputStrength[k];
const fromWeights = (gamma: number, weights: Weights): ReplicaSettings => ({ gamma, temperature: 0, noiseSeed: 0, init: { kind: 'weights', weights } });

describe('the docs/physics.md reference values (η = 1) as computed by src/physics', () => {
  it('γ_c and γ_sp (1e-6)', () => {
    expect(criticalGamma(2, 1)).toBeCloseTo(0.39685, 5);
    expect(criticalGamma(3, 1)).toBeCloseTo(0.272166, 6);
    expect(spinodalGamma(2, 1)).toBeCloseTo(0.47247, 5);
    expect(spinodalGamma(3, 1)).toBeCloseTo(0.3849, 5);
  });
});

describe('trained nets learn what the theory says', () => {
  it('D = 0 learns p = η/(a + γ) (|Δp| < 1e-5)', async () => {
    const gammas = [0, 0.25, 1, 3];
    const t = await createTrainer({
      net: net(single, 0, 1),
      data: single,
      optimizer: 'gd',
      lr: 0.1,
      replicas: gammas.map((gamma, r) => ({ gamma, temperature: 0, noiseSeed: r, init: { kind: 'random', scale: 1, seed: r } })),
    });
    const m = await t.run(500);
    gammas.forEach((gamma, r) => {
      expect(Math.abs(m.modeOverlaps[r] - eta(single) / (strength(single) + gamma))).toBeLessThan(1e-5);
      expect(Math.abs(m.modeOverlaps[r] - 1 / (1 + gamma))).toBeLessThan(1e-5); // η̂ = a = 1 to float precision
    });
    t.dispose();
  });

  it('D = 1 (width 2, random init) learns p = max(η − γ, 0) and ‖θ‖² = 2p (|Δp| < 1e-4)', async () => {
    const gammas = [0.1, 0.4, 0.7, 1.3];
    const t = await createTrainer({
      net: net(single, 1, 2),
      data: single,
      optimizer: 'gd',
      lr: 0.1,
      replicas: gammas.map((gamma, r) => ({ gamma, temperature: 0, noiseSeed: r, init: { kind: 'random', scale: 0.7, seed: 20 + r } })),
    });
    const m = await t.run(3000);
    gammas.forEach((gamma, r) => {
      const p = Math.max(eta(single) - gamma, 0);
      expect(Math.abs(m.modeOverlaps[r] - p)).toBeLessThan(1e-4);
      expect(Math.abs(m.singularValues[r] - p)).toBeLessThan(1e-4);
      expect(Math.abs(m.normSq[r] - 2 * p)).toBeLessThan(2e-4);
    });
    t.dispose();
  });

  for (const [depth, gammaSp] of [
    [2, 0.47247],
    [3, 0.3849],
  ] as const) {
    it(`D = ${depth}: a learned start keeps the mode at 0.97·γ_sp and drops it at 1.03·γ_sp (γ_sp = ${gammaSp}); zero stays zero`, async () => {
      const spec = net(single, depth, 2);
      const learned = modeWeights(spec, single, [eta(single) / strength(single)]);
      const gammaKeep = 0.97 * gammaSp;
      const gammaDrop = 1.03 * gammaSp;
      const t = await createTrainer({
        net: spec,
        data: single,
        optimizer: 'gd',
        lr: 0.1,
        replicas: [
          fromWeights(gammaKeep, learned),
          fromWeights(gammaDrop, learned),
          { gamma: 0.1, temperature: 0, noiseSeed: 0, init: { kind: 'zero' } },
          { gamma: 0.1, temperature: 0, noiseSeed: 0, init: { kind: 'random', scale: 1e-3, seed: 5 } },
        ],
      });
      const start = await t.metrics();
      const m = await t.run(3000);
      // kept: on the learned branch of the empirical mode (|Δp| < 2e-5)
      const branch = stationaryPoints(depth, eta(single), gammaKeep, strength(single)).learned!;
      expect(branch).toBeGreaterThan(0.2);
      expect(Math.abs(m.modeOverlaps[0] - branch)).toBeLessThan(2e-5);
      // dropped: back to the trivial state (|p| < 1e-6)
      expect(Math.abs(m.modeOverlaps[1])).toBeLessThan(1e-6);
      // exactly zero stays exactly zero; a tiny start decays (‖θ‖² down by > 10⁶)
      expect(m.normSq[2]).toBe(0);
      expect(m.normSq[3]).toBeLessThan(1e-6 * start.normSq[3]);
      t.dispose();
    });
  }

  for (const [depth, gammaC, pJump, normJump] of [
    [2, 0.39685, 0.5, 1.889882],
    [3, 0.272166, 2 / 3, 3.265986],
  ] as const) {
    it(`D = ${depth}: at γ_c = ${gammaC} the learned and trivial states have equal total loss (|Δ| < 1e-5), p = ${pJump.toFixed(4)} (1e-4), ‖θ‖² = ${normJump} (2e-4)`, async () => {
      const spec = net(single, depth, 1);
      const gamma = criticalGamma(depth, eta(single), strength(single))!;
      expect(Math.abs(gamma - gammaC)).toBeLessThan(1e-5);
      const t = await createTrainer({
        net: spec,
        data: single,
        optimizer: 'gd',
        lr: 0.1,
        replicas: [fromWeights(gamma, modeWeights(spec, single, [1])), { gamma, temperature: 0, noiseSeed: 0, init: { kind: 'zero' } }],
      });
      const m = await t.run(3000);
      const learnedTotal = m.trainLoss[0] + m.penalty[0];
      const trivialTotal = m.trainLoss[1] + m.penalty[1];
      expect(Math.abs(trivialTotal - single.train.syy[0])).toBeLessThan(1e-6);
      expect(Math.abs(learnedTotal - trivialTotal)).toBeLessThan(1e-5);
      expect(Math.abs(m.modeOverlaps[0] - pJump)).toBeLessThan(1e-4);
      expect(Math.abs(m.normSq[0] - normJump)).toBeLessThan(2e-4);
      t.dispose();
    });
  }
});

describe('the cascade η = (1, 0.6, 0.3), D = 2, width 4 (docs/physics.md §3)', () => {
  const run = async (gamma: number, start: number[]) => {
    const spec = net(cascadeData, 2, 4);
    const t = await createTrainer({
      net: spec,
      data: cascadeData,
      optimizer: 'gd',
      lr: 0.1,
      replicas: [fromWeights(gamma, modeWeights(spec, cascadeData, start))],
    });
    const m = await t.run(2500);
    t.dispose();
    return m;
  };
  const theory = (gamma: number) => [0, 1, 2].map((k) => globalMinimum(2, eta(cascadeData, k), gamma, strength(cascadeData, k)));

  it('empirical features equal η (1e-6) after exact whitening', () => {
    [1, 0.6, 0.3].forEach((v, k) => expect(Math.abs(eta(cascadeData, k) - v)).toBeLessThan(1e-6));
  });

  it('γ = 0.05 from the learned start: (0.9491, 0.5385, 0.2168) (theory |Δ| < 2e-5, table |Δ| < 1e-4)', async () => {
    const m = await run(0.05, [1, 0.6, 0.3]);
    const expected = theory(0.05);
    [0.9491, 0.5385, 0.2168].forEach((v, k) => {
      expect(Math.abs(m.singularValues[k] - expected[k])).toBeLessThan(2e-5);
      expect(Math.abs(m.modeOverlaps[k] - expected[k])).toBeLessThan(2e-5);
      expect(Math.abs(m.singularValues[k] - v)).toBeLessThan(1e-4);
    });
  });

  it('γ = 0.21 in the global minimum (start: mode 1 learned only): (0.7710, 0, 0) (theory 2e-5, table 1e-4, off modes < 1e-6)', async () => {
    const m = await run(0.21, [1, 0, 0]);
    const expected = theory(0.21);
    expect(expected[1]).toBe(0);
    expect(Math.abs(m.singularValues[0] - expected[0])).toBeLessThan(2e-5);
    expect(Math.abs(m.singularValues[0] - 0.771)).toBeLessThan(1e-4);
    expect(m.singularValues[1]).toBeLessThan(1e-6);
    expect(m.singularValues[2]).toBeLessThan(1e-6);
  });

  it('γ = 0.21 from the fully learned start: mode 2 stays metastable (γ_c < γ < γ_sp), mode 3 drops (γ > γ_sp) (2e-5, 1e-6)', async () => {
    const m = await run(0.21, [1, 0.6, 0.3]);
    const metastable = stationaryPoints(2, eta(cascadeData, 1), 0.21, strength(cascadeData, 1)).learned!;
    expect(criticalGamma(2, 0.6)!).toBeLessThan(0.21);
    expect(spinodalGamma(2, 0.6)!).toBeGreaterThan(0.21);
    expect(spinodalGamma(2, 0.3)!).toBeLessThan(0.21);
    expect(Math.abs(m.modeOverlaps[1] - metastable)).toBeLessThan(2e-5);
    expect(Math.abs(m.modeOverlaps[2])).toBeLessThan(1e-6);
  });
});
