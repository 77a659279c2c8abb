/**
 * The 'js' step kernel: K optimizer steps for R replicas in plain TypeScript, no per-op dispatch.
 *
 * State: every replica's weights in ONE Float64Array (replica r at r·P, layers in order, each
 * row-major [out, in]); all products go into scratch allocated once. A step of replica r:
 *   moments  G = 2(MΣxx − Σyx), back through the chain from the narrower side (as kernels.ts
 *            momentGradients: from the outputs when out < in), each layer updated as soon as the
 *            products that need its old value are taken (no gradient buffer)
 *   samples  forward and backward layer by layer over the full set or the replica's minibatch
 *            (streams.ts MinibatchOrder: the batches of the tfjs path), samples along the
 *            contiguous axis so the inner loops are long
 *   update   W ← W − lr·(2γ_r·W + ∇data) + √(2·lr·T_r)·ξ (ξ: Philox, noise/philox.ts convention)
 * No closures or allocations inside run(); hot loops are specialised by activation and chain side
 * through plain branches outside the inner loops (no generated code: the CSP has no unsafe-eval).
 *
 * Subnormals: the state is float64, so the float32 reasons of the tfjs path's decay folding
 * (FOLDED_DECAY_MIN) do not apply: the exact form W − lr·(2γW + ∇) is used always. At each chunk
 * end entries below float32's smallest normal are set to 0, as the tfjs trainer does: weights
 * leave the kernel as float32 anyway (where they would be subnormal or 0), an exactly-zero state
 * stays the fixed point the app relies on, and float64 subnormals (slow on x86) never arise.
 */
import { layerShapes, parameterCount } from '../model';
import { stepStrategy } from '../optimizers';
import { MinibatchOrder } from '../streams';
import type { Weights } from '../types';
import type { KernelFactory, KernelSpec, StepHyper, StepKernel } from './kernel';
import { philoxNormals, roundKeys, ROUNDS } from './philoxNormals';

const LINEAR = 0;
const TANH = 1;
const RELU = 2;
const FLOAT32_MIN_NORMAL = 1.1754944e-38;

class JsKernel implements StepKernel {
  readonly name = 'js' as const;
  private readonly R: number;
  private readonly P: number;
  private readonly n: number;
  private readonly nIn: number;
  private readonly nOut: number;
  private readonly rows: Int32Array;
  private readonly cols: Int32Array;
  private readonly offsets: Int32Array;
  private readonly act: number;
  private readonly moments: boolean;
  private readonly fromOutputs: boolean;
  private readonly w: Float64Array;

  // data
  private readonly sxx2: Float64Array;
  private readonly syx2: Float64Array;
  /** training samples row-major [N, in] / [N, out] (minibatch gathers) */
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  /** training targets [out, N] (full-batch steps) */
  private readonly yT: Float64Array;
  private readonly batchY: Float64Array;
  private readonly samplesPerStep: number;

  // scratch
  /** chain products: prefix P_l = W_l⋯W_0 [out_l, nIn] or suffix S_l = W_{n−1}⋯W_{l+1} [nOut, out_l] */
  private readonly chain: Float64Array;
  private readonly chainOffsets: Int32Array;
  /** two ping-pong buffers for the backward chain (G, δ_l, ρ_l, M; Δ_l [width, B]) */
  private readonly bufA: Float64Array;
  private readonly bufB: Float64Array;
  /** per-layer inputs A_l [in_l, B] (A_0 = the samples) and the output, at actOffsets[l]·B */
  private readonly acts: Float64Array;
  private readonly actOffsets: Int32Array;
  private readonly noise: Float64Array;
  private readonly keys: Uint32Array;

  private readonly order: MinibatchOrder | null;
  private readonly batch: Int32Array;
  /** steps the minibatch order has produced (absolute) */
  private orderStep = 0;

