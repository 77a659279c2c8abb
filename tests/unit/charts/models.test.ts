/**
 * The chart models against the reference numbers of docs/physics.md §2 (η = 1 table). Tolerances: 1e-5
 * on thresholds (the table has 6 digits), 1e-4 on barriers.
 */
import { describe, expect, it } from 'vitest';
import { phaseBranches, gammaGrid } from '../../../src/charts/phaseModel';
import { landscapeXDomain, landscapeY, modeLandscape } from '../../../src/charts/landscapeModel';
import { reducedLoss } from '../../../src/charts/theory';

describe('phase-plane branches', () => {
  it('D = 2, η = 1: global minimum jumps from 0.5 to 0 at γ_c = 0.396850; learned branch ends at γ_sp = 0.472470', () => {
    const b = phaseBranches(2, 1, 1, [0, 0.6]);
    expect(b.gammaC).toBeCloseTo(0.39685, 5);
    expect(b.gammaSp).toBeCloseTo(0.47247, 5);
    expect(b.jump).not.toBeNull();
    expect(b.jump!.gamma).toBeCloseTo(0.39685, 5);
    expect(b.jump!.from).toBeCloseTo(0.5, 4);
    // the learned part of the global branch ends at γ_c, the metastable learned part at γ_sp
    const learnedGlobal = b.global[0];
    expect(learnedGlobal[learnedGlobal.length - 1].gamma).toBeCloseTo(0.39685, 5);
    const metaLearned = b.metastable.find((s) => s[0].p > 0)!;
    expect(metaLearned[metaLearned.length - 1].gamma).toBeCloseTo(0.47247, 5);
    // and meets the saddle there, at p_sp = (n−2)η/(2(n−1)) = 0.25
    expect(metaLearned[metaLearned.length - 1].p).toBeCloseTo(0.25, 3);
    const saddle = b.saddle[0];
    expect(saddle[saddle.length - 1].p).toBeCloseTo(0.25, 3);
    // global minimum at γ = 0.2 is 0.78301 (docs/physics.md reference)
    // (linear interpolation between grid points: tolerance 1e-3)
    const i = learnedGlobal.findIndex((d) => d.gamma >= 0.2);
    const [l, r] = [learnedGlobal[i - 1], learnedGlobal[i]];
    const pAt = l.p + ((r.p - l.p) * (0.2 - l.gamma)) / (r.gamma - l.gamma);
    expect(pAt).toBeCloseTo(0.78301, 3);
  });

  it('every sampled learned/saddle point is stationary: γ = (η − a p)·p^{1−2/n} (D = 3, η = 0.9, a = 1.3; rel. tol 1e-9)', () => {
    const [depth, eta, a] = [3, 0.9, 1.3];
    const n = depth + 1;
    const b = phaseBranches(depth, eta, a, [0.01, 0.6]);
    const curves = [...b.global.filter((s) => s.some((d) => d.p > 0)), ...b.metastable.filter((s) => s.some((d) => d.p > 0)), ...b.saddle];
    expect(curves.length).toBe(3);
    for (const seg of curves) {
      for (let i = 0; i < seg.length; i++) {
        const { gamma, p } = seg[i];
        if (i > 0) expect(gamma).toBeGreaterThanOrEqual(seg[i - 1].gamma);
        expect(gamma).toBeGreaterThanOrEqual(0.01 - 1e-12);
        const expected = (eta - a * p) * Math.pow(p, 1 - 2 / n);
        expect(Math.abs(gamma - expected)).toBeLessThanOrEqual(1e-9 * Math.max(gamma, 1e-3));
      }
    }
  });

  it('the learned and saddle branches end on the fold p_sp = (n−2)η/(2(n−1)a), also where γ_sp rounds past it', () => {
    for (const [depth, eta, a] of [
      [5, 0.3, 0.7],
      [5, 1, 1],
      [3, 1.4, 1.9],
    ]) {
      const n = depth + 1;
      const pSp = ((n - 2) * eta) / (2 * (n - 1) * a);
      const b = phaseBranches(depth, eta, a, [0, 2]);
      const metaLearned = b.metastable.find((s) => s[0].p > 0)!;
      expect(metaLearned.at(-1)!.p).toBeCloseTo(pSp, 7);
      expect(b.saddle[0].at(-1)!.p).toBeCloseTo(pSp, 7);
    }
  });

  it('D = 1: one continuous line with a kink at γ = η and no metastable or saddle branch', () => {
    const b = phaseBranches(1, 1, 1, [0, 2]);
    expect(b.global).toHaveLength(1);
    expect(b.metastable).toHaveLength(0);
    expect(b.saddle).toHaveLength(0);
    expect(b.jump).toBeNull();
    const kink = b.global[0].find((d) => d.gamma === 1);
    expect(kink?.p).toBe(0);
    for (const d of b.global[0]) expect(d.p).toBeCloseTo(Math.max(1 - d.gamma, 0), 12);
  });

  it('D = 0: smooth ridge answer η/(a+γ), no thresholds', () => {
    const b = phaseBranches(0, 0.8, 2, [0, 1]);
    expect(b.gammaC).toBeNull();
    for (const d of b.global[0]) expect(d.p).toBeCloseTo(0.8 / (2 + d.gamma), 12);
  });

  it('crowds the γ grid towards the end when asked', () => {
    const g = gammaGrid(0, 1, 11, true);
    expect(g[0]).toBe(0);
    expect(g[10]).toBe(1);
    expect(g[10] - g[9]).toBeLessThan(g[1] - g[0]);
  });
});

