/**
 * The exact theory the Phase-diagrams charts draw, on their γ grids, from the empirical modes of the
 * training set: p(γ) branches as drawable curves, L⋆ and its derivatives, rank bands and counts of
 * stable states. The branches themselves come from physics/branches.ts.
 */
import type { EmpiricalModes } from '../../data';
import type { ThermoRow } from '../../experiments/sweepAnalysis';
import { branchCurves, cascade, criticalGamma, spectrumOptimalLoss } from '../../physics';

type Curve = Array<[number, number | null]>;

export interface TheoryBranches {
  /** the global minimum p⋆(γ) (solid) */
  global: Curve;
  /** the learned minimum where it is only metastable (γ_c ≤ γ ≤ γ_sp; dashed) */
  metastable: Curve;
  /** the saddle between origin and learned minimum (dotted) */
  saddle: Curve;
}

/** the exact branches on a γ grid; the global minimum is drawn with a vertical segment at a jump */
export function theoryBranches(depth: number, eta: number, a: number, gammas: readonly number[]): TheoryBranches {
  const gammaC = depth >= 2 ? criticalGamma(depth, eta, a) : null;
  const global: Curve = [];
  let previous: number | null = null;
  const rows = branchCurves(depth, eta, gammas, a);
  for (const row of rows) {
    if (gammaC !== null && previous !== null && previous > 0 && row.globalMinimum === 0) global.push([gammaC, previous], [gammaC, 0]);
    global.push([row.gamma, row.globalMinimum]);
    previous = row.globalMinimum;
  }
  return { global, metastable: rows.map((r) => [r.gamma, r.metastable]), saddle: rows.map((r) => [r.gamma, r.saddle]) };
}

/** exact L⋆ and derivatives for the empirical modes on a γ grid */
export function theoryThermo(depth: number, modes: EmpiricalModes, gammas: readonly number[]): ThermoRow[] {
  return gammas.map((gamma) => ({ gamma, ...spectrumOptimalLoss(depth, modes.etas, gamma, modes.strengths) }));
}

/**
 * One exact quantity as a drawable curve, broken (a null point) wherever the global minimum's rank
 * changes: a jump must not be drawn as a steep continuous line.
 */
export function thermoCurve(depth: number, modes: EmpiricalModes, gammas: readonly number[], key: 'value' | 'first' | 'second'): Curve {
  const out: Curve = [];
  let lastRank: number | null = null;
  for (const gamma of gammas) {
    const rank = cascade(depth, modes.etas, gamma, modes.strengths).rank;
    if (lastRank !== null && rank !== lastRank && key !== 'value') out.push([gamma, null]);
    lastRank = rank;
    out.push([gamma, spectrumOptimalLoss(depth, modes.etas, gamma, modes.strengths)[key]]);
  }
  return out;
}

export interface RankBand {
  from: number;
  to: number;
  /** number of features learned in the global minimum */
  rank: number;
}

/** intervals of constant global-minimum rank over the grid (the cascade's rank phases) */
export function rankBands(depth: number, modes: EmpiricalModes, gammas: readonly number[]): RankBand[] {
  const bands: RankBand[] = [];
  for (const gamma of gammas) {
    const rank = cascade(depth, modes.etas, gamma, modes.strengths).rank;
    const last = bands[bands.length - 1];
    if (last && last.rank === rank) last.to = gamma;
    else {
      if (last) last.to = gamma;
      bands.push({ from: gamma, to: gamma, rank });
    }
  }
  return bands;
}

/** number of coexisting (meta)stable states at each γ (physics cascade().countStableStates) */
export function stableStateCounts(depth: number, modes: EmpiricalModes, gammas: readonly number[]): Array<[number, number]> {
  return gammas.map((gamma) => [gamma, cascade(depth, modes.etas, gamma, modes.strengths).countStableStates]);
}
