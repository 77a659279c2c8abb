import { describe, expect, it } from 'vitest';
import {
  deriveSeed,
  GaussianStream,
  longPeriodNormal,
  longPeriodUniform,
  normalSource,
  sampleWithoutReplacement,
  shuffleInPlace,
  uniformSource,
} from '../../../src/data/random';

const take = (f: () => number, n: number) => Array.from({ length: n }, f);

describe('seeded randomness', () => {
  it('is reproducible: the same seed gives the same numbers', () => {
    expect(take(normalSource(7), 20)).toEqual(take(normalSource(7), 20));
    expect(take(longPeriodNormal(7), 20)).toEqual(take(longPeriodNormal(7), 20));
    expect(take(normalSource(7), 20)).not.toEqual(take(normalSource(8), 20));
  });

  it('derives distinct sub-seeds for distinct paths, ≥ 1 (d3 treats seeds in [0,1) as fractions)', () => {
    const seeds = new Set<number>();
    for (let s = 0; s < 20; s++) for (let r = 0; r < 50; r++) seeds.add(deriveSeed(s, r));
    expect(seeds.size).toBe(1000);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 1 && s < 2 ** 32).toBe(true);
    expect(deriveSeed(1, 2)).not.toBe(deriveSeed(2, 1));
    // large seeds keep their high bits
    expect(deriveSeed(2 ** 40 + 5)).not.toBe(deriveSeed(5));
  });

  it('uniform streams stay in [0, 1) with mean ≈ 1/2 (10⁵ draws: ±0.005 ≈ 5σ)', () => {
    for (const u of [uniformSource(3), longPeriodUniform(3)]) {
      const xs = take(u, 100_000);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...xs)).toBeLessThan(1);
      expect(Math.abs(xs.reduce((a, b) => a + b, 0) / xs.length - 0.5)).toBeLessThan(0.005);
    }
  });

  it('normal streams have mean 0 and variance 1 (10⁵ draws: ±0.015 and ±0.025)', () => {
    for (const n of [normalSource(11), longPeriodNormal(11)]) {
      const xs = take(n, 100_000);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
      expect(Math.abs(mean)).toBeLessThan(0.015);
      expect(Math.abs(variance - 1)).toBeLessThan(0.025);
    }
  });

  it('per-replica noise streams are uncorrelated (|corr| < 0.04 over 10⁴ draws: 4σ, 28 pairs)', () => {
    const streams = Array.from({ length: 8 }, (_, r) => take(longPeriodNormal(deriveSeed(5, r)), 10_000));
    for (let a = 0; a < streams.length; a++) {
      for (let b = a + 1; b < streams.length; b++) {
        let c = 0;
        for (let i = 0; i < 10_000; i++) c += streams[a][i] * streams[b][i];
        expect(Math.abs(c / 10_000)).toBeLessThan(0.04);
      }
    }
  });

  it('GaussianStream: standard normals (10⁵: mean ±0.015, variance ±0.025), one continuous sequence across fills', () => {
    const whole = new Float64Array(100_001);
    new GaussianStream(9).fill(whole, 0, whole.length, 1);
    const mean = whole.reduce((a, b) => a + b, 0) / whole.length;
    const variance = whole.reduce((a, b) => a + (b - mean) ** 2, 0) / whole.length;
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(variance - 1)).toBeLessThan(0.025);
    // filling in odd-sized pieces (the spare of a pair carries over) gives the same sequence, scaled
    const pieces = new Float64Array(101);
    const stream = new GaussianStream(9);
    for (let start = 0; start < 101; start += 7) stream.fill(pieces, start, Math.min(7, 101 - start), 2);
    for (let i = 0; i < 101; i++) expect(pieces[i]).toBeCloseTo(2 * whole[i], 12);
    const other = new Float64Array(10);
    new GaussianStream(10).fill(other, 0, 10, 1);
    expect(Array.from(other)).not.toEqual(Array.from(whole.subarray(0, 10)));
  });

  it('shuffles and samples without replacement', () => {
    const perm = Array.from({ length: 50 }, (_, i) => i);
    shuffleInPlace(perm, uniformSource(1));
    expect([...perm].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(perm).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    const chosen = sampleWithoutReplacement(5000, 25, uniformSource(2));
    expect(new Set(chosen).size).toBe(25);
    for (const c of chosen) expect(c >= 0 && c < 5000).toBe(true);
    expect(() => sampleWithoutReplacement(3, 4, uniformSource(2))).toThrow(/distinct/);
  });
});
