/**
 * The branches of one mode's p(γ) (docs/physics.md §2, §4, §8): at each γ the learned minimum, the
 * saddle, whether the origin is stable, which state is the global minimum, and the phase that
 * follows. Every theory curve of p(γ) in the app derives from `branchAt` (on a γ grid) or
 * `stationaryBranches` (sampled along the curve).
 */
import { layerCount } from './reducedLoss';
import { gammaScale, pScale } from './scaling';
import { reducedSpinodalW, reducedStationaryGamma, stationaryPoints } from './stationary';
import { criticalGamma, globalMinimum } from './thresholds';
import { checkGamma, checkMode } from './validate';

/**
 * learned: the learned state is the global minimum;
 * metastable-learned: the origin is the global minimum but the learned minimum survives (γ_c < γ ≤ γ_sp, D ≥ 2);
 * trivial: no learned minimum exists.
 */
export type ModePhase = 'learned' | 'metastable-learned' | 'trivial';

export interface BranchRow {
  gamma: number;
  /** p⋆(γ); exactly at γ_c (D ≥ 2), where both states have equal loss, the learned one */
  globalMinimum: number;
  /** learned local minimum, null where none */
  learned: number | null;
  /** saddle between origin and learned minimum, null where none */
  saddle: number | null;
  /** the learned minimum from γ_c on (D ≥ 2), where it is no lower than the origin: the dashed branch; null elsewhere */
  metastable: number | null;
  /** the origin is a local minimum: D ≥ 2 with γ > 0, D = 1 with γ ≥ η, D = 0 only for η = 0 */
  originStable: boolean;
  phase: ModePhase;
}

function originIsStable(n: number, eta: number, gamma: number): boolean {
  if (n === 1) return eta === 0;
  if (n === 2) return gamma >= eta;
  return gamma > 0 || eta === 0;
}

/** every branch of the mode (depth, η, a) at one γ */
export function branchAt(depth: number, eta: number, gamma: number, a = 1): BranchRow {
  const { learned, saddle } = stationaryPoints(depth, eta, gamma, a);
  const n = layerCount(depth);
  const pStar = globalMinimum(depth, eta, gamma, a);
  const gammaC = n >= 3 ? criticalGamma(depth, eta, a) : null;
  return {
    gamma,
    globalMinimum: pStar,
    learned,
    saddle,
    metastable: gammaC !== null && gamma >= gammaC ? learned : null,
    originStable: originIsStable(n, eta, gamma),
    phase: pStar > 0 ? 'learned' : learned !== null ? 'metastable-learned' : 'trivial',
  };
}

/** the branches evaluated at the given γ values (for plots with a γ axis) */
export function branchCurves(depth: number, eta: number, gammas: readonly number[], a = 1): BranchRow[] {
  return gammas.map((gamma) => branchAt(depth, eta, gamma, a));
}

/**
 * The exact quasi-static loop area for one feature on a grid (docs/physics.md §4): ∫ learned p dγ by
 * trapezoids, the learned branch counting 0 past γ_sp; the down branch stays at 0 for D ≥ 2 and
 * D ≤ 1 has no loop.
 */
export function theoryLoopArea(depth: number, eta: number, a: number, gammas: readonly number[]): number {
  if (depth < 2) return 0;
  const p = branchCurves(depth, eta, gammas, a).map((row) => row.learned ?? 0);
  let area = 0;
  for (let i = 1; i < gammas.length; i++) area += 0.5 * (p[i] + p[i - 1]) * (gammas[i] - gammas[i - 1]);
  return area;
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