  constructor(spec: KernelSpec) {
    const { net, data } = spec;
    const shapes = layerShapes(net);
    this.R = spec.replicas;
    this.P = parameterCount(net);
    this.n = shapes.length;
    this.nIn = net.inputDim;
    this.nOut = net.outputDim;
    this.rows = Int32Array.from(shapes, ([out]) => out);
    this.cols = Int32Array.from(shapes, ([, inp]) => inp);
    this.offsets = new Int32Array(this.n);
    for (let l = 1; l < this.n; l++) this.offsets[l] = this.offsets[l - 1] + this.rows[l - 1] * this.cols[l - 1];
    this.act = net.activation === 'tanh' ? TANH : net.activation === 'relu' ? RELU : LINEAR;
    this.moments = spec.path === 'moments';
    this.fromOutputs = this.nOut < this.nIn;
    this.w = new Float64Array(this.R * this.P);

    this.sxx2 = Float64Array.from(data.train.sxx, (v) => 2 * v);
    this.syx2 = Float64Array.from(data.train.syx, (v) => 2 * v);
    const strategy = stepStrategy(spec.optimizer);
    const minibatches = strategy.usesMinibatches;
    const samples = !this.moments;
    const N = data.trainSize;
    const B = samples ? (minibatches ? spec.batchSize : N) : 0;
    this.samplesPerStep = B;
    this.x = samples && minibatches ? Float64Array.from(data.trainX) : new Float64Array(0);
    this.y = samples && minibatches ? Float64Array.from(data.trainY) : new Float64Array(0);
    const fullBatch = samples && !minibatches;
    this.yT = new Float64Array(fullBatch ? this.nOut * N : 0);
    if (fullBatch) {
      for (let s = 0; s < N; s++) for (let i = 0; i < this.nOut; i++) this.yT[i * N + s] = data.trainY[s * this.nOut + i];
    }
    this.batchY = new Float64Array(samples && minibatches ? this.nOut * B : 0);

    const maxDim = Math.max(this.nIn, this.nOut, ...net.hiddenWidths);
    this.chainOffsets = new Int32Array(this.n);
    let chainSize = 0;
    for (let l = 0; l < this.n; l++) {
      this.chainOffsets[l] = chainSize;
      chainSize += this.fromOutputs ? this.nOut * this.rows[l] : this.rows[l] * this.nIn;
    }
    this.chain = new Float64Array(chainSize);
    this.bufA = new Float64Array(maxDim * Math.max(maxDim, B));
    this.bufB = new Float64Array(maxDim * Math.max(maxDim, B));
    this.actOffsets = new Int32Array(this.n + 1);
    for (let l = 1; l <= this.n; l++) this.actOffsets[l] = this.actOffsets[l - 1] + this.cols[l - 1];
    this.acts = new Float64Array((this.actOffsets[this.n] + this.nOut) * B);
    if (fullBatch) {
      // A_0 = Xᵀ once: nothing else writes the input rows
      for (let s = 0; s < N; s++) for (let j = 0; j < this.nIn; j++) this.acts[j * N + s] = data.trainX[s * this.nIn + j];
    }
    this.noise = new Float64Array(this.P);
    this.keys = new Uint32Array(this.R * 2 * ROUNDS);
    spec.noiseSeeds.forEach((seed, r) => roundKeys(seed, this.keys, r * 2 * ROUNDS));

    this.order = minibatches ? new MinibatchOrder(spec.noiseSeeds, data.trainSize, spec.batchSize) : null;
    this.batch = new Int32Array(this.order ? this.R * spec.batchSize : 0);
  }

  setWeights(replica: number, weights: Weights): void {
    const base = replica * this.P;
    for (let l = 0; l < this.n; l++) {
      const layer = weights[l];
      const o = base + this.offsets[l];
      for (let i = 0; i < layer.length; i++) this.w[o + i] = layer[i];
    }
  }

  getWeights(replica: number): Weights {
    const base = replica * this.P;
    const out: Weights = [];
    for (let l = 0; l < this.n; l++) {
      const o = base + this.offsets[l];
      out.push(Float32Array.from(this.w.subarray(o, o + this.rows[l] * this.cols[l])));
    }
    return out;
  }

