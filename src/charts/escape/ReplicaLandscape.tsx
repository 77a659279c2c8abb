/**
 * The trapped feature's exact reduced loss ℓ(p) at the run's γ (sample η̂ and a), with the barrier
 * shaded (between ℓ(0) = 0 and the saddle level, from the trap to the saddle), the escape threshold,
 * and the replicas as dots at (|p|, ℓ(|p|)) from one snapshot of the job, coloured by temperature.
 * Replicas are not moving live here: each frame is a stored snapshot (the step is written on the chart).
 */
import { memo, useId, useMemo, useState } from 'react';
import { line } from 'd3';
import { Axis, AxisLabel, formatTick } from '../Axis';
import { ChartFrame, ToggleButton } from '../ChartFrame';
import { legendHeight, SvgLegend, type LegendItem } from '../Legend';
import { OKABE_ITO } from '../palette';
import { makeScale } from '../scales';
import type { Row } from '../serialize';
import { reducedLoss, stationaryPoints } from '../theory';
import { useElementWidth } from '../useElementWidth';
import { fmtNum, fmtT, temperatureColor } from './common';
import { useChartTheme } from '../theme';

/** dots drawn per temperature (the CSV export keeps every replica) */
const DOTS_PER_T = 200;

export interface ReplicaLandscapeProps {
  depth: number;
  gamma: number;
  eta: number;
  a: number;
  threshold: number;
  temperatures: number[];
  /** singular value of the trapped feature per replica (its |p|), temperature-major */
  p: readonly number[];
  step: number;
  height?: number;
  title?: string;
  testId?: string;
}

