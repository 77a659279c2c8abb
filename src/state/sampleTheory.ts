/**
 * The live lab's exact sample theory (worker/liveTheory.ts), kept with the setup key it belongs to.
 * `expect(key)` is called when a setup is configured; a result for any other key (a computation for
 * an older setup that finished late) is ignored, so an overlay never shows another sample's theory.
 */
import { create } from 'zustand';
import type { LiveDepthTheory, LiveTheoryResult } from '../worker/protocol';

export type SampleTheoryStatus = 'none' | 'computing' | 'ready' | 'failed';

export interface SampleTheoryState {
  /** the setup the overlays are for (null: nothing to compute, e.g. whitened linear data) */
  key: string | null;
  status: SampleTheoryStatus;
  result: LiveTheoryResult | null;
  error: string | null;
  expect(key: string | null): void;
  accept(result: LiveTheoryResult): boolean;
  fail(key: string, message: string): void;
}

export const useSampleTheory = create<SampleTheoryState>()((set, get) => ({
  key: null,
  status: 'none',
  result: null,
  error: null,
  expect(key) {
    const state = get();
    if (key === state.key && (state.status === 'ready' || state.status === 'computing')) return;
    set({ key, status: key === null ? 'none' : 'computing', result: null, error: null });
  },
  accept(result) {
    if (result.key !== get().key) return false;
    set({ status: 'ready', result, error: null });
    return true;
  },
  fail(key, message) {
    if (key !== get().key) return;
    set({ status: 'failed', error: message });
  },
}));

/** the exact theory of one trained depth, when it has arrived for the current setup */
export function exactTheoryFor(state: Pick<SampleTheoryState, 'status' | 'result'>, depth: number): LiveDepthTheory | null {
  if (state.status !== 'ready' || !state.result?.exact) return null;
  return state.result.exact.find((d) => d.depth === depth) ?? null;
}

/** the relu net's local threshold on this sample, when it has arrived */
export function reluThresholdOf(state: Pick<SampleTheoryState, 'status' | 'result'>): number | null {
  return state.status === 'ready' ? (state.result?.reluThreshold ?? null) : null;
}
