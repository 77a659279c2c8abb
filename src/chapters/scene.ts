/**
 * Sets up a chapter's scene in the live lab (its preset through the parameters store, validated,
 * and its view) and plays its timeline (timeline.ts) with one driver: a 100 ms tick that advances
 * the player by the time the lab trained (a paused lab, e.g. by Space, pauses the scene), probes
 * the telemetry for its conditions and applies its commands. One scene at a time; a new scene, a
 * manual γ change or stopScript() ends it and hands the lab back.
 */
import { create } from 'zustand';
import { setupKey, useParameters } from '../state/parameters';
import { useTelemetry } from '../state/telemetry';
import { GROKKING_KINDS, useEscapeStore } from '../state/escape';
import { usePapersStore } from '../state/papers';
import { getController } from '../session/controller';
import { useUi } from '../state/ui';
import { useClassroom } from '../session/classroom';
import { chapterAt } from './chapters';
import { ScenePlayer, type SceneCondition, type SceneStatus } from './timeline';

const TICK_MS = 100;
/** after the setup, snapshots of the old run may still arrive: conditions wait this long */
const SETTLE_MS = 400;
/** the thresholds the announcer uses (fractions of η_k) */
const LEARNED = 0.25;
const OFF = 0.05;

export interface SceneView {
  chapter: number | null;
  status: SceneStatus | 'idle';
  caption: string;
  /** wall-clock ms from play to the end of the scene (null while it plays) */
  finishedAfterMs: number | null;
}

export const useScene = create<SceneView>()(() => ({ chapter: null, status: 'idle', caption: '', finishedAfterMs: null }));

let player: ScenePlayer | null = null;
let timer: ReturnType<typeof setInterval> | null = null;
let startedAt = 0;
/** the γ this driver last wrote: any other γ in the store is the user's hand */
let drivenGamma: number | null = null;
let unsubscribe: (() => void) | null = null;

function publish(): void {
  if (!player) return;
  const done = player.status === 'done';
  useScene.setState({ status: player.status, caption: player.caption, finishedAfterMs: done ? Math.round(performance.now() - startedAt) : null });
}

export function stopScript(): void {
  if (timer) clearInterval(timer);
  timer = null;
  unsubscribe?.();
  unsubscribe = null;
  if (player && player.status !== 'done') {
    player.finish();
    publish();
  }
  player = null;
  drivenGamma = null;
}

export function isScriptPlaying(): boolean {
  return player !== null && player.status !== 'done';
}

export function pauseScene(): void {
  player?.pause();
  publish();
}

export function resumeScene(): void {
  player?.resume();
  publish();
}

function holds(condition: SceneCondition): boolean {
  if (performance.now() - startedAt < SETTLE_MS) return false;
  if (condition.kind === 'job-result') {
    if (condition.which === 'vae') return usePapersStore.getState().results['zu-vae'] !== undefined;
    const s = useEscapeStore.getState();
    return condition.which === 'langevin' ? s.langevin !== null : GROKKING_KINDS.every((kind) => s.grokking[kind] !== null);
  }
  const t = useTelemetry.getState();
  const run = condition.depth === undefined ? t.runs[0] : t.runs.find((r) => r.depth === condition.depth);
  const p = run?.latest?.overlaps[condition.feature - 1];
  if (p === undefined || !Number.isFinite(p)) return false;
  const eta = (t.dataset?.singularValues ?? useParameters.getState().spectrum)[condition.feature - 1] ?? 1;
  return condition.state === 'learned' ? p > LEARNED * eta : Math.abs(p) < OFF * eta;
}

function press(testId: string): void {
  const button = document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`);
  button?.click();
}

function setGamma(gamma: number): void {
  drivenGamma = gamma;
  useParameters.getState().update({ gamma });
}

function tick(): void {
  if (!player) return;
  // scene time runs with the lab's training time; a job chapter waits on its job, not on the lab
  const dt = useTelemetry.getState().running ? TICK_MS / 1000 : 0;
  const commands = player.advance(dt, holds);
  if (commands.params) {
    if (commands.params.gamma !== undefined) drivenGamma = commands.params.gamma;
    useParameters.getState().update(commands.params);
  }
  if (commands.gamma !== undefined) setGamma(commands.gamma);
  for (const id of commands.press ?? []) press(id);
  publish();
  if (player.status === 'done') {
    if (timer) clearInterval(timer);
    timer = null;
    unsubscribe?.();
    unsubscribe = null;
  }
}

function startScene(number: number): void {
  const chapter = chapterAt(number);
  if (!chapter) return;
  player = new ScenePlayer(chapter.scene, useParameters.getState().gamma);
  startedAt = performance.now();
  drivenGamma = useParameters.getState().gamma;
  useScene.setState({ chapter: number, finishedAfterMs: null });
  // a γ the scene did not write is the user's: the scene stops and the lab is theirs
  unsubscribe = useParameters.subscribe((s, prev) => {
    if (s.gamma !== prev.gamma && drivenGamma !== null && Math.abs(s.gamma - drivenGamma) > 1e-9) stopScript();
  });
  if (chapter.view === 'escape') {
    // the scene produces its own result: a result from before would satisfy its wait at once
    const store = useEscapeStore.getState();
    if (chapter.scene.some((s) => s.kind === 'until' && s.condition.kind === 'job-result' && s.condition.which === 'langevin')) store.setLangevin(null);
    else for (const which of GROKKING_KINDS) store.setGrokking(which, null);
  }
  if (chapter.view === 'papers') usePapersStore.getState().setResult('zu-vae', null);
  publish();
  timer = setInterval(tick, TICK_MS);
}

/** open chapter `number` (1-based) without touching the lab */
export function openChapter(number: number): boolean {
  if (!chapterAt(number)) return false;
  useClassroom.getState().setChapter(number);
  return true;
}

/**
 * "Play the scene": open the chapter, apply its preset and view, train from the seed's initial
 * weights (a changed setup rebuilds the run; an unchanged one is reset), then play its timeline.
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
  // a paused lab would hold the scene's clock: a scene plays
  if (!useTelemetry.getState().running) getController().play();
  startScene(number);
  return true;
}
