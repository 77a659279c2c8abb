/**
 * Places a popover under its button and inside the viewport: right-aligned with the button where
 * that fits, moved left or right as far as needed otherwise (a wrapped header puts the button
 * anywhere). Position: fixed, so no ancestor's overflow or position matters.
 */
import { useLayoutEffect, useState, type CSSProperties, type RefObject } from 'react';

const MARGIN = 8;

/** pure: the popover's left edge for a button box and a popover width in a viewport */
export function popoverLeft(buttonRight: number, popoverWidth: number, viewportWidth: number): number {
  const preferred = buttonRight - popoverWidth;
  return Math.max(MARGIN, Math.min(preferred, viewportWidth - popoverWidth - MARGIN));
}

export function usePopoverPlacement(open: boolean, button: RefObject<HTMLElement | null>, panel: RefObject<HTMLElement | null>): CSSProperties {
  const [style, setStyle] = useState<CSSProperties>({ visibility: 'hidden' });
  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      if (!button.current || !panel.current) return;
      const b = button.current.getBoundingClientRect();
      const vw = document.documentElement.clientWidth;
      const width = Math.min(panel.current.offsetWidth, vw - 2 * MARGIN);
      const top = b.bottom + 6;
      setStyle({
        position: 'fixed',
        top,
        left: popoverLeft(b.right, width, vw),
        maxWidth: vw - 2 * MARGIN,
        maxHeight: window.innerHeight - top - MARGIN,
        overflowY: 'auto',
      });
    };
    place();
    window.addEventListener('resize', place);
    window.addEventListener('scroll', place, true);
    return () => {
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', place, true);
    };
  }, [open, button, panel]);
  return open ? style : {};
}
