/**
 * The strength of a feature in a replica's end-to-end map M: its (feature+1)-th largest singular
 * value. Escape and grokking detect on this, not on the overlap u_kᵀ M v_k with a fixed teacher
 * direction: under strong minibatch noise a rank-1 map rotates, and a fixed projection then reports a
 * "learned" second feature while the rank never rose (docs/physics.md §5).
 */
import type { Metrics } from '../engine/types';

export function featureStrength(metrics: Pick<Metrics, 'singularValues' | 'replicas'>, replica: number, feature: number): number {
  const rank = metrics.singularValues.length / metrics.replicas;
  if (feature < 0 || feature >= rank) throw new RangeError(`feature ${feature} is outside the map's rank ${rank}`);
  return metrics.singularValues[replica * rank + feature];
}
