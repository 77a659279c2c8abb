import { describe, expect, it } from 'vitest';
import { capTrace, minMaxDecimate } from '../../../src/charts/decimate';

describe('min–max decimation', () => {
  it('passes short series through unchanged', () => {
    const out = minMaxDecimate([0, 1, 2], [5, 6, 7], 10);
    expect(out).toEqual({ x: [0, 1, 2], y: [5, 6, 7] });
  });

  it('caps the point count at 2·buckets + 2 and keeps first and last points', () => {
    const n = 100_000;
    const xs = Float64Array.from({ length: n }, (_, i) => i);
    const ys = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50));
    const out = minMaxDecimate(xs, ys, 300);
    expect(out.x.length).toBeLessThanOrEqual(2 * 300 + 2);
    expect(out.x[0]).toBe(0);
    expect(out.x[out.x.length - 1]).toBe(n - 1);
    // x stays sorted (index order preserved)
    for (let i = 1; i < out.x.length; i++) expect(out.x[i]).toBeGreaterThan(out.x[i - 1]);
  });

  it('keeps a one-sample spike that a stride would drop', () => {
    const n = 10_000;
    const ys = new Float64Array(n).fill(1);
    ys[4321] = 1e6;
    const xs = Float64Array.from({ length: n }, (_, i) => i);
    const out = minMaxDecimate(xs, ys, 50);
    expect(Math.max(...out.y)).toBe(1e6);
    expect(out.x[out.y.indexOf(1e6)]).toBe(4321);
  });

  it('skips values rejected by the filter (e.g. non-positive for a log axis)', () => {
    const n = 1000;
    const xs = Float64Array.from({ length: n }, (_, i) => i);
    const ys = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1 : 2));
    const out = minMaxDecimate(xs, ys, 20, (v) => v > 0);
    // only the endpoints may carry the rejected value
    expect(out.y.slice(1, -1).every((v) => v > 0)).toBe(true);
  });
});

describe('trace cap', () => {
  it('returns short traces as they are', () => {
    expect(capTrace([1, 2, 3], 10)).toEqual([1, 2, 3]);
  });

  it('keeps the recent half in full, thins the older part, and keeps the last item', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => i);
    const out = capTrace(items, 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out[out.length - 1]).toBe(9999);
    expect(out.slice(-500)).toEqual(items.slice(-500));
    for (let i = 1; i < out.length; i++) expect(out[i]).toBeGreaterThan(out[i - 1]);
    expect(out[0]).toBe(0);
  });
});

describe('loss records → series', () => {
  it('splits records into shared step and per-key value columns, NaN where a key is missing', async () => {
    const { lossSeriesFromRecords } = await import('../../../src/charts/adapters');
    const series = lossSeriesFromRecords([
      { step: 0, train: 1, test: 1.2, penalty: 0 },
      { step: 10, train: 0.5, penalty: 0.1 },
    ]);
    expect(series.map((s) => s.key)).toEqual(['train', 'test', 'penalty']);
    expect(Array.from(series[0].steps)).toEqual([0, 10]);
    expect(Array.from(series[0].values)).toEqual([1, 0.5]);
    expect(series[1].values[1]).toBeNaN();
  });
});
