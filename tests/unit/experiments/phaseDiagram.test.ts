/**
 * The batched phase diagram (128 γ × D = 1, 2, 3 × learned/trivial starts) against the exact theory.
 * Whitened data, no label noise, η = 1, width 4, lr 0.1, run to convergence (no order parameter
 * moving more than 1e-4 over 250 steps).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine/backends';
import { createTrainer } from '../../../src/engine';
import { makeTeacherDataset } from '../../../src/data';
import { phaseDiagram, type DepthDiagram } from '../../../src/experiments/phaseDiagram';
import { loopArea, measuredThermodynamics } from '../../../src/experiments/sweepAnalysis';
import { criticalGamma, normSqJump, stationaryPoints } from '../../../src/physics';

const gammas = Array.from({ length: 128 }, (_, i) => 0.005 + (i * 1.2) / 127);
let diagrams: DepthDiagram[];

beforeAll(async () => {
  await initBackend('wasm');
  const data = makeTeacherDataset({ inputDim: 5, outputDim: 1, spectrum: [1], labelNoise: 0, trainSize: 64, testSize: 64, whiten: true, seed: 3 });
  diagrams = await phaseDiagram(createTrainer, { depths: [1, 2, 3], gammas, data, width: 4, lr: 0.1, chunk: 250, tolerance: 1e-4, maxSteps: 20_000 });
});

/** ∫ learned-branch p dγ over the grid where the branch exists: the exact loop area (trivial branch at 0) */
function theoryLoopArea(depth: number): number {
  const p = gammas.map((g) => stationaryPoints(depth, 1, g).learned ?? 0);
  let area = 0;
  for (let i = 1; i < gammas.length; i++) area += 0.5 * (p[i] + p[i - 1]) * (gammas[i] - gammas[i - 1]);
  return area;
}

describe('phase diagram from batched replicas', () => {
  it('every depth converges', () => {
    for (const diagram of diagrams) expect(diagram.converged).toBe(true);
  });

  it('learned starts follow the learned branch; trivial starts stay trivial at D ≥ 2 (to 0.01)', () => {
    for (const diagram of diagrams.filter((d) => d.depth >= 2)) {
      diagram.learned.forEach((point) => {
        const theory = stationaryPoints(diagram.depth, 1, point.gamma).learned ?? 0;
        expect(Math.abs(point.modeOverlaps[0] - theory)).toBeLessThan(0.01);
      });
      diagram.trivial.forEach((point) => expect(Math.abs(point.modeOverlaps[0])).toBeLessThan(0.01));
    }
  });

  it('hysteresis loop: D = 1 has none (area < 0.005), D = 2 and 3 match the exact area within 2 %', () => {
    const [one, two, three] = diagrams;
    expect(loopArea(one.learned, one.trivial)).toBeLessThan(0.005);
    for (const diagram of [two, three]) {
      const exact = theoryLoopArea(diagram.depth);
      expect(exact).toBeGreaterThan(0.1);
      expect(Math.abs(loopArea(diagram.learned, diagram.trivial) - exact) / exact).toBeLessThan(0.02);
    }
  });

  it('latent heat: at D = 2 the measured ‖θ‖² = ∂L*/∂γ jumps by the exact amount at γ_c (to 5 %)', () => {
    const thermo = measuredThermodynamics(diagrams[1]);
    const gammaC = criticalGamma(2, 1) as number;
    const after = thermo.findIndex((p) => p.gamma > gammaC);
    // the branch value on each side, extrapolated linearly to γ_c from the two neighbours
    const side = (i: number, j: number) =>
      thermo[i].first + ((thermo[i].first - thermo[j].first) / (thermo[i].gamma - thermo[j].gamma)) * (gammaC - thermo[i].gamma);
    const jump = side(after - 1, after - 2) - side(after, after + 1);
    expect(Math.abs(jump - normSqJump(2, 1)) / normSqJump(2, 1)).toBeLessThan(0.05);
  });

  it('D = 1: ∂L*/∂γ is continuous and ∂²L*/∂γ² drops by 2 across γ = η', () => {
    const thermo = measuredThermodynamics(diagrams[0]);
    const below = thermo.filter((p) => p.gamma > 0.6 && p.gamma < 0.9 && p.second !== null);
    const above = thermo.filter((p) => p.gamma > 1.1 && p.second !== null);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    // L* = −(η − γ)² below η: ∂²L*/∂γ² = −2 there (∂/∂γ of ‖θ‖² = 2(η − γ)), 0 above
    expect(mean(below.map((p) => p.second as number))).toBeCloseTo(-2, 1);
    expect(mean(above.map((p) => p.second as number))).toBeCloseTo(0, 2);
    const steps = thermo.slice(1).map((p, i) => Math.abs(p.first - thermo[i].first));
    expect(Math.max(...steps)).toBeLessThan(0.05);
  });
});
