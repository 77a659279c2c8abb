/**
 * The real network's loss on a 2-D slice of weight space, evaluated for all G grid points as one
 * batched program (the grid points play the role of replicas):
 *   θ(α, β) = center + α·dir1 + β·dir2,   L(θ) = (1/N) Σ ‖y − f(x)‖² + γ‖θ‖²  (training set).
 * The usual plane: center = 0, dir1 = the current weights, dir2 = randomDirection(current): then
 * (α, β) = (1, 0) is the current state and (0, 0) the origin.
 */
import * as tf from '@tensorflow/tfjs';
import { normalSource } from '../data/random';
import type { Dataset } from '../data/types';
import { endToEnd, sampleLoss } from './kernels';
import { checkWeights, layerShapes } from './model';
import type { NetSpec, Weights } from './types';

export interface SliceGrid {
  dir1: Weights;
  dir2: Weights;
  alphas: ArrayLike<number>;
  betas: ArrayLike<number>;
  /** default: the origin */
  center?: Weights;
}

/** activations of at most this many floats per block of grid points (nonlinear nets) */
const BLOCK_FLOATS = 1 << 22;

/**
 * Total loss at every grid point, row-major [betas.length × alphas.length] (row = β index).
 */
export async function lossSlice(net: NetSpec, data: Dataset, gamma: number, grid: SliceGrid): Promise<Float32Array> {
  checkWeights(net, grid.dir1, 'dir1');
  checkWeights(net, grid.dir2, 'dir2');
  if (grid.center) checkWeights(net, grid.center, 'center');
  const nA = grid.alphas.length;
  const G = nA * grid.betas.length;
  const shapes = layerShapes(net);
  const widest = Math.max(net.outputDim, ...net.hiddenWidths);
  const block = net.activation === 'linear' ? Math.min(G, 8192) : Math.max(1, Math.floor(BLOCK_FLOATS / (widest * data.trainSize)));

  const out = new Float32Array(G);
  const linear = net.activation === 'linear';
  const x = linear ? null : tf.tensor2d(data.trainX, [data.trainSize, data.inputDim]);
  const yT = linear ? null : tf.tidy(() => tf.transpose(tf.tensor2d(data.trainY, [data.trainSize, data.outputDim])) as tf.Tensor2D);
  const sxx = tf.tensor2d(Float32Array.from(data.train.sxx), [data.inputDim, data.inputDim]);
  const syx = tf.tensor2d(Float32Array.from(data.train.syx), [data.outputDim, data.inputDim]);
  const traceSyy = Array.from({ length: data.outputDim }, (_, i) => data.train.syy[i * data.outputDim + i]).reduce((a, b) => a + b, 0);
  try {
    for (let start = 0; start < G; start += block) {
      const count = Math.min(block, G - start);
      const a = new Float32Array(count);
      const b = new Float32Array(count);
      for (let g = 0; g < count; g++) {
        a[g] = grid.alphas[(start + g) % nA];
        b[g] = grid.betas[Math.floor((start + g) / nA)];
      }
      const losses = tf.tidy(() => {
        const alpha = tf.tensor3d(a, [count, 1, 1]);
        const beta = tf.tensor3d(b, [count, 1, 1]);
        const theta = shapes.map(([o, i], l) => {
          let w = tf.add(tf.mul(alpha, tf.tensor3d(grid.dir1[l], [1, o, i])), tf.mul(beta, tf.tensor3d(grid.dir2[l], [1, o, i])));
          if (grid.center) w = tf.add(w, tf.tensor3d(grid.center[l], [1, o, i]));
          return w as tf.Tensor3D;
        });
        let dataTerm: tf.Tensor;
        if (linear) {
          const m = endToEnd(theta);
          const cross = tf.sum(tf.mul(m, syx), [1, 2]);
          const quad = tf.sum(tf.mul(tf.reshape(tf.matMul(tf.reshape(m, [-1, data.inputDim]), sxx), m.shape), m), [1, 2]);
          dataTerm = tf.add(tf.sub(quad, tf.mul(cross, 2)), traceSyy);
        } else {
          dataTerm = sampleLoss(theta, x!, yT!, net.activation);
        }
        const norm = theta.map((w) => tf.sum(tf.square(w), [1, 2])).reduce((s, t) => tf.add(s, t));
        return tf.add(dataTerm, tf.mul(norm, gamma));
      });
      try {
        out.set((await losses.data()) as Float32Array, start);
      } finally {
        losses.dispose();
      }
    }
  } finally {
    for (const t of [x, yT, sxx, syx]) t?.dispose();
  }
  return out;
}

/**
 * A seeded Gaussian direction shaped like `like`, orthogonal to it (as one flat vector) and of the
 * same norm (unit norm if `like` is zero): the second axis of a loss-landscape slice.
 */
export function randomDirection(like: Weights, seed: number): Weights {
  const normal = normalSource(seed);
  const r = like.map((layer) => Float32Array.from(layer, () => normal()));
  let dot = 0;
  let likeNorm = 0;
  like.forEach((layer, l) => layer.forEach((x, e) => ((dot += x * r[l][e]), (likeNorm += x * x))));
  if (likeNorm > 0) r.forEach((layer, l) => layer.forEach((_, e) => (layer[e] -= (dot / likeNorm) * like[l][e])));
  let rNorm = 0;
  r.forEach((layer) => layer.forEach((x) => (rNorm += x * x)));
  const scale = Math.sqrt(likeNorm > 0 ? likeNorm : 1) / Math.sqrt(rNorm || 1);
  r.forEach((layer) => layer.forEach((_, e) => (layer[e] *= scale)));
  return r;
}
