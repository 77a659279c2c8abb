/**
 * The censored Arrhenius fit against synthetic escape times drawn from a known law
 * (t = t_transit + Exp(τ(T)), ln τ = B/T + k ln T + c, censored at the run length): the independent
 * reference is the true (B, k) used to draw them.
 */
import { describe, expect, it } from 'vitest';
import { arrheniusStatistics, type EscapeGroup } from '../../../src/experiments/arrhenius';
import { uniformSource } from '../../../src/data/random';

interface Law {
  B: number;
  k: number;
  c: number;
  transit: number;
}

function draw(law: Law, temperatures: number[], replicas: number, steps: number, seed: number): EscapeGroup[] {
  const u = uniformSource(seed);
  return temperatures.map((T) => {
    const tau = Math.exp(law.B / T + law.k * Math.log(T) + law.c);
    return {
      T,
      escapeTimes: Array.from({ length: replicas }, () => {
        const t = law.transit - tau * Math.log(1 - u());
        return t > steps ? null : t;
      }),
    };
  });
}

// B/T from 8.3 to 20; the coldest temperature is ~89 % censored, the next ~15 %
const temperatures = [0.006, 0.0045, 0.0035, 0.003, 0.0025];
const prefactorLaw: Law = { B: 0.05, k: 3, c: 12.72, transit: 50 };
const plainLaw: Law = { B: 0.05, k: 0, c: Math.log(300) - 0.05 / 0.006, transit: 50 };
const steps = 3e5;

describe('censored maximum-likelihood Arrhenius fit', () => {
  it('recovers B and k from heavily censored data (one temperature with no escape at all)', () => {
    const groups = draw(prefactorLaw, [...temperatures, 0.0015], 512, steps, 11);
    expect(groups[5].escapeTimes.every((t) => t === null)).toBe(true);
    expect(groups[4].escapeTimes.filter((t) => t === null).length).toBeGreaterThan(400);
    const s = arrheniusStatistics(groups, { steps, transit: 50, bootstrap: 200 });
    const f = s.withPrefactor as NonNullable<typeof s.withPrefactor>;
    expect(Math.abs(f.slope / 0.05 - 1)).toBeLessThan(0.1);
    expect(Math.abs(f.k - 3)).toBeLessThan(1);
    const [lo, hi] = f.ci95 as [number, number];
    expect(lo).toBeLessThan(0.05);
    expect(hi).toBeGreaterThan(0.05);
    const [klo, khi] = f.kCi95 as [number, number];
    expect(klo).toBeLessThan(3);
    expect(khi).toBeGreaterThan(3);
    expect(s.points[5].lnTau).toBeNull();
    expect(s.points[5].lnTauLower95).not.toBeNull();
  });

  it('plain law: B within 5 % with 512 replicas, transit estimated as the earliest escape', () => {
    const groups = draw(plainLaw, temperatures, 512, 2e5, 3);
    const s = arrheniusStatistics(groups, { steps: 2e5, bootstrap: 0 });
    expect(Math.abs((s.plain as { slope: number }).slope / 0.05 - 1)).toBeLessThan(0.05);
    expect(s.transit.source).toBe('estimated');
    expect(s.transit.steps).toBeGreaterThanOrEqual(50);
    expect(s.transit.steps).toBeLessThan(55);
  });

  it('bootstrap 95 % intervals cover the true B (and k) in most of 20 seeded repetitions', () => {
    let coverB = 0;
    let coverK = 0;
    let coverPlain = 0;
    for (let rep = 0; rep < 20; rep++) {
      const s = arrheniusStatistics(draw(prefactorLaw, temperatures, 64, steps, 100 + rep), { steps, transit: 50, bootstrap: 200, seed: rep + 1 });
      const f = s.withPrefactor;
      if (f?.ci95 && f.ci95[0] <= 0.05 && 0.05 <= f.ci95[1]) coverB++;
      if (f?.kCi95 && f.kCi95[0] <= 3 && 3 <= f.kCi95[1]) coverK++;
      const p = arrheniusStatistics(draw(plainLaw, temperatures, 64, 2e5, 500 + rep), { steps: 2e5, bootstrap: 200, seed: rep + 1 }).plain;
      if (p?.ci95 && p.ci95[0] <= 0.05 && 0.05 <= p.ci95[1]) coverPlain++;
    }
    console.log(`coverage of 20: B (k free) ${coverB}, k ${coverK}, B (plain law, transit estimated) ${coverPlain}`);
    expect(coverB).toBeGreaterThanOrEqual(16);
    expect(coverK).toBeGreaterThanOrEqual(16);
    expect(coverPlain).toBeGreaterThanOrEqual(16);
  });

  it('is deterministic for a seed', () => {
    const groups = draw(prefactorLaw, temperatures, 64, steps, 9);
    const a = arrheniusStatistics(groups, { steps, seed: 4 });
    const b = arrheniusStatistics(groups, { steps, seed: 4 });
    expect(a).toEqual(b);
  });

  it('warns when B/T_min < 8 and when the activated time is close to the transit time', () => {
    const hot = [0.02, 0.015, 0.012, 0.01];
    const s = arrheniusStatistics(draw({ B: 0.05, k: 0, c: 0, transit: 200 }, hot, 64, 1e5, 2), { steps: 1e5, barrier: 0.05, transit: 200 });
    expect(s.activation?.ratio).toBeCloseTo(5, 6);
    expect(s.warnings.some((w) => w.includes('B/T_min'))).toBe(true);
    expect(s.warnings.some((w) => w.includes('transit'))).toBe(true);
    const cold = arrheniusStatistics(draw({ ...plainLaw, transit: 20 }, temperatures, 64, 2e5, 2), { steps: 2e5, barrier: 0.05, transit: 20 });
    expect(cold.warnings.some((w) => w.includes('B/T_min'))).toBe(false);
    expect(cold.warnings.some((w) => w.includes('transit'))).toBe(false);
  });

  it('no escape anywhere: no fit, said so', () => {
    const s = arrheniusStatistics(
      [
        { T: 0.01, escapeTimes: [null, null] },
        { T: 0.02, escapeTimes: [null] },
      ],
      { steps: 100 },
    );
    expect(s.plain).toBeNull();
    expect(s.warnings.some((w) => w.includes('no fit'))).toBe(true);
  });
});
