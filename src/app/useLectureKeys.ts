/** Installs the page-wide lecture keys (see keyboard.ts) while the app is mounted. */
import { useEffect } from 'react';
import { useParameters } from '../state/parameters';
import { useTelemetry } from '../state/telemetry';
import { stopScript } from '../chapters/scene';
import { reproduceWithUndo } from './chapterUndo';
import { CHAPTERS } from '../chapters/chapters';
import { useClassroom } from '../session/classroom';
import { getController } from '../session/controller';
import { keyAction, nudgedGamma } from '../ui/keyboard';

export function useLectureKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || (e.repeat && e.key === ' ')) return;
      const el = e.target instanceof HTMLElement ? e.target : null;
      const action = keyAction(
        e,
        el && { tagName: el.tagName, type: (el as HTMLInputElement).type, isContentEditable: el.isContentEditable, role: el.getAttribute('role') },
      );
      if (!action) return;
      e.preventDefault();
      const controller = getController();
      switch (action.kind) {
        case 'toggle-play':
          if (useTelemetry.getState().running) controller.pause();
          else controller.play();
          break;
        case 'nudge-gamma':
          stopScript();
          useParameters.getState().update({ gamma: nudgedGamma(useParameters.getState().gamma, action.delta) });
          break;
        case 'reset':
          void controller.reset();
          break;
        case 'chapter':
          reproduceWithUndo(action.number);
          break;
        case 'chapter-step': {
          const next = (useClassroom.getState().chapter ?? 0) + action.delta;
          if (next >= 1 && next <= CHAPTERS.length) reproduceWithUndo(next);
          break;
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
