/**
 * An empirical 2-D slice of the loss: a grid of values drawn on a <canvas>, with an SVG overlay for
 * the axes, a colour bar (log scale, viridis), optional contour lines and labelled markers (the
 * origin θ = 0, the current weights, …). Grid layout: row-major [betas.length × alphas.length].
 */
import { memo, useEffect, useMemo, useRef } from 'react';
import { contours, geoPath, geoTransform, interpolateViridis, scaleLinear, scaleLog, scaleSequential, scaleSequentialLog } from 'd3';
import { Axis, AxisLabel, formatTick } from './Axis';
import { cellExtent, contourLevels, heatmapColorDomain } from './heatmapModel';
import { placeLabels } from './kit/labels';
import { ChartCard, ChartSvg, plotAxis, PlotArea, useFrame } from './kit/PlotFrame';
import { labelRequests, PlacedTexts, type LabelSpec } from './kit/marks';
import { INK } from './palette';
import { decadeTicks } from './scales';
import type { Row } from './serialize';
import { useChartTheme } from './theme';

export interface SliceMarker {
  alpha: number;
  beta: number;
  label: string;
  shape?: 'circle' | 'diamond' | 'plus';
}

export interface SliceHeatmapProps {
  /** loss values, row-major [betas.length × alphas.length] */
  values: ArrayLike<number>;
  alphas: ArrayLike<number>;
  betas: ArrayLike<number>;
  /** caption under the title: how the plane was chosen */
  label?: string;
  title?: string;
  xLabel?: string;
  yLabel?: string;
  markers?: SliceMarker[];
  contours?: boolean;
  height?: number;
  testId?: string;
  bare?: boolean;
}

const DEFAULT_MARKERS: SliceMarker[] = [
  { alpha: 0, beta: 0, label: 'origin θ = 0', shape: 'plus' },
  { alpha: 1, beta: 0, label: 'current θ', shape: 'circle' },
];

