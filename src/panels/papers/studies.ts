/**
 * The Papers view's studies: the jobs each Reproduce button runs, sized to finish in about 10–15 s in
 * a browser on 2 cores, and what the full run (the CLI's or the paper's size) is. Pure: no worker.
 */
import { defaultSingleFeature, ersoyWiesnerPreset, sparseGrokkingPreset } from '../../data/presets';
import type { Job, JobResults, PhaseDiagramJob } from '../../worker/jobs/protocol';
import type { GrokkingSeedsJob, NonlinearStudyJob, PaperProtocolJob, SgdMapJob, VaeJob } from '../../worker/jobs/studies';
import type { StudyKey, StudyResults } from '../../papers/measure';
import { makeTeacherDataset } from '../../data';
import { sampleTheory } from '../../physics';

export interface Study<K extends StudyKey> {
  key: K;
  /** the button's label */
  label: string;
  jobs: Job[];
  /** the study's result from its jobs' results, in order */
  combine(results: unknown[]): StudyResults[K];
  /** what the app runs by default, in words */
  size: string;
  /** null when the app runs the full size; else how to get it */
  fullRun: { what: string; command: string } | null;
}

const grid = (from: number, to: number, count: number) =>
  Array.from({ length: count }, (_, i) => Number((from + ((to - from) * i) / (count - 1)).toPrecision(6)));

/** one feature η = 1 (whitened), D = 1 and 2, 48 γ, both starts */
export function zuDiagramJob(): PhaseDiagramJob {
  return { kind: 'phase-diagram', data: defaultSingleFeature(1), depths: [1, 2], gammas: grid(0.025, 1.2, 48), width: 4, lr: 0.1, maxSteps: 20_000 };
}

/** one feature η = 0.8, D = 2, both starts, a fine grid around its equal-loss point */
export function equalLossJob(): PhaseDiagramJob {
  return {
    kind: 'phase-diagram',
    data: { ...defaultSingleFeature(1), spectrum: [0.8] },
    depths: [2],
    gammas: grid(0.2, 0.4, 41),
    width: 4,
    lr: 0.1,
    maxSteps: 20_000,
  };
}

/** the upward sweep of fig. 3: the learned start at each γ (γ = 0.001 for the Bayes floor), 2-10-10-2 on 512 samples */
export function ewSweepJob(): PhaseDiagramJob {
  return {
    kind: 'phase-diagram',
    data: ersoyWiesnerPreset(1),
    depths: [2],
    gammas: [0.001, ...grid(0.2, 0.5, 61)],
    width: 10,
    lr: 0.1,
    maxSteps: 20_000,
    learnedOnly: true,
  };
}

export const NONLINEAR_APP = { samples: 128, points: 24, steps: 2000 };

export function nonlinearJob(activation: 'tanh' | 'relu', size = NONLINEAR_APP): NonlinearStudyJob {
  return {
    kind: 'nonlinear',
    data: { inputDim: 5, outputDim: 1, spectrum: [1], labelNoise: 0, trainSize: size.samples, testSize: 64, whiten: true, seed: 3 },
    activation,
    depths: [1, 2, 3],
    gammas: Array.from({ length: size.points }, (_, i) => Number(((1.2 * (i + 1)) / size.points).toPrecision(6))),
    width: 4,
    lr: 0.1,
    maxSteps: size.steps,
    tolerance: 1e-5,
  };
}

export const SGD_MAP_APP = { fractions: [0, 0.9, 1.02], lrOverB: [0.08 / 64, 0.08 / 4], replicas: 32, steps: 1000 };

export function sgdMapJob(size = SGD_MAP_APP): SgdMapJob {
  const lr = 0.08;
  return {
    kind: 'sgd-map',
    data: { ...ersoyWiesnerPreset(1), whiten: true },
    depth: 2,
    width: 10,
    gamma: 0.25,
    lr,
    fractions: size.fractions,
    batches: size.lrOverB.map((x) => Math.round(lr / x)),
    replicas: size.replicas,
    steps: size.steps,
    checkEvery: 10,
    feature: 1,
    seed: 1,
    langevin: true,
  };
}

