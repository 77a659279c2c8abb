/**
 * Pure logic of the sweeps view: theory curves on a grid, phase classification, rank bands,
 * stable-state counts, thermodynamics rows and the job builders. No tfjs.
 */
import { describe, expect, it } from 'vitest';
import {
  cellEdges,
  classifyPhase,
  dropGamma,
  equalLossCrossing,
  spinodalBracket,
  empiricalModes,
  gammaGrid,
  learnedCount,
  measuredThermo,
  rankBands,
  stableStateCounts,
  theoryBranches,
  theoryLoopArea,
  thermoCurve,
} from '../../../src/panels/sweeps/model';
import { dataFor } from '../../../src/data/presets';
import { rampRows } from '../../../src/experiments/rampLoop';
import { cascadeJob, diagramJob, etaMapJob, hysteresisGammas, hysteresisJob, replicaCount } from '../../../src/panels/sweeps/jobs';
import { DEFAULT_SWEEPS_SETTINGS } from '../../../src/state/sweeps';
import { criticalGamma, spinodalGamma } from '../../../src/physics';
import type { DepthDiagram } from '../../../src/experiments/phaseDiagram';
import type { SweepPoint } from '../../../src/experiments/sweep';

const ONE = { etas: [1], strengths: [1], trivialLoss: 1 };
const CASCADE = { etas: [1, 0.6, 0.3], strengths: [1, 1, 1], trivialLoss: 1.45 };

describe('empirical modes', () => {
  it('whitened noise-free data: η̂ equals the spectrum and tr Σyy = Σ η² (1e-6: samples are float32)', () => {
    const modes = empiricalModes(dataFor({ preset: 'cascade', eta: 1 }).spec);
    [1, 0.6, 0.3].forEach((eta, k) => expect(Math.abs(modes.etas[k] - eta)).toBeLessThan(1e-6));
    modes.strengths.forEach((a) => expect(Math.abs(a - 1)).toBeLessThan(1e-6));
    expect(Math.abs(modes.trivialLoss - (1 + 0.36 + 0.09))).toBeLessThan(1e-6);
  });

  it('Ersoy–Wiesner sample is not whitened: η̂ and a differ from (0.9, 0.8) and 1 by more than 1e-3', () => {
    const modes = empiricalModes(dataFor({ preset: 'ersoy-wiesner', eta: 1 }).spec);
    expect(modes.etas).toHaveLength(2);
    expect(Math.abs(modes.etas[0] - 0.9)).toBeGreaterThan(1e-3);
    expect(modes.strengths.some((a) => Math.abs(a - 1) > 1e-3)).toBe(true);
  });
});

describe('theory branches on a grid', () => {
  const gammas = gammaGrid(0.001, 0.6, 300);
  it('D = 2: global minimum jumps at γ_c (a vertical segment), metastable branch only on [γ_c, γ_sp]', () => {
    const t = theoryBranches(2, 1, 1, gammas);
    const gc = criticalGamma(2, 1) as number;
    const gsp = spinodalGamma(2, 1) as number;
    const vertical = t.global.filter(([g]) => g === gc);
    expect(vertical).toHaveLength(2);
    expect(vertical[0][1]).toBeGreaterThan(0.45);
    expect(vertical[1][1]).toBe(0);
    t.metastable.forEach(([g, p]) => {
      if (p !== null) {
        expect(g).toBeGreaterThanOrEqual(gc);
        expect(g).toBeLessThanOrEqual(gsp);
      } else expect(g < gc || g > gsp).toBe(true);
    });
  });

  it('D = 1: soft threshold max(1 − γ, 0), no metastable branch, no saddle', () => {
    const t = theoryBranches(1, 1, 1, gammaGrid(0, 1.5, 31));
    t.global.forEach(([g, p]) => expect(Math.abs((p as number) - Math.max(1 - g, 0))).toBeLessThan(1e-12));
    expect(t.metastable.every(([, p]) => p === null)).toBe(true);
    expect(t.saddle.every(([, p]) => p === null)).toBe(true);
  });

  it('exact loop area: D = 1 is 0, D = 2 is positive and grows with the grid reaching γ_sp', () => {
    expect(theoryLoopArea(1, 1, 1, gammas)).toBe(0);
    const area = theoryLoopArea(2, 1, 1, gammas);
    expect(area).toBeGreaterThan(0.3);
    expect(theoryLoopArea(2, 1, 1, gammaGrid(0.001, 0.3, 150))).toBeLessThan(area);
  });
});

