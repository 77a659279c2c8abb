/** Several features (cascade, theory table), branch curves for plots, conventions, linear VAE. */
import { describe, expect, it } from 'vitest';
import {
  branchCurves,
  cascade,
  criticalGamma,
  gammaFromConvention,
  lambdaFromGamma,
  LOSS_CONVENTIONS,
  lossInConvention,
  reducedLossDerivative,
  spinodalGamma,
  stationaryBranches,
  stationaryPoints,
  theoryTable,
  vaeLatentUsage,
} from '../../../src/physics';

describe('cascade', () => {
  const spectrum = [1, 0.6, 0.3];
  const gammaC = spectrum.map((eta) => criticalGamma(2, eta) as number);
  const gammaSp = spectrum.map((eta) => spinodalGamma(2, eta) as number);
  it('each mode switches at its own γ_c; rank counts modes learned in the global minimum', () => {
    expect(cascade(2, spectrum, 0.05).rank).toBe(3);
    expect(cascade(2, spectrum, 0.15).rank).toBe(2);
    expect(cascade(2, spectrum, 0.3).rank).toBe(1);
    expect(cascade(2, spectrum, 0.5).rank).toBe(0);
    // just below / above each γ_c
    gammaC.forEach((g, k) => {
      expect(cascade(2, spectrum, g * (1 - 1e-9)).modes[k].phase).toBe('learned');
      expect(cascade(2, spectrum, g * (1 + 1e-9)).modes[k].phase).toBe('metastable-learned');
      expect(cascade(2, spectrum, gammaSp[k] * (1 + 1e-9)).modes[k].phase).toBe('trivial');
    });
  });
  it('countStableStates = Π (1 + [learned minimum exists]) for D ≥ 2, γ > 0', () => {
    // γ = 0.21: modes 1, 2 have learned minima (0.21 < γ_sp = 0.472, 0.239), mode 3 not (γ_sp = 0.095)
    const state = cascade(2, spectrum, 0.21);
    expect(state.modes.map((m) => m.learnedStable)).toEqual([true, true, false]);
    expect(state.countStableStates).toBe(4);
    expect(cascade(2, spectrum, 0.05).countStableStates).toBe(8);
    expect(cascade(2, spectrum, 0.6).countStableStates).toBe(1);
    // at γ = 0 the origin is not a minimum: one state per mode
    expect(cascade(2, spectrum, 0).countStableStates).toBe(1);
    expect(cascade(2, spectrum, 0).modes.every((m) => !m.originStable)).toBe(true);
  });
  it('D ≤ 1 has a single stable state; D = 1 is soft thresholding', () => {
    const state = cascade(1, spectrum, 0.45);
    expect(state.countStableStates).toBe(1);
    expect(state.rank).toBe(2);
    state.modes.forEach((m, k) => expect(m.globalMinimum).toBeCloseTo(Math.max(spectrum[k] - 0.45, 0), 14));
    expect(cascade(0, spectrum, 3).rank).toBe(3);
    expect(cascade(0, spectrum, 3).countStableStates).toBe(1);
  });
  it('strengths are applied per mode', () => {
    const state = cascade(2, [1, 1], 0.3, [1, 3]);
    expect(state.modes[0].gammaC).toBeCloseTo(criticalGamma(2, 1, 1) as number, 14);
    expect(state.modes[1].gammaC).toBeCloseTo(criticalGamma(2, 1, 3) as number, 14);
    expect(state.modes[1].strength).toBe(3);
  });
});

describe('theoryTable (CLI `theory --json` shape)', () => {
  it('D = 2, 1, 0', () => {
    const two = theoryTable(2, [1, 0.6]);
    expect(two.depth).toBe(2);
    expect(two.modes[0].eta).toBe(1);
    expect(two.modes[0].pJump).toBe(0.5);
    expect(two.modes[1].gammaSpinodal).toBeCloseTo(spinodalGamma(2, 0.6) as number, 15);
    const one = theoryTable(1, [0.7]).modes[0];
    expect(one.gammaC).toBe(0.7);
    expect(one.gammaSpinodal).toBeNull();
    expect(one.barrierAtGammaC).toBeNull();
    const zero = theoryTable(0, [0.7]).modes[0];
    expect(zero.gammaC).toBeNull();
    expect(zero.pJump).toBe(0);
    expect(JSON.parse(JSON.stringify(two))).toEqual(two);
  });
});

