/**
 * Nonzero stationary points of ℓ(p) = a p² − 2ηp + nγ|p|^{2/n} for p > 0 (docs/physics.md §2).
 *
 * D ≥ 2: in reduced units (η = a = 1, see scaling.ts) and with p = wⁿ, ℓ'(p) = 0 reads
 * g(w) = w^{n−2} − w^{2n−2} = γ'. g rises from g(0) = 0 to its maximum at the spinodal
 * w_sp = ((n−2)/(2(n−1)))^{1/n} and falls back to g(1) = 0: the root below w_sp is the saddle
 * (a local maximum of ℓ), the root above it the learned local minimum. Each is bracketed and
 * bisected to machine precision (the w variable keeps the tiny saddle p ≈ γ'^{n/(n−2)} accurate).
 */
import { layerCount } from './reducedLoss';
import { gammaScale, pScale } from './scaling';
import { checkGamma, checkMode } from './validate';

export interface StationaryPoints {
  /** local minimum with p > 0, null where absent */
  learned: number | null;
  /** local maximum between the origin and the learned minimum, null where absent */
  saddle: number | null;
}

/** g(w) = w^{n−2} − w^{2n−2}: the reduced γ' at which p = wⁿ is stationary */
export function reducedStationaryGamma(n: number, w: number): number {
  return Math.pow(w, n - 2) - Math.pow(w, 2 * n - 2);
}

/** reduced per-layer value w at the spinodal (n ≥ 3) */
export function reducedSpinodalW(n: number): number {
  return Math.pow((n - 2) / (2 * (n - 1)), 1 / n);
}

/** bisection on [lo, hi] where `above(lo) !== above(hi)`, until the bracket cannot shrink */
function bisect(above: (x: number) => boolean, lo: number, hi: number): number {
  const aboveLo = above(lo);
  for (let i = 0; i < 1100; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (above(mid) === aboveLo) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** reduced stationary points q = wⁿ for reduced γ' (n ≥ 3) */
function reducedStationaryPoints(n: number, gammaReduced: number): StationaryPoints {
  if (gammaReduced === 0) return { learned: 1, saddle: null };
  const wSp = reducedSpinodalW(n);
  const gMax = reducedStationaryGamma(n, wSp);
  if (gammaReduced > gMax) return { learned: null, saddle: null };
  if (gammaReduced === gMax) {
    const qSp = Math.pow(wSp, n);
    return { learned: qSp, saddle: qSp };
  }
  const above = (w: number) => reducedStationaryGamma(n, w) > gammaReduced;
  const wSaddle = bisect(above, 0, wSp);
  const wLearned = bisect(above, wSp, 1);
  return { learned: Math.pow(wLearned, n), saddle: Math.pow(wSaddle, n) };
}

/**
 * Nonzero stationary points (p > 0). D = 0: learned = η/(a+γ). D = 1: learned = (η − γ)/a for
 * γ < η, else null. D ≥ 2: learned exists for γ ≤ γ_sp, saddle for 0 < γ ≤ γ_sp; exactly at the
 * spinodal both equal p_sp (the saddle-node). η = 0 has none.
 */
export function stationaryPoints(depth: number, eta: number, gamma: number, a = 1): StationaryPoints {
  checkMode(depth, eta, a);
  checkGamma(gamma);
  const n = layerCount(depth);
  if (eta === 0) return { learned: null, saddle: null };
  if (n === 1) return { learned: eta / (a + gamma), saddle: null };
  if (n === 2) return { learned: gamma < eta ? (eta - gamma) / a : null, saddle: null };
  const reduced = reducedStationaryPoints(n, gamma / gammaScale(n, eta, a));
  const scale = pScale(eta, a);
  return {
    learned: reduced.learned === null ? null : reduced.learned * scale,
    saddle: reduced.saddle === null ? null : reduced.saddle * scale,
  };
}
