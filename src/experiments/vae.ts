/**
 * Posterior collapse in a linear VAE, one data direction (physics.md §7; issue 10 build item 6),
 * trained by plain float64 gradient descent. Pure TS: no engine, no tfjs.
 *
 * Model: data x with variance λ. Encoder mean μ = e·x with e = w_L⋯w_1 (L scalar linear layers),
 * encoder variance σ² = exp(s) (s learned, input-independent), decoder x̂ = d·z with d = u_L⋯u_1,
 * decoder noise variance η. Loss = −ELBO (per sample, constants dropped) + γ·Σ every layer's weight²:
 *   E_x E_z[(x − d z)²]/(2η) + KL(N(e x, σ²) ‖ N(0, 1))  + γ(Σ w_l² + Σ u_l²)
 *   = [λ(1 − d e)² + d² σ²]/(2η) + ½(e² λ + σ² − ln σ² − 1) + γ(Σ w_l² + Σ u_l²)
 * (the expectations over x and z are exact: data enter only through λ). Order parameter: |d·e|.
 * At γ = 0 (any depth: only the products enter) the optimum is |d e| = max(0, 1 − η/λ).
 */

export interface VaeSpec {
  /** linear layers in the encoder and in the decoder, each */
  depth: number;
  /** data variance */
  lambda: number;
  /** decoder noise variance */
  eta: number;
  /** L2 on every layer's weights (not on s) */
  gamma: number;
}

export interface VaeParams {
  enc: Float64Array;
  dec: Float64Array;
  /** s = ln σ² */
  logVar: number;
}

export interface TrainOptions {
  lr: number;
  maxSteps: number;
  /** stop when the largest |gradient| component falls below this */
  tolerance: number;
}

const product = (xs: Float64Array) => xs.reduce((p, v) => p * v, 1);
/** product of all entries but the i-th (no division: exact when an entry is 0) */
function productWithout(xs: Float64Array, i: number): number {
  let p = 1;
  for (let j = 0; j < xs.length; j++) if (j !== i) p *= xs[j];
  return p;
}

export function closedFormCollapse(eta: number, lambda: number): number {
  return Math.max(0, 1 - eta / lambda);
}

export function orderParameter(p: VaeParams): number {
  return Math.abs(product(p.enc) * product(p.dec));
}

export function vaeLoss(p: VaeParams, spec: VaeSpec): number {
  const e = product(p.enc);
  const d = product(p.dec);
  const v = Math.exp(p.logVar);
  let reg = 0;
  for (const w of p.enc) reg += w * w;
  for (const u of p.dec) reg += u * u;
  return (spec.lambda * (1 - d * e) ** 2 + d * d * v) / (2 * spec.eta) + 0.5 * (e * e * spec.lambda + v - p.logVar - 1) + spec.gamma * reg;
}

export function vaeGradient(p: VaeParams, spec: VaeSpec): VaeParams {
  const e = product(p.enc);
  const d = product(p.dec);
  const v = Math.exp(p.logVar);
  const { lambda, eta, gamma } = spec;
  const dLde = (-lambda * (1 - d * e) * d) / eta + e * lambda;
  const dLdd = (-lambda * (1 - d * e) * e + d * v) / eta;
  return {
    enc: p.enc.map((w, i) => dLde * productWithout(p.enc, i) + 2 * gamma * w),
    dec: p.dec.map((u, i) => dLdd * productWithout(p.dec, i) + 2 * gamma * u),
    logVar: (d * d * v) / (2 * eta) + 0.5 * (v - 1),
  };
}

export function trainVae(start: VaeParams, spec: VaeSpec, options: TrainOptions): { params: VaeParams; steps: number; converged: boolean } {
  const p: VaeParams = { enc: Float64Array.from(start.enc), dec: Float64Array.from(start.dec), logVar: start.logVar };
  for (let step = 1; step <= options.maxSteps; step++) {
    const g = vaeGradient(p, spec);
    let largest = Math.abs(g.logVar);
    for (let i = 0; i < p.enc.length; i++) {
      p.enc[i] -= options.lr * g.enc[i];
      p.dec[i] -= options.lr * g.dec[i];
      largest = Math.max(largest, Math.abs(g.enc[i]), Math.abs(g.dec[i]));
    }
    p.logVar -= options.lr * g.logVar;
    if (largest < options.tolerance) return { params: p, steps: step, converged: true };
  }
  return { params: p, steps: options.maxSteps, converged: false };
}

