/**
 * Noise-driven escape out of a metastable trap (issue 5 acceptance, Node, wasm, seeded).
 * Settings: D = 2, width 1, η = 1, γ = 0.25 (exact barrier B = 0.015881), population moments
 * (exactly whitened data, no label noise), lr 0.1, 64 replicas per temperature.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine/backends';
import { createTrainer } from '../../../src/engine';
import { makeTeacherDataset } from '../../../src/data';
import { escapeExperiment, trapWeights, type EscapeRun } from '../../../src/experiments/escape';
import { arrheniusFit, arrheniusFitWithPrefactor, barrierFromOrigin, stationaryPoints } from '../../../src/physics';

beforeAll(async () => {
  await initBackend('wasm');
});

const temperatures = [0.02, 0.01, 0.006, 0.004, 0.003, 0.0025];

describe('Langevin escape from p = 0 at D = 2', () => {
  const gamma = 0.25;
  const { learned, saddle } = stationaryPoints(2, 1, gamma) as { learned: number; saddle: number };
  const barrier = barrierFromOrigin(2, 1, gamma) as number;
  let runs: EscapeRun[];
  beforeAll(async () => {
    const data = makeTeacherDataset({ inputDim: 2, outputDim: 1, spectrum: [1], labelNoise: 0, trainSize: 64, testSize: 64, whiten: true, seed: 1 });
    runs = await escapeExperiment(createTrainer, {
      net: { inputDim: 2, outputDim: 1, hiddenWidths: [1, 1], activation: 'linear' },
      data,
      gamma,
      temperatures,
      replicasPerTemperature: 64,
      steps: 60_000,
      lr: 0.1,
      feature: 0,
      threshold: (learned + saddle) / 2,
      learnedValues: [learned],
      checkEvery: 20,
      seed: 7,
    });
  }, 120_000);

  it('mean escape time grows with 1/T over at least two orders of magnitude', () => {
    const means = runs.map((run) => run.mean as number);
    for (let i = 1; i < means.length; i++) expect(means[i]).toBeGreaterThan(means[i - 1]);
    expect(means[means.length - 1] / means[0]).toBeGreaterThan(100);
  });

  it('ln τ is linear in 1/T (R² ≥ 0.95) and the barrier is within a factor 2 of the exact B', () => {
    const fitted = runs.filter((run) => run.median !== null);
    expect(fitted.length).toBe(temperatures.length);
    const lnTau = fitted.map((run) => Math.log(run.median as number));
    const plain = arrheniusFit(
      fitted.map((run) => 1 / run.T),
      lnTau,
    );
    const withPrefactor = arrheniusFitWithPrefactor(
      fitted.map((run) => run.T),
      lnTau,
    );
    expect(plain.r2).toBeGreaterThanOrEqual(0.95);
    expect(withPrefactor.r2).toBeGreaterThanOrEqual(0.95);
    expect(withPrefactor.slope / barrier).toBeGreaterThan(0.5);
    expect(withPrefactor.slope / barrier).toBeLessThan(2);
    expect(plain.slope / barrier).toBeGreaterThan(0.5);
    expect(plain.slope / barrier).toBeLessThan(2);
  });
});

describe('negative control: minibatch SGD never raises an exact rank', () => {
  it('rank-1 trap of η = (1, 0.6) at D = 2 stays rank 1 under SGD (batch 8, lr 0.05, 4 000 steps)', async () => {
    const gamma = 0.1; // below γ_c(0.6) = 0.2008: escaping would lower the loss
    const spectrum = [1, 0.6];
    const data = makeTeacherDataset({ inputDim: 3, outputDim: 2, spectrum, labelNoise: 0.3, trainSize: 128, testSize: 64, whiten: false, seed: 2 });
    const net = { inputDim: 3, outputDim: 2, hiddenWidths: [4, 4], activation: 'linear' as const };
    const learnedValues = spectrum.map((eta) => stationaryPoints(2, eta, gamma).learned as number);
    const start = trapWeights(net, data, learnedValues, 1);
    const trainer = await createTrainer({
      net,
      data,
      optimizer: 'sgd',
      batchSize: 8,
      lr: 0.05,
      replicas: Array.from({ length: 16 }, (_, r) => ({ gamma, temperature: 0, noiseSeed: r + 1, init: { kind: 'weights' as const, weights: start } })),
    });
    try {
      const metrics = await trainer.run(4000);
      for (let r = 0; r < 16; r++) {
        expect(metrics.singularValues[r * 2]).toBeGreaterThan(0.5); // the strong feature stays learned
        expect(metrics.singularValues[r * 2 + 1]).toBeLessThan(1e-5); // the trapped one never appears
      }
    } finally {
      trainer.dispose();
    }
  });
});
