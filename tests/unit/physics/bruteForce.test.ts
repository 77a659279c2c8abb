/**
 * Brute force, independent of the closed forms and of the root finder: evaluate ℓ on a uniform grid
 * of p ∈ [0, 2η/a] and read off the global minimum, the interior local extrema, and (by bisection on
 * γ of a grid predicate) γ_c and γ_sp.
 */
import { describe, expect, it } from 'vitest';
import { criticalGamma, globalMinimum, spinodalGamma, stationaryPoints } from '../../../src/physics';
import { lossGrid } from '../../support/lossGrid';

interface GridScan {
  step: number;
  argmin: number;
  minLoss: number;
  /** interior local minima (p > 0) */
  minima: number[];
  /** interior local maxima */
  maxima: number[];
  /** lowest loss over grid points with p > 0 */
  minPositive: number;
}

/** the grid reference (tests/support/lossGrid.ts, its own ℓ), with positions in p */
function scan(depth: number, eta: number, a: number, gamma: number, points: number): GridScan {
  const grid = lossGrid(depth, eta, a, gamma, points);
  const at = (i: number) => i * grid.step;
  return {
    step: grid.step,
    argmin: at(grid.argmin),
    minLoss: grid.loss[grid.argmin],
    minima: grid.minima.map(at),
    maxima: grid.maxima.map(at),
    minPositive: grid.minPositive,
  };
}

/** the γ where `holds` turns false, bisected (32 halvings: far below the grid's own resolution) from a bracket checked here */
function bisectGamma(holds: (gamma: number) => boolean, lo: number, hi: number): number {
  expect(holds(lo)).toBe(true);
  expect(holds(hi)).toBe(false);
  for (let i = 0; i < 32; i++) {
    const mid = 0.5 * (lo + hi);
    if (holds(mid)) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

const FINE = 200_000;
const COARSE = 20_000;

const deepCases: Array<[number, number, number]> = [
  [2, 1, 1],
  [2, 0.8, 1.7],
  [3, 0.6, 0.5],
  [4, 1.3, 2.2],
  [5, 0.9, 1],
];

describe('brute force on a grid: D ≥ 2', () => {
  for (const [depth, eta, a] of deepCases) {
    it(`D = ${depth}, η = ${eta}, a = ${a}: global minimum, learned and saddle at several γ`, () => {
      // γ values spread over the learned, metastable and trivial regimes (scaled so each case sees all three)
      const scale = Math.pow(eta, (2 * depth) / (depth + 1)) * Math.pow(a, (1 - depth) / (depth + 1));
      for (const reducedGamma of [0.02, 0.15, 0.25, 0.3, 0.45, 0.6]) {
        const gamma = reducedGamma * scale;
        const grid = scan(depth, eta, a, gamma, FINE);
        const tolerance = grid.step * 1.0001;
        expect(Math.abs(globalMinimum(depth, eta, gamma, a) - grid.argmin)).toBeLessThanOrEqual(tolerance);
        const { learned, saddle } = stationaryPoints(depth, eta, gamma, a);
        expect(grid.minima.length).toBeLessThanOrEqual(1);
        expect(grid.maxima.length).toBe(grid.minima.length);
        if (grid.minima.length === 1) {
          expect(Math.abs((learned as number) - grid.minima[0])).toBeLessThanOrEqual(tolerance);
          expect(Math.abs((saddle as number) - grid.maxima[0])).toBeLessThanOrEqual(tolerance);
        } else {
          expect(learned).toBeNull();
          expect(saddle).toBeNull();
        }
      }
    });
    it(`D = ${depth}, η = ${eta}, a = ${a}: γ_c (sign change of the learned loss) and γ_sp (last interior minimum)`, () => {
      const upper = (4 * eta * eta) / a + eta;
      const gammaC = bisectGamma((g) => scan(depth, eta, a, g, COARSE).minPositive < 0, 1e-9, upper);
      expect(Math.abs(gammaC / (criticalGamma(depth, eta, a) as number) - 1)).toBeLessThan(1e-6);
      const gammaSp = bisectGamma((g) => scan(depth, eta, a, g, COARSE).minima.length > 0, 1e-9, upper);
      expect(Math.abs(gammaSp / (spinodalGamma(depth, eta, a) as number) - 1)).toBeLessThan(1e-5);
    });
  }
});

describe('brute force on a grid: D = 0 and D = 1', () => {
  for (const [depth, eta, a] of [
    [0, 1, 1],
    [0, 0.7, 2],
    [1, 1, 1],
    [1, 0.6, 0.4],
  ]) {
    it(`D = ${depth}, η = ${eta}, a = ${a}`, () => {
      for (const gamma of [0, 0.1, 0.5, 0.9, 1.2]) {
        const grid = scan(depth, eta, a, gamma, FINE);
        const p = globalMinimum(depth, eta, gamma, a);
        expect(Math.abs(p - grid.argmin)).toBeLessThanOrEqual(grid.step * 1.0001);
        expect(grid.maxima).toHaveLength(0);
        expect(stationaryPoints(depth, eta, gamma, a).saddle).toBeNull();
      }
      if (depth === 1) {
        // continuous transition: the grid sees ℓ(step) < 0 only while η − γ > a·step/2
        const gammaC = bisectGamma((g) => scan(depth, eta, a, g, COARSE).minPositive < 0, 1e-9, 3 * eta);
        const step = (2 * eta) / a / COARSE;
        expect(Math.abs(gammaC - (criticalGamma(depth, eta, a) as number))).toBeLessThanOrEqual(a * step);
      }
    });
  }
});
