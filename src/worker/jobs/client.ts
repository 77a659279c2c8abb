/**
 * Main-thread side of the jobs workers: one job at a time, split over a pool of workers (one per
 * core, split.ts keeps every replica as it is); cancel terminates the workers (the only way to
 * stop a kernel mid-chunk) and the next job starts fresh ones.
 *
 * Cancel works at any moment, also before the worker has finished starting its backend: every run
 * owns a cancellation promise that each await races against. Every run has an id that the worker
 * echoes on its progress messages and its result, so messages of an older run (already queued when
 * it was cancelled) are dropped instead of showing up in the next one.
 */
import * as Comlink from 'comlink';
import type { BackendChoice } from '../protocol';
import type { Job, JobOutcome, JobsApi } from './protocol';
import { mergeJob, splitJob } from './split';
import { jobStarted } from './activity';

/** at most this many job workers (cores beyond it are left to the page) */
export const MAX_JOB_WORKERS = 4;

export function defaultPoolSize(): number {
  const cores = (globalThis.navigator as { hardwareConcurrency?: number } | undefined)?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(MAX_JOB_WORKERS, cores));
}

export class JobCancelled extends Error {
  constructor() {
    super('job cancelled');
  }
}

/** What the client needs of a jobs worker; the browser one is below, tests pass a fake. */
export interface JobsWorkerHandle {
  init(backend: BackendChoice): Promise<unknown>;
  run(job: Job, runId: number, onProgress: (runId: number, fraction: number) => void): Promise<JobOutcome<Job>>;
  terminate(): void;
}

/** `onCrash`: call it when the worker dies on its own (an uncaught error) */
export type SpawnJobsWorker = (onCrash: (message: string) => void) => JobsWorkerHandle;

const spawnBrowserWorker: SpawnJobsWorker = (onCrash) => {
  const worker = new Worker(new URL('../jobs.worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    onCrash(event.message || 'error event');
  });
  const api = Comlink.wrap<JobsApi>(worker);
  return {
    init: (backend) => api.init(backend),
    run: (job, runId, onProgress) => api.run(job, runId, Comlink.proxy(onProgress)) as Promise<JobOutcome<Job>>,
    terminate: () => worker.terminate(),
  };
};

export interface JobRun<J extends Job> {
  result: JobOutcome<J>['result'];
  seconds: number;
  backend: string;
}

interface CurrentRun {
  id: number;
  cancel(error: Error): void;
}

interface PoolWorker {
  handle: JobsWorkerHandle;
  ready: Promise<unknown>;
}

export class JobsClient {
  private workers: PoolWorker[] = [];
  private current: CurrentRun | null = null;
  private lastRunId = 0;

  constructor(
    private readonly backend: BackendChoice = 'auto',
    private readonly spawn: SpawnJobsWorker = spawnBrowserWorker,
    private readonly poolSize = spawn === spawnBrowserWorker ? defaultPoolSize() : 1,
  ) {}

  /** the id of the run in progress, null when idle */
  get runningId(): number | null {
    return this.current?.id ?? null;
  }

  /** Run a job; a run still in progress is cancelled first (one job at a time). Rejects with JobCancelled on cancel. */
  async run<J extends Job>(job: J, onProgress: (fraction: number) => void): Promise<JobRun<J>> {
    this.cancel();
    const id = ++this.lastRunId;
    let cancel!: (error: Error) => void;
    const cancelled = new Promise<never>((_, reject) => (cancel = reject));
    cancelled.catch(() => undefined);
    this.current = { id, cancel };
    const isCurrent = () => this.current?.id === id;
    const finished = jobStarted();
    try {
      const parts = splitJob(job, this.poolSize);
      const fractions = parts.map(() => 0);
      const started = performance.now();
      const outcomes = await Promise.all(
        parts.map(async (part, w) => {
          const worker = this.start(w);
          await Promise.race([worker.ready, cancelled]);
          const out = await Promise.race([
            worker.handle.run(part.job, id, (runId, fraction) => {
              if (runId !== id || !isCurrent()) return;
              fractions[w] = fraction;
              onProgress(fractions.reduce((a, f) => a + f, 0) / parts.length);
            }),
            cancelled,
          ]);
          if (out.runId !== id) throw new Error(`the jobs worker answered run ${out.runId} for run ${id}`);
          return { indices: part.indices, out };
        }),
      );
      const result = mergeJob(
        job,
        outcomes.map(({ indices, out }) => ({ indices, result: out.result as JobOutcome<J>['result'] })),
      );
      // one part: the worker's own timing; several: the wall time of the whole (they overlap)
      const seconds = outcomes.length === 1 ? outcomes[0].out.seconds : (performance.now() - started) / 1000;
      // each worker measured its own engine: name every one that ran (they can differ)
      const engines = [...new Set(outcomes.map(({ out }) => out.backend))].join(' + ');
      const backend = outcomes.length === 1 ? outcomes[0].out.backend : `${engines} × ${outcomes.length} workers`;
      return { result: result as JobOutcome<J>['result'], seconds, backend };
    } finally {
      finished();
      if (isCurrent()) this.current = null;
    }
  }

  /** Stop the job in progress (if any) at once: its run() rejects with JobCancelled. */
  cancel(): void {
    const run = this.current;
    if (!run) return;
    this.current = null;
    this.dispose();
    run.cancel(new JobCancelled());
  }

  dispose(): void {
    for (const w of this.workers) w.handle.terminate();
    this.workers = [];
  }

  private start(index: number): PoolWorker {
    const existing = this.workers[index];
    if (existing) return existing;
    const handle = this.spawn((message) => {
      if (this.workers[index]?.handle !== handle) return;
      const run = this.current;
      this.current = null;
      this.dispose();
      run?.cancel(new Error(`the jobs worker crashed (${message})`));
    });
    const ready = handle.init(this.backend).catch((error: unknown) => {
      // a backend that failed to start: the next run tries fresh workers
      if (this.workers[index]?.handle === handle) this.dispose();
      throw error;
    });
    ready.catch(() => undefined);
    const worker = { handle, ready };
    this.workers[index] = worker;
    return worker;
  }
}
