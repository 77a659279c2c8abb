/** What each job kind runs (worker side: imports the engine and tfjs). */
import { createTrainer } from '../../engine';
import { makeTeacherDataset } from '../../data';
import { phaseDiagram } from '../../experiments/phaseDiagram';
import { escapeExperiment } from '../../experiments/escape';
import { tracedEscapeExperiment } from '../../experiments/escapeTrace';
import { grokkingExperiment } from '../../experiments/grokking';
import { etaMap } from './etaMap';
import { rampLoop } from './rampLoop';
import type { Job, JobResults } from './protocol';

type Runners = { [K in keyof JobResults]: (job: Extract<Job, { kind: K }>, onProgress: (f: number) => void) => Promise<JobResults[K]> };

export const runners: Runners = {
  'phase-diagram': (job, onProgress) =>
    phaseDiagram(createTrainer, {
      depths: job.depths,
      gammas: job.gammas,
      data: makeTeacherDataset(job.data),
      width: job.width,
      lr: job.lr,
      chunk: 250,
      tolerance: 1e-4,
      maxSteps: job.maxSteps,
      onProgress,
    }),

  escape: (job, onProgress) => {
    const data = makeTeacherDataset(job.data);
    return escapeExperiment(createTrainer, {
      net: { inputDim: data.inputDim, outputDim: data.outputDim, hiddenWidths: Array(job.depth).fill(job.width), activation: 'linear' },
      data,
      gamma: job.gamma,
      temperatures: job.temperatures,
      replicasPerTemperature: job.replicasPerTemperature,
      steps: job.steps,
      lr: job.lr,
      feature: job.feature,
      threshold: job.threshold,
      learnedValues: job.learnedValues,
      checkEvery: job.checkEvery,
      seed: job.seed,
      noise: job.noise,
      onProgress,
    });
  },
  'escape-trace': (job, onProgress) => {
    const data = makeTeacherDataset(job.data);
    return tracedEscapeExperiment(createTrainer, {
      net: { inputDim: data.inputDim, outputDim: data.outputDim, hiddenWidths: Array(job.depth).fill(job.width), activation: 'linear' },
      data,
      gamma: job.gamma,
      temperatures: job.temperatures,
      replicasPerTemperature: job.replicasPerTemperature,
      steps: job.steps,
      lr: job.lr,
      feature: job.feature,
      threshold: job.threshold,
      learnedValues: job.learnedValues,
      trapFrom: job.trapFrom,
      checkEvery: job.checkEvery,
      seed: job.seed,
      noise: job.noise,
      onProgress,
    });
  },
  'eta-map': (job, onProgress) =>
    etaMap(createTrainer, {
      data: job.data,
      depth: job.depth,
      etas: job.etas,
      gammas: job.gammas,
      width: job.width,
      lr: job.lr,
      maxSteps: job.maxSteps,
      onProgress,
    }),
  'ramp-loop': (job, onProgress) => {
    const data = makeTeacherDataset(job.data);
    return rampLoop(createTrainer, {
      net: { inputDim: data.inputDim, outputDim: data.outputDim, hiddenWidths: Array(job.depth).fill(job.width), activation: 'linear' },
      data,
      gammas: job.gammas,
      stepsPerGamma: job.stepsPerGamma,
      lr: job.lr,
      kick: job.kick,
      seed: job.seed,
      onProgress,
    });
  },
  grokking: (job, onProgress) => {
    const data = makeTeacherDataset(job.data);
    return grokkingExperiment(createTrainer, {
      net: { inputDim: data.inputDim, outputDim: data.outputDim, hiddenWidths: Array(job.depth).fill(job.width), activation: 'linear' },
      data,
      gamma: job.gamma,
      lr: job.lr,
      steps: job.steps,
      trapGamma: job.trapGamma,
      trapSteps: job.trapSteps,
      epsilon: job.epsilon,
      feature: job.feature,
      seed: job.seed,
      onProgress,
    });
  },
};
