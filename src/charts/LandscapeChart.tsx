/**
 * The exact reduced loss ℓ(p) of each feature at the current γ (docs/physics.md §2), with its minima
 * (global filled, metastable hollow), the saddle (×), the barriers out of the origin and out of the
 * learned minimum, and the network's current order parameter p_k as a ringed dot on its curve.
 * No transitions: the picture follows a γ drag frame by frame.
 */
import { memo, useMemo, type JSX } from 'react';
import { formatTick } from './Axis';
import { samplePolyline, type Point } from './kit/labels';
import { ChartCard, plotAxis, PlotFrame, useFrame } from './kit/PlotFrame';
import { Labels, Line, Rule, type LabelSpec } from './kit/marks';
import { landscapeXDomain, landscapeY, modeLandscape, type LandscapeMode, type ModeLandscape } from './landscapeModel';
import type { LegendItem } from './Legend';
import { featureColor, INK } from './palette';
import type { NumScale } from './scales';
import type { Row } from './serialize';
import { reducedLoss } from './theory';
import type { ChartTheme } from './theme';

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

  const legendItems: LegendItem[] = useMemo(() => {
    const items: LegendItem[] = modes.map((m, k) => ({ label: m.label, color: featureColor(k), glyph: 'line' }));
    items.push({ label: 'global min', color: INK.text, glyph: 'dot' });
    if (depth >= 2) items.push({ label: 'metastable min', color: INK.text, glyph: 'hollow' }, { label: 'saddle', color: INK.text, glyph: 'cross' });
    if (modes.some((m) => m.p !== undefined && Number.isFinite(m.p))) items.push({ label: 'network now', color: INK.neutral, glyph: 'ring' });
    return items;
  }, [modes, depth]);

  const frame = useFrame({ height, legend: legendItems, bare });
  const { plotW, plotH, theme } = frame;

  const xDomain = useMemo(() => props.xDomain ?? landscapeXDomain(modes), [props.xDomain, modes]);
  const models: ModeLandscape[] = useMemo(
    () => modes.map((m) => modeLandscape(depth, gamma, m, xDomain, Math.min(600, plotW / 1.5))),
    [modes, depth, gamma, xDomain, plotW],
  );
  const yDomain = useMemo(() => props.yDomain ?? landscapeY(models, modes), [props.yDomain, models, modes]);
  const ax = useMemo(() => plotAxis({ domain: xDomain, label: 'end-to-end strength p  (order parameter)' }, [0, plotW]), [xDomain, plotW]);
  const ay = useMemo(() => plotAxis({ domain: yDomain, label: 'ℓ(p) − ℓ(0)' }, [plotH, 0]), [yDomain, plotH]);
  const x = ax.scale;
  const y = ay.scale;
  const dotR = theme.px(5.5);

  const data = () => {
    const rows: Row[] = [];
    models.forEach((m, k) => m.curve.forEach((c) => rows.push({ feature: k + 1, eta: modes[k].eta, a: modes[k].a ?? 1, gamma, depth, p: c.p, loss: c.loss })));
    return rows;
  };

  const rings = originRings(models, dotR, theme);
  const now = modes.map((mode) => {
    if (mode.p === undefined || !Number.isFinite(mode.p)) return null;
    const p = Math.min(Math.max(mode.p, xDomain[0]), xDomain[1]);
    const loss = reducedLoss(p, gamma, depth, mode.eta, mode.a ?? 1);
    return { cx: x(p), cy: Math.min(Math.max(y(loss), 0), plotH), p: mode.p };
  });
  // what the barrier labels keep off: every marker and every curve
  const markers: Point[] = [
    ...models.flatMap((m) => m.minima.filter((mm) => mm.p !== 0).map((mm) => ({ x: x(mm.p), y: y(mm.loss), r: dotR }))),
    ...models.flatMap((m) => (m.saddle ? [{ x: x(m.saddle.p), y: y(m.saddle.loss), r: theme.px(5) }] : [])),
    ...rings.map((r) => ({ x: x(0), y: y(0), r: r.r })),
    ...now.flatMap((n) => (n ? [{ x: n.cx, y: n.cy, r: theme.marker }] : [])),
  ];

  return (
    <ChartCard
      bare={bare}
      title={title}
      testId={testId}
      data={data}
      meta={{ depth, gamma, modes: modes.map((m) => ({ eta: m.eta, a: m.a ?? 1, p: m.p ?? null, label: m.label })) }}
      subtitle={
        <>
          {props.theoryLabel && props.theoryLabel !== 'theory' ? `${props.theoryLabel}: ` : ''}ℓ(p) = a p² − 2ηp + nγ|p|<sup>2/n</sup>, D = {depth}, n ={' '}
          {depth + 1}, γ = {formatTick(gamma)}
        </>
      }
    >
      <PlotFrame frame={frame} ariaLabel={title} x={ax} y={ay}>
        <g clipPath={frame.clip}>
          <Rule orient="h" at={0} scale={y} span={[0, plotW]} color={INK.zero} dash="solid" width={1} />
          <Rule orient="v" at={0} scale={x} span={[0, plotH]} color={INK.zero} dash="solid" width={1} />
          {models.map((m, k) => (
            <Line key={`c${k}`} data={m.curve.map((c) => [c.p, c.loss] as const)} x={x} y={y} color={featureColor(k)} />
          ))}
        </g>
        {showBarriers && <Barriers models={models} x={x} y={y} markers={markers} bounds={{ x: 0, y: 0, width: plotW, height: plotH }} theme={theme} />}
        {models.map((m, k) => (
          <g key={`s${k}`}>
            {m.minima
              .filter((mm) => mm.p !== 0)
              .map((mm) => (
                <circle
                  key={`m${mm.p}`}
                  cx={x(mm.p)}
                  cy={y(mm.loss)}
                  r={dotR}
                  fill={mm.global ? featureColor(k) : INK.paper}
                  stroke={featureColor(k)}
                  strokeWidth={theme.stroke}
                >
                  <title>{`${mm.global ? 'global' : 'metastable'} minimum p = ${fmt(mm.p)}, ℓ = ${fmt(mm.loss)}`}</title>
                </circle>
              ))}
            {m.saddle && (
              <path d={cross(x(m.saddle.p), y(m.saddle.loss), theme.px(5))} stroke={featureColor(k)} strokeWidth={theme.stroke + 0.4} strokeLinecap="round" />
            )}
          </g>
        ))}
        {rings.map(({ k, global, r }) => (
          <circle key={`o${k}`} cx={x(0)} cy={y(0)} r={r} fill={global ? featureColor(k) : INK.paper} stroke={featureColor(k)} strokeWidth={theme.stroke}>
            <title>{`${modes[k].label}: ${global ? 'global' : 'metastable'} minimum at p = 0`}</title>
          </circle>
        ))}
        {now.map((n, k) =>
          n ? (
            <circle key={`p${k}`} cx={n.cx} cy={n.cy} r={theme.marker} fill={featureColor(k)} stroke={INK.outline} strokeWidth={1.5} fillOpacity={0.85}>
              <title>{`${modes[k].label}: network p = ${fmt(n.p)}`}</title>
            </circle>
          ) : null,
        )}
      </PlotFrame>
    </ChartCard>
  );
}

