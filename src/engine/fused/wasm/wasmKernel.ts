/**
 * Host side of the replica-major WebAssembly SIMD kernel (source: ./assembly/kernel.ts, built by
 * scripts/build-wasm.mjs into ./generated/kernelWasm.ts). Linear nets, moment path, 'gd' and
 * 'langevin'. Replicas are packed 4 to a v128 (f32x4 lanes); R is padded up to a multiple of 4
 * with dummy replicas that start at zero, take no noise and are never read.
 *
 * The instance's linear memory holds everything (header, weights, hyperparameters, moments,
 * scratch); views are re-created after memory.grow because growing detaches the old buffer.
 * WebAssembly.compile/instantiate of bytes is allowed under the CSP's 'wasm-unsafe-eval'.
 */
import { layerShapes } from '../../model';
import { langevinKey } from '../../noise/philox';
import type { Weights } from '../../types';
import { isLinear, type KernelFactory, type KernelSpec, type StepHyper, type StepKernel } from '../kernel';
import { KERNEL_WASM_BASE64 } from './generated/kernelWasm';

const LANES = 4;
const V128 = 16;
/** v128 entries per group in the hyper region (layout in assembly/kernel.ts) */
const HYPER_VECS = 22;
const PHILOX_ROUNDS = 10;
const PHILOX_W0 = 0x9e3779b9;
const PHILOX_W1 = 0xbb67ae85;
const HEADER_SLOTS = 64;
const PAGE = 65536;
/** pointers cross as i32; keep well inside what one instance can address */
const MAX_BYTES = 1 << 30;

interface KernelExports {
  memory: WebAssembly.Memory;
  run(ctx: number, steps: number, firstStep: number): void;
  scratchVectors(layers: number, maxDim: number, parameters: number): number;
  heapBase(): number;
  transformBits(src: number, dst: number, vectors: number): void;
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let bytesCache: Uint8Array | null = null;
let simdCache: boolean | null = null;
let moduleCache: Promise<WebAssembly.Module> | null = null;

function kernelBytes(): Uint8Array {
  return (bytesCache ??= decodeBase64(KERNEL_WASM_BASE64));
}

/** the module uses SIMD throughout, so it validates exactly where WebAssembly SIMD exists */
export function wasmSimdAvailable(): boolean {
  if (simdCache === null) {
    try {
      simdCache = typeof WebAssembly === 'object' && WebAssembly.validate(kernelBytes() as BufferSource);
    } catch {
      simdCache = false;
    }
  }
  return simdCache;
}

function compiledModule(): Promise<WebAssembly.Module> {
  return (moduleCache ??= WebAssembly.compile(kernelBytes() as BufferSource));
}

const align16 = (n: number) => (n + 15) & ~15;

/** byte layout of one kernel's memory regions */
interface Layout {
  ctx: number;
  weights: number;
  hyper: number;
  flags: number;
  sxx: number;
  syx: number;
  scratch: number;
  end: number;
}

function dimsOf(spec: KernelSpec): number[] {
  return [spec.net.inputDim, ...spec.net.hiddenWidths, spec.net.outputDim];
}

function planLayout(base: number, spec: KernelSpec, scratchVectors: number): Layout {
  const groups = Math.ceil(spec.replicas / LANES);
  const P = layerShapes(spec.net).reduce((sum, [out, inp]) => sum + out * inp, 0);
  const { inputDim, outputDim } = spec.net;
  const ctx = align16(base);
  const weights = ctx + HEADER_SLOTS * 4;
  const hyper = weights + groups * P * V128;
  const flags = hyper + groups * HYPER_VECS * V128;
  const sxx = align16(flags + groups * 4);
  const syx = align16(sxx + inputDim * inputDim * 4);
  const scratch = align16(syx + outputDim * inputDim * 4);
  return { ctx, weights, hyper, flags, sxx, syx, scratch, end: scratch + scratchVectors * V128 };
}

/** the kernel's own count (assembly/kernel.ts scratchVectors), for the size check before instantiating */
function scratchVectorsFor(spec: KernelSpec): number {
  const dims = dimsOf(spec);
  const maxDim = Math.max(...dims);
  const P = layerShapes(spec.net).reduce((sum, [out, inp]) => sum + out * inp, 0);
  return (dims.length + 1) * maxDim * maxDim + ((P + 3) & ~3);
}

class WasmSimdKernel implements StepKernel {
  readonly name = 'wasm-simd' as const;
  private readonly shapes: Array<[number, number]>;
  private readonly offsets: number[];
  private readonly parameters: number;
  private readonly groups: number;
  private readonly layout: Layout;
  private readonly langevin: boolean;
  private scaledForLr = Number.NaN;
  private exports: KernelExports | null;

