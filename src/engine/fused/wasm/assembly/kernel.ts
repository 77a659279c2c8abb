/**
 * Replica-major WebAssembly SIMD step kernel (AssemblyScript; built by scripts/build-wasm.mjs).
 *
 * Linear nets on the moment path, full-batch GD and Langevin. Every weight entry of 4 consecutive
 * replicas (a "group") is one v128 (f32x4), so each lane runs one replica and all arithmetic is
 * lane-wise. The host (../wasmKernel.ts) owns the memory layout and writes a header:
 *
 *   i32 slot  0 layers n        1 groups G        2 parameters P     3 fromOutputs (0/1)
 *             4 weights ptr     5 Σxx·2lr ptr     6 Σyx·2lr ptr      7 hyper ptr
 *             8 scratch ptr     9 noise-flag ptr  10…10+n dims d_0…d_n (d_0 = in, d_n = out)
 *
 *   weights  group g, parameter i (layer 1 first, row-major) at weights + (g·P + i)·16
 *   Σxx, Σyx f32 scalars, row-major, pre-multiplied by 2·lr (so the chain yields lr·∂W)
 *   hyper    per group HYPER_VECS v128: [2·lr·γ][√(2·lr·T), 0 in frozen lanes][10 round keys k0]
 *            [10 round keys k1] (Philox keys per lane, bumped by the Weyl constants per round)
 *   flags    per group i32: 1 if any lane of the group takes noise
 *
 * Step: W ← W − (2·lr·γ·W + lr·∂W) + √(2·lr·T)·ξ, ξ from Philox4x32-10 with counter
 * [floor(i/4), step, 0, 0] and Box–Muller on 24-bit uniforms (../../noise/philox.ts).
 */

const HYPER_VECS: i32 = 22;

// ---------- small matrices of v128 entries ----------

/**
 * C[m×n] = A·B, entries v128. A(i,p) at a + (i·ars + p·acs)·16, B(p,j) at b + (p·brs + j·bcs)·16
 * (strides express transposes); C row-major, contiguous.
 */
function matmul(c: usize, a: usize, ars: i32, acs: i32, b: usize, brs: i32, bcs: i32, m: i32, k: i32, n: i32): void {
  const aRow = <usize>ars << 4;
  const aCol = <usize>acs << 4;
  const bRow = <usize>brs << 4;
  const bCol = <usize>bcs << 4;
  let out = c;
  let ai = a;
  for (let i = 0; i < m; i++) {
    let bj = b;
    for (let j = 0; j < n; j++) {
      let pa = ai;
      let pb = bj;
      let acc = f32x4.mul(v128.load(pa), v128.load(pb));
      for (let p = 1; p < k; p++) {
        pa += aCol;
        pb += bRow;
        acc = f32x4.add(acc, f32x4.mul(v128.load(pa), v128.load(pb)));
      }
      v128.store(out, acc);
      out += 16;
      bj += bCol;
    }
    ai += aRow;
  }
}

/** G[out×in] = M·Sxx − Syx with M v128 entries and the shared moments as f32 scalars */
function momentResidual(g: usize, mPtr: usize, sxx: usize, syx: usize, out: i32, inp: i32): void {
  let dst = g;
  for (let i = 0; i < out; i++) {
    const row = mPtr + (<usize>(i * inp) << 4);
    for (let j = 0; j < inp; j++) {
      let acc = f32x4.splat(-load<f32>(syx + (<usize>(i * inp + j) << 2)));
      for (let p = 0; p < inp; p++) {
        acc = f32x4.add(acc, f32x4.mul(v128.load(row + (<usize>p << 4)), f32x4.splat(load<f32>(sxx + (<usize>(p * inp + j) << 2)))));
      }
      v128.store(dst, acc);
      dst += 16;
    }
  }
}

/**
 * W ← W − (decay·W + lrGrad) + amp·ξ for `size` entries; subnormal results are flushed to 0
 * (as GPUs do): x86 arithmetic on subnormals is ~10× slower and decay would stall on them.
 */
