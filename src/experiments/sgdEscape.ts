/**
 * SGD-driven escape, as Ersoy–Wiesner ran it (physics.md §5, issue 10 build item 3): escape fraction
 * and escape times over (start fraction f of the weak mode's saddle, lr/B) under plain minibatch
 * SGD, beside plain GD (the deterministic reference) and Langevin at a matched temperature.
 *
 * Matching (derived, not assumed): one SGD step is θ ← θ − lr·(g + ζ) with E ζ = 0 and
 * Cov ζ = Σ_g·(N − B)/((N − 1)·B), Σ_g the per-sample gradient covariance (sampling without
 * replacement). A Langevin step adds √(2·lr·T)·ξ, covariance 2·lr·T·I. Equal covariance per
 * parameter, with Σ_g replaced by its mean diagonal σ̄² (measured at the start state):
 *     T = (lr / 2B) · σ̄² · (N − B)/(N − 1)
 * so "T = lr/(2B)" is the σ̄² = 1, N → ∞ case. The isotropic stand-in is exactly what SGD lacks near
 * a rank trap: along the weak mode its noise vanishes with the mode (variance ∝ s²).
 */
import type { Dataset } from '../data/types';
import type { NetSpec, Weights } from '../engine/types';
import { stationaryPoints } from '../physics';
import { escapeExperiment, trapWeights, type TrainerFactory } from './escape';

/**
 * Mean over all parameters of the per-sample gradient variance of ‖y − f(x)‖² (linear chain,
 * float64): σ̄² = (1/P) Σ_params Var_i[∂ℓ_i/∂θ].
 */
export function perSampleGradientVariance(net: NetSpec, data: Dataset, weights: Weights): number {
  const sizes = [net.inputDim, ...net.hiddenWidths, net.outputDim];
  const shapes = sizes.slice(1).map((rows, l) => ({ rows, cols: sizes[l] }));
  const N = data.trainSize;
  const sum = weights.map((w) => new Float64Array(w.length));
  const sumSq = weights.map((w) => new Float64Array(w.length));
  const acts: Float64Array[] = [];
  for (let i = 0; i < N; i++) {
    acts[0] = Float64Array.from(data.trainX.subarray(i * data.inputDim, (i + 1) * data.inputDim));
    for (let l = 0; l < shapes.length; l++) {
      const [rows, cols] = [shapes[l].rows, shapes[l].cols];
      const out = new Float64Array(rows);
      for (let r = 0; r < rows; r++) {
        let s = 0;
        for (let c = 0; c < cols; c++) s += weights[l][r * cols + c] * acts[l][c];
        out[r] = s;
      }
      acts[l + 1] = out;
    }
    // δ = ∂ℓ/∂output = 2(f(x) − y), then back through the layers
    let delta = acts[shapes.length].map((v, k) => 2 * (v - data.trainY[i * data.outputDim + k]));
    for (let l = shapes.length - 1; l >= 0; l--) {
      const [rows, cols] = [shapes[l].rows, shapes[l].cols];
      const next = new Float64Array(cols);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const g = delta[r] * acts[l][c];
          sum[l][r * cols + c] += g;
          sumSq[l][r * cols + c] += g * g;
          next[c] += weights[l][r * cols + c] * delta[r];
        }
      }
      delta = next;
    }
  }
  let total = 0;
  let count = 0;
  for (let l = 0; l < weights.length; l++) {
    for (let e = 0; e < weights[l].length; e++) {
      const mean = sum[l][e] / N;
      total += sumSq[l][e] / N - mean * mean;
      count++;
    }
  }
  return total / count;
}

export function matchedTemperature(lr: number, batch: number, trainSize: number, gradientVariance: number): number {
  return ((lr / (2 * batch)) * gradientVariance * (trainSize - batch)) / Math.max(1, trainSize - 1);
}

export interface SgdMapSettings {
  net: NetSpec;
  data: Dataset;
  gamma: number;
  lr: number;
  /** start fractions f: the weak mode starts at f × its saddle (balanced layers) */
  fractions: number[];
  /** batch sizes (lr/B follows from lr) */
  batches: number[];
  replicas: number;
  steps: number;
  checkEvery: number;
  /** the weak (trapped) feature */
  feature: number;
  seed: number;
  /** add the Langevin runs at the matched temperatures (default true) */
  langevin?: boolean;
  onProgress?: (fraction: number) => void;
}

