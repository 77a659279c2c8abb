/**
 * How a grid of panels fits its width (pure: no DOM): how many columns (panels stack, one per row,
 * on a phone), and each panel's heading: the title wrapped to the plot's width, the note (a measured
 * value) on the right of the title's last row when both fit, else on rows of its own below it.
 */
import { textWidth } from '../kit/layout';
import { wrapText } from '../kit/wrap';
import type { ChartTheme } from '../theme';

/** the narrowest panel, px at 13 px type (scaled with the theme) */
export const MIN_PANEL_WIDTH = 250;

export function gridColumns(width: number, panels: number, requested: number | undefined, minPanelWidth: number): number {
  const wanted = Math.max(1, Math.min(requested ?? panels, panels));
  const fit = Math.max(1, Math.floor(width / minPanelWidth));
  return Math.min(wanted, fit);
}

export interface PanelHeader {
  title: string[];
  note: string[];
  /** the row the note's first line sits on */
  noteRow: number;
  /** rows the heading takes */
  rows: number;
}

/** bold text is wider than the layout's estimate for regular text */
const BOLD = 1.08;

export function panelHeader(
  panel: { title?: string; note?: string; noteInside?: boolean },
  plotW: number,
  theme: Pick<ChartTheme, 'label' | 'annotation'>,
): PanelHeader {
  const titleMeasure = (t: string, f: number) => textWidth(t, f) * BOLD;
  const title = panel.title ? wrapText(panel.title, plotW, theme.label, titleMeasure) : [];
  const note = panel.note && !panel.noteInside ? panel.note.split('\n').flatMap((l) => wrapText(l, plotW, theme.annotation, titleMeasure)) : [];
  if (note.length === 0) return { title, note, noteRow: 0, rows: title.length };
  const last = title.length > 0 ? titleMeasure(title[title.length - 1], theme.label) : 0;
  const noteW = Math.max(...note.map((l) => titleMeasure(l, theme.annotation)));
  const gap = theme.label;
  // beside the title's last row when they fit together (and the note is one line), else below
  const beside = title.length === 0 || (note.length === 1 && last + gap + noteW <= plotW);
  const noteRow = title.length === 0 ? 0 : beside ? title.length - 1 : title.length;
  return { title, note, noteRow, rows: Math.max(title.length, noteRow + note.length) };
}
