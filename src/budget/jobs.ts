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

export function workloadOf(net: NetShape, replicas: number, samples: number, steps: number): Workload {
  const { parameters, units } = netSize({ inputDim: net.inputDim, outputDim: net.outputDim, hiddenWidths: Array.from({ length: Math.max(0, Math.min(net.depth, 64)) }, () => net.width) });
  return { replicas, parameters, units, samples, inputs: net.inputDim, steps };
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
      const batch = job.noise?.kind === 'sgd' ? Math.min(job.noise.batchSize, samples) : samples;
      return [workloadOf(shape(job.depth, job.width), job.temperatures.length * job.replicasPerTemperature, batch, job.steps + (job.trapFrom?.steps ?? 0))];
    }
    case 'grokking':
      return [workloadOf(shape(job.depth, job.width), 1, samples, job.steps + job.trapSteps)];
    case 'ramp-loop':
      return [workloadOf(shape(job.depth, job.width), 1, samples, 2 * job.stepsPerGamma * job.gammas.length)];
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
