/**
 * Small multiples in ONE <svg> (so SVG/PNG export takes the whole figure): a grid of panels that
 * share an x axis domain (γ, or a ramp rate), each with its own y axis, lines (theory), point
 * markers (measurements), vertical rules (γ_c, γ_sp) and shaded bands (phases). One legend on top.
 */
import { useMemo } from 'react';
import { formatTick } from '../Axis';
import { finiteExtent, paddedDomain } from '../domains';
import { placeLabels, samplePolyline, type Box, type Point } from '../kit/labels';
import { frameLayout, type FrameLayout } from '../kit/layout';
import { ChartSvg, plotAxis, PlotArea, useFrame, type PlotAxis } from '../kit/PlotFrame';
import { Band as BandMark, DASH, dotPositions, Dots, Line, labelRequests, PlacedTexts, type LabelSpec } from '../kit/marks';
import type { LegendItem } from '../Legend';
import { INK } from '../palette';
import { decadeTicks, type NumScale } from '../scales';
import type { ChartTheme } from '../theme';
import { gridColumns, panelHeader, MIN_PANEL_WIDTH, type PanelHeader } from './panelLayout';

export type Dash = 'solid' | 'dashed' | 'dotted';

export interface LineSeries {
  color: string;
  dash?: Dash;
  width?: number;
  /** [x, y]; a null y breaks the line */
  data: Array<readonly [number, number | null]>;
  step?: boolean;
}

export interface PointSeries {
  color: string;
  glyph: 'dot' | 'hollow' | 'cross';
  data: Array<readonly [number, number]>;
  r?: number;
}

export interface VRule {
  x: number;
  label?: string;
  color: string;
  dash?: Dash;
  /** which side of the rule the label sits on (default right) */
  side?: 'left' | 'right';
  /** label row from the top (stagger labels of nearby rules) */
  row?: number;
}

export interface Band {
  x0: number;
  x1: number;
  color: string;
  opacity?: number;
  label?: string;
}

export interface Panel {
  key: string;
  title?: string;
  yLabel: string;
  /** fixed y domain; default: the data's extent, padded */
  yDomain?: [number, number];
  lines?: LineSeries[];
  points?: PointSeries[];
  rules?: VRule[];
  bands?: Band[];
  /** draw the lines over the points (exact curves through dense measurements) */
  linesOver?: boolean;
  /** text drawn at the top right, above the plot (e.g. a measured loop area); '\n' starts a new line */
  note?: string;
  /** draw the note inside the plot's top-right corner instead (where the title leaves no room) */
  noteInside?: boolean;
}

export interface PanelGridProps {
  panels: Panel[];
  xDomain: [number, number];
  xLabel: string;
  logX?: boolean;
  columns?: number;
  panelHeight?: number;
  legend?: LegendItem[];
  ariaLabel: string;
  /** x tick format (default formatTick) */
  xFormat?: (v: number) => string;
  /** explicit x ticks (default: decades on a log axis, d3's choice otherwise) */
  xTickValues?: number[];
}

/**
 * One svg for the whole grid: the legend on top, then one plot per panel laid out by the kit (the
 * margins of each cell from the theme), all sharing the x axis.
 */
export function PanelGrid({
  panels,
  xDomain,
  xLabel,
  logX = false,
  columns,
  panelHeight = 220,
  legend = [],
  ariaLabel,
  xFormat = formatTick,
  xTickValues,
}: PanelGridProps) {
  const outer = useFrame({ height: 0, legend, fallbackWidth: 900 });
  const { theme, width } = outer;
  const cols = gridColumns(width - 8, panels.length, columns, theme.px(MIN_PANEL_WIDTH));
  const rows = Math.ceil(panels.length / cols);
  const cellW = (width - 8) / cols;
  const plotW = frameLayout({ width: cellW, height: panelHeight, theme, left: { tickChars: 4 } }).plotW;
  const headers = panels.map((p) => panelHeader(p, plotW, theme));
  const headerRows = Math.max(0, ...headers.map((h) => h.rows));
  const titleH = headerRows > 0 ? Math.round(headerRows * theme.label * 1.25 + theme.label * 0.3) : theme.px(6);
  // a heading or an x title of more than one row makes the panel taller, not its plot shorter
  const plain = frameLayout({ width: cellW, height: panelHeight, theme, extraTop: Math.round(theme.label * 1.5), left: { tickChars: 4 } });
  const grown = frameLayout({ width: cellW, height: panelHeight, theme, extraTop: titleH, left: { tickChars: 4 }, xLabel });
  const cellH = panelHeight + grown.margin.top - plain.margin.top + grown.margin.bottom - plain.margin.bottom;
  const cell = frameLayout({ width: cellW, height: cellH, theme, extraTop: titleH, left: { tickChars: 4 }, xLabel });
  const top = outer.legendItems.length > 0 ? outer.legendBottom : 0;
  const figure = { ...outer, height: top + rows * cellH + 4 };
  const x = useMemo(
    () =>
      plotAxis({ domain: xDomain, log: logX, label: xLabel, format: xFormat, tickValues: xTickValues ?? (logX ? decadeTicks(xDomain) : undefined) }, [
        0,
        cell.plotW,
      ]),
    [xDomain, logX, xLabel, xFormat, xTickValues, cell.plotW],
  );
  return (
    <ChartSvg frame={figure} ariaLabel={ariaLabel} paper>
      {panels.map((p, i) => (
        <PanelPlot
          key={p.key}
          panel={p}
          layout={cell}
          origin={{ x: (i % cols) * cellW + cell.margin.left, y: top + Math.floor(i / cols) * cellH + cell.margin.top }}
          header={headers[i]}
          clipId={`${outer.clipId}-${i}`}
          x={x}
          theme={theme}
        />
      ))}
    </ChartSvg>
  );
}

