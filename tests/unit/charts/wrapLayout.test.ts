import { describe, expect, it } from 'vitest';
import { legendHeight, legendLayout, type LegendItem } from '../../../src/charts/Legend';
import { frameLayout, textWidth } from '../../../src/charts/kit/layout';
import { labelLines, labelRequests } from '../../../src/charts/kit/marks';
import { wrapBalanced, wrapText } from '../../../src/charts/kit/wrap';
import { gridColumns, panelHeader } from '../../../src/charts/sweeps/panelLayout';
import { DEFAULT_THEME, makeTheme, DEFAULT_SIZES } from '../../../src/charts/theme';

// a fixed-pitch measure makes the expected breaks easy to count by hand: 10 px per character
const mono = (t: string) => t.length * 10;

describe('wrapText', () => {
  it('keeps a line that fits whole', () => {
    expect(wrapText('D = 2 loop', 100, 13, mono)).toEqual(['D = 2 loop']);
  });
  it('breaks at spaces so that every line fits', () => {
    const lines = wrapText('learned, metastable (trivial has lower loss)', 120, 13, mono);
    expect(lines).toEqual(['learned,', 'metastable', '(trivial has', 'lower loss)']);
    for (const l of lines) expect(mono(l)).toBeLessThanOrEqual(120);
    expect(lines.join(' ')).toBe('learned, metastable (trivial has lower loss)');
  });
  it('cuts a word longer than the line into pieces that fit', () => {
    const lines = wrapText('abcdefghijklmnop', 50, 13, mono);
    expect(lines).toEqual(['abcde', 'fghij', 'klmno', 'p']);
  });
  it('starts a new line at a newline', () => {
    expect(wrapText('a b\nc', 1000, 13, mono)).toEqual(['a b', 'c']);
  });
});

describe('legend wrapping', () => {
  const items: LegendItem[] = [
    { label: 'trivial', color: '#000', glyph: 'ring' },
    { label: 'learned, metastable (trivial has lower loss)', color: '#000', glyph: 'ring' },
    { label: 'γc', color: '#000', glyph: 'dashed' },
  ];
  it('wraps an entry wider than the legend onto its own rows, each within the width', () => {
    const width = 200;
    const font = 13;
    const slots = legendLayout(items, width, font);
    const long = slots[1];
    expect(long.lines.length).toBeGreaterThan(1);
    const swatch = Math.round(font * 1.7) + 6;
    for (const line of long.lines) expect(long.x + swatch + line.length * font * 0.56).toBeLessThanOrEqual(width);
    // the entry after it starts below all of its rows
    const row = Math.round(font * 1.55);
    expect(slots[2].y).toBe(long.y + long.lines.length * row);
    expect(legendHeight(items, width, font)).toBe(slots[2].y + row);
  });
  it('leaves a legend that fits on one row alone', () => {
    const slots = legendLayout(items, 2000, 13);
    expect(slots.every((s) => s.y === 0 && s.lines.length === 1)).toBe(true);
  });
});

describe('panel grid on narrow widths', () => {
  it('stacks the panels one per row on a phone and keeps the requested columns when wide', () => {
    expect(gridColumns(340, 3, undefined, 250)).toBe(1);
    expect(gridColumns(560, 3, undefined, 250)).toBe(2);
    expect(gridColumns(1200, 3, undefined, 250)).toBe(3);
    expect(gridColumns(1200, 3, 2, 250)).toBe(2);
    expect(gridColumns(100, 2, undefined, 250)).toBe(1);
  });
  it('wraps a title to the plot width and puts a note that does not fit beside it on its own row', () => {
    const theme = DEFAULT_THEME;
    const plotW = 240;
    const h = panelHeader({ title: 'D = 2, 200 steps/γ: loop area 0.331 (exact 0.327)' }, plotW, theme);
    expect(h.title.length).toBeGreaterThan(1);
    for (const l of h.title) expect(textWidth(l, theme.label) * 1.08).toBeLessThanOrEqual(plotW);
    const n = panelHeader({ title: 'D = 2: loop survives slow ramps', note: 'exact 0.3271' }, plotW, theme);
    const lastTitle = textWidth(n.title[n.title.length - 1], theme.label) * 1.08;
    const noteW = textWidth('exact 0.3271', theme.annotation) * 1.08;
    // either on a row of its own, or beside the title's last row with room between
    if (n.noteRow === n.title.length - 1) expect(lastTitle + theme.label + noteW).toBeLessThanOrEqual(plotW);
    else expect(n.noteRow).toBe(n.title.length);
    expect(n.rows).toBe(Math.max(n.title.length, n.noteRow + 1));
    const wide = panelHeader({ title: 'D = 1: no loop', note: 'exact 0' }, 600, theme);
    expect(wide).toMatchObject({ rows: 1, noteRow: 0 });
  });
});

describe('wrapped x title and labels', () => {
  it('grows the bottom margin by one row per extra x-title line', () => {
    const theme = makeTheme({ ...DEFAULT_SIZES });
    const one = frameLayout({ width: 320, height: 300, theme });
    const label = 'optimizer steps after the noise is switched on (log)';
    const wrapped = frameLayout({ width: 320, height: 300, theme, xLabel: label });
    const rows = wrapText(label, wrapped.plotW, theme.label).length;
    expect(rows).toBeGreaterThan(1);
    expect(wrapped.margin.bottom - one.margin.bottom).toBeCloseTo(theme.label * 1.2 * (rows - 1), 0);
    // the last line's baseline sits as far above the svg's bottom as a one-line title's does
    const fromBottom = (l: typeof one, extra: number) => l.plotH + l.margin.bottom - (l.titles.xY + extra);
    expect(fromBottom(wrapped, (rows - 1) * theme.label * 1.2)).toBeCloseTo(fromBottom(one, 0), 0);
  });
  it('wraps a label wider than the bounds, and its box is as tall as its lines', () => {
    const text = 't = 15000 steps · 200 of 256 replicas per T drawn · 12 beyond the right edge (not drawn)';
    const lines = labelLines(text, DEFAULT_THEME, 250);
    expect(lines.length).toBeGreaterThan(1);
    const [req] = labelRequests([{ text, color: '#000', anchor: { x: 0, y: 0 }, at: [{ x: 0, y: 0 }] }], DEFAULT_THEME, 250);
    expect(req.width).toBeLessThanOrEqual(250);
    expect(req.height).toBe(lines.length * Math.round(DEFAULT_THEME.annotation * 1.25));
  });
});

describe('wrapBalanced', () => {
  it('keeps the greedy line count but evens the lines out', () => {
    const text = 'feature 2 (η₂ = 0.600)';
    expect(wrapText(text, 130, 13, mono)).toEqual(['feature 2 (η₂', '= 0.600)']);
    expect(wrapBalanced(text, 130, 13, mono)).toEqual(['feature 2', '(η₂ = 0.600)']);
  });
  it('leaves a text that fits on one line alone', () => {
    expect(wrapBalanced('γc = 0.5', 200, 13, mono)).toEqual(['γc = 0.5']);
  });
});
