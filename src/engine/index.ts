/**
 * The training engine (fused step kernels, and tfjs as the reference; runs in Node and in a Web
 * Worker; no DOM, no Node-only modules).
 * Backends for Node are started with ./backends (kept out of this index so that bundles choose).
 */
export type { Activation, Metrics, NetSpec, OptimizerKind, ReplicaInit, ReplicaSettings, Trainer, TrainerConfig, Weights } from './types';
export type { EngineTrainer } from './types';
export { createTrainer } from './createTrainer';
export { createTfjsTrainer, type BatchedTrainer } from './trainer';
export { selectPath, DEFAULT_BATCH_SIZE, type TrainingPath } from './config';
export { DIVERGENCE_FACTOR } from './divergence';
export { stepStrategy, STEP_STRATEGIES, type StepStrategy } from './optimizers';
export type { KernelChoice, KernelName } from './fused/kernel';
export { KERNEL_CHOICES, KERNEL_FACTORIES, isKernelChoice, kernelFor } from './fused/choice';
export { initialWeights, layerShapes, layerSizes, parameterCount, validateNet, normSquared, MAX_DEPTH } from './model';
export { lossSlice, randomDirection, type SliceGrid } from './lossSlice';
