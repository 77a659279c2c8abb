/**
 * Per-replica random streams of the optimizers, generated in plain TypeScript.
 *
 * Langevin noise follows the Philox convention of noise/philox.ts: replica r's normal for
 * parameter i at step s depends only on (its noise seed, i, s), so it is the same on the tfjs path
 * and every fused kernel, whatever else runs in the batch and whatever happened at earlier steps.
 *
 * Minibatch order: a fresh permutation per epoch (xoshiro128** of the replica's seed), the last
 * incomplete batch of an epoch dropped.
 */
import { deriveSeed, longPeriodUniform, shuffleInPlace, type Uniform } from '../data/random';
import { fillNormals, langevinKey } from './noise/philox';

const MINIBATCH_STREAM = 2;

export class LangevinNoise {
  private readonly keys: Array<[number, number]>;
  private readonly parameters: number;
  private readonly scratch: Float64Array;

  /**
   * @param layerSizes entries per layer (layer 1 first)
   */
  constructor(
    noiseSeeds: number[],
    private readonly layerSizes: number[],
  ) {
    this.keys = noiseSeeds.map(langevinKey);
    this.parameters = layerSizes.reduce((a, b) => a + b, 0);
    this.scratch = new Float64Array(this.parameters);
  }

  /**
   * The noise of absolute step `step` for all replicas, amplitude[r]·ξ: one buffer per layer, laid
   * out [R, out_l, in_l]. Replicas with amplitude 0 get zeros.
   */
  next(amplitude: ArrayLike<number>, step: number): Float32Array[] {
    const replicas = this.keys.length;
    const out = this.layerSizes.map((size) => new Float32Array(replicas * size));
    for (let r = 0; r < replicas; r++) {
      const a = amplitude[r];
      if (!(a > 0)) continue;
      fillNormals(this.keys[r], step, this.parameters, a, this.scratch);
      let offset = 0;
      this.layerSizes.forEach((size, l) => {
        out[l].set(this.scratch.subarray(offset, offset + size), r * size);
        offset += size;
      });
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

  /** the next minibatch of every replica: indices [R, B], replica-major (into `out` if given) */
  next(out: Int32Array = new Int32Array(this.perms.length * this.batchSize)): Int32Array {
    const B = this.batchSize;
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

  /** skip `steps` minibatches (as if next() had been called that often), one shuffle per epoch */
  advance(steps: number): void {
    const B = this.batchSize;
    for (let r = 0; r < this.perms.length; r++) {
      let left = steps;
      while (left > 0) {
        if (this.cursor[r] + B > this.sampleCount) {
          shuffleInPlace(this.perms[r], this.uniforms[r]);
          this.cursor[r] = 0;
        }
        const take = Math.min(left, Math.floor((this.sampleCount - this.cursor[r]) / B));
        this.cursor[r] += take * B;
        left -= take;
      }
    }
  }
}
