/// <reference types="@webgpu/types" />
/**
 * The fused WGSL kernel against an independent float64 reference (plain loops, suffix/prefix
 * products written out, noise from philox.ts fillNormals): ≥ 1 000 steps, depths 0–3, per-replica
 * γ and T, a frozen replica, GD and Langevin; and the WGSL normals against fillNormals directly.
 * Runs in Node on the `webgpu` package (Dawn); on a machine without a GPU, on Chromium's SwiftShader
 * Vulkan ICD. Skips with a printed reason where no adapter exists.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { makeTeacherDataset } from '../../../src/data';
import type { Dataset } from '../../../src/data/types';
import type { KernelSpec, StepHyper } from '../../../src/engine/fused/kernel';
import { netLayout } from '../../../src/engine/fused/webgpu/layout';
import { createNodeGpu, type NodeGpu } from '../../../src/engine/fused/webgpu/nodeDevice';
import { webgpuKernel, webgpuUnsupported } from '../../../src/engine/fused/webgpu/webgpuKernel';
import { normalsProbeShader } from '../../../src/engine/fused/webgpu/wgsl';
import { fillNormals, langevinKey } from '../../../src/engine/noise/philox';
import { normalSource } from '../../../src/data/random';
import type { NetSpec, OptimizerKind, Weights } from '../../../src/engine/types';

const created = await createNodeGpu({ preferSwiftShader: true });
const gpu: NodeGpu | null = 'unavailable' in created ? null : created;
if (!gpu) console.warn(`webgpuKernel tests skipped: ${(created as { unavailable: string }).unavailable}`);

afterAll(() => gpu?.device.destroy());

// ---------- float64 reference ----------

/** C = A·B with A [n × m], B [m × p], row-major */
function matmul(a: Float64Array, b: Float64Array, n: number, m: number, p: number): Float64Array {
  const c = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let t = 0; t < m; t++) for (let j = 0; j < p; j++) c[i * p + j] += a[i * m + t] * b[t * p + j];
  return c;
}
function transpose(a: Float64Array, n: number, m: number): Float64Array {
  const t = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) t[j * n + i] = a[i * m + j];
  return t;
}
function identity(n: number): Float64Array {
  const e = new Float64Array(n * n);
  for (let i = 0; i < n; i++) e[i * n + i] = 1;
  return e;
}

interface RefReplica {
  weights: Float64Array[];
  gamma: number;
  temperature: number;
  frozen: boolean;
  key: [number, number];
}

/** one full-batch step of L = (1/N)Σ‖y − Mx‖² + γΣ‖W‖², ∇M = 2(MΣxx − Σyx), ∇W_l = A_lᵀ ∇M B_{l−1}ᵀ */
function referenceStep(sizes: number[], data: Dataset, lr: number, rep: RefReplica, step: number, langevin: boolean): void {
  if (rep.frozen) return;
  const L = sizes.length - 1;
  const k = sizes[0];
  const out = sizes[L];
  const B: Float64Array[] = [identity(k)]; // B_l = W_l ⋯ W_1, [n_l × k]
  for (let l = 1; l <= L; l++) B.push(matmul(rep.weights[l - 1], B[l - 1], sizes[l], sizes[l - 1], k));
  const A: Float64Array[] = new Array(L + 1); // A_l = W_L ⋯ W_{l+1}, [out × n_l]
  A[L] = identity(out);
  for (let l = L; l >= 1; l--) A[l - 1] = matmul(A[l], rep.weights[l - 1], out, sizes[l], sizes[l - 1]);
  const msxx = matmul(B[L], data.train.sxx, out, k, k);
  const g = msxx.map((v, i) => 2 * (v - data.train.syx[i]));
  const next = rep.weights.map((w, idx) => {
    const l = idx + 1;
    const grad = matmul(matmul(transpose(A[l], out, sizes[l]), g, sizes[l], out, k), transpose(B[l - 1], sizes[l - 1], k), sizes[l], k, sizes[l - 1]);
    return w.map((v, i) => v - lr * (2 * rep.gamma * v + grad[i]));
  });
  if (langevin && rep.temperature > 0) {
    const count = next.reduce((n, w) => n + w.length, 0);
    const noise = new Float64Array(count);
    fillNormals(rep.key, step, count, Math.sqrt(2 * lr * rep.temperature), noise);
    let o = 0;
    for (const w of next) for (let i = 0; i < w.length; i++) w[i] += noise[o++];
  }
  rep.weights = next;
}

