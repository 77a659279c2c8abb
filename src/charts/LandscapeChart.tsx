/**
 * The exact reduced loss ℓ(p) of each feature at the current γ (docs/physics.md §2), with its minima
 * (global filled, metastable hollow), the saddle (×), the barriers out of the origin and out of the
 * learned minimum, and the network's current order parameter p_k as a ringed dot on its curve.
 * No transitions: the picture follows a γ drag frame by frame.
 */
import { memo, useId, useMemo, type JSX } from 'react';
import { line } from 'd3';
import { Axis, AxisLabel, formatTick } from './Axis';
import { ChartFrame } from './ChartFrame';
import { legendHeight, SvgLegend, type LegendItem } from './Legend';
import { landscapeXDomain, landscapeY, modeLandscape, type LandscapeMode, type ModeLandscape } from './landscapeModel';
import { featureColor } from './palette';
import { spreadLabels } from './markers';
import { makeScale, type NumScale } from './scales';
import type { Row } from './serialize';
import { reducedLoss } from './theory';
import { useElementWidth } from './useElementWidth';
import { useChartTheme } from './theme';

export type { LandscapeMode } from './landscapeModel';

export interface LandscapeChartProps {
  depth: number;
  gamma: number;
  modes: LandscapeMode[];
  title?: string;
  height?: number;
  /** override the automatic ranges */
  xDomain?: [number, number];
  yDomain?: [number, number];
  showBarriers?: boolean;
  testId?: string;
  bare?: boolean;
  /** what ℓ(p) is here ('theory', 'theory (per-mode approximation)', 'linear theory, for reference') */
  theoryLabel?: string;
}

const fmt = (v: number) => (Math.abs(v) >= 0.01 ? v.toFixed(3) : v.toPrecision(2));

