/**
 * Exact theory on a sample with arbitrary input covariance (docs/physics.md §2, non-whitened data).
 *
 * At every stationary point the layers are balanced and the loss is a function of the end-to-end map
 * M = U diag(σ) Vᵀ alone (relative to the trivial state, whose loss is tr Σyy):
 *   F(M) = tr(M Σxx Mᵀ) − 2 tr(M Σyxᵀ) + nγ Σ_k σ_k^{2/n},      n = D + 1.
 * Its stationarity condition is M Σxx + γ U diag(σ^{2/n−1}) Vᵀ = Σyx on the learned modes — all modes
 * jointly, with the couplings v_jᵀ Σxx v_k and the rotation of the learned directions that the
 * per-mode approximation (a_k = v_kᵀ Σxx v_k, ./stationary.ts) ignores.
 *
 * Branch of rank r ("the r strongest features learned"): F is minimised over maps of rank r, written
 * M = L Rᵀ (L: out×r, R: in×r), by BFGS in float64, warm-started along a γ grid (continuation) from
 * the reduced-rank least-squares map at γ → 0. A small term μ‖LᵀL − RᵀR‖² fixes the GL(r) gauge of
 * the factorisation without changing which M is reached. The branch ends where its r-th singular
 * value collapses (the learned minimum disappears: the spinodal for D ≥ 2, the continuous threshold
 * for D = 1); γ_c of feature r is where branches r and r − 1 have equal loss. D = 0 is ridge
 * regression in closed form.
 */
import { svd } from '../linalg';
import { layerCount } from './reducedLoss';

export interface SampleMoments {
  inputDim: number;
  outputDim: number;
  /** Σxx [in × in], row-major */
  sxx: ArrayLike<number>;
  /** Σyx [out × in], row-major */
  syx: ArrayLike<number>;
}

export interface BranchState {
  gamma: number;
  rank: number;
  /** the map's r largest singular values, descending */
  sigma: number[];
  /** F(M): loss relative to the trivial state */
  objective: number;
  /** ‖θ‖² of the balanced net: n Σ σ_k^{2/n} */
  normSq: number;
  /** M [out × in] */
  map: Float64Array;
  /** the factors the solver used (a warm start for the next γ) */
  factors: Float64Array;
}

export interface SampleModeTheory {
  /** 1-based feature index (the rank of the branch that learns it) */
  mode: number;
  /** equal loss of the branches with this feature on and off (null: D = 0, or not found) */
  gammaC: number | null;
  /** where the branch with this feature on ends (D = 1: equals γ_c) */
  gammaSpinodal: number | null;
  /** the feature's singular value on its branch at γ_c (D = 1: 0, continuous) */
  pJump: number | null;
  /** the feature's singular value at the end of its branch */
  pSpinodal: number | null;
  /** ‖θ‖² difference of the two branches at γ_c (the latent heat; D = 1: 0) */
  normSqJump: number | null;
}

export interface SampleTheory {
  depth: number;
  method: 'exact (joint stationarity on the sample)';
  modes: SampleModeTheory[];
}

const GAUGE = 0.25;

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** F and its gradient with respect to the factors x = [L; R] */

export function objective(
  m: SampleMoments,
  n: number,
  gamma: number,
  r: number,
  x: Float64Array,
  grad: Float64Array | null,
): { f: number; map: Float64Array; sigma: number[] } {
  const { inputDim: p, outputDim: q, sxx, syx } = m;
  const L = x.subarray(0, q * r);
  const R = x.subarray(q * r, (q + p) * r);
  const M = new Float64Array(q * p);
  for (let i = 0; i < q; i++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < r; k++) s += L[i * r + k] * R[j * r + k];
      M[i * p + j] = s;
    }
  // MΣxx
  const MS = new Float64Array(q * p);
  for (let i = 0; i < q; i++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += M[i * p + k] * sxx[k * p + j];
      MS[i * p + j] = s;
    }
  const dec = factorSvd(L, R, q, p, r);
  const sigma = dec.values;
  let f = dot(MS, M) - 2 * dot(M, syx);
  for (const s of sigma) f += n * gamma * Math.pow(Math.max(s, 0), 2 / n);
  // gauge: C = LᵀL − RᵀR (r × r)
  const C = new Float64Array(r * r);
  for (let a = 0; a < r; a++)
    for (let b = 0; b < r; b++) {
      let s = 0;
      for (let i = 0; i < q; i++) s += L[i * r + a] * L[i * r + b];
      for (let j = 0; j < p; j++) s -= R[j * r + a] * R[j * r + b];
      C[a * r + b] = s;
    }
  f += GAUGE * dot(C, C);
  if (grad) {
    const G = new Float64Array(q * p);
    for (let i = 0; i < q * p; i++) G[i] = 2 * (MS[i] - syx[i]);
    for (let k = 0; k < r; k++) {
      const s = sigma[k];
      if (!(s > 0)) continue;
      const w = 2 * gamma * Math.pow(s, 2 / n - 1);
      for (let i = 0; i < q; i++) for (let j = 0; j < p; j++) G[i * p + j] += w * dec.u[k * q + i] * dec.v[k * p + j];
    }
    for (let i = 0; i < q; i++)
      for (let a = 0; a < r; a++) {
        let s = 0;
        for (let j = 0; j < p; j++) s += G[i * p + j] * R[j * r + a];
        let g = 0;
        for (let b = 0; b < r; b++) g += L[i * r + b] * C[b * r + a];
        grad[i * r + a] = s + 4 * GAUGE * g;
      }
    for (let j = 0; j < p; j++)
      for (let a = 0; a < r; a++) {
        let s = 0;
        for (let i = 0; i < q; i++) s += G[i * p + j] * L[i * r + a];
        let g = 0;
        for (let b = 0; b < r; b++) g += R[j * r + b] * C[b * r + a];
        grad[q * r + j * r + a] = s - 4 * GAUGE * g;
      }
  }
  return { f, map: M, sigma };
}

