/** UI-only state: the view shown and which optional panels are open. */
import { create } from 'zustand';

export const VIEWS = [
  { id: 'live', label: 'Live lab' },
  { id: 'diagrams', label: 'Phase diagrams' },
  { id: 'escape', label: 'Escape & grokking' },
  { id: 'papers', label: 'Papers' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

export function isViewId(text: string | undefined): text is ViewId {
  return VIEWS.some((view) => view.id === text);
}

export interface UiState {
  view: ViewId;
  /** the table translating other loss conventions into γ (docs/physics.md §1) */
  showConventions: boolean;
  /** the empirical 2-D loss slice (one batched evaluation per γ change) */
  showSlice: boolean;
  setView(view: ViewId): void;
  toggleConventions(): void;
  setShowSlice(show: boolean): void;
}

export const useUi = create<UiState>()((set) => ({
  view: 'live',
  showConventions: false,
  showSlice: true,
  setView: (view) => set({ view }),
  toggleConventions: () => set((s) => ({ showConventions: !s.showConventions })),
  setShowSlice: (showSlice) => set({ showSlice }),
}));
