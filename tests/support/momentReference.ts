/**
 * Float64 reference of one full-batch moment-path step of a deep linear net, written with plain
 * loops and products spelled out (suffix A_l and prefix B_l matrices), independent of any fused
 * kernel; the noise comes from philox.ts fillNormals, the one noise convention.
 *   L = (1/N)Σ‖y − Mx‖² + γΣ‖W_l‖², ∇M = 2(MΣxx − Σyx), ∇W_l = A_lᵀ ∇M B_{l−1}ᵀ
 *   W_l ← W_l − lr·(2γ·W_l + ∇W_l) + √(2·lr·T)·ξ
 * Used by the WGSL kernel test and the GPU benchmark's self-check.
 */
import type { Moments } from '../../src/data/types';
import { fillNormals } from '../../src/engine/noise/philox';
import type { Weights } from '../../src/engine/types';

/** C = A·B with A [n × m], B [m × p], row-major */
export function matmul(a: Float64Array, b: Float64Array, n: number, m: number, p: number): Float64Array {
  const c = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let t = 0; t < m; t++) for (let j = 0; j < p; j++) c[i * p + j] += a[i * m + t] * b[t * p + j];
  return c;
}
function transpose(a: Float64Array, n: number, m: number): Float64Array {
  const t = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) t[j * n + i] = a[i * m + j];
  return t;
}
function identity(n: number): Float64Array {
  const e = new Float64Array(n * n);
  for (let i = 0; i < n; i++) e[i * n + i] = 1;
  return e;
}

export interface RefReplica {
  weights: Float64Array[];
  gamma: number;
  temperature: number;
  frozen: boolean;
  key: readonly [number, number];
}

/** one step at absolute step index `step`; `sizes` = [in, hidden…, out] */
export function referenceStep(sizes: number[], moments: Moments, lr: number, rep: RefReplica, step: number, langevin: boolean): void {
  if (rep.frozen) return;
  const L = sizes.length - 1;
  const k = sizes[0];
  const out = sizes[L];
  const B: Float64Array[] = [identity(k)]; // B_l = W_l ⋯ W_1, [n_l × k]
  for (let l = 1; l <= L; l++) B.push(matmul(rep.weights[l - 1], B[l - 1], sizes[l], sizes[l - 1], k));
  const A: Float64Array[] = new Array(L + 1); // A_l = W_L ⋯ W_{l+1}, [out × n_l]
  A[L] = identity(out);
  for (let l = L; l >= 1; l--) A[l - 1] = matmul(A[l], rep.weights[l - 1], out, sizes[l], sizes[l - 1]);
  const msxx = matmul(B[L], moments.sxx, out, k, k);
  const g = msxx.map((v, i) => 2 * (v - moments.syx[i]));
  const next = rep.weights.map((w, idx) => {
    const l = idx + 1;
    const left = matmul(transpose(A[l], out, sizes[l]), g, sizes[l], out, k);
    const grad = matmul(left, transpose(B[l - 1], sizes[l - 1], k), sizes[l], k, sizes[l - 1]);
    return w.map((v, i) => v - lr * (2 * rep.gamma * v + grad[i]));
  });
  if (langevin && rep.temperature > 0) {
    const count = next.reduce((n, w) => n + w.length, 0);
    const noise = new Float64Array(count);
    fillNormals(rep.key, step, count, Math.sqrt(2 * lr * rep.temperature), noise);
    let o = 0;
    for (const w of next) for (let i = 0; i < w.length; i++) w[i] += noise[o++];
  }
  rep.weights = next;
}

/** max over entries of |a − b| / (1 + |b|) (Infinity if any entry is NaN) */
export function relativeError(a: Weights, b: Float64Array[]): number {
  let worst = 0;
  a.forEach((w, l) => w.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - b[l][i]) / (1 + Math.abs(b[l][i]))))));
  return Number.isNaN(worst) ? Infinity : worst;
}