/** thin QR by modified Gram–Schmidt: A [rows × r] = Q R, Q [rows × r], R [r × r] upper */
function thinQr(A: Float64Array, rows: number, r: number): { Q: Float64Array; R: Float64Array } {
  const Q = Float64Array.from(A);
  const R = new Float64Array(r * r);
  for (let k = 0; k < r; k++) {
    for (let j = 0; j < k; j++) {
      let d = 0;
      for (let i = 0; i < rows; i++) d += Q[i * r + j] * Q[i * r + k];
      R[j * r + k] = d;
      for (let i = 0; i < rows; i++) Q[i * r + k] -= d * Q[i * r + j];
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += Q[i * r + k] ** 2;
    norm = Math.sqrt(norm);
    R[k * r + k] = norm;
    if (norm > 0) for (let i = 0; i < rows; i++) Q[i * r + k] /= norm;
  }
  return { Q, R };
}

/**
 * SVD of M = L Rᵀ without forming it: L = Q_L R_L, R = Q_R R_R, and the r × r core R_L R_Rᵀ by
 * one-sided Jacobi. u, v as rows ([r × q], [r × p]), values descending.
 */
function factorSvd(L: Float64Array, R: Float64Array, q: number, p: number, r: number): { values: number[]; u: Float64Array; v: Float64Array } {
  const ql = thinQr(L, q, r);
  const qr = thinQr(R, p, r);
  // core K = R_L R_Rᵀ; one-sided Jacobi on its columns: K V = W with orthogonal columns
  const W = new Float64Array(r * r);
  for (let i = 0; i < r; i++)
    for (let j = 0; j < r; j++) {
      let s = 0;
      for (let k = 0; k < r; k++) s += ql.R[i * r + k] * qr.R[j * r + k];
      W[i * r + j] = s;
    }
  const V = new Float64Array(r * r);
  for (let i = 0; i < r; i++) V[i * r + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let a = 0; a < r - 1; a++)
      for (let b = a + 1; b < r; b++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < r; i++) {
          alpha += W[i * r + a] ** 2;
          beta += W[i * r + b] ** 2;
          gamma += W[i * r + a] * W[i * r + b];
        }
        if (Math.abs(gamma) <= 1e-300) continue;
        off = Math.max(off, Math.abs(gamma) / Math.sqrt(alpha * beta));
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const sn = c * t;
        for (let i = 0; i < r; i++) {
          const wa = W[i * r + a];
          const wb = W[i * r + b];
          W[i * r + a] = c * wa - sn * wb;
          W[i * r + b] = sn * wa + c * wb;
          const va = V[i * r + a];
          const vb = V[i * r + b];
          V[i * r + a] = c * va - sn * vb;
          V[i * r + b] = sn * va + c * vb;
        }
      }
    if (off < 1e-15) break;
  }
  const norms = Array.from({ length: r }, (_, j) => {
    let s = 0;
    for (let i = 0; i < r; i++) s += W[i * r + j] ** 2;
    return Math.sqrt(s);
  });
  const order = norms.map((_, j) => j).sort((a, b) => norms[b] - norms[a]);
  const u = new Float64Array(r * q);
  const v = new Float64Array(r * p);
  order.forEach((j, slot) => {
    const sj = norms[j];
    for (let i = 0; i < q; i++) {
      let s = 0;
      for (let k = 0; k < r; k++) s += ql.Q[i * r + k] * (sj > 0 ? W[k * r + j] / sj : 0);
      u[slot * q + i] = s;
    }
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let k = 0; k < r; k++) s += qr.Q[i * r + k] * V[k * r + j];
      v[slot * p + i] = s;
    }
  });
  return { values: order.map((j) => norms[j]), u, v };
}

