/**
 * WGSL source of the fused step kernel, generated per network shape (compiling WGSL at run time is
 * not eval: the app's CSP allows it). One thread = one replica; its weights live in scalar `var`s
 * for the whole dispatch (read once at the start, written once at the end) and the loop runs K
 * steps of the moment-path update (kernel.ts):
 *   G   = 2·lr·(M Σxx − Σyx),  M = W_L ⋯ W_1
 *   ∇W_l = E_l P_{l−1}ᵀ with P_l = W_l ⋯ W_1 (P_0 = I) and E_L = G, E_{l−1} = W_lᵀ E_l
 *   W_l ← W_l − (2·lr·γ·W_l + lr·∇W_l)  [+ √(2·lr·T)·ξ, Philox noise of ../../noise/philox.ts]
 * Layers are updated from the last to the first so every product uses the old weights. Where
 * outputDim < inputDim the same algebra runs on the transposed chain M' = Mᵀ = W_1ᵀ ⋯ W_Lᵀ
 * (layers W'_l = W_{L+1−l}ᵀ, G' = Gᵀ = 2·lr·(Σxx M' − Σyxᵀ)), so every product has
 * k = min(inputDim, outputDim) columns; the scalar weights keep their original names and layout.
 */
import { WORKGROUP_SIZE, type NetLayout } from './layout';

/** Philox4x32-10 and the normal transform of ../../noise/philox.ts, in WGSL (no 64-bit ints) */
export const PHILOX_WGSL = /* wgsl */ `
fn mulhi32(a: u32, b: u32) -> u32 {
  let aLo = a & 0xffffu;
  let aHi = a >> 16u;
  let bLo = b & 0xffffu;
  let bHi = b >> 16u;
  let lolo = aLo * bLo;
  let mid1 = aHi * bLo;
  let mid2 = aLo * bHi;
  let carry = ((lolo >> 16u) + (mid1 & 0xffffu) + (mid2 & 0xffffu)) >> 16u;
  return aHi * bHi + (mid1 >> 16u) + (mid2 >> 16u) + carry;
}

fn philox4x32_10(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var x = counter;
  var k = key;
  for (var round = 0u; round < 10u; round++) {
    let hi0 = mulhi32(0xd2511f53u, x.x);
    let lo0 = 0xd2511f53u * x.x;
    let hi1 = mulhi32(0xcd9e8d57u, x.z);
    let lo1 = 0xcd9e8d57u * x.z;
    x = vec4<u32>(hi1 ^ x.y ^ k.x, lo1, hi0 ^ x.w ^ k.y, lo0);
    k = k + vec2<u32>(0x9e3779b9u, 0xbb67ae85u);
  }
  return x;
}

// GPU log/sin/cos are only required to be accurate to ~2⁻²¹ / 2⁻¹¹ absolute (SwiftShader's cos is
// off by 2e-4): the transforms below use only +, ×, ÷, frexp and sqrt, so every device draws the
// same normals to float32 rounding.

// ln x for x > 0: x = f·2^e with f ∈ [√½, √2), ln f = 2·atanh(s), s = (f − 1)/(f + 1), |s| < 0.172
fn lnPositive(x: f32) -> f32 {
  let parts = frexp(x);
  var f = parts.fract;
  var e = f32(parts.exp);
  if (f < 0.70710678) {
    f = 2.0 * f;
    e = e - 1.0;
  }
  let s = (f - 1.0) / (f + 1.0);
  let s2 = s * s;
  let atanh = s * (1.0 + s2 * (0.333333333333 + s2 * (0.2 + s2 * (0.142857142857 + s2 * 0.111111111111))));
  return e * 0.693147180559945 + 2.0 * atanh;
}

// −2·ln(u1), u1 = (m + 0.5)·2⁻²⁴. Near u1 = 1, m + 0.5 rounds in float32 and ln u1 has no relative
// accuracy, so there −ln(1 − v) is summed as a series in v = 1 − u1 = (2²⁵ − 2m − 1)·2⁻²⁵, which
// is exact in float32 for m ≥ 15·2²⁰ (v < 1/16; truncation error < 1e-11).
fn neg2LogU1(m: u32) -> f32 {
  if (m >= 0xf00000u) {
    let v = f32(0x2000000u - 2u * m - 1u) * 2.98023223876953125e-8;
    let s = v * (1.0 + v * (0.5 + v * (0.333333333333 + v * (0.25 + v * (0.2 + v * (0.166666666667 + v * (0.142857142857 + v * 0.125)))))));
    return 2.0 * s;
  }
  return -2.0 * lnPositive((f32(m) + 0.5) * 5.9604644775390625e-8);
}

// (cos 2πt, sin 2πt) for t = n·2⁻²⁴ ∈ [0, 1): t = q/4 + f exactly with |f| ≤ 1/8, so the
// polynomials only see |θ| = 2π|f| ≤ π/4 (truncation < 2e-9), then a quarter-turn rotation.
fn cosSinTurns(n: u32) -> vec2<f32> {
  let q = (n + 0x200000u) >> 22u;
  let f = f32(i32(n) - i32(q << 22u)) * 5.9604644775390625e-8;
  let a = 6.283185307179586 * f;
  let a2 = a * a;
  let c = 1.0 + a2 * (-0.5 + a2 * (0.0416666666667 + a2 * (-0.00138888888889 + a2 * (2.48015873016e-5 - a2 * 2.7557319224e-7))));
  let s = a * (1.0 + a2 * (-0.166666666667 + a2 * (0.00833333333333 + a2 * (-1.98412698413e-4 + a2 * 2.7557319224e-6))));
  switch (q & 3u) {
    case 0u: { return vec2<f32>(c, s); }
    case 1u: { return vec2<f32>(-s, c); }
    case 2u: { return vec2<f32>(-c, -s); }
    default: { return vec2<f32>(s, -c); }
  }
}

// the four normals of Philox block (block, step): ξ[4·block + 0…3]
fn normals4(key: vec2<u32>, block: u32, step: u32) -> vec4<f32> {
  let x = philox4x32_10(vec4<u32>(block, step, 0u, 0u), key);
  let r0 = sqrt(neg2LogU1(x.x >> 8u));
  let r1 = sqrt(neg2LogU1(x.z >> 8u));
  let cs0 = cosSinTurns(x.y >> 8u);
  let cs1 = cosSinTurns(x.w >> 8u);
  return vec4<f32>(r0 * cs0.x, r0 * cs0.y, r1 * cs1.x, r1 * cs1.y);
}
`;

