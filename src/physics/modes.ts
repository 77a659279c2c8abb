/** Per-feature theory summaries and the multi-feature cascade (docs/physics.md §2–§3). */
import { branchAt, type ModePhase } from './branches';
import { layerCount } from './reducedLoss';
import { barrierFromOrigin, criticalGamma, normSqJump, pAtSpinodal, pJump, spinodalGamma } from './thresholds';
import { checkGamma, strengthAt } from './validate';

export type { ModePhase } from './branches';

export interface ModeTheory {
  eta: number;
  /** input strength a (1 when whitened) */
  strength: number;
  gammaC: number | null;
  gammaSpinodal: number | null;
  pJump: number;
  normSqJump: number;
  pSpinodal: number | null;
  /** barrier out of the origin at γ_c (D ≥ 2), null otherwise */
  barrierAtGammaC: number | null;
}

export interface TheoryTable {
  depth: number;
  modes: ModeTheory[];
}

export function modeTheory(depth: number, eta: number, a = 1): ModeTheory {
  const gammaC = criticalGamma(depth, eta, a);
  const firstOrder = layerCount(depth) >= 3;
  return {
    eta,
    strength: a,
    gammaC,
    gammaSpinodal: spinodalGamma(depth, eta, a),
    pJump: pJump(depth, eta, a),
    normSqJump: normSqJump(depth, eta, a),
    pSpinodal: pAtSpinodal(depth, eta, a),
    barrierAtGammaC: firstOrder && gammaC !== null ? barrierFromOrigin(depth, eta, gammaC, a) : null,
  };
}

export function theoryTable(depth: number, spectrum: readonly number[], strengths?: readonly number[]): TheoryTable {
  return { depth, modes: spectrum.map((eta, k) => modeTheory(depth, eta, strengthAt(strengths, k))) };
}

export interface CascadeMode {
  eta: number;
  strength: number;
  globalMinimum: number;
  learned: number | null;
  saddle: number | null;
  gammaC: number | null;
  gammaSpinodal: number | null;
  phase: ModePhase;
  /** the origin is a local minimum: D ≥ 2 with γ > 0, D = 1 with γ ≥ η, D = 0 only for η = 0 */
  originStable: boolean;
  /** a learned local minimum with p > 0 exists (marginal exactly at γ_sp) */
  learnedStable: boolean;
  /** number of stable states of this mode, (0 or 1) + (0 or 1), not counting the sign ±p */
  stableStates: number;
}

export interface Cascade {
  depth: number;
  gamma: number;
  modes: CascadeMode[];
  /** number of modes learned in the global minimum */
  rank: number;
  /** number of coexisting (meta)stable states: the product of the modes' stableStates */
  countStableStates: number;
}

export function cascadeMode(depth: number, eta: number, gamma: number, a = 1): CascadeMode {
  checkGamma(gamma);
  const { globalMinimum, learned, saddle, originStable, phase } = branchAt(depth, eta, gamma, a);
  const learnedStable = learned !== null;
  return {
    eta,
    strength: a,
    globalMinimum,
    learned,
    saddle,
    gammaC: criticalGamma(depth, eta, a),
    gammaSpinodal: spinodalGamma(depth, eta, a),
    phase,
    originStable,
    learnedStable,
    stableStates: (originStable ? 1 : 0) + (learnedStable ? 1 : 0),
  };
}

export function cascade(depth: number, spectrum: readonly number[], gamma: number, strengths?: readonly number[]): Cascade {
  const modes = spectrum.map((eta, k) => cascadeMode(depth, eta, gamma, strengthAt(strengths, k)));
  return {
    depth,
    gamma,
    modes,
    rank: modes.filter((m) => m.globalMinimum > 0).length,
    countStableStates: modes.reduce((count, m) => count * m.stableStates, 1),
  };
}
