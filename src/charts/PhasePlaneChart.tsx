/**
 * Order parameter p_k against γ: the exact branches of every feature (global minimum solid,
 * metastable minima dashed, saddle dotted), γ_c and γ_sp as labelled rules, and the network's live
 * trace as points coloured by the direction γ was moving (the hysteresis loop), with the current
 * state as a large ringed marker. Works for D = 0 (smooth), D = 1 (kink at γ = η), D ≥ 2 (jump).
 */
import { memo, useId, useMemo } from 'react';
import { line } from 'd3';
import { Axis, AxisLabel, formatTick } from './Axis';
import { ChartFrame } from './ChartFrame';
import { capTrace } from './decimate';
import { finiteExtent } from './domains';
import { legendHeight, SvgLegend, type LegendItem } from './Legend';
import { circlesPath, labelRows } from './markers';
import { SERIES_COLORS, subscript } from './palette';
import { phaseBranches, type GammaP, type PhaseBranches } from './phaseModel';
import { makeScale } from './scales';
import type { Row } from './serialize';
import { useElementWidth } from './useElementWidth';
import { useChartTheme } from './theme';

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
  /** theory lines computed elsewhere (the exact sample theory), one per mode; default: the per-mode closed forms */
  branches?: PhaseBranches[];
  /** further labelled rules, e.g. a nonlinear net's own local threshold */
  extraMarks?: { gamma: number; label: string }[];
}