/** every layer at `size` (balanced), σ² = 1 */
export function uniformParams(depth: number, size: number): VaeParams {
  return { enc: new Float64Array(depth).fill(size), dec: new Float64Array(depth).fill(size), logVar: 0 };
}

export interface VaeSweepSettings {
  depth: number;
  lambda: number;
  /** the swept quantity and the fixed one */
  sweep: 'eta' | 'gamma';
  values: number[];
  /** η when sweeping γ, γ when sweeping η */
  fixed: number;
  train: TrainOptions;
  /** per-layer size of the small seed the collapsed (down-sweep) start gets, and that is re-added at every point of that sweep */
  seedSize: number;
  /** called after every trained point (fraction of both directions done) */
  onProgress?: (fraction: number) => void;
}

export interface VaeSweepPoint {
  value: number;
  order: number;
  loss: number;
  steps: number;
  converged: boolean;
}

export interface VaeSweep {
  /** from the used latent (start: every layer 1), the swept quantity increasing: collapse direction */
  towardsCollapse: VaeSweepPoint[];
  /** from the collapsed latent plus a seed, the swept quantity decreasing: recovery direction */
  towardsUse: VaeSweepPoint[];
  /** largest drop of the order parameter between neighbouring points, each direction */
  largestJumpCollapse: { at: number; size: number };
  largestJumpRecovery: { at: number; size: number };
  /**
   * values where both directions converged and ended in different states (|Δ order| > 0.05): the
   * hysteresis window (unconverged points, e.g. a small-initialisation plateau, do not count)
   */
  hysteresis: [number, number] | null;
  /** first value where the collapsed state has the lower loss of the two (both converged, both differ): the equal-loss point */
  equalLoss: number | null;
  /** points that hit maxSteps, per direction */
  unconverged: { towardsCollapse: number; towardsUse: number };
}

function largestJump(points: VaeSweepPoint[]): { at: number; size: number } {
  let best = { at: points[0]?.value ?? NaN, size: 0 };
  for (let i = 1; i < points.length; i++) {
    const size = Math.abs(points[i].order - points[i - 1].order);
    if (size > best.size) best = { at: (points[i].value + points[i - 1].value) / 2, size };
  }
  return best;
}

export function vaeSweep(settings: VaeSweepSettings): VaeSweep {
  const specAt = (value: number): VaeSpec => ({
    depth: settings.depth,
    lambda: settings.lambda,
    eta: settings.sweep === 'eta' ? value : settings.fixed,
    gamma: settings.sweep === 'gamma' ? value : settings.fixed,
  });
  const ascending = [...settings.values].sort((a, b) => a - b);
  let done = 0;
  const run = (values: number[], start: VaeParams, reseed: boolean): VaeSweepPoint[] => {
    let p = start;
    return values.map((value) => {
      if (reseed && orderParameter(p) < settings.seedSize ** (2 * settings.depth))
        p = { ...uniformParams(settings.depth, settings.seedSize), logVar: p.logVar };
      const spec = specAt(value);
      // the reconstruction term's curvature grows as λ/η: keep lr·curvature fixed
      const out = trainVae(p, spec, { ...settings.train, lr: settings.train.lr * Math.min(1, spec.eta / spec.lambda) });
      p = out.params;
      settings.onProgress?.(++done / (2 * values.length));
      return { value, order: orderParameter(p), loss: vaeLoss(p, spec), steps: out.steps, converged: out.converged };
    });
  };
  const towardsCollapse = run(ascending, uniformParams(settings.depth, 1), false);
  const towardsUse = run([...ascending].reverse(), uniformParams(settings.depth, settings.seedSize), true).reverse();
  const differ = ascending.filter((_, i) => {
    const [a, b] = [towardsCollapse[i], towardsUse[i]];
    return a.converged && b.converged && Math.abs(a.order - b.order) > 0.05;
  });
  const crossing = ascending.findIndex((v, i) => differ.includes(v) && towardsUse[i].loss < towardsCollapse[i].loss);
  return {
    towardsCollapse,
    towardsUse,
    largestJumpCollapse: largestJump(towardsCollapse),
    largestJumpRecovery: largestJump(towardsUse),
    hysteresis: differ.length > 0 ? [differ[0], differ[differ.length - 1]] : null,
    equalLoss: crossing >= 0 ? ascending[crossing] : null,
    unconverged: { towardsCollapse: towardsCollapse.filter((p) => !p.converged).length, towardsUse: towardsUse.filter((p) => !p.converged).length },
  };
}
