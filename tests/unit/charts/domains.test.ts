import { describe, expect, it } from 'vitest';
import { finiteExtent, landscapeYDomain, logDomain, paddedDomain } from '../../../src/charts/domains';
import { decadeTicks } from '../../../src/charts/scales';
import { cellExtent, contourLevels, heatmapColorDomain } from '../../../src/charts/heatmapModel';
import { labelRows, circlesPath } from '../../../src/charts/markers';

describe('domains', () => {
  it('finds the finite (or positive) extent', () => {
    expect(finiteExtent([3, NaN, -2, Infinity, 5])).toEqual([-2, 5]);
    expect(finiteExtent([0, -1, 0.01, 4], true)).toEqual([0.01, 4]);
    expect(finiteExtent([NaN])).toBeNull();
  });

  it('pads a span and widens a degenerate one', () => {
    const [lo, hi] = paddedDomain([0, 10], 0.1);
    expect(lo).toBeCloseTo(-1, 12);
    expect(hi).toBeCloseTo(11, 12);
    const [a, b] = paddedDomain([2, 2]);
    expect(a).toBeLessThan(2);
    expect(b).toBeGreaterThan(2);
    expect(paddedDomain(null, 0.1, [5, 6])).toEqual([5, 6]);
  });

  it('rounds a log domain out to decades and limits its depth', () => {
    expect(logDomain([0.003, 0.8])).toEqual([0.001, 1]);
    const [lo, hi] = logDomain([1e-30, 2], 8);
    expect(hi).toBe(10);
    expect(lo).toBeCloseTo(1e-7, 20);
    expect(logDomain(null, 8, [1, 10])).toEqual([1, 10]);
  });

  it('gives decade ticks, thinned when there are many', () => {
    expect(decadeTicks([0.001, 10])).toEqual([0.001, 0.01, 0.1, 1, 10]);
    const many = decadeTicks([1e-12, 1], 7);
    expect(many.length).toBeLessThanOrEqual(7);
    expect(many).toContain(1);
  });

  it('keeps the origin and every landscape level inside the y-range, with head room', () => {
    const levels = [-0.25, 0.067];
    const [lo, hi] = landscapeYDomain(levels, 0.01);
    expect(lo).toBeLessThan(-0.25);
    expect(hi).toBeGreaterThan(0.067);
    // a flat landscape still gets a visible span
    const [a, b] = landscapeYDomain([0, 0], 0.12);
    expect(b - a).toBeGreaterThanOrEqual(0.12);
  });
});

describe('heatmap helpers', () => {
  it('uses a log colour scale for positive data spanning more than ×3, linear otherwise', () => {
    expect(heatmapColorDomain([0.5, 2, 40])).toEqual({ log: true, domain: [0.5, 40] });
    expect(heatmapColorDomain([1, 2, 2.5]).log).toBe(false);
    expect(heatmapColorDomain([-1, 2, 3]).log).toBe(false);
    const deep = heatmapColorDomain([1e-12, 1], 6);
    expect(deep.domain[0]).toBeCloseTo(1e-6, 15);
  });

  it('covers half a cell beyond the first and last centre', () => {
    expect(cellExtent([0, 1, 2, 3])).toEqual([-0.5, 3.5]);
    expect(cellExtent([5])).toEqual([4.5, 5.5]);
  });

  it('spaces contour levels geometrically inside a log domain', () => {
    const levels = contourLevels({ log: true, domain: [1, 1000] }, 2);
    expect(levels[0]).toBeCloseTo(10, 10);
    expect(levels[1]).toBeCloseTo(100, 10);
  });
});

describe('label rows and marker paths', () => {
  it('puts overlapping labels on separate rows and reuses free rows', () => {
    const rows = labelRows([
      { x: 0, width: 50 },
      { x: 30, width: 50 },
      { x: 200, width: 50 },
    ]);
    expect(rows[0]).not.toBe(rows[1]);
    expect(rows[2]).toBe(0);
  });

  it('writes one circle per finite point', () => {
    const d = circlesPath(
      [
        [1, 2],
        [NaN, 3],
        [4, 5],
      ],
      2,
    );
    expect(d.match(/M/g)?.length).toBe(2);
  });
});

describe('label spreading', () => {
  it('moves an overlapping label below the one it hits and leaves separate labels alone', async () => {
    const { spreadLabels } = await import('../../../src/charts/markers');
    const out = spreadLabels([
      { x: 100, y: 50, text: 'B = 0.082' },
      { x: 120, y: 55, text: 'B = 0.124' },
      { x: 400, y: 50, text: 'B = 0.231' },
    ]);
    expect(out[0].y).toBe(50);
    expect(out[1].y).toBeGreaterThanOrEqual(66);
    expect(out[2].y).toBe(50);
  });
});