export interface EscapeCell {
  escaped: number;
  replicas: number;
  /** median over the escaped replicas (null: none escaped) */
  medianEscaped: number | null;
  /** last escape among the escaped replicas */
  latest: number | null;
  escapeTimes: (number | null)[];
}

export interface SgdMapRow {
  fraction: number;
  /** the weak mode's start value f·saddle */
  start: number;
  /** plain GD (deterministic: one replica) */
  gd: EscapeCell;
  sgd: ({ batch: number; lrOverB: number } & EscapeCell)[];
  langevin: ({ batch: number; temperature: number } & EscapeCell)[] | null;
  /** σ̄² at the start state (the matching's noise scale) */
  gradientVariance: number;
}

export interface SgdMap {
  saddle: number;
  learned: number;
  threshold: number;
  weakEta: number;
  rows: SgdMapRow[];
}

function cell(escapeTimes: (number | null)[]): EscapeCell {
  const times = escapeTimes.filter((t): t is number => t !== null).sort((a, b) => a - b);
  const n = times.length;
  return {
    escaped: n,
    replicas: escapeTimes.length,
    medianEscaped: n === 0 ? null : n % 2 === 1 ? times[(n - 1) / 2] : (times[n / 2 - 1] + times[n / 2]) / 2,
    latest: n === 0 ? null : times[n - 1],
    escapeTimes,
  };
}

export function weakModeTheory(data: Dataset, depth: number, gamma: number, feature: number) {
  const eta = data.syxSvd.values;
  const a = data.inputStrength;
  const weak = stationaryPoints(depth, eta[feature], gamma, a[feature]);
  if (weak.saddle === null || weak.learned === null) throw new Error(`γ = ${gamma} is past the weak feature's spinodal: nothing to escape to`);
  const learnedValues = eta.map((e, k) => stationaryPoints(depth, e, gamma, a[k]).learned ?? 0);
  return { saddle: weak.saddle, learned: weak.learned, learnedValues, weakEta: eta[feature] };
}

export async function sgdEscapeMap(createTrainer: TrainerFactory, settings: SgdMapSettings): Promise<SgdMap> {
  const depth = settings.net.hiddenWidths.length;
  const { saddle, learned, learnedValues, weakEta } = weakModeTheory(settings.data, depth, settings.gamma, settings.feature);
  const threshold = (saddle + learned) / 2;
  const base = {
    net: settings.net,
    data: settings.data,
    gamma: settings.gamma,
    steps: settings.steps,
    lr: settings.lr,
    feature: settings.feature,
    threshold,
    learnedValues,
    checkEvery: settings.checkEvery,
    seed: settings.seed,
  };
  const rows: SgdMapRow[] = [];
  const jobs = settings.fractions.length * (settings.batches.length + 2);
  let done = 0;
  const tick = () => settings.onProgress?.(++done / jobs);
  for (const fraction of settings.fractions) {
    const start = fraction * saddle;
    const [gdRun] = await escapeExperiment(createTrainer, {
      ...base,
      temperatures: [0],
      replicasPerTemperature: 1,
      trappedStart: start,
      noise: { kind: 'langevin' },
    });
    tick();
    const sgd: SgdMapRow['sgd'] = [];
    for (const batch of settings.batches) {
      const [run] = await escapeExperiment(createTrainer, {
        ...base,
        temperatures: [settings.lr / batch],
        replicasPerTemperature: settings.replicas,
        trappedStart: start,
        noise: { kind: 'sgd', batchSize: batch },
      });
      sgd.push({ batch, lrOverB: settings.lr / batch, ...cell(run.escapeTimes) });
      tick();
    }
    const startWeights = trapWeights(settings.net, settings.data, learnedValues, settings.feature, start);
    const gradientVariance = perSampleGradientVariance(settings.net, settings.data, startWeights);
    let langevin: SgdMapRow['langevin'] = null;
    if (settings.langevin ?? true) {
      const temperatures = settings.batches.map((b) => matchedTemperature(settings.lr, b, settings.data.trainSize, gradientVariance));
      const runs = await escapeExperiment(createTrainer, {
        ...base,
        temperatures,
        replicasPerTemperature: settings.replicas,
        trappedStart: start,
        noise: { kind: 'langevin' },
      });
      langevin = runs.map((run, i) => ({ batch: settings.batches[i], temperature: temperatures[i], ...cell(run.escapeTimes) }));
    }
    tick();
    rows.push({ fraction, start, gd: cell(gdRun.escapeTimes), sgd, langevin, gradientVariance });
  }
  return { saddle, learned, threshold, weakEta, rows };
}
