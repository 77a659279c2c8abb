/**
 * The batched trainer: R replicas of one architecture in ONE tensor program (weights [R, out, in]
 * per layer), each with its own γ, temperature, init and noise seed.
 *
 * Step (physics.md §1 loss, no ½): θ ← θ − lr·∇L(θ) [+ √(2·lr·T)·ξ for Langevin], written as
 * W ← (1 − 2·lr·γ)·W − lr·∇data(W) [+ noise], with hand-written gradients (kernels.ts).
 * Paths: 'moments' (linear net, full batch: the data enter only through Σxx, Σyx, Σyy; exact)
 * and 'samples' (everything else; forced by config.path = 'samples').
 * A chunk runs K steps, each inside tf.tidy, then reads every metric back with one
 * `await data()` of a single packed tensor.
 */
import * as tf from '@tensorflow/tfjs';
import { endToEnd, forward, layerNormsSquared, momentGradients, sampleGradients, sampleLoss, timesShared } from './kernels';
import { packedLength, unpackMetrics, type PackShape } from './metrics';
import { checkWeights, initialWeights, layerShapes, layerSizes, validateNet } from './model';
import { linearResponseWeights } from './linearResponse';
import { LangevinNoise, MinibatchOrder } from './streams';
import type { Metrics, ReplicaSettings, Trainer, TrainerConfig, Weights } from './types';

export type TrainingPath = 'moments' | 'samples';

/** a loss above DIVERGENCE_FACTOR × the replica's initial scale counts as diverged */
export const DIVERGENCE_FACTOR = 1e6;
/** minibatch size used by 'sgd' when the config gives none (clamped to the training set) */
export const DEFAULT_BATCH_SIZE = 64;

/** the path a config runs on: moments where they are exact (linear net, full batch), else samples */
export function selectPath(config: Pick<TrainerConfig, 'net' | 'optimizer' | 'path'>): TrainingPath {
  if (config.path === 'samples') return 'samples';
  return config.net.activation === 'linear' && config.optimizer !== 'sgd' ? 'moments' : 'samples';
}

function perReplica(value: number | ArrayLike<number>, replicas: number, name: string): Float64Array {
  const out =
    typeof value === 'number' ? new Float64Array(replicas).fill(value) : Float64Array.from(value as ArrayLike<number>);
  if (out.length !== replicas) throw new Error(`${name}: expected ${replicas} values, got ${out.length}`);
  for (const v of out) if (!(Number.isFinite(v) && v >= 0)) throw new Error(`${name} must be finite and ≥ 0, got ${v}`);
  return out;
}

function checkLearningRate(lr: number): void {
  if (!(Number.isFinite(lr) && lr > 0)) throw new Error(`learning rate must be > 0, got ${lr}`);
}

function validateConfig(config: TrainerConfig): void {
  validateNet(config.net);
  const { net, data } = config;
  if (net.inputDim !== data.inputDim || net.outputDim !== data.outputDim) {
    throw new Error(
      `net ${net.inputDim}→${net.outputDim} does not fit the data ${data.inputDim}→${data.outputDim}`,
    );
  }
  if (!['gd', 'sgd', 'langevin'].includes(config.optimizer)) throw new Error(`unknown optimizer '${config.optimizer}'`);
  checkLearningRate(config.lr);
  if (!Array.isArray(config.replicas) || config.replicas.length < 1) throw new Error('at least one replica is needed');
  if (config.batchSize !== undefined && !(Number.isInteger(config.batchSize) && config.batchSize >= 1)) {
    throw new Error(`batchSize must be a positive integer, got ${config.batchSize}`);
  }
  config.replicas.forEach((r: ReplicaSettings, i) => {
    if (!Number.isFinite(r.noiseSeed)) throw new Error(`replica ${i}: noiseSeed must be finite`);
  });
}

/**
 * The weight-decay factor 1 − 2·lr·γ rounds in float32 (spacing 6e-8 near 1): folded into one
 * multiply it would misstate γ by up to 3e-8/(2·lr·γ) relatively. Below this value of 2·lr·γ the
 * step uses W − (2·lr·γ·W + lr·∇data) instead (one more op per layer, γ exact to float precision).
 */
const FOLDED_DECAY_MIN = 1e-3;
/** float32's smallest normal number; weights below it are flushed to 0 at chunk ends */
const FLOAT32_MIN_NORMAL = 1.1754944e-38;

interface Hyper {
  /** [R,1,1]: 1 − 2·lr·γ (folded form) or 2·lr·γ (exact form) */
  decay: tf.Tensor3D;
  folded: boolean;
  /** moment path: 2·lr·Σxx and 2·lr·Σyx */
  sxx?: tf.Tensor2D;
  syx?: tf.Tensor2D;
  /** sample path: 2·lr/B */
  residualScale?: tf.Scalar;
}

