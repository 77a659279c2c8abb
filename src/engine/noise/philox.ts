/**
 * Counter-based noise: Philox4x32-10 (Salmon et al., SC'11, "Parallel random numbers: as easy as
 * 1, 2, 3") and the one normal transform every kernel uses, so a replica's Langevin noise is the
 * same stream on every kernel (tfjs, JS, wasm, WGSL) and backend, and a permalink reproduces a run.
 *
 * The stream of a replica (NOISE CONVENTION — kernels must reproduce it exactly):
 *   key   = langevinKey(noiseSeed) = [deriveSeed(noiseSeed, 1), deriveSeed(noiseSeed, 1, 1)]
 *   the normal ξ[i] of parameter i (layer 1 first, row-major, 0-based over the whole net) at
 *   step s (the trainer's absolute step index, 0-based, including `firstStep`):
 *     block  = philox4x32_10(counter = [floor(i / 4), s, 0, 0], key) → x0 x1 x2 x3 (uint32)
 *     pair j = floor((i mod 4) / 2) uses (a, b) = (x0, x1) for j = 0 and (x2, x3) for j = 1
 *     u1 = ((a >>> 8) + 0.5) · 2⁻²⁴ ∈ (0, 1),  u2 = (b >>> 8) · 2⁻²⁴ ∈ [0, 1)
 *     ξ = √(−2 ln u1) · cos(2π u2) for even i, √(−2 ln u1) · sin(2π u2) for odd i
 * (24-bit uniforms so a float32 kernel forms u1, u2 exactly.) Steps at which a replica's
 * temperature is 0 consume no noise, but the counter is the step index, so later steps draw the
 * same numbers whatever happened before.
 */
import { deriveSeed } from '../../data/random';

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** high 32 bits of the 64-bit product of two uint32 */
function mulhi(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const lolo = aLo * bLo;
  const mid1 = aHi * bLo;
  const mid2 = aLo * bHi;
  const carry = ((lolo >>> 16) + (mid1 & 0xffff) + (mid2 & 0xffff)) >>> 16;
  return (aHi * bHi + (mid1 >>> 16) + (mid2 >>> 16) + carry) >>> 0;
}

/**
 * Philox4x32-10 of counter (c0..c3) under key (k0, k1), written into out[0..3] (uint32 values).
 */
export function philox4x32(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: Uint32Array | number[]): void {
  let x0 = c0 >>> 0;
  let x1 = c1 >>> 0;
  let x2 = c2 >>> 0;
  let x3 = c3 >>> 0;
  let key0 = k0 >>> 0;
  let key1 = k1 >>> 0;
  for (let round = 0; round < 10; round++) {
    const hi0 = mulhi(M0, x0);
    const lo0 = Math.imul(M0, x0) >>> 0;
    const hi1 = mulhi(M1, x2);
    const lo1 = Math.imul(M1, x2) >>> 0;
    const n0 = (hi1 ^ x1 ^ key0) >>> 0;
    const n2 = (hi0 ^ x3 ^ key1) >>> 0;
    x0 = n0;
    x1 = lo1;
    x2 = n2;
    x3 = lo0;
    key0 = (key0 + W0) >>> 0;
    key1 = (key1 + W1) >>> 0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
}

export const LANGEVIN_STREAM = 1;

/** the Philox key of a replica's Langevin stream */
export function langevinKey(noiseSeed: number): [number, number] {
  return [deriveSeed(noiseSeed, LANGEVIN_STREAM), deriveSeed(noiseSeed, LANGEVIN_STREAM, 1)];
}

const TWO_PI = 2 * Math.PI;
const INV_2_24 = 1 / 16777216;

/**
 * Fill out[offset + i] = amplitude · ξ[i] for parameters i = 0…count−1 at step `step` (the
 * convention above). `count` is the whole net's parameter count.
 */
export function fillNormals(
  key: readonly [number, number],
  step: number,
  count: number,
  amplitude: number,
  out: Float32Array | Float64Array,
  offset = 0,
): void {
  const block = new Uint32Array(4);
  for (let i = 0; i < count; i += 4) {
    philox4x32(i >>> 2, step, 0, 0, key[0], key[1], block);
    for (let pair = 0; pair < 2; pair++) {
      const j = i + 2 * pair;
      if (j >= count) break;
      const u1 = ((block[2 * pair] >>> 8) + 0.5) * INV_2_24;
      const u2 = (block[2 * pair + 1] >>> 8) * INV_2_24;
      const radius = amplitude * Math.sqrt(-2 * Math.log(u1));
      const angle = TWO_PI * u2;
      out[offset + j] = radius * Math.cos(angle);
      if (j + 1 < count) out[offset + j + 1] = radius * Math.sin(angle);
    }
  }
}
