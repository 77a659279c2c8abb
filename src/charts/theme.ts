/**
 * The ONE chart theme: type sizes, stroke widths and marker sizes, as CSS custom properties on the
 * root element (charts.css sets the defaults; lecture mode and wide projectors scale them), read
 * into numbers here because the charts lay out their SVG in TypeScript. A chart calls
 * useChartTheme() and re-renders when the theme changes (a class on <html>, a resize).
 */
import { useSyncExternalStore } from 'react';

export interface ChartTheme {
  /** tick labels and legend text, px */
  font: number;
  /** axis titles, px */
  label: number;
  /** in-plot annotations, px */
  annotation: number;
  /** chart titles (the card's heading), px */
  title: number;
  /** data lines, px */
  stroke: number;
  /** radius of a data dot, px */
  dot: number;
  /** radius of the "now" marker, px */
  marker: number;
  /** thin lines: rules, levels, brackets, marker outlines, px */
  thin: number;
  /** the white halo behind text drawn over data, px */
  halo: number;
  fontFamily: string;
  /** a layout length designed at the default 13 px type, scaled with the type */
  px(length: number): number;
}

export const CHART_FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';

type Sizes = Omit<ChartTheme, 'fontFamily' | 'px' | 'thin' | 'halo'>;

export const DEFAULT_SIZES: Sizes = { font: 13, label: 14, annotation: 13, title: 16, stroke: 2, dot: 3, marker: 7 };

export const THEME_VARIABLES: Record<keyof Sizes, string> = {
  font: '--chart-font',
  label: '--chart-label',
  annotation: '--chart-annotation',
  title: '--chart-title',
  stroke: '--chart-stroke',
  dot: '--chart-dot',
  marker: '--chart-marker',
};

export function makeTheme(sizes: Sizes): ChartTheme {
  const scale = sizes.font / DEFAULT_SIZES.font;
  return {
    ...sizes,
    thin: Math.max(1, Math.round(sizes.stroke * 0.75 * 2) / 2),
    halo: Math.max(3, Math.round(sizes.stroke * 1.5)),
    fontFamily: CHART_FONT_FAMILY,
    px: (length) => Math.round(length * scale),
  };
}

/** pure: the theme from a custom-property reader ("18px" → 18; missing or bad → the default) */
export function themeFromVariables(read: (name: string) => string): ChartTheme {
  const sizes = { ...DEFAULT_SIZES };
  for (const key of Object.keys(THEME_VARIABLES) as (keyof Sizes)[]) {
    const value = parseFloat(read(THEME_VARIABLES[key]));
    if (Number.isFinite(value) && value > 0) sizes[key] = value;
  }
  return makeTheme(sizes);
}

export const DEFAULT_THEME = makeTheme(DEFAULT_SIZES);

let current: ChartTheme = DEFAULT_THEME;
const listeners = new Set<() => void>();
let stopWatching: (() => void) | null = null;

function refresh(): void {
  const style = getComputedStyle(document.documentElement);
  const next = themeFromVariables((name) => style.getPropertyValue(name));
  const same = (Object.keys(THEME_VARIABLES) as (keyof Sizes)[]).every((k) => next[k] === current[k]);
  if (same) return;
  current = next;
  listeners.forEach((l) => l());
}

function watch(): () => void {
  const observer = new MutationObserver(refresh);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
  window.addEventListener('resize', refresh);
  refresh();
  return () => {
    observer.disconnect();
    window.removeEventListener('resize', refresh);
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (typeof document !== 'undefined' && !stopWatching) stopWatching = watch();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && stopWatching) {
      stopWatching();
      stopWatching = null;
    }
  };
}

export function useChartTheme(): ChartTheme {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => DEFAULT_THEME,
  );
}

/** the theme now, outside React (exports) */
export function chartTheme(): ChartTheme {
  if (typeof document !== 'undefined' && listeners.size === 0) refresh();
  return current;
}
