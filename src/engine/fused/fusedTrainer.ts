/**
 * The Trainer over any fused StepKernel: validation, per-replica γ/T, lr, the step counter,
 * weights in and out, metrics and divergence live here, once for all kernels; the kernel only
 * steps. Same semantics as the tfjs trainer (trainer.ts): the same config checks (config.ts), the
 * same packed metrics through unpackMetrics (computed on the host by HostMetrics), the same
 * divergence rule (divergence.ts; frozen replicas take no noise).
 */
import { checkWeights, initialWeights } from '../model';
import { unpackMetrics } from '../metrics';
import {
  checkLearningRate,
  checkReplicaIndex,
  checkSteps,
  initialHyperparameters,
  perReplica,
  samplesPerStep,
  selectPath,
  validateConfig,
  type TrainingPath,
} from '../config';
import { DivergenceFlags } from '../divergence';
import { stepStrategy } from '../optimizers';
import type { EngineTrainer, Metrics, TrainerConfig, Weights } from '../types';
import type { KernelName, KernelSpec, StepKernel } from './kernel';
import { kernelFor } from './choice';
import { HostMetrics } from './hostMetrics';

export class FusedTrainer implements EngineTrainer {
  readonly replicas: number;
  readonly path: TrainingPath;
  readonly kernel: KernelName;
  private readonly gammas: Float64Array;
  private readonly temperatures: Float64Array;
  private lr: number;
  private steps: number;
  private disposed = false;
  private readonly divergence: DivergenceFlags;
  private readonly host: HostMetrics;

  constructor(
    readonly config: TrainerConfig,
    private readonly stepKernel: StepKernel,
    initial: Weights[],
  ) {
    this.replicas = config.replicas.length;
    this.path = selectPath(config);
    this.kernel = stepKernel.name;
    ({ gammas: this.gammas, temperatures: this.temperatures, lr: this.lr, firstStep: this.steps } = initialHyperparameters(config));
    this.divergence = new DivergenceFlags(config.data, initial);
    this.host = new HostMetrics(config.net, config.data, this.replicas);
    initial.forEach((w, r) => stepKernel.setWeights(r, w));
  }

  get step(): number {
    return this.steps;
  }

  async run(steps: number): Promise<Metrics> {
    this.assertLive();
    checkSteps(steps);
    if (steps > 0) {
      await this.stepKernel.run(steps, {
        lr: this.lr,
        gammas: this.gammas,
        // T is the Langevin temperature: optimizers without noise (gd, sgd) ignore it, as the tfjs path does
        temperatures: stepStrategy(this.config.optimizer).usesNoise ? this.temperatures : new Float64Array(this.replicas),
        frozen: this.divergence.flags,
        firstStep: this.steps,
      });
      this.steps += steps;
    }
    return this.metrics();
  }

  async metrics(): Promise<Metrics> {
    this.assertLive();
    const step = this.steps;
    const gammas = Float64Array.from(this.gammas);
    const weights = await this.getWeights();
    const metrics = unpackMetrics(this.host.pack(weights), this.host.shape, this.config.data, gammas, step);
    this.divergence.update(metrics);
    return metrics;
  }

  setGamma(gamma: number | ArrayLike<number>): void {
    this.assertLive();
    this.gammas.set(perReplica(gamma, this.replicas, 'gamma'));
  }

  setTemperature(temperature: number | ArrayLike<number>): void {
    this.assertLive();
    this.temperatures.set(perReplica(temperature, this.replicas, 'temperature'));
  }

  setLearningRate(lr: number): void {
    this.assertLive();
    checkLearningRate(lr);
    this.lr = lr;
  }

  async getWeights(): Promise<Weights[]> {
    this.assertLive();
    await this.stepKernel.sync?.();
    return Array.from({ length: this.replicas }, (_, r) => this.stepKernel.getWeights(r));
  }

  setWeights(weights: Weights, replica?: number): void {
    this.assertLive();
    checkWeights(this.config.net, weights);
    if (replica === undefined) {
      for (let r = 0; r < this.replicas; r++) this.replace(r, weights);
      return;
    }
    checkReplicaIndex(replica, this.replicas);
    this.replace(replica, weights);
  }

  setAllWeights(weights: Weights[]): void {
    this.assertLive();
    if (weights.length !== this.replicas) throw new Error(`setAllWeights: expected ${this.replicas} replicas, got ${weights.length}`);
    weights.forEach((w, r) => checkWeights(this.config.net, w, `replica ${r} weights`));
    weights.forEach((w, r) => this.replace(r, w));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stepKernel.dispose();
  }

  private replace(replica: number, weights: Weights): void {
    this.stepKernel.setWeights(replica, weights);
    this.divergence.revive(replica, weights);
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('trainer has been disposed');
  }
}

export function kernelSpecOf(config: TrainerConfig): KernelSpec {
  return {
    net: config.net,
    data: config.data,
    optimizer: config.optimizer,
    path: selectPath(config),
    replicas: config.replicas.length,
    batchSize: samplesPerStep(config),
    noiseSeeds: config.replicas.map((r) => r.noiseSeed),
  };
}

/**
 * A fused trainer on the kernel `choice` picks (see kernelFor), or null when 'auto' finds no
 * fused kernel for the config. Throws for an invalid config or an explicit kernel that cannot run it.
 */
export async function createFusedTrainer(config: TrainerConfig, choice: KernelName | 'auto' = 'auto'): Promise<FusedTrainer | null> {
  validateConfig(config);
  const initial = config.replicas.map((r) => initialWeights(config.net, r.init));
  const spec = kernelSpecOf(config);
  const factory = kernelFor(spec, choice);
  if (!factory) return null;
  return new FusedTrainer(config, await factory.create(spec), initial);
}
