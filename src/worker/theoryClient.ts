/**
 * Main-thread side of the theory worker. One computation at a time: a request for a new setup
 * terminates the worker still busy with an old one (a synchronous float64 solve cannot be interrupted
 * otherwise) and starts a fresh one; a request for the setup already computed or in flight does nothing.
 */
import { liveTheoryKey, needsLiveTheory } from './liveTheory';
import type { LiveTheoryRequest, LiveTheoryResult } from './protocol';

export type TheoryReply = { ok: true; result: LiveTheoryResult } | { ok: false; key: string; message: string };

export interface TheoryWorkerHandle {
  post(request: LiveTheoryRequest): void;
  terminate(): void;
}

export type SpawnTheoryWorker = (onReply: (reply: TheoryReply) => void) => TheoryWorkerHandle;

const spawnBrowserWorker: SpawnTheoryWorker = (onReply) => {
  const worker = new Worker(new URL('./theory.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<TheoryReply>) => onReply(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    onReply({ ok: false, key: '', message: event.message || 'theory worker error' });
  };
  return { post: (request) => worker.postMessage(request), terminate: () => worker.terminate() };
};

export interface TheoryCallbacks {
  onResult(result: LiveTheoryResult): void;
  onFailure(key: string, message: string): void;
}

export class SampleTheoryClient {
  private worker: TheoryWorkerHandle | null = null;
  private inFlight: string | null = null;
  private done: string | null = null;

  constructor(
    private readonly callbacks: TheoryCallbacks,
    private readonly spawn: SpawnTheoryWorker = spawnBrowserWorker,
  ) {}

  /** ask for the theory of a setup; returns its key, or null when this setup needs none */
  request(setup: Omit<LiveTheoryRequest, 'key'>): string | null {
    if (!needsLiveTheory(setup)) {
      this.cancel();
      this.done = null;
      return null;
    }
    const key = liveTheoryKey(setup);
    if (key === this.inFlight || key === this.done) return key;
    this.cancel();
    this.done = null;
    this.inFlight = key;
    this.worker = this.spawn((reply) => this.onReply(key, reply));
    this.worker.post({ ...setup, key });
    return key;
  }

  /** drop the computation in flight (the setup changed) */
  cancel(): void {
    this.worker?.terminate();
    this.worker = null;
    this.inFlight = null;
  }

  dispose(): void {
    this.cancel();
  }

  private onReply(key: string, reply: TheoryReply): void {
    if (key !== this.inFlight) return; // a terminated worker's last word
    this.worker?.terminate();
    this.worker = null;
    this.inFlight = null;
    if (reply.ok && reply.result.key === key) {
      this.done = key;
      this.callbacks.onResult(reply.result);
    } else this.callbacks.onFailure(key, reply.ok ? 'result for another setup' : reply.message);
  }
}
