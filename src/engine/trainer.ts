/**
 * The batched trainer: R replicas of one architecture in ONE tensor program (weights [R, out, in]
 * per layer), each with its own γ, temperature, init and noise seed.
 *
 * Step (docs/physics.md §1 loss, no ½): θ ← θ − lr·∇L(θ) [+ √(2·lr·T)·ξ for Langevin], written as
 * W ← (1 − 2·lr·γ)·W − lr·∇data(W) [+ noise], with hand-written gradients (kernels.ts).
 * Paths: 'moments' (linear net, full batch: the data enter only through Σxx, Σyx, Σyy; exact)
 * and 'samples' (everything else; forced by config.path = 'samples').
 * A chunk runs K steps, each inside tf.tidy, then reads every metric back with one
 * `await data()` of a single packed tensor.
 */
import * as tf from '@tensorflow/tfjs';
import { endToEnd, forward, layerNormsSquared, momentGradients, sampleGradients, sampleLoss, timesShared } from './kernels';
import { packedLength, unpackMetrics, type PackShape } from './metrics';
import { checkWeights, initialWeights, layerShapes, layerSizes } from './model';
import { linearResponseWeights } from './linearResponse';
import { LangevinNoise, MinibatchOrder } from './streams';
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
} from './config';
import { DivergenceFlags } from './divergence';
import { stepStrategy } from './optimizers';
import type { EngineTrainer, Metrics, TrainerConfig, Weights } from './types';

/**
 * The weight-decay factor 1 − 2·lr·γ rounds in float32 (spacing 6e-8 near 1): folded into one
 * multiply it would misstate γ by up to 3e-8/(2·lr·γ) relatively. Below this value of 2·lr·γ the
 * step uses W − (2·lr·γ·W + lr·∇data) instead (one more op per layer, γ exact to float precision).
 */
const FOLDED_DECAY_MIN = 1e-3;
/** float32's smallest normal number; weights below it are flushed to 0 at chunk ends */
const FLOAT32_MIN_NORMAL = 1.1754944e-38;

interface Decay {
  /** [R,1,1]: 1 − 2·lr·γ (folded form) or 2·lr·γ (exact form) */
  decay: tf.Tensor3D;
  folded: boolean;
}
type Hyper =
  /** moment path: 2·lr·Σxx and 2·lr·Σyx */
  | (Decay & { path: 'moments'; sxx: tf.Tensor2D; syx: tf.Tensor2D })
  /** sample path: 2·lr/B */
  | (Decay & { path: 'samples'; residualScale: tf.Scalar });

/** training samples on the device (sample path, and metrics of nonlinear nets) */
interface SampleTensors {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
  yT: tf.Tensor2D;
}
/** what the metrics of a nonlinear net need besides the training samples */
interface ResponseTensors {
  testX: tf.Tensor2D;
  testYT: tf.Tensor2D;
  response: tf.Tensor2D;
}

class BatchedTrainer implements EngineTrainer {
  readonly kernel = 'tfjs' as const;
  readonly replicas: number;
  readonly path: TrainingPath;
  private readonly shapes: Array<[number, number]>;
  private readonly sizes: number[];
  private readonly gammas: Float64Array;
  private readonly temperatures: Float64Array;
  private lr: number;
  private weights: tf.Tensor3D[];
  private steps: number;
  private disposed = false;

  /** lr/γ-dependent tensors, rebuilt at the start of a chunk after a change */
  private hyper: Hyper | null = null;
  /** constant data tensors */
  private readonly samples: SampleTensors | null = null;
  private readonly nonlinear: (SampleTensors & ResponseTensors) | null = null;

  private readonly noise: LangevinNoise | null;
  private readonly minibatches: MinibatchOrder | null;
  private readonly divergence: DivergenceFlags;

