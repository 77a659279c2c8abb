/**
 * The tensor math of a batched step: forward pass, hand-written backpropagation, and the
 * moment-based gradient of linear nets. Backend-agnostic tfjs; callers wrap these in tf.tidy.
 *
 * Shapes: weights W_l are [R, out_l, in_l]; activations are [R, width, N] (samples along the last
 * axis). Inputs x are [N, in] shared by all replicas, or [R, B, in] (per-replica minibatches).
 * The shared case is computed as one 2-D product of [R·out, in] with the samples (the wasm
 * backend's broadcasting batched matMul is several times slower than that reshape).
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from './types';

export function activate(z: tf.Tensor, activation: Activation): tf.Tensor {
  if (activation === 'tanh') return tf.tanh(z);
  if (activation === 'relu') return tf.relu(z);
  return z;
}

/** A·B (or A·Bᵀ) for A [R, p, q] and B either shared (rank 2) or per replica (rank 3) */
export function timesShared(a: tf.Tensor, b: tf.Tensor, transposeB: boolean): tf.Tensor3D {
  const [R, p, q] = a.shape as [number, number, number];
  if (b.rank === 3) return tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D, false, transposeB);
  const flat = tf.matMul(tf.reshape(a, [R * p, q]) as tf.Tensor2D, b as tf.Tensor2D, false, transposeB);
  return tf.reshape(flat, [R, p, flat.shape[1] as number]) as tf.Tensor3D;
}

/**
 * Layer inputs of every layer plus the output: [x, a_1, …, a_D, f(x)], with a_l [R, width_l, N]
 * and f(x) [R, out, N].
 */
export function forward(weights: tf.Tensor3D[], x: tf.Tensor, activation: Activation): tf.Tensor[] {
  const acts: tf.Tensor[] = [x];
  let h: tf.Tensor = timesShared(weights[0], x, true);
  for (let l = 1; l < weights.length; l++) {
    h = activate(h, activation);
    acts.push(h);
    h = tf.matMul(weights[l], h);
  }
  acts.push(h);
  return acts;
}

/** δ ⊙ σ'(z) where `a` = σ(z) is the layer's output (tanh' = 1 − a², relu' = step(a)) */
function throughActivation(delta: tf.Tensor, a: tf.Tensor, activation: Activation): tf.Tensor {
  if (activation === 'tanh') return tf.mul(delta, tf.sub(1, tf.square(a)));
  if (activation === 'relu') return tf.mul(delta, tf.step(a));
  return delta;
}

/**
 * Backpropagation through the net whose activations `acts` came from `forward`, given
 * delta = ∂E/∂f(x) [R, out, N] for some objective E. Returns ∂E/∂W_l for every layer.
 */
export function backpropagate(weights: tf.Tensor3D[], acts: tf.Tensor[], delta: tf.Tensor, activation: Activation): tf.Tensor3D[] {
  const n = weights.length;
  const grads: tf.Tensor3D[] = new Array(n);
  let d = delta;
  for (let l = n - 1; l >= 0; l--) {
    grads[l] = l === 0 ? timesShared(d, acts[0], false) : (tf.matMul(d, acts[l], false, true) as tf.Tensor3D);
    if (l > 0) d = throughActivation(tf.matMul(weights[l], d, true, false), acts[l], activation);
  }
  return grads;
}

/**
 * ∂/∂W_l of (residualScale/2)·Σ_samples ‖f(x) − y‖² on the given samples (x [N, in] or [R, B, in];
 * yT [out, N] or [R, out, B]). residualScale = 2/N gives the data term of docs/physics.md §1.
 */
export function sampleGradients(weights: tf.Tensor3D[], x: tf.Tensor, yT: tf.Tensor, activation: Activation, residualScale: tf.Tensor | number): tf.Tensor3D[] {
  const acts = forward(weights, x, activation);
  const delta = tf.mul(tf.sub(acts[acts.length - 1], yT), residualScale);
  return backpropagate(weights, acts, delta, activation);
}

/** prefix products P_l = W_l ⋯ W_1, l = 1…n (P_n = M, the end-to-end map [R, out, in]) */
export function prefixProducts(weights: tf.Tensor3D[]): tf.Tensor3D[] {
  const prefix: tf.Tensor3D[] = [weights[0]];
  for (let l = 1; l < weights.length; l++) prefix.push(tf.matMul(weights[l], prefix[l - 1]));
  return prefix;
}

/**
 * suffix products S_l = W_n ⋯ W_{l+1} [R, out, width_l] for l = 0…n−2 (0-based layers; S_{n−1} is
 * the identity and returned as null)
 */
