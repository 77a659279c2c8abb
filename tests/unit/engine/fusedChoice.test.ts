/**
 * The kernel registry's choice rule, with stand-in factories for kernels registered from other
 * branches: explicit names give that kernel or say why not; 'auto' prefers 'wasm-simd' from
 * SIMD_MIN_REPLICAS replicas on, else 'js', and never picks 'webgpu'.
 */
import { describe, expect, it } from 'vitest';
import { makeTeacherDataset } from '../../../src/data';
import { JS_MAX_REPLICAS, KERNEL_FACTORIES, kernelFor, SIMD_MIN_REPLICAS } from '../../../src/engine/fused/choice';
import type { KernelFactory, KernelName, KernelSpec } from '../../../src/engine/fused/kernel';
import { jsKernelFactory } from '../../../src/engine/fused/jsKernel';

const data = makeTeacherDataset({ inputDim: 2, outputDim: 2, spectrum: [1], labelNoise: 0, trainSize: 8, testSize: 4, whiten: true, seed: 1 });
const spec = (replicas: number, activation: 'linear' | 'tanh' = 'linear'): KernelSpec => ({
  net: { inputDim: 2, outputDim: 2, hiddenWidths: [3], activation },
  data,
  optimizer: 'gd',
  path: activation === 'linear' ? 'moments' : 'samples',
  replicas,
  batchSize: 8,
  noiseSeeds: Array.from({ length: replicas }, (_, r) => r),
});
const fake = (name: KernelName, unsupported: (s: KernelSpec) => string | null = () => null): KernelFactory => ({
  name,
  unsupported,
  create: () => {
    throw new Error('not used');
  },
});

describe('kernelFor', () => {
  it("registers 'js' and 'wasm-simd'; 'auto' runs a linear moments spec on wasm-simd even at R = 1", () => {
    expect(KERNEL_FACTORIES.map((f) => f.name).slice(0, 2)).toEqual(['js', 'wasm-simd']);
    expect(kernelFor(spec(1), 'auto')?.name).toBe('wasm-simd');
  });

  it("'auto' prefers wasm-simd from SIMD_MIN_REPLICAS on, js below, and never webgpu", () => {
    const all = [jsKernelFactory, fake('wasm-simd'), fake('webgpu')];
    expect(kernelFor(spec(SIMD_MIN_REPLICAS), 'auto', all)?.name).toBe('wasm-simd');
    expect(kernelFor(spec(256), 'auto', all)?.name).toBe('wasm-simd');
    expect(kernelFor(spec(SIMD_MIN_REPLICAS), 'auto', [jsKernelFactory])?.name).toBe('js');
    expect(kernelFor(spec(4096), 'auto', [fake('webgpu')])).toBeNull();
    expect(kernelFor(spec(4096), 'webgpu', all)?.name).toBe('webgpu');
  });

  it("'auto' leaves large batches to tfjs when only the scalar js kernel fits (measured slower there)", () => {
    expect(kernelFor(spec(JS_MAX_REPLICAS - 1), 'auto', [jsKernelFactory])?.name).toBe('js');
    expect(kernelFor(spec(JS_MAX_REPLICAS), 'auto', [jsKernelFactory])).toBeNull();
    expect(kernelFor(spec(JS_MAX_REPLICAS), 'js', [jsKernelFactory])?.name).toBe('js');
    expect(kernelFor(spec(JS_MAX_REPLICAS), 'auto', [jsKernelFactory, fake('wasm-simd')])?.name).toBe('wasm-simd');
  });

  it("'auto' skips a kernel that cannot run the spec; explicit choices say why", () => {
    const linearOnly = fake('wasm-simd', (s) => (s.net.activation === 'linear' ? null : 'linear nets only'));
    const all = [jsKernelFactory, linearOnly];
    // full-batch samples (nonlinear): tfjs measured faster than the scalar js kernel, so 'auto' leaves it to tfjs; SGD minibatches stay on js
    expect(kernelFor(spec(64, 'tanh'), 'auto', all)).toBeNull();
    expect(kernelFor({ ...spec(64, 'tanh'), optimizer: 'sgd' }, 'auto', all)?.name).toBe('js');
    expect(() => kernelFor(spec(64, 'tanh'), 'wasm-simd', all)).toThrow(/wasm-simd.*cannot run.*linear nets only/);
    expect(() => kernelFor(spec(64), 'webgpu', all)).toThrow(/webgpu.*not available.*registered: js, wasm-simd/);
  });

  it('the js kernel refuses moments for a nonlinear net or a minibatch optimizer', () => {
    expect(jsKernelFactory.unsupported({ ...spec(1, 'tanh'), path: 'moments' })).toMatch(/linear net/);
    expect(jsKernelFactory.unsupported({ ...spec(1), optimizer: 'sgd' })).toMatch(/minibatches/);
    expect(jsKernelFactory.unsupported(spec(1, 'tanh'))).toBeNull();
  });
});