  constructor(readonly config: TrainerConfig) {
    validateConfig(config);
    const { net, data } = config;
    this.replicas = config.replicas.length;
    this.path = selectPath(config);
    this.shapes = layerShapes(net);
    this.sizes = layerSizes(net);
    ({ gammas: this.gammas, temperatures: this.temperatures, lr: this.lr, firstStep: this.steps } = initialHyperparameters(config));

    const initial = config.replicas.map((r) => initialWeights(net, r.init));
    this.divergence = new DivergenceFlags(data, initial);
    this.weights = this.stack(initial);

    const seeds = config.replicas.map((r) => r.noiseSeed);
    const strategy = stepStrategy(config.optimizer);
    this.noise = strategy.usesNoise ? new LangevinNoise(seeds, this.sizes) : null;
    this.minibatches = strategy.usesMinibatches ? new MinibatchOrder(seeds, data.trainSize, samplesPerStep(config)) : null;
    this.minibatches?.advance(this.steps);

    // samples on the device only where a step or a metric needs them
    const linear = net.activation === 'linear';
    if (this.path === 'samples' || !linear) {
      const y = tf.tensor2d(data.trainY, [data.trainSize, data.outputDim]);
      this.samples = { x: tf.tensor2d(data.trainX, [data.trainSize, data.inputDim]), y, yT: tf.transpose(y) };
    }
    if (this.samples && !linear) {
      this.nonlinear = {
        ...this.samples,
        testX: tf.tensor2d(data.testX, [data.testSize, data.inputDim]),
        testYT: tf.tidy(() => tf.transpose(tf.tensor2d(data.testY, [data.testSize, data.outputDim]))),
        response: tf.tensor2d(linearResponseWeights(data), [data.trainSize, data.inputDim]),
      };
    }
  }

  get step(): number {
    return this.steps;
  }

  // ----- public API -----

  async run(steps: number): Promise<Metrics> {
    this.assertLive();
    checkSteps(steps);
    const hyper = this.hyperTensors();
    for (let s = 0; s < steps; s++) {
      const previous = this.weights;
      this.weights = tf.tidy(() => this.nextWeights(previous, hyper, this.steps));
      previous.forEach((w) => w.dispose());
      this.steps++;
    }
    if (steps > 0) this.flushSubnormals();
    return this.metrics();
  }

  async metrics(): Promise<Metrics> {
    this.assertLive();
    const shape = this.packShape();
    const step = this.steps;
    const gammas = Float64Array.from(this.gammas);
    const packed = tf.tidy(() => this.packMetrics());
    let values: Float32Array;
    try {
      values = (await packed.data()) as Float32Array;
    } finally {
      packed.dispose();
    }
    const metrics = unpackMetrics(values, shape, this.config.data, gammas, step);
    this.divergence.update(metrics);
    return metrics;
  }

  setGamma(gamma: number | ArrayLike<number>): void {
    this.assertLive();
    this.gammas.set(perReplica(gamma, this.replicas, 'gamma'));
    this.invalidateHyper();
  }

  setTemperature(temperature: number | ArrayLike<number>): void {
    this.assertLive();
    this.temperatures.set(perReplica(temperature, this.replicas, 'temperature'));
  }

  setLearningRate(lr: number): void {
    this.assertLive();
    checkLearningRate(lr);
    this.lr = lr;
    this.invalidateHyper();
  }

  async getWeights(): Promise<Weights[]> {
    this.assertLive();
    const R = this.replicas;
    const packed = tf.tidy(() => tf.concat(this.weights.map((w) => w.reshape([-1]))));
    let values: Float32Array;
    try {
      values = (await packed.data()) as Float32Array;
    } finally {
      packed.dispose();
    }
    const out: Weights[] = Array.from({ length: R }, () => []);
    let offset = 0;
    for (const size of this.sizes) {
      for (let r = 0; r < R; r++) out[r].push(values.slice(offset + r * size, offset + (r + 1) * size));
      offset += R * size;
    }
    return out;
  }

