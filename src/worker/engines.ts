/**
 * Which engine trains, chosen by measurement (pure: no tfjs, no DOM; unit-tested in Node).
 *
 * An engine is a step kernel plus the tfjs backend the worker keeps active: the fused kernels
 * ('fused-js', 'fused-wasm', 'fused-webgpu': K steps per call, see src/engine/fused) and tfjs's
 * op-by-op path on each backend ('wasm', 'webgl', 'webgpu', 'cpu' — the names users knew, kept as
 * they were). Policy: the worker times every available candidate on the actual workload
 * (≈ 30–50 ms each), picks the fastest and shows what it measured; a user's choice goes first; an
 * engine that measured slower than another is never chosen by 'auto'. Measurements are cached per
 * device and workload shape.
 */
import type { KernelChoice } from '../engine/fused/kernel';

export type BackendName = 'webgpu' | 'wasm' | 'webgl' | 'cpu';
export type FusedEngine = 'fused-js' | 'fused-wasm' | 'fused-webgpu';
export type EngineId = FusedEngine | BackendName;
export type BackendChoice = 'auto' | EngineId;

export const ENGINE_IDS: EngineId[] = ['fused-js', 'fused-wasm', 'fused-webgpu', 'wasm', 'webgl', 'webgpu', 'cpu'];

export const ENGINE_LABELS: Record<EngineId, string> = {
  'fused-js': 'fused JS',
  'fused-wasm': 'fused wasm SIMD',
  'fused-webgpu': 'fused WebGPU',
  wasm: 'tfjs wasm',
  webgl: 'tfjs webgl',
  webgpu: 'tfjs webgpu',
  cpu: 'tfjs cpu',
};

export function isEngineId(value: unknown): value is EngineId {
  return typeof value === 'string' && (ENGINE_IDS as string[]).includes(value);
}

export function isFused(engine: EngineId): engine is FusedEngine {
  return engine.startsWith('fused-');
}

/** the kernel option of createTrainer that runs an engine */
export function kernelOf(engine: EngineId): KernelChoice {
  switch (engine) {
    case 'fused-js':
      return 'js';
    case 'fused-wasm':
      return 'wasm-simd';
    case 'fused-webgpu':
      return 'webgpu';
    default:
      return 'tfjs';
  }
}

/** the tfjs backend the worker must have active for an engine (fused CPU kernels: wasm, for the rest of tfjs) */
export function tfjsBackendOf(engine: EngineId): BackendName {
  if (engine === 'fused-webgpu') return 'webgpu';
  return isFused(engine) ? 'wasm' : engine;
}

export interface EngineMeasurement {
  engine: EngineId;
  /** optimizer steps per second of the whole workload (all replicas); null = could not run */
  stepsPerSecond: number | null;
  /** why it could not run, or what limited it */
  note?: string;
}

/** What the worker knows about the machine before measuring. */
export interface EngineAvailability {
  /** WebAssembly SIMD validates */
  wasmSimd: boolean;
  /** a WebGPU adapter exists (real or software: measurement decides) */
  gpuAdapter: boolean;
}

/**
 * The engines 'auto' measures, in order. tfjs's webgl/cpu backends are op-by-op like tfjs-wasm
 * but slower to start; they are measured only when chosen explicitly.
 */
export function autoCandidates(available: EngineAvailability): EngineId[] {
  const out: EngineId[] = ['fused-js'];
  if (available.wasmSimd) out.push('fused-wasm');
  if (available.gpuAdapter) out.push('fused-webgpu');
  out.push('wasm');
  return out;
}

export interface EngineDecision {
  engine: EngineId;
  reason: string;
  measured: EngineMeasurement[];
}

/**
 * The engine to use. A user's explicit choice wins (if it ran); 'auto' takes the fastest
 * measurement. Engines in `exclude` (crashed this session) are skipped unless nothing else ran.
 */
/**
 * How much faster a measured engine must be to override the benchmarks' choice for a workload
 * (`expected`): a 20–40 ms timing on a loaded machine is noisy, the bench's ratios are not (fused
 * wasm vs tfjs wasm at 256 replicas: 4–10×), so a narrow measured win is noise.
 */
