/// <reference lib="webworker" />
/** The jobs worker: batch experiments on their own tfjs instance, beside the live training worker. */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { startEngines, type EngineStart } from './backend';
import { makeRunners } from './jobs/registry';
import type { Job, JobsApi } from './jobs/protocol';
import { jobProblem } from './jobs/budget';

let engines: EngineStart | null = null;
let engineLabel = '';

const api: JobsApi = {
  async init(backend) {
    engines = await startEngines(backend, {
      onDeviceLost: () => {},
      onDecision: (info) => {
        engineLabel = info.engine ?? info.backend;
      },
    });
    return engines.info;
  },
  async run(job, runId, onProgress) {
    if (!engines) throw new Error('the jobs worker ran a job before init');
    // the shared work/memory budget, checked again here: a job from anywhere must fit before any memory is taken
    const problem = jobProblem(job);
    if (problem) throw new Error(problem);
    const start = performance.now();
    const runners = makeRunners(engines.createTrainer);
    const runner = runners[job.kind] as (job: Job, onProgress: (f: number) => void) => Promise<never>;
    let last = 0;
    const result = await runner(job, (fraction) => {
      const now = performance.now();
      if (now - last > 100 || fraction >= 1) {
        last = now;
        void onProgress(runId, fraction);
      }
    });
    return { runId, result, seconds: (performance.now() - start) / 1000, backend: engineLabel || tf.getBackend() };
  },
};

Comlink.expose(api);
