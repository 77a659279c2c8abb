/**
 * Hand-written gradients (src/engine/kernels.ts) against tfjs autodiff of an independently written
 * loss (per-replica 2-D slices, docs/physics.md §1: (1/N) Σ ‖y − f(x)‖² + γ Σ ‖W‖²).
 * Tolerance: relative error ‖g_hand − g_auto‖/‖g_auto‖ < 1e-4 per layer (float32).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine/backends';
import { momentGradients, momentGradientsFromInputs, momentGradientsFromOutputs, sampleGradients } from '../../../src/engine/kernels';
import { computeMoments } from '../../../src/data/moments';
import { normalSource } from '../../../src/data/random';
import type { Activation } from '../../../src/engine/types';

const IN = 3;
const OUT = 2;
const N = 7;
const GAMMAS = [0, 0.3, 1.1];
const R = GAMMAS.length;
const WIDTHS = [4, 5, 3];

beforeAll(async () => {
  await initBackend('wasm');
});

function randomArray(size: number, seed: number, scale = 1): Float32Array {
  const normal = normalSource(seed);
  return Float32Array.from({ length: size }, () => scale * normal());
}

function makeWeights(depth: number, seed: number): { shapes: Array<[number, number]>; values: Float32Array[] } {
  const sizes = [IN, ...WIDTHS.slice(0, depth), OUT];
  const shapes = sizes.slice(1).map((o, l) => [o, sizes[l]] as [number, number]);
  return { shapes, values: shapes.map(([o, i], l) => randomArray(R * o * i, seed * 10 + l, 0.9 / Math.sqrt(i))) };
}

function act(z: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  if (activation === 'tanh') return tf.tanh(z);
  if (activation === 'relu') return tf.relu(z);
  return z;
}

/** reference total loss Σ_r L_r, written sample-major per replica (independent of kernels.ts) */
function referenceLoss(weights: tf.Tensor3D[], x: tf.Tensor2D, y: tf.Tensor2D, activation: Activation): tf.Scalar {
  let total = tf.scalar(0);
  for (let r = 0; r < R; r++) {
    let h: tf.Tensor2D = x; // [N, in]
    weights.forEach((w, l) => {
      const [, o, i] = w.shape;
      const wr = tf.reshape(tf.slice(w, [r, 0, 0], [1, o, i]), [o, i]) as tf.Tensor2D;
      h = tf.matMul(h, wr, false, true);
      if (l < weights.length - 1) h = act(h, activation);
    });
    const data = tf.div(tf.sum(tf.square(tf.sub(h, y))), x.shape[0]);
    const penalty = tf.mul(
      weights.map((w) => tf.sum(tf.square(tf.slice(w, [r, 0, 0], [1, ...w.shape.slice(1)] as [number, number, number])))).reduce((a, b) => tf.add(a, b)),
      GAMMAS[r],
    );
    total = tf.add(total, tf.add(data, penalty));
  }
  return total as tf.Scalar;
}

function relativeError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    norm += b[i] ** 2;
  }
  return Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-12);
}

function withPenalty(grads: tf.Tensor3D[], weights: tf.Tensor3D[]): tf.Tensor3D[] {
  const gamma = tf.tensor3d(GAMMAS, [R, 1, 1]);
  return grads.map((g, l) => tf.add(g, tf.mul(tf.mul(weights[l], gamma), 2)));
}