  constructor(
    private readonly spec: KernelSpec,
    exports: KernelExports,
  ) {
    this.exports = exports;
    this.shapes = layerShapes(spec.net);
    this.offsets = [];
    let off = 0;
    for (const [out, inp] of this.shapes) {
      this.offsets.push(off);
      off += out * inp;
    }
    this.parameters = off;
    this.groups = Math.ceil(spec.replicas / LANES);
    this.langevin = spec.optimizer === 'langevin';
    const dims = dimsOf(spec);
    const scratch = exports.scratchVectors(this.shapes.length, Math.max(...dims), this.parameters);
    if (scratch !== scratchVectorsFor(spec)) throw new Error('wasm-simd: scratch size disagrees with the module');
    this.layout = planLayout(exports.heapBase(), spec, scratch);
    const memory = exports.memory;
    const missing = this.layout.end - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / PAGE));
    this.writeHeader(dims);
    this.writeKeys();
  }

  setWeights(replica: number, weights: Weights): void {
    this.checkReplica(replica);
    const f32 = this.f32();
    const g = replica >> 2;
    const lane = replica & 3;
    const base = this.layout.weights / 4 + g * this.parameters * LANES + lane;
    this.shapes.forEach(([out, inp], l) => {
      const w = weights[l];
      if (!w || w.length !== out * inp) throw new Error(`wasm-simd: layer ${l + 1} needs ${out * inp} entries`);
      const start = base + this.offsets[l] * LANES;
      for (let e = 0; e < w.length; e++) f32[start + e * LANES] = w[e];
    });
  }

  getWeights(replica: number): Weights {
    this.checkReplica(replica);
    const f32 = this.f32();
    const base = this.layout.weights / 4 + (replica >> 2) * this.parameters * LANES + (replica & 3);
    return this.shapes.map(([out, inp], l) => {
      const w = new Float32Array(out * inp);
      const start = base + this.offsets[l] * LANES;
      for (let e = 0; e < w.length; e++) w[e] = f32[start + e * LANES];
      return w;
    });
  }

  run(steps: number, hyper: StepHyper): void {
    const exports = this.live();
    if (!(Number.isInteger(steps) && steps >= 0)) throw new Error(`wasm-simd: steps must be an integer ≥ 0, got ${steps}`);
    if (steps === 0) return;
    const R = this.spec.replicas;
    for (const [name, a] of [
      ['gammas', hyper.gammas],
      ['temperatures', hyper.temperatures],
      ['frozen', hyper.frozen],
    ] as const) {
      if (a.length !== R) throw new Error(`wasm-simd: ${name} needs ${R} entries, got ${a.length}`);
    }
    const lr = hyper.lr;
    if (lr !== this.scaledForLr) this.writeMoments(lr);
    const f32 = this.f32();
    const i32 = new Int32Array(exports.memory.buffer);
    for (let g = 0; g < this.groups; g++) {
      const h = this.layout.hyper / 4 + g * HYPER_VECS * LANES;
      let noisy = 0;
      for (let lane = 0; lane < LANES; lane++) {
        const r = g * LANES + lane;
        const real = r < R;
        f32[h + lane] = real ? 2 * lr * hyper.gammas[r] : 0;
        const T = real ? hyper.temperatures[r] : 0;
        const amp = this.langevin && real && !hyper.frozen[r] && T > 0 ? Math.sqrt(2 * lr * T) : 0;
        f32[h + LANES + lane] = amp;
        if (amp > 0) noisy = 1;
      }
      i32[this.layout.flags / 4 + g] = noisy;
    }
    exports.run(this.layout.ctx, steps, hyper.firstStep >>> 0);
  }

  dispose(): void {
    this.exports = null;
  }

  // ----- internals -----

  private live(): KernelExports {
    if (!this.exports) throw new Error('wasm-simd kernel has been disposed');
    return this.exports;
  }

  private f32(): Float32Array {
    return new Float32Array(this.live().memory.buffer);
  }

  private checkReplica(replica: number): void {
    if (!(Number.isInteger(replica) && replica >= 0 && replica < this.spec.replicas)) {
      throw new Error(`wasm-simd: replica must be 0…${this.spec.replicas - 1}, got ${replica}`);
    }
  }

  private writeHeader(dims: number[]): void {
    const i32 = new Int32Array(this.live().memory.buffer);
    const L = this.layout;
    const h = L.ctx / 4;
    const { inputDim, outputDim } = this.spec.net;
    const fields = [this.shapes.length, this.groups, this.parameters, outputDim < inputDim ? 1 : 0, L.weights, L.sxx, L.syx, L.hyper, L.scratch, L.flags];
    fields.forEach((v, i) => (i32[h + i] = v));
    dims.forEach((d, i) => (i32[h + 10 + i] = d));
  }

  /** Philox round keys per lane: key + round·(Weyl constant), precomputed once */
  private writeKeys(): void {
    const u32 = new Uint32Array(this.live().memory.buffer);
    const { noiseSeeds, replicas } = this.spec;
    for (let r = 0; r < replicas; r++) {
      const [k0, k1] = langevinKey(noiseSeeds[r]);
      const h = this.layout.hyper / 4 + (r >> 2) * HYPER_VECS * LANES + (r & 3);
      for (let round = 0; round < PHILOX_ROUNDS; round++) {
        u32[h + (2 + round) * LANES] = (k0 + round * PHILOX_W0) >>> 0;
        u32[h + (2 + PHILOX_ROUNDS + round) * LANES] = (k1 + round * PHILOX_W1) >>> 0;
      }
    }
  }

  /** Σxx and Σyx scaled by 2·lr, so the chain products give lr·∂W directly */
  private writeMoments(lr: number): void {
    const f32 = this.f32();
    const { sxx, syx } = this.spec.data.train;
    const s = 2 * lr;
    for (let i = 0; i < sxx.length; i++) f32[this.layout.sxx / 4 + i] = s * sxx[i];
    for (let i = 0; i < syx.length; i++) f32[this.layout.syx / 4 + i] = s * syx[i];
    this.scaledForLr = lr;
  }
}

