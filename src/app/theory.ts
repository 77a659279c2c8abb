/**
 * Theory marks for the current setup, from the dataset's EMPIRICAL singular values and input
 * strengths (physics.md §2), for every trained depth — labelled for what they are: exact for a
 * linear net on whitened data, the per-mode approximation on non-whitened data, and only a linear
 * reference for tanh/relu nets (plus the tanh D = 1 local threshold κη_k, which does apply).
 */
import { criticalGamma, spinodalGamma, type Activation } from '../physics';

export interface ThresholdMark {
  depth: number;
  feature: number;
  kind: 'critical' | 'spinodal' | 'local';
  gamma: number;
  label: string;
  /** what the number is: 'exact', 'approximation' (per-mode, non-whitened) or 'linear reference' */
  status: 'exact' | 'approximation' | 'linear reference';
}

export interface TheoryContext {
  activation?: Activation;
  /** the training inputs are whitened exactly on the sample */
  whitened?: boolean;
}

export const LINEAR_REFERENCE_LABEL = 'linear theory, for reference';

/** how the theory lines of the live charts must be labelled for this setup */
export function theoryLabel({ activation = 'linear', whitened = true }: TheoryContext): string {
  if (activation !== 'linear') return LINEAR_REFERENCE_LABEL;
  return whitened ? 'theory' : 'theory (per-mode approximation)';
}

const SUB = '₀₁₂₃₄₅₆₇₈₉';
export const subscript = (k: number): string =>
  String(k)
    .split('')
    .map((d) => SUB[Number(d)])
    .join('');

export function thresholdMarks(depths: number[], etas: number[], strengths: number[], maxFeatures = 3, context: TheoryContext = {}): ThresholdMark[] {
  const marks: ThresholdMark[] = [];
  const activation = context.activation ?? 'linear';
  const status: ThresholdMark['status'] = activation !== 'linear' ? 'linear reference' : context.whitened === false ? 'approximation' : 'exact';
  const tag = status === 'linear reference' ? ' (lin. ref.)' : status === 'approximation' ? '≈' : '';
  const many = depths.length > 1;
  for (const depth of depths) {
    etas.slice(0, maxFeatures).forEach((eta, k) => {
      const a = strengths[k] ?? 1;
      if (!(eta > 1e-6) || !(a > 0)) return;
      const suffix = (etas.length > 1 ? subscript(k + 1) : '') + (many ? ` D=${depth}` : '');
      const gc = criticalGamma(depth, eta, a);
      const replacedByLocal = activation === 'tanh' && depth === 1;
      if (gc !== null && Number.isFinite(gc) && !replacedByLocal) marks.push({ depth, feature: k, kind: 'critical', gamma: gc, label: `γc${suffix}${tag}`, status });
      const gs = spinodalGamma(depth, eta, a);
      if (gs !== null && Number.isFinite(gs)) marks.push({ depth, feature: k, kind: 'spinodal', gamma: gs, label: `γsp${suffix}${tag}`, status });
      // tanh, D = 1: the origin's direction k goes unstable at κ·η_k, κ = tanh′(0) = 1 (exact for the net)
      if (activation === 'tanh' && depth === 1) marks.push({ depth, feature: k, kind: 'local', gamma: eta, label: `γloc${suffix}`, status: 'exact' });
    });
  }
  return marks;
}