  run(steps: number, hyper: StepHyper): void {
    if (steps <= 0) return;
    const { lr, gammas, temperatures, frozen, firstStep } = hyper;
    const R = this.R;
    if (this.order) {
      if (firstStep < this.orderStep) throw new Error(`js kernel: the minibatch order is at step ${this.orderStep}, cannot rewind to ${firstStep}`);
      this.order.advance(firstStep - this.orderStep);
      this.orderStep = firstStep;
      for (let s = 0; s < steps; s++) {
        this.order.next(this.batch);
        this.orderStep++;
        for (let r = 0; r < R; r++) {
          const amplitude = frozen[r] ? 0 : Math.sqrt(2 * lr * temperatures[r]);
          this.step(r, firstStep + s, lr, gammas[r], amplitude);
        }
      }
    } else {
      for (let r = 0; r < R; r++) {
        const amplitude = frozen[r] ? 0 : Math.sqrt(2 * lr * temperatures[r]);
        const gamma = gammas[r];
        for (let s = 0; s < steps; s++) this.step(r, firstStep + s, lr, gamma, amplitude);
      }
    }
    const w = this.w;
    for (let i = 0; i < w.length; i++) if (Math.abs(w[i]) < FLOAT32_MIN_NORMAL) w[i] = 0;
  }

  dispose(): void {}

  private step(r: number, step: number, lr: number, gamma: number, amplitude: number): void {
    const noisy = amplitude > 0;
    if (noisy) philoxNormals(this.keys, r * 2 * ROUNDS, step, this.P, amplitude, this.noise, 0);
    if (this.moments) {
      if (this.fromOutputs) this.momentStepFromOutputs(r * this.P, lr, 2 * lr * gamma, noisy);
      else this.momentStepFromInputs(r * this.P, lr, 2 * lr * gamma, noisy);
    } else {
      this.sampleStep(r, lr, 2 * lr * gamma, noisy);
    }
  }

  /** G = M·(2Σxx) − 2Σyx into bufA ([nOut, nIn]) from M at (m, mOffset) */
  private momentResidual(m: Float64Array, mOffset: number): void {
    const { nIn, nOut, sxx2, syx2 } = this;
    const g = this.bufA;
    for (let i = 0; i < nOut; i++) {
      const mi = mOffset + i * nIn;
      for (let j = 0; j < nIn; j++) {
        let v = -syx2[i * nIn + j];
        for (let k = 0; k < nIn; k++) v += m[mi + k] * sxx2[k * nIn + j];
        g[i * nIn + j] = v;
      }
    }
  }

  /**
   * Moment step from the input side: prefix P_l = W_l⋯W_0 [out_l, nIn]; δ_{n−1} = G,
   * ∇W_l = δ_l·P_{l−1}ᵀ (l > 0; δ_0 for l = 0), δ_{l−1} = W_lᵀ·δ_l.
   */
  private momentStepFromInputs(base: number, lr: number, decay: number, noisy: boolean): void {
    const { w, n, nIn, rows, cols, offsets, chain, chainOffsets, noise } = this;
    // prefix products (P_0 = W_0 copied, so every layer reads the chain alike)
    {
      const o = base + offsets[0];
      const size = rows[0] * nIn;
      for (let i = 0; i < size; i++) chain[i] = w[o + i];
    }
    for (let l = 1; l < n; l++) {
      const out = rows[l];
      const inp = cols[l];
      const wo = base + offsets[l];
      const po = chainOffsets[l - 1];
      const co = chainOffsets[l];
      for (let i = 0; i < out; i++) {
        for (let j = 0; j < nIn; j++) {
          let v = 0;
          for (let k = 0; k < inp; k++) v += w[wo + i * inp + k] * chain[po + k * nIn + j];
          chain[co + i * nIn + j] = v;
        }
      }
    }
    this.momentResidual(chain, chainOffsets[n - 1]);
    let d = this.bufA;
    let next = this.bufB;
    for (let l = n - 1; l >= 0; l--) {
      const out = rows[l];
      const inp = cols[l];
      const wo = base + offsets[l];
      if (l > 0) {
        // δ_{l−1} = W_lᵀ δ_l  [inp, nIn], from the old W_l
        for (let i = 0; i < inp; i++) {
          for (let j = 0; j < nIn; j++) {
            let v = 0;
            for (let k = 0; k < out; k++) v += w[wo + k * inp + i] * d[k * nIn + j];
            next[i * nIn + j] = v;
          }
        }
        const po = chainOffsets[l - 1];
        const no = offsets[l];
        for (let i = 0; i < out; i++) {
          for (let j = 0; j < inp; j++) {
            let g = 0;
            for (let k = 0; k < nIn; k++) g += d[i * nIn + k] * chain[po + j * nIn + k];
            const e = wo + i * inp + j;
            let v = w[e] - (decay * w[e] + lr * g);
            if (noisy) v += noise[no + i * inp + j];
            w[e] = v;
          }
        }
        const t = d;
        d = next;
        next = t;
      } else {
        const size = out * inp; // δ_0 is [rows_0, nIn] = the shape of W_0
        for (let e = 0; e < size; e++) {
          let v = w[wo + e] - (decay * w[wo + e] + lr * d[e]);
          if (noisy) v += noise[e];
          w[wo + e] = v;
        }
      }
    }
  }

