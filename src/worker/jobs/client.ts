/**
 * Main-thread side of the jobs worker: one job at a time; cancel terminates the worker (the only
 * way to stop a tensor program mid-chunk) and the next job starts a fresh one.
 *
 * Cancel works at any moment, also before the worker has finished starting its backend: every run
 * owns a cancellation promise that each await races against. Every run has an id that the worker
 * echoes on its progress messages and its result, so messages of an older run (already queued when
 * it was cancelled) are dropped instead of showing up in the next one.
 */
import * as Comlink from 'comlink';
import type { BackendChoice } from '../protocol';
import type { Job, JobOutcome, JobsApi } from './protocol';

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

export class JobsClient {
  private worker: JobsWorkerHandle | null = null;
  private ready: Promise<unknown> | null = null;
  private current: CurrentRun | null = null;
  private lastRunId = 0;

  constructor(
    private readonly backend: BackendChoice = 'auto',
    private readonly spawn: SpawnJobsWorker = spawnBrowserWorker,
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
    try {
      const worker = this.start();
      await Promise.race([this.ready, cancelled]);
      const out = await Promise.race([
        worker.run(job, id, (runId, fraction) => {
          if (runId === id && isCurrent()) onProgress(fraction);
        }),
        cancelled,
      ]);
      if (out.runId !== id) throw new Error(`the jobs worker answered run ${out.runId} for run ${id}`);
      return { result: out.result as JobOutcome<J>['result'], seconds: out.seconds, backend: out.backend };
    } finally {
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
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
  }

  private start(): JobsWorkerHandle {
    if (this.worker) return this.worker;
    const handle = this.spawn((message) => {
      if (this.worker !== handle) return;
      const run = this.current;
      this.current = null;
      this.dispose();
      run?.cancel(new Error(`the jobs worker crashed (${message})`));
    });
    this.worker = handle;
    this.ready = handle.init(this.backend).catch((error: unknown) => {
      // a backend that failed to start: the next run tries a fresh worker
      if (this.worker === handle) this.dispose();
      throw error;
    });
    this.ready.catch(() => undefined);
    return handle;
  }
}
