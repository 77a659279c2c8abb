/**
 * The figure list's theory numbers against the audit's independently computed values (physics.md
 * §5, §8: equal-loss point 0.2947, saddle 0.0925 and barrier 0.0285 at γ = 0.32, spinodals 0.3509
 * and 0.4105, test-MSE levels 0.275 / 0.461), and the verdict rule.
 */
import { describe, expect, it } from 'vitest';
import { claims, judge, populationTestMse } from '../../../src/papers/figures';

const byId = Object.fromEntries(claims().map((c) => [c.id, c]));

describe('the papers, figure by figure', () => {
  it('exact-theory numbers match the audit’s', () => {
    expect(byId['ew-1a-equal-loss'].theory).toBeCloseTo(0.2947, 3);
    expect(byId['ew-2a-saddle'].theory).toBeCloseTo(0.0925, 3);
    expect(byId['ew-2a-barrier'].theory).toBeCloseTo(0.0285, 3);
    expect(byId['ew-3-drop-weak'].theory).toBeCloseTo(0.3509, 3);
    expect(byId['ew-3-drop-strong'].theory).toBeCloseTo(0.4105, 3);
    expect(byId['ew-levels-bayes'].theory).toBeCloseTo(0.275, 6);
    expect(byId['ew-levels-0.32'].theory).toBeCloseTo(0.461, 3);
    expect(byId['zu-d1-threshold'].theory).toBeCloseTo(1, 9);
  });

  it('population MSE levels: rank 1 unregularized 0.595, rank 0 1.000', () => {
    expect(populationTestMse([0.9, 0.8], [0.9, 0])).toBeCloseTo(0.595, 9);
    expect(populationTestMse([0.9, 0.8], [0, 0])).toBe(1);
  });

  it('ids are unique and every claim names a lab command', () => {
    const all = claims();
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    for (const c of all) expect(c.reproduce.startsWith('lab ')).toBe(true);
  });

  it('verdicts: within 5 % of theory is reproduced, else differs; nothing measured says how to run it', () => {
    const c = byId['ew-3-drop-weak'];
    expect(judge(c, 0.355).status).toBe('reproduced');
    expect(judge(c, 0.4).status).toBe('differs');
    expect(judge(c, null)).toEqual({ status: 'not measured', line: `run: ${c.reproduce}` });
  });
});
