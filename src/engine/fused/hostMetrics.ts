/**
 * The packed metrics vector of metrics.ts (the layout the tfjs trainer reads back), computed on the
 * host in float64 from float32 weights, so every fused kernel reports through the same
 * unpackMetrics as the tfjs path: layer norms, M (the end-to-end map of a linear net, or the
 * linear response f·Z of a nonlinear one, Z from linearResponseWeights), and for nonlinear nets
 * the train and test losses from a forward pass over the samples.
 */
import type { Dataset } from '../../data/types';
import { linearResponseWeights } from '../linearResponse';
import { packedLength, type PackShape } from '../metrics';
import { layerShapes } from '../model';
import type { NetSpec, Weights } from '../types';

export class HostMetrics {
  readonly shape: PackShape;
  private readonly shapes: Array<[number, number]>;
  /** Z [N, in] of the linear response (nonlinear nets only) */
  private readonly response: Float32Array | null;
  private readonly maxWidth: number;

  constructor(
    private readonly net: NetSpec,
    private readonly data: Dataset,
    replicas: number,
  ) {
    this.shapes = layerShapes(net);
    const nonlinear = net.activation !== 'linear';
    this.shape = { replicas, layers: this.shapes.length, inputDim: net.inputDim, outputDim: net.outputDim, lossesPacked: nonlinear };
    this.response = nonlinear ? linearResponseWeights(data) : null;
    this.maxWidth = Math.max(net.inputDim, net.outputDim, ...net.hiddenWidths);
  }

  pack(weights: Weights[]): Float32Array {
    const { replicas: R, layers, inputDim: nIn, outputDim: nOut } = this.shape;
    const packed = new Float32Array(packedLength(this.shape));
    const mStart = R * layers;
    const mSize = nOut * nIn;
    weights.forEach((w, r) => {
      for (let l = 0; l < layers; l++) {
        let s = 0;
        for (let i = 0; i < w[l].length; i++) s += w[l][i] * w[l][i];
        packed[l * R + r] = s;
      }
      if (!this.response) {
        packed.set(endToEndMap(w, this.shapes), mStart + r * mSize);
        return;
      }
      const train = this.outputs(w, this.data.trainX, this.data.trainSize);
      const test = this.outputs(w, this.data.testX, this.data.testSize);
      const { trainSize: N, testSize } = this.data;
      // M = f·Z: [out, N]·[N, in]
      const m = new Float64Array(mSize);
      for (let s = 0; s < N; s++) {
        for (let i = 0; i < nOut; i++) {
          const f = train[s * nOut + i];
          for (let j = 0; j < nIn; j++) m[i * nIn + j] += f * this.response[s * nIn + j];
        }
      }
      packed.set(m, mStart + r * mSize);
      const lossStart = mStart + R * mSize;
      packed[lossStart + r] = squaredError(train, this.data.trainY) / N;
      packed[lossStart + R + r] = squaredError(test, this.data.testY) / testSize;
    });
    return packed;
  }

  /** f(x) for the N samples of x [N, in]: [N, out] */
  private outputs(weights: Weights, x: Float32Array, N: number): Float64Array {
    const { activation } = this.net;
    const nIn = this.net.inputDim;
    const nOut = this.net.outputDim;
    const out = new Float64Array(N * nOut);
    let a = new Float64Array(this.maxWidth);
    let z = new Float64Array(this.maxWidth);
    for (let s = 0; s < N; s++) {
      for (let j = 0; j < nIn; j++) a[j] = x[s * nIn + j];
      for (let l = 0; l < this.shapes.length; l++) {
        const [rows, cols] = this.shapes[l];
        const w = weights[l];
        const last = l === this.shapes.length - 1;
        for (let i = 0; i < rows; i++) {
          let v = 0;
          for (let k = 0; k < cols; k++) v += w[i * cols + k] * a[k];
          if (!last) v = activation === 'tanh' ? Math.tanh(v) : activation === 'relu' ? Math.max(v, 0) : v;
          z[i] = v;
        }
        const t = a;
        a = z;
        z = t;
      }
      for (let i = 0; i < nOut; i++) out[s * nOut + i] = a[i];
    }
    return out;
  }
}

/** M = W_n⋯W_1 of one replica [out, in] in float64 */
export function endToEndMap(weights: Weights, shapes: Array<[number, number]>): Float64Array {
  const nIn = shapes[0][1];
  let m = Float64Array.from(weights[0]);
  for (let l = 1; l < shapes.length; l++) {
    const [rows, cols] = shapes[l];
    const next = new Float64Array(rows * nIn);
    for (let i = 0; i < rows; i++) {
      for (let k = 0; k < cols; k++) {
        const wik = weights[l][i * cols + k];
        if (wik === 0) continue;
        for (let j = 0; j < nIn; j++) next[i * nIn + j] += wik * m[k * nIn + j];
      }
    }
    m = next;
  }
  return m;
}

function squaredError(f: Float64Array, y: Float32Array): number {
  let s = 0;
  for (let i = 0; i < f.length; i++) {
    const e = f[i] - y[i];
    s += e * e;
  }
  return s;
}