function unsupported(spec: KernelSpec): string | null {
  if (!isLinear(spec.net.activation)) return `wasm-simd runs linear nets only (this net is ${spec.net.activation})`;
  if (spec.path !== 'moments') return "wasm-simd runs the 'moments' path only (full-batch linear GD/Langevin)";
  if (spec.optimizer !== 'gd' && spec.optimizer !== 'langevin') return `wasm-simd runs 'gd' and 'langevin', not '${spec.optimizer}'`;
  if (!wasmSimdAvailable()) return 'WebAssembly SIMD is not available in this environment';
  const bytes = planLayout(0, spec, scratchVectorsFor(spec)).end;
  if (bytes > MAX_BYTES) return `wasm-simd would need ${(bytes / 2 ** 20).toFixed(0)} MiB of memory (limit ${MAX_BYTES / 2 ** 20} MiB)`;
  return null;
}

async function create(spec: KernelSpec): Promise<StepKernel> {
  const reason = unsupported(spec);
  if (reason) throw new Error(reason);
  if (spec.noiseSeeds.length !== spec.replicas) {
    throw new Error(`wasm-simd: ${spec.replicas} replicas but ${spec.noiseSeeds.length} noise seeds`);
  }
  const instance = await WebAssembly.instantiate(await compiledModule(), {});
  return new WasmSimdKernel(spec, instance.exports as unknown as KernelExports);
}

/**
 * For tests: the kernel's Box–Muller transform of raw Philox words, pairs (a, b) → (ξ_even, ξ_odd)
 * per the noise convention (philox.ts), for pairs no Philox sample reaches in a test's lifetime.
 */
export async function transformBitsForTest(a: Uint32Array, b: Uint32Array): Promise<{ even: Float32Array; odd: Float32Array }> {
  const instance = await WebAssembly.instantiate(await compiledModule(), {});
  const exports = instance.exports as unknown as KernelExports;
  const vectors = Math.ceil(a.length / LANES);
  const src = align16(exports.heapBase());
  const dst = src + vectors * 2 * V128;
  const missing = dst + vectors * 2 * V128 - exports.memory.buffer.byteLength;
  if (missing > 0) exports.memory.grow(Math.ceil(missing / PAGE));
  const u32 = new Uint32Array(exports.memory.buffer);
  for (let i = 0; i < a.length; i++) {
    const base = src / 4 + (i >> 2) * 2 * LANES + (i & 3);
    u32[base] = a[i];
    u32[base + LANES] = b[i];
  }
  exports.transformBits(src, dst, vectors);
  const f32 = new Float32Array(exports.memory.buffer);
  const even = new Float32Array(a.length);
  const odd = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const base = dst / 4 + (i >> 2) * 2 * LANES + (i & 3);
    even[i] = f32[base];
    odd[i] = f32[base + LANES];
  }
  return { even, odd };
}

export const wasmSimdKernel: KernelFactory = { name: 'wasm-simd', unsupported, create };
