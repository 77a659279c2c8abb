/**
 * Grokking from sparse sub-sampling (issue 5 acceptance; docs/physics.md §5), Node, wasm, seeded.
 * Settings: Ersoy–Wiesner 2-10-10-2 net, η = (0.9, 0.8), unit-variance labels, data seed 5:
 * 25 train from a 5 000 pool, 10 000 test; trap = converge at γ = 0.38 (2 000 GD steps), perturb
 * every weight by ε·N(0,1); then γ = 0.0025, full-batch GD, lr 0.05, 20 000 steps.
 * Gaps are per-output test − train MSE. docs/physics.md's numpy seed-1 numbers (0.313 → 0.093) are not
 * asserted: the sample decides them. The criterion is the issue's: the gap after escape is less than
 * half the plateau gap.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine/backends';
import { createTrainer } from '../../../src/engine';
import { makeTeacherDataset, sparseGrokkingPreset } from '../../../src/data';
import { grokkingExperiment, grokkingTrapGamma, type GrokkingResult } from '../../../src/experiments/grokking';
import { runners } from '../../../src/worker/jobs/registry';
import { grokkingJob, GROKKING_SEED } from '../../../src/panels/escape/presets';

beforeAll(async () => {
  await initBackend('wasm');
});

const net = { inputDim: 2, outputDim: 2, hiddenWidths: [10, 10], activation: 'linear' as const };

function run(trainSize: number, epsilon: number): Promise<GrokkingResult> {
  const spec = { ...sparseGrokkingPreset(GROKKING_SEED), trainSize, poolSize: trainSize < 5000 ? 5000 : undefined };
  return grokkingExperiment(createTrainer, {
    net,
    data: makeTeacherDataset(spec),
    gamma: 0.0025,
    lr: 0.05,
    steps: 20_000,
    trapGamma: 0.38,
    trapSteps: 2000,
    epsilon,
    feature: 1,
    seed: GROKKING_SEED,
  });
}

describe('sparse sub-sampling grokking', () => {
  let sparse: GrokkingResult;
  beforeAll(async () => {
    sparse = await run(25, 0.01);
  }, 30_000);

  it('the trap is rank 1: the trap γ lies between the two sample spinodals', () => {
    const data = makeTeacherDataset(sparseGrokkingPreset(GROKKING_SEED));
    expect(grokkingTrapGamma(data, 2, 1)).toBe(sparse.trapGamma);
    expect(sparse.points[0].strong).toBeGreaterThan(0.1); // strong feature on at the start
    expect(sparse.points[0].weak).toBeLessThan(0.05); // weak feature only the ε seed
  });

  it('train sits below test on the plateau, then the weak feature escapes and the gap shrinks to < ½ of it', () => {
    expect(sparse.escapeStep).not.toBeNull();
    expect(sparse.escapeStep as number).toBeGreaterThan(100); // a real plateau, not an immediate rise
    expect(sparse.plateauGap).toBeGreaterThan(0.05);
    expect(sparse.finalGap).toBeLessThan(0.5 * sparse.plateauGap);
    const last = sparse.points[sparse.points.length - 1];
    expect(last.weak).toBeGreaterThan(sparse.escapeThreshold);
    const plateau = sparse.points.find((p) => p.step >= sparse.plateauWindow[1]) as GrokkingResult['points'][number];
    expect(last.test).toBeLessThan(plateau.test - 0.1); // test error really falls after escape
  });

  it('ε = 1e-3 puts the weak feature below its saddle: it decays and never escapes in 20 000 steps', async () => {
    const tiny = await run(25, 1e-3);
    expect(tiny.escapeStep).toBeNull();
    const last = tiny.points[tiny.points.length - 1];
    expect(last.weak).toBeLessThan(1e-4);
    expect(last.test - last.train).toBeGreaterThan(0.5 * sparse.plateauGap); // the gap stays
  }, 30_000);

  it('dense contrast (512 train): no plateau gap (|gap| < 0.05 and < ½ of the sparse one)', async () => {
    const dense = await run(512, 0.01);
    expect(Math.abs(dense.plateauGap)).toBeLessThan(0.05);
    expect(Math.abs(dense.plateauGap)).toBeLessThan(0.5 * sparse.plateauGap);
    expect(Math.abs(dense.finalGap)).toBeLessThan(0.05);
  }, 30_000);

  it('the jobs-worker runner gives the same run as the experiment', async () => {
    const out = await runners.grokking(grokkingJob('sparse'), () => {});
    expect(out.escapeStep).toBe(sparse.escapeStep);
    expect(out.plateauGap).toBeCloseTo(sparse.plateauGap, 6);
  }, 30_000);
});

describe('grokking at γ = 0: the plateau is a small-initialisation delay, not a barrier (issue 10 item 5)', () => {
  it('escapes without any saddle, after t·ε of the order the audit measured (10.3–10.7 over its seeds), a little sooner than at γ = 0.0025', async () => {
    const [zero, small] = await Promise.all([runners.grokking(grokkingJob('zero-gamma'), () => {}), runners.grokking(grokkingJob('sparse'), () => {})]);
    expect(zero.escapeStep).not.toBeNull();
    const tEpsilon = (zero.escapeStep as number) * grokkingJob('zero-gamma').epsilon;
    expect(tEpsilon).toBeGreaterThan(8);
    expect(tEpsilon).toBeLessThan(14);
    // the audit: γ = 0.0025 adds ~17 % (1 258 vs 1 074 steps); a γ that mattered would add far more
    const ratio = (small.escapeStep as number) / (zero.escapeStep as number);
    expect(ratio).toBeGreaterThan(1);
    expect(ratio).toBeLessThan(1.4);
  }, 60_000);
});
