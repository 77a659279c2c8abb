/** Pure helpers of the escape charts: survival curves from censored times, log bins, fits, saddle manifold. */
import { describe, expect, it } from 'vitest';
import { arrheniusAnalysis, logBins, saddleManifoldDimension, survivalCurve, type RunLike } from '../../../src/charts/escape/escapeModel';
import { arrheniusStatistics } from '../../../src/experiments/arrhenius';

type RunLikeForTest = RunLike;

describe('survivalCurve', () => {
  it('drops by 1/n at each escape, merges ties and holds the censored fraction to the end', () => {
    const curve = survivalCurve([30, null, 10, 30, null], 100);
    expect(curve[0]).toEqual({ step: 0, surviving: 1 });
    // 10: 1 → 0.8; 30 (two replicas): 0.8 → 0.4; then flat to 100 at 2/5 censored
    expect(curve).toEqual([
      { step: 0, surviving: 1 },
      { step: 10, surviving: 1 },
      { step: 10, surviving: 0.8 },
      { step: 30, surviving: 0.8 },
      { step: 30, surviving: 0.4 },
      { step: 100, surviving: 0.4 },
    ]);
  });
  it('stays at 1 when every replica is censored, and reaches 0 when none is', () => {
    expect(survivalCurve([null, null], 50).at(-1)).toEqual({ step: 50, surviving: 1 });
    expect(survivalCurve([5, 7], 50).at(-1)).toEqual({ step: 50, surviving: 0 });
    expect(survivalCurve([], 50)).toEqual([]);
  });
});

describe('logBins', () => {
  it('puts each value in its logarithmic bin and keeps every count', () => {
    const bins = logBins([1, 9, 10, 11, 99, 100, 1000], 1, 1000, 3);
    expect(bins.map((b) => b.count)).toEqual([2, 3, 2]);
    expect(bins[1].x0).toBeCloseTo(10, 9);
    expect(bins[2].x1).toBeCloseTo(1000, 9);
  });
  it('clamps values outside the range into the edge bins and skips non-positive ones', () => {
    const bins = logBins([0.5, 5000, 0, -1], 1, 100, 2);
    expect(bins.map((b) => b.count)).toEqual([1, 1]);
    expect(() => logBins([1], 0, 10, 2)).toThrow(RangeError);
  });
});

describe('arrheniusAnalysis', () => {
  it('is the shared censored analysis (same fit as the CLI) and keeps a temperature with no escape in the fit', () => {
    // escape times exactly at t_transit + τ·ln 2 and t_transit + τ·ln 4 … from a known plain law
    const B = 0.02;
    const transit = 30;
    const Ts = [0.02, 0.01, 0.005, 0.004];
    const quantiles = [0.1, 0.3, 0.5, 0.7, 0.9];
    const runs: RunLikeForTest[] = Ts.map((T) => {
      const tau = 50 * Math.exp(B / T);
      const escapeTimes = quantiles.map((q) => transit - tau * Math.log(1 - q));
      return { T, escapeTimes, median: escapeTimes[2], mean: null, censored: 0 };
    });
    runs.push({ T: 0.002, escapeTimes: [null, null, null], median: null, mean: null, censored: 3 });
    const a = arrheniusAnalysis(runs, 1e5, { transit, barrier: B, seed: 3 });
    const direct = arrheniusStatistics(runs, { steps: 1e5, transit, barrier: B, seed: 3 });
    expect(a.plain).toEqual(direct.plain);
    expect(a.fitted).toBe(5);
    // the quantile grid has mean ≈ τ (Σ −ln(1−q)/5 = 1.0198…): B is recovered to a few %
    expect(Math.abs((a.plain as { slope: number }).slope / B - 1)).toBeLessThan(0.05);
    expect(a.points[4].lnTau).toBeNull();
    expect(a.points[4].lnTauLower95).toBeCloseTo(Math.log((3 * (1e5 - transit)) / Math.log(20)), 9);
    expect(a.points[4].lnMedian).toBeNull();
    expect(a.plain?.ci95?.[0]).toBeLessThan(a.plain?.ci95?.[1] as number);
  });
});

describe('saddleManifoldDimension', () => {
  it('matches docs/physics.md §5: width 4 from rank 0 at D = 2 → m = 6; width 1 → 0', () => {
    expect(saddleManifoldDimension(2, 4, 0)).toBe(6);
    expect(saddleManifoldDimension(2, 1, 0)).toBe(0);
    expect(saddleManifoldDimension(2, 10, 1)).toBe(16);
  });
});
