/**
 * Empirical moments of a sample (1/N, uncentered: the form the loss sees) and the spectral facts
 * every theory overlay needs (docs/physics.md §2: overlays use the empirical moments).
 */
import { svd } from '../linalg';
import type { Dataset, Moments } from './types';

/** Σxx = XᵀX/N, Σyx = YᵀX/N, Σyy = YᵀY/N from row-major samples X [N × in], Y [N × out] */
export function computeMoments(x: ArrayLike<number>, y: ArrayLike<number>, count: number, inputDim: number, outputDim: number): Moments {
  const sxx = new Float64Array(inputDim * inputDim);
  const syx = new Float64Array(outputDim * inputDim);
  const syy = new Float64Array(outputDim * outputDim);
  for (let s = 0; s < count; s++) {
    const xo = s * inputDim;
    const yo = s * outputDim;
    for (let i = 0; i < inputDim; i++) {
      const xi = x[xo + i];
      for (let j = 0; j < inputDim; j++) sxx[i * inputDim + j] += xi * x[xo + j];
    }
    for (let i = 0; i < outputDim; i++) {
      const yi = y[yo + i];
      for (let j = 0; j < inputDim; j++) syx[i * inputDim + j] += yi * x[xo + j];
      for (let j = 0; j < outputDim; j++) syy[i * outputDim + j] += yi * y[yo + j];
    }
  }
  const scale = count > 0 ? 1 / count : NaN;
  for (const m of [sxx, syx, syy]) for (let i = 0; i < m.length; i++) m[i] *= scale;
  return { sxx, syx, syy };
}

/** SVD of Σyx (values descending) and the input strengths a_k = v_kᵀ Σxx v_k */
export function featureSpectrum(moments: Moments, inputDim: number, outputDim: number): Pick<Dataset, 'syxSvd' | 'inputStrength'> {
  const syxSvd = svd(moments.syx, outputDim, inputDim);
  const inputStrength = syxSvd.values.map((_, k) => {
    const v = syxSvd.v.subarray(k * inputDim, (k + 1) * inputDim);
    let a = 0;
    for (let i = 0; i < inputDim; i++) for (let j = 0; j < inputDim; j++) a += v[i] * moments.sxx[i * inputDim + j] * v[j];
    return a;
  });
  return { syxSvd, inputStrength };
}

/** data term (1/N) Σ ‖y − Mx‖² of a linear map M [out × in] from the moments (exact) */
export function linearLoss(moments: Moments, m: ArrayLike<number>, inputDim: number, outputDim: number): number {
  let loss = 0;
  for (let i = 0; i < outputDim; i++) loss += moments.syy[i * outputDim + i];
  for (let i = 0; i < outputDim; i++) {
    for (let j = 0; j < inputDim; j++) {
      let msxx = 0;
      for (let p = 0; p < inputDim; p++) msxx += m[i * inputDim + p] * moments.sxx[p * inputDim + j];
      loss += m[i * inputDim + j] * (msxx - 2 * moments.syx[i * inputDim + j]);
    }
  }
  return loss;
}
