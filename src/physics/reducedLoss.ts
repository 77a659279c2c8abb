/**
 * The one-mode reduced loss of docs/physics.md §2 and its parametrizations.
 *
 * Convention (docs/physics.md §1): L = (1/N) Σ ‖y − f(x)‖² + γ Σ_l ‖W_l‖_F², depth D = hidden layers,
 * n = D + 1 weight matrices. A mode of strength η (a singular value of Σyx) with input strength a
 * (= 1 for whitened inputs) and end-to-end value p contributes, relative to the trivial state p = 0,
 *
 *     ℓ(p) = a p² − 2ηp + nγ |p|^{2/n}.
 *
 * ℓ is symmetric under (p, η) → (−p, −η); everything here reports the branch p ≥ 0 with η ≥ 0.
 */
import { checkDepth } from './validate';

/** number of weight matrices n = D + 1 */
export function layerCount(depth: number): number {
  checkDepth(depth);
  return depth + 1;
}

/** ℓ(p) = a p² − 2ηp + nγ|p|^{2/n}, so that ℓ(0) = 0 */
export function reducedLoss(p: number, gamma: number, depth: number, eta: number, a = 1): number {
  const n = layerCount(depth);
  return a * p * p - 2 * eta * p + n * gamma * Math.pow(Math.abs(p), 2 / n);
}

/**
 * dℓ/dp = 2ap − 2η + 2γ·sign(p)|p|^{2/n − 1}. At p = 0 the right derivative is returned
 * (−2η for D = 0, 2γ − 2η for D = 1, +∞ for D ≥ 2 when γ > 0).
 */
export function reducedLossDerivative(p: number, gamma: number, depth: number, eta: number, a = 1): number {
  const n = layerCount(depth);
  const smooth = 2 * a * p - 2 * eta;
  if (gamma === 0) return smooth;
  if (p === 0) {
    if (n === 1) return smooth;
    if (n === 2) return smooth + 2 * gamma;
    return Infinity;
  }
  return smooth + 2 * gamma * Math.sign(p) * Math.pow(Math.abs(p), 2 / n - 1);
}

/** d²ℓ/dp² = 2a + 2γ(2/n − 1)|p|^{2/n − 2}, for p ≠ 0 */
export function reducedLossSecondDerivative(p: number, gamma: number, depth: number, _eta: number, a = 1): number {
  const n = layerCount(depth);
  if (gamma === 0 || n === 2) return 2 * a;
  return 2 * a + 2 * gamma * (2 / n - 1) * Math.pow(Math.abs(p), 2 / n - 2);
}

/** minimal Σ_l ‖W_l‖² of a mode with end-to-end value p (balanced layers): n|p|^{2/n} */
export function modeNormSq(depth: number, p: number): number {
  const n = layerCount(depth);
  return n * Math.pow(Math.abs(p), 2 / n);
}

/**
 * The γ at which p = wⁿ (w = per-layer singular value, w ≥ 0) is stationary:
 * ℓ'(p) = 0  ⇔  γ = (η − a p)·p^{1 − 2/n} = η·w^{n−2} − a·w^{2n−2}.
 */
export function stationaryGammaOfW(depth: number, eta: number, w: number, a = 1): number {
  const n = layerCount(depth);
  return eta * Math.pow(w, n - 2) - a * Math.pow(w, 2 * n - 2);
}

/**
 * ℓ at a stationary point p > 0, using the stationarity condition to remove γ:
 * ℓ = (n − 2)ηp − (n − 1)a p². Exact only where ℓ'(p) = 0.
 */
export function stationaryLoss(depth: number, eta: number, p: number, a = 1): number {
  const n = layerCount(depth);
  return (n - 2) * eta * p - (n - 1) * a * p * p;
}
