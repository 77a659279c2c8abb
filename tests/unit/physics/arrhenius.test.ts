/** Arrhenius fits recover known parameters from synthetic data. */
import { describe, expect, it } from 'vitest';
import { arrheniusFit, arrheniusFitWithPrefactor } from '../../../src/physics';

/** mulberry32 + Box–Muller: deterministic Gaussian noise for the tests */
function gaussian(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

// the §5 width-4 regime: B = 0.0137, k = 3.3, T = 0.003 … 0.0012
const temperatures = Array.from({ length: 8 }, (_, i) => 0.003 - (i * (0.003 - 0.0012)) / 7);
const B = 0.0137;
const K = 3.3;
const C = 2.5;

describe('plain fit ln τ = B/T + c', () => {
  it('exact data: slope and intercept recovered, R² = 1', () => {
    const x = temperatures.map((t) => 1 / t);
    const fit = arrheniusFit(
      x,
      x.map((xi) => B * xi + C),
    );
    expect(fit.slope).toBeCloseTo(B, 10);
    expect(fit.intercept).toBeCloseTo(C, 8);
    expect(fit.r2).toBeCloseTo(1, 12);
  });
  it('noisy data: R² < 1, slope within tolerance (σ = 0.05 in ln τ ⇒ |ΔB| < 5e-4)', () => {
    const noise = gaussian(7);
    const x = temperatures.map((t) => 1 / t);
    const fit = arrheniusFit(
      x,
      x.map((xi) => B * xi + C + 0.05 * noise()),
    );
    expect(fit.r2).toBeLessThan(1);
    expect(fit.r2).toBeGreaterThan(0.99);
    expect(Math.abs(fit.slope - B)).toBeLessThan(5e-4);
  });
  it('a hidden T^k prefactor biases the plain slope low (the §5 effect)', () => {
    const fit = arrheniusFit(
      temperatures.map((t) => 1 / t),
      temperatures.map((t) => B / t + K * Math.log(t) + C),
    );
    expect(fit.slope).toBeLessThan(0.8 * B);
    expect(fit.r2).toBeLessThan(1);
  });
});

describe('fit with prefactor ln τ = B/T + k ln T + c', () => {
  it('exact data: slope, k and intercept recovered, R² = 1', () => {
    const fit = arrheniusFitWithPrefactor(
      temperatures,
      temperatures.map((t) => B / t + K * Math.log(t) + C),
    );
    expect(Math.abs(fit.slope - B)).toBeLessThan(1e-9);
    expect(Math.abs(fit.k - K)).toBeLessThan(1e-6);
    expect(Math.abs(fit.intercept - C)).toBeLessThan(1e-5);
    expect(fit.r2).toBeCloseTo(1, 12);
  });
  it('noisy data over a wide temperature range: R² < 1, B and k within tolerance', () => {
    const noise = gaussian(11);
    const wide = Array.from({ length: 12 }, (_, i) => 0.01 * Math.pow(0.12, i / 11));
    const fit = arrheniusFitWithPrefactor(
      wide,
      wide.map((t) => B / t + K * Math.log(t) + C + 0.02 * noise()),
    );
    expect(fit.r2).toBeLessThan(1);
    expect(fit.r2).toBeGreaterThan(0.999);
    expect(Math.abs(fit.slope - B) / B).toBeLessThan(0.05);
    expect(Math.abs(fit.k - K)).toBeLessThan(0.5);
  });
  it('k = 0 data gives k ≈ 0 and the plain slope', () => {
    const lnTau = temperatures.map((t) => B / t + C);
    const fit = arrheniusFitWithPrefactor(temperatures, lnTau);
    expect(Math.abs(fit.k)).toBeLessThan(1e-6);
    expect(Math.abs(fit.slope - B)).toBeLessThan(1e-9);
  });
});

describe('degenerate input', () => {
  it('throws on too few, mismatched, repeated or non-positive temperatures', () => {
    expect(() => arrheniusFit([1], [1])).toThrow(RangeError);
    expect(() => arrheniusFit([1, 2], [1])).toThrow(RangeError);
    expect(() => arrheniusFit([3, 3, 3], [1, 2, 3])).toThrow(RangeError);
    expect(() => arrheniusFitWithPrefactor([0.1, 0.2], [1, 2])).toThrow(RangeError);
    expect(() => arrheniusFitWithPrefactor([0.1, 0.1, 0.2], [1, 1, 2])).toThrow(RangeError);
    expect(() => arrheniusFitWithPrefactor([0.1, -0.2, 0.3], [1, 2, 3])).toThrow(RangeError);
    expect(() => arrheniusFit([1, 2], [1, Number.NaN])).toThrow(RangeError);
  });
});
