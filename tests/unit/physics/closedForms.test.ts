/** Closed forms for D = 0 and D = 1, the scaling law, small-γ barriers and the deep limit. */
import { describe, expect, it } from 'vitest';
import {
  barrierFromLearned,
  barrierFromOrigin,
  criticalGamma,
  deepLimit,
  globalMinimum,
  layerCount,
  modeNormSq,
  pAtSpinodal,
  pJump,
  reducedLoss,
  reducedLossDerivative,
  spinodalGamma,
  stationaryGammaOfW,
  stationaryLoss,
  stationaryPoints,
  transitionKind,
} from '../../../src/physics';
import { expectRelative } from './expectations';

const gammas = [0, 0.05, 0.3, 0.7, 0.99, 1, 1.5, 4];

describe('D = 0 (ridge): p = η/(a + γ), no transition', () => {
  it('learned = global minimum = η/(a+γ); no saddle, thresholds null', () => {
    for (const [eta, a] of [
      [1, 1],
      [0.4, 2.5],
      [3, 0.2],
    ]) {
      for (const gamma of gammas) {
        const expected = eta / (a + gamma);
        expectRelative(globalMinimum(0, eta, gamma, a), expected, 1e-15);
        expect(stationaryPoints(0, eta, gamma, a)).toEqual({ learned: expectedClose(expected), saddle: null });
      }
      expect(criticalGamma(0, eta, a)).toBeNull();
      expect(spinodalGamma(0, eta, a)).toBeNull();
      expect(pAtSpinodal(0, eta, a)).toBeNull();
      expect(pJump(0, eta, a)).toBe(0);
    }
    expect(transitionKind(0)).toBe('none');
  });
});

function expectedClose(value: number) {
  return expect.closeTo(value, 14);
}

describe('D = 1: soft threshold p = max(η − γ, 0)/a at γ_c = η for any a', () => {
  it('closed form and thresholds', () => {
    for (const [eta, a] of [
      [1, 1],
      [0.6, 3],
      [2, 0.5],
    ]) {
      expect(criticalGamma(1, eta, a)).toBe(eta);
      expect(spinodalGamma(1, eta, a)).toBeNull();
      for (const gamma of gammas) {
        const expected = Math.max(eta - gamma, 0) / a;
        expectRelative(globalMinimum(1, eta, gamma, a), expected, 1e-14);
        const { learned, saddle } = stationaryPoints(1, eta, gamma, a);
        expect(saddle).toBeNull();
        if (gamma < eta) expectRelative(learned, expected, 1e-14);
        else expect(learned).toBeNull();
      }
    }
    expect(transitionKind(1)).toBe('second-order');
    expect(transitionKind(2)).toBe('first-order');
  });
});

describe('reduced loss and its parametrizations', () => {
  it('ℓ(0) = 0, layerCount = D + 1, modeNormSq = n|p|^{2/n}, symmetric in ±p', () => {
    expect(layerCount(0)).toBe(1);
    expect(layerCount(3)).toBe(4);
    expect(reducedLoss(0, 0.3, 2, 1)).toBe(0);
    expect(modeNormSq(2, 0.125)).toBeCloseTo(3 * 0.25, 14);
    expect(modeNormSq(0, -0.5)).toBeCloseTo(0.25, 14);
    expect(reducedLoss(-0.4, 0.3, 3, -1, 2)).toBeCloseTo(reducedLoss(0.4, 0.3, 3, 1, 2), 14);
  });
  it('derivative matches a central finite difference (D = 0…4, a ≠ 1)', () => {
    for (let depth = 0; depth <= 4; depth++) {
      for (const p of [0.05, 0.3, 0.9]) {
        const h = 1e-6;
        const fd = (reducedLoss(p + h, 0.2, depth, 0.8, 1.7) - reducedLoss(p - h, 0.2, depth, 0.8, 1.7)) / (2 * h);
        expect(Math.abs(reducedLossDerivative(p, 0.2, depth, 0.8, 1.7) - fd)).toBeLessThan(1e-7);
      }
    }
    expect(reducedLossDerivative(0, 0.2, 2, 1)).toBe(Infinity);
    expect(reducedLossDerivative(0, 0.2, 1, 1)).toBeCloseTo(-1.6, 14);
  });
  it("stationary points satisfy ℓ'(p) = 0, p = wⁿ satisfies γ = η w^{n−2} − a w^{2n−2}, and stationaryLoss = ℓ", () => {
    for (const [depth, eta, a, gamma] of [
      [2, 1, 1, 0.3],
      [3, 0.7, 2, 0.1],
      [5, 1.4, 0.6, 0.5],
    ]) {
      const n = depth + 1;
      const { learned, saddle } = stationaryPoints(depth, eta, gamma, a);
      for (const p of [learned, saddle]) {
        expect(p).not.toBeNull();
        const q = p as number;
        expect(Math.abs(reducedLossDerivative(q, gamma, depth, eta, a))).toBeLessThan(1e-10);
        expectRelative(stationaryGammaOfW(depth, eta, Math.pow(q, 1 / n), a), gamma, 1e-12);
        expect(stationaryLoss(depth, eta, q, a)).toBeCloseTo(reducedLoss(q, gamma, depth, eta, a), 13);
      }
      expect(saddle as number).toBeLessThan(learned as number);
    }
  });
});

