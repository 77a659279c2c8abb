/**
 * Escape is detected on the trapped feature's singular value of the end-to-end map (issue 10, item 1).
 * Negative control: a rank-1 trap under plain minibatch SGD never raises the rank (docs/physics.md §5), so
 * no replica may be reported escaped, even at batch 1 and 2 where the noise rotates the rank-1 map
 * onto the second teacher feature (a fixed projection u₂ᵀMv₂ then reported most replicas "escaped").
 * Positive control: Langevin noise at the same γ does raise the rank, and those escapes are detected.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine/backends';
import { createTrainer } from '../../../src/engine';
import { makeTeacherDataset } from '../../../src/data';
import { escapeExperiment } from '../../../src/experiments/escape';
import { stationaryPoints } from '../../../src/physics';

beforeAll(async () => {
  await initBackend('wasm');
});

// the Ersoy–Wiesner geometry (2-10-10-2, η = (0.9, 0.8), unit-variance label noise, lr 0.08) on 128 samples
const spectrum = [0.9, 0.8];
const gamma = 0.25; // below the weak feature's γ_c: the rank-2 state is the better one
const depth = 2;
const data = makeTeacherDataset({ inputDim: 2, outputDim: 2, spectrum, labelNoise: 'unit-variance', trainSize: 128, testSize: 32, whiten: false, seed: 3 });
const eta = data.syxSvd.values;
const learnedValues = eta.map((e, k) => stationaryPoints(depth, e, gamma, data.inputStrength[k]).learned as number);
const weak = stationaryPoints(depth, eta[1], gamma, data.inputStrength[1]) as { learned: number; saddle: number };
const base = {
  net: { inputDim: 2, outputDim: 2, hiddenWidths: [10, 10], activation: 'linear' as const },
  data,
  gamma,
  feature: 1,
  threshold: (weak.learned + weak.saddle) / 2,
  learnedValues,
  checkEvery: 20,
  seed: 5,
};

describe('escape detection on the singular value, not a fixed projection', () => {
  for (const batchSize of [1, 2]) {
    it(`SGD negative control at batch ${batchSize}: 0 of 32 replicas escape`, async () => {
      const [run] = await escapeExperiment(createTrainer, {
        ...base,
        temperatures: [0],
        replicasPerTemperature: 32,
        steps: 3000,
        lr: 0.08,
        noise: { kind: 'sgd', batchSize },
      });
      expect(run.escapeTimes.filter((t) => t !== null)).toEqual([]);
      expect(run.censored).toBe(32);
    }, 120_000);
  }

  it('Langevin escapes from the same trap are still detected', async () => {
    const [run] = await escapeExperiment(createTrainer, {
      ...base,
      temperatures: [0.004],
      replicasPerTemperature: 16,
      steps: 3000,
      lr: 0.08,
    });
    expect(run.censored).toBeLessThan(4);
  }, 120_000);
});
