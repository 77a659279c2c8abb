/**
 * Transition points, jumps and barriers of one mode (docs/physics.md §2), for input strength a.
 * Closed forms are the whitened η = a = 1 values rescaled as in scaling.ts (exact for any a).
 */
import { layerCount, modeNormSq, stationaryLoss } from './reducedLoss';
import { energyScale, gammaScale, pScale } from './scaling';
import { stationaryPoints } from './stationary';
import { checkGamma, checkMode } from './validate';

/** reduced (η = a = 1) coexistence point, n ≥ 3: (1/(n−1))·((n−2)/(n−1))^{(n−2)/n} */
function reducedCriticalGamma(n: number): number {
  return (1 / (n - 1)) * Math.pow((n - 2) / (n - 1), (n - 2) / n);
}

/** reduced spinodal, n ≥ 3: (n/(2(n−1)))·((n−2)/(2(n−1)))^{(n−2)/n} */
function reducedSpinodalGamma(n: number): number {
  return (n / (2 * (n - 1))) * Math.pow((n - 2) / (2 * (n - 1)), (n - 2) / n);
}

/**
 * γ_c. D = 0: null (no transition). D = 1: η, the continuous threshold, for any a.
 * D ≥ 2: the coexistence point where the learned minimum and the origin have equal loss.
 */
export function criticalGamma(depth: number, eta: number, a = 1): number | null {
  checkMode(depth, eta, a);
  const n = layerCount(depth);
  if (n === 1) return null;
  if (n === 2) return eta;
  return reducedCriticalGamma(n) * gammaScale(n, eta, a);
}

/** γ_sp where the learned minimum disappears in a saddle-node (D ≥ 2; null for D ≤ 1) */
export function spinodalGamma(depth: number, eta: number, a = 1): number | null {
  checkMode(depth, eta, a);
  const n = layerCount(depth);
  if (n <= 2) return null;
  return reducedSpinodalGamma(n) * gammaScale(n, eta, a);
}

/** learned p at γ_c: (n−2)η/((n−1)a) for D ≥ 2, 0 for D ≤ 1 (no jump) */
export function pJump(depth: number, eta: number, a = 1): number {
  checkMode(depth, eta, a);
  const n = layerCount(depth);
  if (n <= 2) return 0;
  return ((n - 2) / (n - 1)) * pScale(eta, a);
}

/** learned (= saddle) p at γ_sp: (n−2)η/(2(n−1)a) for D ≥ 2, null for D ≤ 1 */
export function pAtSpinodal(depth: number, eta: number, a = 1): number | null {
  checkMode(depth, eta, a);
  const n = layerCount(depth);
  if (n <= 2) return null;
  return ((n - 2) / (2 * (n - 1))) * pScale(eta, a);
}

/** jump of ‖θ‖² = dL⋆/dγ at γ_c (the "latent heat"): n·p_c^{2/n}; 0 for D ≤ 1 */
export function normSqJump(depth: number, eta: number, a = 1): number {
  return modeNormSq(depth, pJump(depth, eta, a));
}

/** ℓ(saddle) − ℓ(0): the barrier out of the trivial state; null where there is no saddle */
export function barrierFromOrigin(depth: number, eta: number, gamma: number, a = 1): number | null {
  const { saddle } = stationaryPoints(depth, eta, gamma, a);
  return saddle === null ? null : stationaryLoss(depth, eta, saddle, a);
}

/** ℓ(saddle) − ℓ(learned): the barrier out of the learned state; null where there is no saddle */
export function barrierFromLearned(depth: number, eta: number, gamma: number, a = 1): number | null {
  const { saddle, learned } = stationaryPoints(depth, eta, gamma, a);
  if (saddle === null || learned === null) return null;
  return stationaryLoss(depth, eta, saddle, a) - stationaryLoss(depth, eta, learned, a);
}

/**
 * Global minimum p⋆(γ) ≥ 0. D ≥ 2: the learned minimum for γ ≤ γ_c, else 0 — exactly at γ_c,
 * where both have equal loss, the learned one is returned (the limit from below).
 */
export function globalMinimum(depth: number, eta: number, gamma: number, a = 1): number {
  checkGamma(gamma);
  const gammaC = criticalGamma(depth, eta, a);
  if (gammaC !== null && layerCount(depth) >= 3 && gamma > gammaC) return 0;
  return stationaryPoints(depth, eta, gamma, a).learned ?? 0;
}

/**
 * Infinite-depth limits (docs/physics.md §2): n·γ_c → η²/a and γ_sp → η²/(4a). At any fixed γ > 0 a
 * deep enough net is trivial.
 */
export function deepLimit(eta: number, a = 1): { nTimesGammaC: number; gammaSpinodal: number } {
  checkMode(0, eta, a);
  return { nTimesGammaC: energyScale(eta, a), gammaSpinodal: energyScale(eta, a) / 4 };
}

/** kind of transition at this depth: none (ridge), second order (D = 1), first order (D ≥ 2) */
export function transitionKind(depth: number): 'none' | 'second-order' | 'first-order' {
  const n = layerCount(depth);
  return n === 1 ? 'none' : n === 2 ? 'second-order' : 'first-order';
}