describe('landscape model', () => {
  it('D = 2 at γ_c: two equal minima, barrier out of the origin 0.067442', () => {
    const gammaC = 0.39685026;
    const m = modeLandscape(2, gammaC, { eta: 1, label: 'k=1' }, [-0.1, 1.2], 200);
    expect(m.saddle).not.toBeNull();
    expect(m.barrierFromOrigin!).toBeCloseTo(0.067442, 4);
    expect(m.learned!.p).toBeCloseTo(0.5, 4);
    expect(m.learned!.loss).toBeCloseTo(0, 5);
    expect(m.minima.map((x) => x.p).sort()).toEqual([0, m.learned!.p].sort());
  });

  it('D = 2 below γ_c: learned minimum global, origin metastable; barrier at γ = 0.2 is 0.008066', () => {
    const m = modeLandscape(2, 0.2, { eta: 1, label: 'k=1' }, [-0.1, 1.2], 200);
    const origin = m.minima.find((x) => x.p === 0)!;
    const learned = m.minima.find((x) => x.p > 0)!;
    expect(origin.global).toBe(false);
    expect(learned.global).toBe(true);
    expect(learned.p).toBeCloseTo(0.78301, 4);
    expect(m.barrierFromOrigin!).toBeCloseTo(0.008066, 5);
  });

  it('D = 2 past γ_sp: only the origin, as the global minimum', () => {
    const m = modeLandscape(2, 0.5, { eta: 1, label: 'k=1' }, [-0.1, 1.2], 200);
    expect(m.saddle).toBeNull();
    expect(m.minima).toEqual([{ p: 0, loss: 0, global: true }]);
  });

  it('D = 1 below η: the origin is not a minimum; the learned p = η − γ is', () => {
    const m = modeLandscape(1, 0.3, { eta: 1, label: 'k=1' }, [-0.1, 1.2], 200);
    expect(m.minima).toHaveLength(1);
    expect(m.minima[0].p).toBeCloseTo(0.7, 12);
    expect(m.minima[0].global).toBe(true);
  });

  it('samples the curve on the exact reduced loss, including the cusp at p = 0', () => {
    const m = modeLandscape(3, 0.1, { eta: 0.9, a: 1.3, label: 'k' }, [-0.2, 1], 97);
    expect(m.curve.some((c) => c.p === 0 && c.loss === 0)).toBe(true);
    for (const c of m.curve) expect(c.loss).toBeCloseTo(reducedLoss(c.p, 0.1, 3, 0.9, 1.3), 12);
  });

  it('chooses ranges that contain every minimum and saddle', () => {
    const modes = [
      { eta: 1, label: 'a' },
      { eta: 0.6, label: 'b' },
    ];
    const x = landscapeXDomain(modes);
    expect(x[0]).toBeLessThan(0);
    expect(x[1]).toBeGreaterThan(1);
    const models = modes.map((m) => modeLandscape(2, 0.15, m, x, 100));
    const [lo, hi] = landscapeY(models, modes);
    for (const m of models) {
      for (const mm of m.minima) expect(mm.loss).toBeGreaterThan(lo);
      if (m.saddle) expect(m.saddle.loss).toBeLessThan(hi);
    }
  });
});