function ReplicaLandscapeImpl(props: ReplicaLandscapeProps) {
  const {
    depth,
    gamma,
    eta,
    a,
    threshold,
    temperatures,
    p,
    step,
    height = 320,
    title = 'Replicas on the landscape ℓ(p) of the trapped feature',
    testId,
  } = props;
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const theme = useChartTheme();
  const clipId = `l2c-clip-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const [zoom, setZoom] = useState(false);
  const { learned, saddle } = stationaryPoints(depth, eta, gamma, a);
  const ell = (q: number) => reducedLoss(q, gamma, depth, eta, a);
  // zoomed: the trap and its barrier only (the saddle sits very close to p = 0)
  const pMax = zoom && saddle !== null ? 4 * saddle : 1.25 * (learned ?? eta / a);
  const curve = useMemo(
    () => Array.from({ length: 301 }, (_, i) => (pMax * i) / 300).map((q) => ({ p: q, loss: reducedLoss(q, gamma, depth, eta, a) })),
    [pMax, gamma, depth, eta, a],
  );
  const losses = curve.map((c) => c.loss);
  const lo = Math.min(...losses, zoom ? 0 : Infinity);
  const hi = Math.max(...losses, saddle !== null ? ell(saddle) : 0);
  const span = hi - lo || 1;
  const items: LegendItem[] = [
    ...temperatures.map((T, i) => ({ label: `T = ${fmtT(T)}`, color: temperatureColor(i), glyph: 'dot' as const })),
    { label: 'ℓ(p) exact', color: '#222', glyph: 'line' },
    { label: 'escape threshold', color: OKABE_ITO.purple, glyph: 'dashed' },
  ];
  const margin = { left: theme.px(70), right: 18, bottom: theme.px(50), top: 10 + legendHeight(items, width - 88, theme.font) + 6 };
  const plotW = Math.max(40, width - margin.left - margin.right);
  const plotH = Math.max(40, height - margin.top - margin.bottom);
  const x = makeScale(false, [0, pMax], [0, plotW]);
  const y = makeScale(false, [lo - 0.1 * span, hi + 0.25 * span], [plotH, 0]);
  const path = line<{ p: number; loss: number }>()
    .x((d) => x(d.p))
    .y((d) => y(d.loss));
  const perT = temperatures.length > 0 ? Math.floor(p.length / temperatures.length) : 0;
  const barrier = saddle !== null ? ell(saddle) : null;
  const beyond = p.filter((v) => v > pMax).length;
  const data = (): Row[] => p.map((v, r) => ({ replica: r, T: temperatures[Math.floor(r / Math.max(1, perT))], p: v, loss: ell(v), step }));
  return (
    <ChartFrame
      title={title}
      subtitle={`ℓ(p) = a p² − 2η̂p + nγ|p|^(2/n),  η̂ = ${fmtNum(eta)}, a = ${fmtNum(a)}, γ = ${fmtNum(gamma)}; dots: job snapshot at t = ${step} steps`}
      data={data}
      meta={{ depth, gamma, eta, a, threshold, step, saddle, learned, barrier }}
      testId={testId}
      toolbar={<ToggleButton pressed={zoom} onToggle={() => setZoom((z) => !z)} label="zoom on barrier" title="show only 0 ≤ p ≤ 4 × saddle" />}
    >
      <div ref={ref} style={{ width: '100%' }}>
        <svg data-chart-svg width={width} height={height} role="img" aria-label={title} fontFamily={theme.fontFamily}>
          <SvgLegend items={items} x={margin.left} y={8} width={width - margin.left - margin.right} />
          <g transform={`translate(${margin.left},${margin.top})`}>
            <Axis scale={y} orient="left" ticks={5} tickFormat={formatTick} grid={plotW} />
            <Axis scale={x} orient="bottom" y={plotH} ticks={Math.max(2, Math.floor(plotW / theme.px(80)))} tickFormat={formatTick} />
            <clipPath id={clipId}>
              <rect x={-theme.px(8)} y={-8} width={plotW + 16} height={plotH + 16} />
            </clipPath>
            <g clipPath={`url(#${clipId})`}>
              {barrier !== null && saddle !== null && (
                <g>
                  <rect x={0} width={Math.max(2, x(saddle))} y={y(barrier)} height={y(0) - y(barrier)} fill={OKABE_ITO.orange} fillOpacity={0.35} />
                  <line x1={0} x2={plotW} y1={y(barrier)} y2={y(barrier)} stroke={OKABE_ITO.orange} strokeDasharray="4 3" />
                  <text
                    x={Math.max(x(saddle), 4) + 8}
                    y={y(barrier) - 8}
                    fontSize={theme.annotation}
                    fill="#8a5a00"
                    paintOrder="stroke"
                    stroke="#fff"
                    strokeWidth={3}
                  >
                    barrier B = {fmtNum(barrier)} at saddle p = {fmtNum(saddle)}
                  </text>
                </g>
              )}
              <line x1={0} x2={plotW} y1={y(0)} y2={y(0)} stroke="#999" />
              <path d={path(curve) ?? ''} fill="none" stroke="#222" strokeWidth={2} />
              <line x1={x(threshold)} x2={x(threshold)} y1={0} y2={plotH} stroke={OKABE_ITO.purple} strokeWidth={1.5} strokeDasharray="6 4" />
              <text x={x(threshold) + 5} y={14} fontSize={theme.annotation} fill={OKABE_ITO.purple}>
                threshold p = {fmtNum(threshold)}
              </text>
              {learned !== null && learned <= pMax && (
                <text x={x(learned)} y={y(ell(learned)) - 14} textAnchor="middle" fontSize={theme.annotation} fill="#333">
                  learned p = {fmtNum(learned)}
                </text>
              )}
              {p.map((v, r) => {
                // thousands of replicas per T would be thousands of SVG nodes per snapshot: draw a fixed sample of each T
                if (v > pMax || (perT > DOTS_PER_T && r % perT >= DOTS_PER_T)) return null;
                const q = v;
                return (
                  <circle
                    key={r}
                    cx={x(q)}
                    cy={y(ell(q))}
                    r={4}
                    fill={temperatureColor(Math.floor(r / Math.max(1, perT)))}
                    fillOpacity={0.45}
                    stroke="#fff"
                    strokeWidth={0.5}
                  />
                );
              })}
            </g>
            <text x={plotW - 4} y={plotH - 8} textAnchor="end" fontSize={theme.annotation} fill="#333">
              t = {step} steps{perT > DOTS_PER_T ? ` · ${DOTS_PER_T} of ${perT} replicas per T drawn` : ''}
              {beyond > 0 ? ` · ${beyond} beyond the right edge (not drawn)` : ''}
            </text>
            <AxisLabel x={plotW / 2} y={plotH + theme.px(42)} text="trapped feature's singular value σ = |p|" />
            <AxisLabel x={-theme.px(54)} y={plotH / 2} text="ℓ(p) − ℓ(0)" rotate />
          </g>
        </svg>
      </div>
    </ChartFrame>
  );
}

export const ReplicaLandscape = memo(ReplicaLandscapeImpl);
