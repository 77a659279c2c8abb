/** `lab theory` with dataset options (exact sample theory) and --activation (local thresholds). */
import { describe, expect, it } from 'vitest';
import { theoryCommand } from '../../../src/cli/theoryCommand';
import { criticalGamma, spinodalGamma } from '../../../src/physics';

describe('lab theory, sample and nonlinear', () => {
  it('whitened sample without label noise reproduces the population closed forms', () => {
    const out = JSON.parse(theoryCommand(['--depth', '2', '--spectrum', '1,0.5', '--input-dim', '3', '--samples', '64', '--json']));
    expect(out.source).toBe('sample (exact)');
    expect(out.modes[0].gammaC).toBeCloseTo(criticalGamma(2, 1) as number, 6);
    expect(out.modes[1].gammaSpinodal).toBeCloseTo(spinodalGamma(2, 0.5) as number, 5);
    expect(out.modes[0].approximation).toBeUndefined();
  });

  it('--no-whiten: exact numbers, and the per-mode approximation labelled as one', () => {
    const out = JSON.parse(
      theoryCommand([
        '--depth',
        '2',
        '--spectrum',
        '1,0.6,0.3',
        '--input-dim',
        '5',
        '--samples',
        '30',
        '--seed',
        '7',
        '--no-whiten',
        '--label-noise',
        '0.2',
        '--json',
      ]),
    );
    for (const mode of out.modes) {
      expect(mode.approximation.label).toMatch(/approximation/);
      expect(mode.gammaC).not.toBe(mode.approximation.gammaC);
    }
  });

  it('--activation relu|tanh: localThreshold, linear numbers only as a labelled reference', () => {
    const relu = JSON.parse(theoryCommand(['--depth', '1', '--spectrum', '1', '--activation', 'relu', '--json']));
    expect(relu.modes[0].localThreshold).toBe(0.5);
    expect(relu.modes[0].gammaC).toBeUndefined();
    expect(relu.modes[0].linearReference.label).toBe('linear theory, for reference');
    const tanh = JSON.parse(theoryCommand(['--depth', '1', '--spectrum', '1,0.6', '--activation', 'tanh', '--json']));
    expect(tanh.modes.map((m: { localThreshold: number }) => m.localThreshold)).toEqual([1, 0.6]);
    const deep = JSON.parse(theoryCommand(['--depth', '2', '--spectrum', '1', '--activation', 'relu', '--json']));
    expect(deep.modes[0].localThreshold).toBeNull();
    expect(deep.localThresholdNote).toMatch(/local minimum for every γ > 0/);
    const sampled = JSON.parse(theoryCommand(['--depth', '1', '--spectrum', '1', '--activation', 'relu', '--input-dim', '2', '--samples', '512', '--json']));
    expect(Math.abs(sampled.modes[0].localThreshold - 0.5)).toBeLessThan(0.05);
  });
});
