/**
 * Starts tfjs inside a worker and builds the trainer factory of the measured engine policy
 * (engines.ts, measureEngines.ts). Worker-only module: imports tfjs.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { createTrainer, kernelFor } from '../engine';
import { kernelSpecOf } from '../engine/fused/fusedTrainer';
import { trySetBackend } from '../engine/backends';
import { registerKernel } from '../engine/fused/choice';
import { webgpuKernelFromTfjs } from '../engine/fused/webgpu/tfjsDevice';
import type { Trainer, TrainerConfig } from '../engine/types';
import {
  autoCandidates,
  ENGINE_IDS,
  isFused,
  kernelOf,
  tfjsBackendOf,
  type BackendChoice,
  type BackendName,
  type EngineAvailability,
  type EngineDecision,
  type EngineId,
  type EngineMeasurement,
} from './engines';
import { measuredTrainerFactory, type EngineFactory } from './measureEngines';
import type { BackendInfo } from './protocol';

// Without explicit paths the .wasm files 404 and tfjs silently drops to cpu (design.md).
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
});
// Threaded wasm crashed in a minified build with an uncatchable Worker error; threads gave nothing on 2 cores.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

/** wall time spent timing each candidate engine on a new workload */
export const MEASURE_BUDGET_MS = 40;

interface GpuAdapterLike {
  info?: { isFallbackAdapter?: boolean; description?: string; vendor?: string; architecture?: string };
  isFallbackAdapter?: boolean;
}

export interface GpuProbe {
  adapter: boolean;
  isFallbackAdapter: boolean;
  description: string;
}

export async function probeGpu(): Promise<GpuProbe> {
  const gpu = (globalThis.navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } })?.gpu;
  let adapter: GpuAdapterLike | null;
  try {
    adapter = gpu ? await gpu.requestAdapter() : null;
  } catch {
    adapter = null;
  }
  if (!adapter) return { adapter: false, isFallbackAdapter: false, description: gpu ? 'WebGPU found no adapter' : 'no WebGPU in this browser' };
  const info = adapter.info ?? {};
  const isFallbackAdapter = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter);
  const description = info.description || [info.vendor, info.architecture].filter(Boolean).join(' ') || 'GPU adapter';
  return { adapter: true, isFallbackAdapter, description: isFallbackAdapter ? `${description} (software fallback)` : description };
}

/** a minimal module using v128 (the wasm-feature-detect probe): validates only with SIMD */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

export function wasmSimdAvailable(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

export interface EngineStart {
  /** the tfjs backend active after start (the one the chosen engine needs, once measured) */
  info: BackendInfo;
  /** builds trainers on the measured engine; reports each decision */
  createTrainer(config: TrainerConfig): Promise<Trainer>;
  /** the device key measurements are cached under */
  deviceKey: string;
}

export interface EngineStartOptions {
  exclude?: EngineId[];
  /** cached measurements of this device, by workload key */
  measurements?: Record<string, EngineMeasurement[]>;
  onDeviceLost(message: string): void;
  onDecision(info: BackendInfo): void;
}

/**
 * Start the tfjs backend the choice needs (wasm for 'auto' and the fused CPU kernels), then hand
 * out a trainer factory that measures candidates per workload. tfjs backends other than the
 * active one are started lazily, when a candidate needs them.
 */
export async function startEngines(choice: BackendChoice, options: EngineStartOptions): Promise<EngineStart> {
  const gpu = await probeGpu();
  // a software adapter (SwiftShader) runs the WGSL kernel far slower than the CPU and compiles it in
  // seconds: it is offered only when chosen explicitly, not timed under 'auto'
  const availability: EngineAvailability = { wasmSimd: wasmSimdAvailable(), gpuAdapter: gpu.adapter && !gpu.isFallbackAdapter };
  const first: BackendName = choice === 'auto' ? 'wasm' : tfjsBackendOf(choice);
  const started = await startTfjs(first, options.onDeviceLost);
  const deviceKey = [globalThis.navigator?.userAgent ?? 'node', globalThis.navigator?.hardwareConcurrency ?? 0, gpu.description].join(' | ');

  const factories: Partial<Record<EngineId, EngineFactory>> = {};
  for (const engine of ENGINE_IDS) {
    if (engine === 'fused-wasm' && !availability.wasmSimd) continue;
    if ((engine === 'fused-webgpu' || engine === 'webgpu') && !gpu.adapter) continue;
    factories[engine] = async (config) => {
      const backend = tfjsBackendOf(engine);
      if (tf.getBackend() !== backend && !(await startTfjs(backend, options.onDeviceLost))) {
        throw new Error(`tfjs ${backend} could not start`);
      }
      if (engine === 'fused-webgpu') {
        const factory = webgpuKernelFromTfjs(tf);
        if (!factory) throw new Error('tfjs-webgpu has no device');
        registerKernel(factory);
      }
      return createTrainer({ ...config, kernel: kernelOf(engine) });
    };
  }
  const cache = new Map<string, EngineMeasurement[]>();
  for (const [key, measured] of Object.entries(options.measurements ?? {})) {
    const split = key.lastIndexOf('#');
    if (key.slice(0, split) === deviceKey) cache.set(key.slice(split + 1), measured);
  }
  const info: BackendInfo = {
    backend: tf.getBackend() as BackendName,
    engine: choice === 'auto' ? undefined : choice,
    reason: started ? 'measuring…' : `tfjs ${first} could not start`,
  };
  return {
    info,
    deviceKey,
    createTrainer: measuredTrainerFactory({
      choice,
      candidates: autoCandidates(availability),
      factories,
      cache,
      exclude: options.exclude,
      expected: (config) => {
        let kernel: string | undefined;
        try {
          kernel = kernelFor(kernelSpecOf(config), 'auto')?.name;
        } catch {
          return null; // an invalid config: creating its trainer will say why
        }
        if (kernel === 'wasm-simd') return availability.wasmSimd ? 'fused-wasm' : null;
        return kernel === 'js' ? 'fused-js' : null;
      },
      budgetMs: MEASURE_BUDGET_MS,
      now: () => performance.now(),
      onDecision: (decision: EngineDecision, workload: string) =>
        options.onDecision({
          backend: tfjsBackendOf(decision.engine),
          engine: decision.engine,
          reason: gpu.adapter || isFused(decision.engine) ? decision.reason : `${decision.reason}; ${gpu.description}`,
          measured: decision.measured,
          workload,
          deviceKey,
        }),
    }),
  };
}

async function startTfjs(name: BackendName, onDeviceLost: (message: string) => void): Promise<boolean> {
  if (!(await trySetBackend(name))) {
    // keep a working tfjs for the rest of the worker (loss slice, tfjs engines)
    if (name !== 'wasm') await trySetBackend('wasm');
    return false;
  }
  if (name === 'webgpu') watchDeviceLoss(onDeviceLost);
  return true;
}

function watchDeviceLoss(onDeviceLost: (message: string) => void): void {
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string }> } }).device;
  device?.lost?.then((info) => onDeviceLost(info?.message || 'GPU device lost'));
}
