/** The empirical modes a theory overlay uses (data/empiricalModes.ts). */
import { describe, expect, it } from 'vitest';
import { datasetModes, empiricalModes, makeTeacherDataset } from '../../../src/data';
import { dataFor } from '../../../src/data/presets';

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

describe('built once per spec', () => {
  it('the memoized spec path gives the modes of the built dataset, and the same object for the same spec', () => {
    const spec = dataFor({ preset: 'ersoy-wiesner', eta: 1 }).spec;
    const first = empiricalModes(spec);
    expect(first).toEqual(datasetModes(makeTeacherDataset(spec)));
    expect(empiricalModes({ ...spec })).toBe(first);
    expect(empiricalModes({ ...spec, seed: spec.seed + 1 })).not.toEqual(first);
  });
});
