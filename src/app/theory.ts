/**
 * Theory marks for the current setup, from the dataset's EMPIRICAL singular values and input
 * strengths (physics.md §2), for every trained depth.
 */
import { criticalGamma, spinodalGamma } from '../physics';

export interface ThresholdMark {
  depth: number;
  feature: number;
  kind: 'critical' | 'spinodal';
  gamma: number;
  label: string;
}

const SUB = '₀₁₂₃₄₅₆₇₈₉';
export const subscript = (k: number): string =>
  String(k)
    .split('')
    .map((d) => SUB[Number(d)])
    .join('');

export function thresholdMarks(depths: number[], etas: number[], strengths: number[], maxFeatures = 3): ThresholdMark[] {
  const marks: ThresholdMark[] = [];
  const many = depths.length > 1;
  for (const depth of depths) {
    etas.slice(0, maxFeatures).forEach((eta, k) => {
      const a = strengths[k] ?? 1;
      if (!(eta > 1e-6) || !(a > 0)) return;
      const suffix = (etas.length > 1 ? subscript(k + 1) : '') + (many ? ` D=${depth}` : '');
      const gc = criticalGamma(depth, eta, a);
      if (gc !== null && Number.isFinite(gc)) marks.push({ depth, feature: k, kind: 'critical', gamma: gc, label: `γc${suffix}` });
      const gs = spinodalGamma(depth, eta, a);
      if (gs !== null && Number.isFinite(gs)) marks.push({ depth, feature: k, kind: 'spinodal', gamma: gs, label: `γsp${suffix}` });
    });
  }
  return marks;
}
