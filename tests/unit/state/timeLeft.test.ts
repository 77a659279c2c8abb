import { describe, expect, it } from 'vitest';
import { timeLeftText } from '../../../src/panels/useTimeLeft';

describe('job time estimate', () => {
  it('extrapolates the remaining time from the progress so far', () => {
    expect(timeLeftText(2000, 0.5)).toBe('about 2 s left');
    expect(timeLeftText(1000, 0.1)).toBe('about 9 s left');
    expect(timeLeftText(60_000, 0.25)).toBe('about 3 min left');
    expect(timeLeftText(900, 0.9)).toBe('less than a second left');
  });
  it('says nothing before it can tell, or when done', () => {
    expect(timeLeftText(100, 0.5)).toBe('');
    expect(timeLeftText(5000, 0.01)).toBe('');
    expect(timeLeftText(5000, 1)).toBe('');
  });
});