function LandscapeChartImpl(props: LandscapeChartProps) {
  const { depth, gamma, modes, title = 'Loss landscape per feature  ℓ(p)', height = 320, showBarriers = true, testId, bare } = props;
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const theme = useChartTheme();
  const clipId = `l2c-clip-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;

  const legendItems: LegendItem[] = useMemo(() => {
    const items: LegendItem[] = modes.map((m, k) => ({ label: m.label, color: featureColor(k), glyph: 'line' }));
    items.push({ label: 'global min', color: '#222', glyph: 'dot' });
    if (depth >= 2) items.push({ label: 'metastable min', color: '#222', glyph: 'hollow' }, { label: 'saddle', color: '#222', glyph: 'cross' });
    if (modes.some((m) => m.p !== undefined && Number.isFinite(m.p))) items.push({ label: 'network now', color: '#9a9a9a', glyph: 'ring' });
    return items;
  }, [modes, depth]);

  const margin = { left: theme.px(70), right: 18, bottom: theme.px(50), top: 10 + legendHeight(legendItems, width - 88, theme.font) + 6 };
  const plotW = Math.max(40, width - margin.left - margin.right);
  const plotH = Math.max(40, height - margin.top - margin.bottom);

  const xDomain = useMemo(() => props.xDomain ?? landscapeXDomain(modes), [props.xDomain, modes]);
  const models: ModeLandscape[] = useMemo(
    () => modes.map((m) => modeLandscape(depth, gamma, m, xDomain, Math.min(600, plotW / 1.5))),
    [modes, depth, gamma, xDomain, plotW],
  );
  const yDomain = useMemo(() => props.yDomain ?? landscapeY(models, modes), [props.yDomain, models, modes]);
  const x = useMemo(() => makeScale(false, xDomain, [0, plotW]), [xDomain, plotW]);
  const y = useMemo(() => makeScale(false, yDomain, [plotH, 0]), [yDomain, plotH]);

  const path = line<{ p: number; loss: number }>()
    .x((d) => x(d.p))
    .y((d) => y(d.loss));

  const data = () => {
    const rows: Row[] = [];
    models.forEach((m, k) => m.curve.forEach((c) => rows.push({ feature: k + 1, eta: modes[k].eta, a: modes[k].a ?? 1, gamma, depth, p: c.p, loss: c.loss })));
    return rows;
  };

  const svg = (
    <div ref={ref} style={{ width: '100%' }}>
      <svg data-chart-svg width={width} height={height} role="img" aria-label={title} fontFamily={theme.fontFamily}>
        <SvgLegend items={legendItems} x={margin.left} y={8} width={width - margin.left - margin.right} />
        <g transform={`translate(${margin.left},${margin.top})`}>
          <Axis scale={y} orient="left" ticks={5} tickFormat={formatTick} grid={plotW} />
          <Axis scale={x} orient="bottom" y={plotH} ticks={Math.max(2, Math.floor(plotW / theme.px(80)))} tickFormat={formatTick} />
          <clipPath id={clipId}>
            <rect width={plotW} height={plotH} />
          </clipPath>
          <g clipPath={`url(#${clipId})`}>
            <line x1={0} x2={plotW} y1={y(0)} y2={y(0)} stroke="#999" strokeWidth={1} />
            <line x1={x(0)} x2={x(0)} y1={0} y2={plotH} stroke="#999" strokeWidth={1} />
            {models.map((m, k) => (
              <path key={`c${k}`} d={path(m.curve) ?? ''} fill="none" stroke={featureColor(k)} strokeWidth={theme.stroke} strokeLinejoin="round" />
            ))}
          </g>
          {showBarriers && <Barriers models={models} x={x} y={y} />}
          {models.map((m, k) => (
            <g key={`s${k}`}>
              {m.minima
                .filter((mm) => mm.p !== 0)
                .map((mm) => (
                  <circle
                    key={`m${mm.p}`}
                    cx={x(mm.p)}
                    cy={y(mm.loss)}
                    r={5.5}
                    fill={mm.global ? featureColor(k) : '#fff'}
                    stroke={featureColor(k)}
                    strokeWidth={2}
                  >
                    <title>{`${mm.global ? 'global' : 'metastable'} minimum p = ${fmt(mm.p)}, ℓ = ${fmt(mm.loss)}`}</title>
                  </circle>
                ))}
              {m.saddle && (
                <path d={`M${x(m.saddle.p) - 5},${y(m.saddle.loss) - 5}l10,10m0,-10l-10,10`} stroke={featureColor(k)} strokeWidth={2.4} strokeLinecap="round" />
              )}
            </g>
          ))}
          {originRings(models).map(({ k, global, r }) => (
            <circle key={`o${k}`} cx={x(0)} cy={y(0)} r={r} fill={global ? featureColor(k) : '#fff'} stroke={featureColor(k)} strokeWidth={2}>
              <title>{`${modes[k].label}: ${global ? 'global' : 'metastable'} minimum at p = 0`}</title>
            </circle>
          ))}
          {modes.map((mode, k) => {
            if (mode.p === undefined || !Number.isFinite(mode.p)) return null;
            const p = Math.min(Math.max(mode.p, xDomain[0]), xDomain[1]);
            const loss = reducedLoss(p, gamma, depth, mode.eta, mode.a ?? 1);
            const cy = Math.min(Math.max(y(loss), 0), plotH);
            return (
              <circle key={`p${k}`} cx={x(p)} cy={cy} r={7} fill={featureColor(k)} stroke="#000" strokeWidth={1.5} fillOpacity={0.85}>
                <title>{`${mode.label}: network p = ${fmt(mode.p)}`}</title>
              </circle>
            );
          })}
          <AxisLabel x={plotW / 2} y={plotH + theme.px(42)} text="end-to-end strength p  (order parameter)" />
          <AxisLabel x={-theme.px(54)} y={plotH / 2} text="ℓ(p) − ℓ(0)" rotate />
        </g>
      </svg>
    </div>
  );
  if (bare) return svg;
  const n = depth + 1;
  return (
    <ChartFrame
      title={title}
      testId={testId}
      data={data}
      meta={{ depth, gamma, modes: modes.map((m) => ({ eta: m.eta, a: m.a ?? 1, p: m.p ?? null, label: m.label })) }}
      subtitle={`${props.theoryLabel && props.theoryLabel !== 'theory' ? `${props.theoryLabel}: ` : ''}ℓ(p) = a p² − 2ηp + nγ|p|^(2/n),  D = ${depth}, n = ${n},  γ = ${formatTick(gamma)}`}
    >
      {svg}
    </ChartFrame>
  );
}