class BatchedTrainer implements Trainer {
  readonly replicas: number;
  readonly path: TrainingPath;
  private readonly shapes: Array<[number, number]>;
  private readonly sizes: number[];
  private readonly gammas: Float64Array;
  private readonly temperatures: Float64Array;
  private lr: number;
  private weights: tf.Tensor3D[];
  private steps = 0;
  private disposed = false;

  /** lr/γ-dependent tensors, rebuilt at the start of a chunk after a change */
  private hyper: Hyper | null = null;
  /** constant data tensors */
  private readonly consts: {
    x?: tf.Tensor2D;
    y?: tf.Tensor2D;
    yT?: tf.Tensor2D;
    testX?: tf.Tensor2D;
    testYT?: tf.Tensor2D;
    response?: tf.Tensor2D;
  } = {};

  private readonly noise: LangevinNoise | null;
  private readonly minibatches: MinibatchOrder | null;

  private readonly diverged: Uint8Array;
  /** per replica: the loss scale its divergence threshold is relative to */
  private readonly lossScale: Float64Array;

  constructor(readonly config: TrainerConfig) {
    validateConfig(config);
    const { net, data } = config;
    this.replicas = config.replicas.length;
    this.path = selectPath(config);
    this.shapes = layerShapes(net);
    this.sizes = layerSizes(net);
    this.gammas = perReplica(config.replicas.map((r) => r.gamma), this.replicas, 'gamma');
    this.temperatures = perReplica(config.replicas.map((r) => r.temperature), this.replicas, 'temperature');
    this.lr = config.lr;
    this.diverged = new Uint8Array(this.replicas);
    this.lossScale = new Float64Array(this.replicas);

    const initial = config.replicas.map((r) => initialWeights(net, r.init));
    initial.forEach((w, r) => (this.lossScale[r] = this.scaleOf(w)));
    this.weights = this.stack(initial);

    const seeds = config.replicas.map((r) => r.noiseSeed);
    this.noise = config.optimizer === 'langevin' ? new LangevinNoise(seeds, this.sizes) : null;
    this.minibatches =
      config.optimizer === 'sgd'
        ? new MinibatchOrder(seeds, data.trainSize, Math.min(config.batchSize ?? DEFAULT_BATCH_SIZE, data.trainSize))
        : null;

    // samples on the device only where a step or a metric needs them
    const linear = net.activation === 'linear';
    if (this.path === 'samples' || !linear) {
      this.consts.x = tf.tensor2d(data.trainX, [data.trainSize, data.inputDim]);
      this.consts.y = tf.tensor2d(data.trainY, [data.trainSize, data.outputDim]);
      this.consts.yT = tf.transpose(this.consts.y);
    }
    if (!linear) {
      this.consts.testX = tf.tensor2d(data.testX, [data.testSize, data.inputDim]);
      this.consts.testYT = tf.tidy(() => tf.transpose(tf.tensor2d(data.testY, [data.testSize, data.outputDim])));
      this.consts.response = tf.tensor2d(linearResponseWeights(data), [data.trainSize, data.inputDim]);
    }
  }

  get step(): number {
    return this.steps;
  }

  // ----- public API -----

  async run(steps: number): Promise<Metrics> {
    this.assertLive();
    if (!(Number.isInteger(steps) && steps >= 0)) throw new Error(`steps must be an integer ≥ 0, got ${steps}`);
    const hyper = this.hyperTensors();
    for (let s = 0; s < steps; s++) {
      const previous = this.weights;
      this.weights = tf.tidy(() => this.nextWeights(previous, hyper));
      previous.forEach((w) => w.dispose());
    }
    if (steps > 0) this.flushSubnormals();
    this.steps += steps;
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
    this.updateDivergence(metrics);
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
    if (!(Number.isInteger(replica) && replica >= 0 && replica < this.replicas)) {
      throw new Error(`replica must be 0…${this.replicas - 1}, got ${replica}`);
    }
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
    this.revive([replica], [weights]);
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
    for (const t of Object.values(this.consts)) t?.dispose();
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
    this.revive(
      weights.map((_, r) => r),
      weights,
    );
  }

  /** new weights clear a replica's divergence flag and reset its loss scale */
  private revive(replicas: number[], weights: Weights[]): void {
    replicas.forEach((r, i) => {
      this.lossScale[r] = this.scaleOf(weights[i]);
      this.diverged[r] = 0;
    });
  }