function update(w: usize, grad: usize, noise: usize, size: i32, decay: v128, amp: v128, noisy: bool): void {
  const tiny = f32x4.splat(1.1754944e-38);
  for (let e = 0; e < size; e++) {
    const off = <usize>e << 4;
    const wv = v128.load(w + off);
    let next = f32x4.sub(wv, f32x4.add(f32x4.mul(decay, wv), v128.load(grad + off)));
    if (noisy) next = f32x4.add(next, f32x4.mul(amp, v128.load(noise + off)));
    v128.store(w + off, v128.andnot(next, f32x4.lt(f32x4.abs(next), tiny)));
  }
}

// ---------- Philox4x32-10 and Box–Muller, 4 lanes = 4 replicas ----------


const LN2_HI: f32 = 6.9313812256e-1; // 0x3f317180: e·LN2_HI is exact for |e| < 2⁸
const LN2_LO: f32 = 9.0580006145e-6;
const INV_2_24: f32 = 5.9604644775390625e-8;
const ANGLE_UNIT: f32 = 3.7450702e-7; // 2π / 2²⁴

/**
 * ln(u1) for u1 = ((a >>> 8) + 0.5)·2⁻²⁴, accurate to a few ulp. u1 itself is not a float32 when
 * a >>> 8 ≥ 2²³ (25 significant bits), and ln u1 ≈ u1 − 1 there, so that half is formed from
 * w = 1 − u1 (exact) instead. u1 = (1 + f)·2^e with f ∈ [√½ − 1, √2 − 1).
 */
// @ts-ignore: decorator
@inline function logUniform(a: v128): v128 {
  const k = i32x4.shr_u(a, 8);
  // k < 2²³: u1 exact; musl's reduction to m ∈ [√½, √2)
  const u1 = f32x4.mul(f32x4.add(f32x4.convert_i32x4_s(k), f32x4.splat(0.5)), f32x4.splat(INV_2_24));
  const ix = i32x4.add(u1, i32x4.splat(0x3f800000 - 0x3f3504f3));
  const eLow = i32x4.sub(i32x4.shr_s(ix, 23), i32x4.splat(0x7f));
  const fLow = f32x4.sub(i32x4.add(v128.and(ix, i32x4.splat(0x007fffff)), i32x4.splat(0x3f3504f3)), f32x4.splat(1));
  // k ≥ 2²³: w = 1 − u1 ∈ (0, ½] exact; u1 ≥ √½ → e = 0, f = −w; else e = −1, f = 1 − 2w
  const j = i32x4.sub(i32x4.splat(1 << 24), k);
  const w = f32x4.mul(f32x4.sub(f32x4.convert_i32x4_s(j), f32x4.splat(0.5)), f32x4.splat(INV_2_24));
  const half = f32x4.gt(w, f32x4.splat(0.29289321881345254)); // lanes with u1 < √½
  const fHigh = v128.bitselect(f32x4.sub(f32x4.splat(1), f32x4.add(w, w)), f32x4.neg(w), half);
  const eHigh = half; // all-ones = −1, else 0
  const high = i32x4.ge_s(k, i32x4.splat(1 << 23));
  const f = v128.bitselect(fHigh, fLow, high);
  const e = f32x4.convert_i32x4_s(v128.bitselect(eHigh, eLow, high));
  // ln(1 + f) = 2·atanh(s), s = f/(2 + f), |s| ≤ 0.1716: series to s¹¹ (next term < 1e-10)
  const s = f32x4.div(f, f32x4.add(f32x4.splat(2), f));
  const z = f32x4.mul(s, s);
  let p = f32x4.add(f32x4.splat(1.0 / 9.0), f32x4.mul(z, f32x4.splat(1.0 / 11.0)));
  p = f32x4.add(f32x4.splat(1.0 / 7.0), f32x4.mul(z, p));
  p = f32x4.add(f32x4.splat(1.0 / 5.0), f32x4.mul(z, p));
  p = f32x4.add(f32x4.splat(1.0 / 3.0), f32x4.mul(z, p));
  const s2 = f32x4.add(s, s);
  const ln1p = f32x4.add(s2, f32x4.mul(f32x4.mul(s2, z), p));
  return f32x4.add(f32x4.mul(e, f32x4.splat(LN2_HI)), f32x4.add(ln1p, f32x4.mul(e, f32x4.splat(LN2_LO))));
}

