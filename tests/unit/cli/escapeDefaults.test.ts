/**
 * `lab escape` without --temperatures: Langevin temperatures at B/T = 4 … 9 from the exact barrier
 * (here checked against the balanced-path closed form ℓ(s) = −2ηs³ + s⁶ + 3γs² at its saddle s⁴ − ηs + γ = 0).
 */
import { describe, expect, it } from 'vitest';
import { escapeCommand } from '../../../src/cli/escapeCommand';

/** the saddle of s⁴ − s + 0.25 = 0 between 0 and 0.5 by bisection, and ℓ there (η = 1, γ = 0.25, D = 2) */
function barrier(): number {
  let lo = 0.1;
  let hi = 0.5;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (mid ** 4 - mid + 0.25 > 0) lo = mid;
    else hi = mid;
  }
  const s = (lo + hi) / 2;
  return -2 * s ** 3 + s ** 6 + 0.75 * s ** 2;
}

describe('lab escape defaults', () => {
  it('--help lists the options and the default B/T', async () => {
    const help = await escapeCommand(['--help']);
    expect(help).toMatch(/--temperatures/);
    expect(help).toMatch(/B\/T = 4, 5, 6, 7, 8, 9/);
  });

  it('no --temperatures: six temperatures at B/T = 4 … 9', async () => {
    const out = JSON.parse(
      await escapeCommand(['--depth', '2', '--spectrum', '1', '--gamma', '0.25', '--replicas', '2', '--steps', '50', '--bootstrap', '0', '--json']),
    );
    const B = barrier();
    expect(out.barrier).toBeCloseTo(B, 9);
    expect(out.runs.map((r: { T: number }) => B / r.T)).toEqual([4, 5, 6, 7, 8, 9].map((x) => expect.closeTo(x, 6)));
  });
});