  /**
   * Moment step from the output side: suffix S_l = W_{n−1}⋯W_{l+1} [nOut, out_l] (S_{n−1} = I);
   * ρ_0 = G, ∇W_l = S_lᵀ·ρ_l (ρ_{n−1} for the last layer), ρ_{l+1} = ρ_l·W_lᵀ.
   */
  private momentStepFromOutputs(base: number, lr: number, decay: number, noisy: boolean): void {
    const { w, n, nIn, nOut, rows, cols, offsets, chain, chainOffsets, noise } = this;
    if (n >= 2) {
      const o = base + offsets[n - 1];
      const co = chainOffsets[n - 2];
      const size = nOut * rows[n - 2];
      for (let i = 0; i < size; i++) chain[co + i] = w[o + i];
    }
    for (let l = n - 3; l >= 0; l--) {
      // S_l = S_{l+1}·W_{l+1}: [nOut, out_{l+1}]·[out_{l+1}, out_l]
      const mid = rows[l + 1];
      const out = rows[l];
      const so = chainOffsets[l + 1];
      const wo = base + offsets[l + 1];
      const co = chainOffsets[l];
      for (let i = 0; i < nOut; i++) {
        for (let j = 0; j < out; j++) {
          let v = 0;
          for (let k = 0; k < mid; k++) v += chain[so + i * mid + k] * w[wo + k * out + j];
          chain[co + i * out + j] = v;
        }
      }
    }
    // M = S_0·W_0 into bufB (or W_0 itself for D = 0)
    if (n === 1) {
      this.momentResidual(w, base + offsets[0]);
    } else {
      const m = this.bufB;
      const mid = rows[0];
      const wo = base + offsets[0];
      for (let i = 0; i < nOut; i++) {
        for (let j = 0; j < nIn; j++) {
          let v = 0;
          for (let k = 0; k < mid; k++) v += chain[i * mid + k] * w[wo + k * nIn + j];
          m[i * nIn + j] = v;
        }
      }
      this.momentResidual(m, 0);
    }
    let right = this.bufA;
    let next = this.bufB;
    for (let l = 0; l < n; l++) {
      const out = rows[l];
      const inp = cols[l];
      const wo = base + offsets[l];
      const no = offsets[l];
      if (l < n - 1) {
        // ρ_{l+1} = ρ_l·W_lᵀ: [nOut, inp]·[inp, out], from the old W_l
        for (let i = 0; i < nOut; i++) {
          for (let j = 0; j < out; j++) {
            let v = 0;
            for (let k = 0; k < inp; k++) v += right[i * inp + k] * w[wo + j * inp + k];
            next[i * out + j] = v;
          }
        }
        const so = chainOffsets[l];
        for (let i = 0; i < out; i++) {
          for (let j = 0; j < inp; j++) {
            let g = 0;
            for (let k = 0; k < nOut; k++) g += chain[so + k * out + i] * right[k * inp + j];
            const e = wo + i * inp + j;
            let v = w[e] - (decay * w[e] + lr * g);
            if (noisy) v += noise[no + i * inp + j];
            w[e] = v;
          }
        }
        const t = right;
        right = next;
        next = t;
      } else {
        const size = out * inp;
        for (let e = 0; e < size; e++) {
          let v = w[wo + e] - (decay * w[wo + e] + lr * right[e]);
          if (noisy) v += noise[no + e];
          w[wo + e] = v;
        }
      }
    }
  }

