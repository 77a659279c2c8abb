import { describe, expect, it } from 'vitest';
import {
  cascadePreset,
  computeMoments,
  defaultSingleFeature,
  ersoyWiesnerPreset,
  linearLoss,
  makeTeacher,
  makeTeacherDataset,
  sparseGrokkingPreset,
} from '../../../src/data';
import type { TeacherSpec } from '../../../src/data/types';

const spec = (over: Partial<TeacherSpec> = {}): TeacherSpec => ({
  inputDim: 4,
  outputDim: 3,
  spectrum: [1, 0.6, 0.3],
  labelNoise: 0,
  trainSize: 200,
  testSize: 100,
  whiten: true,
  seed: 3,
  ...over,
});

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};
const identity = (n: number) => Float64Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0));

describe('makeTeacherDataset', () => {
  it('has the promised shapes and is reproducible from its seed', () => {
    const a = makeTeacherDataset(spec());
    expect(a.trainX.length).toBe(200 * 4);
    expect(a.trainY.length).toBe(200 * 3);
    expect(a.testX.length).toBe(100 * 4);
    expect(a.testY.length).toBe(100 * 3);
    expect(a.syxSvd.values.length).toBe(3);
    expect(a.syxSvd.u.length).toBe(3 * 3);
    expect(a.syxSvd.v.length).toBe(3 * 4);
    const b = makeTeacherDataset(spec());
    expect(Array.from(b.trainX)).toEqual(Array.from(a.trainX));
    expect(Array.from(b.testY)).toEqual(Array.from(a.testY));
    const c = makeTeacherDataset(spec({ seed: 4 }));
    expect(Array.from(c.trainX)).not.toEqual(Array.from(a.trainX));
  });

  it('whitens exactly: sample Σxx = I to float32 precision (1e-6) and noise-free Σyx has singular values η (1e-6)', () => {
    const d = makeTeacherDataset(spec());
    expect(maxAbsDiff(d.train.sxx, identity(4))).toBeLessThan(1e-6);
    d.syxSvd.values.forEach((v, k) => expect(Math.abs(v - [1, 0.6, 0.3][k])).toBeLessThan(1e-6));
    d.inputStrength.forEach((a) => expect(Math.abs(a - 1)).toBeLessThan(1e-6));
    // the moments are those of the float32 samples the engine sees
    const recomputed = computeMoments(d.trainX, d.trainY, d.trainSize, 4, 3);
    expect(maxAbsDiff(recomputed.syx, d.train.syx)).toBe(0);
  });

  it('singular vectors reconstruct Σyx and are orthonormal (1e-9)', () => {
    const d = makeTeacherDataset(spec({ labelNoise: 0.3, whiten: false }));
    const { values, u, v } = d.syxSvd;
    const rebuilt = new Float64Array(3 * 4);
    values.forEach((s, k) => {
      for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) rebuilt[i * 4 + j] += s * u[k * 3 + i] * v[k * 4 + j];
    });
    expect(maxAbsDiff(rebuilt, d.train.syx)).toBeLessThan(1e-9);
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        let uu = 0;
        let vv = 0;
        for (let i = 0; i < 3; i++) uu += u[a * 3 + i] * u[b * 3 + i];
        for (let j = 0; j < 4; j++) vv += v[a * 4 + j] * v[b * 4 + j];
        expect(Math.abs(uu - (a === b ? 1 : 0))).toBeLessThan(1e-9);
        expect(Math.abs(vv - (a === b ? 1 : 0))).toBeLessThan(1e-9);
      }
    }
    expect(values[0]).toBeGreaterThanOrEqual(values[1]);
    expect(values[1]).toBeGreaterThanOrEqual(values[2]);
    // a_k = v_kᵀ Σxx v_k with the sample Σxx (not whitened here, so ≠ 1)
    const a0 = d.inputStrength[0];
    let direct = 0;
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) direct += v[i] * d.train.sxx[i * 4 + j] * v[j];
    expect(a0).toBeCloseTo(direct, 12);
    expect(Math.abs(a0 - 1)).toBeGreaterThan(1e-4);
  });

  it('the teacher relation holds on a whitened sample: y = Bx exactly without noise (1e-5)', () => {
    const s = spec();
    const d = makeTeacherDataset(s);
    const { map } = makeTeacher(s);
    let worst = 0;
    for (let n = 0; n < d.trainSize; n++) {
      for (let i = 0; i < 3; i++) {
        let bx = 0;
        for (let j = 0; j < 4; j++) bx += map[i * 4 + j] * d.trainX[n * 4 + j];
        worst = Math.max(worst, Math.abs(bx - d.trainY[n * 3 + i]));
      }
    }
    expect(worst).toBeLessThan(1e-5);
    // hence the train loss of M = B is 0 (from the moments, 1e-5), and of M = 0 is Σ η²
    expect(linearLoss(d.train, map, 4, 3)).toBeLessThan(1e-5);
    expect(linearLoss(d.train, new Float64Array(12), 4, 3)).toBeCloseTo(1 + 0.36 + 0.09, 5);
  });

  it("'unit-variance' noise gives Σyy ≈ I in population (N = 40 000: ±0.03)", () => {
    const d = makeTeacherDataset({ ...ersoyWiesnerPreset(2), trainSize: 40_000 });
    expect(maxAbsDiff(d.train.syy, identity(2))).toBeLessThan(0.03);
    expect(maxAbsDiff(d.train.sxx, identity(2))).toBeLessThan(0.03);
    d.syxSvd.values.forEach((v, k) => expect(Math.abs(v - [0.9, 0.8][k])).toBeLessThan(0.03));
  });

  it('isotropic label noise of std σ adds σ² per output to Σyy (N = 40 000: ±0.03)', () => {
    const d = makeTeacherDataset(spec({ trainSize: 40_000, labelNoise: 0.5, spectrum: [0, 0, 0] }));
    for (let i = 0; i < 3; i++) expect(Math.abs(d.train.syy[i * 3 + i] - 0.25)).toBeLessThan(0.03);
  });

  it('sub-samples the training set without replacement from a pool', () => {
    const d = makeTeacherDataset(sparseGrokkingPreset(1));
    expect(d.trainSize).toBe(25);
    expect(d.testSize).toBe(10_000);
    const rows = new Set<string>();
    for (let n = 0; n < 25; n++) rows.add(Array.from(d.trainX.subarray(n * 2, n * 2 + 2)).join(','));
    expect(rows.size).toBe(25);
    // the pool is the same draw for every pool-based spec with this seed: a larger subsample contains more rows of it
    const bigger = makeTeacherDataset({ ...sparseGrokkingPreset(1), trainSize: 5000 });
    const pool = new Set<string>();
    for (let n = 0; n < 5000; n++) pool.add(Array.from(bigger.trainX.subarray(n * 2, n * 2 + 2)).join(','));
    for (const row of rows) expect(pool.has(row)).toBe(true);
  });

  it('rejects impossible specs with a clear message', () => {
    expect(() => makeTeacherDataset(spec({ labelNoise: 'unit-variance', spectrum: [1.2] }))).toThrow(/η ≤ 1/);
    expect(() => makeTeacherDataset(spec({ spectrum: [1, 1, 1, 1] }))).toThrow(/min\(inputDim, outputDim\)/);
    expect(() => makeTeacherDataset(spec({ trainSize: 3 }))).toThrow(/whiten/);
    expect(() => makeTeacherDataset(spec({ poolSize: 10 }))).toThrow(/poolSize/);
    expect(() => makeTeacherDataset(spec({ labelNoise: -1 }))).toThrow(/labelNoise/);
  });

  it('presets are valid and match docs/physics.md', () => {
    for (const p of [defaultSingleFeature(), cascadePreset(), ersoyWiesnerPreset(), sparseGrokkingPreset()]) {
      expect(() => makeTeacherDataset(p)).not.toThrow();
    }
    expect(ersoyWiesnerPreset()).toMatchObject({
      inputDim: 2,
      outputDim: 2,
      spectrum: [0.9, 0.8],
      trainSize: 512,
      testSize: 512,
      labelNoise: 'unit-variance',
      whiten: false,
    });
    expect(sparseGrokkingPreset()).toMatchObject({ trainSize: 25, poolSize: 5000, testSize: 10_000 });
    expect(cascadePreset().spectrum).toEqual([1, 0.6, 0.3]);
    expect(cascadePreset().whiten).toBe(true);
  });
});
