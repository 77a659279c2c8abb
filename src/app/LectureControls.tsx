/** Lecture-mode switch and the Fullscreen API button (shown where the browser allows fullscreen). */
import { useEffect, useState } from 'react';
import { useClassroom } from '../session/classroom';
import { getController } from '../session/controller';
import { useTelemetry } from '../state/telemetry';
import { ViewTabs } from './ViewTabs';

export function LectureToggle() {
  const lecture = useClassroom((s) => s.lecture);
  return (
    <button
      type="button"
      className="lecture-toggle"
      data-testid="lecture-toggle"
      aria-pressed={lecture}
      onClick={() => useClassroom.getState().setLecture(!lecture)}
    >
      {lecture ? 'Exit lecture' : 'Lecture mode'}
    </button>
  );
}

export function FullscreenButton() {
  const [full, setFull] = useState(() => typeof document !== 'undefined' && document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  if (typeof document === 'undefined' || !document.fullscreenEnabled) return null;
  const toggle = () => {
    const request = full ? document.exitFullscreen() : document.documentElement.requestFullscreen();
    request.catch(() => {}); // refused (e.g. inside an iframe without allowfullscreen): nothing to do
  };
  return (
    <button type="button" className="fullscreen-toggle" data-testid="fullscreen" aria-pressed={full} onClick={toggle}>
      {full ? 'Exit fullscreen' : 'Fullscreen'}
    </button>
  );
}

/** The slim bar lecture mode shows instead of the header: title, the view tabs, keys, fullscreen, exit. */
export function LectureBar() {
  return (
    <header className="lecture-bar" data-testid="lecture-bar">
      <h1 className="lecture-title">L2 Phase Lab</h1>
      <ViewTabs />
      <span className="lecture-keys" aria-hidden="true">
        <kbd>Space</kbd> play · <kbd>←</kbd> <kbd>→</kbd> γ · <kbd>R</kbd> reset · <kbd>1</kbd>–<kbd>9</kbd> scene
      </span>
      <LectureTransport />
      <FullscreenButton />
      <LectureToggle />
    </header>
  );
}

/** play/pause and reset for lecture mode, where the controls column is hidden */
function LectureTransport() {
  const running = useTelemetry((s) => s.running);
  const controller = getController();
  return (
    <span className="lecture-transport">
      <button type="button" className="primary" data-testid="lecture-play" onClick={() => (running ? controller.pause() : controller.play())}>
        <span aria-hidden="true">{running ? '❚❚' : '▶'}</span> {running ? 'Pause' : 'Play'}
      </button>
      <button type="button" data-testid="lecture-reset" onClick={() => void controller.reset()}>
        Reset
      </button>
    </span>
  );
}
