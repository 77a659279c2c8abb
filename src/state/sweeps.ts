/**
 * The sweeps view's store (issue 4): job settings, the running job's progress, and the finished
 * results, kept here so switching views does not recompute them. Results are plain data from the
 * jobs worker, each stored with the settings it was computed with.
 */
import { create } from 'zustand';
import type { TeacherSpec } from '../data/types';
import type { EmpiricalModes } from '../data/empiricalModes';
import type { DepthDiagram } from '../experiments/phaseDiagram';
import type { SweepRun } from '../experiments/sweep';
import type { EtaMapResult } from '../experiments/etaMap';
import type { SpectrumChoice } from '../data/presets';
import type { RampPoint } from '../experiments/rampLoop';

/**
 * The Phase-diagrams stages, in run order: the one list of their names. Adding a stage = an entry
 * here, its outcome in StageOutcomes below, its runner in panels/sweeps/stages.ts (STAGE_RUNNERS)
 * and its section in panels/sweeps/SweepsView.tsx; the type checker asks for each.
 */
export const STAGES = {
  diagram: { short: 'phase diagram', label: 'phase diagram (γ × depth × 2 starts)' },
  hysteresis: { short: 'loop', label: 'hysteresis loop (quasi-static, up then down)' },
  ramp: { short: 'ramp rates', label: 'loop area vs ramp rate' },
  'eta-map': { short: 'γ × η map', label: 'γ × η phase diagram' },
  cascade: { short: 'cascade', label: 'feature cascade' },
} as const satisfies Record<string, { short: string; label: string }>;

export type StageKey = keyof typeof STAGES;

export const STAGE_ORDER = Object.keys(STAGES) as StageKey[];

/** short names for the stage checkboxes */
export const STAGE_SHORT = Object.fromEntries(STAGE_ORDER.map((k) => [k, STAGES[k].short])) as Record<StageKey, string>;

export const STAGE_LABELS = Object.fromEntries(STAGE_ORDER.map((k) => [k, STAGES[k].label])) as Record<StageKey, string>;

export interface SweepsSettings {
  /** which sections "Run" computes */
  stages: StageKey[];
  depths: number[];
  spectrum: SpectrumChoice;
  gammaMin: number;
  gammaMax: number;
  points: number;
  /** hidden width; raised to the preset's need (≥ features; 10 for Ersoy–Wiesner) */
  width: number;
  lr: number;
  hysteresisDepth: number;
  /** steps per γ increment of the displayed loop */
  hysteresisSteps: number;
  rampSteps: number[];
  cascadePreset: 'cascade' | 'ersoy-wiesner';
  cascadeDepth: number;
  mapDepth: number;
  etaMin: number;
  etaMax: number;
  etaCount: number;
  etaGammaCount: number;
}

export const DEFAULT_SWEEPS_SETTINGS: SweepsSettings = {
  stages: [...STAGE_ORDER],
  depths: [1, 2, 3],
  spectrum: { preset: 'single', eta: 1 },
  gammaMin: 0.005,
  gammaMax: 1.2,
  points: 256,
  width: 4,
  lr: 0.1,
  hysteresisDepth: 2,
  hysteresisSteps: 200,
  rampSteps: [20, 50, 200, 1000],
  cascadePreset: 'cascade',
  cascadeDepth: 2,
  mapDepth: 2,
  etaMin: 0.2,
  etaMax: 1.2,
  etaCount: 24,
  etaGammaCount: 64,
};

/** how a finished job ran: "768 replicas in 1.6 s on wasm" */
export interface JobInfo {
  replicas: string;
  seconds: number;
  backend: string;
}

/** the data and net a result was computed with */
export interface RunContext {
  spec: TeacherSpec;
  width: number;
  lr: number;
  gammas: number[];
}

export interface DiagramOutcome extends RunContext {
  kind: 'diagram';
  diagrams: DepthDiagram[];
  /** of the training set, computed in the jobs worker */
  modes: EmpiricalModes;
  info: JobInfo;
}

export interface HysteresisOutcome extends RunContext {
  kind: 'hysteresis';
  depth: number;
  /** of the training set (computed on the main thread once per spec: the job's γ grid needs them first) */
  modes: EmpiricalModes;
  stepsPerGamma: number;
  runs: SweepRun[];
  info: JobInfo;
}

export interface RampOutcome extends RunContext {
  kind: 'ramp';
  depth: number;
  points: RampPoint[];
  info: JobInfo;
}

export interface EtaMapOutcome extends RunContext {
  kind: 'eta-map';
  result: EtaMapResult;
  info: JobInfo;
}

export interface CascadeOutcome extends RunContext {
  kind: 'cascade';
  depth: number;
  diagram: DepthDiagram;
  /** of the training set, computed in the jobs worker */
  modes: EmpiricalModes;
  info: JobInfo;
}

/** what each stage files in the store */
export interface StageOutcomes {
  diagram: DiagramOutcome;
  hysteresis: HysteresisOutcome;
  ramp: RampOutcome;
  'eta-map': EtaMapOutcome;
  cascade: CascadeOutcome;
}

export type SweepsResults = { [K in StageKey]?: StageOutcomes[K] };

export interface SweepsJobState {
  running: boolean;
  stage: StageKey | null;
  /** overall fraction of the queued stages */
  progress: number;
  error: string | null;
  /** finished stages of the last run, in order */
  log: Array<{ stage: StageKey; info: JobInfo }>;
}

interface SweepsStore {
  settings: SweepsSettings;
  job: SweepsJobState;
  results: SweepsResults;
  update: (patch: Partial<SweepsSettings>) => void;
  setJob: (patch: Partial<SweepsJobState>) => void;
  setResult: <K extends StageKey>(key: K, outcome: StageOutcomes[K]) => void;
}

export const useSweepsStore = create<SweepsStore>((set) => ({
  settings: DEFAULT_SWEEPS_SETTINGS,
  job: { running: false, stage: null, progress: 0, error: null, log: [] },
  results: {},
  update: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
  setJob: (patch) => set((s) => ({ job: { ...s.job, ...patch } })),
  setResult: (key, outcome) => set((s) => ({ results: { ...s.results, [key]: outcome } })),
}));