/** fig. 2a: noise-free GD at γ = 0.32 from the weak mode at f × the saddle of the whitened 512-sample draw */
export const SADDLE_FRACTIONS = [0.25, 0.5, 0.75, 0.9, 0.97, 1.03, 1.1, 1.5, 2, 3];

export function saddleJob(): SgdMapJob {
  return { ...sgdMapJob({ fractions: SADDLE_FRACTIONS, lrOverB: [], replicas: 1, steps: 6000 }), gamma: 0.32, langevin: false };
}

export const GROKKING_APP = { seeds: 20, steps: 20_000 };

export function grokkingSeedsJob(size = GROKKING_APP): GrokkingSeedsJob {
  return {
    kind: 'grokking-seeds',
    data: sparseGrokkingPreset(1),
    depth: 2,
    width: 10,
    seeds: Array.from({ length: size.seeds }, (_, i) => 1 + i),
    gamma: 0.0025,
    lr: 0.05,
    steps: size.steps,
    trapGamma: 0.38,
    trapSteps: 2000,
    epsilon: 0.01,
    feature: 1,
    gammaZeroTwin: true,
  };
}

export const PROTOCOL_APP = { replicas: 4, trapEpochs: 200, epochs: 300 };

export function paperProtocolJob(size = PROTOCOL_APP): PaperProtocolJob {
  return {
    kind: 'paper-protocol',
    data: ersoyWiesnerPreset(1),
    depth: 2,
    width: 10,
    runs: [
      { convention: 'ours', trapGamma: 0.361 },
      { convention: 'pytorch', trapGamma: 0.361 },
      { convention: 'ours', trapGamma: 0.43 },
      { convention: 'pytorch', trapGamma: 0.43 },
    ],
    lr: 0.08,
    batch: 64,
    trapEpochs: size.trapEpochs,
    gamma: 0.32,
    epochs: size.epochs,
    replicas: size.replicas,
    seed: 1,
  };
}

/** the CLI's `lab vae` defaults: η from 0.1 to 1.2 (λ = 1), 45 points, per-layer seed 0.01 for the way back */
export function vaeJob(points = 45): VaeJob {
  const values = grid(0.1, 1.2, points);
  const train = { lr: 0.2, maxSteps: 400_000, tolerance: 1e-11 };
  const study = (depth: number, gamma: number) => ({ depth, lambda: 1, sweep: 'eta' as const, values, fixed: gamma, train, seedSize: 0.01 });
  return { kind: 'vae', studies: [study(1, 0), study(2, 0.05), study(3, 0.05)] };
}

const only = <T>(results: unknown[]) => results[0] as T;

