/**
 * Heights that let an element end at the bottom of the first screen: window height minus the
 * element's distance from the top of the page (so the key chart sits above the fold in lecture
 * mode and fills its frame in an embed). Re-measured on resize and when the page above it changes.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

export function fillHeight(viewportHeight: number, top: number, min: number, max: number, bottomGap: number): number {
  return Math.round(Math.min(max, Math.max(min, viewportHeight - top - bottomGap)));
}

/**
 * The SVG height that makes a chart card end at the fold: what is left of the screen below the
 * card's top, less the card's own chrome (title, subtitle, legend: the card's height minus the
 * SVG's), clamped to [min, max].
 */
export function chartFillHeight(
  viewportHeight: number,
  top: number,
  cardHeight: number,
  svgHeight: number,
  min: number,
  max: number,
  bottomGap: number,
): number {
  const chrome = Math.max(0, cardHeight - svgHeight);
  return fillHeight(viewportHeight, top + chrome, min, max, bottomGap);
}

function useMeasured<T extends HTMLElement>(enabled: boolean, fallback: number, measure: (el: T) => number, deps: unknown[]): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [height, setHeight] = useState(fallback);
  useLayoutEffect(() => {
    if (!enabled) return;
    const update = () => {
      const el = ref.current;
      if (el) setHeight(measure(el));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(document.body);
    window.addEventListener('resize', update);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', update);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps]);
  return [ref, enabled ? height : fallback];
}

export function useFillHeight<T extends HTMLElement>(
  enabled: boolean,
  min: number,
  max: number,
  fallback: number,
  bottomGap = 12,
): [RefObject<T | null>, number] {
  return useMeasured<T>(enabled, fallback, (el) => fillHeight(window.innerHeight, el.getBoundingClientRect().top + window.scrollY, min, max, bottomGap), [
    min,
    max,
    bottomGap,
  ]);
}

/**
 * For a wrapper around one chart card: the height to give the chart's SVG so that the whole card
 * ends at the fold (the card's chrome is measured, not guessed, so a two-line subtitle still fits).
 */
export function useFillChartHeight<T extends HTMLElement>(
  enabled: boolean,
  min: number,
  max: number,
  fallback: number,
  bottomGap = 12,
): [RefObject<T | null>, number] {
  return useMeasured<T>(
    enabled,
    fallback,
    (el) => {
      const box = el.getBoundingClientRect();
      const svg = el.querySelector('svg[data-chart-svg]');
      const svgHeight = svg ? svg.getBoundingClientRect().height : 0;
      return chartFillHeight(window.innerHeight, box.top + window.scrollY, box.height, svgHeight, min, max, bottomGap);
    },
    [min, max, bottomGap],
  );
}