  setWeights(weights: Weights, replica?: number): void {
    this.assertLive();
    checkWeights(this.config.net, weights);
    if (replica === undefined) {
      this.replaceAll(Array.from({ length: this.replicas }, () => weights));
      return;
    }
    checkReplicaIndex(replica, this.replicas);
    const previous = this.weights;
    this.weights = tf.tidy(() =>
      previous.map((w, l) => {
        const [out, inp] = this.shapes[l];
        const parts: tf.Tensor3D[] = [];
        if (replica > 0) parts.push(tf.slice(w, [0, 0, 0], [replica, out, inp]));
        parts.push(tf.tensor3d(Float32Array.from(weights[l]), [1, out, inp]));
        if (replica < this.replicas - 1) parts.push(tf.slice(w, [replica + 1, 0, 0], [this.replicas - replica - 1, out, inp]));
        return parts.length === 1 ? parts[0] : tf.concat(parts, 0);
      }),
    );
    previous.forEach((w) => w.dispose());
    this.divergence.revive(replica, weights);
  }

  setAllWeights(weights: Weights[]): void {
    this.assertLive();
    if (weights.length !== this.replicas) throw new Error(`setAllWeights: expected ${this.replicas} replicas, got ${weights.length}`);
    weights.forEach((w, r) => checkWeights(this.config.net, w, `replica ${r} weights`));
    this.replaceAll(weights);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.weights.forEach((w) => w.dispose());
    this.invalidateHyper();
    const constants = new Set<tf.Tensor>([...Object.values(this.samples ?? {}), ...Object.values(this.nonlinear ?? {})]);
    constants.forEach((t) => t.dispose());
  }

  // ----- internals -----

  private assertLive(): void {
    if (this.disposed) throw new Error('trainer has been disposed');
  }

  private stack(perReplicaWeights: Weights[]): tf.Tensor3D[] {
    const R = perReplicaWeights.length;
    return this.shapes.map(([out, inp], l) => {
      const size = out * inp;
      const buffer = new Float32Array(R * size);
      perReplicaWeights.forEach((w, r) => buffer.set(w[l], r * size));
      return tf.tensor3d(buffer, [R, out, inp]);
    });
  }

  private replaceAll(weights: Weights[]): void {
    const previous = this.weights;
    this.weights = this.stack(weights);
    previous.forEach((w) => w.dispose());
    weights.forEach((w, r) => this.divergence.revive(r, w));
  }

  private invalidateHyper(): void {
    if (!this.hyper) return;
    const hyper = this.hyper;
    hyper.decay.dispose();
    if (hyper.path === 'moments') {
      hyper.sxx.dispose();
      hyper.syx.dispose();
    } else {
      hyper.residualScale.dispose();
    }
    this.hyper = null;
  }

  private hyperTensors(): Hyper {
    if (this.hyper) return this.hyper;
    const { data } = this.config;
    const lr = this.lr;
    const folded = Array.from(this.gammas).every((g) => g === 0 || 2 * lr * g >= FOLDED_DECAY_MIN);
    const decay = tf.tensor3d(
      Float32Array.from(this.gammas, (g) => (folded ? 1 - 2 * lr * g : 2 * lr * g)),
      [this.replicas, 1, 1],
    );
    if (this.path === 'moments') {
      // lr·∂L/∂M = M·(2·lr·Σxx) − 2·lr·Σyx
      const sxx = tf.tensor2d(
        Float32Array.from(data.train.sxx, (v) => 2 * lr * v),
        [data.inputDim, data.inputDim],
      );
      const syx = tf.tensor2d(
        Float32Array.from(data.train.syx, (v) => 2 * lr * v),
        [data.outputDim, data.inputDim],
      );
      this.hyper = { path: 'moments', decay, folded, sxx, syx };
    } else {
      this.hyper = { path: 'samples', decay, folded, residualScale: tf.scalar((2 * lr) / samplesPerStep(this.config)) };
    }
    return this.hyper;
  }

