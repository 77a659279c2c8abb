import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETERS, setupKey, toRunSetup, useParameters, validateParameters } from '../../../src/state/parameters';

describe('parameters store', () => {
  beforeEach(() => useParameters.getState().resetToDefaults());

  it('defaults tell the D = 2 story: one feature η = 1, whitened, a whisper of Langevin noise, γ = 0.2', () => {
    const s = useParameters.getState();
    expect(s.depth).toBe(2);
    expect(s.spectrum).toEqual([1]);
    expect(s.whiten).toBe(true);
    expect(s.optimizer).toBe('langevin');
    expect(s.temperature).toBe(1e-8);
    expect(s.gamma).toBeCloseTo(0.2, 12);
    expect(validateParameters(DEFAULT_PARAMETERS).messages).toEqual({});
  });

  it('clamps depth into 0…6 and says why', () => {
    useParameters.getState().update({ depth: 9 });
    expect(useParameters.getState().depth).toBe(6);
    expect(useParameters.getState().messages.depth).toMatch(/0…6/);
    useParameters.getState().update({ depth: -2.4 });
    expect(useParameters.getState().depth).toBe(0);
  });

  it('sorts the spectrum, drops non-positive values and raises the dimensions to hold every feature', () => {
    useParameters.getState().update({ spectrum: [0.3, 1, -2, 0.6, 0.2], outputDim: 2 });
    const s = useParameters.getState();
    expect(s.spectrum).toEqual([1, 0.6, 0.3, 0.2]);
    expect(s.outputDim).toBe(4);
    expect(s.inputDim).toBeGreaterThanOrEqual(4);
    expect(s.messages.spectrum).toBeTruthy();
    expect(s.messages.outputDim).toMatch(/4/);
    // width 4 holds 4 features: no warning; width 2 does not
    expect(s.messages.width).toBeUndefined();
    useParameters.getState().update({ width: 2 });
    expect(useParameters.getState().messages.width).toMatch(/at most 2/);
  });

  it('replaces an empty or unparsable spectrum by η = 1 and rejects impossible numbers', () => {
    useParameters.getState().update({ spectrum: [NaN], lr: -3, batchSize: 1e9, trainSize: 100 });
    const s = useParameters.getState();
    expect(s.spectrum).toEqual([1]);
    expect(s.lr).toBeGreaterThan(0);
    expect(s.batchSize).toBe(100);
    expect(s.messages.lr).toBeTruthy();
    expect(s.messages.batchSize).toMatch(/1…100/);
  });

  it('γ, T and lr change live: they do not change the setup key; depth and data do', () => {
    const base = useParameters.getState();
    const key = setupKey(base);
    expect(setupKey({ ...base, gamma: 0.45, temperature: 0.1, lr: 0.05 })).toBe(key);
    expect(setupKey({ ...base, depth: 3 })).not.toBe(key);
    expect(setupKey({ ...base, spectrum: [1, 0.5] })).not.toBe(key);
  });

  it('compare mode trains D = 1, 2, 3 on the same data', () => {
    const setup = toRunSetup({ ...DEFAULT_PARAMETERS, compareDepths: true });
    expect(setup.depths).toEqual([1, 2, 3]);
    expect(toRunSetup(DEFAULT_PARAMETERS).depths).toEqual([2]);
  });
});