const THEORY = SERIES_COLORS.theory;
const METASTABLE = '#7a7a7a';
const SADDLE = '#9a9a9a';

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
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const theme = useChartTheme();
  const clipId = `l2c-clip-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;

  const given = props.branches;
  const branches: PhaseBranches[] = useMemo(
    () => given ?? modes.map((m) => phaseBranches(depth, m.eta, m.a ?? 1, gammaDomain, 160)),
    [given, depth, modes, gammaDomain],
  );

  const legendItems: LegendItem[] = useMemo(() => {
    // a short chart (an embed in a small frame) keeps its height for the data
    if (!legend || height < 240) return [];
    const items: LegendItem[] = [{ label: `${props.theoryLabel ?? 'theory'}: global min`, color: THEORY, glyph: 'line' }];
    if (depth >= 2) items.push({ label: 'metastable', color: METASTABLE, glyph: 'dashed' }, { label: 'saddle', color: SADDLE, glyph: 'dotted' });
    items.push({ label: 'γ increasing', color: SERIES_COLORS.up, glyph: 'dot' }, { label: 'γ decreasing', color: SERIES_COLORS.down, glyph: 'dot' });
    if (current) items.push({ label: 'network now', color: current.direction === 'down' ? SERIES_COLORS.down : SERIES_COLORS.up, glyph: 'ring' });
    return items;
  }, [legend, depth, current, props.theoryLabel, height]);

  const legendH = legendHeight(legendItems, width - theme.px(64) - 18, theme.font);
  const plotW = Math.max(40, width - theme.px(64) - 18);

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

  const x = useMemo(() => makeScale(false, gammaDomain, [0, plotW]), [gammaDomain, plotW]);

  const extraMarks = props.extraMarks;
  // the linear numbers drawn for a nonlinear net are a reference: their rules say so too
  const reference = props.theoryLabel?.includes('for reference') ? ' (lin. ref.)' : '';
  const marks = useMemo(() => {
    if (!showThresholds) return [];
    const many = modes.length > 1;
    const out: { gamma: number; label: string; color: string }[] = [];
    for (const m of extraMarks ?? [])
      out.push({ gamma: m.gamma, label: `${m.label} = ${formatTick(Number(m.gamma.toPrecision(4)))}`, color: SERIES_COLORS.theory });
    branches.forEach((b, k) => {
      const suffix = (many ? subscript(k + 1) : '') + reference;
      if (b.gammaC !== null)
        out.push({ gamma: b.gammaC, label: `γc${suffix} = ${formatTick(Number(b.gammaC.toPrecision(3)))}`, color: SERIES_COLORS.critical });
      if (b.gammaSp !== null)
        out.push({ gamma: b.gammaSp, label: `γsp${suffix} = ${formatTick(Number(b.gammaSp.toPrecision(3)))}`, color: SERIES_COLORS.spinodal });
    });
    return out.filter((m) => m.gamma >= gammaDomain[0] && m.gamma <= gammaDomain[1]);
  }, [showThresholds, branches, modes.length, gammaDomain, extraMarks, reference]);
  // threshold labels sit in rows above the plot; a label that would run off the right edge ends at its rule
  const markLabels = marks.map((m) => {
    const w = m.label.length * theme.annotation * 0.58;
    const rx = x(m.gamma);
    const flip = rx + 3 + w > plotW + 14;
    return { left: flip ? rx - 3 - w : rx + 3, width: w, flip };
  });
  const rows = labelRows(markLabels.map((l) => ({ x: l.left, width: l.width })));
  const rowCount = rows.length > 0 ? Math.max(...rows) + 1 : 0;
  const rowH = Math.round(theme.annotation * 1.3);
  const margin = { left: theme.px(64), right: 18, bottom: theme.px(50), top: Math.max(props.minTop ?? 0, 10 + legendH + 4 + rowCount * rowH + 4) };
  const plotH = Math.max(40, height - margin.top - margin.bottom);
  const y = useMemo(() => makeScale(false, pDomain, [plotH, 0]), [pDomain, plotH]);
  const path = line<GammaP>()
    .x((d) => x(d.gamma))
    .y((d) => y(d.p));

  const tracePaths = useMemo(() => {
    const up: [number, number][] = [];
    const down: [number, number][] = [];
    for (const t of shown) {
      const list = t.direction === 'down' ? down : up;
      for (let k = 0; k < Math.min(t.p.length, modes.length); k++) list.push([x(t.gamma), y(t.p[k])]);
    }
    return { up: circlesPath(up, theme.dot), down: circlesPath(down, theme.dot) };
  }, [shown, modes.length, x, y, theme.dot]);

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

  const curColor = current?.direction === 'down' ? SERIES_COLORS.down : SERIES_COLORS.up;
  const svg = (
    <div ref={ref} style={{ width: '100%' }}>
      <svg data-chart-svg width={width} height={height} role="img" aria-label={title} fontFamily={theme.fontFamily}>
        {legend && <SvgLegend items={legendItems} x={margin.left} y={8} width={width - margin.left - margin.right} />}
        <g transform={`translate(${margin.left},${margin.top})`}>
          <Axis scale={y} orient="left" ticks={Math.max(2, Math.min(5, Math.floor(plotH / (theme.font * 2.4))))} tickFormat={formatTick} grid={plotW} />
          <Axis scale={x} orient="bottom" y={plotH} ticks={Math.max(2, Math.floor(plotW / theme.px(80)))} tickFormat={formatTick} />
          <clipPath id={clipId}>
            <rect width={plotW} height={plotH} />
          </clipPath>
          <g clipPath={`url(#${clipId})`}>
            {branches.map((b, k) => (
              <g key={`t${k}`} fill="none" strokeLinejoin="round">
                {b.saddle.map((s, i) => (
                  <path key={`s${i}`} d={path(s) ?? ''} stroke={SADDLE} strokeWidth={theme.stroke} strokeDasharray="1.5 4" strokeLinecap="round" />
                ))}
                {b.metastable.map((s, i) => (
                  <path key={`m${i}`} d={path(s) ?? ''} stroke={METASTABLE} strokeWidth={theme.stroke} strokeDasharray="7 5" />
                ))}
                {b.jump && (
                  <line x1={x(b.jump.gamma)} x2={x(b.jump.gamma)} y1={y(b.jump.from)} y2={y(b.jump.to)} stroke={THEORY} strokeWidth={1} strokeDasharray="2 2" />
                )}
                {b.global.map((s, i) => (
                  <path key={`g${i}`} d={path(s) ?? ''} stroke={THEORY} strokeWidth={theme.stroke + 0.5} />
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
                    <circle key={`c${k}`} cx={x(current.gamma)} cy={y(p)} r={theme.marker} fill={curColor} stroke="#000" strokeWidth={1.5} />
                  ) : null,
                )}
          </g>
          {branches.map((b, k) => {
            const first = b.global[0]?.[0];
            if (!first || modes.length < 2) return null;
            return (
              <text
                key={`l${k}`}
                x={x(first.gamma) + 6}
                y={y(first.p) - 7}
                fontSize={theme.annotation}
                fill={THEORY}
                paintOrder="stroke"
                stroke="#fff"
                strokeWidth={3}
              >
                {modes[k].label ?? `η${subscript(k + 1)} = ${formatTick(modes[k].eta)}`}
              </text>
            );
          })}
          {marks.map((m, i) => (
            <line
              key={`r${i}`}
              x1={x(m.gamma)}
              x2={x(m.gamma)}
              y1={-rowH - 2 - (rowCount - 1 - rows[i]) * rowH}
              y2={plotH}
              stroke={m.color}
              strokeWidth={Math.max(1.5, theme.stroke / 2)}
              strokeDasharray="5 4"
            />
          ))}
          {marks.map((m, i) => (
            <text
              key={`ml${i}`}
              x={markLabels[i].flip ? x(m.gamma) - 3 : x(m.gamma) + 3}
              textAnchor={markLabels[i].flip ? 'end' : 'start'}
              y={-6 - (rowCount - 1 - rows[i]) * rowH}
              fontSize={theme.annotation}
              fill={m.color}
              paintOrder="stroke"
              stroke="#fff"
              strokeWidth={3}
            >
              {m.label}
            </text>
          ))}
          <AxisLabel x={plotW / 2} y={plotH + theme.px(42)} text="regularization strength γ" />
          <AxisLabel x={-theme.px(48)} y={plotH / 2} text="order parameter p" rotate />
        </g>
      </svg>
    </div>
  );
  if (bare) return svg;
  return (
    <ChartFrame title={title} testId={testId} data={data} meta={{ depth, modes, gammaDomain }}>
      {svg}
    </ChartFrame>
  );
}

export const PhasePlaneChart = memo(PhasePlaneChartImpl);
