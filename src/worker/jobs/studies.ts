/**
 * The papers' studies as batch jobs (the Papers view): the experiments behind `lab nonlinear`,
 * `lab sgd-map`, `lab grokking`, `lab paper-protocol` and `lab vae`, with the fields a worker needs
 * to rebuild them (datasets travel as their TeacherSpec). Types only: the main thread imports this.
 */
import type { TeacherSpec } from '../../data/types';
import type { DepthDiagram } from '../../experiments/phaseDiagram';
import type { NonlinearVerdict } from '../../experiments/nonlinearDiagram';
import type { SgdMapSettings } from '../../experiments/sgdEscape';
import type { GrokkingSeedSettings } from '../../experiments/grokkingSeeds';
import type { Convention, PaperProtocolResult, PaperProtocolSettings } from '../../experiments/paperProtocol';
import type { VaeSweepSettings } from '../../experiments/vae';
import type { NetJob } from './protocol';

/** measured phase diagram of a tanh or relu net from both starts (lab nonlinear) */
export interface NonlinearStudyJob {
  kind: 'nonlinear';
  data: TeacherSpec;
  activation: 'tanh' | 'relu';
  depths: number[];
  gammas: number[];
  width: number;
  lr: number;
  maxSteps: number;
  /** converged when no order parameter moves more than this over 250 steps */
  tolerance: number;
}

export interface NonlinearStudyResult {
  activation: 'tanh' | 'relu';
  /** η̂ of the sample (the strongest singular value of Σyx) */
  eta: number;
  /** γ where the trivial state of D = 1 loses stability (tanh: κ‖Σyx‖; relu: the sample maximisation) */
  localThreshold: number;
  diagrams: DepthDiagram[];
  /** read off each depth's diagram (experiments/nonlinearDiagram.ts) */
  verdicts: NonlinearVerdict[];
}

/** escape fraction and times over (start fraction f, lr/B), SGD beside GD and matched Langevin (lab sgd-map) */
export type SgdMapJob = NetJob<'sgd-map', SgdMapSettings>;

/** grokking over seeds, each seed's sample `{ ...data, seed }` (lab grokking) */
export type GrokkingSeedsJob = { kind: 'grokking-seeds'; data: TeacherSpec; depth: number; width: number } & Omit<
  GrokkingSeedSettings,
  'net' | 'dataFor' | 'onProgress'
>;

/** the Ersoy–Wiesner fig. 1a protocol, one run per (convention, trap γ) (lab paper-protocol) */
export type PaperProtocolJob = {
  kind: 'paper-protocol';
  data: TeacherSpec;
  depth: number;
  width: number;
  runs: { convention: Convention; trapGamma: number }[];
} & Omit<PaperProtocolSettings, 'net' | 'data' | 'onProgress' | 'convention' | 'trapGamma'>;

export type PaperProtocolRun = PaperProtocolResult & { trapGamma: number };

/** linear-VAE collapse sweeps, one per study (lab vae); float64, no engine */
export interface VaeJob {
  kind: 'vae';
  studies: Omit<VaeSweepSettings, 'onProgress'>[];
}
