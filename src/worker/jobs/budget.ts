/**
 * The workloads of each batch job kind, for the shared budget (src/budget). The jobs worker calls
 * `jobProblem` before it builds a dataset or a trainer. A new job kind adds its case here.
 */
import { checkWorkload, excess, type Workload } from '../../budget';
import { workloadOf, type NetShape } from '../../budget/jobs';
import type { Job } from './protocol';
import { isStudyJob, studyWorkloads } from './studyBudget';

/** one workload per batched program the job runs */
export function jobWorkloads(job: Job): Workload[] {
  if (isStudyJob(job)) return studyWorkloads(job);
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
      return [
        workloadOf(shape(job.depth, job.width), job.temperatures.length * job.replicasPerTemperature, samples, job.steps + (job.trapFrom?.steps ?? 0), batch),
      ];
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
