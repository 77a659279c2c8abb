/**
 * Main-thread side of the jobs worker: one job at a time; cancel terminates the worker (the only
 * way to stop a tensor program mid-chunk) and the next job starts a fresh one.
 */
import * as Comlink from 'comlink';
import type { BackendChoice } from '../protocol';
import type { Job, JobResult, JobsApi } from './protocol';

export class JobCancelled extends Error {
  constructor() {
    super('job cancelled');
  }
}

export class JobsClient {
  private worker: Worker | null = null;
  private api: Comlink.Remote<JobsApi> | null = null;
  private ready: Promise<unknown> | null = null;
  private rejectCurrent: ((error: Error) => void) | null = null;

  constructor(private readonly backend: BackendChoice = 'auto') {}

  private start(): Comlink.Remote<JobsApi> {
    if (this.api) return this.api;
    const worker = new Worker(new URL('../jobs.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.rejectCurrent?.(new Error(`the jobs worker crashed (${event.message || 'error event'})`));
      this.dispose();
    });
    this.worker = worker;
    this.api = Comlink.wrap<JobsApi>(worker);
    this.ready = this.api.init(this.backend);
    return this.api;
  }

  async run<J extends Job>(job: J, onProgress: (fraction: number) => void): Promise<{ result: JobResult<J>; seconds: number; backend: string }> {
    const api = this.start();
    await this.ready;
    return new Promise((resolve, reject) => {
      this.rejectCurrent = reject;
      (api.run(job, Comlink.proxy(onProgress)) as Promise<{ result: JobResult<J>; seconds: number; backend: string }>).then(resolve, reject).finally(() => {
        this.rejectCurrent = null;
      });
    });
  }

  cancel(): void {
    this.rejectCurrent?.(new JobCancelled());
    this.dispose();
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.ready = null;
  }
}
