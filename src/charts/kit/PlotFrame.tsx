/**
 * The plot frame every chart draws in: a measured width, margins from the theme (kit/layout.ts), an
 * <svg> with its role and label, the legend, the axes (ticks that never crowd, grid), a clip path with
 * a unique id, and the axis titles. A chart calls useFrame for the geometry, plotAxis for its
 * scales, and draws its marks as children of <PlotFrame>; a figure of several plots in one svg
 * (PanelGrid) uses <ChartSvg> around several <PlotArea>s. ChartCard wraps it in the titled card with
 * the export menu unless the chart is `bare`.
 */
import { useId, type ReactNode, type RefObject } from 'react';
import { Axis, AxisLabel, formatTick } from '../Axis';
import { ChartFrame, type ChartFrameProps } from '../ChartFrame';
import { SvgLegend } from '../Legend';
import { INK } from '../palette';
import { makeScale, type NumScale } from '../scales';
import { useChartTheme, type ChartTheme } from '../theme';
import { useElementWidth } from '../useElementWidth';
import { frameLayout, tickPlan, X_TITLE_ROW, xTitleLines, type FrameLayout, type FrameLayoutOptions } from './layout';

export interface Frame extends FrameLayout {
  theme: ChartTheme;
  /** the plot's clip path, for `clipPath={frame.clip}` */
  clip: string;
  clipId: string;
  ref: RefObject<HTMLDivElement | null>;
}

export type FrameOptions = Omit<FrameLayoutOptions, 'width' | 'theme'> & {
  /** width before the first measurement */
  fallbackWidth?: number;
};