describe('hand-written gradients match autodiff (relative error < 1e-4)', () => {
  const x = randomArray(N * IN, 101);
  const y = randomArray(N * OUT, 102);

  for (const activation of ['linear', 'tanh', 'relu'] as const) {
    for (const depth of [0, 1, 2, 3]) {
      it(`${activation}, D = ${depth}, full batch`, () => {
        const { shapes, values } = makeWeights(depth, depth + 1);
        const errors = tf.tidy(() => {
          const weights = shapes.map(([o, i], l) => tf.tensor3d(values[l], [R, o, i]));
          const xt = tf.tensor2d(x, [N, IN]);
          const yt = tf.tensor2d(y, [N, OUT]);
          const hand = withPenalty(sampleGradients(weights, xt, tf.transpose(yt), activation, 2 / N), weights);
          const auto = tf.grads((...ws: tf.Tensor[]) => referenceLoss(ws as tf.Tensor3D[], xt, yt, activation))(weights);
          return hand.map((h, l) => relativeError(h.dataSync() as Float32Array, auto[l].dataSync() as Float32Array));
        });
        for (const e of errors) expect(e).toBeLessThan(1e-4);
      });
    }
  }

  it('per-replica minibatches ([R, B, in] inputs) match autodiff on each replica’s own batch (tanh, D = 2)', () => {
    const { shapes, values } = makeWeights(2, 9);
    const B = 4;
    const batches = [
      [0, 2, 4, 6],
      [1, 3, 5, 0],
      [6, 5, 4, 3],
    ];
    const errors = tf.tidy(() => {
      const weights = shapes.map(([o, i], l) => tf.tensor3d(values[l], [R, o, i]));
      const xt = tf.tensor2d(x, [N, IN]);
      const yt = tf.tensor2d(y, [N, OUT]);
      const idx = tf.tensor2d(batches.flat(), [R, B], 'int32');
      const xb = tf.gather(xt, idx);
      const ybT = tf.transpose(tf.gather(yt, idx), [0, 2, 1]);
      const hand = withPenalty(sampleGradients(weights, xb, ybT, 'tanh', 2 / B), weights);
      // autodiff replica by replica on its batch
      const auto = tf.grads((...ws: tf.Tensor[]) => {
        let total = tf.scalar(0);
        for (let r = 0; r < R; r++) {
          const xr = tf.gather(xt, batches[r]);
          const yr = tf.gather(yt, batches[r]);
          let h: tf.Tensor2D = xr as tf.Tensor2D;
          ws.forEach((w, l) => {
            const [, o, i] = w.shape;
            h = tf.matMul(h, tf.reshape(tf.slice(w, [r, 0, 0], [1, o, i]), [o, i]) as tf.Tensor2D, false, true);
            if (l < ws.length - 1) h = tf.tanh(h);
          });
          const penalty = ws.map((w) => tf.sum(tf.square(tf.slice(w, [r, 0, 0], [1, w.shape[1]!, w.shape[2]!])))).reduce((a, b) => tf.add(a, b));
          total = tf.add(total, tf.add(tf.div(tf.sum(tf.square(tf.sub(h, yr))), B), tf.mul(penalty, GAMMAS[r])));
        }
        return total as tf.Scalar;
      })(weights);
      return hand.map((h, l) => relativeError(h.dataSync() as Float32Array, auto[l].dataSync() as Float32Array));
    });
    for (const e of errors) expect(e).toBeLessThan(1e-4);
  });

  for (const [name, gradients] of [
    ['default order', momentGradients],
    ['from the inputs', momentGradientsFromInputs],
    ['from the outputs', momentGradientsFromOutputs],
  ] as const) {
    for (const depth of [0, 1, 2, 3]) {
      it(`moment-based gradients (${name}) of a linear net equal the sample autodiff gradients, D = ${depth}`, () => {
        const { shapes, values } = makeWeights(depth, depth + 20);
        const m = computeMoments(x, y, N, IN, OUT);
        const errors = tf.tidy(() => {
          const weights = shapes.map(([o, i], l) => tf.tensor3d(values[l], [R, o, i]));
          const sxx = tf.tensor2d(
            Float32Array.from(m.sxx, (v) => 2 * v),
            [IN, IN],
          );
          const syx = tf.tensor2d(
            Float32Array.from(m.syx, (v) => 2 * v),
            [OUT, IN],
          );
          const hand = withPenalty(gradients(weights, sxx, syx), weights);
          const auto = tf.grads((...ws: tf.Tensor[]) => referenceLoss(ws as tf.Tensor3D[], tf.tensor2d(x, [N, IN]), tf.tensor2d(y, [N, OUT]), 'linear'))(
            weights,
          );
          return hand.map((h, l) => relativeError(h.dataSync() as Float32Array, auto[l].dataSync() as Float32Array));
        });
        for (const e of errors) expect(e).toBeLessThan(1e-4);
      });
    }
  }
});
