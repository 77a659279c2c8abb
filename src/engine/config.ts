/**
 * Checks and derived settings shared by every trainer (the tfjs reference in trainer.ts and the
 * fused one in fused/fusedTrainer.ts), so both accept and reject exactly the same configs.
 */
import { validateNet } from './model';
import { stepStrategy } from './optimizers';
import type { ReplicaSettings, TrainerConfig } from './types';

export type TrainingPath = 'moments' | 'samples';

/** minibatch size used by 'sgd' when the config gives none (clamped to the training set) */
export const DEFAULT_BATCH_SIZE = 64;

/** the path a config runs on: moments where they are exact (linear net, full batch), else samples */
export function selectPath(config: Pick<TrainerConfig, 'net' | 'optimizer' | 'path'>): TrainingPath {
  if (config.path === 'samples') return 'samples';
  return config.net.activation === 'linear' && !stepStrategy(config.optimizer).usesMinibatches ? 'moments' : 'samples';
}

/** samples per step: the minibatch size for minibatch optimizers (clamped to N), else N */
export function samplesPerStep(config: TrainerConfig): number {
  const N = config.data.trainSize;
  return stepStrategy(config.optimizer).usesMinibatches ? Math.min(config.batchSize ?? DEFAULT_BATCH_SIZE, N) : N;
}

export function perReplica(value: number | ArrayLike<number>, replicas: number, name: string): Float64Array {
  const out = typeof value === 'number' ? new Float64Array(replicas).fill(value) : Float64Array.from(value as ArrayLike<number>);
  if (out.length !== replicas) throw new Error(`${name}: expected ${replicas} values, got ${out.length}`);
  for (const v of out) if (!(Number.isFinite(v) && v >= 0)) throw new Error(`${name} must be finite and ≥ 0, got ${v}`);
  return out;
}

export function checkLearningRate(lr: number): void {
  if (!(Number.isFinite(lr) && lr > 0)) throw new Error(`learning rate must be > 0, got ${lr}`);
}

export function checkSteps(steps: number): void {
  if (!(Number.isInteger(steps) && steps >= 0)) throw new Error(`steps must be an integer ≥ 0, got ${steps}`);
}

export function checkReplicaIndex(replica: number, replicas: number): void {
  if (!(Number.isInteger(replica) && replica >= 0 && replica < replicas)) {
    throw new Error(`replica must be 0…${replicas - 1}, got ${replica}`);
  }
}

/** the absolute index of a trainer's first step (Philox counter, minibatch position) */
export function firstStepOf(config: TrainerConfig): number {
  const first = config.firstStep ?? 0;
  if (!(Number.isInteger(first) && first >= 0 && first < 2 ** 32)) throw new Error(`firstStep must be an integer in 0…2³²−1, got ${first}`);
  return first;
}

export function validateConfig(config: TrainerConfig): void {
  validateNet(config.net);
  const { net, data } = config;
  if (net.inputDim !== data.inputDim || net.outputDim !== data.outputDim) {
    throw new Error(`net ${net.inputDim}→${net.outputDim} does not fit the data ${data.inputDim}→${data.outputDim}`);
  }
  stepStrategy(config.optimizer);
  checkLearningRate(config.lr);
  if (!Array.isArray(config.replicas) || config.replicas.length < 1) throw new Error('at least one replica is needed');
  if (config.batchSize !== undefined && !(Number.isInteger(config.batchSize) && config.batchSize >= 1)) {
    throw new Error(`batchSize must be a positive integer, got ${config.batchSize}`);
  }
  config.replicas.forEach((r: ReplicaSettings, i) => {
    if (!Number.isFinite(r.noiseSeed)) throw new Error(`replica ${i}: noiseSeed must be finite`);
  });
  firstStepOf(config);
}

/** the per-replica γ and T, the learning rate and the first step of a config: what every trainer starts from */
export function initialHyperparameters(config: TrainerConfig): { gammas: Float64Array; temperatures: Float64Array; lr: number; firstStep: number } {
  const replicas = config.replicas.length;
  return {
    gammas: perReplica(
      config.replicas.map((r) => r.gamma),
      replicas,
      'gamma',
    ),
    temperatures: perReplica(
      config.replicas.map((r) => r.temperature),
      replicas,
      'temperature',
    ),
    lr: config.lr,
    firstStep: firstStepOf(config),
  };
}
