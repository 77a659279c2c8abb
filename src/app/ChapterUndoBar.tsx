/** "Chapter N set up the lab — Undo": shown after a digit key replaced the setup, for 15 s. */
import { useEffect } from 'react';
import { chapterAt } from '../chapters/chapters';
import { useChapterUndo } from './chapterUndo';

const SHOWN_MS = 15_000;

export function ChapterUndoBar() {
  const offer = useChapterUndo((s) => s.offer);
  const dismiss = useChapterUndo((s) => s.dismiss);
  useEffect(() => {
    if (!offer) return;
    const timer = setTimeout(dismiss, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [offer, dismiss]);
  if (!offer) return null;
  const title = chapterAt(offer.chapter)?.title ?? '';
  return (
    <section className="notice notice-info chapter-undo" aria-label="Undo the chapter setup" data-testid="chapter-undo">
      <span role="status">
        Key {offer.chapter} set up chapter {offer.chapter} ({title}) and replaced your settings.
      </span>
      <span className="row-tight">
        <button type="button" data-testid="chapter-undo-button" onClick={offer.restore}>
          Undo
        </button>
        <button type="button" className="ghost" aria-label="Keep the chapter's setup" onClick={dismiss}>
          ✕
        </button>
      </span>
    </section>
  );
}