const cross = (cx: number, cy: number, h: number) => `M${cx - h},${cy - h}l${2 * h},${2 * h}m0,${-2 * h}l${-2 * h},${2 * h}`;

/** one ring per mode with a minimum at the origin, largest first, so they nest instead of hiding each other */
function originRings(models: ModeLandscape[], r0: number, theme: ChartTheme): { k: number; global: boolean; r: number }[] {
  const at = models.flatMap((m, k) => m.minima.filter((mm) => mm.p === 0).map((mm) => ({ k, global: mm.global })));
  return at.map((o, j) => ({ ...o, r: r0 + theme.px(3.5) * (at.length - 1 - j) }));
}

/** brackets for one mode's barriers; their labels go to the shared placer */
function barrierShapes(model: ModeLandscape, color: string, x: NumScale, y: NumScale): { shapes: JSX.Element | null; labels: LabelSpec[] } {
  const { saddle, learned, barrierFromOrigin, barrierFromLearned } = model;
  if (!saddle || barrierFromOrigin === null) return { shapes: null, labels: [] };
  const ys = y(saddle.loss);
  const labels: LabelSpec[] = [];
  const bracket = (px: number, from: number, value: number, key: string) => {
    const y0 = y(from);
    const tall = Math.abs(y0 - ys) >= 4;
    // the label names the bracket's middle (short brackets: the saddle level); right of it if free
    labels.push({ text: `B = ${fmt(value)}`, color, anchor: { x: px, y: tall ? (y0 + ys) / 2 : ys }, prefer: ['right', 'above-right', 'left'] });
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

interface BarriersProps {
  models: ModeLandscape[];
  x: NumScale;
  y: NumScale;
  markers: Point[];
  bounds: { x: number; y: number; width: number; height: number };
  theme: ChartTheme;
}

function Barriers({ models, x, y, markers, bounds, theme }: BarriersProps) {
  const parts = models.map((m, k) => barrierShapes(m, featureColor(k), x, y));
  const curves = models.flatMap((m) =>
    samplePolyline(
      m.curve.map((c) => [x(c.p), y(c.loss)] as const),
      4,
      theme.stroke / 2,
      bounds,
    ),
  );
  return (
    <g>
      {parts.map((p, k) => (
        <g key={k}>{p.shapes}</g>
      ))}
      <Labels labels={parts.flatMap((p) => p.labels)} avoid={{ points: [...markers, ...curves], bounds, maxSteps: 14 }} />
    </g>
  );
}

export const LandscapeChart = memo(LandscapeChartImpl);
