/** γ-slider marks say what they are: exact, per-mode approximation, or a linear reference for nonlinear nets. */
import { describe, expect, it } from 'vitest';
import { thresholdMarks, theoryLabel, LINEAR_REFERENCE_LABEL } from '../../../src/charts/theory';

describe('threshold marks and theory labels', () => {
  it('linear, whitened: exact marks with plain labels', () => {
    const marks = thresholdMarks([2], [1], [1]);
    expect(marks.map((m) => [m.label, m.status])).toEqual([
      ['γc', 'exact'],
      ['γsp', 'exact'],
    ]);
    expect(theoryLabel({})).toBe('theory');
  });
  it('non-whitened: marked as the per-mode approximation', () => {
    const marks = thresholdMarks([2], [1], [1.2], 3, { whitened: false });
    expect(marks.every((m) => m.status === 'approximation' && m.label.endsWith('≈'))).toBe(true);
    expect(theoryLabel({ whitened: false })).toMatch(/approximation/);
  });
  it('relu/tanh: linear marks only as a reference; tanh D = 1 gets its local threshold κη', () => {
    const relu = thresholdMarks([2], [1], [1], 3, { activation: 'relu' });
    expect(relu.every((m) => m.status === 'linear reference' && m.label.includes('lin. ref.'))).toBe(true);
    expect(theoryLabel({ activation: 'relu' })).toBe(LINEAR_REFERENCE_LABEL);
    const tanh = thresholdMarks([1], [0.8], [1], 3, { activation: 'tanh' });
    expect(tanh).toEqual([{ depth: 1, feature: 0, kind: 'local', gamma: 0.8, label: 'γloc', status: 'exact' }]);
  });
});
