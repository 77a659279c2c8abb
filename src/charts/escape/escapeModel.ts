/**
 * What the escape charts draw, computed from escape runs (pure: no DOM). Escape times are optimizer
 * steps after the temperature was switched on; null = censored (still trapped when the run ended).
 */
import { arrheniusStatistics, type ArrheniusStats, type ArrheniusTemperature } from '../../experiments/arrhenius';

export interface RunLike {
  T: number;
  escapeTimes: (number | null)[];
  median: number | null;
  mean: number | null;
  censored: number;
}

export interface SurvivalPoint {
  step: number;
  /** fraction of replicas still trapped just after `step` */
  surviving: number;
}

/**
 * Kaplan–Meier-style survival with every replica observed until `steps` (so censoring only happens
 * at the end): a step function starting at (0, 1), dropping at each escape time, and held flat to
 * `steps` at the censored fraction.
 */
export function survivalCurve(escapeTimes: readonly (number | null)[], steps: number): SurvivalPoint[] {
  const n = escapeTimes.length;
  if (n === 0) return [];
  const times = escapeTimes.filter((t): t is number => t !== null).sort((a, b) => a - b);
  const points: SurvivalPoint[] = [{ step: 0, surviving: 1 }];
  let left = n;
  for (let i = 0; i < times.length;) {
    const t = times[i];
    let j = i;
    while (j < times.length && times[j] === t) j++;
    points.push({ step: t, surviving: left / n });
    left -= j - i;
    points.push({ step: t, surviving: left / n });
    i = j;
  }
  const end = Math.max(steps, times.length > 0 ? times[times.length - 1] : 0);
  points.push({ step: end, surviving: left / n });
  return points;
}

export interface HistogramBin {
  x0: number;
  x1: number;
  count: number;
}

/** `count` logarithmically spaced bins covering [lo, hi] (lo > 0); values outside are clamped in */
export function logBins(values: readonly number[], lo: number, hi: number, count: number): HistogramBin[] {
  if (!(lo > 0) || !(hi > lo) || count < 1) throw new RangeError('logBins needs 0 < lo < hi and count ≥ 1');
  const a = Math.log(lo);
  const w = (Math.log(hi) - a) / count;
  const bins: HistogramBin[] = Array.from({ length: count }, (_, i) => ({ x0: Math.exp(a + i * w), x1: Math.exp(a + (i + 1) * w), count: 0 }));
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    const i = Math.min(count - 1, Math.max(0, Math.floor((Math.log(v) - a) / w)));
    bins[i].count++;
  }
  return bins;
}

export interface ArrheniusPoint extends ArrheniusTemperature {
  /** ln of the median escape time; null when half or more replicas are censored */
  lnMedian: number | null;
  /** ln of the run length */
  lnSteps: number;
}

export interface ArrheniusAnalysis extends Omit<ArrheniusStats, 'points'> {
  points: ArrheniusPoint[];
  /** temperatures in the fits: all of them (the censored-likelihood fit uses every temperature) */
  fitted: number;
}

/** the app's Arrhenius analysis: the CLI's (experiments/arrhenius.ts) plus what the charts draw */
export function arrheniusAnalysis(
  runs: readonly RunLike[],
  steps: number,
  options: { barrier?: number; transit?: number; seed?: number } = {},
): ArrheniusAnalysis {
  const stats = arrheniusStatistics(runs, { steps, ...options });
  const points = stats.points.map((p, i) => ({
    ...p,
    lnMedian: runs[i].median !== null && (runs[i].median as number) > 0 ? Math.log(runs[i].median as number) : null,
    lnSteps: Math.log(steps),
  }));
  return { ...stats, points, fitted: points.filter((p) => p.exposure > 0).length };
}

/**
 * Dimension of the saddle manifold for switching on one more feature in a bias-free linear net with
 * `depth` hidden layers of `width` units, `learnedRank` features already on: in each hidden layer the
 * new feature's unit direction may point anywhere on the sphere orthogonal to the learned ones,
 * S^(width − learnedRank − 1). So m = depth·(width − learnedRank − 1) and the Kramers prefactor
 * exponent is k = m/2 (docs/physics.md §5: width 4, rank 0, D = 2 → m = 6, k = 3; measured 3.3).
 */
export function saddleManifoldDimension(depth: number, width: number, learnedRank: number): number {
  return Math.max(0, depth * (width - learnedRank - 1));
}