export const PRIOR_MARGIN = 1.5;

export function decideEngine(choice: BackendChoice, measured: EngineMeasurement[], exclude: EngineId[] = [], expected?: EngineId | null): EngineDecision {
  const ran = measured.filter((m) => m.stepsPerSecond !== null && m.stepsPerSecond > 0);
  const summary = describeMeasurements(measured);
  if (choice !== 'auto') {
    const mine = measured.find((m) => m.engine === choice);
    if (!mine || mine.stepsPerSecond !== null) {
      const fastest = fastestOf(ran);
      const slower = fastest && mine?.stepsPerSecond && fastest.engine !== choice ? `; ${ENGINE_LABELS[fastest.engine]} measured faster` : '';
      return { engine: choice, reason: `chosen by you${slower}${summary ? ` (${summary})` : ''}`, measured };
    }
    const fallback = fastestOf(ran.filter((m) => !exclude.includes(m.engine))) ?? fastestOf(ran);
    if (!fallback) throw new Error(`no engine could run (${summary})`);
    return {
      engine: fallback.engine,
      reason: `${ENGINE_LABELS[choice]} could not run (${mine.note ?? 'failed'}): using the fastest measured, ${ENGINE_LABELS[fallback.engine]}${summary ? ` (${summary})` : ''}`,
      measured,
    };
  }
  const usable = ran.filter((m) => !exclude.includes(m.engine));
  const best = fastestOf(usable) ?? fastestOf(ran);
  if (!best) throw new Error(`no engine could run (${summary})`);
  const skipped = exclude.length ? `; skipped after a crash: ${exclude.map((e) => ENGINE_LABELS[e]).join(', ')}` : '';
  const prior = expected ? usable.find((m) => m.engine === expected) : undefined;
  if (prior && prior.engine !== best.engine && (best.stepsPerSecond ?? 0) < PRIOR_MARGIN * (prior.stepsPerSecond ?? 0)) {
    return { engine: prior.engine, reason: `the benchmarks' choice, measured within ${PRIOR_MARGIN}× of the fastest${skipped} (${summary})`, measured };
  }
  return { engine: best.engine, reason: `fastest measured here${skipped} (${summary})`, measured };
}

function fastestOf(list: EngineMeasurement[]): EngineMeasurement | null {
  let best: EngineMeasurement | null = null;
  for (const m of list) if (m.stepsPerSecond !== null && (!best || m.stepsPerSecond > (best.stepsPerSecond ?? 0))) best = m;
  return best;
}

/** "fused JS 1.2 M steps/s · tfjs wasm 14 k steps/s · fused WebGPU: no adapter" */
export function describeMeasurements(measured: EngineMeasurement[]): string {
  return [...measured]
    .sort((a, b) => (b.stepsPerSecond ?? -1) - (a.stepsPerSecond ?? -1))
    .map((m) =>
      m.stepsPerSecond === null
        ? `${ENGINE_LABELS[m.engine]}: ${m.note ?? 'not available'}`
        : `${ENGINE_LABELS[m.engine]} ${formatRate(m.stepsPerSecond)} steps/s`,
    )
    .join(' · ');
}

export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '–';
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toPrecision(3)} M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toPrecision(3)} k`;
  return perSecond.toPrecision(3);
}

/** The engine to respawn on after `failed` crashed: measured again without it; tfjs backends step down. */
export function nextEngine(failed: EngineId): BackendChoice {
  if (isFused(failed)) return 'auto';
  const order: BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];
  const i = order.indexOf(failed);
  return i >= 0 && i < order.length - 1 ? order[i + 1] : 'auto';
}

/** what makes two workloads cost the same per step (the cache key of a measurement) */
export interface WorkloadShape {
  layers: number[];
  activation: string;
  optimizer: string;
  path: string;
  replicas: number;
  samples: number;
  batchSize: number;
}

export function workloadKey(shape: WorkloadShape): string {
  return [shape.layers.join('-'), shape.activation, shape.optimizer, shape.path, `R${shape.replicas}`, `N${shape.samples}`, `B${shape.batchSize}`].join('|');
}
