/** What each job kind runs (worker side: imports the engine and tfjs). */
import { createTrainer } from '../../engine';
import type { TrainerFactory } from '../../experiments/escape';
import { datasetModes, makeTeacherDataset } from '../../data';
import { phaseDiagram } from '../../experiments/phaseDiagram';
import { escapeExperiment } from '../../experiments/escape';
import { tracedEscapeExperiment } from '../../experiments/escapeTrace';
import { grokkingExperiment } from '../../experiments/grokking';
import { etaMap } from '../../experiments/etaMap';
import { rampLoop } from '../../experiments/rampLoop';
import type { TeacherSpec } from '../../data/types';
import type { Job, JobResults } from './protocol';
import { makeStudyRunners } from './studyRunners';

/** the linear net of `depth` hidden layers of `width` units, and the dataset, of a NetJob */
function netAndData(spec: TeacherSpec, depth: number, width: number) {
  const data = makeTeacherDataset(spec);
  return {
    data,
    net: { inputDim: data.inputDim, outputDim: data.outputDim, hiddenWidths: Array<number>(depth).fill(width), activation: 'linear' as const },
  };
}

type Runners = { [K in keyof JobResults]: (job: Extract<Job, { kind: K }>, onProgress: (f: number) => void) => Promise<JobResults[K]> };

/** the runners of every job kind, building their trainers with `createTrainer` (the measured engine) */
export function makeRunners(createTrainer: TrainerFactory): Runners {
  return {
    'phase-diagram': async (job, onProgress) => {
      const data = makeTeacherDataset(job.data);
      const diagrams = await phaseDiagram(createTrainer, {
        depths: job.depths,
        gammas: job.gammas,
        data,
        width: job.width,
        lr: job.lr,
        chunk: 250,
        tolerance: job.tolerance ?? 1e-4,
        learnedOnly: job.learnedOnly,
        maxSteps: job.maxSteps,
        onProgress,
      });
      return { diagrams, modes: datasetModes(data) };
    },

    escape: ({ kind: _kind, data, depth, width, ...settings }, onProgress) =>
      escapeExperiment(createTrainer, { ...settings, ...netAndData(data, depth, width), onProgress }),
    'escape-trace': ({ kind: _kind, data, depth, width, ...settings }, onProgress) =>
      tracedEscapeExperiment(createTrainer, { ...settings, ...netAndData(data, depth, width), onProgress }),
    grokking: ({ kind: _kind, data, depth, width, ...settings }, onProgress) =>
      grokkingExperiment(createTrainer, { ...settings, ...netAndData(data, depth, width), onProgress }),
    'ramp-loop': ({ kind: _kind, data, depth, width, ...settings }, onProgress) =>
      rampLoop(createTrainer, { ...settings, ...netAndData(data, depth, width), onProgress }),
    'eta-map': ({ kind: _kind, ...settings }, onProgress) => etaMap(createTrainer, { ...settings, onProgress }),
    ...makeStudyRunners(createTrainer),
  };
}

/** the runners on the engine's default trainer (Node: CLI-like use and tests) */
export const runners: Runners = makeRunners(createTrainer);