/** BFGS with a backtracking line search; returns the final point */
function bfgs(
  fg: (x: Float64Array, g: Float64Array) => number,
  x0: Float64Array,
  tolerance: number,
  maxIter = 4000,
  abandon: (x: Float64Array) => boolean = () => false,
): { x: Float64Array; converged: boolean; abandoned?: boolean } {
  const d = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(d);
  let f = fg(x, g);
  let H = new Float64Array(d * d);
  for (let i = 0; i < d; i++) H[i * d + i] = 1;
  const gNew = new Float64Array(d);
  for (let iter = 0; iter < maxIter; iter++) {
    let gmax = 0;
    for (let i = 0; i < d; i++) gmax = Math.max(gmax, Math.abs(g[i]));
    if (!Number.isFinite(f)) return { x, converged: false };
    if (gmax < tolerance) return { x, converged: true };
    if (iter % 10 === 9 && abandon(x)) return { x, converged: false, abandoned: true };
    const dir = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s -= H[i * d + j] * g[j];
      dir[i] = s;
    }
    let slope = dot(dir, g);
    if (!(slope < 0)) {
      // lost descent: restart from steepest descent
      H = new Float64Array(d * d);
      for (let i = 0; i < d; i++) {
        H[i * d + i] = 1;
        dir[i] = -g[i];
      }
      slope = dot(dir, g);
    }
    let t = 1;
    const xNew = new Float64Array(d);
    let fNew = Infinity;
    for (let ls = 0; ls < 60; ls++) {
      for (let i = 0; i < d; i++) xNew[i] = x[i] + t * dir[i];
      fNew = fg(xNew, gNew);
      if (fNew <= f + 1e-4 * t * slope) break;
      t *= 0.5;
    }
    if (!(fNew <= f)) return { x, converged: gmax < 1e3 * tolerance };
    const s = new Float64Array(d);
    const y = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-300) {
      if (iter === 0) {
        const scale = sy / dot(y, y);
        for (let i = 0; i < d * d; i++) H[i] *= scale;
      }
      const Hy = new Float64Array(d);
      for (let i = 0; i < d; i++) {
        let v = 0;
        for (let j = 0; j < d; j++) v += H[i * d + j] * y[j];
        Hy[i] = v;
      }
      const yHy = dot(y, Hy);
      const rho = 1 / sy;
      for (let i = 0; i < d; i++)
        for (let j = 0; j < d; j++) {
          H[i * d + j] += (1 + yHy * rho) * rho * s[i] * s[j] - rho * (Hy[i] * s[j] + s[i] * Hy[j]);
        }
    }
    x = Float64Array.from(xNew);
    g = Float64Array.from(gNew);
    f = fNew;
  }
  return { x, converged: false };
}

/**
 * Newton on the gradient (finite-difference Hessian of the analytic gradient, Levenberg damping for
 * the flat rotation gauge L → LO, R → RO). BFGS stalls there at ~1e-7; Newton finishes in a few steps.
 * Only used from a point BFGS has brought close, so it polishes the minimum BFGS was heading for.
 */
function newtonPolish(fg: (x: Float64Array, g: Float64Array) => number, start: Float64Array, tolerance: number): { x: Float64Array; converged: boolean } {
  const d = start.length;
  let x = Float64Array.from(start);
  const g = new Float64Array(d);
  fg(x, g);
  let gnorm = Math.sqrt(dot(g, g));
  if (!(Math.max(...g.map(Math.abs)) < 1e-4 * Math.max(1, tolerance * 1e11))) return { x, converged: false };
  let lambda = 1e-10;
  for (let iter = 0; iter < 60; iter++) {
    if (Math.max(...g.map(Math.abs)) < tolerance) return { x, converged: true };
    const H = hessianOfGradient(fg, x, (xj) => 1e-6 * Math.max(1, Math.abs(xj)));
    let scale = 0;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < i; j++) H[i * d + j] = H[j * d + i] = 0.5 * (H[i * d + j] + H[j * d + i]);
      scale = Math.max(scale, Math.abs(H[i * d + i]));
    }
    const damped = dampedStep(
      fg,
      { x, g, gnorm, lambda },
      H,
      g.map((v) => -v),
      scale,
      { tries: 12, minLambda: 1e-12 },
    );
    ({ x, gnorm, lambda } = damped);
    if (!damped.accepted) return { x, converged: Math.max(...g.map(Math.abs)) < 1e2 * tolerance };
  }
  return { x, converged: Math.max(...g.map(Math.abs)) < tolerance };
}

