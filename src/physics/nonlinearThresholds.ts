/**
 * Local thresholds of nonlinear nets (docs/physics.md §6): the γ below which the trivial state (all
 * weights 0) stops being a local minimum. Only D = 1 has one: for D ≥ 2 the origin's Hessian is 2γ·I
 * and it stays a local minimum for every γ > 0, whatever σ with σ(0) = 0.
 *
 * D = 1, σ(0) = 0, σ'(0) = κ (tanh: κ = 1): near the origin the net is κ times the linear one, so
 * direction k of the origin goes unstable at γ = κ·η_k, the first at κ‖Σyx‖.
 * D = 1, ReLU (σ'(0) undefined): a hidden unit with input weights s·û and output weights a costs
 * −2s·aᵀE[y·relu(ûᵀx)] + γ(s² + ‖a‖²) to lowest order, so the origin loses stability at
 * γ = max over unit û of ‖E[y·relu(ûᵀx)]‖, computed here on the sample.
 */

export type Activation = 'linear' | 'tanh' | 'relu';

/** σ'(0) of a smooth activation; null for relu (not differentiable at 0) */
export function slopeAtZero(activation: Activation): number | null {
  return activation === 'relu' ? null : 1;
}

/** D = 1 tanh/linear: the γ at which direction k of the origin goes unstable, κ·η_k */
export function smoothLocalThresholds(activation: Exclude<Activation, 'relu'>, eta: readonly number[]): number[] {
  const kappa = slopeAtZero(activation) as number;
  return eta.map((e) => kappa * e);
}

export interface ReluThreshold {
  gamma: number;
  /** the maximising unit input direction */
  direction: number[];
}

/** ‖(1/N) Σ_i y_i relu(ûᵀx_i)‖ for X [N × in], Y [N × out] row-major */
export function reluDrive(X: ArrayLike<number>, Y: ArrayLike<number>, samples: number, inputDim: number, outputDim: number, u: readonly number[]): number {
  const acc = new Float64Array(outputDim);
  for (let i = 0; i < samples; i++) {
    let z = 0;
    for (let j = 0; j < inputDim; j++) z += u[j] * X[i * inputDim + j];
    if (z <= 0) continue;
    for (let o = 0; o < outputDim; o++) acc[o] += Y[i * outputDim + o] * z;
  }
  let s = 0;
  for (let o = 0; o < outputDim; o++) s += (acc[o] / samples) ** 2;
  return Math.sqrt(s);
}

function normalise(v: number[]): number[] | null {
  const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return n > 0 ? v.map((x) => x / n) : null;
}

/**
 * D = 1 ReLU local threshold on a sample: max over the unit sphere of ‖E[y relu(ûᵀx)]‖. Within a
 * fixed activation pattern A the drive is ‖C_A û‖ with C_A = (1/N) Σ_{i∈A} y_i x_iᵀ, so each start is
 * improved by power steps û ← C_Aᵀ C_A û (pattern re-evaluated every step), from many starts
 * (±the sample's input directions of Σyx, the samples themselves, seeded random directions), keeping
 * the best value seen; a final shrinking random local search polishes it.
 */
export function reluLocalThreshold(
  X: ArrayLike<number>,
  Y: ArrayLike<number>,
  samples: number,
  inputDim: number,
  outputDim: number,
  options: { starts?: number; seed?: number } = {},
): ReluThreshold {
  let state = (options.seed ?? 1) >>> 0 || 1;
  const uniform = () => {
    // xorshift32: deterministic, dependency-free
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const drive = (u: number[]) => reluDrive(X, Y, samples, inputDim, outputDim, u);
  const starts: number[][] = [];
  // Σyx rows' input directions and a few samples, both signs
  for (let o = 0; o < outputDim; o++) {
    const row = Array.from({ length: inputDim }, (_, j) => {
      let s = 0;
      for (let i = 0; i < samples; i++) s += Y[i * outputDim + o] * X[i * inputDim + j];
      return s;
    });
    const n = normalise(row);
    if (n)
      starts.push(
        n,
        n.map((x) => -x),
      );
  }
  for (let i = 0; i < Math.min(samples, 32); i++) {
    const n = normalise(Array.from({ length: inputDim }, (_, j) => X[i * inputDim + j]));
    if (n) starts.push(n);
  }
  const randomStarts = options.starts ?? 64;
  for (let s = 0; s < randomStarts; s++) {
    const n = normalise(Array.from({ length: inputDim }, gaussian));
    if (n) starts.push(n);
  }
  let best: ReluThreshold = { gamma: 0, direction: starts[0] ?? [] };
  for (const start of starts) {
    let u = start;
    let value = drive(u);
    for (let iter = 0; iter < 200; iter++) {
      // C_A û and C_Aᵀ (C_A û) on the current pattern
      const cu = new Float64Array(outputDim);
      const active: number[] = [];
      for (let i = 0; i < samples; i++) {
        let z = 0;
        for (let j = 0; j < inputDim; j++) z += u[j] * X[i * inputDim + j];
        if (z <= 0) continue;
        active.push(i);
        for (let o = 0; o < outputDim; o++) cu[o] += Y[i * outputDim + o] * z;
      }
      const next = new Array<number>(inputDim).fill(0);
      for (const i of active) {
        let w = 0;
        for (let o = 0; o < outputDim; o++) w += Y[i * outputDim + o] * cu[o];
        for (let j = 0; j < inputDim; j++) next[j] += w * X[i * inputDim + j];
      }
      const n = normalise(next);
      if (!n) break;
      const v = drive(n);
      if (!(v > value * (1 + 1e-14))) break;
      u = n;
      value = v;
    }
    if (value > best.gamma) best = { gamma: value, direction: u };
  }
  // local polish: random perturbations of shrinking size around the best direction
  for (let radius = 0.1; radius > 1e-7; radius *= 0.7) {
    for (let t = 0; t < 20; t++) {
      const trial = normalise(best.direction.map((x) => x + radius * gaussian()));
      if (!trial) continue;
      const v = drive(trial);
      if (v > best.gamma) best = { gamma: v, direction: trial };
    }
  }
  return best;
}