  /**
   * A bound on the data term that the weights can reach, the yardstick for divergence:
   * ‖f(x)‖ ≤ ∏_l ‖W_l‖_F·‖x‖ for linear, tanh and relu, so loss ≤ 2(tr Σyy + ∏_l ‖W_l‖²·tr Σxx).
   */
  private scaleOf(weights: Weights): number {
    const { sxx, syy } = this.config.data.train;
    const trace = (m: Float64Array, n: number) => Array.from({ length: n }, (_, i) => m[i * n + i]).reduce((a, b) => a + b, 0);
    let product = 1;
    for (const w of weights) {
      let s = 0;
      for (let i = 0; i < w.length; i++) s += w[i] * w[i];
      product *= s;
    }
    const scale = 2 * (trace(syy, this.config.data.outputDim) + product * trace(sxx, this.config.data.inputDim));
    return Number.isFinite(scale) ? Math.max(scale, 1) : Number.MAX_VALUE;
  }

  /**
   * Flags are sticky until the replica's weights are replaced. A flagged replica's arithmetic stays
   * inside its own slice of the batch (NaN never crosses replicas), so it is left to run, without
   * Langevin noise; the caller decides whether to restore it.
   */
  private updateDivergence(metrics: Metrics): void {
    for (let r = 0; r < this.replicas; r++) {
      const loss = metrics.trainLoss[r];
      if (!Number.isFinite(loss) || !Number.isFinite(metrics.normSq[r]) || loss > DIVERGENCE_FACTOR * this.lossScale[r]) {
        this.diverged[r] = 1;
      }
    }
    metrics.diverged.set(this.diverged);
  }

  private invalidateHyper(): void {
    if (!this.hyper) return;
    const { decay, sxx, syx, residualScale } = this.hyper;
    for (const t of [decay, sxx, syx, residualScale]) t?.dispose();
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
      const sxx = tf.tensor2d(Float32Array.from(data.train.sxx, (v) => 2 * lr * v), [data.inputDim, data.inputDim]);
      const syx = tf.tensor2d(Float32Array.from(data.train.syx, (v) => 2 * lr * v), [data.outputDim, data.inputDim]);
      this.hyper = { decay, folded, sxx, syx };
    } else {
      const batch = this.minibatches ? this.minibatches.batchSize : data.trainSize;
      this.hyper = { decay, folded, residualScale: tf.scalar((2 * lr) / batch) };
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

  private nextWeights(weights: tf.Tensor3D[], hyper: Hyper): tf.Tensor3D[] {
    const { net } = this.config;
    let grads: tf.Tensor3D[];
    if (this.path === 'moments') {
      grads = momentGradients(weights, hyper.sxx!, hyper.syx!);
    } else if (this.minibatches) {
      const { batchSize } = this.minibatches;
      const idx = tf.tensor2d(this.minibatches.next(), [this.replicas, batchSize], 'int32');
      const x = tf.gather(this.consts.x!, idx);
      const yT = tf.transpose(tf.gather(this.consts.y!, idx), [0, 2, 1]);
      grads = sampleGradients(weights, x, yT, net.activation, hyper.residualScale!);
    } else {
      grads = sampleGradients(weights, this.consts.x!, this.consts.yT!, net.activation, hyper.residualScale!);
    }

    let noise: Float32Array[] | null = null;
    if (this.noise && this.temperatures.some((t) => t > 0)) {
      const amplitude = Float64Array.from(this.temperatures, (t, r) => (this.diverged[r] ? 0 : Math.sqrt(2 * this.lr * t)));
      noise = this.noise.next(amplitude);
    }

    return weights.map((w, l) => {
      const next: tf.Tensor3D = hyper.folded
        ? tf.sub(tf.mul(w, hyper.decay), grads[l])
        : tf.sub(w, tf.add(tf.mul(w, hyper.decay), grads[l]));
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
    if (activation === 'linear') {
      parts.push(tf.reshape(endToEnd(this.weights), [-1]));
    } else {
      const acts = forward(this.weights, this.consts.x!, activation);
      const out = acts[acts.length - 1];
      const trainLoss = tf.div(tf.sum(tf.square(tf.sub(out, this.consts.yT!)), [1, 2]), this.config.data.trainSize);
      const response = timesShared(out, this.consts.response!, false); // [R, out, in]
      parts.push(tf.reshape(response, [-1]), trainLoss, sampleLoss(this.weights, this.consts.testX!, this.consts.testYT!, activation));
    }
    const packed = tf.concat(parts.map((p) => tf.reshape(p, [-1]))) as tf.Tensor1D;
    if (packed.size !== packedLength(this.packShape())) throw new Error('metrics: packing mismatch');
    return packed;
  }
}

/** create a batched trainer (async so that future backends may await setup; nothing is awaited now) */
export async function createTrainer(config: TrainerConfig): Promise<BatchedTrainer> {
  return new BatchedTrainer(config);
}

export type { BatchedTrainer };
