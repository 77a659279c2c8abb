/** Inline definitions (<Term>) and the glossary popover that lists them all. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { GLOSSARY, GLOSSARY_TERMS, type GlossaryTerm } from './glossary';
import { usePopoverPlacement } from './usePopoverPlacement';

/** a word with its definition as a tooltip (and for screen readers, as its description) */
export function Term({ name, children }: { name: GlossaryTerm; children?: ReactNode }) {
  return (
    <dfn className="term" title={GLOSSARY[name]}>
      {children ?? name}
    </dfn>
  );
}

export function GlossaryButton() {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const style = usePopoverPlacement(open, buttonRef, panelRef);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onPointer = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!panelRef.current?.contains(t) && !buttonRef.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  return (
    <div className="glossary">
      <button type="button" ref={buttonRef} className="header-button" data-testid="glossary-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Glossary ▾
      </button>
      {open && (
        <div className="popover glossary-popover" ref={panelRef} role="dialog" aria-label="Glossary" data-testid="glossary" style={style}>
          <dl>
            {GLOSSARY_TERMS.map((term) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{GLOSSARY[term]}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </div>
  );
}
