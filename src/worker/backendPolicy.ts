/**
 * Which tfjs backends to try, in order, and why. Pure: no tfjs, no DOM, so it is unit-tested in Node.
 * Policy (design.md): WebGPU only on a real GPU adapter (a SwiftShader fallback adapter runs tfjs
 * ~150× slower than wasm), then wasm, then webgl, then cpu. A user override goes first.
 */
import type { BackendChoice, BackendName } from './protocol';

export const FALLBACK_CHAIN: BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

/** What the worker learned about WebGPU before choosing. */
export type GpuProbe =
  | { kind: 'no-api' }
  | { kind: 'no-adapter' }
  | { kind: 'adapter'; isFallbackAdapter: boolean; description: string };

export interface BackendPlan {
  order: BackendName[];
  /** why the first entry is first, shown in the UI badge */
  reason: string;
}

export function planBackends(choice: BackendChoice, gpu: GpuProbe): BackendPlan {
  if (choice !== 'auto') {
    const rest = FALLBACK_CHAIN.filter((b) => b !== choice && (b !== 'webgpu' || gpuIsReal(gpu)));
    return { order: [choice, ...rest], reason: `chosen by you (${choice})` };
  }
  if (gpuIsReal(gpu)) {
    const name = gpu.kind === 'adapter' && gpu.description ? ` (${gpu.description})` : '';
    return { order: [...FALLBACK_CHAIN], reason: `real GPU adapter${name}: using webgpu` };
  }
  const why =
    gpu.kind === 'no-api'
      ? 'no WebGPU in this browser'
      : gpu.kind === 'no-adapter'
        ? 'WebGPU found no adapter'
        : 'SwiftShader fallback adapter';
  return { order: FALLBACK_CHAIN.filter((b) => b !== 'webgpu'), reason: `${why}: using wasm` };
}

function gpuIsReal(gpu: GpuProbe): boolean {
  return gpu.kind === 'adapter' && !gpu.isFallbackAdapter;
}

/** The backend to try after `failed`, for a respawn after a crash; null when the chain is exhausted. */
export function nextBackend(failed: BackendName): BackendName | null {
  const order: BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];
  const i = order.indexOf(failed);
  return i >= 0 && i < order.length - 1 ? order[i + 1] : null;
}

/** Reason text when a backend in the order failed to start and the next one was used. */
export function fallbackReason(tried: BackendName[], used: BackendName, first: string): string {
  const failed = tried.filter((b) => b !== used);
  return failed.length === 0 ? first : `${failed.join(', ')} failed to start: using ${used}`;
}
