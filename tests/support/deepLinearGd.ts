/**
 * Float64 full-batch gradient descent of a deep linear net on sample moments, written with plain loops
 * (an independent reference for the exact sample theory, src/physics/sampleTheory.ts and
 * sampleOverlay.ts): L = tr(MΣxxMᵀ) − 2tr(MΣyxᵀ) + γ Σ‖W_l‖² (the sample loss up to tr Σyy).
 */
import { singularValues } from '../../src/linalg';
import { uniformSource } from '../../src/data/random';
import type { SampleMoments } from '../../src/physics/sampleTheory';

/** y = A x for row-major A [r × c] and B [c × k] */
function mul(A: Float64Array, B: Float64Array, r: number, c: number, k: number): Float64Array {
  const out = new Float64Array(r * k);
  for (let i = 0; i < r; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < c; t++) s += A[i * c + t] * B[t * k + j];
      out[i * k + j] = s;
    }
  return out;
}
function tr(A: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = A[i * c + j];
  return out;
}

/**
 * Full-batch float64 gradient descent on L = tr(MΣxxMᵀ) − 2tr(MΣyxᵀ) + γ Σ‖W_l‖² (the sample loss up to
 * tr Σyy), layers W_1 [h × in], …, W_n [out × h], from a Gaussian init of scale `init`.
 */
export function deepGd(m: SampleMoments, depth: number, width: number, gamma: number, seed: number, steps = 200_000, lr = 0.02, init = 0.5) {
  const n = depth + 1;
  const dims = [m.inputDim, ...Array(depth).fill(width), m.outputDim];
  const u = uniformSource(seed);
  const W = Array.from({ length: n }, (_, l) => Float64Array.from({ length: dims[l + 1] * dims[l] }, () => init * (2 * u() - 1)));
  const sxx = Float64Array.from(m.sxx);
  const syx = Float64Array.from(m.syx);
  const prefix = (upTo: number) => {
    // W_upTo ⋯ W_1 [dims[upTo] × in]
    let P: Float64Array = new Float64Array(m.inputDim * m.inputDim);
    for (let i = 0; i < m.inputDim; i++) P[i * m.inputDim + i] = 1;
    for (let l = 0; l < upTo; l++) P = mul(W[l], P, dims[l + 1], dims[l], m.inputDim);
    return P;
  };
  let gradMax = Infinity;
  for (let step = 0; step < steps && gradMax > 1e-13; step++) {
    const M = prefix(n);
    const G = mul(M, sxx, m.outputDim, m.inputDim, m.inputDim);
    for (let i = 0; i < G.length; i++) G[i] = 2 * (G[i] - syx[i]);
    gradMax = 0;
    const grads: Float64Array[] = [];
    for (let l = 0; l < n; l++) {
      // ∂/∂W_l = (W_n⋯W_{l+2})ᵀ G (W_l⋯W_1)ᵀ evaluated at the right ends: suffixᵀ G prefixᵀ
      let S: Float64Array = new Float64Array(m.outputDim * m.outputDim);
      for (let i = 0; i < m.outputDim; i++) S[i * m.outputDim + i] = 1;
      let rows = m.outputDim;
      for (let k = n - 1; k > l; k--) {
        S = mul(S, W[k], m.outputDim, rows, dims[k]);
        rows = dims[k];
      }
      const P = prefix(l);
      const g = mul(
        mul(tr(S, m.outputDim, dims[l + 1]), G, dims[l + 1], m.outputDim, m.inputDim),
        tr(P, dims[l], m.inputDim),
        dims[l + 1],
        m.inputDim,
        dims[l],
      );
      for (let i = 0; i < g.length; i++) {
        g[i] += 2 * gamma * W[l][i];
        gradMax = Math.max(gradMax, Math.abs(g[i]));
      }
      grads.push(g);
    }
    for (let l = 0; l < n; l++) for (let i = 0; i < W[l].length; i++) W[l][i] -= lr * grads[l][i];
  }
  const M = prefix(n);
  let penalty = 0;
  for (const w of W) for (const v of w) penalty += v * v;
  const MS = mul(M, sxx, m.outputDim, m.inputDim, m.inputDim);
  let f = 0;
  for (let i = 0; i < M.length; i++) f += MS[i] * M[i] - 2 * M[i] * syx[i];
  return { sigma: singularValues(M, m.outputDim, m.inputDim), objective: f + gamma * penalty, gradMax, map: M };
}
