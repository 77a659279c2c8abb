/**
 * Batch jobs (phase diagrams, sweeps, escape statistics) run in their own worker so the live lab
 * keeps training while a job computes. Types only: the main thread imports this without tfjs.
 * To add a job kind: its settings and result here, its runner in jobs/registry.ts.
 */
import type { TeacherSpec } from '../../data/types';
import type { DepthDiagram } from '../../experiments/phaseDiagram';
import type { SweepRun } from '../../experiments/sweep';
import type { EscapeRun } from '../../experiments/escape';
import type { TracedEscape } from '../../experiments/escapeTrace';
import type { GrokkingResult } from '../../experiments/grokking';
import type { EtaMapResult } from './etaMap';
import type { BackendChoice, BackendInfo } from '../protocol';

export interface PhaseDiagramJob {
  kind: 'phase-diagram';
  data: TeacherSpec;
  depths: number[];
  gammas: number[];
  width: number;
  lr: number;
  maxSteps: number;
}

export interface EscapeJob {
  kind: 'escape';
  data: TeacherSpec;
  depth: number;
  width: number;
  gamma: number;
  temperatures: number[];
  replicasPerTemperature: number;
  steps: number;
  lr: number;
  feature: number;
  threshold: number;
  learnedValues: number[];
  checkEvery: number;
  seed: number;
  noise?: { kind: 'langevin' } | { kind: 'sgd'; batchSize: number };
}

/** escape statistics plus snapshots of every replica's p (issue 5: dots on the landscape) */
export interface EscapeTraceJob extends Omit<EscapeJob, 'kind'> {
  kind: 'escape-trace';
  /** converge noise-free at this γ first (the trapped feature switches off), then drop to `gamma` */
  trapFrom?: { gamma: number; steps: number };
}

/** sparse sub-sampling "grokking" run (physics.md §5) */
export interface GrokkingJob {
  kind: 'grokking';
  data: TeacherSpec;
  depth: number;
  width: number;
  gamma: number;
  lr: number;
  steps: number;
  trapGamma: number;
  trapSteps: number;
  epsilon: number;
  feature: number;
  seed: number;
}

/** γ × η phase diagram at one depth: a single-feature dataset per η, learned and trivial starts (issue 4) */
export interface EtaMapJob {
  kind: 'eta-map';
  /** single-feature base dataset; its spectrum is replaced by [η] per row */
  data: TeacherSpec;
  depth: number;
  etas: number[];
  gammas: number[];
  width: number;
  lr: number;
  maxSteps: number;
}

/** hysteresis loop at a finite ramp rate with a tiny kick at every γ increment (see jobs/rampLoop.ts) */
export interface RampLoopJob {
  kind: 'ramp-loop';
  data: TeacherSpec;
  depth: number;
  gammas: number[];
  width: number;
  lr: number;
  stepsPerGamma: number;
  /** perturbation scale added at every γ increment (1e-4) */
  kick: number;
  seed: number;
}

export type Job = PhaseDiagramJob | EscapeJob | EscapeTraceJob | GrokkingJob | EtaMapJob | RampLoopJob;

export interface JobResults {
  'phase-diagram': DepthDiagram[];
  escape: EscapeRun[];
  'escape-trace': TracedEscape;
  grokking: GrokkingResult;
  'eta-map': EtaMapResult;
  'ramp-loop': SweepRun[];
}

export type JobResult<J extends Job> = JobResults[J['kind']];

export interface JobsApi {
  init(backend: BackendChoice): Promise<BackendInfo>;
  run<J extends Job>(job: J, onProgress: (fraction: number) => void): Promise<{ result: JobResult<J>; seconds: number; backend: string }>;
}
