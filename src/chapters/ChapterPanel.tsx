/**
 * The chapter navigator: numbered scenes (prev/next, a numbered list), the open scene's text and
 * formula, and the scene's transport: play (sets the lab up and drives it so the phenomenon appears),
 * pause/resume, replay; at its end the caption hands the lab back ("now drag it yourself").
 */
import { lazy, Suspense, useRef } from 'react';
import { useClassroom } from '../session/classroom';
import { CHAPTERS, chapterAt } from './chapters';
import { openChapter, pauseScene, reproduceChapter, resumeScene, useScene } from './scene';
import './chapters.css';

// KaTeX is large: it loads with the first formula shown, not with the page
const Formula = lazy(() => import('./Formula').then((m) => ({ default: m.Formula })));

export function ChapterPanel() {
  const number = useClassroom((s) => s.chapter);
  const chapter = number === null ? null : chapterAt(number);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const scene = useScene();
  const sceneHere = chapter !== null && scene.chapter === number && scene.status !== 'idle';
  // after Reproduce, focus leaves the button (where Space would press it again) for the scene's
  // title, so Space is the page's play/pause key again
  const reproduce = (n: number) => {
    reproduceChapter(n);
    titleRef.current?.focus();
  };
  return (
    <section className={`card chapter-panel${chapter ? ' open' : ''}`} data-control="chapters" data-testid="chapter-panel" aria-label="Chapters">
      <nav className="chapter-nav" aria-label="Chapter navigator">
        <span className="chapter-nav-label">Guided tour</span>
        <button
          type="button"
          className="chapter-step"
          data-testid="chapter-prev"
          aria-label="Previous chapter"
          disabled={number === null || number <= 1}
          onClick={() => number !== null && openChapter(number - 1)}
        >
          ‹
        </button>
        <button
          type="button"
          className="chapter-step"
          data-testid="chapter-next"
          aria-label="Next chapter"
          disabled={number !== null && number >= CHAPTERS.length}
          onClick={() => openChapter((number ?? 0) + 1)}
        >
          ›
        </button>
        <select
          className="chapter-select"
          aria-label="Chapter"
          data-testid="chapter-select"
          value={number ?? ''}
          onChange={(e) => e.target.value && openChapter(Number(e.target.value))}
        >
          <option value="">Choose a chapter…</option>
          {CHAPTERS.map((c, i) => (
            <option key={c.id} value={i + 1}>
              {i + 1}. {c.title}
            </option>
          ))}
        </select>
        <ol className="chapter-list">
          {CHAPTERS.map((c, i) => (
            <li key={c.id}>
              <button
                type="button"
                className={number === i + 1 ? 'current' : ''}
                aria-current={number === i + 1 ? 'step' : undefined}
                title={c.title}
                data-testid={`chapter-link-${i + 1}`}
                onClick={() => openChapter(i + 1)}
              >
                {i + 1}
                <span className="chapter-short">{shortTitle(c.title)}</span>
              </button>
            </li>
          ))}
        </ol>
        {chapter && (
          <button type="button" className="chapter-close" aria-label="Close the chapter" onClick={() => useClassroom.getState().setChapter(null)}>
            ×
          </button>
        )}
      </nav>
      {chapter && number !== null && (
        <article className="chapter-body" data-testid="chapter-body" data-chapter={chapter.id}>
          <div className="chapter-words">
            <h2 className="chapter-title" data-testid="chapter-title" tabIndex={-1} ref={titleRef}>
              {number}. {chapter.title}
            </h2>
            <div className="chapter-text">
              {chapter.text.map((sentence, i) => (
                <p key={i}>{sentence}</p>
              ))}
            </div>
          </div>
          <div className="chapter-side">
            <Suspense fallback={<code className="chapter-formula">{chapter.formula}</code>}>
              <Formula tex={chapter.formula} />
            </Suspense>
            <div className="chapter-transport" role="group" aria-label="Scene">
              {sceneHere && scene.status === 'playing' && (
                <button
                  type="button"
                  className="primary chapter-reproduce"
                  data-testid="scene-pause"
                  onClick={() => {
                    pauseScene();
                    titleRef.current?.focus();
                  }}
                >
                  ❚❚ Pause scene
                </button>
              )}
              {sceneHere && scene.status === 'paused' && (
                <button
                  type="button"
                  className="primary chapter-reproduce"
                  data-testid="scene-resume"
                  onClick={() => {
                    resumeScene();
                    titleRef.current?.focus();
                  }}
                >
                  ▶ Resume scene
                </button>
              )}
              <button
                type="button"
                className={`${sceneHere ? '' : 'primary '}chapter-reproduce`}
                data-testid="chapter-reproduce"
                onClick={() => reproduce(number)}
              >
                {sceneHere ? '↺ Replay' : '▶ Play the scene'}
                {chapter.view === 'escape' ? ' (Escape tab)' : chapter.view === 'papers' ? ' (Papers tab)' : ''}
              </button>
            </div>
            {sceneHere && (
              <p className="chapter-caption" data-testid="scene-caption" data-status={scene.status} aria-live="polite">
                {scene.caption}
              </p>
            )}
          </div>
        </article>
      )}
    </section>
  );
}

/** the part of a chapter title before its colon: "Hysteresis: up past γsp, …" → "Hysteresis" */
export function shortTitle(title: string): string {
  return title.split(':')[0].trim();
}
