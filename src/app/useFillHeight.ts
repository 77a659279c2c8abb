/**
 * The height that lets an element end at the bottom of the first screen: window height minus the
 * element's distance from the top of the page (so the key chart sits above the fold in lecture
 * mode and fills its frame in an embed). Re-measured on resize and when the page above it changes.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

export function fillHeight(viewportHeight: number, top: number, min: number, max: number, bottomGap: number): number {
  return Math.round(Math.min(max, Math.max(min, viewportHeight - top - bottomGap)));
}

export function useFillHeight<T extends HTMLElement>(
  enabled: boolean,
  min: number,
  max: number,
  fallback: number,
  bottomGap = 12,
): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [height, setHeight] = useState(fallback);
  useLayoutEffect(() => {
    if (!enabled) return;
    const measure = () => {
      const el = ref.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top + window.scrollY;
      setHeight(fillHeight(window.innerHeight, top, min, max, bottomGap));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [enabled, min, max, bottomGap]);
  return [ref, enabled ? height : fallback];
}