/**
 * Normals of one Box–Muller pair, radius·(cos, sin)(2π·u2) with u2 = (b >>> 8)·2⁻²⁴, stored at
 * dst (even index) and dst + 16 (odd). The angle is reduced exactly in integers: u2 = q/4 + r·2⁻²⁴
 * with q the nearest quarter turn, so the polynomials only see |x| ≤ π/4.
 */
// @ts-ignore: decorator
@inline function boxMuller(a: v128, b: v128, dst: usize): void {
  const radius = f32x4.sqrt(f32x4.mul(f32x4.splat(-2), logUniform(a)));
  const m = i32x4.shr_u(b, 8);
  const q = i32x4.shr_u(i32x4.add(m, i32x4.splat(1 << 21)), 22); // 0…4
  const r = i32x4.sub(m, i32x4.shl(q, 22)); // −2²¹ … 2²¹
  const x = f32x4.mul(f32x4.convert_i32x4_s(r), f32x4.splat(ANGLE_UNIT));
  const z = f32x4.mul(x, x);
  // Taylor on |x| ≤ π/4: sin to x⁹ (error < 2e-9), cos to x¹⁰ (< 1e-10)
  let ps = f32x4.add(f32x4.splat(-1.0 / 5040.0), f32x4.mul(z, f32x4.splat(1.0 / 362880.0)));
  ps = f32x4.add(f32x4.splat(1.0 / 120.0), f32x4.mul(z, ps));
  ps = f32x4.add(f32x4.splat(-1.0 / 6.0), f32x4.mul(z, ps));
  const sinx = f32x4.add(x, f32x4.mul(f32x4.mul(x, z), ps));
  let pc = f32x4.add(f32x4.splat(1.0 / 40320.0), f32x4.mul(z, f32x4.splat(-1.0 / 3628800.0)));
  pc = f32x4.add(f32x4.splat(-1.0 / 720.0), f32x4.mul(z, pc));
  pc = f32x4.add(f32x4.splat(1.0 / 24.0), f32x4.mul(z, pc));
  pc = f32x4.add(f32x4.splat(-0.5), f32x4.mul(z, pc));
  const cosx = f32x4.add(f32x4.splat(1), f32x4.mul(z, pc));
  // rotate by q quarter turns: q odd swaps (cos, sin); cos negated for q ∈ {1, 2}, sin for q ∈ {2, 3}
  const even = i32x4.eq(v128.and(q, i32x4.splat(1)), i32x4.splat(0));
  const c0 = v128.bitselect(cosx, sinx, even);
  const s0 = v128.bitselect(sinx, cosx, even);
  const cosSign = i32x4.shl(v128.and(i32x4.add(q, i32x4.splat(1)), i32x4.splat(2)), 30);
  const sinSign = i32x4.shl(v128.and(q, i32x4.splat(2)), 30);
  v128.store(dst, f32x4.mul(radius, v128.xor(c0, cosSign)));
  v128.store(dst + 16, f32x4.mul(radius, v128.xor(s0, sinSign)));
}

/** ξ for parameters 0 … 4·ceil(P/4) − 1 of one group at `step`, written to dst (v128 each) */
function fillNormals(dst: usize, blocks: i32, step: u32, keys: usize): void {
  const m0 = i32x4.splat(0xd2511f53);
  const m1 = i32x4.splat(0xcd9e8d57);
  const c1 = i32x4.splat(<i32>step);
  for (let blk = 0; blk < blocks; blk++) {
    let x0 = i32x4.splat(blk);
    let x1 = c1;
    let x2 = i32x4.splat(0);
    let x3 = i32x4.splat(0);
    for (let round = 0; round < 10; round++) {
      const k0 = v128.load(keys + (<usize>round << 4));
      const k1 = v128.load(keys + (<usize>(round + 10) << 4));
      // 64-bit products lane-wise; their high halves are Philox's mulhi, the low halves its mullo
      // (taken from the same products: cheaper than i32x4.mul, which is slow on x86)
      const p0a = i64x2.extmul_low_i32x4_u(x0, m0);
      const p0b = i64x2.extmul_high_i32x4_u(x0, m0);
      const p1a = i64x2.extmul_low_i32x4_u(x2, m1);
      const p1b = i64x2.extmul_high_i32x4_u(x2, m1);
      const hi0 = v128.shuffle<i32>(p0a, p0b, 1, 3, 5, 7);
      const lo0 = v128.shuffle<i32>(p0a, p0b, 0, 2, 4, 6);
      const hi1 = v128.shuffle<i32>(p1a, p1b, 1, 3, 5, 7);
      const lo1 = v128.shuffle<i32>(p1a, p1b, 0, 2, 4, 6);
      x0 = v128.xor(v128.xor(hi1, x1), k0);
      x1 = lo1;
      x2 = v128.xor(v128.xor(hi0, x3), k1);
      x3 = lo0;
    }
    const out = dst + (<usize>blk << 6);
    boxMuller(x0, x1, out);
    boxMuller(x2, x3, out + 32);
  }
}

