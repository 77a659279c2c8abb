/**
 * The seam between the engine's trainer and its step kernels (the one place an optimizer step is
 * implemented per kernel). A kernel runs K optimizer steps for R replicas in one call, with no
 * per-op dispatch; the FusedTrainer (fusedTrainer.ts) owns everything else: validation, metrics,
 * divergence, weights in/out. Kernels are chosen by `kernelFor` (choice.ts) from what each one
 * `supports`.
 *
 * Step (docs/physics.md §1 loss, no ½): θ ← θ − lr·∇L(θ) [+ √(2·lr·T_r)·ξ for Langevin] with
 * L = data term + γ_r Σ_l ‖W_l‖_F², i.e. W ← W − lr·(2γ_r·W + ∇data W) [+ noise].
 *   paths: 'moments'  linear net, full batch: ∇M data = 2(MΣxx − Σyx) (exact)
 *          'samples'  full-batch samples (data term (1/N) Σ ‖y − f(x)‖²), or minibatches for 'sgd'
 * Noise: Philox, convention in ../noise/philox.ts (key per replica, counter = absolute step).
 * Minibatches: ../streams.ts MinibatchOrder (the same batches as the tfjs path).
 * Weights: Weights = Float32Array per layer, row-major [out, in] (types.ts); a kernel may keep any
 * internal layout (replica-interleaved for SIMD, a GPU buffer) and converts in get/setWeights.
 */
import type { Dataset } from '../../data/types';
import type { Activation, NetSpec, OptimizerKind, Weights } from '../types';

/** 'tfjs' is the op-by-op reference path (engine/trainer.ts); the others are fused kernels */
export type KernelName = 'js' | 'wasm-simd' | 'webgpu';
/** what a caller may ask for: 'auto' = the fastest fused kernel that supports the config */
export type KernelChoice = 'auto' | 'tfjs' | KernelName;

export type StepPath = 'moments' | 'samples';

export interface KernelSpec {
  net: NetSpec;
  data: Dataset;
  optimizer: OptimizerKind;
  path: StepPath;
  replicas: number;
  /** minibatch size for 'sgd' (already clamped to the training set) */
  batchSize: number;
  /** per-replica seeds of the noise streams (Langevin key, minibatch order) */
  noiseSeeds: number[];
}

/** hyperparameters of one run() call; arrays have one entry per replica */
export interface StepHyper {
  lr: number;
  gammas: Float64Array;
  /** Langevin temperatures (0 for 'gd'/'sgd') */
  temperatures: Float64Array;
  /** 1 = replica is frozen (diverged): it takes no noise; kernels may also skip its update */
  frozen: Uint8Array;
  /**
   * absolute index of the first step of this call (the Philox counter). Consecutive calls
   * continue where the previous one ended; a kernel with a stateful minibatch order (js) skips
   * ahead to the first call's value and refuses to go back.
   */
  firstStep: number;
}

export interface StepKernel {
  readonly name: KernelName;
  setWeights(replica: number, weights: Weights): void;
  getWeights(replica: number): Weights;
  /**
   * run `steps` steps for every replica; synchronous on the CPU, a promise on the GPU. The hyper
   * arrays belong to the caller (read them during the call, do not keep them).
   */
  run(steps: number, hyper: StepHyper): void | Promise<void>;
  /** GPU kernels: bring weights back to the host before getWeights (no-op on the CPU) */
  sync?(): Promise<void>;
  dispose(): void;
}

export interface KernelFactory {
  readonly name: KernelName;
  /** null if this kernel runs the spec, else why not (shown when a user forces it) */
  unsupported(spec: KernelSpec): string | null;
  create(spec: KernelSpec): StepKernel | Promise<StepKernel>;
}

export function isLinear(activation: Activation): boolean {
  return activation === 'linear';
}
