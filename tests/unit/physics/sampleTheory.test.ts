/**
 * The exact sample theory (src/physics/sampleTheory.ts) against two independent references:
 * whitened data → the closed forms of docs/physics.md §2; non-whitened data → float64 gradient descent of
 * the full deep linear net on the same sample (written here with plain loops).
 */
import { describe, expect, it } from 'vitest';
import { makeTeacherDataset } from '../../../src/data';
import { singularValues, svd } from '../../../src/linalg';
import { criticalGamma, pJump, spinodalGamma, stationaryPoints } from '../../../src/physics';
import { sampleTheory, solveSampleBranch, type SampleMoments } from '../../../src/physics/sampleTheory';
import { deepGd } from '../../support/deepLinearGd';

function momentsOf(spec: {
  inputDim: number;
  outputDim: number;
  spectrum: number[];
  trainSize: number;
  whiten: boolean;
  seed: number;
  labelNoise?: number;
}): SampleMoments {
  const data = makeTeacherDataset({ labelNoise: 0.2, testSize: 8, ...spec });
  return { inputDim: data.inputDim, outputDim: data.outputDim, sxx: data.train.sxx, syx: data.train.syx };
}

/** the per-mode approximation's a_k = v_kᵀ Σxx v_k (docs/physics.md §2) */
function perModeStrength(m: SampleMoments, k: number): number {
  const v = svd(m.syx, m.outputDim, m.inputDim).v.subarray(k * m.inputDim, (k + 1) * m.inputDim);
  let a = 0;
  for (let i = 0; i < m.inputDim; i++) for (let j = 0; j < m.inputDim; j++) a += v[i] * m.sxx[i * m.inputDim + j] * v[j];
  return a;
}

describe('exact sample theory: whitened data reduce to the closed forms', () => {
  const m = momentsOf({ inputDim: 5, outputDim: 3, spectrum: [1, 0.6, 0.3], trainSize: 64, whiten: true, seed: 4 });
  const eta = singularValues(m.syx, 3, 5);
  for (const depth of [1, 2, 3]) {
    it(`D = ${depth}: γ_c, γ_sp and the jump of every feature`, () => {
      const theory = sampleTheory(m, depth);
      theory.modes.forEach((mode, k) => {
        expect(mode.gammaC).toBeCloseTo(criticalGamma(depth, eta[k]) as number, 6);
        if (depth >= 2) {
          expect(mode.gammaSpinodal).toBeCloseTo(spinodalGamma(depth, eta[k]) as number, 5);
          expect(mode.pJump).toBeCloseTo(pJump(depth, eta[k]) as number, 4);
        }
      });
    });
  }
  it('D = 2, γ = 0.05: the learned singular values are the closed-form learned p', () => {
    const s = solveSampleBranch(m, 2, 0.05, 3) as NonNullable<ReturnType<typeof solveSampleBranch>>;
    s.sigma.forEach((v, k) => expect(v).toBeCloseTo(stationaryPoints(2, eta[k], 0.05).learned as number, 7));
  });
});

describe('exact sample theory vs float64 gradient descent of the deep net (non-whitened)', () => {
  it('N = 30, 5 → 3, D = 2: order parameters within 0.1 % away from thresholds', () => {
    const m = momentsOf({ inputDim: 5, outputDim: 3, spectrum: [1, 0.6, 0.3], trainSize: 30, whiten: false, seed: 7 });
    const eta = singularValues(m.syx, 3, 5);
    const theory = sampleTheory(m, 2);
    console.log('sample η̂', eta, 'exact modes', JSON.stringify(theory.modes));
    for (const [gamma, rank] of [
      [0.03, 3],
      [0.12, 2],
    ] as const) {
      const exact = solveSampleBranch(m, 2, gamma, rank) as NonNullable<ReturnType<typeof solveSampleBranch>>;
      const gd = deepGd(m, 2, 4, gamma, 3);
      const a = (k: number) => perModeStrength(m, k);
      const approx = eta.slice(0, rank).map((e, k) => stationaryPoints(2, e, gamma, a(k)).learned as number);
      const err = (v: number[]) => v.map((x, k) => `${(100 * (x / gd.sigma[k] - 1)).toFixed(4)} %`).join(', ');
      console.log(`γ = ${gamma}: exact − GD ${err(exact.sigma)}; per-mode approximation − GD ${err(approx)}`);
      for (let k = 0; k < rank; k++) expect(Math.abs(exact.sigma[k] / gd.sigma[k] - 1)).toBeLessThan(1e-3);
      expect(Math.abs(exact.objective - gd.objective)).toBeLessThan(1e-6);
    }
  }, 120_000);

  it('scalar output, N = 20, D = 2: γ_c and the jump against GD (equal-loss point of the GD learned state)', () => {
    const m = momentsOf({ inputDim: 5, outputDim: 1, spectrum: [1], trainSize: 20, whiten: false, seed: 2 });
    const eta = singularValues(m.syx, 1, 5)[0];
    const mode = sampleTheory(m, 2).modes[0];
    const gc = mode.gammaC as number;
    // GD's learned-state loss relative to the trivial state, on both sides of γ_c: interpolate its zero
    const lo = gc * 0.995;
    const hi = gc * 1.005;
    const a = deepGd(m, 2, 2, lo, 5, 400_000, 0.02, 1);
    const b = deepGd(m, 2, 2, hi, 5, 400_000, 0.02, 1);
    expect(a.objective).toBeLessThan(0);
    expect(b.objective).toBeGreaterThan(0);
    const gdGammaC = lo + ((hi - lo) * -a.objective) / (b.objective - a.objective);
    const atC = deepGd(m, 2, 2, gdGammaC, 5, 400_000, 0.02, 1);
    const approxC = criticalGamma(2, eta, perModeStrength(m, 0)) as number;
    const approxJump = pJump(2, eta, perModeStrength(m, 0));
    console.log(
      `scalar N = 20: γ_c exact ${gc.toPrecision(7)}, GD ${gdGammaC.toPrecision(7)} (${(100 * (gc / gdGammaC - 1)).toFixed(4)} %), per-mode approx ${approxC.toPrecision(7)} (${(100 * (approxC / gdGammaC - 1)).toFixed(3)} %); ` +
        `jump exact ${(mode.pJump as number).toPrecision(6)}, GD ${atC.sigma[0].toPrecision(6)}, approx ${approxJump.toPrecision(6)} (${(100 * (approxJump / atC.sigma[0] - 1)).toFixed(3)} %)`,
    );
    expect(Math.abs(gc / gdGammaC - 1)).toBeLessThan(1e-3);
    expect(Math.abs((mode.pJump as number) / atC.sigma[0] - 1)).toBeLessThan(1e-3);
  }, 120_000);
});
