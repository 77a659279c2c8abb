/**
 * The divergence rule shared by every trainer: a replica is flagged when its training loss or
 * ‖θ‖² is not finite, or its loss exceeds DIVERGENCE_FACTOR × its loss scale. Flags are sticky
 * until the replica's weights are replaced; a flagged replica keeps running (its arithmetic stays
 * in its own slice of the batch) but takes no Langevin noise.
 */
import type { Dataset } from '../data/types';
import type { Metrics, Weights } from './types';

/** a loss above DIVERGENCE_FACTOR × the replica's initial scale counts as diverged */
export const DIVERGENCE_FACTOR = 1e6;

/**
 * A bound on the data term that the weights can reach, the yardstick for divergence:
 * ‖f(x)‖ ≤ ∏_l ‖W_l‖_F·‖x‖ for linear, tanh and relu, so loss ≤ 2(tr Σyy + ∏_l ‖W_l‖²·tr Σxx).
 */
export function lossScaleOf(data: Dataset, weights: Weights): number {
  const { sxx, syy } = data.train;
  const trace = (m: Float64Array, n: number) => Array.from({ length: n }, (_, i) => m[i * n + i]).reduce((a, b) => a + b, 0);
  let product = 1;
  for (const w of weights) {
    let s = 0;
    for (let i = 0; i < w.length; i++) s += w[i] * w[i];
    product *= s;
  }
  const scale = 2 * (trace(syy, data.outputDim) + product * trace(sxx, data.inputDim));
  return Number.isFinite(scale) ? Math.max(scale, 1) : Number.MAX_VALUE;
}

export class DivergenceFlags {
  /** 1 = diverged (sticky) */
  readonly flags: Uint8Array;
  private readonly lossScale: Float64Array;

  constructor(
    private readonly data: Dataset,
    initial: Weights[],
  ) {
    this.flags = new Uint8Array(initial.length);
    this.lossScale = Float64Array.from(initial, (w) => lossScaleOf(data, w));
  }

  /** new weights clear a replica's flag and reset its loss scale */
  revive(replica: number, weights: Weights): void {
    this.lossScale[replica] = lossScaleOf(this.data, weights);
    this.flags[replica] = 0;
  }

  /** flag replicas by the rule above and copy the flags into metrics.diverged */
  update(metrics: Metrics): void {
    for (let r = 0; r < this.flags.length; r++) {
      const loss = metrics.trainLoss[r];
      if (!Number.isFinite(loss) || !Number.isFinite(metrics.normSq[r]) || loss > DIVERGENCE_FACTOR * this.lossScale[r]) {
        this.flags[r] = 1;
      }
    }
    metrics.diverged.set(this.flags);
  }
}
