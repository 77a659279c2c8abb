/**
 * Arrhenius statistics of escape runs — the one analysis behind `lab escape` and the app's readout.
 *
 * Model (docs/physics.md §5): a replica at temperature T escapes at t = t_transit + s with s exponential of
 * mean τ(T), ln τ = B/T + k·ln T + c (Kramers with a T^k prefactor; the plain law has k = 0).
 * Replicas still trapped when the run ends (at `steps`) are right-censored: they contribute their
 * survival, never get dropped. The fit maximises the censored-exponential likelihood over ALL
 * temperatures, those with no escape included:
 *   ℓ = Σ_T [ −d_T·ln τ_T − E_T/τ_T ],  d_T escapes, E_T = Σ (t − t_transit) over escaped + (steps − t_transit)·censored,
 * a Poisson regression with a log link, solved by Newton's method (it is concave in (B, k, c)).
 * Intervals: percentile bootstrap, replicas resampled within each temperature (seeded, deterministic).
 * Transit offset: given, or estimated as the earliest escape (the maximum-likelihood common shift:
 * ℓ increases with t_transit up to the first escape).
 */
import { uniformSource } from '../data/random';

export interface EscapeGroup {
  T: number;
  /** escape step per replica, null = still trapped at `steps` */
  escapeTimes: readonly (number | null)[];
}

export interface ArrheniusOptions {
  /** run length: censored replicas survived this long */
  steps: number;
  /** transit-time offset in steps; omitted = estimated from the data */
  transit?: number;
  /** the theory's barrier, for the B/T_min warning (else the fitted B is used) */
  barrier?: number;
  /** bootstrap resamples (default 200; 0 = no intervals) */
  bootstrap?: number;
  seed?: number;
}

export interface CensoredArrheniusFit {
  /** B */
  slope: number;
  /** prefactor exponent (fixed at 0 in the plain fit) */
  k: number;
  intercept: number;
  /** bootstrap 95 % interval on B; null without resamples or when too many resamples have no fit */
  ci95: [number, number] | null;
  /** bootstrap 95 % interval on k (null for the plain fit) */
  kCi95: [number, number] | null;
  /** R² of the per-temperature ln τ̂ (temperatures with an escape) about the fitted curve */
  r2: number | null;
  logLikelihood: number;
  /** resamples whose fit did not exist (e.g. no escape at all); intervals use the others */
  bootstrapFailures: number;
}

export interface ArrheniusTemperature {
  T: number;
  invT: number;
  replicas: number;
  escaped: number;
  censored: number;
  /** E_T: the total activated time at risk */
  exposure: number;
  /** ln of the censored-exponential estimate E_T/d_T of the activated τ; null when none escaped */
  lnTau: number | null;
  /** when none escaped: ln of the one-sided 95 % lower bound E_T/ln 20 on τ */
  lnTauLower95: number | null;
}

export interface ArrheniusStats {
  transit: { steps: number; source: 'given' | 'estimated' };
  points: ArrheniusTemperature[];
  plain: CensoredArrheniusFit | null;
  withPrefactor: CensoredArrheniusFit | null;
  /** B/T at the coldest temperature, with the B it used */
  activation: { barrier: number; source: 'theory' | 'fit'; ratio: number } | null;
  warnings: string[];
}

interface Tallies {
  d: number[];
  E: number[];
}

function tally(groups: readonly EscapeGroup[], steps: number, transit: number): Tallies {
  const d: number[] = [];
  const E: number[] = [];
  for (const g of groups) {
    let escaped = 0;
    let exposure = 0;
    for (const t of g.escapeTimes) {
      if (t === null) exposure += Math.max(0, steps - transit);
      else {
        escaped++;
        exposure += Math.max(0, t - transit);
      }
    }
    d.push(escaped);
    E.push(exposure);
  }
  return { d, E };
}

function earliestEscape(groups: readonly EscapeGroup[]): number {
  let first = Infinity;
  for (const g of groups) for (const t of g.escapeTimes) if (t !== null && t < first) first = t;
  return Number.isFinite(first) ? first : 0;
}

/** solve A x = b (small dense, partial pivoting); null when singular */
function solve(A: number[][], b: number[]): number[] | null {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (!(Math.abs(M[p][c]) > 1e-300)) return null;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let j = c; j <= n; j++) M[r][j] -= f * M[c][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let j = r + 1; j < n; j++) s -= M[r][j] * x[j];
    x[r] = s / M[r][r];
  }
  return x.every(Number.isFinite) ? x : null;
}

