/**
 * Batch jobs (phase diagrams, sweeps, escape statistics) run in their own worker so the live lab
 * keeps training while a job computes. Types only: the main thread imports this without tfjs.
 * To add a job kind: its settings and result here, its runner in jobs/registry.ts.
 */
import type { TeacherSpec } from '../../data/types';
import type { DepthDiagram } from '../../experiments/phaseDiagram';
import type { SweepRun } from '../../experiments/sweep';
import type { EscapeRun } from '../../experiments/escape';
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

export interface HysteresisJob {
  kind: 'hysteresis';
  data: TeacherSpec;
  depth: number;
  gammas: number[];
  width: number;
  lr: number;
  /** optimizer steps per γ increment: the ramp rate is 1 / stepsPerGamma */
  stepsPerGamma: number;
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

export type Job = PhaseDiagramJob | HysteresisJob | EscapeJob;

export interface JobResults {
  'phase-diagram': DepthDiagram[];
  hysteresis: SweepRun[];
  escape: EscapeRun[];
}

export type JobResult<J extends Job> = JobResults[J['kind']];

export interface JobsApi {
  init(backend: BackendChoice): Promise<BackendInfo>;
  run<J extends Job>(job: J, onProgress: (fraction: number) => void): Promise<{ result: JobResult<J>; seconds: number; backend: string }>;
}
