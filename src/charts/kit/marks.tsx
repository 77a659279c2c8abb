/**
 * The small marks charts are drawn with, in data units on the frame's scales: Line (gaps at
 * non-finite values), Dots (one path for many), Rule (a vertical or horizontal line, optionally
 * labelled), Band (a shaded interval, or the area between two curves) and Labels (text placed by the
 * shared label placer, with halos and leader lines). Sizes come from the theme, colours from the palette.
 */
import type { ReactNode } from 'react';
import { area, curveLinear, curveStepAfter, line } from 'd3';
import { circlesPath } from '../markers';
import { INK } from '../palette';
import type { NumScale } from '../scales';
import { useChartTheme, type ChartTheme } from '../theme';
import { textWidth } from './layout';
import { wrapBalanced } from './wrap';
import { placeLabels, type LabelRequest, type PlaceOptions, type PlacedLabel, type Point } from './labels';

export type Dash = 'solid' | 'dashed' | 'dotted' | 'fine';

export const DASH: Record<Dash, string | undefined> = { solid: undefined, dashed: '7 4', dotted: '1.5 3.5', fine: '2 3' };

/** [x, y] in data units; a null or non-finite y breaks the line */
export type XY = readonly [number, number | null];

const isLog = (s: NumScale) => 'base' in s;
/** a value the scale can place (log scales: positive only) */
export const placeable = (s: NumScale, v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v) && (!isLog(s) || v > 0);

export interface LinePathOptions {
  step?: boolean;
  /** keep off-scale spikes drawable without huge path numbers (clamp to 3 spans beyond the domain) */
  clampY?: boolean;
}

export function linePath(data: Iterable<XY>, x: NumScale, y: NumScale, options: LinePathOptions = {}): string {
  const [y0, y1] = y.domain();
  const span = Math.abs(y1 - y0);
  const lo = Math.min(y0, y1) - 3 * span;
  const hi = Math.max(y0, y1) + 3 * span;
  const clamp = options.clampY && !isLog(y) ? (v: number) => Math.max(lo, Math.min(hi, v)) : (v: number) => v;
  const path = line<XY>()
    .defined((d) => placeable(x, d[0]) && placeable(y, d[1]))
    .x((d) => x(d[0]))
    .y((d) => y(clamp(d[1] as number)))
    .curve(options.step ? curveStepAfter : curveLinear);
  return path(Array.from(data)) ?? '';
}

export interface LineProps extends LinePathOptions {
  data: Iterable<XY>;
  x: NumScale;
  y: NumScale;
  color: string;
  /** stroke width, px (default: the theme's data stroke) */
  width?: number;
  dash?: Dash;
  opacity?: number;
}

export function Line({ data, x, y, color, width, dash = 'solid', opacity, ...options }: LineProps) {
  const theme = useChartTheme();
  return (
    <path
      d={linePath(data, x, y, options)}
      fill="none"
      stroke={color}
      strokeWidth={width ?? theme.stroke}
      strokeDasharray={DASH[dash]}
      strokeLinecap={dash === 'dotted' ? 'round' : undefined}
      strokeLinejoin="round"
      strokeOpacity={opacity}
    />
  );
}

export type DotGlyph = 'dot' | 'hollow' | 'cross';

export interface DotsProps {
  data: Iterable<readonly [number, number]>;
  x: NumScale;
  y: NumScale;
  color: string;
  glyph?: DotGlyph;
  /** radius, px (default: the theme's dot) */
  r?: number;
  opacity?: number;
}

/** pixel positions of the placeable points */
export function dotPositions(data: Iterable<readonly [number, number]>, x: NumScale, y: NumScale): [number, number][] {
  const out: [number, number][] = [];
  for (const [u, v] of data) if (placeable(x, u) && placeable(y, v)) out.push([x(u), y(v)]);
  return out;
}

export function Dots({ data, x, y, color, glyph = 'dot', r, opacity }: DotsProps) {
  const theme = useChartTheme();
  const radius = r ?? theme.dot;
  const xy = dotPositions(data, x, y);
  if (glyph === 'cross') {
    const d = xy
      .map(([u, v]) => `M${(u - radius).toFixed(1)},${(v - radius).toFixed(1)}l${2 * radius},${2 * radius}m0,${-2 * radius}l${-2 * radius},${2 * radius}`)
      .join('');
    return <path d={d} stroke={color} strokeWidth={theme.thin} fill="none" />;
  }
  const hollow = glyph === 'hollow';
  return (
    <path
      d={circlesPath(xy, radius)}
      fill={hollow ? INK.paper : color}
      fillOpacity={opacity ?? (hollow ? 0.6 : 0.85)}
      stroke={hollow ? color : undefined}
      strokeWidth={hollow ? theme.thin : undefined}
    />
  );
}

