/// <reference types="@webgpu/types" />
/**
 * The fused WGSL kernel against an independent float64 reference (tests/support/momentReference.ts:
 * plain loops, suffix/prefix products written out, noise from philox.ts fillNormals): ≥ 1 000 steps, depths 0–3, per-replica
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
import { referenceStep, relativeError, type RefReplica } from '../../support/momentReference';
import { normalSource } from '../../../src/data/random';
import type { NetSpec, OptimizerKind, Weights } from '../../../src/engine/types';

const created = await createNodeGpu({ preferSwiftShader: true });
const gpu: NodeGpu | null = 'unavailable' in created ? null : created;
if (!gpu) console.warn(`webgpuKernel tests skipped: ${(created as { unavailable: string }).unavailable}`);

afterAll(() => gpu?.device.destroy());

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

const SHAPES: { name: string; net: NetSpec }[] = [
  { name: 'D=0 3→2', net: { inputDim: 3, outputDim: 2, hiddenWidths: [], activation: 'linear' } },
  { name: 'D=1 2-4-3', net: { inputDim: 2, outputDim: 3, hiddenWidths: [4], activation: 'linear' } },
  { name: 'D=2 2-10-10-2', net: { inputDim: 2, outputDim: 2, hiddenWidths: [10, 10], activation: 'linear' } },
  // outputDim < inputDim: the shader runs the transposed chain (k = 1 column here)
  { name: 'D=2 6-5-5-1', net: { inputDim: 6, outputDim: 1, hiddenWidths: [5, 5], activation: 'linear' } },
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
        for (const rep of refs) for (let s = 0; s < steps; s++) referenceStep(layout.sizes, data.train, LR, rep, step + s, langevin);
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
      const moved = relativeError(
        kernel.getWeights(1),
        randomWeights(layout.sizes, 51, 0.9).map((m) => Float64Array.from(m)),
      );
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
});

// pure: runs with or without an adapter
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
  // the reference comparisons cover both orientations of the generated algebra
  expect(SHAPES.filter((s) => netLayout(s.net).transposed).length).toBeGreaterThanOrEqual(2);
  expect(SHAPES.filter((s) => !netLayout(s.net).transposed).length).toBeGreaterThanOrEqual(2);
  expect(webgpuUnsupported({ ...base, net: { ...base.net, activation: 'tanh' } })).toMatch(/linear/);
  expect(webgpuUnsupported({ ...base, path: 'samples' })).toMatch(/moments/);
  expect(webgpuUnsupported({ ...base, optimizer: 'sgd' })).toMatch(/gd and langevin/);
  expect(webgpuUnsupported({ ...base, net: { ...base.net, hiddenWidths: [64, 64] } })).toMatch(/parameters/);
});
