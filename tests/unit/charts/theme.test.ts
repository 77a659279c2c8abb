import { describe, expect, it } from 'vitest';
import { logTicks } from '../../../src/charts/scales';
import { DEFAULT_SIZES, themeFromVariables } from '../../../src/charts/theme';
import { popoverLeft } from '../../../src/ui/usePopoverPlacement';
import { numberProblem } from '../../../src/panels/fields';
import { keyAction } from '../../../src/ui/keyboard';

describe('chart theme from CSS custom properties', () => {
  it('reads px values and scales layout lengths with the type', () => {
    const vars: Record<string, string> = { '--chart-font': ' 21px', '--chart-stroke': '3.5px', '--chart-dot': '5.5px' };
    const theme = themeFromVariables((name) => vars[name] ?? '');
    expect(theme.font).toBe(21);
    expect(theme.stroke).toBe(3.5);
    expect(theme.dot).toBe(5.5);
    expect(theme.title).toBe(DEFAULT_SIZES.title); // missing → default
    expect(theme.px(13)).toBe(21);
    expect(theme.px(64)).toBe(Math.round((64 * 21) / 13));
  });
  it('falls back to the defaults for missing or malformed values', () => {
    const theme = themeFromVariables((name) => (name === '--chart-font' ? 'large' : name === '--chart-dot' ? '-2px' : ''));
    expect(theme.font).toBe(DEFAULT_SIZES.font);
    expect(theme.dot).toBe(DEFAULT_SIZES.dot);
    expect(theme.px(50)).toBe(50);
  });
});

describe('log-axis ticks', () => {
  const gaps = (ticks: number[]) => ticks.slice(1).map((t, i) => Math.log10(t / ticks[i]));
  it('uses decades when the domain spans two or more', () => {
    expect(logTicks([1, 9000], 8)).toEqual([1, 10, 100, 1000]);
  });
  it('never returns more ticks than asked for, and keeps them in the domain', () => {
    for (const [lo, hi, max] of [
      [1, 1e9, 4],
      [3000, 9500, 3],
      [0.02, 0.09, 5],
      [1, 9000, 2],
    ] as const) {
      const ticks = logTicks([lo, hi], max);
      expect(ticks.length).toBeGreaterThanOrEqual(1);
      expect(ticks.length).toBeLessThanOrEqual(Math.max(2, max));
      for (const t of ticks) expect(t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)).toBe(true);
      for (const g of gaps(ticks)) expect(g).toBeGreaterThan(0);
    }
  });
  it('inside one decade, labels 1-2-5 steps rather than every multiple', () => {
    expect(logTicks([1000, 9500], 10)).toEqual([1000, 2000, 5000]);
    expect(logTicks([4000, 9500], 10)).toEqual([4000, 5000, 6000, 7000, 8000, 9000]);
  });
});

describe('popover placement', () => {
  it('right-aligns with its button when that fits, else stays 8 px inside the viewport', () => {
    expect(popoverLeft(1000, 420, 1440)).toBe(580);
    expect(popoverLeft(300, 420, 1440)).toBe(8); // would start at −120
    expect(popoverLeft(1430, 420, 1440)).toBe(1010);
    expect(popoverLeft(380, 374, 390)).toBe(8);
  });
});

describe('number fields', () => {
  it('says what is expected instead of "NaN is not a number"', () => {
    expect(numberProblem('abc', 'width', true)).toBe('width must be a whole number');
    expect(numberProblem('2.5', 'width', true)).toBe('width must be a whole number');
    expect(numberProblem('', 'seed', true)).toBe('seed must be a whole number');
    expect(numberProblem('x', 'learning rate', false)).toMatch(/^learning rate must be a number/);
    expect(numberProblem(' 12 ', 'width', true)).toBeNull();
    expect(numberProblem('1e-3', 'learning rate', false)).toBeNull();
  });
});

describe('keys after Reproduce', () => {
  const plain = { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false };
  it('Space on the focused scene title (where Reproduce moves focus) toggles play', () => {
    expect(keyAction({ ...plain, key: ' ' }, { tagName: 'H2', role: null })).toEqual({ kind: 'toggle-play' });
    expect(keyAction({ ...plain, key: ' ' }, { tagName: 'BUTTON', role: null })).toBeNull();
  });
});
