/**
 * Linear VAE posterior collapse (issue 10 build item 6; physics.md §7). References, independent of
 * the training code: the closed form |d e| = max(0, 1 − η/λ) (γ = 0, any depth; derived by hand
 * also σ² = η/λ), and for γ > 0 a brute-force grid minimum of the reduced loss with balanced layers
 * (min Σ w_l² over w_L⋯w_1 = e is L·|e|^{2/L}) and σ² profiled out (σ² = η/(d² + η)):
 *   f(e, d) = λ(1 − d e)²/(2η) + ½ e² λ + ½ ln(1 + d²/η) + γ L (|e|^{2/L} + |d|^{2/L}).
 */
import { describe, expect, it } from 'vitest';
import { closedFormCollapse, orderParameter, trainVae, uniformParams, vaeSweep } from '../../../src/experiments/vae';

const train = { lr: 0.2, maxSteps: 400_000, tolerance: 1e-11 };

function reducedGlobalMinimum(depth: number, lambda: number, eta: number, gamma: number): { order: number; loss: number } {
  const f = (e: number, d: number) =>
    (lambda * (1 - d * e) ** 2) / (2 * eta) +
    0.5 * e * e * lambda +
    0.5 * Math.log(1 + (d * d) / eta) +
    gamma * depth * (Math.abs(e) ** (2 / depth) + Math.abs(d) ** (2 / depth));
  let best = { e: 0, d: 0, loss: f(0, 0) };
  let [lo, hi, step] = [0, 2, 2 / 800];
  for (let e = lo; e <= hi; e += step) for (let d = lo; d <= hi; d += step) if (f(e, d) < best.loss) best = { e, d, loss: f(e, d) };
  // refine around the best grid point
  for (let round = 0; round < 6; round++) {
    const c = best;
    step /= 10;
    for (let i = -10; i <= 10; i++)
      for (let j = -10; j <= 10; j++) {
        const e = Math.max(0, c.e + i * step);
        const d = Math.max(0, c.d + j * step);
        if (f(e, d) < best.loss) best = { e, d, loss: f(e, d) };
      }
  }
  return { order: best.e * best.d, loss: best.loss };
}

describe('linear VAE, one direction', () => {
  for (const depth of [1, 3]) {
    it(`γ = 0, depth ${depth}: |d e| = max(0, 1 − η/λ) and σ² = η/λ`, () => {
      for (const [lambda, eta] of [
        [1, 0.2],
        [1, 0.5],
        [2, 0.8],
        [1, 1.3],
      ]) {
        const out = trainVae(uniformParams(depth, 1), { depth, lambda, eta, gamma: 0 }, { ...train, lr: 0.2 * Math.min(1, eta / lambda) });
        expect(orderParameter(out.params)).toBeCloseTo(closedFormCollapse(eta, lambda), 4);
        if (eta < lambda) expect(Math.exp(out.params.logVar)).toBeCloseTo(eta / lambda, 4);
      }
    });
  }

  for (const [depth, gamma] of [
    [1, 0.05],
    [2, 0.05],
    [3, 0.03],
  ]) {
    it(`γ = ${gamma}, depth ${depth}: the lower-loss branch of the two sweeps is the brute-force global minimum`, () => {
      const values = [0.2, 0.35, 0.5, 0.65, 0.8, 1.1];
      const sweep = vaeSweep({ depth, lambda: 1, sweep: 'eta', values, fixed: gamma, train, seedSize: 0.01 });
      values.forEach((eta, i) => {
        const [a, b] = [sweep.towardsCollapse[i], sweep.towardsUse[i]];
        const lower = a.loss <= b.loss ? a : b;
        const ref = reducedGlobalMinimum(depth, 1, eta, gamma);
        expect(lower.loss).toBeCloseTo(ref.loss, 5);
        expect(Math.abs(lower.order - ref.order)).toBeLessThan(2e-3);
      });
    }, 30_000);
  }

  it('depth 1 with L2 collapses continuously; depth 2 with per-layer L2 jumps (first order) and shows hysteresis', () => {
    const values = Array.from({ length: 61 }, (_, i) => 0.1 + i * 0.015);
    const shallow = vaeSweep({ depth: 1, lambda: 1, sweep: 'eta', values, fixed: 0.05, train, seedSize: 0.01 });
    expect(shallow.largestJumpCollapse.size).toBeLessThan(0.03);
    expect(shallow.hysteresis).toBeNull();
    const deep = vaeSweep({ depth: 2, lambda: 1, sweep: 'eta', values, fixed: 0.05, train, seedSize: 0.01 });
    expect(deep.largestJumpCollapse.size).toBeGreaterThan(0.15);
    expect(deep.hysteresis).not.toBeNull();
    // the jump (spinodal) comes after the equal-loss point on the way up
    expect(deep.equalLoss as number).toBeLessThan(deep.largestJumpCollapse.at);
  }, 30_000);
});
