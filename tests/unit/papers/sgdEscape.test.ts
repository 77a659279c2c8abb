/**
 * SGD-driven escape (issue 10 build item 3; physics.md §5). Independent references:
 * - the rank argument: in a bias-free linear chain every minibatch gradient of an exactly rank-1
 *   balanced state keeps it rank 1, so no replica may escape an exact trap under SGD (any batch);
 * - the deterministic flow of the weak mode, integrated here in float64 as a scalar map on the
 *   balanced per-layer value s (p = sⁿ): s ← s − lr·(2a·p²/s − 2η·p/s + 2γ·s); on a whitened
 *   sample the modes decouple exactly, so full-batch GD of the whole net must follow it;
 * - float32 round-to-nearest: a decaying subnormal stops once its decrement rounds away.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine/backends';
import { createTrainer } from '../../../src/engine';
import { makeTeacherDataset, ersoyWiesnerPreset } from '../../../src/data';
import { escapeExperiment } from '../../../src/experiments/escape';
import { sgdEscapeMap, weakModeTheory, matchedTemperature } from '../../../src/experiments/sgdEscape';
import { float32DecayFloor, paperProtocol } from '../../../src/experiments/paperProtocol';

beforeAll(async () => {
  await initBackend('wasm');
});

const net = { inputDim: 2, outputDim: 2, hiddenWidths: [10, 10], activation: 'linear' as const };
const data = makeTeacherDataset({ ...ersoyWiesnerPreset(1), whiten: true });
const gamma = 0.25;
const lr = 0.08;
const theory = weakModeTheory(data, 2, gamma, 1);

/** float64 scalar map of the balanced weak mode; first step with p > threshold, or null */
function scalarEscapeStep(p0: number, threshold: number, steps: number): number | null {
  const n = 3;
  const eta = data.syxSvd.values[1];
  const a = data.inputStrength[1];
  let s = Math.cbrt(p0);
  for (let t = 1; t <= steps; t++) {
    const p = s ** n;
    s -= lr * ((2 * a * p * p) / s - (2 * eta * p) / s + 2 * gamma * s);
    if (s ** n > threshold) return t;
  }
  return null;
}

describe('SGD from a rank trap', () => {
  for (const batchSize of [2, 64]) {
    it(`negative control, exact trap, SGD batch ${batchSize} (lr/B label passed as the temperature): 0 of 32 escape`, async () => {
      const [run] = await escapeExperiment(createTrainer, {
        net,
        data,
        gamma,
        temperatures: [lr / batchSize],
        replicasPerTemperature: 32,
        steps: 1000,
        lr,
        feature: 1,
        threshold: (theory.saddle + theory.learned) / 2,
        learnedValues: theory.learnedValues,
        checkEvery: 10,
        seed: 3,
        noise: { kind: 'sgd', batchSize },
      });
      expect(run.censored).toBe(32);
    }, 60_000);
  }

  it('plain GD: f = 1.02 escapes at the step the float64 scalar flow gives (±10), f = 0.98 never', async () => {
    const threshold = (theory.saddle + theory.learned) / 2;
    const map = await sgdEscapeMap(createTrainer, {
      net,
      data,
      gamma,
      lr,
      fractions: [0.98, 1.02],
      batches: [],
      replicas: 1,
      steps: 2000,
      checkEvery: 1,
      feature: 1,
      seed: 1,
      langevin: false,
    });
    const [below, above] = map.rows;
    expect(scalarEscapeStep(0.98 * theory.saddle, threshold, 2000)).toBeNull();
    expect(below.gd.escaped).toBe(0);
    const expected = scalarEscapeStep(1.02 * theory.saddle, threshold, 2000) as number;
    expect(expected).toBeGreaterThan(50);
    expect(above.gd.escaped).toBe(1);
    expect(Math.abs((above.gd.latest as number) - expected)).toBeLessThanOrEqual(10);
  }, 60_000);

  it('minibatch noise lowers the escape fraction just above the saddle (f = 1.02: batch 2 < batch 64)', async () => {
    const map = await sgdEscapeMap(createTrainer, {
      net,
      data,
      gamma,
      lr,
      fractions: [1.02],
      batches: [64, 2],
      replicas: 32,
      steps: 600,
      checkEvery: 10,
      feature: 1,
      seed: 2,
      langevin: false,
    });
    const [b64, b2] = map.rows[0].sgd;
    expect(b64.escaped).toBeGreaterThan(b2.escaped + 8);
  }, 60_000);

  it('matched temperature: T = lr/(2B)·σ̄²·(N − B)/(N − 1)', () => {
    expect(matchedTemperature(0.08, 2, 512, 1)).toBeCloseTo((0.04 / 2) * (510 / 511), 12);
    expect(matchedTemperature(0.08, 512, 512, 1)).toBe(0); // full batch: no noise
  });
});

describe('the paper protocol', () => {
  it('float32 decay stops at a few subnormal units (not 0): k·c ≤ ½ at the floor', () => {
    for (const c of [0.0578, 0.0289, 0.2]) {
      const floor = float32DecayFloor(c);
      const units = floor / 2 ** -149;
      expect(floor).toBeGreaterThan(0);
      expect(Number.isInteger(Math.round(units))).toBe(true);
      expect(units * Math.fround(c)).toBeLessThanOrEqual(0.5);
      expect(units).toBeGreaterThanOrEqual(1);
    }
  });

  it('traps: γ = 0.361 leaves feature 1 on and feature 2 off; γ = 0.43 turns both exactly off; none returns at γ = 0.32', async () => {
    const common = {
      net,
      data: makeTeacherDataset(ersoyWiesnerPreset(1)),
      convention: 'ours' as const,
      lr,
      batch: 64,
      gamma: 0.32,
      epochs: 50,
      replicas: 2,
      seed: 1,
    };
    const rank1 = await paperProtocol(createTrainer, { ...common, trapGamma: 0.361, trapEpochs: 300 });
    expect(Math.min(...rank1.features[0].afterTrap)).toBeGreaterThan(0.3);
    expect(rank1.features[1].offAfterTrap).toBe(2);
    expect(rank1.features[1].escapeEpochs).toEqual([null, null]);
    const rank0 = await paperProtocol(createTrainer, { ...common, trapGamma: 0.43, trapEpochs: 300 });
    expect(rank0.features.map((f) => f.exactlyZero)).toEqual([2, 2]);
    expect(rank0.finalTest.every((t) => t > 0.95)).toBe(true);
    const torch = await paperProtocol(createTrainer, { ...common, convention: 'pytorch', trapGamma: 0.361, trapEpochs: 10, epochs: 1 });
    expect(torch.labLr).toBeCloseTo(0.04, 12);
    expect(torch.labGamma).toBeCloseTo(0.32, 12);
  }, 60_000);
});
