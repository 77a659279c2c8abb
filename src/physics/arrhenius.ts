/**
 * Least-squares Arrhenius fits of escape times (docs/physics.md §5):
 *   plain:          ln τ = B/T + c
 *   with prefactor: ln τ = B/T + k·ln T + c   (τ ∝ T^k e^{B/T}, k = m/2 for an m-dim saddle manifold)
 * slope = B. r2 = 1 − SS_res/SS_tot (1 when ln τ is constant and fitted exactly).
 */

export interface ArrheniusFit {
  slope: number;
  intercept: number;
  r2: number;
}

export interface ArrheniusPrefactorFit extends ArrheniusFit {
  k: number;
}

function checkSamples(x: readonly number[], y: readonly number[], minimum: number): void {
  if (x.length !== y.length) throw new RangeError(`need as many x as ln τ values (${x.length} vs ${y.length})`);
  if (x.length < minimum) throw new RangeError(`need at least ${minimum} points, got ${x.length}`);
  if (![...x, ...y].every(Number.isFinite)) throw new RangeError('Arrhenius fit: every value must be finite');
}

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;

function rSquared(y: readonly number[], predicted: readonly number[]): number {
  const m = mean(y);
  let res = 0;
  let tot = 0;
  y.forEach((yi, i) => {
    res += (yi - predicted[i]) ** 2;
    tot += (yi - m) ** 2;
  });
  if (tot === 0) return res === 0 ? 1 : 0;
  return 1 - res / tot;
}

/** ln τ = slope·x + intercept with x = 1/T */
export function arrheniusFit(inverseTemperatures: readonly number[], lnTau: readonly number[]): ArrheniusFit {
  checkSamples(inverseTemperatures, lnTau, 2);
  const mx = mean(inverseTemperatures);
  const my = mean(lnTau);
  let sxx = 0;
  let sxy = 0;
  inverseTemperatures.forEach((x, i) => {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (lnTau[i] - my);
  });
  if (!(sxx > 0)) throw new RangeError('Arrhenius fit: needs at least two distinct temperatures');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  return {
    slope,
    intercept,
    r2: rSquared(
      lnTau,
      inverseTemperatures.map((x) => slope * x + intercept),
    ),
  };
}

/** ln τ = slope/T + k·ln T + intercept, two regressors (centred normal equations) */
export function arrheniusFitWithPrefactor(temperatures: readonly number[], lnTau: readonly number[]): ArrheniusPrefactorFit {
  checkSamples(temperatures, lnTau, 3);
  if (!temperatures.every((t) => t > 0)) throw new RangeError('Arrhenius fit: temperatures must be > 0');
  const u = temperatures.map((t) => 1 / t);
  const v = temperatures.map((t) => Math.log(t));
  const mu = mean(u);
  const mv = mean(v);
  const my = mean(lnTau);
  let suu = 0;
  let svv = 0;
  let suv = 0;
  let suy = 0;
  let svy = 0;
  u.forEach((ui, i) => {
    const du = ui - mu;
    const dv = v[i] - mv;
    const dy = lnTau[i] - my;
    suu += du * du;
    svv += dv * dv;
    suv += du * dv;
    suy += du * dy;
    svy += dv * dy;
  });
  const det = suu * svv - suv * suv;
  if (!(det > 1e-12 * suu * svv)) throw new RangeError('Arrhenius fit: needs at least three distinct temperatures');
  const slope = (svv * suy - suv * svy) / det;
  const k = (suu * svy - suv * suy) / det;
  const intercept = my - slope * mu - k * mv;
  const predicted = u.map((ui, i) => slope * ui + k * v[i] + intercept);
  return { slope, k, intercept, r2: rSquared(lnTau, predicted) };
}