/** the Jacobian of the gradient by central differences, column j with step h(x_j) */
function hessianOfGradient(fg: (x: Float64Array, g: Float64Array) => number, x: Float64Array, h: (xj: number) => number): Float64Array {
  const d = x.length;
  const H = new Float64Array(d * d);
  const gp = new Float64Array(d);
  const gm = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const hj = h(x[j]);
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[j] += hj;
    xm[j] -= hj;
    fg(xp, gp);
    fg(xm, gm);
    for (let i = 0; i < d; i++) H[i * d + j] = (gp[i] - gm[i]) / (2 * hj);
  }
  return H;
}

/**
 * One Levenberg-damped step: solve (A + λ·s·I) step = b, accept it if it lowers ‖∇‖ (λ falls
 * tenfold, not below minLambda), else raise λ tenfold and retry. `state.g` is updated in place.
 */
function dampedStep(
  fg: (x: Float64Array, g: Float64Array) => number,
  state: { x: Float64Array<ArrayBuffer>; g: Float64Array; gnorm: number; lambda: number },
  A0: Float64Array,
  b: Float64Array,
  scale: number,
  limits: { tries: number; minLambda: number },
): { x: Float64Array<ArrayBuffer>; gnorm: number; lambda: number; accepted: boolean } {
  const d = state.x.length;
  let lambda = state.lambda;
  for (let tries = 0; tries < limits.tries; tries++) {
    const A = Float64Array.from(A0);
    for (let i = 0; i < d; i++) A[i * d + i] += lambda * (scale || 1);
    const step = solveLinear(A, b, d, 1);
    const xNew = state.x.map((v, i) => v + step[i]);
    const gNew = new Float64Array(d);
    fg(xNew, gNew);
    const nNew = Math.sqrt(dot(gNew, gNew));
    if (Number.isFinite(nNew) && nNew < state.gnorm) {
      state.g.set(gNew);
      return { x: xNew, gnorm: nNew, lambda: Math.max(limits.minLambda, lambda / 10), accepted: true };
    }
    lambda *= 10;
  }
  return { x: state.x, gnorm: state.gnorm, lambda, accepted: false };
}

function solveLinear(A: Float64Array, B: Float64Array, n: number, cols: number): Float64Array {
  // solve A X = B (A n×n symmetric positive definite-ish), Gaussian elimination with pivoting
  const a = Float64Array.from(A);
  const b = Float64Array.from(B);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]) > Math.abs(a[piv * n + c])) piv = r;
    if (piv !== c) {
      for (let j = 0; j < n; j++) [a[c * n + j], a[piv * n + j]] = [a[piv * n + j], a[c * n + j]];
      for (let j = 0; j < cols; j++) [b[c * cols + j], b[piv * cols + j]] = [b[piv * cols + j], b[c * cols + j]];
    }
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c] / a[c * n + c];
      for (let j = c; j < n; j++) a[r * n + j] -= f * a[c * n + j];
      for (let j = 0; j < cols; j++) b[r * cols + j] -= f * b[c * cols + j];
    }
  }
  for (let r = n - 1; r >= 0; r--)
    for (let j = 0; j < cols; j++) {
      let s = b[r * cols + j];
      for (let k = r + 1; k < n; k++) s -= a[r * n + k] * b[k * cols + j];
      b[r * cols + j] = s / a[r * n + r];
    }
  return b;
}

/** ridge (D = 0): M = Σyx (Σxx + γI)⁻¹ */
function ridgeMap(m: SampleMoments, gamma: number): Float64Array {
  const { inputDim: p, outputDim: q } = m;
  const A = new Float64Array(p * p);
  for (let i = 0; i < p * p; i++) A[i] = m.sxx[i];
  for (let i = 0; i < p; i++) A[i * p + i] += gamma;
  // M A = Σyx  ⇔  A Mᵀ = Σyxᵀ (A symmetric)
  const syxT = new Float64Array(p * q);
  for (let i = 0; i < q; i++) for (let j = 0; j < p; j++) syxT[j * q + i] = m.syx[i * p + j];
  const MT = solveLinear(A, syxT, p, q);
  const M = new Float64Array(q * p);
  for (let i = 0; i < q; i++) for (let j = 0; j < p; j++) M[i * p + j] = MT[j * q + i];
  return M;
}

/** the largest rank a branch can have: min(in, out) */
export function maxBranchRank(m: SampleMoments): number {
  return Math.min(m.inputDim, m.outputDim);
}

