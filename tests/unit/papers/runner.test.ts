/**
 * The Papers view's runner: a study's jobs go through the jobs client, the combined result lands in
 * the papers store with its timing; a cancel leaves the store idle with nothing of that run in it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { runners } from '../../../src/worker/jobs/registry';
import { JobCancelled } from '../../../src/worker/jobs/client';
import type { Job, JobResults } from '../../../src/worker/jobs/protocol';
import { cancelStudy, runStudy, useJobsClientForPapers } from '../../../src/panels/papers/runner';
import { usePapersStore } from '../../../src/state/papers';
import { measureClaims } from '../../../src/papers/measure';

const inProcess = {
  run: async <J extends Job>(job: J, onProgress: (f: number) => void) => {
    const result = await (runners[job.kind] as unknown as (j: J, p: (f: number) => void) => Promise<JobResults[J['kind']]>)(job, onProgress);
    return { result, seconds: 0, backend: 'in-process' };
  },
  cancel: () => {},
};

beforeEach(() => {
  usePapersStore.setState({ results: {}, info: {}, job: { running: false, study: null, label: '', progress: 0, error: null } });
});

describe('papers runner', () => {
  it('runs the VAE study into the store; its measured |uw| at η/λ = 0.5 is the closed form 0.5', async () => {
    useJobsClientForPapers(inProcess as never);
    const progress: number[] = [];
    const unsubscribe = usePapersStore.subscribe((s) => progress.push(s.job.progress));
    expect(await runStudy('zu-vae')).toBe(true);
    unsubscribe();
    const s = usePapersStore.getState();
    expect(s.job.running).toBe(false);
    expect(s.info['zu-vae']?.backend).toBe('in-process');
    expect(progress.at(-1)).toBe(1);
    const m = measureClaims(s.results);
    expect(m['zu-vae-linear'].value).toBeCloseTo(0.5, 4);
  }, 60_000);

  it('a cancel mid-run leaves the store idle, says cancelled, and keeps nothing of the run', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    useJobsClientForPapers({
      run: async () => {
        await blocked;
        throw new JobCancelled();
      },
      cancel: () => release(),
    } as never);
    const running = runStudy('ew-sweep');
    expect(usePapersStore.getState().job.running).toBe(true);
    cancelStudy();
    expect(await running).toBe(false);
    const s = usePapersStore.getState();
    expect(s.job).toMatchObject({ running: false, error: 'cancelled' });
    expect(s.results['ew-sweep']).toBeUndefined();
  });
});
