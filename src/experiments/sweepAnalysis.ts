/**
 * Reading measured sweeps and phase diagrams (docs/physics.md §2, §4): which features a replica
 * holds, where an up-sweep drops a feature, the phase of a γ from its two starts, the equal-loss
 * crossing (measured γ_c), the spinodal bracket (measured γ_sp), loop areas and the measured
 * thermodynamics.
 * One set of rules for the app and the CLI.
 */
import type { DepthDiagram } from './phaseDiagram';
import type { SweepPoint } from './sweep';

/** a replica's feature k counts as learned when |p_k| exceeds this fraction of η_k */
export const LEARNED_FRACTION = 0.02;

/** the replica holds a feature of strength η (|p| above the learned fraction of η) */
export function holdsFeature(overlap: number | undefined, eta: number, fraction = LEARNED_FRACTION): boolean {
  return Math.abs(overlap ?? 0) > fraction * eta;
}

/** number of learned features of one replica (its phase: 0 = trivial … K = full rank) */
export function learnedCount(overlaps: readonly number[], etas: readonly number[], fraction = LEARNED_FRACTION): number {
  return etas.reduce((count, eta, k) => count + (holdsFeature(overlaps[k], eta, fraction) ? 1 : 0), 0);
}

/** the first γ of an up-sweep at which feature k is no longer learned (its measured drop); null if never */
export function dropGamma(points: readonly SweepPoint[], feature: number, eta: number, fraction = LEARNED_FRACTION): number | null {
  const sorted = [...points].sort((a, b) => a.gamma - b.gamma);
  return sorted.find((p) => !holdsFeature(p.modeOverlaps[feature], eta, fraction))?.gamma ?? null;
}

/** (last γ where the learned start holds feature k, first γ after it where it does not]: the measured spinodal */
export function spinodalBracket(points: readonly SweepPoint[], feature: number, eta: number): [number, number] | null {
  const drop = dropGamma(points, feature, eta);
  if (drop === null) return null;
  const before = [...points].filter((p) => p.gamma < drop).sort((a, b) => b.gamma - a.gamma)[0];
  return before ? [before.gamma, drop] : null;
}

export type PhaseClass = 'trivial' | 'learned' | 'metastable';

/**
 * One γ of a single-feature diagram, from its two replicas: trivial if the learned start lost the
 * feature; learned if it kept it and is the lower-loss state; metastable if it kept it but the
 * trivial state has the lower loss (γ_c < γ < γ_sp). `slack` absorbs convergence noise.
 */
export function classifyPhase(learnedP: number, learnedLoss: number, trivialLoss: number, eta: number, slack = 1e-6): PhaseClass {
  if (!holdsFeature(learnedP, eta)) return 'trivial';
  return learnedLoss <= trivialLoss + slack ? 'learned' : 'metastable';
}

/** data loss plus penalty: the objective the two starts compete on */
export const totalLoss = (p: SweepPoint): number => p.trainLoss + p.penalty;

/**
 * The measured coexistence point of a single-feature diagram (D ≥ 2): where the learned start's total
 * loss rises above the trivial start's, linearly interpolated between the two grid points around the
 * sign change. Only γ where the learned start still holds the feature count. null if none.
 */
export function equalLossCrossing(diagram: DepthDiagram, eta: number): number | null {
  const d = (i: number) => totalLoss(diagram.learned[i]) - totalLoss(diagram.trivial[i]);
  for (let i = 1; i < diagram.learned.length; i++) {
    if (!holdsFeature(diagram.learned[i].modeOverlaps[0], eta)) return null;
    const a = d(i - 1);
    const b = d(i);
    if (a <= 0 && b > 0) {
      const g0 = diagram.learned[i - 1].gamma;
      const g1 = diagram.learned[i].gamma;
      return g0 + ((g1 - g0) * -a) / (b - a);
    }
  }
  return null;
}

/** ∫ |p_a(γ) − p_b(γ)| dγ over a shared grid (trapezoid): the hysteresis loop's area for one feature. */
export function loopArea(a: SweepPoint[], b: SweepPoint[], feature = 0): number {
  const byGamma = new Map(b.map((p) => [p.gamma, Math.abs(p.modeOverlaps[feature])]));
  const shared = a.filter((p) => byGamma.has(p.gamma)).sort((x, y) => x.gamma - y.gamma);
  let area = 0;
  for (let i = 1; i < shared.length; i++) {
    const gap = (p: SweepPoint) => Math.abs(Math.abs(p.modeOverlaps[feature]) - (byGamma.get(p.gamma) as number));
    area += 0.5 * (gap(shared[i]) + gap(shared[i - 1])) * (shared[i].gamma - shared[i - 1].gamma);
  }
  return area;
}

export interface ThermoPoint {
  gamma: number;
  /** L*(γ): the lower total loss (data + γ‖θ‖²) of the two branches */
  loss: number;
  /** ∂L* / ∂γ measured as ‖θ‖² of that state (envelope theorem) */
  first: number;
  /** ∂²L* / ∂γ² by central differences of `first` (null at the ends) */
  second: number | null;
}

/** The measured thermodynamics of a diagram: the global minimum among the branches at each γ. */
export function measuredThermodynamics(diagram: DepthDiagram): ThermoPoint[] {
  const best = diagram.learned.map((p, i) => {
    const q = diagram.trivial[i];
    return totalLoss(p) <= totalLoss(q) ? p : q;
  });
  return best.map((p, i) => {
    const prev = best[i - 1];
    const next = best[i + 1];
    return {
      gamma: p.gamma,
      loss: totalLoss(p),
      first: p.normSq,
      second: prev && next ? (next.normSq - prev.normSq) / (next.gamma - prev.gamma) : null,
    };
  });
}

export interface ThermoRow {
  gamma: number;
  /** L⋆ relative to the trivial state */
  value: number;
  /** ∂L⋆/∂γ = ‖θ‖² */
  first: number;
  /** ∂²L⋆/∂γ² */
  second: number | null;
}

/**
 * Measured: at each γ the lower-loss replica of the two starts; L relative to the trivial state,
 * ‖θ‖² as ∂L⋆/∂γ (envelope theorem), ∂²L⋆/∂γ² by central differences of ‖θ‖².
 */
export function measuredThermo(diagram: DepthDiagram, trivialLoss: number): ThermoRow[] {
  return measuredThermodynamics(diagram).map(({ gamma, loss, first, second }) => ({ gamma, value: loss - trivialLoss, first, second }));
}