/** the rank-r reduced-rank least-squares map's factors: the γ → 0 start of branch r */
function startFactors(m: SampleMoments, r: number): Float64Array {
  const { inputDim: p, outputDim: q } = m;
  const ols = ridgeMap(m, 1e-12);
  // reduced-rank regression in the Σxx metric: top-r of (Σyx Σxx⁻¹) Σxx^{1/2} — the plain top-r of
  // the OLS map is a close enough warm start, the solver does the rest
  const dec = svd(ols, q, p);
  const x = new Float64Array((q + p) * r);
  for (let k = 0; k < r; k++) {
    const s = Math.sqrt(Math.max(dec.values[k], 1e-8));
    for (let i = 0; i < q; i++) x[i * r + k] = s * dec.u[k * q + i];
    for (let j = 0; j < p; j++) x[q * r + j * r + k] = s * dec.v[k * p + j];
  }
  return x;
}

function scaleOf(m: SampleMoments): number {
  let s = 0;
  for (let i = 0; i < m.syx.length; i++) s = Math.max(s, Math.abs(m.syx[i]));
  return s || 1;
}

/**
 * The rank-r branch at γ, from `start` (a state at a nearby γ on the same branch) or from the
 * γ → 0 map. null when the branch does not exist there (its r-th singular value collapses).
 */
export function solveSampleBranch(m: SampleMoments, depth: number, gamma: number, rank: number, start?: BranchState | null): BranchState | null {
  const n = layerCount(depth);
  if (rank < 1 || rank > maxBranchRank(m)) throw new RangeError(`rank must be in 1…${maxBranchRank(m)}`);
  if (n === 1) {
    const map = ridgeMap(m, gamma);
    const sigma = svd(map, m.outputDim, m.inputDim).values.slice(0, rank);
    const { f } = objectiveOfMap(m, n, gamma, map, sigma);
    return { gamma, rank, sigma, objective: f, normSq: sigma.reduce((s, v) => s + v * v, 0), map, factors: new Float64Array(0) };
  }
  const warm = start && start.rank === rank && start.factors.length > 0 ? start : null;
  const x0 = warm ? warm.factors : startFactors(m, rank);
  const tol = 1e-11 * scaleOf(m);
  const fg = (x: Float64Array, g: Float64Array) => objective(m, n, gamma, rank, x, g).f;
  // abandon early once the weakest learned value has clearly collapsed (past the branch's end)
  const floor = warm ? 0.2 * warm.sigma[rank - 1] : 0;
  const abandon = (x: Float64Array) =>
    factorSvd(x.subarray(0, m.outputDim * rank), x.subarray(m.outputDim * rank), m.outputDim, m.inputDim, rank).values[rank - 1] < floor;
  const coarse = bfgs(fg, x0, Math.max(tol, 1e-8 * scaleOf(m)), 400, abandon);
  if (coarse.abandoned) return null;
  const { x, converged } = coarse.converged && tol >= 1e-8 * scaleOf(m) ? coarse : newtonPolish(fg, coarse.x, tol);
  const { map, sigma } = objective(m, n, gamma, rank, x, null);
  // no rank-r stationary point here: the solver does not converge, or the weakest learned value
  // slides towards 0 (past the spinodal, D ≥ 2) or vanishes (past the threshold, D = 1)
  if (!converged || !(sigma[rank - 1] > 1e-7 * sigma[0])) return null;
  if (warm && sigma[rank - 1] < 0.2 * warm.sigma[rank - 1]) return null;
  const F = objectiveOfMap(m, n, gamma, map, sigma).f; // without the gauge term (0 at balanced factors)
  return { gamma, rank, sigma, objective: F, normSq: sigma.reduce((s, v) => s + n * Math.pow(v, 2 / n), 0), map, factors: x };
}

function objectiveOfMap(m: SampleMoments, n: number, gamma: number, M: Float64Array, sigma: number[]): { f: number } {
  const { inputDim: p, outputDim: q, sxx, syx } = m;
  let f = 0;
  for (let i = 0; i < q; i++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += M[i * p + k] * sxx[k * p + j];
      f += s * M[i * p + j] - 2 * M[i * p + j] * syx[i * p + j];
    }
  for (const s of sigma) f += n === 1 ? gamma * s * s : n * gamma * Math.pow(s, 2 / n);
  return { f };
}

