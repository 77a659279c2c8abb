/**
 * Batch jobs (phase diagrams, sweeps, escape statistics) run in their own worker so the live lab
 * keeps training while a job computes. Types only: the main thread imports this without tfjs.
 * To add a job kind: its settings and result here, its runner in jobs/registry.ts.
 */
import type { TeacherSpec } from '../../data/types';
import type { PhaseDiagramResult } from '../../experiments/phaseDiagram';
import type { SweepRun } from '../../experiments/sweep';
import type { EscapeRun, EscapeSettings } from '../../experiments/escape';
import type { TracedEscape } from '../../experiments/escapeTrace';
import type { GrokkingResult, GrokkingSettings } from '../../experiments/grokking';
import type { EtaMapResult, EtaMapSettings } from '../../experiments/etaMap';
import type { RampLoopSettings } from '../../experiments/rampLoop';
import type { BackendChoice, BackendInfo } from '../protocol';
import type { NonlinearStudyJob, NonlinearStudyResult, SgdMapJob, GrokkingSeedsJob, PaperProtocolJob, PaperProtocolRun, VaeJob } from './studies';
import type { SgdMap } from '../../experiments/sgdEscape';
import type { GrokkingSeedSummary } from '../../experiments/grokkingSeeds';
import type { VaeSweep } from '../../experiments/vae';

export interface PhaseDiagramJob {
  kind: 'phase-diagram';
  data: TeacherSpec;
  depths: number[];
  gammas: number[];
  width: number;
  lr: number;
  maxSteps: number;
  /** converged when no order parameter moves more than this over 250 steps (default 1e-4; 0 = run maxSteps) */
  tolerance?: number;
  /** one replica per γ (learned start only): the benchmarks' sequential baseline */
  learnedOnly?: boolean;
}

/**
 * A job for an experiment that trains one linear net architecture on one dataset: the worker builds
 * the net and the dataset from these fields; every other field is the experiment's own setting.
 */
export type NetJob<K extends string, Settings> = { kind: K; data: TeacherSpec; depth: number; width: number } & Omit<Settings, 'net' | 'data' | 'onProgress'>;

export type EscapeJob = NetJob<'escape', EscapeSettings>;
/** escape statistics plus snapshots of every replica's p (issue 5: dots on the landscape) */
export type EscapeTraceJob = NetJob<'escape-trace', EscapeSettings>;
/** sparse sub-sampling "grokking" run (physics.md §5) */
export type GrokkingJob = NetJob<'grokking', GrokkingSettings>;
/** hysteresis loops at finite ramp rates (one per steps-per-γ, one batch) with a tiny kick at every γ increment (experiments/rampLoop.ts) */
export type RampLoopJob = NetJob<'ramp-loop', RampLoopSettings>;
/** γ × η phase diagram at one depth: a single-feature dataset per η, learned and trivial starts (issue 4) */
export type EtaMapJob = { kind: 'eta-map' } & Omit<EtaMapSettings, 'onProgress'>;

export type Job = PhaseDiagramJob | EscapeJob | EscapeTraceJob | GrokkingJob | EtaMapJob | RampLoopJob | StudyJob;

/** the papers' studies (Papers view; the same experiments as lab nonlinear, sgd-map, grokking, paper-protocol, vae) */
export type StudyJob = NonlinearStudyJob | SgdMapJob | GrokkingSeedsJob | PaperProtocolJob | VaeJob;

export interface JobResults {
  /** the diagrams per depth, with the dataset's empirical modes (built in the worker: the main thread need not rebuild it) */
  'phase-diagram': PhaseDiagramResult;
  escape: EscapeRun[];
  'escape-trace': TracedEscape;
  grokking: GrokkingResult;
  'eta-map': EtaMapResult;
  /** [up, down] per ramp rate */
  'ramp-loop': SweepRun[][];
  nonlinear: NonlinearStudyResult;
  'sgd-map': SgdMap;
  'grokking-seeds': GrokkingSeedSummary;
  'paper-protocol': PaperProtocolRun[];
  /** one sweep per study, in the job's order */
  vae: VaeSweep[];
}

export type JobResult<J extends Job> = JobResults[J['kind']];

/** A finished job, tagged with the run id the client gave it (stale answers are dropped). */
export interface JobOutcome<J extends Job> {
  runId: number;
  result: JobResult<J>;
  seconds: number;
  backend: string;
}

export interface JobsApi {
  init(backend: BackendChoice): Promise<BackendInfo>;
  /** every progress message carries `runId`, so the client can drop those of a cancelled run */
  run<J extends Job>(job: J, runId: number, onProgress: (runId: number, fraction: number) => void): Promise<JobOutcome<J>>;
}
