/**
 * Text wrapping for SVG (pure: no DOM): split a string into lines no wider than a width, at the
 * same rough text-width estimate the layout uses, so a title or a legend entry never runs past the
 * edge of a narrow chart. Breaks at spaces; a single word wider than the line is cut by characters.
 */
export type Measure = (text: string, font: number) => number;

/** the layout's rough text width (kit/layout.ts textWidth; repeated here so the legend can wrap without an import cycle) */
const textWidth: Measure = (text, font) => text.length * font * 0.58;

export function wrapText(text: string, maxWidth: number, font: number, measure: Measure = textWidth): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w.length > 0)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate, font) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      // a word wider than the whole line: cut it into pieces that fit
      let rest = word;
      while (measure(rest, font) > maxWidth && rest.length > 1) {
        let n = rest.length - 1;
        while (n > 1 && measure(rest.slice(0, n), font) > maxWidth) n--;
        lines.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** the widest line, at the same estimate */
export function widestLine(lines: readonly string[], font: number, measure: Measure = textWidth): number {
  return lines.reduce((w, l) => Math.max(w, measure(l, font)), 0);
}

/**
 * The same number of lines as wrapText gives, with the lines as even as they can be (the narrowest
 * width that still needs no more lines), so a two-line label breaks near its middle, not after
 * its last word that fits.
 */
export function wrapBalanced(text: string, maxWidth: number, font: number, measure: Measure = textWidth): string[] {
  const greedy = wrapText(text, maxWidth, font, measure);
  if (greedy.length <= 1) return greedy;
  let lo = 0;
  let hi = maxWidth;
  for (let i = 0; i < 24 && hi - lo > 0.5; i++) {
    const mid = (lo + hi) / 2;
    if (wrapText(text, mid, font, measure).length <= greedy.length) hi = mid;
    else lo = mid;
  }
  return wrapText(text, hi, font, measure);
}