/** the per-mode approximation's γ_sp of the strongest remaining feature: a safe upper end of the scan */
function scanTop(m: SampleMoments, depth: number): number {
  const dec = svd(m.syx, m.outputDim, m.inputDim);
  const eta = dec.values[0];
  // the end of any branch lies below η₁²·(max Σxx⁻¹ eigen)-ish: scan far enough, stop at the end
  let trace = 0;
  for (let i = 0; i < m.inputDim; i++) trace += m.sxx[i * m.inputDim + i];
  const a = trace / m.inputDim;
  return depth === 1 ? 4 * eta : 4 * eta * Math.max(1, eta / Math.max(a, 1e-12));
}

export interface BranchTrack {
  rank: number;
  states: BranchState[];
  /** last γ of the grid with the branch, and first without (null: not ended on the grid) */
  end: { lastOn: BranchState; firstOff: number } | null;
}

/** continue branch r upward in γ along `gammas` (ascending) until it ends */
export function trackBranch(m: SampleMoments, depth: number, rank: number, gammas: readonly number[]): BranchTrack {
  const states: BranchState[] = [];
  let prev: BranchState | null = null;
  for (const gamma of gammas) {
    const state = solveSampleBranch(m, depth, gamma, rank, prev);
    if (!state) return { rank, states, end: prev ? { lastOn: prev, firstOff: gamma } : null };
    states.push(state);
    prev = state;
  }
  return { rank, states, end: null };
}

/** bisect the end of a branch between lastOn.gamma (on) and firstOff (off) */
function refineEnd(m: SampleMoments, depth: number, lastOn: BranchState, firstOff: number): BranchState {
  let on = lastOn;
  let off = firstOff;
  for (let i = 0; i < 40 && off - on.gamma > 1e-9 * off; i++) {
    const mid = 0.5 * (on.gamma + off);
    const s = solveSampleBranch(m, depth, mid, on.rank, on);
    if (s) on = s;
    else off = mid;
  }
  return on;
}

/**
 * D = 1 (nuclear-norm penalty 2γ‖M‖_*): feature r switches on continuously where the rank-(r−1) state
 * stops being optimal, i.e. where the subgradient certificate W = (Σyx − MΣxx)/γ − UVᵀ restricted to the
 * complement of the learned directions reaches norm 1: σ_max(P_U⊥ (Σyx − M Σxx) P_V⊥) = γ. A smooth
 * scalar equation along branch r − 1 (M = 0 for r = 1: γ = η̂₁ exactly), bracketed on the grid and
 * bisected.
 */
function secondOrderThreshold(m: SampleMoments, r: number, lower: BranchTrack | null, gammas: readonly number[]): number | null {
  const { inputDim: p, outputDim: q } = m;
  const excess = (state: BranchState | null, gamma: number): number => {
    const res = new Float64Array(q * p);
    for (let i = 0; i < q; i++)
      for (let j = 0; j < p; j++) {
        let s = m.syx[i * p + j];
        if (state) for (let k = 0; k < p; k++) s -= state.map[i * p + k] * m.sxx[k * p + j];
        res[i * p + j] = s;
      }
    if (state) {
      const dec = svd(state.map, q, p);
      // project out the r − 1 learned left and right directions
      for (let k = 0; k < r - 1; k++) {
        const u = dec.u.subarray(k * q, (k + 1) * q);
        const v = dec.v.subarray(k * p, (k + 1) * p);
        for (let j = 0; j < p; j++) {
          let c = 0;
          for (let i = 0; i < q; i++) c += u[i] * res[i * p + j];
          for (let i = 0; i < q; i++) res[i * p + j] -= c * u[i];
        }
        for (let i = 0; i < q; i++) {
          let c = 0;
          for (let j = 0; j < p; j++) c += res[i * p + j] * v[j];
          for (let j = 0; j < p; j++) res[i * p + j] -= c * v[j];
        }
      }
    }
    return svd(res, q, p).values[0] - gamma;
  };
  if (!lower) return svd(m.syx, q, p).values[0];
  let prev: BranchState | null = null;
  for (const state of lower.states) {
    if (excess(state, state.gamma) <= 0) {
      if (!prev) return null;
      let lo = prev;
      let hi = state;
      for (let it = 0; it < 60 && hi.gamma - lo.gamma > 1e-13 * hi.gamma; it++) {
        const mid = solveSampleBranch(m, 1, 0.5 * (lo.gamma + hi.gamma), r - 1, lo);
        if (!mid) break;
        if (excess(mid, mid.gamma) > 0) lo = mid;
        else hi = mid;
      }
      return 0.5 * (lo.gamma + hi.gamma);
    }
    prev = state;
  }
  void gammas;
  return null;
}