interface RawFit {
  slope: number;
  k: number;
  intercept: number;
  logLikelihood: number;
}

/**
 * Maximum-likelihood (B, k, c) — or (B, c) when !withK — of the censored-exponential model.
 * Regressors are standardised for conditioning. Returns null when the maximum does not exist
 * (no escape, too few temperatures, or a likelihood that keeps growing as B → ∞).
 */
function fitTallies(temperatures: readonly number[], { d, E }: Tallies, withK: boolean): RawFit | null {
  const idx = temperatures.map((_, i) => i).filter((i) => E[i] > 0);
  const params = withK ? 3 : 2;
  if (new Set(idx.map((i) => temperatures[i])).size < params) return null;
  const totalEscapes = idx.reduce((s, i) => s + d[i], 0);
  if (totalEscapes === 0) return null;
  const raw = idx.map((i) => (withK ? [1 / temperatures[i], Math.log(temperatures[i])] : [1 / temperatures[i]]));
  const cols = raw[0].length;
  const centre = Array.from({ length: cols }, (_, j) => raw.reduce((s, r) => s + r[j], 0) / raw.length);
  const scale = Array.from({ length: cols }, (_, j) => Math.sqrt(raw.reduce((s, r) => s + (r[j] - centre[j]) ** 2, 0) / raw.length) || 1);
  const X = raw.map((r) => [...r.map((v, j) => (v - centre[j]) / scale[j]), 1]);
  const dd = idx.map((i) => d[i]);
  const EE = idx.map((i) => E[i]);
  const loglik = (beta: number[]) => {
    let s = 0;
    X.forEach((x, i) => {
      const eta = x.reduce((acc, v, j) => acc + v * beta[j], 0);
      s += -dd[i] * eta - EE[i] * Math.exp(-eta);
    });
    return s;
  };
  // start: constant τ = total exposure / total escapes
  let beta = new Array<number>(params).fill(0);
  beta[params - 1] = Math.log(EE.reduce((a, b) => a + b, 0) / totalEscapes);
  let current = loglik(beta);
  for (let iter = 0; iter < 200; iter++) {
    const g = new Array<number>(params).fill(0);
    const H = Array.from({ length: params }, () => new Array<number>(params).fill(0));
    X.forEach((x, i) => {
      const eta = x.reduce((acc, v, j) => acc + v * beta[j], 0);
      const w = EE[i] * Math.exp(-eta);
      for (let a = 0; a < params; a++) {
        g[a] += x[a] * (w - dd[i]);
        for (let b = 0; b < params; b++) H[a][b] += x[a] * x[b] * w;
      }
    });
    const step = solve(H, g); // Newton: β += H⁻¹ g (H is minus the Hessian)
    if (!step) return null;
    let t = 1;
    let next = beta.map((b, j) => b + t * step[j]);
    let value = loglik(next);
    while (!(value >= current - 1e-12 * Math.abs(current)) && t > 1e-8) {
      t /= 2;
      next = beta.map((b, j) => b + t * step[j]);
      value = loglik(next);
    }
    if (!Number.isFinite(value)) return null;
    const moved = Math.max(...step.map((s) => Math.abs(s * t)));
    beta = next;
    current = value;
    // a slope that runs away means the likelihood has no maximum (all escapes at one end)
    if (Math.abs(beta[0]) > 1e3) return null;
    if (moved < 1e-10) {
      const slope = beta[0] / scale[0];
      const k = withK ? beta[1] / scale[1] : 0;
      const intercept = beta[params - 1] - slope * centre[0] - (withK ? k * centre[1] : 0);
      return { slope, k, intercept, logLikelihood: current };
    }
  }
  return null;
}