/** a clip-path id unique on the page and valid in url(#…) */
export function useClipId(prefix = 'l2c-clip'): string {
  return `${prefix}-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
}

export function useFrame(options: FrameOptions): Frame {
  const [ref, width] = useElementWidth<HTMLDivElement>(options.fallbackWidth);
  const theme = useChartTheme();
  const clipId = useClipId();
  return { ...frameLayout({ ...options, width, theme }), theme, clipId, clip: `url(#${clipId})`, ref };
}

export interface AxisSpec {
  domain: [number, number];
  log?: boolean;
  /** round the domain to nice values (linear axes) */
  nice?: boolean;
  /** the axis title (not drawn when the frame is bare) */
  label?: string;
  /** tick-count hint; default from the axis length and the type size */
  ticks?: number;
  tickValues?: number[];
  format?: (v: number) => string;
  /** grid lines across the plot (default: on for the left axis only) */
  grid?: boolean;
}

export interface PlotAxis {
  scale: NumScale;
  spec: AxisSpec;
}

export function plotAxis(spec: AxisSpec, range: [number, number]): PlotAxis {
  const scale = makeScale(spec.log ?? false, spec.domain, range);
  if (spec.nice && !spec.log) scale.nice();
  return { scale, spec };
}

export interface ChartSvgProps {
  frame: Frame;
  ariaLabel: string;
  /** paint a white background (figures exported as one picture) */
  paper?: boolean;
  /** HTML drawn under the svg (a canvas); the svg is then positioned over it */
  underlay?: ReactNode;
  /** the svg's width when the figure is narrower than its container */
  svgWidth?: number;
  children: ReactNode;
}

export function ChartSvg({ frame, ariaLabel, paper, underlay, svgWidth, children }: ChartSvgProps) {
  const { theme } = frame;
  const width = svgWidth ?? frame.width;
  const svg = (
    <svg
      data-chart-svg
      width={width}
      height={frame.height}
      role="img"
      aria-label={ariaLabel}
      fontFamily={theme.fontFamily}
      style={underlay ? { position: 'absolute', left: 0, top: 0 } : undefined}
    >
      {paper && <rect width={width} height={frame.height} fill={INK.paper} />}
      {frame.legendItems.length > 0 && <SvgLegend items={[...frame.legendItems]} x={frame.legendX} y={frame.legendY} width={frame.legendW} />}
      {children}
    </svg>
  );
  return (
    <div ref={frame.ref} style={{ width: '100%' }}>
      {underlay ? (
        <div style={{ position: 'relative', width, height: frame.height }}>
          {underlay}
          {svg}
        </div>
      ) : (
        svg
      )}
    </div>
  );
}

export interface PlotAreaProps {
  layout: FrameLayout;
  clipId: string;
  x: PlotAxis;
  y: PlotAxis;
  /** a second y axis on the right */
  y2?: PlotAxis;
  /** where the plot's origin sits in the svg (default: the layout's margins) */
  origin?: { x: number; y: number };
  /** the clip rectangle's padding beyond the plot, px (dots on the edge stay whole) */
  clipPad?: number;
  /** drawn before the axes and grid (shaded bands) */
  under?: ReactNode;
  /** no axes at all (a plot whose axes another part of the figure draws) */
  noAxes?: boolean;
  /** draw the axes over the marks (a plot filled edge to edge: a map, a heatmap) */
  axesOnTop?: boolean;
  children?: ReactNode;
}

export function PlotArea({ layout, clipId, x, y, y2, origin, clipPad = 0, under, noAxes, axesOnTop, children }: PlotAreaProps) {
  const theme = useChartTheme();
  const { plotW, plotH, titles, bare } = layout;
  const ox = origin?.x ?? layout.margin.left;
  const oy = origin?.y ?? layout.margin.top;
  const axes = noAxes ? null : (
    <>
      <Axis {...axisProps(y, 'y', plotH, theme)} orient="left" grid={(y.spec.grid ?? true) ? plotW : 0} />
      <Axis {...axisProps(x, 'x', plotW, theme)} orient="bottom" y={plotH} grid={x.spec.grid ? plotH : 0} />
      {y2 && <Axis {...axisProps(y2, 'y', plotH, theme)} orient="right" x={plotW} />}
    </>
  );
  return (
    <g transform={`translate(${ox},${oy})`}>
      {under}
      {!axesOnTop && axes}
      <clipPath id={clipId}>
        <rect x={-clipPad} y={-clipPad} width={plotW + 2 * clipPad} height={plotH + 2 * clipPad} />
      </clipPath>
      {children}
      {axesOnTop && axes}
      {!bare && !noAxes && (
        <>
          {x.spec.label && <XTitle x={plotW / 2} y={titles.xY} text={x.spec.label} width={plotW} theme={theme} />}
          {y.spec.label && <AxisLabel x={titles.yX} y={plotH / 2} text={y.spec.label} rotate />}
          {y2?.spec.label && <AxisLabel x={titles.y2X} y={plotH / 2} text={y2.spec.label} rotate />}
        </>
      )}
    </g>
  );
}

/** the x title, wrapped to the plot's width (the layout reserved its rows when told the text) */
function XTitle({ x, y, text, width, theme }: { x: number; y: number; text: string; width: number; theme: ChartTheme }) {
  const lines = xTitleLines(text, width, theme);
  if (lines.length === 1) return <AxisLabel x={x} y={y} text={text} />;
  return (
    <g>
      {lines.map((line, j) => (
        <AxisLabel key={j} x={x} y={y + j * theme.label * X_TITLE_ROW} text={line} />
      ))}
    </g>
  );
}

/** an axis's scale and ticks: the spec's, else as many as its length holds at the theme's type size */
function axisProps(axis: PlotAxis, orient: 'x' | 'y', length: number, theme: ChartTheme) {
  const plan = tickPlan(orient, length, axis.scale.domain() as [number, number], axis.spec.log ?? false, theme);
  return {
    scale: axis.scale,
    ticks: axis.spec.ticks ?? plan.count,
    tickValues: axis.spec.tickValues ?? plan.values,
    tickFormat: axis.spec.format ?? formatTick,
  };
}

export interface PlotFrameProps extends Omit<PlotAreaProps, 'layout' | 'clipId' | 'origin'> {
  frame: Frame;
  ariaLabel: string;
  paper?: boolean;
}

/** one plot in one svg: the common case */
export function PlotFrame({ frame, ariaLabel, paper, ...area }: PlotFrameProps) {
  return (
    <ChartSvg frame={frame} ariaLabel={ariaLabel} paper={paper}>
      <PlotArea layout={frame} clipId={frame.clipId} {...area} />
    </ChartSvg>
  );
}

/** the titled card with the export menu, or the bare picture */
export function ChartCard({ bare, children, ...card }: ChartFrameProps & { bare?: boolean }) {
  if (bare) return <>{children}</>;
  return <ChartFrame {...card}>{children}</ChartFrame>;
}
