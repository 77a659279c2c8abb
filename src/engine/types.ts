/**
 * The engine's public contract (shared by the worker, the CLI, the benchmark and tests).
 *
 * Conventions (docs/physics.md §1, used everywhere):
 *   L(θ) = (1/N) Σ_samples ‖y − f(x)‖²  +  γ Σ_layers ‖W_l‖_F²
 * no ½ factors, no biases. Depth D = number of hidden layers; the net has D + 1 weight matrices.
 * A weight matrix W_l has shape [out_l, in_l] and is stored row-major; f(x) = W_D+1 σ(… σ(W_1 x)).
 */

/** the activations and optimizers the parameter registry offers (src/permalink/registry.ts: one list, one place) */
export type Activation = import('../permalink/registry').ActivationName;
export type OptimizerKind = import('../permalink/registry').OptimizerName;

export interface NetSpec {
  inputDim: number;
  outputDim: number;
  /** one width per hidden layer; length = depth D (0…6) */
  hiddenWidths: number[];
  activation: Activation;
}

/** Per-layer weights of one replica, row-major [out, in], layer 1 first. */
export type Weights = Float32Array[];

export type ReplicaInit =
  | { kind: 'random'; scale: number; seed: number } // entries ~ scale·N(0,1)/sqrt(in)
  | { kind: 'zero' }
  | { kind: 'weights'; weights: Weights };

export interface ReplicaSettings {
  gamma: number;
  /** Langevin temperature T (ignored unless optimizer = 'langevin') */
  temperature: number;
  /** seed of this replica's own noise stream (Langevin noise, SGD minibatch order) */
  noiseSeed: number;
  init: ReplicaInit;
}

export interface TrainerConfig {
  net: NetSpec;
  /** the dataset from src/data (train and test splits, empirical moments) */
  data: import('../data/types').Dataset;
  optimizer: OptimizerKind;
  lr: number;
  /** minibatch size for 'sgd' */
  batchSize?: number;
  replicas: ReplicaSettings[];
  /**
   * 'auto': use the moment-based step (Σxx, Σyx, Σyy) where it is exact (linear net, full batch:
   * GD or Langevin), sample-based otherwise. 'samples' forces the sample path (tests compare both).
   */
  path?: 'auto' | 'samples';
  /**
   * Absolute index of the first step (default 0): the Philox counter of the Langevin noise and the
   * position in the minibatch order, so a trainer recreated with the weights after S steps and
   * firstStep = S continues the same trajectory. `step` and Metrics.step count from it.
   */
  firstStep?: number;
  /**
   * Which step kernel runs the config: 'auto' (default) = the fastest fused kernel that supports it
   * (engine/fused/choice.ts), 'tfjs' = the op-by-op tfjs reference, or a fused kernel by name.
   */
  kernel?: import('./fused/kernel').KernelChoice;
}

/** Metrics of all R replicas, read back once per chunk. Arrays are replica-major. */
export interface Metrics {
  step: number;
  replicas: number;
  /** data term (1/N) Σ ‖y − f(x)‖² on the training set, per replica [R] */
  trainLoss: Float32Array;
  /** same on the test set [R] */
  testLoss: Float32Array;
  /** γ‖θ‖² [R] */
  penalty: Float32Array;
  /** ‖θ‖² = Σ_l ‖W_l‖_F² [R] */
  normSq: Float32Array;
  /** ‖W_l‖_F² [R × layers], replica-major */
  layerNormSq: Float32Array;
  /** singular values of the end-to-end map, descending [R × k], k = min(inputDim, outputDim) */
  singularValues: Float32Array;
  /**
   * order parameter per teacher feature: p_k = u_kᵀ M v_k with (u_k, v_k) the k-th singular pair of
   * the empirical Σyx [R × k]. For linear nets M = W_n⋯W_1; for nonlinear nets M is the linear
   * response Cov(f(x), x)·Σxx⁻¹ on the training inputs.
   */
  modeOverlaps: Float32Array;
  /** true where the replica's loss is NaN/Inf or exploded [R] */
  diverged: Uint8Array;
}

export interface Trainer {
  readonly config: TrainerConfig;
  readonly replicas: number;
  readonly step: number;
  /** run `steps` optimizer steps as one chunk (inside tf.tidy), then read metrics back once */
  run(steps: number): Promise<Metrics>;
  /** metrics of the current state without stepping */
  metrics(): Promise<Metrics>;
  /** take effect on the next chunk; never reset weights or optimizer state */
  setGamma(gamma: number | ArrayLike<number>): void;
  setTemperature(temperature: number | ArrayLike<number>): void;
  setLearningRate(lr: number): void;
  getWeights(): Promise<Weights[]>;
  /** replace the weights of one replica or of all replicas */
  setWeights(weights: Weights, replica?: number): void;
  setAllWeights(weights: Weights[]): void;
  dispose(): void;
}

/** what createTrainer returns: a Trainer that also says how it runs */
export interface EngineTrainer extends Trainer {
  readonly path: 'moments' | 'samples';
  /** the kernel that runs the steps: 'tfjs' (op by op) or a fused kernel's name */
  readonly kernel: 'tfjs' | import('./fused/kernel').KernelName;
}