export interface RuleProps {
  /** 'v': a vertical rule at x = at; 'h': a horizontal one at y = at */
  orient: 'v' | 'h';
  at: number;
  scale: NumScale;
  /** the plot's extent across the rule: [from, to] in px (the plot's height or width) */
  span: [number, number];
  color: string;
  dash?: Dash;
  width?: number;
  /** a short label at the rule's start (top / left end), drawn with a halo */
  label?: string;
  labelColor?: string;
}

export function Rule({ orient, at, scale, span, color, dash = 'dashed', width, label, labelColor }: RuleProps) {
  const theme = useChartTheme();
  if (!placeable(scale, at)) return null;
  const p = scale(at);
  const [a, b] = span;
  const lineEl =
    orient === 'v' ? (
      <line x1={p} x2={p} y1={a} y2={b} stroke={color} strokeWidth={width ?? theme.thin} strokeDasharray={DASH[dash]} />
    ) : (
      <line
        x1={a}
        x2={b}
        y1={p}
        y2={p}
        stroke={color}
        strokeWidth={width ?? theme.thin}
        strokeDasharray={DASH[dash]}
        strokeLinecap={dash === 'dotted' ? 'round' : undefined}
      />
    );
  if (!label) return lineEl;
  return (
    <g>
      {lineEl}
      {orient === 'v' ? (
        <Text x={p - 4} y={a + theme.annotation} anchor="end" color={labelColor ?? color}>
          {label}
        </Text>
      ) : (
        <Text x={b - 4} y={p - 4} anchor="end" color={labelColor ?? color}>
          {label}
        </Text>
      )}
    </g>
  );
}

export interface BandProps {
  x: NumScale;
  color: string;
  opacity?: number;
  /** a shaded x interval [x0, x1] over the whole plot height */
  interval?: { x0: number; x1: number; height: number };
  /** or the area between two curves: [x, lower, upper] in data units */
  between?: { data: ReadonlyArray<readonly [number, number, number]>; y: NumScale };
}

export function Band({ x, color, opacity = 0.14, interval, between }: BandProps) {
  if (interval) {
    const [d0, d1] = x.domain();
    const a = x(Math.max(interval.x0, Math.min(d0, d1)));
    const c = x(Math.min(interval.x1, Math.max(d0, d1)));
    return c > a ? <rect x={a} width={c - a} y={0} height={interval.height} fill={color} fillOpacity={opacity} /> : null;
  }
  if (!between) return null;
  const y = between.y;
  const path = area<readonly [number, number, number]>()
    .defined((d) => placeable(x, d[0]) && placeable(y, d[1]) && placeable(y, d[2]))
    .x((d) => x(d[0]))
    .y0((d) => y(d[1]))
    .y1((d) => y(d[2]));
  return <path d={path(between.data) ?? ''} fill={color} fillOpacity={opacity} stroke="none" />;
}

export type TextSize = 'annotation' | 'font' | 'label';

export interface TextProps {
  x: number;
  y: number;
  color?: string;
  anchor?: 'start' | 'middle' | 'end';
  size?: TextSize;
  weight?: number;
  /** a white halo so the text reads over data (default true) */
  halo?: boolean;
  baseline?: 'central' | 'auto';
  children: ReactNode;
}

export function Text({ x, y, color = INK.text, anchor = 'start', size = 'annotation', weight, halo = true, baseline = 'auto', children }: TextProps) {
  const theme = useChartTheme();
  return (
    <text
      x={x}
      y={y}
      textAnchor={anchor}
      dominantBaseline={baseline === 'central' ? 'central' : undefined}
      fontSize={theme[size]}
      fontWeight={weight}
      fill={color}
      paintOrder={halo ? 'stroke' : undefined}
      stroke={halo ? INK.paper : undefined}
      strokeWidth={halo ? theme.halo : undefined}
      strokeLinejoin={halo ? 'round' : undefined}
    >
      {children}
    </text>
  );
}

export interface LabelSpec {
  text: string;
  color: string;
  weight?: number;
  anchor: Point;
  /** preferred positions relative to the anchor, best first: where the label's box sits */
  prefer?: ReadonlyArray<'right' | 'left' | 'above' | 'below' | 'above-right' | 'above-left' | 'below-right' | 'below-left'>;
  /** or explicit top-left corners */
  at?: ReadonlyArray<{ x: number; y: number }>;
  slide?: LabelRequest['slide'];
}