/** binding layout shared by the step shader and kernel.ts */
export const STEP_BINDINGS = {
  params: 0,
  weights: 1,
  replicas: 2,
  keys: 3,
  moments: 4,
} as const;

export interface StepShaderOptions {
  /** emit the Langevin noise pass (omitted for plain GD) */
  noise: boolean;
}

function sum(terms: string[]): string {
  return terms.length === 0 ? '0.0' : terms.join(' + ');
}

/** the straight-line body of one step for this shape */
function stepBody(layout: NetLayout, options: StepShaderOptions): string[] {
  const { layers, offsets, transposed } = layout;
  const original = layout.sizes;
  // the chain the algebra runs on: the net itself, or its transpose (reversed sizes)
  const sizes = transposed ? [...original].reverse() : original;
  const k = sizes[0];
  const out = sizes[layers];
  // W_l[i][j] of the chain, as the name of the original weight it is
  const w = (l: number, i: number, j: number) => {
    if (!transposed) return `w${offsets[l - 1] + i * original[l - 1] + j}`;
    const lo = layers + 1 - l; // W'_l = W_lo^T
    return `w${offsets[lo - 1] + j * original[lo - 1] + i}`;
  };
  // P_l[j][c] (n_l × k): W_1 itself for l = 1, named lets for l ≥ 2
  const p = (l: number, j: number, c: number) => (l === 1 ? w(1, j, c) : `p${l}_${j}_${c}`);
  const lines: string[] = [];

  for (let l = 2; l <= layers; l++) {
    for (let j = 0; j < sizes[l]; j++) {
      for (let c = 0; c < k; c++) {
        const terms: string[] = [];
        for (let t = 0; t < sizes[l - 1]; t++) terms.push(`${w(l, j, t)} * ${p(l - 1, t, c)}`);
        lines.push(`let p${l}_${j}_${c} = ${sum(terms)};`);
      }
    }
  }
  // E_L = G = 2·lr·(M Σxx − Σyx), or G' = 2·lr·(Σxx M' − Σyxᵀ) on the transposed chain
  for (let o = 0; o < out; o++) {
    for (let c = 0; c < k; c++) {
      const terms: string[] = [];
      if (!transposed) {
        for (let t = 0; t < k; t++) terms.push(`${p(layers, o, t)} * sx${t}_${c}`);
        lines.push(`let e${layers}_${o}_${c} = lr2 * (${sum(terms)} - sy${o}_${c});`);
      } else {
        for (let t = 0; t < out; t++) terms.push(`sx${o}_${t} * ${p(layers, t, c)}`);
        lines.push(`let e${layers}_${o}_${c} = lr2 * (${sum(terms)} - sy${c}_${o});`);
      }
    }
  }
  for (let l = layers; l >= 1; l--) {
    if (l >= 2) {
      for (let j = 0; j < sizes[l - 1]; j++) {
        for (let c = 0; c < k; c++) {
          const terms: string[] = [];
          for (let i = 0; i < sizes[l]; i++) terms.push(`${w(l, i, j)} * e${l}_${i}_${c}`);
          lines.push(`let e${l - 1}_${j}_${c} = ${sum(terms)};`);
        }
      }
    }
    for (let i = 0; i < sizes[l]; i++) {
      for (let j = 0; j < sizes[l - 1]; j++) {
        let grad: string;
        if (l === 1) grad = `e1_${i}_${j}`;
        else {
          const terms: string[] = [];
          for (let c = 0; c < k; c++) terms.push(`e${l}_${i}_${c} * ${p(l - 1, j, c)}`);
          grad = sum(terms);
        }
        const name = w(l, i, j);
        lines.push(`${name} = ${name} - (decay * ${name} + ${grad});`);
      }
    }
  }
  if (options.noise) {
    // one Philox loop (not P/4 inlined copies: the shader would take seconds to compile), its
    // normals staged in a small private array, then added to the named weights
    const blocks = Math.ceil(layout.parameters / 4);
    lines.push('if (amp != 0.0) {');
    lines.push(`  for (var b = 0u; b < ${blocks}u; b++) { noise[b] = amp * normals4(key, b, step); }`);
    const lanes = ['x', 'y', 'z', 'w'];
    for (let i = 0; i < layout.parameters; i++) lines.push(`  w${i} = w${i} + noise[${i >> 2}].${lanes[i & 3]};`);
    lines.push('}');
  }
  return lines;
}