describe('phases', () => {
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

  it('rank bands of the cascade η = (1, 0.6, 0.3) at D = 2 switch at the three γ_c (to the grid step)', () => {
    const gammas = gammaGrid(0.001, 0.6, 600);
    const step = gammas[1] - gammas[0];
    const bands = rankBands(2, CASCADE, gammas);
    expect(bands.map((b) => b.rank)).toEqual([3, 2, 1, 0]);
    [0.3, 0.6, 1].forEach((eta, i) => expect(Math.abs(bands[i].to - (criticalGamma(2, eta) as number))).toBeLessThanOrEqual(step));
  });

  it('stable-state count: 2³ = 8 below the weakest spinodal, 1 above the strongest', () => {
    const counts = stableStateCounts(2, CASCADE, [0.05, 0.15, 0.3, 0.5]);
    expect(counts.map(([, c]) => c)).toEqual([8, 4, 2, 1]);
  });

  it('dropGamma finds the first γ of an up-sweep where the feature is gone', () => {
    const pts = [0.1, 0.2, 0.3, 0.4].map((gamma, i) => ({ gamma, modeOverlaps: [i < 2 ? 0.7 : 0.001] }) as SweepPoint);
    expect(dropGamma(pts, 0, 1)).toBe(0.3);
    expect(dropGamma(pts.slice(0, 2), 0, 1)).toBeNull();
  });
});

describe('thermodynamics rows', () => {
  it('the exact ∂L⋆/∂γ curve breaks at the jump (D = 2) and not for D = 0', () => {
    const gammas = gammaGrid(0.01, 1, 200);
    const breaks = (d: number) => thermoCurve(d, ONE, gammas, 'first').filter(([, v]) => v === null).length;
    expect(breaks(2)).toBe(1);
    expect(breaks(0)).toBe(0);
  });

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

  it('cell edges sit halfway between centres', () => {
    expect(cellEdges([0, 1, 3])).toEqual([-0.5, 0.5, 2, 4]);
  });

  it('ramp rows sort by depth, then steps per γ', () => {
    const rows = rampRows([
      { depth: 2, stepsPerGamma: 1000, area: 0.33 },
      { depth: 1, stepsPerGamma: 20, area: 0.05 },
      { depth: 2, stepsPerGamma: 20, area: 0.34 },
    ]);
    expect(rows.map((r) => `${r.depth}:${r.stepsPerGamma}`)).toEqual(['1:20', '2:20', '2:1000']);
  });
});

describe('job builders', () => {
  const s = DEFAULT_SWEEPS_SETTINGS;
  it('default phase diagram: 256 γ × D = 1, 2, 3 × 2 starts = 1 536 replicas', () => {
    const job = diagramJob(s);
    expect(job.depths).toEqual([1, 2, 3]);
    expect(job.gammas).toHaveLength(256);
    expect(replicaCount(job)).toBe(1536);
    expect(job.data.labelNoise).toBe(0);
    expect(job.data.whiten).toBe(true);
    expect(job.data.inputDim).toBeGreaterThanOrEqual(5);
  });

  it('Ersoy–Wiesner preset raises the width to 10', () => {
    expect(diagramJob({ ...s, spectrum: { preset: 'ersoy-wiesner', eta: 1 } }).width).toBe(10);
  });

  it('the hysteresis grid reaches past γ_sp (D = 2) and past η (D = 1)', () => {
    const two = hysteresisGammas(2, s);
    expect(two[two.length - 1]).toBeGreaterThan(spinodalGamma(2, 1) as number);
    const one = hysteresisJob(s, [50], 1);
    expect(one.gammas[one.gammas.length - 1]).toBeGreaterThan(1);
    expect(one.stepsPerGamma).toEqual([50]);
  });

  it('η map covers γ_sp of the largest η; cascade grid covers the strongest feature’s spinodal', () => {
    const job = etaMapJob(s);
    expect(job.etas).toHaveLength(24);
    expect(job.gammas[job.gammas.length - 1]).toBeGreaterThan(spinodalGamma(2, s.etaMax) as number);
    const c = cascadeJob(s);
    expect(c.gammas[c.gammas.length - 1]).toBeGreaterThan(spinodalGamma(2, 1) as number);
  });
});
