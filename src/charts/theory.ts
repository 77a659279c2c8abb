/**
 * The only place charts touch the exact theory (src/physics, docs/physics.md §2). The physics functions
 * throw on invalid arguments (γ < 0, η < 0, a ≤ 0, NaN); a chart must never crash the page on a
 * transient bad prop, so these adapters clamp γ to ≥ 0 and return "nothing" for an invalid mode.
 *
 * Per-mode reduced loss, n = D + 1:  ℓ(p) = a p² − 2ηp + nγ|p|^{2/n}  (relative to the origin).
 */
import * as physics from '../physics';
import type { Activation } from '../physics';
import { subscript } from './palette';

export type { BranchPoint, BranchRow, StationaryBranches, StationaryPoints } from '../physics';
export { gammaGrid } from '../physics';

const validMode = (depth: number, eta: number, a: number) =>
  Number.isInteger(depth) && depth >= 0 && Number.isFinite(eta) && eta >= 0 && Number.isFinite(a) && a > 0;
const validGamma = (gamma: number) => Number.isFinite(gamma);
const g0 = (gamma: number) => Math.max(0, gamma);

export function reducedLoss(p: number, gamma: number, depth: number, eta: number, a = 1): number {
  if (!validMode(depth, eta, a) || !validGamma(gamma) || !Number.isFinite(p)) return NaN;
  return physics.reducedLoss(p, g0(gamma), depth, eta, a);
}

