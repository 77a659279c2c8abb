/**
 * The Papers view's store: the study results (plain data from the jobs worker), when each finished
 * and on what, and the one job in progress. Kept across view switches.
 */
import { create } from 'zustand';
import type { StudyKey, StudyResults } from '../papers/measure';

export interface StudyRunInfo {
  seconds: number;
  backend: string;
}

export interface PapersJob {
  running: boolean;
  study: StudyKey | null;
  label: string;
  progress: number;
  error: string | null;
}

export interface PapersStore {
  results: Partial<StudyResults>;
  info: Partial<Record<StudyKey, StudyRunInfo>>;
  job: PapersJob;
  setResult<K extends StudyKey>(key: K, result: StudyResults[K] | null, info?: StudyRunInfo): void;
  setJob(patch: Partial<PapersJob>): void;
}

export const usePapersStore = create<PapersStore>((set) => ({
  results: {},
  info: {},
  job: { running: false, study: null, label: '', progress: 0, error: null },
  setResult: (key, result, info) =>
    set((s) => {
      const results = { ...s.results };
      const infos = { ...s.info };
      if (result === null) {
        delete results[key];
        delete infos[key];
      } else {
        results[key] = result;
        if (info) infos[key] = info;
      }
      return { results, info: infos };
    }),
  setJob: (patch) => set((s) => ({ job: { ...s.job, ...patch } })),
}));
