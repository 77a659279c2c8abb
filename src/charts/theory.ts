/**
 * The only place charts touch the exact theory (src/physics, physics.md §2). The physics functions
 * throw on invalid arguments (γ < 0, η < 0, a ≤ 0, NaN); a chart must never crash the page on a
 * transient bad prop, so these adapters clamp γ to ≥ 0 and return "nothing" for an invalid mode.
 *
 * Per-mode reduced loss, n = D + 1:  ℓ(p) = a p² − 2ηp + nγ|p|^{2/n}  (relative to the origin).
 */
import * as physics from '../physics';

export interface StationaryPoints {
  learned: number | null;
  saddle: number | null;
}

export interface BranchPoint {
  gamma: number;
  globalMinimum: number;
  learned: number | null;
  saddle: number | null;
}

const validMode = (depth: number, eta: number, a: number) =>
  Number.isInteger(depth) && depth >= 0 && Number.isFinite(eta) && eta >= 0 && Number.isFinite(a) && a > 0;
const validGamma = (gamma: number) => Number.isFinite(gamma);
const g0 = (gamma: number) => Math.max(0, gamma);

export function reducedLoss(p: number, gamma: number, depth: number, eta: number, a = 1): number {
  if (!validMode(depth, eta, a) || !validGamma(gamma) || !Number.isFinite(p)) return NaN;
  return physics.reducedLoss(p, g0(gamma), depth, eta, a);
}

export function stationaryPoints(depth: number, eta: number, gamma: number, a = 1): StationaryPoints {
  if (!validMode(depth, eta, a) || !validGamma(gamma)) return { learned: null, saddle: null };
  return physics.stationaryPoints(depth, eta, g0(gamma), a);
}

export function globalMinimum(depth: number, eta: number, gamma: number, a = 1): number {
  if (!validMode(depth, eta, a) || !validGamma(gamma)) return 0;
  return physics.globalMinimum(depth, eta, g0(gamma), a);
}

export function criticalGamma(depth: number, eta: number, a = 1): number | null {
  if (!validMode(depth, eta, a) || !(eta > 0)) return null;
  return physics.criticalGamma(depth, eta, a);
}

export function spinodalGamma(depth: number, eta: number, a = 1): number | null {
  if (!validMode(depth, eta, a) || !(eta > 0)) return null;
  return physics.spinodalGamma(depth, eta, a);
}

export function barrierFromOrigin(depth: number, eta: number, gamma: number, a = 1): number | null {
  if (!validMode(depth, eta, a) || !validGamma(gamma)) return null;
  return physics.barrierFromOrigin(depth, eta, g0(gamma), a);
}

export function barrierFromLearned(depth: number, eta: number, gamma: number, a = 1): number | null {
  if (!validMode(depth, eta, a) || !validGamma(gamma)) return null;
  return physics.barrierFromLearned(depth, eta, g0(gamma), a);
}

export function branchCurves(depth: number, eta: number, gammas: ArrayLike<number>, a = 1): BranchPoint[] {
  const list = Array.from(gammas).filter(validGamma).map(g0);
  if (!validMode(depth, eta, a)) return list.map((gamma) => ({ gamma, globalMinimum: 0, learned: null, saddle: null }));
  return physics.branchCurves(depth, eta, list, a);
}

/** γ at which p = wⁿ is stationary (w ≥ 0 the per-layer value): the exact branches, parametrised by w */
export function stationaryGammaOfW(depth: number, eta: number, w: number, a = 1): number {
  if (!validMode(depth, eta, a) || !Number.isFinite(w)) return NaN;
  return physics.stationaryGammaOfW(depth, eta, w, a);
}
