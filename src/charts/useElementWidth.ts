import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * Width of an element, tracked with ResizeObserver and rounded to whole pixels so sub-pixel jitter
 * does not re-render the chart.
 */
export function useElementWidth<T extends HTMLElement>(fallback = 560): [RefObject<T | null>, number] {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (w: number) => {
      const rounded = Math.max(120, Math.round(w));
      setWidth((old) => (old === rounded ? old : rounded));
    };
    measure(el.getBoundingClientRect().width || fallback);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      for (const e of entries) measure(e.contentRect.width);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [fallback]);
  return [ref, width];
}
