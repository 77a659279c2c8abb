/**
 * The fused 'js' kernel against the tfjs reference trainer (kernel: 'tfjs', wasm backend) and
 * against tf.grads autodiff: trajectories over ≥ 1000 steps on random shapes and depths, the same
 * Philox noise, the same minibatches, the same metrics.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTeacherDataset } from '../../../src/data';
import { longPeriodUniform } from '../../../src/data/random';
import type { Dataset } from '../../../src/data/types';
import { createTrainer } from '../../../src/engine';
import { initBackend } from '../../../src/engine/backends';
import { philoxNormals, roundKeys, ROUNDS } from '../../../src/engine/fused/philoxNormals';
import { fillNormals, langevinKey } from '../../../src/engine/noise/philox';
import type { Activation, NetSpec, OptimizerKind, TrainerConfig, Weights } from '../../../src/engine/types';

beforeAll(async () => {
  await initBackend('wasm');
});

function maxAbsDiff(a: Weights[], b: Weights[]): number {
  let m = 0;
  a.forEach((w, r) => w.forEach((layer, l) => layer.forEach((x, e) => (m = Math.max(m, Math.abs(x - b[r][l][e]))))));
  return m;
}
function maxAbs(a: Weights[]): number {
  let m = 0;
  a.forEach((w) => w.forEach((layer) => layer.forEach((x) => (m = Math.max(m, Math.abs(x))))));
  return m;
}

interface Case {
  name: string;
  config: TrainerConfig;
}

/** a random case: in/out 1…5, D hidden layers of width 1…6, R = 3 replicas with their own γ, T */
function randomCase(seed: number, depth: number, optimizer: OptimizerKind, activation: Activation, path: 'auto' | 'samples' = 'auto'): Case {
  const u = longPeriodUniform(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(u() * (hi - lo + 1));
  const inputDim = int(1, 5);
  const outputDim = int(1, 5);
  const widths = Array.from({ length: depth }, () => int(1, 6));
  const data: Dataset = makeTeacherDataset({
    inputDim,
    outputDim,
    spectrum: Array.from({ length: Math.min(inputDim, outputDim) }, (_, k) => 1.5 / (k + 1)),
    labelNoise: 0.2,
    trainSize: int(20, 60),
    testSize: 16,
    whiten: u() < 0.5,
    seed,
  });
  const net: NetSpec = { inputDim, outputDim, hiddenWidths: widths, activation };
  // lr below the stability edge of the largest input direction (unwhitened Σxx can reach a few)
  const lr = (0.01 + 0.03 * u()) / Math.max(1, ...Array.from({ length: inputDim }, (_, i) => data.train.sxx[i * inputDim + i]));
  const config: TrainerConfig = {
    net,
    data,
    optimizer,
    lr,
    path,
    batchSize: optimizer === 'sgd' ? int(4, 12) : undefined,
    replicas: Array.from({ length: 3 }, (_, r) => ({
      gamma: 0.3 * u(),
      temperature: optimizer === 'langevin' ? 1e-4 * (r + 1) : 0,
      noiseSeed: seed * 10 + r,
      init: { kind: 'random' as const, scale: 0.6 + 0.6 * u(), seed: seed * 100 + r },
    })),
  };
  return { name: `${inputDim}-${[...widths, outputDim].join('-')} ${activation} ${optimizer} lr=${lr.toFixed(3)}`, config };
}

async function runBoth(config: TrainerConfig, steps: number, chunk = 250) {
  const fused = await createTrainer({ ...config, kernel: 'js' });
  const reference = await createTrainer({ ...config, kernel: 'tfjs' });
  expect(fused.kernel).toBe('js');
  expect(reference.kernel).toBe('tfjs');
  expect(fused.path).toBe(reference.path);
  let mf = await fused.metrics();
  let mr = await reference.metrics();
  for (let done = 0; done < steps; done += chunk) {
    mf = await fused.run(Math.min(chunk, steps - done));
    mr = await reference.run(Math.min(chunk, steps - done));
  }
  const out = { fused: await fused.getWeights(), reference: await reference.getWeights(), mf, mr, path: fused.path };
  fused.dispose();
  reference.dispose();
  return out;
}

/**
 * float32 tolerance: the tfjs path rounds every op to float32 (≈ 6e-8 relative), the fused one
 * runs in float64; over 1000 contracting steps the weights agree to a few 1e-6 of their scale.
 * relu is looser: its derivative jumps at z = 0, and when a sample's pre-activation passes near 0
 * float32 and float64 can put it on different sides for a step (seen as one jump of the difference
 * from ~1e-5 to ~4e-5 between two chunks, not a drift).
 */
const TOLERANCE = 2e-5;
const RELU_TOLERANCE = 2e-4;

describe("fused 'js' kernel follows the tfjs trainer over 1000 steps", () => {
  const cases: Case[] = [];
  for (let depth = 0; depth <= 3; depth++) {
    cases.push(randomCase(11 + depth, depth, 'gd', 'linear'));
    cases.push(randomCase(21 + depth, depth, 'langevin', 'linear'));
    cases.push(randomCase(31 + depth, depth, 'gd', 'linear', 'samples'));
    cases.push(randomCase(41 + depth, depth, 'gd', 'tanh'));
    cases.push(randomCase(51 + depth, depth, 'gd', 'relu'));
    cases.push(randomCase(61 + depth, depth, 'sgd', depth % 2 ? 'tanh' : 'linear'));
  }
  cases.push(randomCase(71, 2, 'langevin', 'tanh'));
  cases.push(randomCase(72, 1, 'sgd', 'relu'));

  for (const c of cases) {
    it(`${c.name} (D = ${c.config.net.hiddenWidths.length}, ${c.config.path === 'samples' ? 'samples forced' : 'auto path'})`, async () => {
      const { fused, reference, mf, mr } = await runBoth(c.config, 1000);
      const scale = Math.max(1, maxAbs(reference));
      expect(Array.from(mf.diverged)).toEqual([0, 0, 0]);
      expect(maxAbsDiff(fused, reference) / scale).toBeLessThan(c.config.net.activation === 'relu' ? RELU_TOLERANCE : TOLERANCE);
      expect(mf.step).toBe(1000);
      for (let r = 0; r < 3; r++) {
        expect(Math.abs(mf.trainLoss[r] - mr.trainLoss[r])).toBeLessThan(1e-4 * Math.max(1, mr.trainLoss[r]));
        expect(Math.abs(mf.testLoss[r] - mr.testLoss[r])).toBeLessThan(1e-4 * Math.max(1, mr.testLoss[r]));
        expect(Math.abs(mf.normSq[r] - mr.normSq[r])).toBeLessThan(1e-4 * Math.max(1, mr.normSq[r]));
      }
      const close = (a: Float32Array, b: Float32Array, tol: number) => a.forEach((x, i) => expect(Math.abs(x - b[i])).toBeLessThan(tol));
      close(mf.singularValues, mr.singularValues, 1e-4);
      close(mf.modeOverlaps, mr.modeOverlaps, 1e-4);
      close(mf.layerNormSq, mr.layerNormSq, 1e-4);
      close(mf.penalty, mr.penalty, 1e-4);
      expect(Array.from(mf.diverged)).toEqual(Array.from(mr.diverged));
    });
  }

  it('training did something in these cases (the comparison is not between two idle runs)', async () => {
    const c = randomCase(13, 2, 'langevin', 'linear');
    const { fused } = await runBoth(c.config, 300);
    const trainer = await createTrainer({ ...c.config, kernel: 'js' });
    expect(maxAbsDiff(fused, await trainer.getWeights())).toBeGreaterThan(1e-2);
    trainer.dispose();
  });
});

describe('one step of the fused kernel is the autodiff gradient step', () => {
  for (const activation of ['linear', 'tanh', 'relu'] as const) {
    for (const path of ['auto', 'samples'] as const) {
      if (activation !== 'linear' && path === 'auto') continue;
      it(`${activation}, ${path === 'auto' ? 'moments' : 'samples'}: (W − W′)/lr = ∇L by tf.grads (1e-4 relative)`, async () => {
        const c = randomCase(90 + activation.length, 2, 'gd', activation, path);
        const config = { ...c.config, replicas: c.config.replicas.slice(0, 1) };
        const { data, net, lr } = config;
        const gamma = config.replicas[0].gamma;
        const trainer = await createTrainer({ ...config, kernel: 'js' });
        const [w0] = await trainer.getWeights();
        await trainer.run(1);
        const [w1] = await trainer.getWeights();
        trainer.dispose();
        const grads = tf.tidy(() => {
          const shapes = w0.map((_, l) => {
            const dims = [net.inputDim, ...net.hiddenWidths, net.outputDim];
            return [dims[l + 1], dims[l]] as [number, number];
          });
          const loss = (...ws: tf.Tensor[]) => {
            let h: tf.Tensor = tf.transpose(tf.tensor2d(data.trainX, [data.trainSize, data.inputDim]));
            ws.forEach((w, l) => {
              h = tf.matMul(w as tf.Tensor2D, h as tf.Tensor2D);
              if (l < ws.length - 1) h = activation === 'tanh' ? tf.tanh(h) : activation === 'relu' ? tf.relu(h) : h;
            });
            const yT = tf.transpose(tf.tensor2d(data.trainY, [data.trainSize, data.outputDim]));
            const dataTerm = tf.div(tf.sum(tf.square(tf.sub(h, yT))), data.trainSize);
            const penalty = tf.mul(gamma, tf.addN(ws.map((w) => tf.sum(tf.square(w)))));
            return tf.add(dataTerm, penalty) as tf.Scalar;
          };
          const g = tf.grads(loss)(w0.map((w, l) => tf.tensor2d(w, shapes[l])));
          return g.map((t) => t.dataSync() as Float32Array);
        });
        let worst = 0;
        let size = 0;
        grads.forEach((g, l) =>
          g.forEach((v, e) => ((worst = Math.max(worst, Math.abs((w0[l][e] - w1[l][e]) / lr - v))), (size = Math.max(size, Math.abs(v))))),
        );
        expect(size).toBeGreaterThan(1e-3);
        expect(worst / size).toBeLessThan(1e-4);
      });
    }
  }
});

describe('Philox noise in the kernel', () => {
  it('philoxNormals reproduces fillNormals bit for bit (counts 1…13, several steps and seeds)', () => {
    const keys = new Uint32Array(2 * ROUNDS);
    for (const seed of [0, 7, 123456789]) {
      roundKeys(seed, keys, 0);
      for (const step of [0, 1, 4095, 2 ** 31 + 5]) {
        for (let count = 1; count <= 13; count++) {
          const a = new Float64Array(count);
          const b = new Float64Array(count + 2);
          fillNormals(langevinKey(seed), step, count, 0.3, a);
          philoxNormals(keys, 0, step, count, 0.3, b, 1);
          expect(Array.from(b.subarray(1, count + 1))).toEqual(Array.from(a));
          expect(b[count + 1]).toBe(0);
        }
      }
    }
  });
});

describe('determinism and streams', () => {
  const base = () => randomCase(5, 2, 'langevin', 'linear').config;

  it('the same seed gives bit-identical weights; another noise seed does not', async () => {
    const config = { ...base(), kernel: 'js' as const };
    const [a, b] = [await createTrainer(config), await createTrainer(config)];
    await a.run(400);
    await b.run(400);
    expect(maxAbsDiff(await a.getWeights(), await b.getWeights())).toBe(0);
    const other = await createTrainer({ ...config, replicas: config.replicas.map((r) => ({ ...r, noiseSeed: r.noiseSeed + 1000 })) });
    await other.run(400);
    expect(maxAbsDiff(await other.getWeights(), await a.getWeights())).toBeGreaterThan(1e-4);
    [a, b, other].forEach((t) => t.dispose());
  });

  for (const optimizer of ['langevin', 'sgd'] as const) {
    it(`${optimizer}: a replica's stream does not depend on the other replicas of the batch (exact)`, async () => {
      const config = { ...randomCase(6, 1, optimizer, 'tanh').config, kernel: 'js' as const };
      const batch = await createTrainer(config);
      const alone = await createTrainer({ ...config, replicas: [config.replicas[2]] });
      await batch.run(300);
      await alone.run(300);
      expect(maxAbsDiff([(await batch.getWeights())[2]], await alone.getWeights())).toBe(0);
      batch.dispose();
      alone.dispose();
    });
  }

  for (const optimizer of ['langevin', 'sgd'] as const) {
    for (const kernel of ['js', 'tfjs'] as const) {
      it(`firstStep continues the stream (${kernel}, ${optimizer}): 300 steps, recreate at firstStep 300 with the weights, 300 more = 600 steps`, async () => {
        const config = { ...randomCase(8, 2, optimizer, 'linear').config, kernel };
        const whole = await createTrainer(config);
        await whole.run(600);
        const first = await createTrainer(config);
        await first.run(300);
        const weights = await first.getWeights();
        const second = await createTrainer({
          ...config,
          firstStep: 300,
          replicas: config.replicas.map((r, i) => ({ ...r, init: { kind: 'weights' as const, weights: weights[i] } })),
        });
        expect(second.step).toBe(300);
        const m = await second.run(300);
        expect(m.step).toBe(600);
        // js: float64 state round-trips through float32 weights at the restart
        const tolerance = kernel === 'js' ? 1e-5 : 0;
        expect(maxAbsDiff(await second.getWeights(), await whole.getWeights())).toBeLessThanOrEqual(tolerance);
        // and the restart without firstStep is a different trajectory
        const restarted = await createTrainer({
          ...config,
          replicas: config.replicas.map((r, i) => ({ ...r, init: { kind: 'weights' as const, weights: weights[i] } })),
        });
        await restarted.run(300);
        expect(maxAbsDiff(await restarted.getWeights(), await whole.getWeights())).toBeGreaterThan(1e-4);
        [whole, first, second, restarted].forEach((t) => t.dispose());
      });
    }
  }

  it('moments Langevin: the fused and tfjs kernels draw the same noise (one step from W = 0 on zero targets is pure noise, 1e-6)', async () => {
    const data = makeTeacherDataset({ inputDim: 3, outputDim: 2, spectrum: [], labelNoise: 0, trainSize: 16, testSize: 4, whiten: true, seed: 2 });
    const config: TrainerConfig = {
      net: { inputDim: 3, outputDim: 2, hiddenWidths: [4], activation: 'linear' },
      data,
      optimizer: 'langevin',
      lr: 0.01,
      firstStep: 77,
      replicas: [0.5, 0.2].map((temperature, r) => ({ gamma: 0.1, temperature, noiseSeed: 40 + r, init: { kind: 'zero' as const } })),
    };
    const fused = await createTrainer({ ...config, kernel: 'js' });
    const reference = await createTrainer({ ...config, kernel: 'tfjs' });
    await fused.run(1);
    await reference.run(1);
    const wf = await fused.getWeights();
    expect(maxAbsDiff(wf, await reference.getWeights())).toBeLessThan(1e-6);
    // and it is the convention's noise: √(2·lr·T)·ξ at step 77
    const xi = new Float64Array(20);
    fillNormals(langevinKey(40), 77, 20, Math.sqrt(2 * 0.01 * 0.5), xi);
    expect(Math.abs(wf[0][0][5] - xi[5])).toBeLessThan(1e-7);
    expect(Math.abs(wf[0][1][2] - xi[12 + 2])).toBeLessThan(1e-7);
    fused.dispose();
    reference.dispose();
  });
});

describe('divergence and kernel choice', () => {
  it('flags the diverging replica like the tfjs trainer, leaves the other alone, and clears the flag on new weights', async () => {
    const data = makeTeacherDataset({ inputDim: 2, outputDim: 2, spectrum: [1, 0.5], labelNoise: 0.1, trainSize: 32, testSize: 8, whiten: true, seed: 3 });
    const config: TrainerConfig = {
      net: { inputDim: 2, outputDim: 2, hiddenWidths: [3, 3], activation: 'linear' },
      data,
      optimizer: 'langevin',
      lr: 0.5,
      replicas: [
        { gamma: 0, temperature: 0.01, noiseSeed: 1, init: { kind: 'random', scale: 4, seed: 1 } },
        { gamma: 0.1, temperature: 0, noiseSeed: 2, init: { kind: 'zero' } },
      ],
    };
    for (const kernel of ['js', 'tfjs'] as const) {
      const t = await createTrainer({ ...config, kernel });
      const m = await t.run(200);
      expect(Array.from(m.diverged), kernel).toEqual([1, 0]);
      expect(m.normSq[1]).toBe(0);
      expect((await t.run(10)).diverged[0]).toBe(1);
      t.setWeights([new Float32Array(6), new Float32Array(9), new Float32Array(6)], 0);
      expect(Array.from((await t.run(10)).diverged)).toEqual([0, 0]);
      t.dispose();
    }
  });

  it("'auto' runs on a fused kernel where one measured faster; explicit kernels that are not registered or cannot run say why", async () => {
    const config = randomCase(9, 1, 'gd', 'tanh').config;
    expect((await createTrainer({ ...config, optimizer: 'sgd', batchSize: 4 })).kernel).toBe('js');
    expect((await createTrainer({ ...config, net: { ...config.net, activation: 'linear' } })).kernel).toBe('wasm-simd');
    // full-batch samples of a nonlinear net: tfjs measured faster than the scalar js kernel
    expect((await createTrainer(config)).kernel).toBe('tfjs');
    await expect(createTrainer({ ...config, kernel: 'webgpu' })).rejects.toThrow(/webgpu.*not available/);
    await expect(createTrainer({ ...config, kernel: 'nope' as never })).rejects.toThrow(/unknown kernel/);
    await expect(createTrainer({ ...config, kernel: 'js', replicas: [] })).rejects.toThrow(/replica/);
  });
});
