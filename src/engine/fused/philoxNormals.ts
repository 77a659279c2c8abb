/**
 * The Philox noise of noise/philox.ts (same numbers, bit for bit in float64: the tests compare
 * with fillNormals) written for a hot loop: no allocation, the round keys precomputed per
 * replica, and mulhi by the constant multipliers done in float64 arithmetic (two exact 48-bit
 * products instead of four 16-bit partial products).
 */
import { langevinKey } from '../noise/philox';

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const M0_HI = M0 >>> 16;
const M0_LO = M0 & 0xffff;
const M1_HI = M1 >>> 16;
const M1_LO = M1 & 0xffff;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const INV_2_16 = 1 / 65536;
const TWO_PI = 2 * Math.PI;
const INV_2_24 = 1 / 16777216;
export const ROUNDS = 10;

/** the 10 round keys (k0, k1 interleaved) of a replica's Langevin stream, at out[offset …+20) */
export function roundKeys(noiseSeed: number, out: Uint32Array, offset: number): void {
  let [k0, k1] = langevinKey(noiseSeed);
  for (let round = 0; round < ROUNDS; round++) {
    out[offset + 2 * round] = k0;
    out[offset + 2 * round + 1] = k1;
    k0 = (k0 + W0) >>> 0;
    k1 = (k1 + W1) >>> 0;
  }
}

/**
 * out[offset + i] = amplitude·ξ[i] for i < count at absolute step `step`, ξ per the convention of
 * noise/philox.ts, keys[keyOffset …+20) from roundKeys.
 */
export function philoxNormals(
  keys: Uint32Array,
  keyOffset: number,
  step: number,
  count: number,
  amplitude: number,
  out: Float64Array,
  offset: number,
): void {
  const s = step >>> 0;
  for (let i = 0; i < count; i += 4) {
    let x0 = i >>> 2;
    let x1 = s;
    let x2 = 0;
    let x3 = 0;
    for (let k = keyOffset, end = keyOffset + 2 * ROUNDS; k < end; k += 2) {
      // hi(M·x) = ⌊(x·M_hi + ⌊x·M_lo / 2¹⁶⌋) / 2¹⁶⌋, both products exact in float64 (< 2⁴⁸)
      const hi0 = Math.floor((x0 * M0_HI + Math.floor(x0 * M0_LO * INV_2_16)) * INV_2_16);
      const lo0 = Math.imul(M0, x0);
      const hi1 = Math.floor((x2 * M1_HI + Math.floor(x2 * M1_LO * INV_2_16)) * INV_2_16);
      const lo1 = Math.imul(M1, x2);
      x0 = (hi1 ^ x1 ^ keys[k]) >>> 0;
      x2 = (hi0 ^ x3 ^ keys[k + 1]) >>> 0;
      x1 = lo1;
      x3 = lo0;
    }
    const j = offset + i;
    const left = count - i;
    let radius = amplitude * Math.sqrt(-2 * Math.log(((x0 >>> 8) + 0.5) * INV_2_24));
    let angle = TWO_PI * ((x1 >>> 8) * INV_2_24);
    out[j] = radius * Math.cos(angle);
    if (left > 1) out[j + 1] = radius * Math.sin(angle);
    if (left > 2) {
      radius = amplitude * Math.sqrt(-2 * Math.log(((x2 >>> 8) + 0.5) * INV_2_24));
      angle = TWO_PI * ((x3 >>> 8) * INV_2_24);
      out[j + 2] = radius * Math.cos(angle);
      if (left > 3) out[j + 3] = radius * Math.sin(angle);
    }
  }
}