  /** subnormal weights → 0 (as GPUs do): wasm/CPU arithmetic on subnormals is ~10× slower, and
   * float32 decay gets stuck at the smallest subnormals instead of reaching 0 */
  private flushSubnormals(): void {
    const previous = this.weights;
    this.weights = tf.tidy(() => previous.map((w) => tf.where(tf.less(tf.abs(w), FLOAT32_MIN_NORMAL), tf.zerosLike(w), w)));
    previous.forEach((w) => w.dispose());
  }

  private dataGradients(weights: tf.Tensor3D[], hyper: Hyper): tf.Tensor3D[] {
    if (hyper.path === 'moments') return momentGradients(weights, hyper.sxx, hyper.syx);
    const { activation } = this.config.net;
    const samples = this.samples;
    if (!samples) throw new Error('sample path without sample tensors');
    if (!this.minibatches) return sampleGradients(weights, samples.x, samples.yT, activation, hyper.residualScale);
    const { batchSize } = this.minibatches;
    const idx = tf.tensor2d(this.minibatches.next(), [this.replicas, batchSize], 'int32');
    const x = tf.gather(samples.x, idx);
    const yT = tf.transpose(tf.gather(samples.y, idx), [0, 2, 1]);
    return sampleGradients(weights, x, yT, activation, hyper.residualScale);
  }

  /** the weights after absolute step `step` */
  private nextWeights(weights: tf.Tensor3D[], hyper: Hyper, step: number): tf.Tensor3D[] {
    const grads = this.dataGradients(weights, hyper);
    let noise: Float32Array[] | null = null;
    if (this.noise && this.temperatures.some((t) => t > 0)) {
      const frozen = this.divergence.flags;
      const amplitude = Float64Array.from(this.temperatures, (t, r) => (frozen[r] ? 0 : Math.sqrt(2 * this.lr * t)));
      noise = this.noise.next(amplitude, step);
    }

    return weights.map((w, l) => {
      const next: tf.Tensor3D = hyper.folded ? tf.sub(tf.mul(w, hyper.decay), grads[l]) : tf.sub(w, tf.add(tf.mul(w, hyper.decay), grads[l]));
      return noise ? tf.add(next, tf.tensor3d(noise[l], w.shape)) : next;
    });
  }

  private packShape(): PackShape {
    return {
      replicas: this.replicas,
      layers: this.weights.length,
      inputDim: this.config.data.inputDim,
      outputDim: this.config.data.outputDim,
      lossesPacked: this.config.net.activation !== 'linear',
    };
  }

  private packMetrics(): tf.Tensor1D {
    const parts: tf.Tensor[] = layerNormsSquared(this.weights);
    const { activation } = this.config.net;
    const nonlinear = this.nonlinear;
    if (!nonlinear) {
      parts.push(tf.reshape(endToEnd(this.weights), [-1]));
    } else {
      const acts = forward(this.weights, nonlinear.x, activation);
      const out = acts[acts.length - 1];
      const trainLoss = tf.div(tf.sum(tf.square(tf.sub(out, nonlinear.yT)), [1, 2]), this.config.data.trainSize);
      const response = timesShared(out, nonlinear.response, false); // [R, out, in]
      parts.push(tf.reshape(response, [-1]), trainLoss, sampleLoss(this.weights, nonlinear.testX, nonlinear.testYT, activation));
    }
    const packed = tf.concat(parts.map((p) => tf.reshape(p, [-1]))) as tf.Tensor1D;
    if (packed.size !== packedLength(this.packShape())) throw new Error('metrics: packing mismatch');
    return packed;
  }
}

/** the op-by-op tfjs trainer (the reference the fused kernels are tested against) */
export function createTfjsTrainer(config: TrainerConfig): BatchedTrainer {
  return new BatchedTrainer(config);
}

export type { BatchedTrainer };
