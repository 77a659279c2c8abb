/** "Share for class": pick controls to hide, text, embed and lecture flags; builds the link. */
import { useRef, useState } from 'react';
import { usePopoverPlacement } from '../ui/usePopoverPlacement';
import { classroomQuery, HIDEABLE_CONTROLS, TEXT_FLAG, useClassroom } from '../session/classroom';
import { currentLink } from './permalink';

export function SharePopover() {
  const [open, setOpen] = useState(false);
  const [hide, setHide] = useState<string[]>([]);
  const [embed, setEmbed] = useState(false);
  const [lecture, setLecture] = useState(false);
  const [withChapter, setWithChapter] = useState(true);
  const [copied, setCopied] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const placement = usePopoverPlacement(open, buttonRef, panelRef);
  const chapter = useClassroom((s) => s.chapter);
  const link = open ? classroomQuery(currentLink(), { hide, embed, lecture, chapter: withChapter ? chapter : null }) : '';
  const toggle = (name: string) => setHide((h) => (h.includes(name) ? h.filter((x) => x !== name) : [...h, name]));
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      window.prompt('Copy this link:', link);
    }
  };
  return (
    <div className="share-class" data-control="share">
      <button type="button" ref={buttonRef} data-testid="share-class" aria-expanded={open} onClick={() => setOpen(!open)}>
        Share for class ▾
      </button>
      {open && (
        <div
          ref={panelRef}
          className="share-popover"
          style={placement}
          role="dialog"
          aria-label="Share for class"
          data-testid="share-popover"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
        >
          <fieldset>
            <legend>Hide in the shared link</legend>
            <div className="share-grid">
              {[...Object.entries(HIDEABLE_CONTROLS), [TEXT_FLAG, { label: 'Explanatory text' }] as const].map(([name, info]) => (
                <label key={name}>
                  <input type="checkbox" checked={hide.includes(name)} onChange={() => toggle(name)} data-testid={`share-hide-${name}`} /> {info.label}
                </label>
              ))}
            </div>
          </fieldset>
          <label>
            <input type="checkbox" checked={embed} onChange={(e) => setEmbed(e.target.checked)} data-testid="share-embed" /> Embed (no header, fits an iframe)
          </label>
          <label>
            <input type="checkbox" checked={lecture} onChange={(e) => setLecture(e.target.checked)} data-testid="share-lecture" /> Lecture mode
          </label>
          {chapter !== null && (
            <label>
              <input type="checkbox" checked={withChapter} onChange={(e) => setWithChapter(e.target.checked)} /> Open chapter {chapter}
            </label>
          )}
          <input className="share-link" readOnly value={link} aria-label="Classroom link" data-testid="share-link" onFocus={(e) => e.target.select()} />
          <button type="button" className="primary" onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy classroom link'}
          </button>
        </div>
      )}
    </div>
  );
}