function SliceHeatmapImpl(props: SliceHeatmapProps) {
  const {
    values,
    alphas,
    betas,
    label,
    title = 'Empirical loss slice',
    xLabel = 'α  (toward current weights)',
    yLabel = 'β  (random direction)',
    markers = DEFAULT_MARKERS,
    contours: showContours = true,
    height = 360,
    testId,
    bare,
  } = props;
  const theme = useChartTheme();
  const barW = theme.px(14);
  // the colour bar: a gap, the bar, its ticks and its title
  const full = useFrame({ height, bare, extraRight: theme.px(88) });
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const na = alphas.length;
  const nb = betas.length;
  const { margin, plotH } = full;
  const plotW = Math.max(40, Math.min(full.plotW, plotH * 1.6));
  const frame = { ...full, plotW };

  const color = useMemo(() => heatmapColorDomain(values), [values]);
  const colorOf = useMemo(
    () =>
      color.log
        ? scaleSequentialLog(interpolateViridis).domain(color.domain).clamp(true)
        : scaleSequential(interpolateViridis).domain(color.domain).clamp(true),
    [color],
  );
  const ax = useMemo(() => plotAxis({ domain: cellExtent(alphas), label: xLabel, grid: false }, [0, plotW]), [alphas, plotW, xLabel]);
  const ay = useMemo(() => plotAxis({ domain: cellExtent(betas), label: yLabel, grid: false }, [plotH, 0]), [betas, plotH, yLabel]);
  const x = ax.scale;
  const y = ay.scale;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || na === 0 || nb === 0) return;
    canvas.width = na;
    canvas.height = nb;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(na, nb);
    const [lo] = color.domain;
    for (let bi = 0; bi < nb; bi++) {
      const row = nb - 1 - bi; // β grows upwards
      for (let ai = 0; ai < na; ai++) {
        const v = values[bi * na + ai];
        const c = Number.isFinite(v) ? colorOf(color.log ? Math.max(v, lo) : v) : INK.invalid;
        const rgb = parseRgb(c);
        const o = 4 * (row * na + ai);
        img.data[o] = rgb[0];
        img.data[o + 1] = rgb[1];
        img.data[o + 2] = rgb[2];
        img.data[o + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
  }, [values, na, nb, color, colorOf]);

  const contourPaths = useMemo(() => {
    if (!showContours || na < 3 || nb < 3) return [];
    const [a0, a1] = cellExtent(alphas);
    const [b0, b1] = cellExtent(betas);
    const field = Array.from(values, (v) => (color.log ? Math.log10(Math.max(v, color.domain[0])) : v));
    const levels = contourLevels(color, 9).map((l) => (color.log ? Math.log10(l) : l));
    const gen = contours().size([na, nb]).thresholds(levels);
    const projection = geoTransform({
      point(gx: number, gy: number) {
        this.stream.point(x(a0 + ((a1 - a0) * gx) / na), y(b0 + ((b1 - b0) * gy) / nb));
      },
    });
    const toPath = geoPath(projection);
    return gen(field).map((g) => toPath(g) ?? '');
  }, [showContours, values, na, nb, alphas, betas, color, x, y]);

  const bar = useMemo(() => {
    const scale = color.log ? scaleLog().domain(color.domain).range([plotH, 0]) : scaleLinear().domain(color.domain).range([plotH, 0]);
    const stops = Array.from({ length: 17 }, (_, i) => i / 16);
    const ticks = color.log && decadeTicks(color.domain).length >= 2 ? decadeTicks(color.domain) : undefined;
    return { scale, stops, ticks };
  }, [color, plotH]);
  const gradientId = `${frame.clipId}-grad`;

  const data = () => {
    const rows: Row[] = [];
    for (let bi = 0; bi < nb; bi++) for (let ai = 0; ai < na; ai++) rows.push({ alpha: alphas[ai], beta: betas[bi], loss: values[bi * na + ai] });
    return rows;
  };

  const r = theme.px(7);
  const shown = markers.filter((m) => {
    const cx = x(m.alpha);
    const cy = y(m.beta);
    return cx >= 0 && cx <= plotW && cy >= 0 && cy <= plotH;
  });
  // marker labels: above their marker if free, else below or beside; never over a marker
  const labelSpecs: LabelSpec[] = shown.map((m) => ({
    text: m.label,
    color: INK.outline,
    weight: 600,
    anchor: { x: x(m.alpha), y: y(m.beta), r: r + 1 },
    prefer: ['above', 'below', 'right', 'left'],
  }));
  const placed = placeLabels(labelRequests(labelSpecs, theme), { bounds: { x: 0, y: 0, width: plotW, height: plotH }, gap: 3 });

  const barX = margin.left + plotW + theme.px(22);
  const svgWidth = Math.min(full.width, margin.left + plotW + margin.right);
  return (
    <ChartCard bare={bare} title={title} subtitle={label} testId={testId} data={data} meta={{ grid: [nb, na], layout: 'row-major [beta][alpha]' }}>
      <ChartSvg
        frame={frame}
        ariaLabel={title}
        svgWidth={svgWidth}
        underlay={
          <canvas ref={canvasRef} style={{ position: 'absolute', left: margin.left, top: margin.top, width: plotW, height: plotH }} aria-hidden="true" />
        }
      >
        <defs>
          <linearGradient id={gradientId} x1="0" x2="0" y1="1" y2="0">
            {bar.stops.map((t) => {
              const [lo, hi] = color.domain;
              const v = color.log ? lo * Math.pow(hi / lo, t) : lo + (hi - lo) * t;
              return <stop key={t} offset={t} stopColor={colorOf(v)} />;
            })}
          </linearGradient>
        </defs>
        <PlotArea layout={frame} clipId={frame.clipId} x={ax} y={ay} axesOnTop>
          <g fill="none" stroke={INK.paper} strokeOpacity={0.55} strokeWidth={1}>
            {contourPaths.map((d, i) => (
              <path key={i} d={d} />
            ))}
          </g>
          <rect width={plotW} height={plotH} fill="none" stroke={INK.text} />
          {shown.map((m) => (
            <Marker key={m.label} cx={x(m.alpha)} cy={y(m.beta)} shape={m.shape ?? 'circle'} r={r} />
          ))}
          <PlacedTexts labels={labelSpecs} placed={placed} />
        </PlotArea>
        <g transform={`translate(${barX},${margin.top})`}>
          <rect width={barW} height={plotH} fill={`url(#${gradientId})`} stroke={INK.text} strokeWidth={0.5} />
          <Axis scale={bar.scale} orient="right" x={barW} ticks={4} tickValues={bar.ticks} tickFormat={formatTick} />
          {!bare && <AxisLabel x={theme.px(76)} y={plotH / 2} text={color.log ? 'loss L  (log colour)' : 'loss L'} rotate />}
        </g>
      </ChartSvg>
    </ChartCard>
  );
}

function Marker({ cx, cy, shape, r }: { cx: number; cy: number; shape: NonNullable<SliceMarker['shape']>; r: number }) {
  const common = { fill: INK.paper, stroke: INK.outline, strokeWidth: 1.5 };
  const plus = `M${cx - r},${cy}h${2 * r}M${cx},${cy - r}v${2 * r}`;
  return (
    <g>
      {shape === 'circle' && <circle cx={cx} cy={cy} r={r - 1} {...common} />}
      {shape === 'diamond' && <path d={`M${cx},${cy - r}l${r},${r}l${-r},${r}l${-r},${-r}z`} {...common} />}
      {shape === 'plus' && <path d={plus} stroke={INK.paper} strokeWidth={3.5} strokeLinecap="round" />}
      {shape === 'plus' && <path d={plus} stroke={INK.outline} strokeWidth={1.5} strokeLinecap="round" />}
    </g>
  );
}

/** 'rgb(r, g, b)' or '#rrggbb' → [r, g, b] */
function parseRgb(c: string): [number, number, number] {
  if (c.startsWith('#')) {
    const n = parseInt(c.slice(1, 7), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const m = c.match(/\d+(\.\d+)?/g);
  return m ? [Number(m[0]), Number(m[1]), Number(m[2])] : [0, 0, 0];
}

export const SliceHeatmap = memo(SliceHeatmapImpl);
