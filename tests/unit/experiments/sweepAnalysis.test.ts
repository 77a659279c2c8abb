/** Reading measured sweeps and diagrams (experiments/sweepAnalysis.ts) on hand-made replicas. */
import { describe, expect, it } from 'vitest';
import { classifyPhase, dropGamma, equalLossCrossing, learnedCount, measuredThermo, spinodalBracket } from '../../../src/experiments/sweepAnalysis';
import { nonlinearVerdict } from '../../../src/experiments/nonlinearDiagram';
import type { DepthDiagram } from '../../../src/experiments/phaseDiagram';
import type { SweepPoint } from '../../../src/experiments/sweep';

describe('phases of measured replicas', () => {
  it('learnedCount counts features with |p_k| above 2 % of η_k', () => {
    expect(learnedCount([0.9, 0.011, 0.001], [1, 0.5, 0.3])).toBe(2);
    expect(learnedCount([0.9, 0.009, -0.2], [1, 0.5, 0.3])).toBe(2);
    expect(learnedCount([0, 0, 0], [1, 0.5, 0.3])).toBe(0);
  });

  it('classifyPhase: trivial / learned global minimum / learned but metastable', () => {
    expect(classifyPhase(0.001, 0.9, 1, 1)).toBe('trivial');
    expect(classifyPhase(0.6, 0.8, 1, 1)).toBe('learned');
    expect(classifyPhase(0.4, 1.05, 1, 1)).toBe('metastable');
  });

  it('dropGamma finds the first γ of an up-sweep where the feature is gone', () => {
    const pts = [0.1, 0.2, 0.3, 0.4].map((gamma, i) => ({ gamma, modeOverlaps: [i < 2 ? 0.7 : 0.001] }) as SweepPoint);
    expect(dropGamma(pts, 0, 1)).toBe(0.3);
    expect(dropGamma(pts.slice(0, 2), 0, 1)).toBeNull();
  });

  it('the nonlinear verdict and dropGamma read the same drop off the same up-sweep (one rule)', () => {
    const pts = [0.1, 0.2, 0.3, 0.4, 0.5].map((gamma, i) => ({ gamma, modeOverlaps: [[0.8, 0.5, 0.021, 0.019, 0][i]] }) as SweepPoint);
    const diagram: DepthDiagram = { depth: 2, learned: pts, trivial: pts.map((p) => ({ ...p, modeOverlaps: [0] })), steps: 0, converged: true };
    expect(dropGamma(pts, 0, 1)).toBe(0.4);
    expect(nonlinearVerdict(diagram).drop).toBe(0.4);
    // relative to η: with η = 2 the threshold is 0.04, so 0.021 no longer counts
    expect(dropGamma(pts, 0, 2)).toBe(0.3);
    expect(nonlinearVerdict(diagram, 0, 2).drop).toBe(0.3);
  });
});

describe('measured thresholds and thermodynamics', () => {
  it('measured: picks the lower-loss start, L relative to trivial, ∂²L by central differences', () => {
    const mk = (gamma: number, normSq: number, total: number): SweepPoint => ({
      gamma,
      singularValues: [],
      modeOverlaps: [],
      trainLoss: total - gamma * normSq,
      testLoss: 0,
      penalty: gamma * normSq,
      normSq,
    });
    const diagram: DepthDiagram = {
      depth: 2,
      learned: [mk(0.1, 3, 0.2), mk(0.2, 2.8, 0.5), mk(0.3, 2.5, 1.1)],
      trivial: [mk(0.1, 0, 1), mk(0.2, 0, 1), mk(0.3, 0, 1)],
      steps: 0,
      converged: true,
    };
    const rows = measuredThermo(diagram, 1);
    expect(rows.map((r) => r.first)).toEqual([3, 2.8, 0]);
    expect(rows[0].value).toBeCloseTo(-0.8, 12);
    expect(rows[2].value).toBeCloseTo(0, 12);
    expect(rows[1].second).toBeCloseTo((0 - 3) / 0.2, 12);
    expect(rows[0].second).toBeNull();
  });

  it('equal-loss crossing is interpolated where the learned start stops being the lower-loss state; spinodal bracket around the drop', () => {
    const mk = (gamma: number, p: number, total: number): SweepPoint => ({
      gamma,
      singularValues: [],
      modeOverlaps: [p],
      trainLoss: total,
      testLoss: 0,
      penalty: 0,
      normSq: 0,
    });
    const learned = [mk(0.1, 0.9, 0.5), mk(0.2, 0.8, 0.9), mk(0.3, 0.6, 1.3), mk(0.4, 0, 1)];
    const trivial = [0.1, 0.2, 0.3, 0.4].map((g) => mk(g, 0, 1));
    const diagram: DepthDiagram = { depth: 2, learned, trivial, steps: 0, converged: true };
    // difference −0.1 at 0.2 and +0.3 at 0.3: zero a quarter of the way
    expect(equalLossCrossing(diagram, 1)).toBeCloseTo(0.225, 12);
    expect(spinodalBracket(learned, 0, 1)).toEqual([0.3, 0.4]);
    const neverAbove: DepthDiagram = { ...diagram, learned: learned.map((p) => ({ ...p, trainLoss: 0.2 })) };
    expect(equalLossCrossing(neverAbove, 1)).toBeNull();
  });
});
