/**
 * The app's Langevin escape job, reduced, must recover the exact barrier: the clean trap (D = 2, width 1,
 * η = 1 whitened, γ = 0.25), 768 replicas at 5 temperatures (B/T = 4 … 8), 20 000 steps, the app's
 * censored maximum-likelihood Arrhenius fit. The reference is independent of the code under test: the
 * barrier of the balanced width-1 path brute-forced on a grid, ℓ(s) = −2η s³ + s⁶ + 3γ s² (three scalar
 * layers of size s, p = s³; docs/physics.md §2), checked against physics' barrierFromOrigin first.
 * Seeded (Philox noise, fixed bootstrap seed): the same escape times on every run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine/backends';
import { runners } from '../../../src/worker/jobs/registry';
import { TRAP_PRESETS, langevinJob } from '../../../src/panels/escape/presets';
import { ESCAPE_PRESET_SETTINGS } from '../../../src/state/escape';
import { arrheniusAnalysis } from '../../../src/charts/escape';
import { barrierFromOrigin } from '../../../src/physics';

beforeAll(async () => {
  await initBackend('wasm');
});

/** max over s ∈ [0, s_learned] of the path loss relative to the origin, on a fine grid */
function bruteForceBarrier(eta: number, gamma: number): number {
  const loss = (s: number) => -2 * eta * s ** 3 + s ** 6 + 3 * gamma * s ** 2;
  let best = 0;
  // climb to the saddle: the path rises from 0 until the first maximum
  for (let i = 1; i <= 2_000_000; i++) {
    const v = loss(i * 1e-6);
    if (v < best) break;
    best = v;
  }
  return best;
}

describe('Arrhenius precision of the clean escape preset', () => {
  it('the closed-form barrier equals the brute-forced path maximum', () => {
    const brute = bruteForceBarrier(1, 0.25);
    expect(brute).toBeCloseTo(0.015881, 5);
    expect(Math.abs((barrierFromOrigin(2, 1, 0.25) as number) - brute)).toBeLessThan(1e-9);
  });

  it('the fitted B of a reduced run has a 95 % interval narrower than ±4 % that contains the exact barrier', async () => {
    const trap = TRAP_PRESETS.clean();
    const exact = bruteForceBarrier(trap.theory.eta, trap.gamma);
    expect(Math.abs(trap.theory.barrier - exact)).toBeLessThan(1e-8);
    const ratios = [4, 5, 6, 7, 8];
    const job = langevinJob(trap, {
      preset: 'clean',
      trapMode: 'by-hand',
      controlBatch: 8,
      ...ESCAPE_PRESET_SETTINGS.clean,
      temperatures: ratios.map((x) => exact / x),
      replicas: 768,
      steps: 20_000,
    });
    const out = await runners['escape-trace'](job, () => {});
    const { plain, warnings } = arrheniusAnalysis(out.runs, job.steps, { barrier: trap.theory.barrier });
    expect(plain).not.toBeNull();
    const [lo, hi] = plain!.ci95 as [number, number];
    const halfWidth = (hi - lo) / 2 / plain!.slope;
    console.log(
      `reduced clean run: B = ${plain!.slope.toPrecision(4)} [${lo.toPrecision(4)}, ${hi.toPrecision(4)}] (±${(100 * halfWidth).toFixed(1)} %), exact ${exact.toPrecision(5)}`,
    );
    expect(lo).toBeLessThanOrEqual(exact);
    expect(hi).toBeGreaterThanOrEqual(exact);
    expect(halfWidth).toBeLessThan(0.04);
    expect(warnings.filter((w) => w.includes('no escape'))).toEqual([]);
  }, 60_000);
});
