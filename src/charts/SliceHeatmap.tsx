/**
 * An empirical 2-D slice of the loss: a grid of values drawn on a <canvas>, with an SVG overlay for
 * the axes, a colour bar (log scale, viridis), optional contour lines and labelled markers (the
 * origin θ = 0, the current weights, …). Grid layout: row-major [betas.length × alphas.length].
 */
import { memo, useEffect, useMemo, useRef } from 'react';
import { contours, geoPath, geoTransform, interpolateViridis, scaleLinear, scaleLog, scaleSequential, scaleSequentialLog } from 'd3';
import { Axis, AxisLabel, formatTick } from './Axis';
import { ChartFrame } from './ChartFrame';
import { cellExtent, contourLevels, heatmapColorDomain } from './heatmapModel';

import { decadeTicks, makeScale } from './scales';
import type { Row } from './serialize';
import { useElementWidth } from './useElementWidth';
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
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const theme = useChartTheme();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const na = alphas.length;
  const nb = betas.length;

  const margin = { left: theme.px(64), right: theme.px(106), top: 12, bottom: theme.px(50) };
  const plotH = Math.max(40, height - margin.top - margin.bottom);
  const plotW = Math.max(40, Math.min(width - margin.left - margin.right, plotH * 1.6));

  const color = useMemo(() => heatmapColorDomain(values), [values]);
  const colorOf = useMemo(
    () =>
      color.log
        ? scaleSequentialLog(interpolateViridis).domain(color.domain).clamp(true)
        : scaleSequential(interpolateViridis).domain(color.domain).clamp(true),
    [color],
  );
  const x = useMemo(() => makeScale(false, cellExtent(alphas), [0, plotW]), [alphas, plotW]);
  const y = useMemo(() => makeScale(false, cellExtent(betas), [plotH, 0]), [betas, plotH]);

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
        const c = Number.isFinite(v) ? colorOf(color.log ? Math.max(v, lo) : v) : '#ff00ff';
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

  const barH = plotH;
  const bar = useMemo(() => {
    const scale = color.log ? scaleLog().domain(color.domain).range([barH, 0]) : scaleLinear().domain(color.domain).range([barH, 0]);
    const stops = Array.from({ length: 17 }, (_, i) => i / 16);
    const ticks = color.log && decadeTicks(color.domain).length >= 2 ? decadeTicks(color.domain) : undefined;
    return { scale, stops, ticks };
  }, [color, barH]);
  const gradientId = `l2c-grad-${testId ?? 'slice'}`;

  const data = () => {
    const rows: Row[] = [];
    for (let bi = 0; bi < nb; bi++) for (let ai = 0; ai < na; ai++) rows.push({ alpha: alphas[ai], beta: betas[bi], loss: values[bi * na + ai] });
    return rows;
  };

  const barX = margin.left + plotW + theme.px(22);
  const svgWidth = Math.min(width, margin.left + plotW + margin.right);
  const body = (
    <div ref={ref} style={{ width: '100%' }}>
      <div style={{ position: 'relative', width: svgWidth, height }}>
        <canvas ref={canvasRef} style={{ position: 'absolute', left: margin.left, top: margin.top, width: plotW, height: plotH }} aria-hidden="true" />
        <svg
          data-chart-svg
          width={svgWidth}
          height={height}
          role="img"
          aria-label={title}
          fontFamily={theme.fontFamily}
          style={{ position: 'absolute', left: 0, top: 0 }}
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
          <g transform={`translate(${margin.left},${margin.top})`}>
            <g fill="none" stroke="#fff" strokeOpacity={0.55} strokeWidth={1}>
              {contourPaths.map((d, i) => (
                <path key={i} d={d} />
              ))}
            </g>
            <rect width={plotW} height={plotH} fill="none" stroke="#333" />
            {markers.map((m) => (
              <Marker
                key={m.label}
                cx={x(m.alpha)}
                cy={y(m.beta)}
                marker={m}
                inside={x(m.alpha) >= 0 && x(m.alpha) <= plotW && y(m.beta) >= 0 && y(m.beta) <= plotH}
              />
            ))}
            <Axis scale={x} orient="bottom" y={plotH} ticks={Math.max(2, Math.floor(plotW / theme.px(80)))} tickFormat={formatTick} />
            <Axis scale={y} orient="left" ticks={5} tickFormat={formatTick} />
            <AxisLabel x={plotW / 2} y={plotH + theme.px(42)} text={xLabel} />
            <AxisLabel x={-theme.px(48)} y={plotH / 2} text={yLabel} rotate />
          </g>
          <g transform={`translate(${barX},${margin.top})`}>
            <rect width={14} height={barH} fill={`url(#${gradientId})`} stroke="#333" strokeWidth={0.5} />
            <Axis scale={bar.scale} orient="right" x={14} ticks={4} tickValues={bar.ticks} tickFormat={formatTick} />
            <AxisLabel x={theme.px(76)} y={barH / 2} text={color.log ? 'loss L  (log colour)' : 'loss L'} rotate />
          </g>
        </svg>
      </div>
    </div>
  );
  if (bare) return body;
  return (
    <ChartFrame title={title} subtitle={label} testId={testId} data={data} meta={{ grid: [nb, na], layout: 'row-major [beta][alpha]' }}>
      {body}
    </ChartFrame>
  );
}

function Marker({ cx, cy, marker, inside }: { cx: number; cy: number; marker: SliceMarker; inside: boolean }) {
  const theme = useChartTheme();
  if (!inside) return null;
  const shape = marker.shape ?? 'circle';
  const common = { fill: '#fff', stroke: '#000', strokeWidth: 1.5 };
  const r = theme.px(7);
  // the label sits centred above the marker, clear of it (below it when the marker is near the top)
  const above = cy - r - theme.annotation - 4 > 0;
  const ly = above ? cy - r - 7 : cy + r + theme.annotation + 3;
  return (
    <g>
      {shape === 'circle' && <circle cx={cx} cy={cy} r={r - 1} {...common} />}
      {shape === 'diamond' && <path d={`M${cx},${cy - r}l${r},${r}l${-r},${r}l${-r},${-r}z`} {...common} />}
      {shape === 'plus' && <path d={`M${cx - r},${cy}h${2 * r}M${cx},${cy - r}v${2 * r}`} stroke="#fff" strokeWidth={3.5} strokeLinecap="round" />}
      {shape === 'plus' && <path d={`M${cx - r},${cy}h${2 * r}M${cx},${cy - r}v${2 * r}`} stroke="#000" strokeWidth={1.5} strokeLinecap="round" />}
      <text
        x={cx}
        y={ly}
        textAnchor="middle"
        fontSize={theme.annotation}
        fontWeight={600}
        fill="#000"
        paintOrder="stroke"
        stroke="#fff"
        strokeWidth={4}
        strokeLinejoin="round"
      >
        {marker.label}
      </text>
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
