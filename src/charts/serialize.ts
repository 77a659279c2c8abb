/**
 * Pure serialisation for chart exports: data rows → JSON (CSV: src/format/csv.ts, shared with the CLI), CSS declarations → inline style,
 * safe file names. No DOM here (the browser half is exportChart.ts).
 */

import type { Row } from '../format/csv';

export { columnsOf, csvField, rowsToCsv, type Cell, type Row } from '../format/csv';

/** JSON with non-finite numbers written as strings ("NaN", "Infinity") instead of null */
export function rowsToJson(rows: readonly Row[], meta: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...meta, rows }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
}

/** a file name from a chart title: ASCII letters, digits, '-' only */
export function safeFilename(title: string, fallback = 'chart'): string {
  const s = title
    .normalize('NFKD')
    .replace(/γ/g, 'gamma')
    .replace(/η/g, 'eta')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return s.length > 0 ? s.slice(0, 80) : fallback;
}

/** SVG presentation properties worth inlining from computed style when exporting */
export const INLINED_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const;

/** a style attribute from property/value pairs, skipping empty values */
export function styleDeclaration(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs
    .filter(([, v]) => v !== '' && v !== undefined)
    .map(([k, v]) => `${k}:${v.replace(/;/g, ',')}`)
    .join(';');
}

/** make a serialised <svg> standalone: xmlns attributes and an XML prolog */
export function standaloneSvg(markup: string): string {
  let s = markup;
  if (!/^<svg[^>]*\sxmlns=/.test(s)) s = s.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
  if (/xlink:/.test(s) && !/^<svg[^>]*\sxmlns:xlink=/.test(s)) s = s.replace(/^<svg/, '<svg xmlns:xlink="http://www.w3.org/1999/xlink"');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${s}`;
}

/**
 * A short file name for an export: "l2lab-" and the title up to its first colon, at most ~24
 * characters cut at a word ("Phase plane, D = 2: order parameter p vs γ (…)" → "l2lab-phase-plane-d-2").
 */
export function shortFilename(title: string): string {
  const head = safeFilename(title.split(':')[0], 'chart');
  const words = head.split('-');
  let out = words[0];
  for (const w of words.slice(1)) {
    if (out.length + 1 + w.length > 24) break;
    out += `-${w}`;
  }
  return `l2lab-${out.slice(0, 24)}`;
}

/**
 * Greedy word wrap to lines of at most `maxChars` characters. A word longer than a line (a link) is
 * broken after its "?" and "&" where possible, else cut.
 */
export function wrapText(text: string, maxChars: number): string[] {
  const max = Math.max(1, Math.floor(maxChars));
  const pieces: { text: string; glue: string }[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (word.length <= max) {
      pieces.push({ text: word, glue: ' ' });
      continue;
    }
    word.split(/(?<=[?&])/).forEach((part, i) => {
      for (let k = 0; k < part.length; k += max) pieces.push({ text: part.slice(k, k + max), glue: i === 0 && k === 0 ? ' ' : '' });
    });
  }
  const lines: string[] = [];
  let line = '';
  for (const { text: piece, glue } of pieces) {
    const joined = line ? `${line}${glue}${piece}` : piece;
    if (line && joined.length > max) {
      lines.push(line);
      line = piece;
    } else line = joined;
  }
  if (line) lines.push(line);
  return lines;
}
