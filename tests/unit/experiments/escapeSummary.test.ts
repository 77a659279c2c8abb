import { describe, it, expect } from 'vitest';
import { summarizeEscapes } from '../../../src/experiments/escape';

describe('summarizeEscapes: censored replicas are counted, not dropped', () => {
  it('no censoring: plain median and mean', () => {
    const run = summarizeEscapes(0.01, [30, 10, 20], 100);
    expect(run.median).toBe(20);
    expect(run.mean).toBe(20);
    expect(run.censored).toBe(0);
  });
  it('censored replicas rank last for the median and add the run length to the exposure', () => {
    const run = summarizeEscapes(0.01, [10, null, 20, 30, null], 100);
    expect(run.censored).toBe(2);
    expect(run.median).toBe(30); // ranks: 10, 20, 30, ∞, ∞
    expect(run.mean).toBeCloseTo((10 + 20 + 30 + 2 * 100) / 3, 12);
  });
  it('half or more censored: no median', () => {
    expect(summarizeEscapes(0.01, [10, null], 100).median).toBeNull();
    expect(summarizeEscapes(0.01, [null, null, 5], 100).median).toBeNull();
    expect(summarizeEscapes(0.01, [null, null], 100).mean).toBeNull();
  });
});