export function stationaryPoints(depth: number, eta: number, gamma: number, a = 1): physics.StationaryPoints {
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

export function branchCurves(depth: number, eta: number, gammas: ArrayLike<number>, a = 1): physics.BranchRow[] {
  const list = Array.from(gammas).filter(validGamma).map(g0);
  if (!validMode(depth, eta, a))
    return list.map((gamma) => ({ gamma, globalMinimum: 0, learned: null, saddle: null, metastable: null, originStable: true, phase: 'trivial' as const }));
  return physics.branchCurves(depth, eta, list, a);
}

/** the learned and saddle branches sampled along the curve (D ≥ 2: in the per-layer value w); empty for an invalid mode */
export function stationaryBranches(depth: number, eta: number, a = 1, samples = 200): physics.StationaryBranches {
  if (!validMode(depth, eta, a)) return { learned: [], saddle: [], trivialStableAbove: null };
  return physics.stationaryBranches(depth, eta, a, samples);
}

/** γ at which p = wⁿ is stationary (w ≥ 0 the per-layer value): the exact branches, parametrised by w */
export function stationaryGammaOfW(depth: number, eta: number, w: number, a = 1): number {
  if (!validMode(depth, eta, a) || !Number.isFinite(w)) return NaN;
  return physics.stationaryGammaOfW(depth, eta, w, a);
}

/**
 * Threshold marks for the current setup, from the dataset's EMPIRICAL singular values and input
 * strengths (docs/physics.md §2), for every trained depth — labelled for what they are: exact for a
 * linear net on whitened data, the per-mode approximation on non-whitened data, and only a linear
 * reference for tanh/relu nets (plus the tanh D = 1 local threshold κη_k, which does apply).
 */

export interface ThresholdMark {
  depth: number;
  feature: number;
  kind: 'critical' | 'spinodal' | 'local';
  gamma: number;
  label: string;
  /** what the number is: 'exact', 'approximation' (per-mode, non-whitened) or 'linear reference' */
  status: 'exact' | 'approximation' | 'linear reference';
  /** where an exact number comes from: the closed forms, the joint theory of this sample, or a threshold of the nonlinear net */
  source?: 'closed form' | 'sample' | 'tanh net' | 'relu net';
}

/** the exact thresholds of one trained depth on this sample (physics/sampleTheory.ts modes) */
export interface SampleThresholds {
  depth: number;
  modes: { gammaC: number | null; gammaSpinodal: number | null }[];
}

export interface TheoryContext {
  activation?: Activation;
  /** the training inputs are whitened exactly on the sample */
  whitened?: boolean;
  /** non-whitened linear data: the exact sample theory, once computed (it replaces the per-mode approximation) */
  sample?: SampleThresholds[] | null;
  /** relu net, D = 1: the local threshold max_û ‖E[y·relu(ûᵀx)]‖ on this sample, once computed */
  reluThreshold?: number | null;
}

export const LINEAR_REFERENCE_LABEL = 'linear theory, for reference';
export const APPROXIMATION_LABEL = 'theory (per-mode approximation)';
export const EXACT_SAMPLE_LABEL = 'exact theory (this sample)';

/** how the theory lines of the live charts must be labelled for this setup */
export function theoryLabel({ activation = 'linear', whitened = true, sample }: TheoryContext): string {
  if (activation !== 'linear') return LINEAR_REFERENCE_LABEL;
  if (whitened) return 'theory';
  return sample ? EXACT_SAMPLE_LABEL : APPROXIMATION_LABEL;
}

export function thresholdMarks(depths: number[], etas: number[], strengths: number[], maxFeatures = 3, context: TheoryContext = {}): ThresholdMark[] {
  const marks: ThresholdMark[] = [];
  const activation = context.activation ?? 'linear';
  const many = depths.length > 1;
  for (const depth of depths) {
    const exact = activation === 'linear' && context.whitened === false ? context.sample?.find((s) => s.depth === depth) : undefined;
    const status: ThresholdMark['status'] = activation !== 'linear' ? 'linear reference' : context.whitened === false && !exact ? 'approximation' : 'exact';
    const source: ThresholdMark['source'] = exact ? 'sample' : status === 'exact' ? 'closed form' : undefined;
    const tag = status === 'linear reference' ? ' (lin. ref.)' : status === 'approximation' ? '≈' : '';
    etas.slice(0, maxFeatures).forEach((eta, k) => {
      const a = strengths[k] ?? 1;
      if (!(eta > 1e-6) || !(a > 0)) return;
      const suffix = (etas.length > 1 ? subscript(k + 1) : '') + (many ? ` D=${depth}` : '');
      const gc = exact ? (exact.modes[k]?.gammaC ?? null) : criticalGamma(depth, eta, a);
      const replacedByLocal = activation === 'tanh' && depth === 1;
      const withSource = (mark: ThresholdMark): ThresholdMark => (source ? { ...mark, source } : mark);
      if (gc !== null && Number.isFinite(gc) && !replacedByLocal)
        marks.push(withSource({ depth, feature: k, kind: 'critical', gamma: gc, label: `γc${suffix}${tag}`, status }));
      const gs = exact ? (depth >= 2 ? (exact.modes[k]?.gammaSpinodal ?? null) : null) : spinodalGamma(depth, eta, a);
      if (gs !== null && Number.isFinite(gs)) marks.push(withSource({ depth, feature: k, kind: 'spinodal', gamma: gs, label: `γsp${suffix}${tag}`, status }));
      // tanh, D = 1: the origin's direction k goes unstable at κ·η_k, κ = tanh′(0) = 1 (exact for the net)
      if (activation === 'tanh' && depth === 1)
        marks.push({ depth, feature: k, kind: 'local', gamma: eta, label: `γloc${suffix} tanh net`, status: 'exact', source: 'tanh net' });
    });
    // relu, D = 1: one threshold, the sample's max_û ‖E[y·relu(ûᵀx)]‖ (computed in the theory worker)
    const relu = context.reluThreshold;
    if (activation === 'relu' && depth === 1 && relu !== null && relu !== undefined && Number.isFinite(relu) && relu > 0)
      marks.push({ depth, feature: 0, kind: 'local', gamma: relu, label: `γloc ReLU net${many ? ' D=1' : ''}`, status: 'exact', source: 'relu net' });
  }
  return marks;
}

/** the global minimum's p at γ on a feature's theory lines (linear interpolation; null outside them) */
export function globalPAt(branches: { global: { gamma: number; p: number }[][] }, gamma: number): number | null {
  for (const segment of branches.global) {
    if (segment.length < 2 || gamma < segment[0].gamma || gamma > segment[segment.length - 1].gamma) continue;
    for (let i = 1; i < segment.length; i++) {
      const a = segment[i - 1];
      const b = segment[i];
      if (gamma <= b.gamma) return b.gamma > a.gamma ? a.p + ((b.p - a.p) * (gamma - a.gamma)) / (b.gamma - a.gamma) : b.p;
    }
  }
  return null;
}
