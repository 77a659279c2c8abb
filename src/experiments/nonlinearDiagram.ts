/**
 * Does the first-order mechanism survive nonlinearity? (docs/physics.md §6, issue: the papers'
 * claims.) For tanh and relu nets there is no closed form for the learned branch, so the phase
 * diagram is measured: every γ of a grid from the learned start and from the trivial start (one
 * batch), and this module reads off what the linear theory would predict analytically:
 *   - drop: the first γ at which the learned start has lost the feature (|p| ≤ 0.02 η, the rule of
 *     experiments/sweepAnalysis.ts that the linear diagrams use too);
 *   - rise: the largest γ at which the trivial start has learned it (|p| > 0.02 η), if any;
 *   - jump: |p| of the learned start just below the drop (0 for a continuous transition);
 *   - window: the γ where the two starts end in different states — hysteresis.
 * The order parameter of a nonlinear net is its linear response on the data, u₁ᵀ M v₁ with
 * M = Cov(f(x), x)·Σxx⁻¹ (engine/types.ts Metrics.modeOverlaps).
 */
import type { DepthDiagram } from './phaseDiagram';
import { holdsFeature } from './sweepAnalysis';
/** a learned |p| above this just below the drop is a jump (first order), below it continuous */
export const JUMP = 0.1;

export interface NonlinearVerdict {
  depth: number;
  /** first γ where the learned start has lost the feature (null: learned on the whole grid) */
  drop: number | null;
  /** |p| of the learned start at the last γ before the drop */
  jump: number;
  /** largest γ where the trivial start holds the feature (null: the trivial start never learns) */
  rise: number | null;
  /** the grid γ on which the two starts end in different states (from, to inclusive) */
  window: { from: number; to: number } | null;
  kind: 'first order (jump, hysteresis window)' | 'continuous' | 'no transition on this grid';
}

/** `eta`: the feature's strength (the sample's η̂; 1 for the whitened unit feature) */
export function nonlinearVerdict(diagram: DepthDiagram, feature = 0, eta = 1): NonlinearVerdict {
  const p = (point: { modeOverlaps: number[] }) => Math.abs(point.modeOverlaps[feature] ?? 0);
  const holds = (point: { modeOverlaps: number[] }) => holdsFeature(point.modeOverlaps[feature], eta);
  const learned = diagram.learned;
  const dropIndex = learned.findIndex((point) => !holds(point));
  const drop = dropIndex >= 0 ? learned[dropIndex].gamma : null;
  const jump = dropIndex > 0 ? p(learned[dropIndex - 1]) : 0;
  let rise: number | null = null;
  for (const point of diagram.trivial) if (holds(point)) rise = point.gamma;
  // the γ at which the two starts end in different states (learned kept, trivial stays trivial)
  const split = learned.filter((point, i) => holds(point) && diagram.trivial[i] && !holds(diagram.trivial[i])).map((point) => point.gamma);
  const window = split.length > 0 ? { from: Math.min(...split), to: Math.max(...split) } : null;
  const kind = drop === null ? 'no transition on this grid' : jump > JUMP && window ? 'first order (jump, hysteresis window)' : 'continuous';
  return { depth: diagram.depth, drop, jump, rise, window, kind };
}
