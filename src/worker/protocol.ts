/**
 * The typed protocol between the main thread and the training worker.
 * Main thread → worker: Comlink calls on `TrainingApi`.
 * Worker → main thread: events through one Comlink.proxy callback (`WorkerEvent`).
 * This file holds types only, so the main thread can import it without pulling tfjs.
 */
import type { Activation, OptimizerKind, Weights } from '../engine/types';
import type { TeacherSpec } from '../data/types';
import type { SampleOverlay } from '../physics/sampleOverlay';

import type { BackendChoice, BackendName, EngineId, EngineMeasurement } from './engines';
export type { BackendChoice, BackendName, EngineId, EngineMeasurement } from './engines';

/** how playing runs: 'slow' = `stepsPerSecond` steps a second, 'fast' = as fast as possible (step(n) is separate) */
export interface Speed {
  mode: 'slow' | 'fast';
  stepsPerSecond: number;
}

/** Everything that defines a run; changing any of it rebuilds data and trainers (a reset). */
export interface RunSetup {
  /** one trainer per depth (compare mode runs [1, 2, 3] side by side on the same data) */
  depths: number[];
  width: number;
  activation: Activation;
  data: TeacherSpec;
  optimizer: OptimizerKind;
  batchSize: number;
  lr: number;
  gamma: number;
  temperature: number;
  seed: number;
  /** entries of W_l ~ initScale·N(0,1)/sqrt(in) */
  initScale: number;
}

export interface BackendInfo {
  /** the tfjs backend active in the worker */
  backend: BackendName;
  /** the engine that trains (absent until the first workload was measured) */
  engine?: EngineId;
  /** why that engine: the user's choice, or the measured rates */
  reason: string;
  /** steps/s of each candidate on the workload, as measured (or cached) */
  measured?: EngineMeasurement[];
  /** the workload key and device key the measurement is cached under */
  workload?: string;
  deviceKey?: string;
}

/** what the main thread passes at init: this device's cached measurements, engines to avoid */
export interface EngineInitOptions {
  exclude?: EngineId[];
  measurements?: Record<string, EngineMeasurement[]>;
}

/** Facts about the dataset in use, for the theory overlays (docs/physics.md §2: empirical moments). */
export interface DatasetInfo {
  /** singular values of the empirical training Σyx, descending */
  singularValues: number[];
  /** a_k = v_kᵀ Σxx v_k per feature */
  inputStrength: number[];
  trainSize: number;
  testSize: number;
}

/** Metrics of one trainer (one depth) at one instant. */
export interface RunMetrics {
  depth: number;
  step: number;
  /** data term (1/N) Σ ‖y − f(x)‖² on the training set */
  trainLoss: number;
  /** data term + γ‖θ‖², the loss being minimised */
  totalLoss: number;
  testLoss: number;
  penalty: number;
  normSq: number;
  /** order parameter p_k per teacher feature */
  overlaps: Float32Array;
  singularValues: Float32Array;
  layerNormSq: Float32Array;
}

export interface Snapshot {
  /** the id passed to the configure() these metrics belong to (drop stale ones after a reset) */
  setupId: number;
  /** worker clock (performance.now()) when the metrics were read back */
  time: number;
  /** γ every trainer used for the chunk behind these metrics */
  gamma: number;
  /** id of the last setGamma command applied before that chunk (latency measurements) */
  gammaCommandId: number;
  running: boolean;
  /** optimizer steps per second over the last snapshot interval (of one trainer) */
  stepsPerSecond: number;
  runs: RunMetrics[];
}

export interface LossSlice {
  /** grid coordinates along the two directions */
  alphas: Float32Array;
  betas: Float32Array;
  /** total loss, row-major [betas.length × alphas.length] */
  loss: Float32Array;
  gamma: number;
  depth: number;
  /** 'current': through θ = 0 and the current weights (α = 1); 'teacher': θ ≈ 0, so along the teacher direction */
  plane: 'current' | 'teacher';
  /** how the plane was chosen, for the chart's caption */
  description: string;
}

export type FaultKind = 'diverged' | 'backend-lost' | 'fatal';

export type WorkerEvent =
  | { type: 'backend'; info: BackendInfo }
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'state'; running: boolean }
  | { type: 'fault'; kind: FaultKind; message: string; hint: string };

export interface TrainingApi {
  init(backend: BackendChoice, onEvent: (e: WorkerEvent) => void, options?: EngineInitOptions): Promise<BackendInfo>;
  /** `firstStep`: continue the step count from there (a restart of the same run); omitted = 0 */
  configure(setup: RunSetup, setupId: number, firstStep?: number): Promise<DatasetInfo>;
  play(): void;
  pause(): void;
  step(n: number): Promise<void>;
  reset(): Promise<void>;
  setGamma(gamma: number, commandId: number): void;
  setTemperature(t: number): void;
  setLearningRate(lr: number): void;
  setSpeed(speed: Speed): void;
  /** weights of every trainer (one replica each), outer index = trainer */
  getWeights(): Promise<Weights[]>;
  setWeights(weights: Weights[]): Promise<void>;
  requestSlice(trainerIndex: number, resolution: number): Promise<LossSlice | null>;
  /** throw an uncaught error inside the worker (tests of the crash → respawn path) */
  crashForTesting(): void;
}

/**
 * The live lab's theory worker (worker/theory.worker.ts): what it is asked for and what it sends back,
 * once per dataset and depth set (docs/physics.md §2 exact sample theory, §6 ReLU threshold).
 */
export interface LiveTheoryRequest {
  /** which setup this belongs to (state/sampleTheory.ts drops results for any other key) */
  key: string;
  data: TeacherSpec;
  depths: number[];
  activation: Activation;
}

/** per trained depth: the exact sample theory's branches and thresholds (physics/sampleOverlay.ts) */
export interface LiveDepthTheory {
  depth: number;
  overlay: SampleOverlay;
}

export interface LiveTheoryResult {
  key: string;
  /** linear net on non-whitened data: the exact theory of this sample, per depth */
  exact: LiveDepthTheory[] | null;
  /** relu net: the D = 1 local threshold max_û ‖E[y·relu(ûᵀx)]‖ on this sample */
  reluThreshold: number | null;
  /** wall time of the computation inside the worker */
  computeMs: number;
}
