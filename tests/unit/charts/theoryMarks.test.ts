/** γ-slider marks say what they are: exact, per-mode approximation, or a linear reference for nonlinear nets. */
import { describe, expect, it } from 'vitest';
import { criticalGamma, spinodalGamma } from '../../../src/physics';
import { globalPAt, thresholdMarks, theoryLabel, EXACT_SAMPLE_LABEL, LINEAR_REFERENCE_LABEL } from '../../../src/charts/theory';

describe('threshold marks and theory labels', () => {
  it('linear, whitened: exact marks with plain labels', () => {
    const marks = thresholdMarks([2], [1], [1]);
    expect(marks.map((m) => [m.label, m.status])).toEqual([
      ['γc', 'exact'],
      ['γsp', 'exact'],
    ]);
    expect(theoryLabel({})).toBe('theory');
  });
  it('non-whitened: marked as the per-mode approximation until the exact sample theory arrives', () => {
    const marks = thresholdMarks([2], [1], [1.2], 3, { whitened: false });
    expect(marks.every((m) => m.status === 'approximation' && m.label.endsWith('≈'))).toBe(true);
    expect(marks.find((m) => m.kind === 'spinodal')?.gamma).toBeCloseTo(spinodalGamma(2, 1, 1.2) as number, 12);
    expect(theoryLabel({ whitened: false })).toMatch(/approximation/);
  });
  it('non-whitened with the exact sample theory: its numbers, exact, from the sample; other depths stay approximate', () => {
    const sample = [{ depth: 2, modes: [{ gammaC: 0.3888, gammaSpinodal: 0.4624 }] }];
    const marks = thresholdMarks([1, 2], [1], [1.2], 3, { whitened: false, sample });
    const d2 = marks.filter((m) => m.depth === 2);
    expect(d2.map((m) => [m.kind, m.gamma, m.status, m.source])).toEqual([
      ['critical', 0.3888, 'exact', 'sample'],
      ['spinodal', 0.4624, 'exact', 'sample'],
    ]);
    expect(d2.every((m) => !m.label.includes('≈'))).toBe(true);
    const d1 = marks.filter((m) => m.depth === 1);
    expect(d1.map((m) => [m.gamma, m.status])).toEqual([[criticalGamma(1, 1, 1.2), 'approximation']]);
    expect(theoryLabel({ whitened: false, sample })).toBe(EXACT_SAMPLE_LABEL);
    // an activation change makes the exact linear numbers a reference again
    expect(thresholdMarks([2], [1], [1.2], 3, { whitened: false, sample, activation: 'tanh' }).every((m) => m.status === 'linear reference')).toBe(true);
  });
  it('relu/tanh: linear marks only as a reference; tanh D = 1 gets κη, relu D = 1 the sample threshold once computed', () => {
    const relu = thresholdMarks([2], [1], [1], 3, { activation: 'relu', reluThreshold: 0.5 });
    expect(relu.every((m) => m.status === 'linear reference' && m.label.includes('lin. ref.'))).toBe(true);
    expect(theoryLabel({ activation: 'relu' })).toBe(LINEAR_REFERENCE_LABEL);
    const tanh = thresholdMarks([1], [0.8], [1], 3, { activation: 'tanh' });
    expect(tanh).toEqual([{ depth: 1, feature: 0, kind: 'local', gamma: 0.8, label: 'γloc tanh net', status: 'exact', source: 'tanh net' }]);
    const relu1 = thresholdMarks([1], [1], [1], 3, { activation: 'relu', reluThreshold: 0.5075 });
    expect(relu1.filter((m) => m.kind === 'local')).toEqual([
      { depth: 1, feature: 0, kind: 'local', gamma: 0.5075, label: 'γloc ReLU net', status: 'exact', source: 'relu net' },
    ]);
    expect(relu1.filter((m) => m.kind !== 'local').every((m) => m.status === 'linear reference')).toBe(true);
    // before the worker answered: no local mark, never the linear γc passed off as the relu threshold
    expect(thresholdMarks([1], [1], [1], 3, { activation: 'relu' }).some((m) => m.kind === 'local')).toBe(false);
  });
  it('globalPAt interpolates along the global-minimum segments and is null off them', () => {
    const b = {
      global: [
        [
          { gamma: 0, p: 1 },
          { gamma: 0.2, p: 0.8 },
        ],
        [
          { gamma: 0.3, p: 0 },
          { gamma: 1, p: 0 },
        ],
      ],
    };
    expect(globalPAt(b, 0.1)).toBeCloseTo(0.9, 12);
    expect(globalPAt(b, 0.5)).toBe(0);
    expect(globalPAt(b, 0.25)).toBeNull();
  });
});
