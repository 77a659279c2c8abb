/**
 * The one branch-on-a-grid (physics/branches.ts) against references that share no code with it:
 * brute-force scans of ℓ(p) = a p² − 2ηp + nγ|p|^{2/n} on a fine p grid (n = D + 1; docs/physics.md §2),
 * the closed forms at D = 0 and D = 1, and the loop area integrated in closed form at D = 2.
 */
import { describe, expect, it } from 'vitest';
import { branchAt, branchCurves, gammaGrid, theoryLoopArea, type BranchRow } from '../../../src/physics';
import { ell, lossGrid } from '../../support/lossGrid';

const POINTS = 200_000;

/** what a grid scan of ℓ on [0, 2η/a] says about the branches at one γ */
function bruteForce(depth: number, eta: number, a: number, gamma: number) {
  const { step, loss, argmin, minima, maxima } = lossGrid(depth, eta, a, gamma, POINTS);
  const learned = minima.length > 0 ? minima[0] * step : null;
  // ℓ(0) = 0: a learned minimum that is not below the origin is the metastable branch (D ≥ 2 only has one)
  const metastable = depth >= 2 && minima.length > 0 && loss[minima[0]] >= 0 ? learned : null;
  // the origin is a local minimum when ℓ rises out of it, checked at two tiny p below the grid step
  const tiny = (1e-10 * eta) / a;
  const originStable = ell(tiny, gamma, depth, eta, a) > 0 && ell(100 * tiny, gamma, depth, eta, a) > 0;
  const phase = argmin > 0 ? 'learned' : learned !== null ? 'metastable-learned' : 'trivial';
  return { step, globalMinimum: argmin * step, learned, saddle: maxima.length > 0 ? maxima[0] * step : null, metastable, originStable, phase, minima, maxima };
}

const near = (value: number | null, reference: number | null, tolerance: number) => {
  expect(value === null).toBe(reference === null);
  if (value !== null && reference !== null) expect(Math.abs(value - reference)).toBeLessThanOrEqual(tolerance);
};

const deepCases: Array<[number, number, number]> = [
  [2, 1, 1],
  [2, 0.8, 1.7],
  [3, 0.6, 0.5],
  [4, 1.3, 2.2],
  [5, 0.9, 1],
];

describe('branchAt against a brute-force scan of ℓ(p), D ≥ 2', () => {
  for (const [depth, eta, a] of deepCases) {
    it(`D = ${depth}, η = ${eta}, a = ${a}: global minimum, learned, saddle, metastable branch, origin stability and phase`, () => {
      // γ in reduced units (docs/physics.md §2: thresholds scale as η^{2D/(D+1)} a^{(1−D)/(D+1)}), spread over all regimes
      const scale = Math.pow(eta, (2 * depth) / (depth + 1)) * Math.pow(a, (1 - depth) / (depth + 1));
      const phases = new Set<string>();
      for (const reduced of [0, 0.02, 0.12, 0.2, 0.32, 0.45, 0.6, 1]) {
        const gamma = reduced * scale;
        const row: BranchRow = branchAt(depth, eta, gamma, a);
        const ref = bruteForce(depth, eta, a, gamma);
        const tolerance = 1.0001 * ref.step;
        expect(ref.minima.length).toBeLessThanOrEqual(1);
        expect(Math.abs(row.globalMinimum - ref.globalMinimum), `γ' = ${reduced}`).toBeLessThanOrEqual(tolerance);
        near(row.learned, ref.learned, tolerance);
        // at γ = 0 the saddle sits at the origin (no interior maximum)
        near(row.saddle, reduced === 0 ? null : ref.saddle, tolerance);
        near(row.metastable, ref.metastable, tolerance);
        expect(row.originStable, `γ' = ${reduced}`).toBe(ref.originStable);
        expect(row.phase, `γ' = ${reduced}`).toBe(ref.phase);
        phases.add(row.phase);
      }
      expect([...phases].sort()).toEqual(['learned', 'metastable-learned', 'trivial']);
    });
  }
});

