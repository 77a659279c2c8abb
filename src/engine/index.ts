/**
 * The training engine (tfjs; runs in Node and in a Web Worker; no DOM, no Node-only modules).
 * Backends for Node are started with ./backends (kept out of this index so that bundles choose).
 */
export type {
  Activation,
  Metrics,
  NetSpec,
  OptimizerKind,
  ReplicaInit,
  ReplicaSettings,
  Trainer,
  TrainerConfig,
  Weights,
} from './types';
export { createTrainer, selectPath, DEFAULT_BATCH_SIZE, DIVERGENCE_FACTOR, type BatchedTrainer, type TrainingPath } from './trainer';
export { initialWeights, layerShapes, layerSizes, parameterCount, validateNet, normSquared, MAX_DEPTH } from './model';
export { lossSlice, randomDirection, type SliceGrid } from './lossSlice';