/** one ring per mode with a minimum at the origin, largest first, so they nest instead of hiding each other */
function originRings(models: ModeLandscape[]): { k: number; global: boolean; r: number }[] {
  const at = models.flatMap((m, k) => m.minima.filter((mm) => mm.p === 0).map((mm) => ({ k, global: mm.global })));
  return at.map((o, j) => ({ ...o, r: 5.5 + 3.5 * (at.length - 1 - j) }));
}

interface BarrierLabel {
  x: number;
  y: number;
  text: string;
  color: string;
}

/** brackets for one mode's barriers; labels are returned for a shared, collision-free layout */
function barrierShapes(model: ModeLandscape, color: string, x: NumScale, y: NumScale): { shapes: JSX.Element | null; labels: BarrierLabel[] } {
  const { saddle, learned, barrierFromOrigin, barrierFromLearned } = model;
  if (!saddle || barrierFromOrigin === null) return { shapes: null, labels: [] };
  const ys = y(saddle.loss);
  const labels: BarrierLabel[] = [];
  const bracket = (px: number, from: number, value: number, key: string) => {
    const y0 = y(from);
    const tall = Math.abs(y0 - ys) >= 4;
    // short brackets get their label just above the saddle level, tall ones beside their middle
    labels.push({ x: px + 12, y: Math.abs(y0 - ys) < 18 ? ys - 10 : (y0 + ys) / 2, text: `B = ${fmt(value)}`, color });
    return tall ? <path key={key} d={`M${px + 3},${y0}h-3V${ys}h3`} fill="none" stroke={color} strokeWidth={1.5} /> : null;
  };
  const shapes = (
    <g>
      <line x1={x(0)} x2={x(saddle.p)} y1={y(0)} y2={y(0)} stroke={color} strokeWidth={1} strokeDasharray="2 3" />
      {learned && <line x1={x(saddle.p)} x2={x(learned.p)} y1={ys} y2={ys} stroke={color} strokeWidth={1} strokeDasharray="2 3" />}
      {bracket(x(saddle.p), 0, barrierFromOrigin, 'o')}
      {learned && barrierFromLearned !== null && bracket(x(learned.p), learned.loss, barrierFromLearned, 'l')}
    </g>
  );
  return { shapes, labels };
}

function Barriers({ models, x, y }: { models: ModeLandscape[]; x: NumScale; y: NumScale }) {
  const theme = useChartTheme();
  const parts = models.map((m, k) => barrierShapes(m, featureColor(k), x, y));
  const labels = spreadLabels(
    parts.flatMap((p) => p.labels),
    theme.annotation * 1.25,
    theme.annotation * 0.58,
  );
  return (
    <g>
      {parts.map((p, k) => (
        <g key={k}>{p.shapes}</g>
      ))}
      {labels.map((l, i) => (
        <text
          key={i}
          x={l.x}
          y={l.y}
          dominantBaseline="central"
          fontSize={theme.annotation}
          fill={l.color}
          paintOrder="stroke"
          stroke="#fff"
          strokeWidth={3}
          strokeLinejoin="round"
        >
          {l.text}
        </text>
      ))}
    </g>
  );
}

export const LandscapeChart = memo(LandscapeChartImpl);
