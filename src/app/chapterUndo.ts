/**
 * A way back from a chapter opened by a key: the digit keys set up a whole scene (depth, γ, data…),
 * so the lab as it was is kept and the Undo button restores it.
 */
import { create } from 'zustand';
import { pickParameters, useParameters } from '../state/parameters';
import { useUi, type ViewId } from '../state/ui';
import { reproduceChapter, stopScript } from '../chapters/scene';
import { useClassroom } from '../session/classroom';

interface UndoOffer {
  chapter: number;
  restore(): void;
}

export const useChapterUndo = create<{ offer: UndoOffer | null; dismiss(): void }>()((set) => ({
  offer: null,
  dismiss: () => set({ offer: null }),
}));

/**
 * Set up chapter `number` as "Reproduce" does, remembering the lab before it for an undo. In lecture
 * mode the digits are how a lecturer moves through the scenes, so no undo is offered there.
 */
export function reproduceWithUndo(number: number): boolean {
  if (useClassroom.getState().lecture) return reproduceChapter(number);
  const parameters = pickParameters(useParameters.getState());
  const view: ViewId = useUi.getState().view;
  const chapter = useClassroom.getState().chapter;
  if (!reproduceChapter(number)) return false;
  useChapterUndo.setState({
    offer: {
      chapter: number,
      restore() {
        stopScript();
        useParameters.getState().update(parameters);
        useUi.getState().setView(view);
        useClassroom.getState().setChapter(chapter);
        useChapterUndo.setState({ offer: null });
      },
    },
  });
  return true;
}
