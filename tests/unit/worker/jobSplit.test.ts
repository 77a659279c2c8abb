/**
 * A job split over a pool of workers gives exactly the result of the whole job (split.ts keeps
 * every replica's seed), and the pool runs the parts side by side.
 */
import { describe, expect, it } from 'vitest';
import { deal, mergeJob, splitJob } from '../../../src/worker/jobs/split';
import { runners } from '../../../src/worker/jobs/registry';
import { JobsClient, type JobsWorkerHandle } from '../../../src/worker/jobs/client';
import { onJobActivity } from '../../../src/worker/jobs/activity';
import { TRAP_PRESETS, langevinJob } from '../../../src/panels/escape/presets';
import { ESCAPE_PRESET_SETTINGS } from '../../../src/state/escape';
import { defaultSingleFeature } from '../../../src/data';
import type { Job, JobResults } from '../../../src/worker/jobs/protocol';

async function wholeAndSplit<J extends Job>(job: J, parts: number) {
  const run = runners[job.kind] as unknown as (j: J, p: (f: number) => void) => Promise<JobResults[J['kind']]>;
  const whole = await run(job, () => {});
  const pieces = splitJob(job, parts);
  expect(pieces.length).toBe(parts);
  const merged = mergeJob(job, await Promise.all(pieces.map(async (p) => ({ indices: p.indices, result: await run(p.job, () => {}) }))));
  return { whole, merged };
}

describe('splitting jobs over workers', () => {
  it('deals indices round-robin', () => {
    expect(deal(5, 2)).toEqual([
      [0, 2, 4],
      [1, 3],
    ]);
    expect(deal(1, 4)).toEqual([[0]]);
  });

  it('escape-trace: the merged runs equal the whole job, replica by replica', async () => {
    const trap = TRAP_PRESETS.clean();
    const job = langevinJob(trap, {
      preset: 'clean',
      trapMode: 'by-hand',
      controlBatch: 8,
      ...ESCAPE_PRESET_SETTINGS.clean,
      temperatures: [0.02, 0.006, 0.004],
      replicas: 8,
      steps: 3000,
    });
    const { whole, merged } = await wholeAndSplit(job, 2);
    expect(merged.runs).toEqual(whole.runs);
    expect(merged.frames.at(-1)!.p.length).toBe(whole.frames.at(-1)!.p.length);
  }, 60_000);

  // the whole job and its parts may run on different kernels (wasm SIMD from 8 replicas on, float32;
  // the JS kernel below, float64): equal to float32 precision
  const close = (a: unknown, b: unknown, path = ''): void => {
    if (typeof a === 'number' && typeof b === 'number') {
      expect(Math.abs(a - b), path).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b)));
    } else if (Array.isArray(a) && Array.isArray(b)) {
      expect(a.length, path).toBe(b.length);
      a.forEach((x, i) => close(x, b[i], `${path}[${i}]`));
    } else if (a && b && typeof a === 'object' && typeof b === 'object') {
      expect(Object.keys(a).sort(), path).toEqual(Object.keys(b).sort());
      for (const k of Object.keys(a)) close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    } else expect(a, path).toEqual(b);
  };

  it('phase diagram and ramp loops: the merged result equals the whole job (to float32 precision)', async () => {
    const data = defaultSingleFeature();
    const diagram = await wholeAndSplit(
      { kind: 'phase-diagram', data, depths: [1, 2], gammas: [0.1, 0.2, 0.3, 0.45, 0.6], width: 2, lr: 0.1, maxSteps: 2000, tolerance: 0 },
      2,
    );
    close(diagram.merged, diagram.whole);
    const loops = await wholeAndSplit(
      { kind: 'ramp-loop', data, depth: 2, gammas: [0.1, 0.3, 0.5], width: 2, lr: 0.1, stepsPerGamma: [20, 40, 60], kick: 1e-4, seed: 1 },
      2,
    );
    close(loops.merged, loops.whole);
  }, 60_000);

  it('the pool runs the parts on separate workers at once, reports the mean progress and the job as running', async () => {
    const started: number[] = [];
    let concurrent = 0;
    let peak = 0;
    const spawn = (): JobsWorkerHandle => ({
      init: async () => ({}),
      run: async (job, runId, onProgress) => {
        started.push((job as Extract<Job, { kind: 'ramp-loop' }>).stepsPerGamma.length);
        concurrent++;
        peak = Math.max(peak, concurrent);
        await new Promise((r) => setTimeout(r, 20));
        onProgress(runId, 1);
        concurrent--;
        const result = (job as Extract<Job, { kind: 'ramp-loop' }>).stepsPerGamma.map(() => []);
        return { runId, result, seconds: 0.02, backend: 'fused-js' };
      },
      terminate: () => {},
    });
    const activity: number[] = [];
    const stop = onJobActivity((n) => activity.push(n));
    const client = new JobsClient('auto', spawn, 2);
    const progress: number[] = [];
    const out = await client.run(
      { kind: 'ramp-loop', data: defaultSingleFeature(), depth: 2, gammas: [0.1], width: 2, lr: 0.1, stepsPerGamma: [20, 40, 60], kick: 1e-4, seed: 1 },
      (f) => progress.push(f),
    );
    stop();
    expect(started.sort()).toEqual([1, 2]);
    expect(peak).toBe(2);
    expect(out.result).toHaveLength(3);
    expect(out.backend).toBe('fused-js × 2 workers');
    expect(progress.at(-1)).toBe(1);
    expect(progress[0]).toBe(0.5);
    expect(activity).toEqual([1, 0]);
  });
});