// ---------- helpers ----------

function randomWeights(sizes: number[], seed: number, scale: number): Weights {
  const normal = normalSource(seed);
  const weights: Weights = [];
  for (let l = 1; l < sizes.length; l++) {
    weights.push(Float32Array.from({ length: sizes[l] * sizes[l - 1] }, () => (scale * normal()) / Math.sqrt(sizes[l - 1])));
  }
  return weights;
}

function dataset(inputDim: number, outputDim: number, seed: number): Dataset {
  const spectrum = [1.5, 0.8, 0.4].slice(0, Math.min(inputDim, outputDim));
  return makeTeacherDataset({ inputDim, outputDim, spectrum, labelNoise: 0.3, trainSize: 64, testSize: 8, whiten: false, seed });
}

/** max over entries of |a − b| / (1 + |b|) */
function relativeError(a: Weights, b: Float64Array[]): number {
  let worst = 0;
  a.forEach((w, l) => w.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - b[l][i]) / (1 + Math.abs(b[l][i]))))));
  return Number.isNaN(worst) ? Infinity : worst;
}

const SHAPES: { name: string; net: NetSpec }[] = [
  { name: 'D=0 3→2', net: { inputDim: 3, outputDim: 2, hiddenWidths: [], activation: 'linear' } },
  { name: 'D=1 2-4-3', net: { inputDim: 2, outputDim: 3, hiddenWidths: [4], activation: 'linear' } },
  { name: 'D=2 2-10-10-2', net: { inputDim: 2, outputDim: 2, hiddenWidths: [10, 10], activation: 'linear' } },
  { name: 'D=3 5-4-4-4-3', net: { inputDim: 5, outputDim: 3, hiddenWidths: [4, 4, 4], activation: 'linear' } },
];

const GAMMAS = [0, 0.01, 0.05, 0.2, 0.1];
const TEMPERATURES = [0, 0.01, 0.05, 0.002, 0.1];
const FROZEN = [0, 0, 0, 0, 1];
const LR = 0.02;
/** chunks of one run (1 000 steps); firstStep continues across them */
const CHUNKS = [1, 299, 700];
/** float32 kernel vs float64 reference after 1 000 steps, relative to 1 + |w| */
const WEIGHT_TOLERANCE = 2e-5;
/** WGSL normals vs fillNormals (float64), absolute */
const NORMAL_TOLERANCE = 2e-6;

