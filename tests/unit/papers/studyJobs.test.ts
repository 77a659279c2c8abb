/**
 * The papers' study jobs (worker/jobs/studies.ts): each runner gives what the CLI's experiment
 * function gives, against independent references where one exists (the VAE closed form, the relu
 * threshold by brute-force search over directions); every split job merges back to the whole job's
 * result; the app's default sizes fit the shared budget.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine/backends';
import { createTrainer } from '../../../src/engine';
import { makeTeacherDataset } from '../../../src/data';
import { runners } from '../../../src/worker/jobs/registry';
import { mergeJob, splitJob } from '../../../src/worker/jobs/split';
import { jobProblem } from '../../../src/worker/jobs/budget';
import type { Job, JobResults } from '../../../src/worker/jobs/protocol';
import { closedFormCollapse } from '../../../src/experiments/vae';
import { grokkingSeedStudy } from '../../../src/experiments/grokkingSeeds';
import { STUDIES, grokkingSeedsJob, nonlinearJob, paperProtocolJob, sgdMapJob, vaeJob } from '../../../src/panels/papers/studies';
import { sparseGrokkingPreset } from '../../../src/data/presets';

beforeAll(async () => {
  await initBackend('wasm');
});

const run = <J extends Job>(job: J, onProgress: (f: number) => void = () => {}) =>
  (runners[job.kind] as unknown as (j: J, p: (f: number) => void) => Promise<JobResults[J['kind']]>)(job, onProgress);

async function wholeAndSplit<J extends Job>(job: J, parts: number) {
  const whole = await run(job);
  const pieces = splitJob(job, parts);
  expect(pieces.length).toBe(parts);
  const merged = mergeJob(job, await Promise.all(pieces.map(async (p) => ({ indices: p.indices, result: await run(p.job) }))));
  return { whole, merged };
}

describe('vae job', () => {
  it('depth 1 at γ = 0 follows |uw| = max(0, 1 − η/λ); progress reaches 1; split by study merges to the whole', async () => {
    const job = vaeJob(12);
    const fractions: number[] = [];
    const [linear, deep] = await run(job, (f) => fractions.push(f));
    expect(fractions.at(-1)).toBeCloseTo(1, 9);
    for (const point of linear.towardsCollapse) {
      const expected = closedFormCollapse(point.value, 1);
      // away from the threshold η = λ, where GD relaxes like 1/t
      if (Math.abs(point.value - 1) > 0.05) expect(Math.abs(point.order - expected), `η = ${point.value}`).toBeLessThan(1e-4);
    }
    // the deeper VAE with per-layer L2: the used latent jumps to 0 (first order) and the collapsed one does not come back
    expect(deep.largestJumpCollapse.size).toBeGreaterThan(0.15);
    expect(deep.hysteresis).not.toBeNull();
    const { whole, merged } = await wholeAndSplit(job, 2);
    expect(merged).toEqual(whole);
  });
});

describe('nonlinear job', () => {
  it('relu, D = 1: the local threshold is the sample maximisation (brute force over directions), and the trivial start grows up to it', async () => {
    const job = { ...nonlinearJob('relu', { samples: 96, points: 12, steps: 2500 }), depths: [1] };
    const result = await run(job);
    // independent: ‖E[y·relu(ûᵀx)]‖ over many random unit directions never beats the threshold and comes close to it
    const data = makeTeacherDataset(job.data);
    let best = 0;
    let state = 12345;
    const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    for (let trial = 0; trial < 20_000; trial++) {
      const u = Array.from({ length: 5 }, rand);
      const norm = Math.hypot(...u);
      let s = 0;
      for (let i = 0; i < data.trainSize; i++) {
        let z = 0;
        for (let j = 0; j < 5; j++) z += (u[j] / norm) * data.trainX[i * 5 + j];
        s += data.trainY[i] * Math.max(0, z);
      }
      best = Math.max(best, Math.abs(s / data.trainSize));
    }
    expect(best).toBeLessThanOrEqual(result.localThreshold + 1e-6);
    expect(best).toBeGreaterThan(result.localThreshold - 0.02);
    const step = job.gammas[1] - job.gammas[0];
    const rise = result.verdicts[0].rise;
    expect(rise).not.toBeNull();
    expect(rise as number).toBeLessThanOrEqual(result.localThreshold + step);
    expect(rise as number).toBeGreaterThan(result.localThreshold - 3 * step);
  }, 60_000);

  it('split by γ merges to the whole job (diagrams and verdicts)', async () => {
    const job = { ...nonlinearJob('tanh', { samples: 32, points: 6, steps: 500 }), depths: [1, 2], tolerance: 0 };
    const { whole, merged } = await wholeAndSplit(job, 2);
    expect(merged).toEqual(whole);
    expect(merged.verdicts.map((v) => v.depth)).toEqual([1, 2]);
  }, 60_000);
});

describe('sgd-map job', () => {
  it('the exact trap (f = 0) never escapes under SGD; split by fraction merges to the whole', async () => {
    const job = sgdMapJob({ fractions: [0, 1.02], lrOverB: [0.08 / 16], replicas: 4, steps: 300 });
    const { whole, merged } = await wholeAndSplit(job, 2);
    expect(merged).toEqual(whole);
    const trap = merged.rows[0];
    expect(trap.fraction).toBe(0);
    expect(trap.sgd[0].escaped).toBe(0);
    // just above the saddle, noise-free GD escapes
    expect(merged.rows[1].gd.escaped).toBe(1);
  }, 120_000);
});

describe('grokking-seeds job', () => {
  it('equals the CLI experiment (grokkingSeedStudy on sparseGrokkingPreset(seed)); split by seed merges to the whole', async () => {
    const job = grokkingSeedsJob({ seeds: 3, steps: 1500 });
    const { kind: _k, data: _d, depth: _depth, width: _w, ...settings } = job;
    const cli = await grokkingSeedStudy(createTrainer, {
      ...settings,
      net: { inputDim: 2, outputDim: 2, hiddenWidths: [10, 10], activation: 'linear' },
      dataFor: (seed) => makeTeacherDataset(sparseGrokkingPreset(seed)),
    });
    const { whole, merged } = await wholeAndSplit(job, 2);
    expect(whole).toEqual(cli);
    expect(merged).toEqual(whole);
    expect(merged.rows.map((r) => r.seed)).toEqual([1, 2, 3]);
  }, 120_000);
});

describe('paper-protocol job', () => {
  it('split by run merges to the whole; the SGD trap feature stays off', async () => {
    const job = { ...paperProtocolJob({ replicas: 2, trapEpochs: 40, epochs: 20 }), runs: paperProtocolJob().runs.slice(0, 2) };
    const { whole, merged } = await wholeAndSplit(job, 2);
    expect(merged).toEqual(whole);
    expect(merged.map((r) => r.convention)).toEqual(['ours', 'pytorch']);
    for (const r of merged) for (const f of r.features) expect(f.escapeEpochs.every((e) => e === null)).toBe(true);
  }, 120_000);
});

describe('budget', () => {
  it('every default study fits the shared budget; an oversized one is refused with the limit named', () => {
    for (const make of Object.values(STUDIES)) for (const job of make().jobs) expect(jobProblem(job), job.kind).toBeNull();
    expect(jobProblem(sgdMapJob({ fractions: [0], lrOverB: [0.08 / 512], replicas: 60_000, steps: 200_000 }))).toMatch(/sgd-map job needs/);
    expect(jobProblem({ ...vaeJob(2000), studies: vaeJob(2000).studies.map((s) => ({ ...s, train: { ...s.train, maxSteps: 1e10 } })) })).toMatch(/work/);
  });
});
