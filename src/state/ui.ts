/** UI-only state: which optional panels are open. */
import { create } from 'zustand';

export interface UiState {
  /** the table translating other loss conventions into γ (physics.md §1) */
  showConventions: boolean;
  /** the empirical 2-D loss slice (one batched evaluation per γ change) */
  showSlice: boolean;
  toggleConventions(): void;
  setShowSlice(show: boolean): void;
}

export const useUi = create<UiState>()((set) => ({
  showConventions: false,
  showSlice: true,
  toggleConventions: () => set((s) => ({ showConventions: !s.showConventions })),
  setShowSlice: (showSlice) => set({ showSlice }),
}));
