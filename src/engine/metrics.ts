/**
 * Turning the one packed read-back of a chunk into Metrics (plain TypeScript).
 *
 * Packed layout, per chunk: [‖W_1‖² (R), …, ‖W_n‖² (R), M (R·out·in), then for nonlinear nets the
 * train loss (R) and the test loss (R)]. M is the end-to-end map W_n⋯W_1 of linear nets, or the
 * linear response Cov(f(x), x)·Cov(x)⁻¹ on the training inputs of nonlinear ones.
 */
import { linearLoss } from '../data/moments';
import type { Dataset } from '../data/types';
import { singularValues } from '../linalg';
import type { Metrics } from './types';

export interface PackShape {
  replicas: number;
  layers: number;
  inputDim: number;
  outputDim: number;
  /** losses come from the tensors (nonlinear) rather than from M and the moments (linear) */
  lossesPacked: boolean;
}

export function packedLength(shape: PackShape): number {
  const { replicas: R, layers, inputDim, outputDim } = shape;
  return R * layers + R * outputDim * inputDim + (shape.lossesPacked ? 2 * R : 0);
}

export function unpackMetrics(values: Float32Array, shape: PackShape, data: Dataset, gammas: ArrayLike<number>, step: number): Metrics {
  const { replicas: R, layers, inputDim: nIn, outputDim: nOut } = shape;
  if (values.length !== packedLength(shape)) throw new Error(`metrics: packed length ${values.length} ≠ ${packedLength(shape)}`);
  const mSize = nOut * nIn;
  const mStart = R * layers;
  const lossStart = mStart + R * mSize;
  const rank = Math.min(nIn, nOut);
  const features = data.syxSvd.values.length;

  const metrics: Metrics = {
    step,
    replicas: R,
    trainLoss: new Float32Array(R),
    testLoss: new Float32Array(R),
    penalty: new Float32Array(R),
    normSq: new Float32Array(R),
    layerNormSq: new Float32Array(R * layers),
    singularValues: new Float32Array(R * rank),
    modeOverlaps: new Float32Array(R * features),
    diverged: new Uint8Array(R),
  };

  for (let r = 0; r < R; r++) {
    let norm = 0;
    for (let l = 0; l < layers; l++) {
      const v = values[l * R + r];
      metrics.layerNormSq[r * layers + l] = v;
      norm += v;
    }
    metrics.normSq[r] = norm;
    metrics.penalty[r] = gammas[r] * norm;

    const m = values.subarray(mStart + r * mSize, mStart + (r + 1) * mSize);
    if (shape.lossesPacked) {
      metrics.trainLoss[r] = values[lossStart + r];
      metrics.testLoss[r] = values[lossStart + R + r];
    } else {
      // exact for linear nets; clamp float rounding below the true minimum 0
      metrics.trainLoss[r] = Math.max(0, linearLoss(data.train, m, nIn, nOut));
      metrics.testLoss[r] = Math.max(0, linearLoss(data.test, m, nIn, nOut));
    }
    metrics.singularValues.set(singularValues(m, nOut, nIn), r * rank);
    for (let k = 0; k < features; k++) {
      const u = data.syxSvd.u.subarray(k * nOut, (k + 1) * nOut);
      const v = data.syxSvd.v.subarray(k * nIn, (k + 1) * nIn);
      let p = 0;
      for (let i = 0; i < nOut; i++) {
        let mv = 0;
        for (let j = 0; j < nIn; j++) mv += m[i * nIn + j] * v[j];
        p += u[i] * mv;
      }
      metrics.modeOverlaps[r * features + k] = p;
    }
  }
  return metrics;
}