describe.skipIf(!gpu)('webgpu fused kernel (Node, Dawn)', () => {
  it.each(SHAPES.flatMap((s) => (['gd', 'langevin'] as OptimizerKind[]).map((optimizer) => ({ ...s, optimizer }))))(
    '$name $optimizer: 1 000 steps match the float64 reference',
    async ({ net, optimizer }) => {
      const { device } = gpu!;
      const layout = netLayout(net);
      const data = dataset(net.inputDim, net.outputDim, 7 + layout.sizes.length);
      const R = GAMMAS.length;
      const noiseSeeds = GAMMAS.map((_, r) => 1000 + 17 * r);
      const spec: KernelSpec = { net, data, optimizer, path: 'moments', replicas: R, batchSize: data.trainSize, noiseSeeds };
      expect(webgpuUnsupported(spec)).toBeNull();
      const kernel = await webgpuKernel(() => device).create(spec);
      const langevin = optimizer === 'langevin';
      const refs: RefReplica[] = GAMMAS.map((gamma, r) => {
        const w = randomWeights(layout.sizes, 50 + r, 0.9);
        kernel.setWeights(r, w);
        return { weights: w.map((m) => Float64Array.from(m)), gamma, temperature: TEMPERATURES[r], frozen: FROZEN[r] === 1, key: langevinKey(noiseSeeds[r]) };
      });
      const hyper: StepHyper = {
        lr: LR,
        gammas: Float64Array.from(GAMMAS),
        temperatures: Float64Array.from(langevin ? TEMPERATURES : GAMMAS.map(() => 0)),
        frozen: Uint8Array.from(FROZEN),
        firstStep: 0,
      };
      let step = 0;
      for (const [c, steps] of CHUNKS.entries()) {
        await kernel.run(steps, { ...hyper, firstStep: step });
        for (const rep of refs) for (let s = 0; s < steps; s++) referenceStep(layout.sizes, data, LR, rep, step + s, langevin);
        step += steps;
        if (c === 0) {
          expect(() => kernel.getWeights(0)).toThrow(/sync/);
          // new weights for one replica between dispatches, without a sync: queue-ordered
          const w = randomWeights(layout.sizes, 99, 0.5);
          kernel.setWeights(2, w);
          refs[2].weights = w.map((m) => Float64Array.from(m));
        }
      }
      await kernel.sync!();
      const errors = refs.map((rep, r) => relativeError(kernel.getWeights(r), rep.weights));
      console.info(`${layout.sizes.join('-')} ${optimizer}: max relative weight error per replica ${errors.map((e) => e.toExponential(1)).join(' ')}`);
      for (const e of errors) expect(e).toBeLessThan(WEIGHT_TOLERANCE);
      // the frozen replica is untouched, bit for bit
      const frozenStart = randomWeights(layout.sizes, 50 + 4, 0.9);
      kernel.getWeights(4).forEach((w, l) => expect(Array.from(w)).toEqual(Array.from(frozenStart[l])));
      // the weights moved (the comparison is not trivially satisfied)
      const moved = relativeError(kernel.getWeights(1), randomWeights(layout.sizes, 51, 0.9).map((m) => Float64Array.from(m)));
      expect(moved).toBeGreaterThan(100 * WEIGHT_TOLERANCE);
      kernel.dispose();
    },
  );

  it('WGSL normals equal fillNormals (float64) for the same key, step and parameter index', async () => {
    const { device } = gpu!;
    const module = device.createShaderModule({ code: normalsProbeShader() });
    const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
    let worst = 0;
    for (const [seed, firstStep, count, steps] of [
      [3, 0, 37, 64],
      [123456, 4_000_000_000, 1000, 40],
    ] as const) {
      const key = langevinKey(seed);
      const uniform = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
      device.queue.writeBuffer(uniform, 0, Uint32Array.from([key[0], key[1], firstStep, count]));
      const bytes = steps * count * 4;
      const out = device.createBuffer({ size: bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
      const read = device.createBuffer({ size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      const bindGroup = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: { buffer: uniform } },
          { binding: 1, resource: { buffer: out } },
        ],
      });
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(Math.ceil((steps * Math.ceil(count / 4)) / 64));
      pass.end();
      encoder.copyBufferToBuffer(out, 0, read, 0, bytes);
      device.queue.submit([encoder.finish()]);
      await read.mapAsync(GPUMapMode.READ);
      const got = new Float32Array(read.getMappedRange().slice(0));
      read.unmap();
      const expected = new Float64Array(count);
      let sumSq = 0;
      for (let s = 0; s < steps; s++) {
        fillNormals(key, firstStep + s, count, 1, expected);
        for (let i = 0; i < count; i++) {
          worst = Math.max(worst, Math.abs(got[s * count + i] - expected[i]));
          sumSq += expected[i] * expected[i];
        }
      }
      // the reference itself is a standard normal sample (the probe compares real numbers)
      expect(sumSq / (steps * count)).toBeGreaterThan(0.8);
      for (const b of [uniform, out, read]) b.destroy();
    }
    console.info(`WGSL normals: max |ξ_gpu − ξ_f64| = ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(NORMAL_TOLERANCE);
  });

  it('says why it does not run a spec', () => {
    const data = dataset(2, 2, 1);
    const base: KernelSpec = {
      net: { inputDim: 2, outputDim: 2, hiddenWidths: [10, 10], activation: 'linear' },
      data,
      optimizer: 'gd',
      path: 'moments',
      replicas: 4,
      batchSize: 64,
      noiseSeeds: [1, 2, 3, 4],
    };
    expect(webgpuUnsupported(base)).toBeNull();
    expect(webgpuUnsupported({ ...base, net: { ...base.net, activation: 'tanh' } })).toMatch(/linear/);
    expect(webgpuUnsupported({ ...base, path: 'samples' })).toMatch(/moments/);
    expect(webgpuUnsupported({ ...base, optimizer: 'sgd' })).toMatch(/gd and langevin/);
    expect(webgpuUnsupported({ ...base, net: { ...base.net, hiddenWidths: [64, 64] } })).toMatch(/parameters/);
  });
});