/**
 * The normal transform alone, for tests at the uniforms' extremes (which Philox output reaches
 * too rarely to sample): `vectors` records of [a: v128][b: v128] at src → [ξ_even][ξ_odd] at dst.
 */
export function transformBits(src: usize, dst: usize, vectors: i32): void {
  for (let v = 0; v < vectors; v++) {
    const off = <usize>v << 5;
    boxMuller(v128.load(src + off), v128.load(src + off + 16), dst + off);
  }
}

// ---------- the step ----------

// @ts-ignore: decorator
@inline function hdr(ctx: usize, slot: i32): i32 {
  return load<i32>(ctx + (<usize>slot << 2));
}

// @ts-ignore: decorator
@inline function dim(ctx: usize, l: i32): i32 {
  return hdr(ctx, 10 + l);
}

// scratch layout of one step (see scratchVectors); globals, not an object: the stub runtime never frees
let maxSq: i32 = 0;
let chain: usize = 0; // n − 1 products of ≤ maxSq entries
let bufA: usize = 0;
let bufB: usize = 0;
let gradBuf: usize = 0;
let noiseBuf: usize = 0;

/** v128 entries of scratch the host must provide: (n + 2)·maxDim² + 4·ceil(P/4) */
export function scratchVectors(layers: i32, maxDim: i32, parameters: i32): i32 {
  return (layers + 2) * maxDim * maxDim + ((parameters + 3) & ~3);
}

/** the heap base: the host lays its regions out from here */
export function heapBase(): usize {
  return __heap_base;
}

/** run `steps` steps for every group; `firstStep` is the absolute index of the first (Philox counter) */
export function run(ctx: usize, steps: i32, firstStep: u32): void {
  const n = hdr(ctx, 0);
  const groups = hdr(ctx, 1);
  const P = hdr(ctx, 2);
  const fromOutputs = hdr(ctx, 3) != 0;
  const weights = <usize>hdr(ctx, 4);
  const sxx = <usize>hdr(ctx, 5);
  const syx = <usize>hdr(ctx, 6);
  const hyper = <usize>hdr(ctx, 7);
  const scratch = <usize>hdr(ctx, 8);
  const flags = <usize>hdr(ctx, 9);
  let maxDim = 0;
  for (let l = 0; l <= n; l++) maxDim = max(maxDim, dim(ctx, l));
  maxSq = maxDim * maxDim;
  const sq = <usize>maxSq << 4;
  chain = scratch;
  bufA = scratch + <usize>max(n - 1, 0) * sq;
  bufB = bufA + sq;
  gradBuf = bufB + sq;
  noiseBuf = gradBuf + sq;
  const blocks = (P + 3) >> 2;
  for (let g = 0; g < groups; g++) {
    const w = weights + (<usize>(g * P) << 4);
    const h = hyper + (<usize>(g * HYPER_VECS) << 4);
    const decay = v128.load(h);
    const amp = v128.load(h + 16);
    const noisy = load<i32>(flags + (<usize>g << 2)) != 0;
    for (let s = 0; s < steps; s++) {
      if (noisy) fillNormals(noiseBuf, blocks, firstStep + <u32>s, h + 32);
      if (fromOutputs) stepFromOutputs(ctx, n, w, sxx, syx, decay, amp, noisy);
      else stepFromInputs(ctx, n, w, sxx, syx, decay, amp, noisy);
    }
  }
}

/** offset (in entries) of layer l's weights within a group */
function layerOffset(ctx: usize, l: i32): i32 {
  let off = 0;
  for (let k = 0; k < l; k++) off += dim(ctx, k + 1) * dim(ctx, k);
  return off;
}

