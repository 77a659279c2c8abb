/**
 * The replica-major WebAssembly SIMD kernel against an independent float64 reference: plain loops
 * for the moment-path gradient ∂W_l = (W_n⋯W_{l+1})ᵀ·2(MΣxx − Σyx)·(W_{l−1}⋯W_1)ᵀ (products formed
 * per layer, no shared chain, no choice of side) and the update W ← W − lr(2γW + ∂W) + √(2·lr·T)·ξ
 * with ξ from philox.ts fillNormals.
 */
import { describe, expect, it } from 'vitest';
import { makeTeacherDataset } from '../../../src/data';
import type { Dataset } from '../../../src/data/types';
import type { KernelSpec, StepHyper, StepKernel } from '../../../src/engine/fused/kernel';
import { transformBitsForTest, wasmSimdKernel } from '../../../src/engine/fused/wasm/wasmKernel';
import { initialWeights, layerShapes } from '../../../src/engine/model';
import { fillNormals, langevinKey } from '../../../src/engine/noise/philox';
import type { NetSpec, OptimizerKind, Weights } from '../../../src/engine/types';

type Matrix = { rows: number; cols: number; a: Float64Array };

const mat = (rows: number, cols: number, a = new Float64Array(rows * cols)): Matrix => ({ rows, cols, a });
const identity = (n: number): Matrix => {
  const m = mat(n, n);
  for (let i = 0; i < n; i++) m.a[i * n + i] = 1;
  return m;
};
function mul(x: Matrix, y: Matrix): Matrix {
  const out = mat(x.rows, y.cols);
  for (let i = 0; i < x.rows; i++)
    for (let j = 0; j < y.cols; j++) {
      let s = 0;
      for (let p = 0; p < x.cols; p++) s += x.a[i * x.cols + p] * y.a[p * y.cols + j];
      out.a[i * y.cols + j] = s;
    }
  return out;
}
function transpose(x: Matrix): Matrix {
  const out = mat(x.cols, x.rows);
  for (let i = 0; i < x.rows; i++) for (let j = 0; j < x.cols; j++) out.a[j * x.rows + i] = x.a[i * x.cols + j];
  return out;
}

/** one float64 step of one replica, in place */
function referenceStep(ws: Matrix[], data: Dataset, lr: number, gamma: number, amplitude: number, key: [number, number], step: number): void {
  const n = ws.length;
  const inp = data.inputDim;
  const out = data.outputDim;
  const chain = (from: number, to: number, size: number): Matrix => {
    let m = identity(size); // W_to ⋯ W_from (0-based, inclusive), identity when empty
    for (let l = from; l <= to; l++) m = mul(ws[l], m);
    return m;
  };
  const m = chain(0, n - 1, inp);
  const sxx = mat(inp, inp, Float64Array.from(data.train.sxx));
  const g = mul(m, sxx);
  for (let i = 0; i < g.a.length; i++) g.a[i] = 2 * (g.a[i] - data.train.syx[i]);
  const grads = ws.map((w, l) => {
    const above = l === n - 1 ? identity(out) : chain(l + 1, n - 1, w.rows);
    const below = chain(0, l - 1, inp);
    return mul(mul(transpose(above), g), transpose(below));
  });
  const P = ws.reduce((s, w) => s + w.a.length, 0);
  const xi = new Float64Array(P);
  if (amplitude > 0) fillNormals(key, step, P, amplitude, xi);
  let off = 0;
  ws.forEach((w, l) => {
    for (let e = 0; e < w.a.length; e++) w.a[e] = w.a[e] - lr * (2 * gamma * w.a[e] + grads[l].a[e]) + xi[off + e];
    off += w.a.length;
  });
}

const net = (inputDim: number, widths: number[], outputDim: number): NetSpec => ({ inputDim, outputDim, hiddenWidths: widths, activation: 'linear' });

function dataset(inputDim: number, outputDim: number, seed: number): Dataset {
  const rank = Math.min(inputDim, outputDim);
  return makeTeacherDataset({
    inputDim,
    outputDim,
    spectrum: Array.from({ length: rank }, (_, k) => 2 - k / rank),
    labelNoise: 0.3,
    trainSize: 64,
    testSize: 16,
    whiten: false,
    seed,
  });
}

function spec(netSpec: NetSpec, data: Dataset, optimizer: OptimizerKind, replicas: number): KernelSpec {
  return {
    net: netSpec,
    data,
    optimizer,
    path: 'moments',
    replicas,
    batchSize: data.trainSize,
    noiseSeeds: Array.from({ length: replicas }, (_, r) => 1000 + 17 * r),
  };
}

