/**
 * Cancel at any moment (issue 12): the jobs client and the two job views' stores, over a fake jobs
 * worker whose start-up and jobs finish only when the test says so, and which can still deliver
 * messages of a run after it was cancelled (as a real worker's already-queued messages do).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { JobCancelled, JobsClient, type JobsWorkerHandle } from '../../../src/worker/jobs/client';
import type { Job, JobOutcome } from '../../../src/worker/jobs/protocol';
import { cancelStages, runStages, useJobsClientForStages } from '../../../src/panels/sweeps/runner';
import { DEFAULT_SWEEPS_SETTINGS, useSweepsStore } from '../../../src/state/sweeps';
import { cancelEscapeJob, runEscapeJob, useJobsClientForEscape } from '../../../src/panels/escape/jobs';
import { useEscapeStore } from '../../../src/state/escape';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

interface FakeRun {
  job: Job;
  runId: number;
  progress(runId: number, fraction: number): void;
  answer: Deferred<JobOutcome<Job>>;
}

class FakeWorkers {
  spawned: Array<{ init: Deferred<unknown>; runs: FakeRun[]; terminated: boolean; crash(message: string): void }> = [];
  /** start-up finishes at once unless a test holds it */
  holdInit = false;

  spawn = (onCrash: (message: string) => void): JobsWorkerHandle => {
    const init = deferred<unknown>();
    if (!this.holdInit) init.resolve({ backend: 'wasm', reason: 'fake' });
    const record = { init, runs: [] as FakeRun[], terminated: false, crash: onCrash };
    this.spawned.push(record);
    return {
      init: () => init.promise,
      run: (job, runId, progress) => {
        const answer = deferred<JobOutcome<Job>>();
        record.runs.push({ job, runId, progress, answer });
        return answer.promise;
      },
      terminate: () => {
        record.terminated = true;
      },
    };
  };

  get last() {
    return this.spawned.at(-1)!;
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const outcome = (runId: number, result: unknown = []): JobOutcome<Job> => ({ runId, result: result as never, seconds: 0.1, backend: 'wasm' });
const job = { kind: 'eta-map' } as unknown as Job;

describe('JobsClient', () => {
  it('cancel before the worker acknowledged its start rejects at once; the next run starts a fresh worker', async () => {
    const workers = new FakeWorkers();
    workers.holdInit = true;
    const client = new JobsClient('auto', workers.spawn);
    const first = client.run(job, () => {});
    await tick();
    expect(workers.last.runs).toHaveLength(0); // still starting its backend
    client.cancel();
    await expect(first).rejects.toBeInstanceOf(JobCancelled);
    expect(workers.spawned[0].terminated).toBe(true);
    expect(client.runningId).toBeNull();

    workers.holdInit = false;
    const second = client.run(job, () => {});
    await tick();
    expect(workers.spawned).toHaveLength(2);
    const run = workers.last.runs[0];
    run.answer.resolve(outcome(run.runId, ['second']));
    await expect(second).resolves.toMatchObject({ result: ['second'] });
  });

  it('cancel then immediate re-run: the old run rejects, its late progress and result are dropped, the new one is delivered', async () => {
    const workers = new FakeWorkers();
    const client = new JobsClient('auto', workers.spawn);
    const seenFirst: number[] = [];
    const seenSecond: number[] = [];
    const first = client.run(job, (f) => seenFirst.push(f));
    await tick();
    const old = workers.last.runs[0];
    old.progress(old.runId, 0.01);
    expect(seenFirst).toEqual([0.01]);
    client.cancel();
    const second = client.run(job, (f) => seenSecond.push(f));
    await expect(first).rejects.toBeInstanceOf(JobCancelled);
    await tick();
    const fresh = workers.last.runs[0];
    expect(fresh.runId).not.toBe(old.runId);
    // messages already queued by the cancelled run arrive now: none may reach either callback
    old.progress(old.runId, 0.03);
    old.answer.resolve(outcome(old.runId, ['stale']));
    fresh.progress(old.runId, 0.02); // a stale id on the new worker's channel, too
    fresh.progress(fresh.runId, 0.5);
    fresh.answer.resolve(outcome(fresh.runId, ['fresh']));
    await expect(second).resolves.toMatchObject({ result: ['fresh'] });
    expect(seenFirst).toEqual([0.01]);
    expect(seenSecond).toEqual([0.5]);
  });

  it('an answer tagged with another run id is refused, and a crash rejects the run in progress', async () => {
    const workers = new FakeWorkers();
    const client = new JobsClient('auto', workers.spawn);
    const a = client.run(job, () => {});
    await tick();
    const run = workers.last.runs[0];
    run.answer.resolve(outcome(run.runId + 7));
    await expect(a).rejects.toThrow(/answered run/);
    const b = client.run(job, () => {});
    await tick();
    workers.last.crash('boom');
    await expect(b).rejects.toThrow(/crashed \(boom\)/);
    expect(workers.last.terminated).toBe(true);
  });
});

describe('sweeps view: Run / Cancel at any moment', () => {
  let workers: FakeWorkers;
  beforeEach(() => {
    workers = new FakeWorkers();
    useJobsClientForStages(new JobsClient('auto', workers.spawn));
    useSweepsStore.setState({
      settings: { ...DEFAULT_SWEEPS_SETTINGS, stages: ['diagram'] },
      job: { running: false, stage: null, progress: 0, error: null, log: [] },
      results: {},
    });
  });

  it('cancel within the first milliseconds (worker still starting) leaves the view idle and ready to run again', async () => {
    workers.holdInit = true;
    const running = runStages();
    expect(useSweepsStore.getState().job.running).toBe(true);
    cancelStages();
    // synchronous: Run is enabled again before any worker message
    expect(useSweepsStore.getState().job).toMatchObject({ running: false, error: 'cancelled' });
    await running;
    expect(useSweepsStore.getState().job).toMatchObject({ running: false, error: 'cancelled' });

    workers.holdInit = false;
    const again = runStages();
    await tick();
    const run = workers.last.runs[0];
    run.progress(run.runId, 0.5);
    expect(useSweepsStore.getState().job.progress).toBeCloseTo(0.5);
    run.answer.resolve(outcome(run.runId, []));
    await again;
    expect(useSweepsStore.getState().job).toMatchObject({ running: false, progress: 1, error: null });
    expect(useSweepsStore.getState().results.diagram).toBeDefined();
  });

  it('cancel then an immediate re-run in the same tick: the new run owns the store; the old run’s late messages change nothing', async () => {
    const first = runStages();
    await tick();
    const old = workers.last.runs[0];
    old.progress(old.runId, 0.3);
    cancelStages();
    const second = runStages();
    expect(useSweepsStore.getState().job).toMatchObject({ running: true, progress: 0, error: null });
    await first;
    await tick();
    old.progress(old.runId, 0.03);
    old.answer.resolve(outcome(old.runId, []));
    await tick();
    expect(useSweepsStore.getState().job).toMatchObject({ running: true, progress: 0, error: null });
    expect(useSweepsStore.getState().results.diagram).toBeUndefined();
    const fresh = workers.last.runs[0];
    fresh.answer.resolve(outcome(fresh.runId, []));
    await second;
    expect(useSweepsStore.getState().job).toMatchObject({ running: false, progress: 1, error: null });
  });
});

describe('escape view: Run / Cancel at any moment', () => {
  let workers: FakeWorkers;
  beforeEach(() => {
    workers = new FakeWorkers();
    useJobsClientForEscape(new JobsClient('auto', workers.spawn));
    useEscapeStore.setState({ job: { running: false, label: '', progress: 0, error: null } });
  });

  it('cancel before start-up, re-run at once, stale progress dropped', async () => {
    workers.holdInit = true;
    const first = runEscapeJob('first', job);
    cancelEscapeJob();
    expect(useEscapeStore.getState().job).toMatchObject({ running: false, error: 'cancelled' });
    expect(await first).toBeNull();
    workers.holdInit = false;
    const second = runEscapeJob('second', job);
    await tick();
    const run = workers.last.runs[0];
    workers.spawned[0].runs.forEach((r) => r.progress(r.runId, 0.02)); // (none: it never got to run)
    run.progress(run.runId - 1, 0.03);
    expect(useEscapeStore.getState().job).toMatchObject({ running: true, label: 'second', progress: 0 });
    run.answer.resolve(outcome(run.runId, { runs: [] }));
    expect(await second).toMatchObject({ result: { runs: [] } });
    expect(useEscapeStore.getState().job).toMatchObject({ running: false, progress: 1, error: null });
  });
});
