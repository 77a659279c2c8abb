/**
 * Order parameter p_k against γ: the exact branches of every feature (global minimum solid,
 * metastable minima dashed, saddle dotted), γ_c and γ_sp as labelled rules, and the network's live
 * trace as points coloured by the direction γ was moving (the hysteresis loop), with the current
 * state as a large ringed marker. Works for D = 0 (smooth), D = 1 (kink at γ = η), D ≥ 2 (jump).
 */
import { memo, useMemo } from 'react';
import { formatTick } from './Axis';
import { capTrace } from './decimate';
import { finiteExtent } from './domains';
import { placeLabels, samplePolyline, type Point } from './kit/labels';
import { textWidth, withTopStrip } from './kit/layout';
import { ChartCard, plotAxis, PlotFrame, useFrame } from './kit/PlotFrame';
import { besideAnchor, Labels, labelSize, Line, PlacedTexts, type LabelSpec, type XY } from './kit/marks';
import type { LegendItem } from './Legend';
import { circlesPath } from './markers';
import { BRANCH_COLORS, INK, SERIES_COLORS, subscript } from './palette';
import { phaseBranches, type GammaP, type PhaseBranches } from './phaseModel';
import { makeScale } from './scales';
import type { Row } from './serialize';

export interface PhaseMode {
  eta: number;
  /** input strength a (1 for whitened data) */
  a?: number;
  label?: string;
}

export interface PhaseTracePoint {
  gamma: number;
  /** order parameter per feature */
  p: ArrayLike<number>;
  direction: 'up' | 'down';
}

export interface PhasePlaneChartProps {
  depth: number;
  modes: PhaseMode[];
  gammaDomain: [number, number];
  trace: readonly PhaseTracePoint[];
  current?: { gamma: number; p: ArrayLike<number>; direction?: 'up' | 'down' };
  pDomain?: [number, number];
  title?: string;
  height?: number;
  /** at most this many trace points are drawn (older ones thinned) */
  maxTracePoints?: number;
  showThresholds?: boolean;
  /** bump when `trace` was mutated in place */
  version?: number;
  testId?: string;
  bare?: boolean;
  /** reserve at least this much space above the plot (align the plots of small multiples) */
  minTop?: number;
  /** show the legend (SmallMultiples may hide it on all but one panel) */
  legend?: boolean;
  /** what the theory lines are ('theory', 'theory (per-mode approximation)', 'linear theory, for reference') */
  theoryLabel?: string;
  /** the theory branches per mode, drawn instead of the per-mode ones computed here (exact theory) */
  branches?: PhaseBranches[];
  /** further labelled rules, e.g. a nonlinear net's own local threshold */
  extraMarks?: { gamma: number; label: string }[];
}

const THEORY = SERIES_COLORS.theory;
const METASTABLE = BRANCH_COLORS.metastable;
const SADDLE = BRANCH_COLORS.saddle;

const xy = (segment: GammaP[]): XY[] => segment.map((d) => [d.gamma, d.p]);