function hyper(lr: number, gammas: number[], temperatures: number[], frozen: number[], firstStep: number): StepHyper {
  return {
    lr,
    gammas: Float64Array.from(gammas),
    temperatures: Float64Array.from(temperatures),
    frozen: Uint8Array.from(frozen),
    firstStep,
  };
}

async function kernelFor(s: KernelSpec): Promise<StepKernel> {
  expect(wasmSimdKernel.unsupported(s)).toBeNull();
  return wasmSimdKernel.create(s);
}

const cases: Array<{ name: string; net: NetSpec }> = [
  { name: 'D=0, 3→2 (out < in)', net: net(3, [], 2) },
  { name: 'D=0, 2→3 (out > in)', net: net(2, [], 3) },
  { name: 'D=1, 2-5-4 (out > in)', net: net(2, [5], 4) },
  { name: 'D=2, 2-10-10-2', net: net(2, [10, 10], 2) },
  { name: 'D=3, 5-4-6-3-1 (out < in)', net: net(5, [4, 6, 3], 1) },
  { name: 'D=3, 1-3-2-4-3 (out > in)', net: net(1, [3, 2, 4], 3) },
];

/**
 * Tolerance: float32 rounds each multiply-add at 2⁻²⁴ ≈ 6e-8 relative. The step map is contracting
 * near the minima these runs settle into, so rounding errors do not compound: the deviation stays
 * at the size of some tens of roundings of O(1) weights (measured: max 4e-6 over all cases below).
 * 5e-5 relative to the largest weight (≥ 1) leaves 10× room and still fails for any real error (a
 * wrong γ, lr, noise index or gradient term moves the weights by ≫ 1e-3 over 1000 steps; the
 * off-by-one-step noise test below checks that).
 */
const TOLERANCE = 5e-5;
const STEPS = 1000;
const CHUNKS = [1, 249, 350, 400]; // uneven chunks: firstStep must carry the Philox counter across calls

describe('wasm-simd kernel matches a float64 reference', () => {
  for (const optimizer of ['gd', 'langevin'] as const) {
    for (const [c, { name, net: netSpec }] of cases.entries()) {
      it(`${optimizer}, ${name}, ${STEPS} steps`, async () => {
        const R = 5 + (c % 3); // 5, 6, 7: never a multiple of 4
        const data = dataset(netSpec.inputDim, netSpec.outputDim, 11 + c);
        const s = spec(netSpec, data, optimizer, R);
        const kernel = await kernelFor(s);
        const lr = 0.02;
        const gammas = Array.from({ length: R }, (_, r) => [0, 0.01, 0.1, 0.3, 0.05, 0.2, 0.002][r]);
        const temps = optimizer === 'langevin' ? Array.from({ length: R }, (_, r) => [0.01, 0, 0.05, 0.002, 0.04, 0.03, 0.02][r]) : new Array(R).fill(0);
        // one frozen replica with T > 0: it must train without noise
        const frozen = Array.from({ length: R }, (_, r) => (r === 2 ? 1 : 0));
        const shapes = layerShapes(netSpec);
        const ref: Matrix[][] = [];
        for (let r = 0; r < R; r++) {
          const w = initialWeights(netSpec, { kind: 'random', scale: 1, seed: 50 + r + 10 * c });
          kernel.setWeights(r, w);
          ref.push(w.map((layer, l) => mat(shapes[l][0], shapes[l][1], Float64Array.from(layer))));
        }
        let step = 0;
        for (const chunk of CHUNKS) {
          kernel.run(chunk, hyper(lr, gammas, temps, frozen, step));
          for (let r = 0; r < R; r++) {
            const amplitude = optimizer === 'langevin' && !frozen[r] ? Math.sqrt(2 * lr * temps[r]) : 0;
            for (let k = 0; k < chunk; k++) referenceStep(ref[r], data, lr, gammas[r], amplitude, langevinKey(s.noiseSeeds[r]), step + k);
          }
          step += chunk;
        }
        expect(step).toBe(STEPS);
        for (let r = 0; r < R; r++) {
          const got = kernel.getWeights(r);
          const scale = Math.max(1, ...ref[r].map((m) => Math.max(...Array.from(m.a, Math.abs))));
          let worst = 0;
          got.forEach((layer, l) => layer.forEach((v, e) => (worst = Math.max(worst, Math.abs(v - ref[r][l].a[e])))));
          if (process.env.WASM_KERNEL_REPORT) console.log(name, optimizer, r, worst, scale);
          expect(worst / scale, `replica ${r}`).toBeLessThan(TOLERANCE);
        }
        kernel.dispose();
      });
    }
  }

  it('the reference would notice a wrong noise stream (the tolerance is not vacuous)', async () => {
    const netSpec = net(2, [10, 10], 2);
    const data = dataset(2, 2, 3);
    const s = spec(netSpec, data, 'langevin', 1);
    const kernel = await kernelFor(s);
    const w = initialWeights(netSpec, { kind: 'random', scale: 1, seed: 9 });
    kernel.setWeights(0, w);
    const shapes = layerShapes(netSpec);
    const ref = w.map((layer, l) => mat(shapes[l][0], shapes[l][1], Float64Array.from(layer)));
    kernel.run(200, hyper(0.02, [0.01], [0.02], [0], 0));
    // reference with the noise of a neighbouring step index (off by one in the counter)
    for (let k = 0; k < 200; k++) referenceStep(ref, data, 0.02, 0.01, Math.sqrt(2 * 0.02 * 0.02), langevinKey(s.noiseSeeds[0]), k + 1);
    let worst = 0;
    kernel.getWeights(0).forEach((layer, l) => layer.forEach((v, e) => (worst = Math.max(worst, Math.abs(v - ref[l].a[e])))));
    expect(worst).toBeGreaterThan(100 * TOLERANCE);
  });
});

