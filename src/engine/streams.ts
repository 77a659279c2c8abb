/**
 * Per-replica random streams of the optimizers, generated in plain TypeScript.
 *
 * tf.randomNormal on the cpu/wasm/webgl backends draws its numbers in JS and uploads them anyway,
 * so drawing each replica's Langevin noise from that replica's own seeded stream and uploading
 * one [R, out, in] tensor per layer per step costs about the same, and makes a replica's
 * trajectory depend only on its own settings and seed: the same on every backend and whatever
 * else runs in the batch.
 *
 * Conventions: a replica's noise stream advances only on steps where its temperature is > 0; its
 * minibatch order is a fresh permutation per epoch, the last incomplete batch of an epoch dropped.
 */
import { deriveSeed, GaussianStream, longPeriodUniform, shuffleInPlace, type Uniform } from '../data/random';

const LANGEVIN_STREAM = 1;
const MINIBATCH_STREAM = 2;

export class LangevinNoise {
  private readonly streams: GaussianStream[];

  /**
   * @param layerSizes entries per layer (layer 1 first)
   */
  constructor(
    noiseSeeds: number[],
    private readonly layerSizes: number[],
  ) {
    this.streams = noiseSeeds.map((seed) => new GaussianStream(deriveSeed(seed, LANGEVIN_STREAM)));
  }

  /**
   * One step of noise for all replicas, amplitude[r]·ξ with ξ ~ N(0, I): one buffer per layer,
   * laid out [R, out_l, in_l]. Replica r draws its P numbers in order layer 1 first, row-major;
   * replicas with amplitude 0 draw nothing.
   */
  next(amplitude: ArrayLike<number>): Float32Array[] {
    const replicas = this.streams.length;
    const out = this.layerSizes.map((size) => new Float32Array(replicas * size));
    for (let r = 0; r < replicas; r++) {
      const a = amplitude[r];
      if (!(a > 0)) continue;
      const stream = this.streams[r];
      this.layerSizes.forEach((size, l) => stream.fill(out[l], r * size, size, a));
    }
    return out;
  }
}

export class MinibatchOrder {
  private readonly uniforms: Uniform[];
  private readonly perms: Int32Array[];
  private readonly cursor: number[];

  constructor(
    noiseSeeds: number[],
    private readonly sampleCount: number,
    readonly batchSize: number,
  ) {
    this.uniforms = noiseSeeds.map((seed) => longPeriodUniform(deriveSeed(seed, MINIBATCH_STREAM)));
    this.perms = noiseSeeds.map(() => Int32Array.from({ length: sampleCount }, (_, i) => i));
    this.cursor = noiseSeeds.map(() => sampleCount); // forces a shuffle before the first batch
  }

  /** the next minibatch of every replica: indices [R, B], replica-major */
  next(): Int32Array {
    const B = this.batchSize;
    const out = new Int32Array(this.perms.length * B);
    for (let r = 0; r < this.perms.length; r++) {
      if (this.cursor[r] + B > this.sampleCount) {
        shuffleInPlace(this.perms[r], this.uniforms[r]);
        this.cursor[r] = 0;
      }
      out.set(this.perms[r].subarray(this.cursor[r], this.cursor[r] + B), r * B);
      this.cursor[r] += B;
    }
    return out;
  }
}
