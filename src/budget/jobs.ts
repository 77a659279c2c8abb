/**
 * The workloads of each batch job kind, for the shared budget (index.ts). The jobs worker calls
 * `jobProblem` before it builds a dataset or a trainer; the forms call the per-field checks with
 * the same workload functions, so a form and the worker never disagree. Types only from the worker.
 */
import type { Job } from '../worker/jobs/protocol';
import { checkWorkload, excess, netSize, type Workload } from './index';

interface NetShape {
  inputDim: number;
  outputDim: number;
  depth: number;
  width: number;
}

/**
 * A linear net trained full-batch (`batch` undefined) runs on the moments path: each step multiplies
 * by Σxx (inputDim rows) whatever the sample count; a minibatch of `batch` samples pushes that many.
 */
export function workloadOf(net: NetShape, replicas: number, samples: number, steps: number, batch?: number): Workload {
  const { parameters, units } = netSize({ inputDim: net.inputDim, outputDim: net.outputDim, hiddenWidths: Array.from({ length: Math.max(0, Math.min(net.depth, 64)) }, () => net.width) });
  const rows = batch === undefined ? net.inputDim : Math.min(batch, samples);
  return { replicas, parameters, units, rows, samples, inputs: net.inputDim, steps };
}

/** one workload per batched program the job runs */
export function jobWorkloads(job: Job): Workload[] {
  const shape = (depth: number, width: number): NetShape => ({ inputDim: job.data.inputDim, outputDim: job.data.outputDim, depth, width });
  const samples = job.data.trainSize;
  switch (job.kind) {
    case 'phase-diagram':
      return job.depths.map((d) => workloadOf(shape(d, job.width), job.gammas.length * (job.learnedOnly ? 1 : 2), samples, job.maxSteps));
    case 'eta-map':
      // one program per η, run one after the other: the work adds up
      return [workloadOf(shape(job.depth, job.width), 2 * job.gammas.length, samples, job.maxSteps * Math.max(1, job.etas.length))];
    case 'escape':
    case 'escape-trace': {
      const batch = job.noise?.kind === 'sgd' ? job.noise.batchSize : undefined;
      return [workloadOf(shape(job.depth, job.width), job.temperatures.length * job.replicasPerTemperature, samples, job.steps + (job.trapFrom?.steps ?? 0), batch)];
    }
    case 'grokking':
      return [workloadOf(shape(job.depth, job.width), 1, samples, job.steps + job.trapSteps)];
    case 'ramp-loop':
      return [workloadOf(shape(job.depth, job.width), job.stepsPerGamma.length, samples, 2 * Math.max(...job.stepsPerGamma) * job.gammas.length)];
  }
}

/** null if the job fits the budget, else one line saying which limit it exceeds */
export function jobProblem(job: Job): string | null {
  for (const w of jobWorkloads(job)) {
    const verdict = checkWorkload(w);
    if (!verdict.ok) return `this ${job.kind} job needs ${excess(verdict)}; make it smaller`;
  }
  return null;
}