describe('wasm-simd Langevin noise is philox.ts fillNormals', () => {
  // zero weights, γ = 0, D ≥ 1: every gradient contains another layer's (zero) weights, so one step
  // gives W = √(2·lr·T)·ξ exactly; 2·lr·T = 1 makes W = ξ
  it('one step from zero weights equals fillNormals for several seeds and step counters', async () => {
    const netSpec = net(3, [7, 5], 2); // 21 + 35 + 10 = 66 parameters: the last Philox block is partial
    const data = dataset(3, 2, 1);
    const R = 13;
    const s = {
      ...spec(netSpec, data, 'langevin', R),
      noiseSeeds: Array.from({ length: R }, (_, r) => [0, 1, 7, 42, 2 ** 31 - 1, 123456789, -5][r % 7] + 1000 * Math.floor(r / 7)),
    };
    const P = 66;
    let worst = 0;
    let count = 0;
    for (const step of [0, 1, 77, 65535, 2 ** 31 + 5, 2 ** 32 - 1]) {
      const kernel = await kernelFor(s);
      const zero = initialWeights(netSpec, { kind: 'zero' });
      for (let r = 0; r < R; r++) kernel.setWeights(r, zero);
      const lr = 0.25;
      const temps = Array.from({ length: R }, () => 1 / (2 * lr));
      kernel.run(1, hyper(lr, new Array(R).fill(0), temps, new Array(R).fill(0), step));
      for (let r = 0; r < R; r++) {
        const expected = new Float64Array(P);
        fillNormals(langevinKey(s.noiseSeeds[r]), step, P, 1, expected);
        const got = kernel.getWeights(r).flatMap((layer) => Array.from(layer));
        expect(got.length).toBe(P);
        got.forEach((v, i) => {
          worst = Math.max(worst, Math.abs(v - expected[i]));
          count++;
        });
      }
      kernel.dispose();
    }
    expect(count).toBe(6 * 13 * 66);
    expect(worst).toBeLessThan(1e-5);
  });

  it('many normals: within 1e-5 of fillNormals, and a standard normal sample', async () => {
    const netSpec = net(16, [16], 16); // 512 parameters
    const data = dataset(16, 16, 2);
    const R = 64;
    const s = spec(netSpec, data, 'langevin', R);
    const kernel = await kernelFor(s);
    const zero = initialWeights(netSpec, { kind: 'zero' });
    const P = 512;
    let worst = 0;
    let sum = 0;
    let sumSq = 0;
    let n = 0;
    for (const step of [3, 1000]) {
      for (let r = 0; r < R; r++) kernel.setWeights(r, zero);
      kernel.run(1, hyper(0.5, new Array(R).fill(0), new Array(R).fill(1), new Array(R).fill(0), step));
      for (let r = 0; r < R; r++) {
        const expected = new Float64Array(P);
        fillNormals(langevinKey(s.noiseSeeds[r]), step, P, 1, expected);
        kernel
          .getWeights(r)
          .flatMap((layer) => Array.from(layer))
          .forEach((v, i) => {
            worst = Math.max(worst, Math.abs(v - expected[i]));
            sum += v;
            sumSq += v * v;
            n++;
          });
      }
    }
    expect(n).toBe(2 * 64 * 512);
    expect(worst).toBeLessThan(1e-5);
    expect(Math.abs(sum / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    kernel.dispose();
  });

  it('the normal transform is accurate at the extremes of the 24-bit uniforms and at quadrant edges', async () => {
    // u1 = (k + 0.5)·2⁻²⁴ near 0 and 1 and around ½ and √½ (where the kernel switches reductions);
    // u2 = m·2⁻²⁴ at and next to every eighth of a turn (the angle reduction's boundaries)
    const ks = [0, 1, 2, 3, 1000, 2 ** 22, 2 ** 23 - 2, 2 ** 23 - 1, 2 ** 23, 2 ** 23 + 1, 11863283, 11863284, 2 ** 24 - 3, 2 ** 24 - 2, 2 ** 24 - 1];
    const ms: number[] = [];
    for (let e = 0; e <= 8; e++) for (const d of [-1, 0, 1]) ms.push(Math.min(2 ** 24 - 1, Math.max(0, e * 2 ** 21 + d)));
    const a: number[] = [];
    const b: number[] = [];
    for (const k of ks)
      for (const m of ms) {
        a.push(((k << 8) | (m & 0xff)) >>> 0); // low 8 bits are ignored by the convention
        b.push(((m << 8) | (k & 0xff)) >>> 0);
      }
    const { even, odd } = await transformBitsForTest(Uint32Array.from(a), Uint32Array.from(b));
    let worst = 0;
    a.forEach((ai, i) => {
      // the convention in float64 (philox.ts fillNormals)
      const u1 = ((ai >>> 8) + 0.5) / 2 ** 24;
      const u2 = (b[i] >>> 8) / 2 ** 24;
      const radius = Math.sqrt(-2 * Math.log(u1));
      worst = Math.max(worst, Math.abs(even[i] - radius * Math.cos(2 * Math.PI * u2)), Math.abs(odd[i] - radius * Math.sin(2 * Math.PI * u2)));
    });
    expect(a.length).toBe(ks.length * ms.length);
    expect(worst).toBeLessThan(1e-5);
    // the smallest radius, u1 = 1 − 2⁻²⁵, where forming u1 in float32 would give ξ = 0 instead of 2.4e-4
    const last = (ks.length - 1) * ms.length;
    expect(Math.hypot(even[last], odd[last])).toBeCloseTo(Math.sqrt(-2 * Math.log1p(-(2 ** -25))), 8);
  });

  it('frozen replicas, T = 0 replicas and gd take no noise', async () => {
    const netSpec = net(2, [4], 2);
    const data = dataset(2, 2, 4);
    const R = 6;
    const zero = initialWeights(netSpec, { kind: 'zero' });
    for (const optimizer of ['langevin', 'gd'] as const) {
      const kernel = await kernelFor(spec(netSpec, data, optimizer, R));
      for (let r = 0; r < R; r++) kernel.setWeights(r, zero);
      const temps = [1, 1, 0, 1, 1, 1];
      const frozen = [0, 1, 0, 0, 0, 1];
      kernel.run(3, hyper(0.1, new Array(R).fill(0), temps, frozen, 0));
      for (let r = 0; r < R; r++) {
        const moved = kernel.getWeights(r).some((layer) => layer.some((v) => v !== 0));
        expect(moved, `${optimizer} replica ${r}`).toBe(optimizer === 'langevin' && temps[r] > 0 && !frozen[r]);
      }
      kernel.dispose();
    }
  });
});

describe('wasm-simd host side', () => {
  it('weights round-trip through the interleaved layout, replicas independent', async () => {
    const netSpec = net(3, [5, 2], 4);
    const data = dataset(3, 4, 5);
    const kernel = await kernelFor(spec(netSpec, data, 'gd', 7));
    const ws: Weights[] = Array.from({ length: 7 }, (_, r) => initialWeights(netSpec, { kind: 'random', scale: 1, seed: r }));
    ws.forEach((w, r) => kernel.setWeights(r, w));
    ws.forEach((w, r) => expect(kernel.getWeights(r)).toEqual(w));
    kernel.dispose();
    expect(() => kernel.getWeights(0)).toThrow(/disposed/);
  });

  it('says why it does not run a spec', () => {
    const data = dataset(2, 2, 6);
    const base = spec(net(2, [3], 2), data, 'gd', 4);
    expect(wasmSimdKernel.unsupported(base)).toBeNull();
    expect(wasmSimdKernel.unsupported({ ...base, net: { ...base.net, activation: 'tanh' } })).toMatch(/linear/);
    expect(wasmSimdKernel.unsupported({ ...base, path: 'samples' })).toMatch(/moments/);
    expect(wasmSimdKernel.unsupported({ ...base, optimizer: 'sgd' })).toMatch(/sgd/);
    const huge = { ...base, replicas: 4, net: net(2, [4000, 4000], 2) };
    expect(wasmSimdKernel.unsupported(huge)).toMatch(/MiB/);
  });
});
