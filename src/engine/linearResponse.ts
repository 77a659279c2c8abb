/**
 * The linear response of a nonlinear net, reported as its "end-to-end map" (plain TypeScript).
 */
import { pseudoInverse } from '../linalg';
import type { Dataset } from '../data/types';

/**
 * Z [N × in] such that f·Z = Cov(f(x), x)·Cov(x)⁻¹ for outputs f [out × N] on the training inputs:
 * Z = X_c·Cov(x)⁺/N with X_c the centred inputs (centring f is then unnecessary: the columns of
 * X_c sum to 0). For a linear map f = Mx this gives M exactly.
 */
export function linearResponseWeights(data: Dataset): Float32Array {
  const { trainSize: N, inputDim: d, trainX } = data;
  const mean = new Float64Array(d);
  for (let s = 0; s < N; s++) for (let j = 0; j < d; j++) mean[j] += trainX[s * d + j] / N;
  const centred = Float64Array.from({ length: N * d }, (_, i) => trainX[i] - mean[i % d]);
  const cov = new Float64Array(d * d);
  for (let s = 0; s < N; s++) {
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i * d + j] += (centred[s * d + i] * centred[s * d + j]) / N;
  }
  const inverse = pseudoInverse(cov, d, d);
  const z = new Float32Array(N * d);
  for (let s = 0; s < N; s++) {
    for (let j = 0; j < d; j++) {
      let v = 0;
      for (let i = 0; i < d; i++) v += centred[s * d + i] * inverse[i * d + j];
      z[s * d + j] = v / N;
    }
  }
  return z;
}
