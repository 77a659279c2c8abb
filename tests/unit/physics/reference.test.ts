/** Every number printed in docs/physics.md that the exact one-mode theory must reproduce. */
import { describe, expect, it } from 'vitest';
import {
  barrierFromOrigin,
  cascade,
  criticalGamma,
  globalMinimum,
  lossInConvention,
  modeTheory,
  normSqJump,
  pJump,
  spinodalGamma,
  stationaryPoints,
  theoryTable,
} from '../../../src/physics';
import { expectPrinted } from './expectations';

describe('docs/physics.md §2 reference table (η = 1), each value to its printed precision', () => {
  const table: Array<{ D: number; gammaC: string; pJump: string; normSqJump: string; gammaSp: string | null; barrier: string | null }> = [
    { D: 2, gammaC: '0.396850', pJump: '0.5', normSqJump: '1.889882', gammaSp: '0.472470', barrier: '0.067442' },
    { D: 3, gammaC: '0.272166', pJump: '0.6667', normSqJump: '3.265986', gammaSp: '0.384900', barrier: '0.154701' },
    { D: 4, gammaC: '0.210367', pJump: '0.75', normSqJump: '4.456506', gammaSp: '0.346975', barrier: null },
  ];
  for (const row of table) {
    it(`D = ${row.D}`, () => {
      expectPrinted(criticalGamma(row.D, 1), row.gammaC);
      expectPrinted(pJump(row.D, 1), row.pJump);
      expectPrinted(normSqJump(row.D, 1), row.normSqJump);
      if (row.gammaSp) expectPrinted(spinodalGamma(row.D, 1), row.gammaSp);
      const theory = modeTheory(row.D, 1);
      if (row.barrier) expectPrinted(theory.barrierAtGammaC, row.barrier);
      expect(theory.barrierAtGammaC).toBeGreaterThan(0);
    });
  }
  it('D = 1: γ_c = 1, no jump, no spinodal, no barrier', () => {
    expect(criticalGamma(1, 1)).toBe(1);
    expect(pJump(1, 1)).toBe(0);
    expect(normSqJump(1, 1)).toBe(0);
    expect(spinodalGamma(1, 1)).toBeNull();
    expect(modeTheory(1, 1).barrierAtGammaC).toBeNull();
  });
});

describe('docs/physics.md §2 global minimum and barrier values (η = 1)', () => {
  it('p⋆ at γ = 0.2 and 0.3 for D = 1, 2, 3', () => {
    expectPrinted(globalMinimum(1, 1, 0.2), '0.8');
    expectPrinted(globalMinimum(2, 1, 0.2), '0.78301');
    expectPrinted(globalMinimum(3, 1, 0.2), '0.77244');
    expectPrinted(globalMinimum(1, 1, 0.3), '0.7');
    expectPrinted(globalMinimum(2, 1, 0.3), '0.65446');
    expect(globalMinimum(3, 1, 0.3)).toBe(0);
    // D = 3 at γ = 0.3 has collapsed although the learned state still exists (γ_c < 0.3 < γ_sp)
    expect(stationaryPoints(3, 1, 0.3).learned).not.toBeNull();
  });
  it('barrier out of the origin at D = 2', () => {
    expectPrinted(barrierFromOrigin(2, 1, 0.2), '0.008066');
    expectPrinted(barrierFromOrigin(2, 1, 0.3), '0.027796');
  });
  it('§5: B = 0.01588 at D = 2, η = 1, γ = 0.25', () => {
    expectPrinted(barrierFromOrigin(2, 1, 0.25), '0.01588');
  });
});

describe('docs/physics.md §3 cascade', () => {
  it('D = 2, η = (1, 0.6, 0.3): γ_c = 0.39685, 0.20083, 0.07970', () => {
    const modes = theoryTable(2, [1, 0.6, 0.3]).modes;
    expectPrinted(modes[0].gammaC, '0.39685');
    expectPrinted(modes[1].gammaC, '0.20083');
    expectPrinted(modes[2].gammaC, '0.07970');
    expectPrinted(modes[0].gammaSpinodal, '0.47247');
  });
  it('the end-to-end values (0.9491, 0.5385, 0.2168) at γ = 0.05 and (0.7710, 0, 0) at γ = 0.21', () => {
    const low = cascade(2, [1, 0.6, 0.3], 0.05).modes.map((m) => m.globalMinimum);
    ['0.9491', '0.5385', '0.2168'].forEach((printed, k) => expectPrinted(low[k], printed));
    const high = cascade(2, [1, 0.6, 0.3], 0.21);
    expectPrinted(high.modes[0].globalMinimum, '0.7710');
    expect(high.modes[1].globalMinimum).toBe(0);
    expect(high.modes[2].globalMinimum).toBe(0);
    expect(high.rank).toBe(1);
  });
  it('Ersoy–Wiesner η = (0.9, 0.8), D = 2: spinodals 0.4105, 0.3509; equal-loss points 0.3448, 0.2947', () => {
    expectPrinted(spinodalGamma(2, 0.9), '0.4105');
    expectPrinted(spinodalGamma(2, 0.8), '0.3509');
    expectPrinted(criticalGamma(2, 0.9), '0.3448');
    expectPrinted(criticalGamma(2, 0.8), '0.2947');
  });
});

describe('docs/physics.md §5/§8: Ersoy–Wiesner γ = 0.32, η = 0.8', () => {
  it('exact saddle p = 0.0925; barrier 0.0285 in their loss units (PyTorch mean over k = 2 outputs = ours / 2)', () => {
    const { saddle } = stationaryPoints(2, 0.8, 0.32);
    expectPrinted(saddle, '0.0925');
    const ours = barrierFromOrigin(2, 0.8, 0.32) as number;
    expectPrinted(lossInConvention('pytorch-mse-weight-decay', ours, 2), '0.0285');
    // rank 1 (η = 0.9 on, η = 0.8 off: 0.2947 < 0.32 < 0.3448) is already the global minimum there
    const state = cascade(2, [0.9, 0.8], 0.32);
    expect(state.rank).toBe(1);
    expect(state.modes.map((m) => m.phase)).toEqual(['learned', 'metastable-learned']);
  });
  it('§8 population test MSE (mean over 2 outputs, Σyy = I) along the upward sweep from the learned state', () => {
    const etas = [0.9, 0.8];
    const testMse = (gamma: number) => {
      const ps = etas.map((eta) => stationaryPoints(2, eta, gamma).learned ?? 0);
      return (2 - etas.reduce((s, eta, k) => s + 2 * eta * ps[k] - ps[k] ** 2, 0)) / 2;
    };
    expectPrinted(testMse(0), '0.275');
    expectPrinted((2 - 0.9 * 0.9) / 2, '0.595');
    const sweep: Array<[number, string]> = [
      [0.32, '0.461'],
      [0.35, '0.548'],
      [0.36, '0.711'],
      [0.41, '0.811'],
      [0.42, '1.000'],
    ];
    for (const [gamma, printed] of sweep) expectPrinted(testMse(gamma), printed);
  });
});
