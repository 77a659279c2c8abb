/** L⋆(γ) and its γ-derivatives: envelope theorem, implicit differentiation, jumps at transitions. */
import { describe, expect, it } from 'vitest';
import { criticalGamma, globalMinimum, modeNormSq, normSqJump, optimalLoss, spectrumOptimalLoss } from '../../../src/physics';
import { expectRelative } from './expectations';

const H = 1e-6;
const central = (f: (g: number) => number, g: number, h = H) => (f(g + h) - f(g - h)) / (2 * h);

describe('first derivative = ‖θ⋆‖² (envelope theorem)', () => {
  const cases: Array<[number, number, number]> = [
    [0, 1, 1],
    [0, 0.5, 2],
    [1, 1, 1],
    [1, 0.8, 0.6],
    [2, 1, 1],
    [2, 0.7, 1.8],
    [3, 1.2, 0.9],
    [4, 1, 1],
  ];
  for (const [depth, eta, a] of cases) {
    it(`D = ${depth}, η = ${eta}, a = ${a}`, () => {
      const gammaC = criticalGamma(depth, eta, a);
      for (const fraction of [0.1, 0.4, 0.8, 1.3]) {
        const gamma = fraction * (gammaC ?? eta);
        const result = optimalLoss(depth, eta, gamma, a);
        expect(result.first).toBeCloseTo(modeNormSq(depth, globalMinimum(depth, eta, gamma, a)), 13);
        const fdFirst = central((g) => optimalLoss(depth, eta, g, a).value, gamma);
        expect(Math.abs(result.first - fdFirst)).toBeLessThan(1e-7 * Math.max(1, result.first));
        const fdSecond = central((g) => optimalLoss(depth, eta, g, a).first, gamma);
        expect(Math.abs(result.second - fdSecond)).toBeLessThan(1e-5 * Math.max(1, Math.abs(result.second)));
        if (fraction > 1 && depth >= 1) expect(result).toEqual({ value: 0, first: 0, second: 0 });
        else expect(result.value).toBeLessThan(0);
      }
    });
  }
});

describe('closed forms of L⋆', () => {
  it('D = 0: L⋆ = −η²/(a+γ), smooth; second = −2η²/(a+γ)³', () => {
    for (const [eta, a] of [
      [1, 1],
      [0.6, 2.2],
    ]) {
      for (const gamma of [0, 0.3, 1, 5]) {
        const result = optimalLoss(0, eta, gamma, a);
        expectRelative(result.value, -(eta * eta) / (a + gamma), 1e-14);
        expectRelative(result.first, (eta * eta) / (a + gamma) ** 2, 1e-14);
        expectRelative(result.second, (-2 * eta * eta) / (a + gamma) ** 3, 1e-13);
      }
    }
  });
  it('D = 1: L⋆ = −(η−γ)²/a below η; L⋆ and ∂L⋆/∂γ continuous at γ = η; ∂²L⋆/∂γ² jumps by 2/a (2 whitened)', () => {
    for (const [eta, a] of [
      [1, 1],
      [0.6, 0.5],
    ]) {
      const below = optimalLoss(1, eta, eta * (1 - 1e-9), a);
      const above = optimalLoss(1, eta, eta * (1 + 1e-9), a);
      expect(Math.abs(below.value - above.value)).toBeLessThan(1e-15);
      expect(Math.abs(below.first - above.first)).toBeLessThan(1e-8);
      expectRelative(below.second - above.second, -2 / a, 1e-12);
      expectRelative(optimalLoss(1, eta, 0.3 * eta, a).value, -((0.7 * eta) ** 2) / a, 1e-13);
    }
    expect(optimalLoss(1, 1, 0.5).second).toBeCloseTo(-2, 13);
  });
  it('D ≥ 2: L⋆ continuous at γ_c but ∂L⋆/∂γ = ‖θ‖² jumps by normSqJump (latent heat)', () => {
    for (const [depth, eta, a] of [
      [2, 1, 1],
      [3, 0.8, 1.5],
      [4, 1, 0.7],
    ]) {
      const gammaC = criticalGamma(depth, eta, a) as number;
      const below = optimalLoss(depth, eta, gammaC * (1 - 1e-10), a);
      const above = optimalLoss(depth, eta, gammaC * (1 + 1e-10), a);
      expect(Math.abs(below.value - above.value)).toBeLessThan(1e-9);
      expectRelative(below.first - above.first, normSqJump(depth, eta, a), 1e-6);
      // exactly at γ_c the learned side is reported
      expectRelative(optimalLoss(depth, eta, gammaC, a).first, normSqJump(depth, eta, a), 1e-12);
    }
  });
});

describe('several modes: totals add', () => {
  it('spectrumOptimalLoss = Σ optimalLoss over modes, strengths default to 1', () => {
    const spectrum = [1, 0.6, 0.3];
    for (const gamma of [0.05, 0.21, 0.45]) {
      const total = spectrumOptimalLoss(2, spectrum, gamma, [1, 2, 0.5]);
      const modes = spectrum.map((eta, k) => optimalLoss(2, eta, gamma, [1, 2, 0.5][k]));
      expect(total.value).toBeCloseTo(
        modes.reduce((s, m) => s + m.value, 0),
        14,
      );
      expect(total.first).toBeCloseTo(
        modes.reduce((s, m) => s + m.first, 0),
        14,
      );
      expect(total.second).toBeCloseTo(
        modes.reduce((s, m) => s + m.second, 0),
        12,
      );
      const whitened = spectrumOptimalLoss(2, spectrum, gamma);
      expect(whitened.value).toBeCloseTo(
        spectrum.reduce((s, eta) => s + optimalLoss(2, eta, gamma).value, 0),
        14,
      );
    }
    expect(spectrumOptimalLoss(2, [], 0.1)).toEqual({ value: 0, first: 0, second: 0 });
  });
});