/**
 * The compute shader for one network shape. Bindings (STEP_BINDINGS):
 *   params   uniform { lr: f32, firstStep: u32, steps: u32, replicas: u32 }
 *   weights  [R × P] f32, replica-major, each replica's flat parameter vector (layer 1 first)
 *   replicas [R] { decay = 2·lr·γ, amp = √(2·lr·T) (0: no noise), frozen (≠ 0: untouched), _ }
 *   keys     [R] Philox keys (langevinKey of the replica's noise seed)
 *   moments  Σxx [k × k] then Σyx [out × k], row-major
 */
export function stepShader(layout: NetLayout, options: StepShaderOptions): string {
  const { sizes, layers, parameters } = layout;
  const k = sizes[0];
  const out = sizes[layers];
  const load: string[] = [];
  for (let i = 0; i < parameters; i++) load.push(`  var w${i}: f32 = weights[base + ${i}u];`);
  for (let t = 0; t < k; t++) for (let c = 0; c < k; c++) load.push(`  let sx${t}_${c} = moments[${t * k + c}u];`);
  for (let o = 0; o < out; o++) for (let c = 0; c < k; c++) load.push(`  let sy${o}_${c} = moments[${k * k + o * k + c}u];`);
  const store: string[] = [];
  for (let i = 0; i < parameters; i++) store.push(`  weights[base + ${i}u] = w${i};`);
  const body = stepBody(layout, options).map((line) => `    ${line}`);
  return `// fused step kernel: net ${sizes.join('-')}, ${parameters} parameters, ${options.noise ? 'Langevin' : 'GD'}
struct Params { lr: f32, firstStep: u32, steps: u32, replicas: u32 }
struct Replica { decay: f32, amp: f32, frozen: u32, pad: u32 }
@group(0) @binding(${STEP_BINDINGS.params}) var<uniform> params: Params;
@group(0) @binding(${STEP_BINDINGS.weights}) var<storage, read_write> weights: array<f32>;
@group(0) @binding(${STEP_BINDINGS.replicas}) var<storage, read> replicas: array<Replica>;
@group(0) @binding(${STEP_BINDINGS.keys}) var<storage, read> keys: array<vec2<u32>>;
@group(0) @binding(${STEP_BINDINGS.moments}) var<storage, read> moments: array<f32>;
${options.noise ? PHILOX_WGSL : ''}
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let r = gid.x;
  if (r >= params.replicas) { return; }
  let rep = replicas[r];
  if (rep.frozen != 0u) { return; }
  let decay = rep.decay;
  let amp = rep.amp;
  let key = keys[r];
  let lr2 = 2.0 * params.lr;
  let base = r * ${parameters}u;
${options.noise ? `  var noise: array<vec4<f32>, ${Math.ceil(parameters / 4)}>;` : ''}
${load.join('\n')}
  for (var s = 0u; s < params.steps; s++) {
    let step = params.firstStep + s;
${body.join('\n')}
  }
${store.join('\n')}
}
`;
}

/**
 * A probe that writes ξ[i] for i < count at steps firstStep … firstStep + steps − 1 (row per step)
 * for one key: tests compare the WGSL noise with ../../noise/philox.ts fillNormals.
 * Bindings: 0 uniform { key: vec2<u32>, firstStep: u32, count: u32 }, 1 output f32 [steps × count].
 */
export function normalsProbeShader(): string {
  return `struct Probe { key: vec2<u32>, firstStep: u32, count: u32 }
@group(0) @binding(0) var<uniform> probe: Probe;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
${PHILOX_WGSL}
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let blocks = (probe.count + 3u) / 4u;
  let step = gid.x / blocks;
  let block = gid.x % blocks;
  if (step * probe.count >= arrayLength(&out)) { return; }
  let z = normals4(probe.key, block, probe.firstStep + step);
  for (var q = 0u; q < 4u; q++) {
    let i = 4u * block + q;
    if (i < probe.count) { out[step * probe.count + i] = z[q]; }
  }
}
`;
}
