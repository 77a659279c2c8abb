/**
 * Seeded randomness, identical in Node and every browser/backend (integer arithmetic only).
 *
 * - Data and initial weights: d3's `randomLcg(seed)` as the uniform source and
 *   `randomNormal.source(lcg)` for Gaussians (the project's reference generator).
 * - Long per-replica noise streams (Langevin noise, SGD minibatch order): xoshiro128** seeded
 *   by splitmix32, with d3's polar-method normal transform (`longPeriodNormal`, or inlined for
 *   bulk use in `GaussianStream`). An LCG has period 2³², and R
 *   replicas started at hashed points of that one cycle would begin to replay each other's noise
 *   after about 2³²/R² draws (a few hundred steps for R = 256); xoshiro128** has period 2¹²⁸ − 1.
 *
 * Seeds are integers. `deriveSeed(seed, ...keys)` hashes a seed and a path of integer keys into an
 * independent 32-bit seed (for replica r, for a sub-stream of a dataset, …).
 */
import { randomLcg, randomNormal } from 'd3';

export type Uniform = () => number;
export type Normal = () => number;

/** murmur3's 32-bit finaliser: a bijective avalanche mix of a 32-bit integer */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** fold a (possibly large or negative) integer seed into 32 bits without losing its high part */
function fold(seed: number): number {
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`);
  const integer = Math.trunc(seed);
  const low = integer >>> 0;
  const high = Math.floor(integer / 4294967296) >>> 0;
  return (low ^ Math.imul(high, 0x9e3779b1)) >>> 0;
}

/** an independent 32-bit seed for the sub-stream `keys` of `seed` */
export function deriveSeed(seed: number, ...keys: number[]): number {
  let h = fmix32(fold(seed) ^ 0x5bd1e995);
  for (const key of keys) h = fmix32((h ^ fmix32(fold(key) + 0x9e3779b9)) >>> 0);
  // d3's randomLcg treats seeds in [0, 1) as fractions: keep derived seeds ≥ 1
  return h === 0 ? 1 : h;
}

/** d3 LCG uniform on [0, 1) */
export function uniformSource(seed: number): Uniform {
  return randomLcg(deriveSeed(seed));
}

/** standard normals from d3's LCG (data, teacher, initial weights) */
export function normalSource(seed: number): Normal {
  return randomNormal.source(uniformSource(seed))(0, 1);
}

/** xoshiro128** uniform on [0, 1), 32-bit resolution, state seeded by splitmix32 from `seed` */
export function longPeriodUniform(seed: number): Uniform {
  let s = deriveSeed(seed, 0x6e6f6973);
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  if ((a | b | c | d) === 0) a = 1;
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result / 4294967296;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** standard normals from the long-period generator (per-replica noise streams) */
export function longPeriodNormal(seed: number): Normal {
  return randomNormal.source(longPeriodUniform(seed))(0, 1);
}

/**
 * A per-replica stream of standard normals for bulk use: the polar method of d3.randomNormal,
 * inlined over the long-period uniform (about 2× faster than calling a closure per number).
 * The stream is one sequence: `fill` calls continue where the previous one stopped.
 */
export class GaussianStream {
  private readonly uniform: Uniform;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    this.uniform = longPeriodUniform(seed);
  }

  /** out[start … start+count) = scale · ξ */
  fill(out: Float32Array | Float64Array, start: number, count: number, scale: number): void {
    const u = this.uniform;
    const end = start + count;
    let i = start;
    if (this.hasSpare && i < end) {
      out[i++] = scale * this.spare;
      this.hasSpare = false;
    }
    while (i < end) {
      let x: number;
      let y: number;
      let r: number;
      do {
        x = 2 * u() - 1;
        y = 2 * u() - 1;
        r = x * x + y * y;
      } while (r >= 1 || r === 0);
      const f = Math.sqrt((-2 * Math.log(r)) / r);
      out[i++] = scale * x * f;
      if (i < end) {
        out[i++] = scale * y * f;
      } else {
        this.spare = y * f;
        this.hasSpare = true;
      }
    }
  }
}

/** Fisher–Yates shuffle of 0…n−1 in place, uniform from `uniform` */
export function shuffleInPlace(indices: Int32Array | number[], uniform: Uniform): void {
  for (let i = indices.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const tmp = indices[i];
    indices[i] = indices[j];
    indices[j] = tmp;
  }
}

/** `count` distinct indices out of 0…n−1, in the order drawn */
export function sampleWithoutReplacement(n: number, count: number, uniform: Uniform): Int32Array {
  if (count > n) throw new Error(`cannot draw ${count} distinct items out of ${n}`);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(uniform() * (n - i));
    const tmp = all[i];
    all[i] = all[j];
    all[j] = tmp;
  }
  return all.slice(0, count);
}