describe('D ≥ 2 structure', () => {
  it('the learned minimum has zero loss at γ_c (coexistence) and merges with the saddle at γ_sp', () => {
    for (const [depth, eta, a] of [
      [2, 1, 1],
      [3, 0.5, 2],
      [4, 1.3, 0.7],
      [6, 0.9, 1],
    ]) {
      const gammaC = criticalGamma(depth, eta, a) as number;
      const atC = stationaryPoints(depth, eta, gammaC, a);
      expectRelative(atC.learned, pJump(depth, eta, a), 1e-12);
      expect(Math.abs(reducedLoss(atC.learned as number, gammaC, depth, eta, a))).toBeLessThan(1e-13);
      const gammaSp = spinodalGamma(depth, eta, a) as number;
      expect(gammaSp).toBeGreaterThan(gammaC);
      const below = stationaryPoints(depth, eta, gammaSp * (1 - 1e-9), a);
      const pSp = pAtSpinodal(depth, eta, a) as number;
      expectRelative(below.learned, pSp, 1e-3);
      expectRelative(below.saddle, pSp, 1e-3);
      expect(stationaryPoints(depth, eta, gammaSp * (1 + 1e-9), a)).toEqual({ learned: null, saddle: null });
      // barriers: out of the origin rises with γ; out of the learned state vanishes at γ_sp and is 0 between equal wells at γ_c
      expectRelative(barrierFromLearned(depth, eta, gammaC, a), barrierFromOrigin(depth, eta, gammaC, a) as number, 1e-9);
      expect(barrierFromLearned(depth, eta, gammaSp * (1 - 1e-9), a) as number).toBeLessThan(1e-9 * eta * eta);
    }
  });
  it('no saddle at γ = 0 (the origin is not a minimum), none for η = 0', () => {
    expect(stationaryPoints(2, 1, 0)).toEqual({ learned: 1, saddle: null });
    expect(barrierFromOrigin(2, 1, 0)).toBeNull();
    expect(stationaryPoints(3, 0, 0.1)).toEqual({ learned: null, saddle: null });
    expect(globalMinimum(3, 0, 0.1)).toBe(0);
  });
});

describe('scaling: thresholds ∝ η^{2D/(D+1)} a^{(1−D)/(D+1)}, energies ∝ η²/a, p ∝ η/a', () => {
  it('the substitution p = (η/a)q maps ℓ onto (η²/a)·ℓ₁ with γ rescaled', () => {
    for (const depth of [1, 2, 3, 5]) {
      const n = depth + 1;
      for (const [eta, a] of [
        [0.3, 1],
        [2, 1],
        [0.7, 2.5],
        [1.6, 0.4],
      ]) {
        const gs = Math.pow(eta, (2 * depth) / n) * Math.pow(a, (1 - depth) / n);
        for (const q of [0.01, 0.4, 1.3]) {
          expectRelative(reducedLoss((eta / a) * q, 0.2 * gs, depth, eta, a) / ((eta * eta) / a), reducedLoss(q, 0.2, depth, 1), 1e-12);
        }
      }
    }
  });
  it('thresholds, jumps and barriers follow the scaling law', () => {
    for (const depth of [2, 3, 4]) {
      const n = depth + 1;
      for (const [eta, a] of [
        [0.3, 1],
        [2, 1],
        [0.7, 2.5],
        [1.6, 0.4],
      ]) {
        const gs = Math.pow(eta, (2 * depth) / n) * Math.pow(a, (1 - depth) / n);
        expectRelative(criticalGamma(depth, eta, a), (criticalGamma(depth, 1) as number) * gs, 1e-13);
        expectRelative(spinodalGamma(depth, eta, a), (spinodalGamma(depth, 1) as number) * gs, 1e-13);
        expectRelative(pJump(depth, eta, a), pJump(depth, 1) * (eta / a), 1e-13);
        for (const gamma of [0.05, 0.2, 0.3]) {
          expectRelative(barrierFromOrigin(depth, eta, gamma * gs, a), (barrierFromOrigin(depth, 1, gamma) as number) * ((eta * eta) / a), 1e-10);
          expectRelative(globalMinimum(depth, eta, gamma * gs, a), globalMinimum(depth, 1, gamma) * (eta / a), 1e-12);
        }
      }
    }
  });
});