/** the exact thresholds of every feature on the sample (D ≥ 1; D = 0 has none) */
export function sampleTheory(m: SampleMoments, depth: number, options: { gridPoints?: number; maxRank?: number } = {}): SampleTheory {
  const modes: SampleModeTheory[] = [];
  const rmax = Math.min(maxBranchRank(m), options.maxRank ?? Infinity);
  const etas = svd(m.syx, m.outputDim, m.inputDim).values;
  if (depth === 0) {
    for (let r = 1; r <= rmax; r++) modes.push({ mode: r, gammaC: null, gammaSpinodal: null, pJump: null, pSpinodal: null, normSqJump: null });
    return { depth, method: 'exact (joint stationarity on the sample)', modes };
  }
  const top = scanTop(m, depth);
  const count = options.gridPoints ?? 64;
  // geometric grid: thresholds of weak features sit orders of magnitude below the strongest one's
  const gammas = Array.from({ length: count }, (_, i) => top * Math.pow(1e-4, 1 - i / (count - 1)));
  const tracks: BranchTrack[] = [];
  for (let r = 1; r <= rmax; r++) {
    if (!(etas[r - 1] > 1e-12 * etas[0])) break;
    tracks.push(trackBranch(m, depth, r, gammas));
  }
  tracks.forEach((track, i) => {
    const r = i + 1;
    const ended = track.end ? refineEnd(m, depth, track.end.lastOn, track.end.firstOff) : null;
    const gammaSpinodal = ended?.gamma ?? null;
    const pSpinodal = ended?.sigma[r - 1] ?? null;
    if (depth === 1) {
      const threshold = secondOrderThreshold(m, r, i === 0 ? null : tracks[i - 1], gammas);
      modes.push({
        mode: r,
        gammaC: threshold,
        gammaSpinodal: threshold,
        pJump: threshold === null ? null : 0,
        pSpinodal: threshold === null ? null : 0,
        normSqJump: threshold === null ? null : 0,
      });
      return;
    }
    // γ_c: F_r(γ) = F_{r−1}(γ) (F_0 = 0), bracketed on the grid, then bisected with warm starts
    const lower = i === 0 ? null : tracks[i - 1];
    const lowerAt = (gamma: number, near: BranchState | undefined): BranchState | null =>
      lower ? solveSampleBranch(m, depth, gamma, r - 1, near ?? null) : null;
    const diff = (state: BranchState, other: BranchState | null) => state.objective - (other ? other.objective : 0);
    let bracket: { on: BranchState; lowOn: BranchState | null; hi: number; lowHi: BranchState | null } | null = null;
    const states = ended ? [...track.states, ended] : track.states;
    for (let j = 0; j + 1 < states.length; j++) {
      const a = states[j];
      const b = states[j + 1];
      const la = lower ? (lower.states.find((s) => s.gamma === a.gamma) ?? lowerAt(a.gamma, lower.states[lower.states.length - 1])) : null;
      const lb = lower ? (lower.states.find((s) => s.gamma === b.gamma) ?? lowerAt(b.gamma, la ?? undefined)) : null;
      if (lower && (!la || !lb)) break;
      if (diff(a, la) < 0 && diff(b, lb) >= 0) {
        bracket = { on: a, lowOn: la, hi: b.gamma, lowHi: lb };
        break;
      }
    }
    let gammaC: number | null = null;
    let pJump: number | null = null;
    let normSqJump: number | null = null;
    if (bracket) {
      let lo = bracket.on;
      let lowLo = bracket.lowOn;
      let hi = bracket.hi;
      for (let it = 0; it < 60 && hi - lo.gamma > 1e-12 * hi; it++) {
        const mid = 0.5 * (lo.gamma + hi);
        const s = solveSampleBranch(m, depth, mid, r, lo);
        const ls = lower ? solveSampleBranch(m, depth, mid, r - 1, lowLo) : null;
        if (!s || (lower && !ls)) {
          hi = mid;
          continue;
        }
        if (diff(s, ls) < 0) {
          lo = s;
          lowLo = ls;
        } else hi = mid;
      }
      gammaC = 0.5 * (lo.gamma + hi);
      pJump = lo.sigma[r - 1];
      normSqJump = lo.normSq - (lowLo ? lowLo.normSq : 0);
    }
    modes.push({ mode: r, gammaC, gammaSpinodal, pJump, pSpinodal, normSqJump });
  });
  return { depth, method: 'exact (joint stationarity on the sample)', modes };
}

export interface SampleBranchCurves {
  gammas: number[];
  /** per rank r: the r singular values on branch r at each γ (null where the branch is gone) */
  branches: { rank: number; sigma: (number[] | null)[]; objective: (number | null)[] }[];
}