function PhasePlaneChartImpl(props: PhasePlaneChartProps) {
  const {
    depth,
    modes,
    gammaDomain,
    trace,
    current,
    title = 'Phase plane: order parameter vs γ',
    height = 340,
    maxTracePoints = 1500,
    showThresholds = true,
    version,
    testId,
    bare,
    legend = true,
  } = props;

  const computed: PhaseBranches[] = useMemo(
    () => (props.branches ? [] : modes.map((m) => phaseBranches(depth, m.eta, m.a ?? 1, gammaDomain, 160))),
    [props.branches, depth, modes, gammaDomain],
  );
  const branches = props.branches ?? computed;

  const legendItems: LegendItem[] = useMemo(() => {
    // a short chart (an embed in a small frame) keeps its height for the data
    if (!legend || height < 240) return [];
    const items: LegendItem[] = [{ label: `${props.theoryLabel ?? 'theory'}: global min`, color: THEORY, glyph: 'line' }];
    if (depth >= 2) items.push({ label: 'metastable', color: METASTABLE, glyph: 'dashed' }, { label: 'saddle', color: SADDLE, glyph: 'dotted' });
    items.push({ label: 'γ increasing', color: SERIES_COLORS.up, glyph: 'dot' }, { label: 'γ decreasing', color: SERIES_COLORS.down, glyph: 'dot' });
    if (current) items.push({ label: 'network now', color: current.direction === 'down' ? SERIES_COLORS.down : SERIES_COLORS.up, glyph: 'ring' });
    return items;
  }, [legend, depth, current, props.theoryLabel, height]);

  const base = useFrame({ height, legend: legendItems, bare, minTop: props.minTop });
  const { plotW, theme } = base;

  // the trace buffer is mutated in place; `version` says when
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const shown = useMemo(() => capTrace(trace, maxTracePoints), [trace, maxTracePoints, version]);

  const pDomain: [number, number] = useMemo(() => {
    if (props.pDomain) return props.pDomain;
    const reach = Math.max(1e-6, ...modes.map((m) => m.eta / (m.a ?? 1)));
    const measured = finiteExtent(shown.flatMap((t) => Array.from(t.p)));
    const hi = Math.max(reach * 1.08, Math.min(measured?.[1] ?? 0, reach * 2) * 1.05);
    return [-0.05 * hi, hi];
  }, [props.pDomain, modes, shown]);

  const gx = useMemo(() => makeScale(false, gammaDomain, [0, plotW]), [gammaDomain, plotW]);

  const extraMarks = props.extraMarks;
  // the linear numbers drawn for a nonlinear net are a reference: their rules say so too
  const reference = props.theoryLabel?.includes('for reference') ? ' (lin. ref.)' : '';
  const marks = useMemo(() => {
    if (!showThresholds) return [];
    const many = branches.length > 1;
    const out: { gamma: number; text: string; color: string }[] = [];
    for (const m of extraMarks ?? [])
      out.push({ gamma: m.gamma, text: `${m.label} = ${formatTick(Number(m.gamma.toPrecision(4)))}`, color: SERIES_COLORS.theory });
    branches.forEach((b, k) => {
      const suffix = (many ? subscript(k + 1) : '') + reference;
      if (b.gammaC !== null) out.push({ gamma: b.gammaC, text: `γc${suffix} = ${formatTick(Number(b.gammaC.toPrecision(3)))}`, color: SERIES_COLORS.critical });
      if (b.gammaSp !== null)
        out.push({ gamma: b.gammaSp, text: `γsp${suffix} = ${formatTick(Number(b.gammaSp.toPrecision(3)))}`, color: SERIES_COLORS.spinodal });
    });
    return out.filter((m) => m.gamma >= gammaDomain[0] && m.gamma <= gammaDomain[1]);
  }, [showThresholds, branches, gammaDomain, extraMarks, reference]);

  // threshold labels sit in a strip above the plot, beside their rule (right, else left), stacked so
  // none overlaps another or a rule; the strip is as tall as the stack needs
  const markLabels = useMemo(() => {
    const h = Math.round(theme.annotation * 1.3);
    const rules: Point[] = [];
    for (const m of marks) for (let yy = -h * 6; yy <= 0; yy += 3) rules.push({ x: gx(m.gamma), y: yy, r: 0.5 });
    const requests = marks.map((m) => {
      const w = textWidth(m.text, theme.annotation) + 2;
      const rx = gx(m.gamma);
      const row = -h - 2;
      return {
        anchor: { x: rx, y: 0 },
        width: w,
        height: h,
        at: [
          { x: rx + 3, y: row },
          { x: rx - 3 - w, y: row },
        ],
        slide: 'y' as const,
      };
    });
    const placed = placeLabels(requests, {
      points: rules,
      bounds: { x: -base.margin.left, y: -h * 6, width: plotW + base.margin.left + base.margin.right, height: h * 6 - 1 },
      gap: 1,
      step: h,
      maxSteps: 5,
      avoidAnchors: false,
    });
    const strip = placed.length > 0 ? Math.max(...placed.map((p) => -p.y)) + 2 : 0;
    return { placed: placed.map((p) => ({ ...p, leader: null })), strip };
  }, [marks, gx, theme.annotation, plotW, base.margin.left, base.margin.right]);
  const frame = withTopStrip(base, markLabels.strip);
  const plotH = frame.plotH;
  const x = { scale: gx, spec: { domain: gammaDomain, label: 'regularization strength γ' } };
  const y = useMemo(() => plotAxis({ domain: pDomain, label: 'order parameter p' }, [plotH, 0]), [pDomain, plotH]);

  const tracePaths = useMemo(() => {
    const up: [number, number][] = [];
    const down: [number, number][] = [];
    for (const t of shown) {
      const list = t.direction === 'down' ? down : up;
      for (let k = 0; k < Math.min(t.p.length, modes.length); k++) list.push([gx(t.gamma), y.scale(t.p[k])]);
    }
    return { up: circlesPath(up, theme.dot), down: circlesPath(down, theme.dot) };
  }, [shown, modes.length, gx, y, theme.dot]);

  const data = () => {
    const out: Row[] = [];
    for (const t of trace)
      for (let k = 0; k < t.p.length; k++) out.push({ kind: 'measured', feature: k + 1, gamma: t.gamma, p: t.p[k], direction: t.direction });
    branches.forEach((b, k) => {
      b.global.forEach((seg) => seg.forEach((d) => out.push({ kind: 'theory-global', feature: k + 1, gamma: d.gamma, p: d.p, direction: null })));
      b.metastable.forEach((seg) => seg.forEach((d) => out.push({ kind: 'theory-metastable', feature: k + 1, gamma: d.gamma, p: d.p, direction: null })));
      b.saddle.forEach((seg) => seg.forEach((d) => out.push({ kind: 'theory-saddle', feature: k + 1, gamma: d.gamma, p: d.p, direction: null })));
    });
    return out;
  };

  // feature names at the start of their branch, clear of the rules and the theory curves; a
  // narrow plot has room only for the short name (η₁ = 1.000) in the lane beside each branch
  const narrowPlot = plotW < 420;
  const featureLabels: LabelSpec[] =
    modes.length < 2
      ? []
      : branches.flatMap((b, k) => {
          const segment = b.global[0];
          if (!segment || segment.length === 0) return [];
          const short = `η${subscript(k + 1)} = ${formatTick(modes[k]?.eta ?? NaN)}`;
          const text = narrowPlot ? short : (modes[k]?.label ?? short);
          const size = labelSize(text, theme);
          // beside the start of the branch, else further along it where there is room
          const along = (f: number) => {
            const d = segment[Math.floor(f * (segment.length - 1))];
            return { x: gx(d.gamma), y: y.scale(d.p) };
          };
          const at = [
            besideAnchor('above-right', along(0), size, 3),
            ...(narrowPlot ? [besideAnchor('below-right', along(0), size, 3)] : []),
            ...[0.3, 0.6].map((f) => besideAnchor('above-right', along(f), size, 3)),
          ];
          return [{ text, color: THEORY, anchor: { x: gx(segment[0].gamma), y: y.scale(segment[0].p) }, at }];
        });
  const plotBox = { x: 0, y: 0, width: plotW, height: plotH };
  const featureAvoid: Point[] =
    featureLabels.length === 0
      ? []
      : [
          // on a narrow plot there is no room between the rules: a name may cross a rule (its halo keeps it legible) but not a curve
          ...(narrowPlot ? [] : marks).flatMap((m) =>
            samplePolyline(
              [
                [gx(m.gamma), 0],
                [gx(m.gamma), plotH],
              ],
              4,
              1,
            ),
          ),
          ...(current ? Array.from(current.p, (p) => ({ x: gx(current.gamma), y: y.scale(p), r: theme.marker })) : []),
          ...branches.flatMap((b) =>
            [...b.global, ...b.metastable, ...b.saddle].flatMap((seg) =>
              samplePolyline(
                seg.map((d) => [gx(d.gamma), y.scale(d.p)] as const),
                4,
                theme.stroke / 2,
                plotBox,
              ),
            ),
          ),
          // the measured traces too: a name must not sit on the dots it names
          ...shown.flatMap((t) => Array.from(t.p, (p) => ({ x: gx(t.gamma), y: y.scale(p), r: theme.dot })).slice(0, modes.length)),
        ];

  const curColor = current?.direction === 'down' ? SERIES_COLORS.down : SERIES_COLORS.up;
  const sy = y.scale;
  // rules start just below their label
  const ruleTop = (i: number) => markLabels.placed[i].y + markLabels.placed[i].height;
  return (
    <ChartCard bare={bare} title={title} testId={testId} data={data} meta={{ depth, modes, gammaDomain }}>
      <PlotFrame frame={frame} ariaLabel={title} x={x} y={y}>
        <g clipPath={frame.clip}>
          {branches.map((b, k) => (
            <g key={`t${k}`}>
              {b.saddle.map((s, i) => (
                <Line key={`s${i}`} data={xy(s)} x={gx} y={sy} color={SADDLE} dash="dotted" />
              ))}
              {b.metastable.map((s, i) => (
                <Line key={`m${i}`} data={xy(s)} x={gx} y={sy} color={METASTABLE} dash="dashed" />
              ))}
              {b.jump && (
                <line
                  x1={gx(b.jump.gamma)}
                  x2={gx(b.jump.gamma)}
                  y1={sy(b.jump.from)}
                  y2={sy(b.jump.to)}
                  stroke={THEORY}
                  strokeWidth={1}
                  strokeDasharray="2 2"
                />
              )}
              {b.global.map((s, i) => (
                <Line key={`g${i}`} data={xy(s)} x={gx} y={sy} color={THEORY} width={theme.stroke + 0.5} />
              ))}
            </g>
          ))}
          <path d={tracePaths.up} fill={SERIES_COLORS.up} fillOpacity={0.85} />
          <path d={tracePaths.down} fill={SERIES_COLORS.down} fillOpacity={0.85} />
          {current &&
            Array.from(current.p)
              .slice(0, modes.length)
              .map((p, k) =>
                Number.isFinite(p) ? (
                  <circle key={`c${k}`} cx={gx(current.gamma)} cy={sy(p)} r={theme.marker} fill={curColor} stroke={INK.outline} strokeWidth={1.5} />
                ) : null,
              )}
        </g>
        <Labels labels={featureLabels} avoid={{ points: featureAvoid, bounds: plotBox, maxSteps: 6, leaderBeyond: Infinity }} />
        {marks.map((m, i) => (
          <line
            key={`r${i}`}
            x1={gx(m.gamma)}
            x2={gx(m.gamma)}
            y1={ruleTop(i) - markLabels.placed[i].height}
            y2={plotH}
            stroke={m.color}
            strokeWidth={Math.max(1.5, theme.stroke / 2)}
            strokeDasharray="5 4"
          />
        ))}
        <PlacedTexts labels={marks} placed={markLabels.placed} />
      </PlotFrame>
    </ChartCard>
  );
}

export const PhasePlaneChart = memo(PhasePlaneChartImpl);