function panelY(panel: Panel, plotH: number): PlotAxis {
  const ys: number[] = [];
  panel.lines?.forEach((l) => l.data.forEach(([, v]) => v !== null && ys.push(v)));
  panel.points?.forEach((s) => s.data.forEach(([, v]) => ys.push(v)));
  return plotAxis({ domain: panel.yDomain ?? paddedDomain(finiteExtent(ys), 0.06), nice: !panel.yDomain, label: panel.yLabel, ticks: 4 }, [plotH, 0]);
}

interface PanelPlotProps {
  panel: Panel;
  header: PanelHeader;
  layout: FrameLayout;
  origin: { x: number; y: number };
  clipId: string;
  x: PlotAxis;
  theme: ChartTheme;
}

function PanelPlot({ panel, header, layout, origin, clipId, x, theme }: PanelPlotProps) {
  const { plotW, plotH } = layout;
  const y = useMemo(() => panelY(panel, plotH), [panel, plotH]);
  const clip = `url(#${clipId})`;
  const lines = panel.lines?.map((l, k) => (
    <Line key={`l${k}`} data={l.data} x={x.scale} y={y.scale} color={l.color} dash={l.dash} width={l.width} step={l.step} clampY />
  ));
  return (
    <PlotArea
      layout={layout}
      clipId={clipId}
      x={x}
      y={y}
      origin={origin}
      under={
        <g clipPath={clip}>
          {panel.bands?.map((b, k) => (
            <BandMark key={`b${k}`} x={x.scale} color={b.color} opacity={b.opacity ?? 0.14} interval={{ x0: b.x0, x1: b.x1, height: plotH }} />
          ))}
        </g>
      }
    >
      <PanelHeading header={header} plotW={plotW} theme={theme} />
      <g clipPath={clip}>
        {!panel.linesOver && lines}
        {panel.points?.map((s, k) => (
          <Dots key={`p${k}`} data={s.data} x={x.scale} y={y.scale} color={s.color} glyph={s.glyph} r={s.r} />
        ))}
        {panel.linesOver && lines}
      </g>
      <PanelRules panel={panel} x={x.scale} y={y.scale} plotW={plotW} plotH={plotH} theme={theme} />
      {panel.note && panel.noteInside && <PanelNote note={panel.note} plotW={plotW} plotH={plotH} theme={theme} />}
    </PlotArea>
  );
}

interface PanelRulesProps {
  panel: Panel;
  x: NumScale;
  y: NumScale;
  plotW: number;
  plotH: number;
  theme: ChartTheme;
}

