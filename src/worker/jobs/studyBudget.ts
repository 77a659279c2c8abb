/**
 * The workloads of the papers' study jobs for the shared budget (src/budget), as worker/jobs/budget.ts
 * does for the other kinds. Programs that run one after another add their steps (the work adds up).
 */
import { netSize, type Workload } from '../../budget';
import { workloadOf, type NetShape } from '../../budget/jobs';
import type { StudyJob } from './protocol';

const STUDY_KINDS = new Set<string>(['nonlinear', 'sgd-map', 'grokking-seeds', 'paper-protocol', 'vae']);

export function isStudyJob(job: { kind: string }): job is StudyJob {
  return STUDY_KINDS.has(job.kind);
}

export function studyWorkloads(job: StudyJob): Workload[] {
  if (job.kind === 'vae') {
    // scalar float64 layers: a net of 2·depth one-by-one weights and the log-variance
    return job.studies.map((s) => {
      const { parameters, units } = netSize({ inputDim: 1, outputDim: 1, hiddenWidths: Array<number>(Math.max(0, 2 * s.depth - 1)).fill(1) });
      return { replicas: 1, parameters: parameters + 1, units, rows: 1, samples: 1, inputs: 1, steps: 2 * s.values.length * s.train.maxSteps };
    });
  }
  const shape = (depth: number, width: number): NetShape => ({ inputDim: job.data.inputDim, outputDim: job.data.outputDim, depth, width });
  const samples = job.data.trainSize;
  switch (job.kind) {
    case 'nonlinear':
      // nonlinear nets train on the samples (no moments path): every step pushes the whole set
      return job.depths.map((d) => workloadOf(shape(d, job.width), 2 * job.gammas.length, samples, job.maxSteps, samples));
    case 'sgd-map': {
      const runs = job.fractions.length * job.batches.length;
      // the noise-free GD reference of every fraction, the SGD runs, the matched Langevin runs
      const gd = workloadOf(shape(job.depth, job.width), 1, samples, job.steps * job.fractions.length);
      if (job.batches.length === 0) return [gd];
      return [
        gd,
        workloadOf(shape(job.depth, job.width), job.replicas, samples, job.steps * runs, Math.max(...job.batches)),
        workloadOf(shape(job.depth, job.width), job.replicas * job.batches.length, samples, job.steps * job.fractions.length),
      ];
    }
    case 'grokking-seeds':
      return [workloadOf(shape(job.depth, job.width), 1, samples, (2 * job.steps + job.trapSteps) * job.seeds.length)];
    case 'paper-protocol': {
      const stepsPerEpoch = Math.ceil(samples / job.batch);
      return [workloadOf(shape(job.depth, job.width), job.replicas, samples, (job.trapEpochs + job.epochs) * stepsPerEpoch * job.runs.length, job.batch)];
    }
  }
}
