/**
 * Nonlinear nets, measured (docs/physics.md §6): the verdict reader on hand-made diagrams, and
 * trained relu/tanh nets against the independent local threshold of the trivial state.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine/backends';
import { createTrainer } from '../../../src/engine';
import { makeTeacherDataset } from '../../../src/data';
import { phaseDiagram, type DepthDiagram } from '../../../src/experiments/phaseDiagram';
import { nonlinearVerdict } from '../../../src/experiments/nonlinearDiagram';
import { reluLocalThreshold } from '../../../src/physics';

beforeAll(async () => {
  await initBackend('wasm');
});

const point = (gamma: number, p: number) => ({ gamma, modeOverlaps: [p], singularValues: [p], trainLoss: 0, testLoss: 0, penalty: 0, normSq: 0 });
const diagram = (learned: number[], trivial: number[]): DepthDiagram => ({
  depth: 2,
  learned: learned.map((p, i) => point(0.1 * (i + 1), p)),
  trivial: trivial.map((p, i) => point(0.1 * (i + 1), p)),
  steps: 1,
  converged: true,
});

describe('reading the verdict off a measured diagram', () => {
  it('a jump with a window where the starts disagree is first order', () => {
    const v = nonlinearVerdict(diagram([0.8, 0.7, 0.6, 0, 0], [0, 0, 0, 0, 0]));
    expect(v.kind).toBe('first order (jump, hysteresis window)');
    expect(v.drop).toBeCloseTo(0.4);
    expect(v.jump).toBeCloseTo(0.6);
    expect(v.rise).toBeNull();
    expect(v.window).toEqual({ from: 0.1, to: expect.closeTo(0.3) });
  });
  it('both starts agreeing and p going to 0 continuously is continuous', () => {
    const v = nonlinearVerdict(diagram([0.4, 0.3, 0.2, 0.05, 0], [0.4, 0.3, 0.2, 0.05, 0]));
    expect(v.kind).toBe('continuous');
    expect(v.window).toBeNull();
    expect(v.rise).toBeCloseTo(0.4);
  });
});

describe('trained nonlinear nets (whitened Gaussian inputs, η = 1)', () => {
  const data = makeTeacherDataset({ inputDim: 3, outputDim: 1, spectrum: [1], labelNoise: 0, trainSize: 128, testSize: 16, whiten: true, seed: 3 });
  const run = (activation: 'relu' | 'tanh', depth: number, gammas: number[], maxSteps: number) =>
    phaseDiagram(createTrainer, { depths: [depth], gammas, data, width: 4, lr: 0.1, chunk: 250, tolerance: 1e-6, maxSteps, activation }).then(([d]) => d);

  it('relu, D = 1: the trivial state is lost at the sample’s local threshold max‖E[y relu(ûᵀx)]‖, near η/2 and not at η', async () => {
    const threshold = reluLocalThreshold(data.trainX, data.trainY, data.trainSize, 3, 1).gamma;
    expect(threshold).toBeGreaterThan(0.35);
    expect(threshold).toBeLessThan(0.75);
    const step = 0.05;
    const gammas = Array.from({ length: 12 }, (_, i) => 0.3 + step * i);
    const d = await run('relu', 1, gammas, 6000);
    const v = nonlinearVerdict(d);
    expect(v.rise).not.toBeNull();
    // the trivial start grows below the threshold and stays put above it (to the grid and slow relaxation near it)
    expect(v.rise as number).toBeLessThan(threshold + step);
    expect(v.rise as number).toBeGreaterThan(threshold - 3 * step);
    expect(v.kind).not.toBe('first order (jump, hysteresis window)');
  }, 60_000);

  it('tanh, D = 2: still first order — the trivial start never learns (the origin is a local minimum for every γ > 0) and the learned one jumps', async () => {
    const gammas = Array.from({ length: 10 }, (_, i) => 0.05 * (i + 1));
    const v = nonlinearVerdict(await run('tanh', 2, gammas, 6000));
    expect(v.rise).toBeNull();
    expect(v.drop).not.toBeNull();
    expect(v.jump).toBeGreaterThan(0.1);
    expect(v.kind).toBe('first order (jump, hysteresis window)');
  }, 60_000);
});
