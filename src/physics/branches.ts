/** Stationary branches p(γ) for bifurcation diagrams (docs/physics.md §8, figure 4). */
import { layerCount } from './reducedLoss';
import { gammaScale, pScale } from './scaling';
import { reducedSpinodalW, reducedStationaryGamma, stationaryPoints } from './stationary';
import { globalMinimum } from './thresholds';
import { checkGamma, checkMode } from './validate';

export interface BranchRow {
  gamma: number;
  globalMinimum: number;
  /** learned local minimum, null where none */
  learned: number | null;
  /** saddle between origin and learned minimum, null where none */
  saddle: number | null;
}

/** the branches evaluated at the given γ values (for plots with a γ axis) */
export function branchCurves(depth: number, eta: number, gammas: readonly number[], a = 1): BranchRow[] {
  return gammas.map((gamma) => {
    const { learned, saddle } = stationaryPoints(depth, eta, gamma, a);
    return { gamma, globalMinimum: globalMinimum(depth, eta, gamma, a), learned, saddle };
  });
}

export interface BranchPoint {
  gamma: number;
  p: number;
}

export interface StationaryBranches {
  /** stable learned branch, ordered by increasing γ */
  learned: BranchPoint[];
  /** unstable (saddle) branch, ordered by increasing γ; empty for D ≤ 1 */
  saddle: BranchPoint[];
  /** the origin is a stable minimum for γ above this (≥ for D = 1); null if never (D = 0, η > 0) */
  trivialStableAbove: number | null;
}

/**
 * The same branches sampled parametrically along the curve (smooth through the saddle-node fold,
 * which a γ grid would miss). D ≥ 2 samples the per-layer value w; D = 0 needs gammaMax.
 */
export function stationaryBranches(depth: number, eta: number, a = 1, samples = 200, gammaMax = 2 * a): StationaryBranches {
  checkMode(depth, eta, a);
  checkGamma(gammaMax);
  const n = layerCount(depth);
  const count = Math.max(2, Math.floor(samples));
  const line = (from: number, to: number, at: (t: number) => BranchPoint): BranchPoint[] =>
    Array.from({ length: count + 1 }, (_, i) => at(from + ((to - from) * i) / count));
  if (eta === 0) return { learned: [], saddle: [], trivialStableAbove: n === 1 ? null : 0 };
  if (n === 1) {
    return { learned: line(0, gammaMax, (g) => ({ gamma: g, p: eta / (a + g) })), saddle: [], trivialStableAbove: null };
  }
  if (n === 2) {
    return { learned: line(0, eta, (g) => ({ gamma: g, p: (eta - g) / a })), saddle: [], trivialStableAbove: eta };
  }
  const gScale = gammaScale(n, eta, a);
  const scale = pScale(eta, a);
  const wSp = reducedSpinodalW(n);
  const at = (w: number): BranchPoint => ({ gamma: gScale * reducedStationaryGamma(n, w), p: scale * Math.pow(w, n) });
  const saddle = line(0, wSp, at);
  const learned = line(1, wSp, at);
  return { learned, saddle, trivialStableAbove: 0 };
}
