import { describe, expect, it } from 'vitest';
import { GAMMA_SLIDER_STEPS, gammaRangeMax, gammaToPosition, positionToGamma } from '../../../src/state/gammaScale';

describe('γ slider scale', () => {
  it('has at least 1000 positions', () => {
    expect(GAMMA_SLIDER_STEPS).toBeGreaterThanOrEqual(1000);
  });

  for (const scale of ['linear', 'log'] as const) {
    it(`round-trips γ within one slider step (${scale})`, () => {
      const max = 0.7;
      for (const gamma of [0.01, 0.2, 0.3968, 0.4725, 0.69]) {
        const back = positionToGamma(gammaToPosition(gamma, max, scale), max, scale);
        // one position is max/2000 (linear) or a factor (max/1e-3)^(1/2000) (log)
        const tolerance = scale === 'linear' ? max / GAMMA_SLIDER_STEPS : gamma * (Math.pow(max / 1e-3, 1 / GAMMA_SLIDER_STEPS) - 1);
        expect(Math.abs(back - gamma)).toBeLessThanOrEqual(tolerance);
      }
    });
  }

  it('is monotone and spans 0…max (linear) and 1e-3…max (log)', () => {
    expect(positionToGamma(0, 1.4, 'linear')).toBe(0);
    expect(positionToGamma(GAMMA_SLIDER_STEPS, 1.4, 'linear')).toBeCloseTo(1.4, 12);
    expect(positionToGamma(0, 1.4, 'log')).toBeCloseTo(1e-3, 12);
    expect(positionToGamma(GAMMA_SLIDER_STEPS, 1.4, 'log')).toBeCloseTo(1.4, 12);
    let previous = -1;
    for (let i = 0; i <= GAMMA_SLIDER_STEPS; i += 50) {
      const g = positionToGamma(i, 1.4, 'log');
      expect(g).toBeGreaterThan(previous);
      previous = g;
    }
  });

  it('chooses a range that contains every threshold with room to spare', () => {
    const max = gammaRangeMax([0.3968, 0.4725]);
    expect(max).toBeGreaterThan(0.4725 * 1.2);
    expect(max).toBeLessThan(0.4725 * 2);
    expect(gammaRangeMax([1, 0.4725, 0.385])).toBeGreaterThan(1.2);
    expect(gammaRangeMax([])).toBeGreaterThan(0);
  });
});