/**
 * out ≥ in: prefix products Pr_l = W_l⋯W_0 [d_{l+1} × d_0], δ = M·Σxx − Σyx, then from the top
 * ∂W_l = δ_l·Pr_{l−1}ᵀ and δ_{l−1} = W_lᵀ·δ_l (layers 0-based, W_l is [d_{l+1} × d_l]).
 */
function stepFromInputs(ctx: usize, n: i32, w: usize, sxx: usize, syx: usize, decay: v128, amp: v128, noisy: bool): void {
  const d0 = dim(ctx, 0);
  const sq = <usize>maxSq << 4;
  // Pr_0 = W_0 in place; Pr_l (l ≥ 1) at chain + (l − 1)·sq
  let prev = w;
  for (let l = 1; l < n; l++) {
    const pr = chain + <usize>(l - 1) * sq;
    const wl = w + (<usize>layerOffset(ctx, l) << 4);
    matmul(pr, wl, dim(ctx, l), 1, prev, d0, 1, dim(ctx, l + 1), dim(ctx, l), d0);
    prev = pr;
  }
  let d = bufA;
  let spare = bufB;
  momentResidual(d, prev, sxx, syx, dim(ctx, n), d0);
  for (let l = n - 1; l >= 0; l--) {
    const rows = dim(ctx, l + 1);
    const cols = dim(ctx, l);
    const off = layerOffset(ctx, l);
    const wl = w + (<usize>off << 4);
    let grad = d;
    if (l > 0) {
      const pr = l == 1 ? w : chain + <usize>(l - 2) * sq;
      grad = gradBuf;
      matmul(grad, d, d0, 1, pr, 1, d0, rows, d0, cols);
      matmul(spare, wl, 1, cols, d, d0, 1, cols, rows, d0);
      const t = d;
      d = spare;
      spare = t;
    }
    update(wl, grad, noiseBuf + (<usize>off << 4), rows * cols, decay, amp, noisy);
  }
}

/**
 * out < in: suffix products S_l = W_{n−1}⋯W_{l+1} [d_n × d_{l+1}] (S_{n−1} = I), ρ_0 = M·Σxx − Σyx,
 * then from the bottom ∂W_l = S_lᵀ·ρ_l and ρ_{l+1} = ρ_l·W_lᵀ.
 */
function stepFromOutputs(ctx: usize, n: i32, w: usize, sxx: usize, syx: usize, decay: v128, amp: v128, noisy: bool): void {
  const dn = dim(ctx, n);
  const sq = <usize>maxSq << 4;
  // S_{n−2} = W_{n−1} in place; S_l (l ≤ n − 3) at chain + l·sq
  let next = w + (<usize>layerOffset(ctx, n - 1) << 4);
  for (let l = n - 3; l >= 0; l--) {
    const s = chain + <usize>l * sq;
    const wl1 = w + (<usize>layerOffset(ctx, l + 1) << 4);
    matmul(s, next, dim(ctx, l + 2), 1, wl1, dim(ctx, l + 1), 1, dn, dim(ctx, l + 2), dim(ctx, l + 1));
    next = s;
  }
  // M = S_0·W_0 (n ≥ 2) or W_0
  let mPtr = w;
  if (n >= 2) {
    mPtr = gradBuf;
    matmul(mPtr, next, dim(ctx, 1), 1, w, dim(ctx, 0), 1, dn, dim(ctx, 1), dim(ctx, 0));
  }
  let rho = bufA;
  let spare = bufB;
  momentResidual(rho, mPtr, sxx, syx, dn, dim(ctx, 0));
  let off = 0;
  for (let l = 0; l < n; l++) {
    const rows = dim(ctx, l + 1);
    const cols = dim(ctx, l);
    const wl = w + (<usize>off << 4);
    let grad = rho;
    if (l < n - 1) {
      const s = l == n - 2 ? w + (<usize>layerOffset(ctx, n - 1) << 4) : chain + <usize>l * sq;
      grad = gradBuf;
      matmul(grad, s, 1, rows, rho, cols, 1, rows, dn, cols);
      matmul(spare, rho, cols, 1, wl, 1, cols, dn, cols, rows);
      const t = rho;
      rho = spare;
      spare = t;
    }
    update(wl, grad, noiseBuf + (<usize>off << 4), rows * cols, decay, amp, noisy);
    off += rows * cols;
  }
}
