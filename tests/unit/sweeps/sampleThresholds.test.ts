/** The Phase-diagrams readout's thresholds: closed forms when whitened, the exact sample theory when not. */
import { describe, expect, it } from 'vitest';
import { sampleThresholds } from '../../../src/experiments/sampleThresholds';
import { defaultSingleFeature, ersoyWiesnerPreset, makeTeacherDataset } from '../../../src/data';
import { criticalGamma, solveSampleBranch, spinodalGamma, trackBranch } from '../../../src/physics';

describe('sampleThresholds', () => {
  it('whitened: the closed forms', () => {
    const t = sampleThresholds(defaultSingleFeature(1), 2, 0);
    expect(t.gammaC).toBeCloseTo(criticalGamma(2, 1) as number, 9);
    expect(t.gammaSp).toBeCloseTo(spinodalGamma(2, 1) as number, 9);
  });
  it('Ersoy–Wiesner sample (not whitened), D = 2: γ_sp is where the exact learned branch ends', () => {
    const spec = ersoyWiesnerPreset(1);
    const t = sampleThresholds(spec, 2, 1);
    const d = makeTeacherDataset(spec);
    const m = { inputDim: 2, outputDim: 2, sxx: d.train.sxx, syx: d.train.syx };
    // continued up from small γ, the rank-2 branch exists just below γ_sp and not just above it
    const sp = t.gammaSp as number;
    const grid = Array.from({ length: 30 }, (_, i) => (sp * 0.999 * (i + 1)) / 30);
    const track = trackBranch(m, 2, 2, grid);
    expect(track.states).toHaveLength(30);
    const below = track.states[29];
    expect(solveSampleBranch(m, 2, (t.gammaSp as number) * 1.001, 2, below)).toBeNull();
    expect(t.gammaC as number).toBeLessThan(t.gammaSp as number);
  });
});