/** every branch on a γ grid (ascending), for overlays */
export function sampleBranchCurves(m: SampleMoments, depth: number, gammas: readonly number[]): SampleBranchCurves {
  const sorted = [...gammas].sort((a, b) => a - b);
  const rmax = maxBranchRank(m);
  const branches = [];
  for (let r = 1; r <= rmax; r++) {
    const track = trackBranch(m, depth, r, sorted);
    branches.push({
      rank: r,
      sigma: sorted.map((g) => track.states.find((s) => s.gamma === g)?.sigma ?? null),
      objective: sorted.map((g) => track.states.find((s) => s.gamma === g)?.objective ?? null),
    });
  }
  return { gammas: sorted, branches };
}

/**
 * The saddle between branch r − 1 and branch r at γ (D ≥ 2): the rank-r stationary point whose r-th
 * singular value sits between 0 and the learned one. Found by Newton on the gradient (Levenberg
 * damping), which converges to any nearby stationary point, started from `start` (a saddle at a
 * nearby γ: continuation) or from the learned rank-r state with its r-th singular value shrunk to
 * `guess`. null when no such saddle is found (D < 2, past the branch end, or no convergence).
 */
export function solveSampleSaddle(
  m: SampleMoments,
  depth: number,
  gamma: number,
  rank: number,
  from: { start?: BranchState | null; learned?: BranchState | null; guess?: number },
): BranchState | null {
  const n = layerCount(depth);
  if (n < 3) return null;
  const { inputDim: p, outputDim: q } = m;
  let x0: Float64Array;
  if (from.start && from.start.rank === rank && from.start.factors.length > 0) x0 = from.start.factors;
  else {
    const learned = from.learned ?? solveSampleBranch(m, depth, gamma, rank);
    if (!learned || !(from.guess !== undefined && from.guess > 0)) return null;
    const dec = factorSvd(learned.factors.subarray(0, q * rank), learned.factors.subarray(q * rank), q, p, rank);
    x0 = new Float64Array((q + p) * rank);
    for (let k = 0; k < rank; k++) {
      const s = Math.sqrt(k === rank - 1 ? Math.min(from.guess, dec.values[k]) : dec.values[k]);
      for (let i = 0; i < q; i++) x0[i * rank + k] = s * dec.u[k * q + i];
      for (let j = 0; j < p; j++) x0[q * rank + j * rank + k] = s * dec.v[k * p + j];
    }
  }
  const fg = (x: Float64Array, g: Float64Array) => objective(m, n, gamma, rank, x, g).f;
  const tol = 1e-11 * scaleOf(m);
  const { x, converged } = newtonSolve(fg, x0, tol);
  if (!converged) return null;
  const { map, sigma } = objective(m, n, gamma, rank, x, null);
  if (!(sigma[rank - 1] > 1e-9 * sigma[0])) return null;
  const F = objectiveOfMap(m, n, gamma, map, sigma).f;
  return { gamma, rank, sigma, objective: F, normSq: sigma.reduce((s, v) => s + n * Math.pow(v, 2 / n), 0), map, factors: x };
}

/** Levenberg-damped Newton on the gradient from any start (no closeness precondition, unlike newtonPolish) */
function newtonSolve(fg: (x: Float64Array, g: Float64Array) => number, start: Float64Array, tolerance: number): { x: Float64Array; converged: boolean } {
  const d = start.length;
  let x = Float64Array.from(start);
  const g = new Float64Array(d);
  fg(x, g);
  let gnorm = Math.sqrt(dot(g, g));
  let lambda = 1e-6;
  for (let iter = 0; iter < 200; iter++) {
    if (Math.max(...g.map(Math.abs)) < tolerance) return { x, converged: true };
    const H = hessianOfGradient(fg, x, (xj) => 1e-7 * Math.max(1e-3, Math.abs(xj)));
    // Gauss–Newton on ‖g‖²: solve (HᵀH + λ·s·I) step = −Hᵀg, which descends ‖g‖ through saddles too
    const HtH = new Float64Array(d * d);
    const Htg = new Float64Array(d);
    let scale = 0;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += H[k * d + i] * H[k * d + j];
        HtH[i * d + j] = s;
      }
      let t = 0;
      for (let k = 0; k < d; k++) t += H[k * d + i] * g[k];
      Htg[i] = -t;
      scale = Math.max(scale, HtH[i * d + i]);
    }
    const damped = dampedStep(fg, { x, g, gnorm, lambda }, HtH, Htg, scale, { tries: 16, minLambda: 1e-15 });
    ({ x, gnorm, lambda } = damped);
    if (!damped.accepted) return { x, converged: Math.max(...g.map(Math.abs)) < 1e2 * tolerance };
  }
  return { x, converged: Math.max(...g.map(Math.abs)) < tolerance };
}
