/**
 * Arrhenius plot: ln τ against 1/T, τ = the censored-exponential estimate of the activated escape time
 * (transit offset removed; experiments/arrhenius.ts) as dots; temperatures with no escape as hollow
 * triangles at their 95 % lower bound (they still enter the fits through their survival);
 * the plain fit ln τ = B/T + c (solid), the fit with the prefactor term ln τ = B/T + k ln T + c
 * (dashed), and a dotted reference line with the theory's slope B through the data's centre.
 */
import { memo, useId, useMemo } from 'react';
import { Axis, AxisLabel, formatTick } from '../Axis';
import { ChartFrame } from '../ChartFrame';
import { finiteExtent, paddedDomain } from '../domains';
import { legendHeight, SvgLegend, type LegendItem } from '../Legend';
import { OKABE_ITO, SERIES_COLORS } from '../palette';
import { makeScale } from '../scales';
import type { Row } from '../serialize';
import { useElementWidth } from '../useElementWidth';
import type { ArrheniusAnalysis } from './escapeModel';
import { useChartTheme } from '../theme';

export interface ArrheniusChartProps {
  analysis: ArrheniusAnalysis;
  /** exact barrier out of the trap (docs/physics.md §2, empirical moments) */
  barrier: number;
  height?: number;
  testId?: string;
}

const FIT = OKABE_ITO.blue;
const PREF = OKABE_ITO.vermillion;

function ArrheniusChartImpl({ analysis, barrier, height = 320, testId }: ArrheniusChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const theme = useChartTheme();
  const clipId = `l2c-clip-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const { points, plain, withPrefactor } = analysis;
  const items: LegendItem[] = [
    { label: 'τ (censored ML, per T)', color: '#222', glyph: 'dot' },
    ...(points.some((p) => p.lnTau === null) ? [{ label: 'no escape: τ > 95 % bound (in the fit)', color: '#222', glyph: 'hollow' as const }] : []),
    ...(plain ? [{ label: 'fit B/T + c', color: FIT, glyph: 'line' as const }] : []),
    ...(withPrefactor ? [{ label: 'fit B/T + k ln T + c', color: PREF, glyph: 'dashed' as const }] : []),
    { label: 'theory slope B', color: SERIES_COLORS.theory, glyph: 'dotted' },
  ];
  const margin = { left: theme.px(62), right: 18, bottom: theme.px(50), top: 10 + legendHeight(items, width - 80, theme.font) + 6 };
  const plotW = Math.max(40, width - margin.left - margin.right);
  const plotH = Math.max(40, height - margin.top - margin.bottom);
  const fittedPts = points.filter((p) => p.lnTau !== null);
  const centre =
    fittedPts.length > 0
      ? { x: fittedPts.reduce((s, p) => s + p.invT, 0) / fittedPts.length, y: fittedPts.reduce((s, p) => s + (p.lnTau as number), 0) / fittedPts.length }
      : null;
  const { x, y, xs } = useMemo(() => {
    const xe = paddedDomain(finiteExtent(points.map((p) => p.invT)), 0.06);
    const ye = paddedDomain(finiteExtent(points.map((p) => p.lnTau ?? p.lnTauLower95 ?? p.lnSteps)), 0.12);
    const x = makeScale(false, xe, [0, plotW]).nice();
    const y = makeScale(false, ye, [plotH, 0]).nice();
    const d = x.domain();
    const xs = Array.from({ length: 80 }, (_, i) => d[0] + ((d[1] - d[0]) * i) / 79).filter((v) => v > 0);
    return { x, y, xs };
  }, [points, plotW, plotH]);
  const curve = (f: (u: number) => number) => 'M' + xs.map((u) => `${x(u)},${y(f(u))}`).join('L');
  const data = (): Row[] =>
    points.map((p) => ({
      T: p.T,
      invT: p.invT,
      lnTau: p.lnTau,
      lnTauLower95: p.lnTauLower95,
      lnMedianTau: p.lnMedian,
      escaped: p.escaped,
      censored: p.censored,
      replicas: p.replicas,
    }));
  return (
    <ChartFrame
      title="Arrhenius plot  ln τ vs 1/T"
      subtitle={`τ = activated escape time in steps (censored maximum likelihood, transit ${Math.round(analysis.transit.steps)} steps removed); slope = barrier B, in units of the loss L(θ) = (1/N)Σ‖y − f(x)‖² + γΣ‖W‖²`}
      data={data}
      meta={{ barrier, plain, withPrefactor, transit: analysis.transit, warnings: analysis.warnings }}
      testId={testId}
    >
      <div ref={ref} style={{ width: '100%' }}>
        <svg data-chart-svg width={width} height={height} role="img" aria-label="Arrhenius plot" fontFamily={theme.fontFamily}>
          <SvgLegend items={items} x={margin.left} y={8} width={width - margin.left - margin.right} />
          <g transform={`translate(${margin.left},${margin.top})`}>
            <Axis scale={y} orient="left" ticks={5} tickFormat={formatTick} grid={plotW} />
            <Axis scale={x} orient="bottom" y={plotH} ticks={Math.max(2, Math.floor(plotW / theme.px(90)))} tickFormat={formatTick} />
            <clipPath id={clipId}>
              <rect width={plotW} height={plotH} />
            </clipPath>
            <g clipPath={`url(#${clipId})`}>
              {centre && (
                <path
                  d={curve((u) => centre.y + barrier * (u - centre.x))}
                  fill="none"
                  stroke={SERIES_COLORS.theory}
                  strokeWidth={1.6}
                  strokeDasharray="1.5 3.5"
                  strokeLinecap="round"
                />
              )}
              {plain && <path d={curve((u) => plain.intercept + plain.slope * u)} fill="none" stroke={FIT} strokeWidth={2} />}
              {withPrefactor && (
                <path
                  d={curve((u) => withPrefactor.intercept + withPrefactor.slope * u + withPrefactor.k * Math.log(1 / u))}
                  fill="none"
                  stroke={PREF}
                  strokeWidth={2}
                  strokeDasharray="6 4"
                />
              )}
            </g>
            {points.map((p) =>
              p.lnTau !== null ? (
                <circle key={p.T} cx={x(p.invT)} cy={y(p.lnTau)} r={5} fill="#222">
                  <title>{`T = ${p.T}: τ = ${Math.round(Math.exp(p.lnTau))} steps, ${p.censored}/${p.replicas} censored`}</title>
                </circle>
              ) : (
                <path key={p.T} d={`M${x(p.invT)},${y(p.lnTauLower95 ?? p.lnSteps) - 7}l6,10h-12z`} fill="#fff" stroke="#222" strokeWidth={1.6}>
                  <title>{`T = ${p.T}: no escape in ${p.replicas} replicas — τ > ${Math.round(Math.exp(p.lnTauLower95 ?? p.lnSteps))} steps (95 %)`}</title>
                </path>
              ),
            )}
            <AxisLabel x={plotW / 2} y={plotH + theme.px(42)} text="1/T" />
            <AxisLabel x={-theme.px(46)} y={plotH / 2} text="ln τ  (τ in steps)" rotate />
          </g>
        </svg>
      </div>
    </ChartFrame>
  );
}

export const ArrheniusChart = memo(ArrheniusChartImpl);
