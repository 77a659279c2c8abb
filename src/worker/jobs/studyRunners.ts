/** The runners of the papers' study jobs (studies.ts); worker side, like registry.ts. */
import { makeTeacherDataset } from '../../data';
import type { TeacherSpec } from '../../data/types';
import type { NetSpec } from '../../engine/types';
import type { TrainerFactory } from '../../experiments/escape';
import { phaseDiagram } from '../../experiments/phaseDiagram';
import { nonlinearVerdict } from '../../experiments/nonlinearDiagram';
import { sgdEscapeMap } from '../../experiments/sgdEscape';
import { grokkingSeedStudy } from '../../experiments/grokkingSeeds';
import { paperProtocol } from '../../experiments/paperProtocol';
import { vaeSweep } from '../../experiments/vae';
import { reluLocalThreshold, smoothLocalThresholds } from '../../physics';
import type { JobResults } from './protocol';
import type { GrokkingSeedsJob, NonlinearStudyJob, PaperProtocolJob, SgdMapJob, VaeJob } from './studies';

function linearNet(spec: TeacherSpec, depth: number, width: number): NetSpec {
  return { inputDim: spec.inputDim, outputDim: spec.outputDim, hiddenWidths: Array<number>(depth).fill(width), activation: 'linear' };
}

type Progress = (fraction: number) => void;

export async function runNonlinear(createTrainer: TrainerFactory, job: NonlinearStudyJob, onProgress: Progress): Promise<JobResults['nonlinear']> {
  const data = makeTeacherDataset(job.data);
  const eta = data.syxSvd.values[0];
  const localThreshold =
    job.activation === 'relu'
      ? reluLocalThreshold(data.trainX, data.trainY, data.trainSize, data.inputDim, data.outputDim).gamma
      : smoothLocalThresholds(job.activation, [eta])[0];
  const diagrams = await phaseDiagram(createTrainer, {
    depths: job.depths,
    gammas: job.gammas,
    data,
    width: job.width,
    lr: job.lr,
    chunk: 250,
    tolerance: job.tolerance,
    maxSteps: job.maxSteps,
    activation: job.activation,
    onProgress,
  });
  return { activation: job.activation, eta, localThreshold, diagrams, verdicts: diagrams.map((d) => nonlinearVerdict(d)) };
}

export function runSgdMap(createTrainer: TrainerFactory, job: SgdMapJob, onProgress: Progress): Promise<JobResults['sgd-map']> {
  const { kind: _kind, data, depth, width, ...settings } = job;
  return sgdEscapeMap(createTrainer, { ...settings, net: linearNet(data, depth, width), data: makeTeacherDataset(data), onProgress });
}

export function runGrokkingSeeds(createTrainer: TrainerFactory, job: GrokkingSeedsJob, onProgress: Progress): Promise<JobResults['grokking-seeds']> {
  const { kind: _kind, data, depth, width, ...settings } = job;
  return grokkingSeedStudy(createTrainer, {
    ...settings,
    net: linearNet(data, depth, width),
    dataFor: (seed) => makeTeacherDataset({ ...data, seed }),
    onProgress,
  });
}

export async function runPaperProtocol(createTrainer: TrainerFactory, job: PaperProtocolJob, onProgress: Progress): Promise<JobResults['paper-protocol']> {
  const { kind: _kind, data: spec, depth, width, runs, ...settings } = job;
  const data = makeTeacherDataset(spec);
  const out: JobResults['paper-protocol'] = [];
  for (const [i, run] of runs.entries()) {
    const result = await paperProtocol(createTrainer, {
      ...settings,
      ...run,
      net: linearNet(spec, depth, width),
      data,
      onProgress: (f) => onProgress((i + f) / runs.length),
    });
    out.push({ ...result, trapGamma: run.trapGamma });
  }
  return out;
}

export function runVae(job: VaeJob, onProgress: Progress): Promise<JobResults['vae']> {
  const n = job.studies.length;
  return Promise.resolve(job.studies.map((study, i) => vaeSweep({ ...study, onProgress: (f) => onProgress((i + f) / n) })));
}

type StudyRunners = {
  [K in 'nonlinear' | 'sgd-map' | 'grokking-seeds' | 'paper-protocol' | 'vae']: (
    job: Extract<NonlinearStudyJob | SgdMapJob | GrokkingSeedsJob | PaperProtocolJob | VaeJob, { kind: K }>,
    onProgress: Progress,
  ) => Promise<JobResults[K]>;
};

export function makeStudyRunners(createTrainer: TrainerFactory): StudyRunners {
  return {
    nonlinear: (job, onProgress) => runNonlinear(createTrainer, job, onProgress),
    'sgd-map': (job, onProgress) => runSgdMap(createTrainer, job, onProgress),
    'grokking-seeds': (job, onProgress) => runGrokkingSeeds(createTrainer, job, onProgress),
    'paper-protocol': (job, onProgress) => runPaperProtocol(createTrainer, job, onProgress),
    vae: (job, onProgress) => runVae(job, onProgress),
  };
}