/** a label's box size at the theme's annotation size */
export function labelSize(text: string, theme: ChartTheme): { width: number; height: number } {
  return { width: textWidth(text, theme.annotation) + 2, height: Math.round(theme.annotation * 1.25) };
}

/** a label's lines: one, unless it is wider than `maxWidth` (then wrapped at spaces) */
export function labelLines(text: string, theme: ChartTheme, maxWidth?: number): string[] {
  if (maxWidth === undefined || labelSize(text, theme).width <= maxWidth) return [text];
  return wrapBalanced(text, maxWidth - 2, theme.annotation);
}

/** the box of a label of one or more lines */
export function linesSize(lines: readonly string[], theme: ChartTheme): { width: number; height: number } {
  const row = Math.round(theme.annotation * 1.25);
  return { width: Math.max(...lines.map((l) => labelSize(l, theme).width)), height: row * lines.length };
}

/** the box's top-left corner for a placement beside an anchor */
export function besideAnchor(where: NonNullable<LabelSpec['prefer']>[number], anchor: Point, size: { width: number; height: number }, pad: number) {
  const r = (anchor.r ?? 0) + pad;
  const { width: w, height: h } = size;
  const cx = anchor.x - w / 2;
  const cy = anchor.y - h / 2;
  switch (where) {
    case 'right':
      return { x: anchor.x + r, y: cy };
    case 'left':
      return { x: anchor.x - r - w, y: cy };
    case 'above':
      return { x: cx, y: anchor.y - r - h };
    case 'below':
      return { x: cx, y: anchor.y + r };
    case 'above-right':
      return { x: anchor.x + r * 0.7, y: anchor.y - r * 0.7 - h };
    case 'above-left':
      return { x: anchor.x - r * 0.7 - w, y: anchor.y - r * 0.7 - h };
    case 'below-right':
      return { x: anchor.x + r * 0.7, y: anchor.y + r * 0.7 };
    case 'below-left':
      return { x: anchor.x - r * 0.7 - w, y: anchor.y + r * 0.7 };
  }
}

/** the placer's requests for label specs (pure); labels wider than `maxWidth` wrap onto more lines */
export function labelRequests(labels: readonly LabelSpec[], theme: ChartTheme, maxWidth?: number): LabelRequest[] {
  return labels.map((l) => {
    const size = linesSize(labelLines(l.text, theme, maxWidth), theme);
    const at = l.at ?? (l.prefer ?? ['above-right']).map((w) => besideAnchor(w, l.anchor, size, 3));
    return { anchor: l.anchor, ...size, at, slide: l.slide };
  });
}

export interface LabelsProps {
  labels: readonly LabelSpec[];
  /** what the labels must keep off, and their bounds (usually the plot) */
  avoid?: PlaceOptions;
  /** labels wider than this wrap onto more lines (default: the bounds' width) */
  wrapWidth?: number;
}

/** texts placed by the shared placer: none overlaps another or covers a marker */
export function Labels({ labels, avoid, wrapWidth }: LabelsProps) {
  const theme = useChartTheme();
  const maxWidth = wrapWidth ?? avoid?.bounds?.width;
  const placed = placeLabels(labelRequests(labels, theme, maxWidth), avoid);
  return <PlacedTexts labels={labels} placed={placed} maxWidth={maxWidth} />;
}

export function PlacedTexts({
  labels,
  placed,
  maxWidth,
}: {
  labels: readonly Pick<LabelSpec, 'text' | 'color' | 'weight'>[];
  placed: readonly PlacedLabel[];
  /** the width the labels were wrapped to (labelRequests' maxWidth) */
  maxWidth?: number;
}) {
  const theme = useChartTheme();
  const row = Math.round(theme.annotation * 1.25);
  return (
    <g>
      {placed.map((p, i) =>
        p.leader ? <line key={`k${i}`} x1={p.leader.x1} y1={p.leader.y1} x2={p.leader.x2} y2={p.leader.y2} stroke={labels[i].color} strokeWidth={1} /> : null,
      )}
      {placed.map((p, i) =>
        labelLines(labels[i].text, theme, maxWidth).map((line, j, lines) => (
          <Text key={`${i}-${j}`} x={p.x + 1} y={p.y + row / 2 + j * row} baseline="central" color={labels[i].color} weight={labels[i].weight}>
            {lines.length === 1 ? labels[i].text : line}
          </Text>
        )),
      )}
    </g>
  );
}