  /**
   * Full-batch or minibatch step on the samples, layer by layer over all B samples at once
   * (activations [width, B], samples along the contiguous axis, so every inner loop runs over B):
   * Z_l = W_l·A_l, Δ_out = (2/B)(f − y), Δ_{l−1} = (W_lᵀΔ_l) ⊙ σ′(A_l), ∇W_l = Δ_l·A_lᵀ; W_l is
   * updated right after Δ_{l−1} is taken from it.
   */
  private sampleStep(r: number, lr: number, decay: number, noisy: boolean): void {
    const { w, n, nOut, rows, cols, offsets, acts, actOffsets, noise, act } = this;
    const base = r * this.P;
    const B = this.samplesPerStep;
    const scale = 2 / B;
    if (this.order) this.gatherBatch(r, B);
    const target = this.order ? this.batchY : this.yT;
    // forward
    for (let l = 0; l < n; l++) {
      const out = rows[l];
      const inp = cols[l];
      const wo = base + offsets[l];
      const ai = actOffsets[l] * B;
      const ao = actOffsets[l + 1] * B;
      const hidden = l < n - 1;
      for (let i = 0; i < out; i++) {
        const zo = ao + i * B;
        for (let s = 0; s < B; s++) acts[zo + s] = 0;
        for (let k = 0; k < inp; k++) {
          const wik = w[wo + i * inp + k];
          if (wik === 0) continue;
          const ak = ai + k * B;
          for (let s = 0; s < B; s++) acts[zo + s] += wik * acts[ak + s];
        }
        if (hidden && act === TANH) for (let s = 0; s < B; s++) acts[zo + s] = Math.tanh(acts[zo + s]);
        else if (hidden && act === RELU) for (let s = 0; s < B; s++) if (!(acts[zo + s] > 0)) acts[zo + s] = 0;
      }
    }
    // Δ at the output
    let d = this.bufA;
    let next = this.bufB;
    const fo = actOffsets[n] * B;
    for (let e = 0; e < nOut * B; e++) d[e] = scale * (acts[fo + e] - target[e]);
    // backward, updating each layer once Δ below it is taken
    for (let l = n - 1; l >= 0; l--) {
      const out = rows[l];
      const inp = cols[l];
      const wo = base + offsets[l];
      const no = offsets[l];
      const ai = actOffsets[l] * B;
      if (l > 0) {
        for (let j = 0; j < inp; j++) {
          const nj = j * B;
          for (let s = 0; s < B; s++) next[nj + s] = 0;
          for (let i = 0; i < out; i++) {
            const wij = w[wo + i * inp + j];
            if (wij === 0) continue;
            const di = i * B;
            for (let s = 0; s < B; s++) next[nj + s] += wij * d[di + s];
          }
          const aj = ai + nj;
          if (act === TANH) {
            for (let s = 0; s < B; s++) {
              const a = acts[aj + s];
              next[nj + s] *= 1 - a * a;
            }
          } else if (act === RELU) {
            for (let s = 0; s < B; s++) if (!(acts[aj + s] > 0)) next[nj + s] = 0;
          }
        }
      }
      for (let i = 0; i < out; i++) {
        const di = i * B;
        for (let j = 0; j < inp; j++) {
          const aj = ai + j * B;
          let g = 0;
          for (let s = 0; s < B; s++) g += d[di + s] * acts[aj + s];
          const e = wo + i * inp + j;
          let v = w[e] - (decay * w[e] + lr * g);
          if (noisy) v += noise[no + i * inp + j];
          w[e] = v;
        }
      }
      if (l > 0) {
        const t = d;
        d = next;
        next = t;
      }
    }
  }

  /** replica r's minibatch into A_0 [nIn, B] and batchY [nOut, B] */
  private gatherBatch(r: number, B: number): void {
    const { nIn, nOut, acts, batch, x, y, batchY } = this;
    for (let b = 0; b < B; b++) {
      const sample = batch[r * B + b];
      for (let j = 0; j < nIn; j++) acts[j * B + b] = x[sample * nIn + j];
      for (let i = 0; i < nOut; i++) batchY[i * B + b] = y[sample * nOut + i];
    }
  }
}

export const jsKernelFactory: KernelFactory = {
  name: 'js',
  unsupported(spec: KernelSpec): string | null {
    if (spec.path === 'moments' && spec.net.activation !== 'linear') return `the moment path needs a linear net, got ${spec.net.activation}`;
    if (spec.path === 'moments' && stepStrategy(spec.optimizer).usesMinibatches) return `the moment path is full-batch, '${spec.optimizer}' uses minibatches`;
    return null;
  },
  create(spec: KernelSpec): StepKernel {
    const why = this.unsupported(spec);
    if (why) throw new Error(`js kernel: ${why}`);
    return new JsKernel(spec);
  },
};
