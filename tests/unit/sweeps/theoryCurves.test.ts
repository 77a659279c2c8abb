/**
 * The Phase-diagrams view's theory curves on a grid (panels/sweeps/theoryCurves.ts), map geometry and
 * job builders. No tfjs.
 */
import { describe, expect, it } from 'vitest';
import { rankBands, stableStateCounts, theoryBranches, thermoCurve } from '../../../src/panels/sweeps/theoryCurves';
import { cellEdges } from '../../../src/panels/sweeps/mapGeometry';
import { gammaGrid, theoryLoopArea } from '../../../src/physics';
import { rampRows } from '../../../src/experiments/rampLoop';
import { cascadeJob, diagramJob, etaMapJob, hysteresisGammas, hysteresisJob, replicaCount } from '../../../src/panels/sweeps/jobs';
import { DEFAULT_SWEEPS_SETTINGS } from '../../../src/state/sweeps';
import { criticalGamma, spinodalGamma } from '../../../src/physics';

const ONE = { etas: [1], strengths: [1], trivialLoss: 1 };
const CASCADE = { etas: [1, 0.6, 0.3], strengths: [1, 1, 1], trivialLoss: 1.45 };

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

describe('rank phases', () => {
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
});

describe('curves and geometry', () => {
  it('the exact ∂L⋆/∂γ curve breaks at the jump (D = 2) and not for D = 0', () => {
    const gammas = gammaGrid(0.01, 1, 200);
    const breaks = (d: number) => thermoCurve(d, ONE, gammas, 'first').filter(([, v]) => v === null).length;
    expect(breaks(2)).toBe(1);
    expect(breaks(0)).toBe(0);
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
