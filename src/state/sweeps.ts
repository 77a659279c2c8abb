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
import type { RampPoint } from '../experiments/rampLoop';
import {
  DEFAULT_SWEEPS_SETTINGS,
  SWEEP_STAGES,
  SWEEPS_GROUP,
  validateSettings,
  type SettingsMessages,
  type SWEEPS_ENTRIES,
  type SweepsSettings,
} from '../permalink/registry';

export { DEFAULT_SWEEPS_SETTINGS, type SweepsSettings } from '../permalink/registry';

/**
 * The Phase-diagrams stages, in run order, from the registry (a link names them:
 * `pd.stages=diagram,hysteresis`). Adding a stage = an entry in SWEEP_STAGES
 * (src/permalink/registry.ts), its outcome in StageOutcomes below, its runner in
 * panels/sweeps/stages.ts (STAGE_RUNNERS) and its section in panels/sweeps/SweepsView.tsx; the type
 * checker asks for each.
 */
export const STAGES = SWEEP_STAGES;

export type StageKey = keyof typeof STAGES;

export const STAGE_ORDER = Object.keys(STAGES) as StageKey[];

/** short names for the stage checkboxes */
export const STAGE_SHORT = Object.fromEntries(STAGE_ORDER.map((k) => [k, STAGES[k].short])) as Record<StageKey, string>;

export const STAGE_LABELS = Object.fromEntries(STAGE_ORDER.map((k) => [k, STAGES[k].label])) as Record<StageKey, string>;

/** the settings' types, ranges, defaults and link keys: SWEEPS_ENTRIES in src/permalink/registry.ts */
export type SweepsMessages = SettingsMessages<typeof SWEEPS_ENTRIES>;

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
  /** why a setting was changed on its way in (out of range, not a number), per registry key */
  messages: SweepsMessages;
  job: SweepsJobState;
  results: SweepsResults;
  /** a partial update through the registry's validation */
  update: (patch: Partial<SweepsSettings>) => void;
  /** replace every setting (a link), through the same validation */
  replaceSettings: (settings: SweepsSettings) => void;
  setJob: (patch: Partial<SweepsJobState>) => void;
  setResult: <K extends StageKey>(key: K, outcome: StageOutcomes[K]) => void;
}

export const useSweepsStore = create<SweepsStore>((set) => ({
  settings: DEFAULT_SWEEPS_SETTINGS,
  messages: {},
  job: { running: false, stage: null, progress: 0, error: null, log: [] },
  results: {},
  update: (patch) => set((s) => validateSettings(SWEEPS_GROUP, { ...s.settings, ...patch })),
  replaceSettings: (settings) => set(validateSettings(SWEEPS_GROUP, settings)),
  setJob: (patch) => set((s) => ({ job: { ...s.job, ...patch } })),
  setResult: (key, outcome) => set((s) => ({ results: { ...s.results, [key]: outcome } })),
}));