function percentile(sorted: readonly number[], q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function interval(values: number[]): [number, number] {
  const s = [...values].sort((a, b) => a - b);
  return [percentile(s, 0.025), percentile(s, 0.975)];
}

function rSquared(points: readonly ArrheniusTemperature[], fit: RawFit): number | null {
  const used = points.filter((p) => p.lnTau !== null);
  if (used.length < 2) return null;
  const y = used.map((p) => p.lnTau as number);
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  let res = 0;
  let tot = 0;
  used.forEach((p, i) => {
    res += (y[i] - (fit.slope / p.T + fit.k * Math.log(p.T) + fit.intercept)) ** 2;
    tot += (y[i] - mean) ** 2;
  });
  return tot === 0 ? (res === 0 ? 1 : 0) : 1 - res / tot;
}

/** the fits with bootstrap intervals; B/T and transit warnings */
export function arrheniusStatistics(groups: readonly EscapeGroup[], options: ArrheniusOptions): ArrheniusStats {
  const { steps } = options;
  const estimate = options.transit === undefined;
  const transit = estimate ? earliestEscape(groups) : (options.transit as number);
  const temperatures = groups.map((g) => g.T);
  const tallies = tally(groups, steps, transit);
  const points: ArrheniusTemperature[] = groups.map((g, i) => {
    const d = tallies.d[i];
    const E = tallies.E[i];
    return {
      T: g.T,
      invT: 1 / g.T,
      replicas: g.escapeTimes.length,
      escaped: d,
      censored: g.escapeTimes.length - d,
      exposure: E,
      lnTau: d > 0 && E > 0 ? Math.log(E / d) : null,
      lnTauLower95: d === 0 && E > 0 ? Math.log(E / Math.log(20)) : null,
    };
  });

  const resamples = options.bootstrap ?? 200;
  const uniform = uniformSource(options.seed ?? 1);
  const boot: { plain: RawFit | null; pref: RawFit | null }[] = [];
  for (let b = 0; b < resamples; b++) {
    const drawn = groups.map((g) => ({
      T: g.T,
      escapeTimes: Array.from({ length: g.escapeTimes.length }, () => g.escapeTimes[Math.floor(uniform() * g.escapeTimes.length)]),
    }));
    const t = tally(drawn, steps, estimate ? earliestEscape(drawn) : transit);
    boot.push({ plain: fitTallies(temperatures, t, false), pref: fitTallies(temperatures, t, true) });
  }

  const finish = (fit: RawFit | null, pick: (b: (typeof boot)[number]) => RawFit | null, withK: boolean): CensoredArrheniusFit | null => {
    if (!fit) return null;
    const ok = boot.map(pick).filter((f): f is RawFit => f !== null);
    const failures = resamples - ok.length;
    const enough = resamples > 0 && ok.length >= 0.9 * resamples;
    return {
      slope: fit.slope,
      k: fit.k,
      intercept: fit.intercept,
      ci95: enough ? interval(ok.map((f) => f.slope)) : null,
      kCi95: enough && withK ? interval(ok.map((f) => f.k)) : null,
      r2: rSquared(points, fit),
      logLikelihood: fit.logLikelihood,
      bootstrapFailures: failures,
    };
  };
  const plain = finish(fitTallies(temperatures, tallies, false), (b) => b.plain, false);
  const withPrefactor = finish(fitTallies(temperatures, tallies, true), (b) => b.pref, true);

  const warnings: string[] = [];
  const coldest = Math.min(...temperatures);
  const barrier = options.barrier ?? withPrefactor?.slope ?? plain?.slope;
  const activation =
    barrier !== undefined && Number.isFinite(coldest) && coldest > 0
      ? { barrier, source: options.barrier !== undefined ? ('theory' as const) : ('fit' as const), ratio: barrier / coldest }
      : null;
  if (activation && activation.ratio < 8) {
    warnings.push(
      `B/T_min = ${activation.ratio.toPrecision(3)} < 8 (B = ${activation.barrier.toPrecision(4)} from the ${activation.source}): escape at these temperatures is not activated, so the slope is not the barrier. Run colder.`,
    );
  }
  const taus = points.filter((p) => p.lnTau !== null).map((p) => Math.exp(p.lnTau as number));
  if (transit > 0 && taus.length > 0 && Math.min(...taus) < 10 * transit) {
    warnings.push(
      `the shortest activated time τ = ${Math.min(...taus).toPrecision(3)} steps is under 10× the transit time ${transit.toPrecision(3)} (${estimate ? 'estimated as the earliest escape' : 'given'}): the offset dominates the hottest temperatures.`,
    );
  }
  const silent = points.filter((p) => p.escaped === 0).length;
  if (silent > 0) warnings.push(`${silent} temperature(s) had no escape: they enter the fit through their survival only.`);
  if (!plain) warnings.push('no fit: the likelihood has no maximum (too few temperatures with escapes)');
  return { transit: { steps: transit, source: estimate ? 'estimated' : 'given' }, points, plain, withPrefactor, activation, warnings };
}
