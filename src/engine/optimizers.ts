/**
 * One step strategy per optimizer: the only place that says what an optimizer needs (noise,
 * minibatches, whether a full-batch moment step is exact for it). Trainers and kernels ask the
 * strategy instead of comparing optimizer names. Adding an optimizer = one entry here plus its
 * step in each kernel (fused/*, and trainer.ts for the tfjs reference).
 */
import type { OptimizerKind } from './types';

export interface StepStrategy {
  readonly kind: OptimizerKind;
  /** adds √(2·lr·T_r)·ξ per step (Philox stream, noise/philox.ts) */
  readonly usesNoise: boolean;
  /** the data term of a step is a minibatch (streams.ts MinibatchOrder), else the full training set */
  readonly usesMinibatches: boolean;
}

export const STEP_STRATEGIES: Readonly<Record<OptimizerKind, StepStrategy>> = {
  gd: { kind: 'gd', usesNoise: false, usesMinibatches: false },
  sgd: { kind: 'sgd', usesNoise: false, usesMinibatches: true },
  langevin: { kind: 'langevin', usesNoise: true, usesMinibatches: false },
};

export function stepStrategy(kind: OptimizerKind): StepStrategy {
  const strategy = Object.prototype.hasOwnProperty.call(STEP_STRATEGIES, kind) ? STEP_STRATEGIES[kind] : undefined;
  if (!strategy) throw new Error(`unknown optimizer '${kind}'`);
  return strategy;
}
