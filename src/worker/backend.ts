/**
 * Starts a tfjs backend inside the worker following the policy of backendPolicy.ts.
 * Worker-only module: imports tfjs.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { fallbackReason, planBackends, type GpuProbe } from './backendPolicy';
import { trySetBackend } from '../engine/backends';
import type { BackendChoice, BackendInfo, BackendName } from './protocol';

// Without explicit paths the .wasm files 404 and tfjs silently drops to cpu (design.md).
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
});
// Threaded wasm crashed in a minified build with an uncatchable Worker error; threads gave nothing on 2 cores.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

interface GpuAdapterLike {
  info?: { isFallbackAdapter?: boolean; description?: string; vendor?: string; architecture?: string };
  isFallbackAdapter?: boolean;
}

export async function probeGpu(): Promise<GpuProbe> {
  const gpu = (globalThis.navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } })
    ?.gpu;
  if (!gpu) return { kind: 'no-api' };
  let adapter: GpuAdapterLike | null = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch {
    adapter = null;
  }
  if (!adapter) return { kind: 'no-adapter' };
  const info = adapter.info ?? {};
  const isFallbackAdapter = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter);
  const description = info.description || [info.vendor, info.architecture].filter(Boolean).join(' ');
  return { kind: 'adapter', isFallbackAdapter, description };
}

/**
 * Try the planned backends in order; `setBackend` resolves false (rather than throwing) when a
 * backend fails to initialise, so check the boolean. `onDeviceLost` fires if a WebGPU device is lost.
 */
export async function startBackend(choice: BackendChoice, onDeviceLost: (message: string) => void): Promise<BackendInfo> {
  const plan = planBackends(choice, await probeGpu());
  const tried: BackendName[] = [];
  for (const name of plan.order) {
    tried.push(name);
    if (!(await trySetBackend(name))) continue;
    if (name === 'webgpu') watchDeviceLoss(onDeviceLost);
    return { backend: name, reason: fallbackReason(tried, name, plan.reason) };
  }
  throw new Error(`no tfjs backend could start (tried ${tried.join(', ')})`);
}

function watchDeviceLoss(onDeviceLost: (message: string) => void): void {
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string }> } }).device;
  device?.lost?.then((info) => onDeviceLost(info?.message || 'GPU device lost'));
}