function suffixProducts(weights: tf.Tensor3D[]): Array<tf.Tensor3D | null> {
  const n = weights.length;
  const suffix: Array<tf.Tensor3D | null> = new Array(n).fill(null);
  if (n >= 2) suffix[n - 2] = weights[n - 1];
  for (let l = n - 3; l >= 0; l--) suffix[l] = tf.matMul(suffix[l + 1]!, weights[l + 1]) as tf.Tensor3D;
  return suffix;
}

/** chain products are cheaper from the output side when there are fewer outputs than inputs */
function fromOutputs(weights: tf.Tensor3D[]): boolean {
  return weights[weights.length - 1].shape[1] < weights[0].shape[2];
}

/** the end-to-end map M = W_n ⋯ W_1 [R, out, in], multiplied in the cheaper order */
export function endToEnd(weights: tf.Tensor3D[]): tf.Tensor3D {
  if (!fromOutputs(weights)) return prefixProducts(weights)[weights.length - 1];
  let m = weights[weights.length - 1];
  for (let l = weights.length - 2; l >= 0; l--) m = tf.matMul(m, weights[l]);
  return m;
}

/**
 * Gradients of a linear net's data term from the moments alone: with sxxScaled = c·Σxx and
 * syxScaled = c·Σyx, returns ∂/∂W_l of (c/2)·[tr(MΣxxMᵀ) − 2 tr(MΣyxᵀ)], i.e. c = 2 gives the
 * gradient of (1/N) Σ ‖y − Mx‖² exactly: ∂/∂M = G = 2(MΣxx − Σyx) and ∂/∂W_l = (W_n⋯W_{l+1})ᵀ·G·(W_{l−1}⋯W_1)ᵀ.
 * The chain is evaluated from whichever side is narrower (cost ∝ min(in, out)·Σ width²).
 */
export function momentGradients(weights: tf.Tensor3D[], sxxScaled: tf.Tensor2D, syxScaled: tf.Tensor2D): tf.Tensor3D[] {
  return fromOutputs(weights) ? momentGradientsFromOutputs(weights, sxxScaled, syxScaled) : momentGradientsFromInputs(weights, sxxScaled, syxScaled);
}

/** momentGradients with the products taken from the input side: δ_l = (W_n⋯W_{l+1})ᵀG, grad_l = δ_l·P_{l−1}ᵀ */
export function momentGradientsFromInputs(weights: tf.Tensor3D[], sxxScaled: tf.Tensor2D, syxScaled: tf.Tensor2D): tf.Tensor3D[] {
  const n = weights.length;
  const prefix = prefixProducts(weights);
  let d: tf.Tensor3D = tf.sub(timesShared(prefix[n - 1], sxxScaled, false), syxScaled);
  const grads: tf.Tensor3D[] = new Array(n);
  for (let l = n - 1; l >= 0; l--) {
    grads[l] = l === 0 ? d : tf.matMul(d, prefix[l - 1], false, true);
    if (l > 0) d = tf.matMul(weights[l], d, true, false);
  }
  return grads;
}

/** momentGradients with the products taken from the output side: ρ_l = G·(W_{l−1}⋯W_1)ᵀ, grad_l = S_lᵀ·ρ_l */
export function momentGradientsFromOutputs(weights: tf.Tensor3D[], sxxScaled: tf.Tensor2D, syxScaled: tf.Tensor2D): tf.Tensor3D[] {
  const n = weights.length;
  const suffix = suffixProducts(weights);
  const m = suffix[0] === null ? weights[0] : tf.matMul(suffix[0], weights[0]);
  let right: tf.Tensor3D = tf.sub(timesShared(m, sxxScaled, false), syxScaled);
  const grads: tf.Tensor3D[] = new Array(n);
  for (let l = 0; l < n; l++) {
    const s = suffix[l];
    grads[l] = s === null ? right : tf.matMul(s, right, true, false);
    if (l < n - 1) right = tf.matMul(right, weights[l], false, true);
  }
  return grads;
}

/** per-replica data term (1/N) Σ ‖f(x) − y‖² [R] on full samples x [N, in], yT [out, N] */
export function sampleLoss(weights: tf.Tensor3D[], x: tf.Tensor2D, yT: tf.Tensor2D, activation: Activation): tf.Tensor1D {
  const acts = forward(weights, x, activation);
  return tf.div(tf.sum(tf.square(tf.sub(acts[acts.length - 1], yT)), [1, 2]), x.shape[0]);
}

/** per-replica Σ_l ‖W_l‖² split by layer: one [R] tensor per layer */
export function layerNormsSquared(weights: tf.Tensor3D[]): tf.Tensor1D[] {
  return weights.map((w) => tf.sum(tf.square(w), [1, 2]));
}