describe('closed forms at D = 0 and D = 1', () => {
  it('D = 1: p⋆ = max(η − γ, 0)/a, no saddle, no metastable branch, origin stable from γ = η on', () => {
    const [eta, a] = [0.7, 1.6];
    for (const row of branchCurves(1, eta, gammaGrid(0, 1.4, 57), a)) {
      expect(Math.abs(row.globalMinimum - Math.max(eta - row.gamma, 0) / a)).toBeLessThan(1e-15);
      expect(row.learned === null).toBe(row.gamma >= eta);
      expect(row.saddle).toBeNull();
      expect(row.metastable).toBeNull();
      expect(row.originStable).toBe(row.gamma >= eta);
      expect(row.phase).toBe(row.gamma < eta ? 'learned' : 'trivial');
    }
  });

  it('D = 0: p⋆ = η/(a + γ), always learned, origin never stable', () => {
    for (const row of branchCurves(0, 0.8, gammaGrid(0, 3, 31), 2)) {
      expect(Math.abs(row.globalMinimum - 0.8 / (2 + row.gamma))).toBeLessThan(1e-15);
      expect(row).toMatchObject({ saddle: null, metastable: null, originStable: false, phase: 'learned' });
    }
  });

  it('the D = 1 rows agree with the brute-force scan too (the kink at γ = η)', () => {
    for (const gamma of [0, 0.3, 0.69, 0.71, 1.2]) {
      const row = branchAt(1, 0.7, gamma, 1.6);
      const ref = bruteForce(1, 0.7, 1.6, gamma);
      expect(Math.abs(row.globalMinimum - ref.globalMinimum)).toBeLessThanOrEqual(1.0001 * ref.step);
      expect(row.originStable).toBe(ref.originStable);
      expect(row.phase).toBe(ref.phase);
    }
  });
});

describe('exact loop area on a grid', () => {
  it('D = 2: trapezoids over [0, γ_sp] converge to ∫ p dγ along w (p = w³, γ = ηw − aw⁴), in closed form', () => {
    const [eta, a] = [0.9, 1.3];
    const wMax = Math.cbrt(eta / a);
    const wSp = Math.cbrt(eta / (4 * a));
    const F = (w: number) => (eta * w ** 4) / 4 - (4 * a * w ** 7) / 7;
    const exact = F(wSp) - F(wMax);
    const gammaSp = eta * wSp - a * wSp ** 4;
    expect(exact).toBeGreaterThan(0);
    const area = theoryLoopArea(2, eta, a, gammaGrid(0, gammaSp, 20_001));
    expect(Math.abs(area - exact) / exact).toBeLessThan(1e-4);
    // past γ_sp the learned branch is gone: a grid reaching further adds almost nothing
    const longer = theoryLoopArea(2, eta, a, gammaGrid(0, 2 * gammaSp, 40_001));
    expect(Math.abs(longer - exact) / exact).toBeLessThan(1e-3);
  });

  it('D ≤ 1 has no loop', () => {
    expect(theoryLoopArea(1, 1, 1, gammaGrid(0, 2, 50))).toBe(0);
    expect(theoryLoopArea(0, 1, 1, gammaGrid(0, 2, 50))).toBe(0);
  });
});

describe('gammaGrid', () => {
  it('spans both ends with the asked count; crowdEnd shrinks the last step', () => {
    const even = gammaGrid(0.2, 1.2, 6);
    expect(even).toHaveLength(6);
    expect(even[0]).toBe(0.2);
    expect(even[5]).toBe(1.2);
    for (let i = 1; i < 6; i++) expect(even[i] - even[i - 1]).toBeCloseTo(0.2, 14);
    const crowded = gammaGrid(0, 1, 11, true);
    expect(crowded[10]).toBe(1);
    expect(crowded[10] - crowded[9]).toBeLessThan(crowded[1] - crowded[0]);
    expect(gammaGrid(0, 1, 1)).toEqual([0, 1]);
  });
});