describe('branches for bifurcation diagrams', () => {
  it('branchCurves agrees with stationaryPoints, null outside the branch', () => {
    const gammas = Array.from({ length: 61 }, (_, i) => i * 0.01);
    const rows = branchCurves(2, 0.9, gammas, 1.2);
    const gSp = spinodalGamma(2, 0.9, 1.2) as number;
    rows.forEach((row, i) => {
      expect(row.gamma).toBe(gammas[i]);
      expect(row).toMatchObject(stationaryPoints(2, 0.9, gammas[i], 1.2));
      expect(row.learned === null).toBe(gammas[i] > gSp);
    });
  });
  it('stationaryBranches: every point stationary, saddle and learned meet at the spinodal, ordered by γ', () => {
    for (const [depth, eta, a] of [
      [2, 1, 1],
      [3, 0.7, 1.5],
    ]) {
      const { learned, saddle, trivialStableAbove } = stationaryBranches(depth, eta, a, 100);
      expect(trivialStableAbove).toBe(0);
      for (const point of [...learned.slice(1), ...saddle.slice(1)]) {
        expect(Math.abs(reducedLossDerivative(point.p, point.gamma, depth, eta, a))).toBeLessThan(1e-9);
      }
      expect(learned[0]).toEqual({ gamma: 0, p: eta / a });
      expect(learned.at(-1)?.gamma).toBeCloseTo(spinodalGamma(depth, eta, a) as number, 14);
      expect(learned.at(-1)?.p).toBeCloseTo(saddle.at(-1)?.p as number, 14);
      for (const branch of [learned, saddle]) {
        for (let i = 1; i < branch.length; i++) expect(branch[i].gamma).toBeGreaterThanOrEqual(branch[i - 1].gamma);
      }
    }
    const one = stationaryBranches(1, 0.8);
    expect(one.saddle).toHaveLength(0);
    expect(one.trivialStableAbove).toBe(0.8);
    expect(one.learned.at(-1)).toEqual({ gamma: 0.8, p: 0 });
    expect(stationaryBranches(0, 1, 1, 10, 3).learned.at(-1)).toEqual({ gamma: 3, p: 0.25 });
  });
});

describe('loss conventions (docs/physics.md §1)', () => {
  it('γ for each convention and back', () => {
    expect(gammaFromConvention('half-mse-half-l2', 0.3)).toBe(0.3);
    expect(gammaFromConvention('mse-l2', 0.3)).toBe(0.3);
    expect(gammaFromConvention('pytorch-mse-weight-decay', 0.3, 2)).toBe(0.3);
    expect(gammaFromConvention('pytorch-mse-weight-decay', 0.3, 5)).toBeCloseTo(0.75, 15);
    expect(gammaFromConvention('pytorch-mse-weight-decay', 0.3)).toBeCloseTo(0.15, 15);
    expect(lambdaFromGamma('pytorch-mse-weight-decay', 0.75, 5)).toBeCloseTo(0.3, 15);
    expect(lossInConvention('half-mse-half-l2', 1)).toBe(0.5);
    expect(lossInConvention('pytorch-mse-weight-decay', 1, 4)).toBe(0.25);
    expect(LOSS_CONVENTIONS.map((c) => c.kind)).toEqual(['half-mse-half-l2', 'mse-l2', 'pytorch-mse-weight-decay']);
    expect(() => gammaFromConvention('mse-l2', 0.1, 0)).toThrow(RangeError);
  });
});

describe('linear VAE posterior collapse (docs/physics.md §7)', () => {
  it('|uw| = max(0, 1 − η/λ): continuous collapse at η = λ', () => {
    expect(vaeLatentUsage(2, 0.5)).toBeCloseTo(0.75, 15);
    expect(vaeLatentUsage(1, 1)).toBe(0);
    expect(vaeLatentUsage(1, 1.5)).toBe(0);
    expect(vaeLatentUsage(1, 1 - 1e-9)).toBeCloseTo(1e-9, 15);
    expect(vaeLatentUsage(0, 0.1)).toBe(0);
    expect(() => vaeLatentUsage(-1, 0.1)).toThrow(RangeError);
  });
});
