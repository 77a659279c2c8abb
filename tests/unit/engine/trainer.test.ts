/**
 * The batched trainer's contract: paths agree, per-replica determinism, hyperparameter changes,
 * weights in and out, divergence, metrics, no tensor leaks. Backend: wasm (Node). Default kernel ('auto', a
 * fused one) unless a test names kernel 'tfjs' (backends, tensor leaks, float32 decay folding).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTeacherDataset, ersoyWiesnerPreset } from '../../../src/data';
import type { Dataset } from '../../../src/data/types';
import { createTrainer, lossSlice, randomDirection, selectPath } from '../../../src/engine';
import { initBackend } from '../../../src/engine/backends';
import { balancedWeights } from '../../../src/engine/balancedInit';
import type { NetSpec, ReplicaSettings, TrainerConfig, Weights } from '../../../src/engine/types';

let ew: Dataset;
let small: Dataset;

beforeAll(async () => {
  await initBackend('wasm');
  ew = makeTeacherDataset({ ...ersoyWiesnerPreset(3), trainSize: 128, testSize: 64 });
  small = makeTeacherDataset({
    inputDim: 3,
    outputDim: 2,
    spectrum: [1, 0.5],
    labelNoise: 0.2,
    trainSize: 40,
    testSize: 30,
    whiten: false,
    seed: 5,
  });
});

const linearNet = (widths: number[], inputDim = 2, outputDim = 2): NetSpec => ({ inputDim, outputDim, hiddenWidths: widths, activation: 'linear' });

function replicas(gammas: number[], extra: Partial<ReplicaSettings> = {}): ReplicaSettings[] {
  return gammas.map((gamma, r) => ({
    gamma,
    temperature: 0,
    noiseSeed: 100 + r,
    init: { kind: 'random', scale: 0.8, seed: 10 + r },
    ...extra,
  }));
}

function maxAbsDiff(a: Weights[], b: Weights[]): number {
  let m = 0;
  a.forEach((w, r) => w.forEach((layer, l) => layer.forEach((x, e) => (m = Math.max(m, Math.abs(x - b[r][l][e]))))));
  return m;
}

describe('paths', () => {
  it('auto picks moments exactly where they are exact', () => {
    expect(selectPath({ net: linearNet([3]), optimizer: 'gd' })).toBe('moments');
    expect(selectPath({ net: linearNet([3]), optimizer: 'langevin' })).toBe('moments');
    expect(selectPath({ net: linearNet([3]), optimizer: 'sgd' })).toBe('samples');
    expect(selectPath({ net: { ...linearNet([3]), activation: 'tanh' }, optimizer: 'gd' })).toBe('samples');
    expect(selectPath({ net: linearNet([3]), optimizer: 'gd', path: 'samples' })).toBe('samples');
  });

  for (const optimizer of ['gd', 'langevin'] as const) {
    it(`moment path follows the sample path (${optimizer}, D = 2, 300 steps; weights within 2e-4, losses within 1e-4)`, async () => {
      const config: TrainerConfig = {
        net: linearNet([3, 3]),
        data: ew,
        optimizer,
        lr: 0.05,
        replicas: replicas([0, 0.1, 0.3], { temperature: optimizer === 'langevin' ? 0.002 : 0 }),
      };
      const moments = await createTrainer(config);
      const samples = await createTrainer({ ...config, path: 'samples' });
      expect(moments.path).toBe('moments');
      expect(samples.path).toBe('samples');
      const a = await moments.run(300);
      const b = await samples.run(300);
      expect(maxAbsDiff(await moments.getWeights(), await samples.getWeights())).toBeLessThan(2e-4);
      for (let r = 0; r < 3; r++) {
        expect(Math.abs(a.trainLoss[r] - b.trainLoss[r])).toBeLessThan(1e-4);
        expect(Math.abs(a.testLoss[r] - b.testLoss[r])).toBeLessThan(1e-4);
      }
      // and training did something
      const fresh = await createTrainer({ ...config, replicas: config.replicas.slice(0, 1) });
      expect(a.trainLoss[0]).toBeLessThan((await fresh.metrics()).trainLoss[0] - 0.1);
      fresh.dispose();
      moments.dispose();
      samples.dispose();
    });
  }

  it('SGD with batch = N equals full-batch GD on the samples (tanh, 100 steps, 1e-5)', async () => {
    const net: NetSpec = { inputDim: 3, outputDim: 2, hiddenWidths: [4], activation: 'tanh' };
    const base = { net, data: small, lr: 0.1, replicas: replicas([0.05, 0.2]) };
    const sgd = await createTrainer({ ...base, optimizer: 'sgd', batchSize: small.trainSize });
    const gd = await createTrainer({ ...base, optimizer: 'gd' });
    await sgd.run(100);
    await gd.run(100);
    expect(maxAbsDiff(await sgd.getWeights(), await gd.getWeights())).toBeLessThan(1e-5);
    sgd.dispose();
    gd.dispose();
  });
});

describe('determinism', () => {
  it('the same config gives bit-identical weights', async () => {
    const config: TrainerConfig = { net: linearNet([4]), data: ew, optimizer: 'langevin', lr: 0.05, replicas: replicas([0.1, 0.2], { temperature: 0.01 }) };
    const a = await createTrainer(config);
    const b = await createTrainer(config);
    await a.run(50);
    await b.run(50);
    expect(maxAbsDiff(await a.getWeights(), await b.getWeights())).toBe(0);
    a.dispose();
    b.dispose();
  });

  for (const optimizer of ['langevin', 'sgd'] as const) {
    it(`a replica's trajectory depends only on its own settings (${optimizer}: alone vs third of three, 1e-6)`, async () => {
      const settings = replicas([0.05, 0.2, 0.1], { temperature: 0.01 });
      const base = { net: { ...linearNet([3], 3, 2), activation: 'tanh' as const }, data: small, optimizer, lr: 0.05, batchSize: 8 };
      const batch = await createTrainer({ ...base, replicas: settings });
      const alone = await createTrainer({ ...base, replicas: [settings[2]] });
      await batch.run(80);
      await alone.run(80);
      const wb = await batch.getWeights();
      const wa = await alone.getWeights();
      expect(maxAbsDiff([wb[2]], wa)).toBeLessThan(1e-6);
      // different noise seeds give different trajectories
      const other = await createTrainer({ ...base, replicas: [{ ...settings[2], noiseSeed: 999 }] });
      await other.run(80);
      expect(maxAbsDiff(await other.getWeights(), wa)).toBeGreaterThan(1e-4);
      batch.dispose();
      alone.dispose();
      other.dispose();
    });
  }

  it('Langevin noise has variance 2·lr·T per step (one step from W = 0 on zero targets: the gradient is 0)', async () => {
    const data = makeTeacherDataset({ inputDim: 4, outputDim: 4, spectrum: [], labelNoise: 0, trainSize: 64, testSize: 8, whiten: true, seed: 1 });
    const R = 64;
    const t = await createTrainer({
      net: { inputDim: 4, outputDim: 4, hiddenWidths: [], activation: 'linear' },
      data,
      optimizer: 'langevin',
      lr: 0.01,
      replicas: Array.from({ length: R }, (_, r) => ({ gamma: 0, temperature: 0.5, noiseSeed: r, init: { kind: 'zero' as const } })),
    });
    await t.run(1);
    const w = await t.getWeights();
    const xs = w.flatMap((ws) => Array.from(ws[0]));
    const variance = xs.reduce((a, b) => a + b * b, 0) / xs.length;
    // 1024 samples of N(0, 0.01): relative std of the variance estimate ≈ 4.4%; allow 15%
    expect(Math.abs(variance / (2 * 0.01 * 0.5) - 1)).toBeLessThan(0.15);
    t.dispose();
  });
});

describe('backends', () => {
  it('the same run gives the same trajectory on cpu and wasm (tanh, SGD and Langevin, 100 steps, 1e-5)', async () => {
    const configs: TrainerConfig[] = [
      {
        net: { inputDim: 3, outputDim: 2, hiddenWidths: [4, 3], activation: 'tanh' },
        data: small,
        optimizer: 'sgd',
        batchSize: 8,
        lr: 0.05,
        replicas: replicas([0.05, 0.2]),
        kernel: 'tfjs',
      },
      { net: linearNet([3, 3]), data: ew, optimizer: 'langevin', lr: 0.05, replicas: replicas([0.05, 0.2], { temperature: 0.01 }), kernel: 'tfjs' },
    ];
    const runOn = async (backend: 'cpu' | 'wasm') => {
      await initBackend(backend);
      const out: Weights[][] = [];
      for (const config of configs) {
        const t = await createTrainer(config);
        await t.run(100);
        out.push(await t.getWeights());
        t.dispose();
      }
      return out;
    };
    try {
      const cpu = await runOn('cpu');
      const wasm = await runOn('wasm');
      cpu.forEach((w, i) => expect(maxAbsDiff(w, wasm[i])).toBeLessThan(1e-5));
    } finally {
      await initBackend('wasm');
    }
  });
});

describe('hyperparameters, weights in and out', () => {
  it('setGamma takes effect on the next chunk and never resets weights', async () => {
    const config: TrainerConfig = { net: linearNet([3]), data: ew, optimizer: 'gd', lr: 0.05, replicas: replicas([0.1]) };
    const a = await createTrainer(config);
    const b = await createTrainer(config);
    await a.run(40);
    await b.run(40);
    const before = await a.getWeights();
    a.setGamma(0.5);
    expect(maxAbsDiff(await a.getWeights(), before)).toBe(0);
    const ma = await a.run(40);
    const mb = await b.run(40);
    expect(ma.step).toBe(80);
    expect(ma.normSq[0]).toBeLessThan(mb.normSq[0]);
    expect(ma.penalty[0]).toBeCloseTo(0.5 * ma.normSq[0], 5);
    // changing γ for one replica of several, and the learning rate
    a.setGamma([0.2]);
    a.setLearningRate(0.02);
    expect(() => a.setGamma([0.1, 0.2])).toThrow(/expected 1/);
    expect(() => a.setLearningRate(-1)).toThrow(/learning rate/);
    a.dispose();
    b.dispose();
  });

  for (const kernel of ['auto', 'tfjs'] as const)
    it(`tiny γ·lr is not lost to float32 rounding of 1 − 2·lr·γ (γ = 1e-5, lr = 0.01, 2000 steps, kernel ${kernel})`, async () => {
      // D = 0, zero targets, Σxx = I: W_t = (1 − 2lr(1 + γ))^t W_0 exactly; compare with γ = 0.
      // Folding 1 − 2e-7 into float32 would make γ's effect 11 % too small; tolerance 5 % (float32
      // rounding over 2000 steps alone leaves ≈ 1.5 %).
      const data = makeTeacherDataset({ inputDim: 2, outputDim: 1, spectrum: [], labelNoise: 0, trainSize: 16, testSize: 4, whiten: true, seed: 1 });
      const make = (gamma: number) =>
        createTrainer({
          net: { inputDim: 2, outputDim: 1, hiddenWidths: [], activation: 'linear' },
          data,
          optimizer: 'gd',
          lr: 0.01,
          replicas: [{ gamma, temperature: 0, noiseSeed: 0, init: { kind: 'weights', weights: [Float32Array.from([1, 1])] } }],
          kernel,
        });
      const [with_, without] = await Promise.all([make(1e-5), make(0)]);
      const a = await with_.run(2000);
      const b = await without.run(2000);
      const expectedRatio = Math.pow((1 - 0.02 * (1 + 1e-5)) / (1 - 0.02), 4000); // normSq ratio
      const effect = 1 - a.normSq[0] / b.normSq[0];
      expect(Math.abs(effect / (1 - expectedRatio) - 1)).toBeLessThan(0.05);
      with_.dispose();
      without.dispose();
    });

  it('getWeights / setWeights / setAllWeights round-trip exactly', async () => {
    const net = linearNet([3, 2]);
    const t = await createTrainer({ net, data: ew, optimizer: 'gd', lr: 0.05, replicas: replicas([0.1, 0.2, 0.3]) });
    await t.run(10);
    const w = await t.getWeights();
    expect(w.length).toBe(3);
    expect(w[0].map((l) => l.length)).toEqual([6, 6, 4]);
    const mine: Weights = [
      Float32Array.from({ length: 6 }, (_, i) => i / 10),
      Float32Array.from({ length: 6 }, (_, i) => -i / 7),
      Float32Array.from({ length: 4 }, (_, i) => i / 3),
    ];
    t.setWeights(mine, 1);
    const after = await t.getWeights();
    expect(maxAbsDiff([after[1]], [mine])).toBe(0);
    expect(maxAbsDiff([after[0], after[2]], [w[0], w[2]])).toBe(0);
    t.setAllWeights([w[2], w[1], w[0]]);
    expect(maxAbsDiff(await t.getWeights(), [w[2], w[1], w[0]])).toBe(0);
    t.setWeights(mine);
    expect(maxAbsDiff(await t.getWeights(), [mine, mine, mine])).toBe(0);
    expect(() => t.setWeights([mine[0]], 0)).toThrow(/3 layers/);
    expect(() => t.setWeights(mine, 3)).toThrow(/replica/);
    t.dispose();
  });

  it('init kinds: zero gives loss tr Σyy and stays exactly zero under GD; explicit weights are used as given', async () => {
    const net = linearNet([3, 3]);
    const given = balancedWeights(net, [{ value: 0.7, u: [1, 0], v: [0, 1] }]);
    const t = await createTrainer({
      net,
      data: ew,
      optimizer: 'gd',
      lr: 0.05,
      replicas: [
        { gamma: 0.1, temperature: 0, noiseSeed: 0, init: { kind: 'zero' } },
        { gamma: 0.1, temperature: 0, noiseSeed: 0, init: { kind: 'weights', weights: given } },
      ],
    });
    const m0 = await t.metrics();
    expect(m0.trainLoss[0]).toBeCloseTo(ew.train.syy[0] + ew.train.syy[3], 5);
    expect(m0.singularValues[2]).toBeCloseTo(0.7, 5); // replica 1, largest
    expect(m0.singularValues[3]).toBeCloseTo(0, 6);
    const m = await t.run(200);
    expect(m.normSq[0]).toBe(0);
    expect(m.step).toBe(200);
    t.dispose();
  });
});

describe('metrics', () => {
  it('singular values and mode overlaps of a known end-to-end map (1e-5)', async () => {
    const net = linearNet([3, 3]);
    const u = (k: number) => Array.from(ew.syxSvd.u.subarray(k * 2, k * 2 + 2));
    const v = (k: number) => Array.from(ew.syxSvd.v.subarray(k * 2, k * 2 + 2));
    const weights = balancedWeights(net, [
      { value: 0.8, u: u(0), v: v(0) },
      { value: 0.3, u: u(1), v: v(1) },
    ]);
    const t = await createTrainer({
      net,
      data: ew,
      optimizer: 'gd',
      lr: 0.05,
      replicas: [{ gamma: 0.2, temperature: 0, noiseSeed: 0, init: { kind: 'weights', weights } }],
    });
    const m = await t.metrics();
    expect(m.singularValues[0]).toBeCloseTo(0.8, 5);
    expect(m.singularValues[1]).toBeCloseTo(0.3, 5);
    expect(m.modeOverlaps[0]).toBeCloseTo(0.8, 5);
    expect(m.modeOverlaps[1]).toBeCloseTo(0.3, 5);
    // balanced layers: each of the 3 layers carries p^{2/3} per mode
    const perLayer = Math.pow(0.8, 2 / 3) + Math.pow(0.3, 2 / 3);
    for (let l = 0; l < 3; l++) expect(m.layerNormSq[l]).toBeCloseTo(perLayer, 5);
    expect(m.normSq[0]).toBeCloseTo(3 * perLayer, 4);
    expect(m.penalty[0]).toBeCloseTo(0.2 * 3 * perLayer, 4);
    t.dispose();
  });

  it('nonlinear nets report the linear response Cov(f, x)·Cov(x)⁻¹ (tanh with tiny weights ≈ the product, 1e-3 relative)', async () => {
    const net: NetSpec = { inputDim: 3, outputDim: 2, hiddenWidths: [4], activation: 'tanh' };
    const init = { kind: 'random' as const, scale: 0.01, seed: 4 };
    const mk = (activation: NetSpec['activation']) =>
      createTrainer({ net: { ...net, activation }, data: small, optimizer: 'gd', lr: 0.05, replicas: [{ gamma: 0, temperature: 0, noiseSeed: 0, init }] });
    const tanh = await mk('tanh');
    const linear = await mk('linear');
    const a = await tanh.metrics();
    const b = await linear.metrics();
    for (let k = 0; k < 2; k++) expect(Math.abs(a.singularValues[k] / b.singularValues[k] - 1)).toBeLessThan(1e-3);
    expect(Math.abs(a.trainLoss[0] - b.trainLoss[0])).toBeLessThan(1e-4);
    tanh.dispose();
    linear.dispose();
  });

  it('flags diverged replicas without throwing, leaves the others alone, and clears the flag on new weights', async () => {
    const net = linearNet([3, 3]);
    const t = await createTrainer({
      net,
      data: ew,
      optimizer: 'langevin',
      lr: 0.5,
      replicas: [
        { gamma: 0, temperature: 0.01, noiseSeed: 1, init: { kind: 'random', scale: 4, seed: 1 } },
        { gamma: 0.1, temperature: 0, noiseSeed: 2, init: { kind: 'zero' } },
      ],
    });
    const m = await t.run(200);
    expect(Array.from(m.diverged)).toEqual([1, 0]);
    expect(Number.isFinite(m.trainLoss[1])).toBe(true);
    expect(m.normSq[1]).toBe(0);
    const again = await t.run(10);
    expect(again.diverged[0]).toBe(1);
    t.setWeights(balancedWeights(net, []), 0);
    const restored = await t.run(10);
    expect(Array.from(restored.diverged)).toEqual([0, 0]);
    expect(Number.isFinite(restored.trainLoss[0])).toBe(true);
    t.dispose();
  });
});

describe('loss slice', () => {
  for (const activation of ['linear', 'tanh'] as const) {
    it(`${activation}: (α, β) = (1, 0) through the current weights is the trainer's total loss, (0, 0) is tr Σyy (1e-4)`, async () => {
      const net: NetSpec = { inputDim: 3, outputDim: 2, hiddenWidths: [4, 3], activation };
      const t = await createTrainer({ net, data: small, optimizer: 'gd', lr: 0.05, replicas: replicas([0.15]) });
      const m = await t.run(30);
      const [w] = await t.getWeights();
      const dir2 = randomDirection(w, 7);
      const alphas = [0, 0.5, 1];
      const betas = [0, 0.3];
      const slice = await lossSlice(net, small, 0.15, { dir1: w, dir2, alphas, betas });
      expect(slice.length).toBe(6);
      expect(slice[2]).toBeCloseTo(m.trainLoss[0] + m.penalty[0], 4);
      expect(slice[0]).toBeCloseTo(small.train.syy[0] + small.train.syy[3], 4);
      expect(slice[5]).not.toBeCloseTo(slice[2], 3);
      // the random direction is orthogonal to the weights and of the same norm
      let dot = 0;
      let n1 = 0;
      let n2 = 0;
      w.forEach((layer, l) => layer.forEach((x, e) => ((dot += x * dir2[l][e]), (n1 += x * x), (n2 += dir2[l][e] ** 2))));
      expect(Math.abs(dot) / n1).toBeLessThan(1e-5);
      expect(n2 / n1).toBeCloseTo(1, 5);
      t.dispose();
    });
  }
});

describe('resources', () => {
  it('10 000 steps in chunks leak no tensors (numTensors exactly flat after warm-up)', async () => {
    const moments = await createTrainer({
      net: linearNet([4, 4]),
      data: ew,
      optimizer: 'langevin',
      lr: 0.02,
      replicas: replicas([0.1, 0.3, 0.5], { temperature: 0.001 }),
      kernel: 'tfjs',
    });
    const sgd = await createTrainer({
      kernel: 'tfjs',
      net: { inputDim: 3, outputDim: 2, hiddenWidths: [3], activation: 'relu' },
      data: small,
      optimizer: 'sgd',
      batchSize: 8,
      lr: 0.05,
      replicas: replicas([0.1, 0.2]),
    });
    await moments.run(10);
    await sgd.run(10);
    const before = tf.memory().numTensors;
    for (let chunk = 0; chunk < 50; chunk++) {
      await moments.run(100);
      await sgd.run(100);
      if (chunk % 10 === 3) {
        moments.setGamma([0.1 + chunk / 1000, 0.3, 0.5]);
        moments.setTemperature(0.002);
        sgd.setLearningRate(0.04);
        const w = await moments.getWeights();
        moments.setWeights(w[0], 2);
        moments.setAllWeights(w);
      }
    }
    await moments.metrics();
    expect(moments.step).toBe(5010);
    expect(sgd.step).toBe(5010);
    expect(tf.memory().numTensors).toBe(before);
    moments.dispose();
    sgd.dispose();
  });

  it('dispose frees everything the trainer holds, and a disposed trainer refuses work', async () => {
    const before = tf.memory().numTensors;
    const t = await createTrainer({
      net: { ...linearNet([3], 3, 2), activation: 'tanh' },
      data: small,
      optimizer: 'gd',
      lr: 0.05,
      replicas: replicas([0.1]),
      kernel: 'tfjs',
    });
    await t.run(5);
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(t.run(1)).rejects.toThrow(/disposed/);
  });

  it('rejects configs that do not fit', async () => {
    const base: TrainerConfig = { net: linearNet([3]), data: ew, optimizer: 'gd', lr: 0.05, replicas: replicas([0.1]) };
    await expect(createTrainer({ ...base, net: linearNet([3], 3, 2) })).rejects.toThrow(/does not fit/);
    await expect(createTrainer({ ...base, net: linearNet([1, 1, 1, 1, 1, 1, 1]) })).rejects.toThrow(/depth/);
    await expect(createTrainer({ ...base, replicas: [] })).rejects.toThrow(/replica/);
    await expect(createTrainer({ ...base, replicas: replicas([-1]) })).rejects.toThrow(/gamma/);
    await expect(createTrainer({ ...base, replicas: [{ ...replicas([0.1])[0], init: { kind: 'weights', weights: [new Float32Array(3)] } }] })).rejects.toThrow(
      /layers/,
    );
  });
});
