/**
 * The fused-kernel registry and the rule that picks one. Registering a kernel = one entry in
 * KERNEL_FACTORIES (CPU kernels before GPU ones; 'auto' never picks 'webgpu', which only runs when
 * chosen explicitly, e.g. by the worker's measured policy).
 */
import type { KernelChoice, KernelFactory, KernelName, KernelSpec } from './kernel';
import { jsKernelFactory } from './jsKernel';
import { wasmSimdKernel } from './wasm/wasmKernel';

export const KERNEL_FACTORIES: KernelFactory[] = [jsKernelFactory, wasmSimdKernel];

/**
 * Add (or replace, by name) a kernel whose factory needs something only the caller has: the
 * 'webgpu' kernel needs a GPUDevice (tfjs-webgpu's in the worker, Dawn's in Node).
 */
export function registerKernel(factory: KernelFactory): void {
  const i = KERNEL_FACTORIES.findIndex((f) => f.name === factory.name);
  if (i >= 0) KERNEL_FACTORIES[i] = factory;
  else KERNEL_FACTORIES.push(factory);
}

/**
 * From this many replicas on, 'auto' runs the SIMD kernel where it supports the spec. Measured in
 * Node (npm run bench, CPU time, one run): wasm-simd beats js even at R = 1, its 4 lanes padded
 * with frozen dummies (5-4-4-3 Langevin 0.90 M vs 0.34 M steps/s; 2-10-10-2 GD 1.30 M vs 0.46 M).
 */
export const SIMD_MIN_REPLICAS = 1;
/**
 * From this many replicas on, 'auto' does not pick the scalar 'js' kernel: measured in Node on the
 * 2-core machine (CPU time, one run, loaded), tfjs-wasm's batched ops beat it at R = 256
 * (2-10-10-2 moments GD 0.7×, Langevin 0.74×) while js wins at R = 64 (GD 3×, Langevin 1.2×).
 * Above it, with no SIMD kernel for the spec, 'auto' falls back to the tfjs trainer.
 */
export const JS_MAX_REPLICAS = 128;

export const KERNEL_CHOICES: readonly KernelChoice[] = ['auto', 'tfjs', 'js', 'wasm-simd', 'webgpu'];

export function isKernelChoice(value: unknown): value is KernelChoice {
  return typeof value === 'string' && (KERNEL_CHOICES as readonly string[]).includes(value);
}

/**
 * The fused kernel that runs `spec`: an explicit name gives that kernel or throws why it cannot;
 * 'auto' gives the best registered CPU kernel that supports the spec ('wasm-simd' from
 * SIMD_MIN_REPLICAS replicas on, else 'js' below JS_MAX_REPLICAS), or null when none fits (the
 * caller falls back to tfjs). The worker's measured policy passes an explicit name instead.
 */
export function kernelFor(spec: KernelSpec, choice: KernelName | 'auto', factories: readonly KernelFactory[] = KERNEL_FACTORIES): KernelFactory | null {
  if (choice !== 'auto') {
    const factory = factories.find((f) => f.name === choice);
    if (!factory) {
      throw new Error(`kernel '${choice}' is not available in this build (registered: ${factories.map((f) => f.name).join(', ') || 'none'})`);
    }
    const why = factory.unsupported(spec);
    if (why) throw new Error(`kernel '${choice}' cannot run this config: ${why}`);
    return factory;
  }
  const usable = factories.filter((f) => f.name !== 'webgpu' && f.unsupported(spec) === null);
  const byName = (name: KernelName) => usable.find((f) => f.name === name);
  if (spec.replicas >= SIMD_MIN_REPLICAS) {
    const simd = byName('wasm-simd');
    if (simd) return simd;
  }
  const js = byName('js');
  // full-batch samples (nonlinear nets): tfjs-wasm's SIMD matrix products over the samples measured
  // faster than the scalar js kernel (2-10-10-2 tanh, 512 samples: 2.1 k vs 1.4 k steps/s at R = 1)
  const fullBatchSamples = spec.path === 'samples' && spec.optimizer !== 'sgd';
  if (js && spec.replicas < JS_MAX_REPLICAS && !fullBatchSamples) return js;
  return usable.find((f) => f.name !== 'js') ?? null;
}