export const STUDIES: { [K in StudyKey]: () => Study<K> } = {
  'zu-diagram': () => ({
    key: 'zu-diagram',
    label: 'Reproduce: D = 1 and D = 2 from both starts',
    jobs: [zuDiagramJob()],
    combine: (results) => only<JobResults['phase-diagram']>(results).diagrams,
    size: '48 γ × 2 starts × D = 1, 2, width 4, full-batch GD to convergence (≤ 20 000 steps)',
    fullRun: null,
  }),
  'zu-nonlinear': () => ({
    key: 'zu-nonlinear',
    label: 'Reproduce: tanh and relu, D = 1, 2, 3',
    jobs: [nonlinearJob('tanh'), nonlinearJob('relu')],
    combine: (results) => results as JobResults['nonlinear'][],
    size: `${NONLINEAR_APP.points} γ × 2 starts × D = 1, 2, 3 per activation, ${NONLINEAR_APP.samples} samples, ≤ ${NONLINEAR_APP.steps} steps`,
    fullRun: { what: 'the CLI runs 48 γ on 256 samples for up to 6 000 steps', command: 'npm run lab -- nonlinear --activation relu (and --activation tanh)' },
  }),
  'zu-vae': () => ({
    key: 'zu-vae',
    label: 'Reproduce: linear VAE, depth 1, 2, 3',
    jobs: [vaeJob()],
    combine: only<JobResults['vae']>,
    size: '45 η from 0.1 to 1.2 (λ = 1), both directions, depth 1 at γ = 0 and depths 2, 3 at γ = 0.05; float64 GD to |∇| < 1e-11',
    fullRun: null,
  }),
  'ew-equal-loss': () => ({
    key: 'ew-equal-loss',
    label: 'Reproduce: learned vs trivial losses, η = 0.8',
    jobs: [equalLossJob()],
    combine: (results) => only<JobResults['phase-diagram']>(results).diagrams,
    size: '41 γ from 0.2 to 0.4 × 2 starts, one whitened feature η = 0.8, D = 2',
    fullRun: null,
  }),
  'ew-protocol': () => ({
    key: 'ew-protocol',
    label: 'Reproduce: the fig. 1a protocol (SGD, batch 64, lr 0.08)',
    jobs: [paperProtocolJob()],
    combine: only<JobResults['paper-protocol']>,
    size: `${PROTOCOL_APP.replicas} replicas per trap and convention, ${PROTOCOL_APP.trapEpochs} trap epochs, then ${PROTOCOL_APP.epochs} epochs at γ = 0.32`,
    fullRun: { what: 'the paper watched ~5 500 epochs', command: 'npm run lab -- paper-protocol --replicas 16 --epochs 5500' },
  }),
  'ew-grokking': () => ({
    key: 'ew-grokking',
    label: 'Reproduce: 20 seeds with γ = 0 twins',
    jobs: [grokkingSeedsJob()],
    combine: only<JobResults['grokking-seeds']>,
    size: `${GROKKING_APP.seeds} seeds × (trap + run + γ = 0 twin), ${GROKKING_APP.steps} steps after the trap`,
    fullRun: null,
  }),
  'ew-saddle': () => ({
    key: 'ew-saddle',
    label: 'Reproduce: bracket the saddle with noise-free GD',
    jobs: [saddleJob()],
    combine: only<JobResults['sgd-map']>,
    size: `plain GD at γ = 0.32 from the weak feature at f × its saddle, f = ${SADDLE_FRACTIONS.join(', ')}, up to 6 000 steps each (2-10-10-2, 512 whitened samples)`,
    fullRun: null,
  }),
  'ew-sgd-map': () => ({
    key: 'ew-sgd-map',
    label: 'Reproduce: SGD escape map beside Langevin',
    jobs: [sgdMapJob()],
    combine: only<JobResults['sgd-map']>,
    size: `f = ${SGD_MAP_APP.fractions.join(', ')} × lr/B = ${SGD_MAP_APP.lrOverB.map((x) => x.toPrecision(3)).join(', ')}, ${SGD_MAP_APP.replicas} replicas, ${SGD_MAP_APP.steps} steps`,
    fullRun: { what: 'the CLI maps f = 0, 0.5, 0.7, 0.9, 1.02 × 4 values of lr/B with 64 replicas for 2 000 steps', command: 'npm run lab -- sgd-map' },
  }),
  'ew-sweep': () => ({
    key: 'ew-sweep',
    label: 'Reproduce: the upward sweep (2-10-10-2, 512 samples)',
    jobs: [ewSweepJob()],
    combine: (results) => {
      // the exact theory of the very sample the sweep ran on (joint stationarity, float64; well under a second)
      const data = makeTeacherDataset(ewSweepJob().data);
      const theory = sampleTheory({ inputDim: data.inputDim, outputDim: data.outputDim, sxx: data.train.sxx, syx: data.train.syx }, 2, { gridPoints: 32 });
      return { diagrams: only<JobResults['phase-diagram']>(results).diagrams, sample: { eta: data.syxSvd.values, a: data.inputStrength, theory } };
    },
    size: 'γ = 0.001 and 61 γ from 0.2 to 0.5 (step 0.005), each from the learned start, full-batch GD to convergence',
    fullRun: null,
  }),
};
