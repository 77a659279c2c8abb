/**
 * The escape & grokking lab's store (issue 5): settings, job progress and results, kept across view
 * switches. Results are plain data (no tensors) returned by the jobs worker.
 */
import { create } from 'zustand';
import type { TracedEscape } from '../experiments/escapeTrace';
import type { GrokkingResult } from '../experiments/grokking';
import {
  DEFAULT_ESCAPE_SETTINGS,
  ESCAPE_GROUP,
  validateSettings,
  type ESCAPE_ENTRIES,
  type EscapeLabSettings,
  type SettingsMessages,
  type TrapMode,
} from '../permalink/registry';

// the settings' types, ranges, defaults (per preset) and link keys: ESCAPE_ENTRIES in src/permalink/registry.ts
export { ESCAPE_PRESET_SETTINGS, DEFAULT_ESCAPE_SETTINGS, type EscapeLabSettings, type EscapePresetKey, type TrapMode } from '../permalink/registry';
export type EscapeMessages = SettingsMessages<typeof ESCAPE_ENTRIES>;

/** what a finished escape job was run with (what the charts need to interpret it) */
export interface EscapeJobMeta {
  depth: number;
  width: number;
  gamma: number;
  eta: number;
  a: number;
  feature: number;
  learnedRank: number;
  threshold: number;
  /** exact barrier out of the trap (sample moments) */
  barrier: number;
  steps: number;
  lr: number;
  replicas: number;
  noise: 'langevin' | 'sgd';
  batchSize?: number;
  trapMode: TrapMode;
  trapGamma?: number;
  seconds: number;
  backend: string;
}

export interface EscapeOutcome {
  meta: EscapeJobMeta;
  result: TracedEscape;
}

export interface JobState {
  running: boolean;
  label: string;
  progress: number;
  error: string | null;
}

export interface GrokkingOutcome {
  result: GrokkingResult;
  epsilon: number;
  seconds: number;
}

/** the grokking runs: the sparse plateau, the same at γ = 0 (no saddle), a seed too small to escape, the dense contrast */
export const GROKKING_KINDS = ['sparse', 'zero-gamma', 'tiny', 'dense'] as const;
export type GrokkingKind = (typeof GROKKING_KINDS)[number];

export interface EscapeStore {
  settings: EscapeLabSettings;
  /** why a setting was changed on its way in (out of range, not a number), per registry key */
  messages: EscapeMessages;
  job: JobState;
  langevin: EscapeOutcome | null;
  control: EscapeOutcome | null;
  grokking: Record<GrokkingKind, GrokkingOutcome | null>;
  /** a partial update through the registry's validation */
  setSettings(patch: Partial<EscapeLabSettings>): void;
  /** replace every setting (a link), through the same validation */
  replaceSettings(settings: EscapeLabSettings): void;
  setJob(patch: Partial<JobState>): void;
  setLangevin(outcome: EscapeOutcome | null): void;
  setControl(outcome: EscapeOutcome | null): void;
  setGrokking(which: GrokkingKind, outcome: GrokkingOutcome | null): void;
}

export const useEscapeStore = create<EscapeStore>((set) => ({
  settings: DEFAULT_ESCAPE_SETTINGS,
  messages: {},
  job: { running: false, label: '', progress: 0, error: null },
  langevin: null,
  control: null,
  grokking: { sparse: null, 'zero-gamma': null, dense: null, tiny: null },
  setSettings: (patch) => set((s) => validateSettings(ESCAPE_GROUP, { ...s.settings, ...patch })),
  replaceSettings: (settings) => set(validateSettings(ESCAPE_GROUP, settings)),
  setJob: (patch) => set((s) => ({ job: { ...s.job, ...patch } })),
  setLangevin: (langevin) => set({ langevin }),
  setControl: (control) => set({ control }),
  setGrokking: (which, outcome) => set((s) => ({ grokking: { ...s.grokking, [which]: outcome } })),
}));
