/**
 * Sets up a chapter's scene in the live lab: its preset through the parameters store (validated),
 * its view, and its γ script played with timers (one script at a time; a new scene or a manual γ
 * nudge stops it).
 */
import { setupKey, useParameters } from '../state/parameters';
import { getController } from '../session/controller';
import { useUi } from '../state/ui';
import { useClassroom } from '../session/classroom';
import { chapterAt, type GammaMove } from './chapters';

let scriptTimer: ReturnType<typeof setTimeout> | null = null;

export function stopScript(): void {
  if (scriptTimer) clearTimeout(scriptTimer);
  scriptTimer = null;
}

export function isScriptPlaying(): boolean {
  return scriptTimer !== null;
}

function play(moves: readonly GammaMove[], index: number): void {
  const move = moves[index];
  if (!move) {
    scriptTimer = null;
    return;
  }
  useParameters.getState().update({ gamma: move.gamma });
  scriptTimer = setTimeout(() => play(moves, index + 1), move.holdMs);
}

/** open chapter `number` (1-based) without touching the lab */
export function openChapter(number: number): boolean {
  if (!chapterAt(number)) return false;
  useClassroom.getState().setChapter(number);
  return true;
}

/**
 * "Reproduce": open the chapter, apply its preset and view, and train from the seed's initial
 * weights (a changed setup rebuilds the run; an unchanged one is reset), then play its γ script.
 * Starting fresh matters: a net left trapped by the last scene would not show this one's figure.
 */
export function reproduceChapter(number: number): boolean {
  const chapter = chapterAt(number);
  if (!chapter) return false;
  stopScript();
  useClassroom.getState().setChapter(number);
  const before = setupKey(useParameters.getState());
  useParameters.getState().update(chapter.preset);
  if (setupKey(useParameters.getState()) === before) void getController().reset();
  useUi.getState().setView(chapter.view);
  // give the worker the debounced reconfigure (150 ms) and a moment to learn before γ moves
  if (chapter.script && chapter.script.length > 0) {
    const moves = chapter.script;
    scriptTimer = setTimeout(() => play(moves, 0), 1500);
  }
  return true;
}