/** the rules, and their labels placed near the top: clear of each other, the dots, the curves and the other rules */
function PanelRules({ panel, x, y, plotW, plotH, theme }: PanelRulesProps) {
  const rules = useMemo(
    () =>
      (panel.rules ?? []).filter((r) => {
        const rx = x(r.x);
        return rx >= 0 && rx <= plotW;
      }),
    [panel.rules, x, plotW],
  );
  const placed = useMemo(() => {
    const labelled = rules.filter((r) => r.label);
    const bandSpecs = bandLabelSpecs(panel.bands, x, plotH, theme);
    if (labelled.length === 0 && bandSpecs.length === 0) return null;
    const obstacles: Point[] = [];
    panel.points?.forEach((s) => dotPositions(s.data, x, y).forEach(([u, v]) => obstacles.push({ x: u, y: v, r: s.r ?? theme.dot })));
    panel.lines?.forEach((l) =>
      samplePolyline(
        l.data.map(([u, v]) => [x(u), v === null ? NaN : y(v)] as const),
        4,
        (l.width ?? theme.stroke) / 2,
        { x: 0, y: 0, width: plotW, height: plotH },
      ).forEach((q) => obstacles.push(q)),
    );
    for (const r of rules) for (let v = 0; v <= plotH; v += 4) obstacles.push({ x: x(r.x), y: v, r: 0.5 });
    const rowH = Math.round(theme.annotation * 1.25);
    const specs: LabelSpec[] = labelled.map((r, k) => {
      const rx = x(r.x);
      const text = r.label as string;
      const w = labelRequests([{ text, color: r.color, anchor: { x: 0, y: 0 } }], theme)[0].width;
      const rowY = theme.px(2) + (r.row ?? k % 3) * rowH;
      const right = { x: rx + 3, y: rowY };
      const left = { x: rx - 3 - w, y: rowY };
      return { text, color: r.color, weight: 600, anchor: { x: rx, y: rowY + rowH / 2 }, at: r.side === 'left' ? [left, right] : [right, left], slide: 'y' };
    });
    const boxes = placeLabels(labelRequests(specs, theme), { points: obstacles, bounds: { x: 0, y: 0, width: plotW, height: plotH }, avoidAnchors: false });
    // each band's name stays inside its band (it slides only along it), clear of the rule labels and the curves
    for (const band of bandSpecs) {
      const [placed] = placeLabels(labelRequests([band.spec], theme), {
        points: obstacles,
        boxes,
        bounds: band.bounds,
        avoidAnchors: false,
        step: 3,
        maxSteps: Math.ceil(band.bounds.width / 3),
        leaderBeyond: Infinity,
      });
      specs.push(band.spec);
      boxes.push(placed);
    }
    return { specs, boxes };
  }, [rules, panel.points, panel.lines, panel.bands, x, y, plotW, plotH, theme]);
  return (
    <g>
      {rules.map((rule, k) => (
        <line
          key={`r${k}`}
          x1={x(rule.x)}
          x2={x(rule.x)}
          y1={0}
          y2={plotH}
          stroke={rule.color}
          strokeWidth={theme.thin}
          strokeDasharray={DASH[rule.dash ?? 'dashed']}
        />
      ))}
      {placed && <PlacedTexts labels={placed.specs} placed={placed.boxes} />}
    </g>
  );
}

/** the bands' names along the plot's bottom, in their band; a band too narrow for its name goes unnamed */
function bandLabelSpecs(bands: Band[] | undefined, x: NumScale, plotH: number, theme: ChartTheme): { spec: LabelSpec; bounds: Box }[] {
  if (!bands) return [];
  const [d0, d1] = x.domain();
  const out: { spec: LabelSpec; bounds: Box }[] = [];
  for (const b of bands) {
    if (!b.label) continue;
    const a = x(Math.max(b.x0, Math.min(d0, d1)));
    const c = x(Math.min(b.x1, Math.max(d0, d1)));
    const size = labelRequests([{ text: b.label, color: INK.faint, anchor: { x: 0, y: 0 } }], theme)[0];
    if (c - a < size.width + 4) continue;
    const cx = (a + c) / 2;
    const y = plotH - 4 - size.height;
    out.push({
      spec: { text: b.label, color: INK.faint, anchor: { x: cx, y: y + size.height / 2 }, at: [{ x: cx - size.width / 2, y }], slide: 'x' },
      bounds: { x: a + 1, y: 0, width: c - a - 2, height: plotH },
    });
  }
  return out;
}

function PanelNote({ note, plotW, plotH, theme }: { note: string; plotW: number; plotH: number; theme: ChartTheme }) {
  const nx = plotW - 6;
  return (
    <text x={nx} y={plotH * 0.5} textAnchor="end" fontSize={theme.annotation} fill={INK.text} fontWeight={600}>
      {note.split('\n').map((part, j) => (
        <tspan key={j} x={nx} dy={j === 0 ? 0 : Math.round(theme.annotation * 1.25)}>
          {part}
        </tspan>
      ))}
    </text>
  );
}

/** the title's lines (left) and the note's (right) above the plot, bottom row just above it */
function PanelHeading({ header, plotW, theme }: { header: PanelHeader; plotW: number; theme: ChartTheme }) {
  const rowH = theme.label * 1.25;
  const baseline = (row: number) => -theme.px(7) - (header.rows - 1 - row) * rowH;
  return (
    <g>
      {header.title.length > 0 && (
        <text fontSize={theme.label} fontWeight={600} fill={INK.text}>
          {header.title.map((line, j) => (
            <tspan key={j} x={0} y={baseline(j)}>
              {line}
            </tspan>
          ))}
        </text>
      )}
      {header.note.length > 0 && (
        <text textAnchor="end" fontSize={theme.annotation} fontWeight={600} fill={INK.text}>
          {header.note.map((line, j) => (
            <tspan key={j} x={plotW} y={baseline(header.noteRow + j)}>
              {line}
            </tspan>
          ))}
        </text>
      )}
    </g>
  );
}
