/// <reference lib="webworker" />
/** The jobs worker: batch experiments on their own tfjs instance, beside the live training worker. */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { startBackend } from './backend';
import { runners } from './jobs/registry';
import type { Job, JobsApi } from './jobs/protocol';

const api: JobsApi = {
  init: (backend) => startBackend(backend, () => {}),
  async run(job, runId, onProgress) {
    const start = performance.now();
    const runner = runners[job.kind] as (job: Job, onProgress: (f: number) => void) => Promise<never>;
    let last = 0;
    const result = await runner(job, (fraction) => {
      const now = performance.now();
      if (now - last > 100 || fraction >= 1) {
        last = now;
        void onProgress(runId, fraction);
      }
    });
    return { runId, result, seconds: (performance.now() - start) / 1000, backend: tf.getBackend() };
  },
};

Comlink.expose(api);
