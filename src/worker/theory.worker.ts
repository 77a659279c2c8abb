/// <reference lib="webworker" />
/**
 * The live lab's theory worker: the exact sample theory (≈ 0.2–2 s of float64 work) off the main
 * thread and off the training worker, whose loop it would otherwise stall. One request in, one
 * result out; a stale request is cancelled by terminating this worker (worker/theoryClient.ts).
 */
import { computeLiveTheory } from './liveTheory';
import type { LiveTheoryRequest } from './protocol';

self.onmessage = (event: MessageEvent<LiveTheoryRequest>) => {
  try {
    self.postMessage({ ok: true, result: computeLiveTheory(event.data) });
  } catch (error) {
    self.postMessage({ ok: false, key: event.data.key, message: error instanceof Error ? error.message : String(error) });
  }
};