describe('small-γ barrier out of the origin', () => {
  const relError = (depth: number, eta: number, gamma: number, asymptote: number) => Math.abs((barrierFromOrigin(depth, eta, gamma) as number) / asymptote - 1);
  it('D = 2: B ≈ γ³/η², error shrinking as γ → 0', () => {
    for (const eta of [0.5, 1, 2]) {
      const errors = [1e-2, 1e-3, 1e-4].map((g) => relError(2, eta, g * eta ** (4 / 3), (g * eta ** (4 / 3)) ** 3 / eta ** 2));
      expect(errors[2]).toBeLessThan(1e-9);
      expect(errors[1]).toBeLessThan(errors[0]);
      expect(errors[2]).toBeLessThan(errors[1]);
      expect(errors[0]).toBeGreaterThan(0);
    }
  });
  it('D = 3: B ≈ 2γ²/η, error shrinking as γ → 0', () => {
    for (const eta of [0.5, 1, 2]) {
      const errors = [1e-2, 1e-3, 1e-4].map((g) => relError(3, eta, g * eta ** 1.5, (2 * (g * eta ** 1.5) ** 2) / eta));
      expect(errors[2]).toBeLessThan(1e-6);
      expect(errors[1]).toBeLessThan(errors[0]);
      expect(errors[2]).toBeLessThan(errors[1]);
    }
  });
});

describe('deep limit: n·γ_c → η²/a, γ_sp → η²/(4a)', () => {
  it('converges monotonically from above', () => {
    for (const [eta, a] of [
      [1, 1],
      [0.7, 1],
      [1.3, 2],
    ]) {
      const limit = deepLimit(eta, a);
      expectRelative(limit.nTimesGammaC, (eta * eta) / a, 1e-15);
      const depths = [2, 5, 10, 100, 1000, 100000];
      const nGc = depths.map((d) => (d + 1) * (criticalGamma(d, eta, a) as number));
      const gSp = depths.map((d) => spinodalGamma(d, eta, a) as number);
      for (let i = 1; i < depths.length; i++) {
        expect(nGc[i]).toBeLessThan(nGc[i - 1]);
        expect(gSp[i]).toBeLessThan(gSp[i - 1]);
        expect(nGc[i]).toBeGreaterThan(limit.nTimesGammaC);
        expect(gSp[i]).toBeGreaterThan(limit.gammaSpinodal);
      }
      expectRelative(nGc[depths.length - 1], limit.nTimesGammaC, 1e-4);
      expectRelative(gSp[depths.length - 1], limit.gammaSpinodal, 1e-3);
      // the jump tends to the full unregularized answer η/a
      expectRelative(pJump(100000, eta, a), eta / a, 1e-4);
    }
  });
});

describe('argument checks', () => {
  it('rejects nonsense instead of returning NaN', () => {
    expect(() => criticalGamma(-1, 1)).toThrow(RangeError);
    expect(() => criticalGamma(1.5, 1)).toThrow(RangeError);
    expect(() => stationaryPoints(2, -1, 0.1)).toThrow(RangeError);
    expect(() => stationaryPoints(2, 1, -0.1)).toThrow(RangeError);
    expect(() => stationaryPoints(2, 1, 0.1, 0)).toThrow(RangeError);
    expect(() => globalMinimum(2, 1, Number.NaN)).toThrow(RangeError);
  });
});
