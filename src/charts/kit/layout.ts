/**
 * The plot frame's geometry, from the chart theme (pure: no DOM). Every chart's margins come from
 * here: the left margin fits the y tick labels and the y axis title at the theme's type sizes, the
 * top one the legend (wrapped to the width), the bottom one the x ticks and title. `bare` (small
 * multiples, embeds) drops the legend and the axis titles and keeps only the ticks.
 */
import { legendHeight, type LegendItem } from '../Legend';
import { logTicks } from '../scales';
import type { ChartTheme } from '../theme';
import { wrapText } from './wrap';

/** rough text width for layout; no DOM measuring so a chart is stable on first paint */
export const textWidth = (text: string, font: number): number => text.length * font * 0.58;

export interface SideAxisOptions {
  /** widest tick label, in characters (default 4: "0.25", "10⁻³") */
  tickChars?: number;
  /** an axis title beside the ticks (default true unless bare) */
  title?: boolean;
}

export interface FrameLayoutOptions {
  width: number;
  height: number;
  theme: ChartTheme;
  legend?: readonly LegendItem[];
  bare?: boolean;
  /** the left (y) axis */
  left?: SideAxisOptions;
  /** a second y axis on the right (omit for none) */
  right?: SideAxisOptions;
  /** the x axis has a title (default true unless bare) */
  xTitle?: boolean;
  /** the x title's text: when wider than the plot it wraps, and the bottom margin grows by its extra rows */
  xLabel?: string;
  /** space reserved above the plot for annotations (threshold labels), px */
  extraTop?: number;
  /** space reserved right of the plot (a colour bar, a censored column), px */
  extraRight?: number;
  /** the plot starts at least this far down (align the plots of small multiples) */
  minTop?: number;
}

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface FrameLayout {
  width: number;
  height: number;
  margin: Margin;
  plotW: number;
  plotH: number;
  /** top of the legend */
  legendY: number;
  /** the legend's left edge and width: the plot's, or on a narrow chart the whole width (so its entries wrap less) */
  legendX: number;
  legendW: number;
  /** where the legend (or, without one, the top padding) ends */
  legendBottom: number;
  legendItems: readonly LegendItem[];
  /** axis title positions relative to the plot's origin */
  titles: { xY: number; yX: number; y2X: number };
  bare: boolean;
}

/** below this width (px) a chart is laid out for a phone: the legend spans the whole width */
export const NARROW_CHART = 520;
/** on a narrow chart the plot keeps at least this share of the requested height */
export const MIN_PLOT_SHARE = 0.5;

/** the gap a tick and its padding take beside an axis */
const tickSpace = (theme: ChartTheme) => theme.px(6) + theme.px(6);

function sideWidth(theme: ChartTheme, side: SideAxisOptions, bare: boolean): { width: number; title: number } {
  const ticks = tickSpace(theme) + textWidth('0'.repeat(side.tickChars ?? 4), theme.font);
  const titled = (side.title ?? true) && !bare;
  // the title's baseline sits one title height outside the tick labels
  return { width: ticks + (titled ? theme.label * 1.5 : 0) + 4, title: ticks + theme.label * 0.5 + 2 };
}

export function frameLayout(options: FrameLayoutOptions): FrameLayout {
  const { width, height, theme, bare = false, extraTop = 0, extraRight = 0, minTop = 0 } = options;
  const left = sideWidth(theme, options.left ?? {}, bare);
  const right = options.right ? sideWidth(theme, options.right, bare) : null;
  const xTitled = (options.xTitle ?? true) && !bare;
  const leftW = Math.round(left.width);
  const rightW = Math.round((right ? right.width : theme.px(18)) + extraRight);
  const legendItems = bare ? [] : (options.legend ?? []);
  const narrow = width < NARROW_CHART;
  const legendX = narrow ? theme.px(4) : leftW;
  const legendWidth = narrow ? Math.max(40, width - 2 * theme.px(4)) : Math.max(40, width - leftW - rightW);
  const legendY = theme.px(8);
  const legendH = legendItems.length > 0 ? legendHeight([...legendItems], legendWidth, theme.font) + theme.px(8) : 0;
  const top = Math.max(minTop, Math.round(legendY + legendH + extraTop + (bare ? 0 : theme.px(4))));
  const plotW = Math.max(40, width - leftW - rightW);
  const xRows = xTitled && options.xLabel ? xTitleLines(options.xLabel, plotW, theme).length : 1;
  const bottom = Math.round(tickSpace(theme) + theme.font * 1.2 + (xTitled ? theme.label * (1.4 + (xRows - 1) * X_TITLE_ROW) : 0) + 3);
  const margin = { top, right: rightW, bottom, left: leftW };
  // a legend wrapped to many rows on a narrow chart makes the chart taller, not its plot flat
  const minPlotH = narrow && legendItems.length > 0 ? Math.round(height * MIN_PLOT_SHARE) : 0;
  const grownHeight = Math.max(height, top + bottom + minPlotH);
  const plotH = Math.max(40, grownHeight - top - bottom);
  return {
    width,
    height: grownHeight,
    margin,
    plotW,
    plotH,
    legendY,
    legendX,
    legendW: legendWidth,
    legendBottom: legendY + legendH,
    legendItems,
    titles: {
      xY: plotH + bottom - theme.label * (0.45 + (xRows - 1) * X_TITLE_ROW) - 2,
      yX: -(leftW - theme.label * 0.95),
      y2X: plotW + (right ? right.title : 0) + theme.label * 0.5,
    },
    bare,
  };
}

/** an x title's rows, in units of its type size */
export const X_TITLE_ROW = 1.2;

/** the x axis title's lines at the plot's width (one line when it fits) */
export function xTitleLines(label: string, plotW: number, theme: ChartTheme): string[] {
  return wrapText(label, plotW, theme.label);
}

/** the same frame with more room above the plot (labels whose rows depend on the x scale) */
export function withExtraTop<L extends FrameLayout>(layout: L, extra: number): L {
  if (extra <= 0) return layout;
  const top = layout.margin.top + Math.round(extra);
  const plotH = Math.max(40, layout.height - top - layout.margin.bottom);
  return {
    ...layout,
    margin: { ...layout.margin, top },
    plotH,
    titles: { ...layout.titles, xY: layout.titles.xY - (layout.plotH - plotH) },
  };
}

export interface TickPlan {
  /** d3's tick-count hint (linear axes) */
  count: number;
  /** explicit values (log axes: never crowding; see logTicks) */
  values?: number[];
}

/** how many ticks an axis of this length holds at the theme's type size */
export function tickPlan(orient: 'x' | 'y', length: number, domain: [number, number], log: boolean, theme: ChartTheme): TickPlan {
  if (orient === 'x') {
    if (log) return { count: 6, values: logTicks(domain, length / (theme.font * 4.5)) };
    return { count: Math.max(2, Math.floor(length / theme.px(80))) };
  }
  if (log) return { count: 5, values: logTicks(domain, length / (theme.font * 2.2)) };
  return { count: Math.max(2, Math.min(5, Math.floor(length / (theme.font * 2.4)))) };
}

/** the frame with at least `strip` px free between the legend and the plot */
export function withTopStrip<L extends FrameLayout>(layout: L, strip: number): L {
  return withExtraTop(layout, strip - (layout.margin.top - layout.legendBottom));
}
