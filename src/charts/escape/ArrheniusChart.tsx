/**
 * Arrhenius plot: ln τ against 1/T, τ = the censored-exponential estimate of the activated escape time
 * (transit offset removed; experiments/arrhenius.ts) as dots; temperatures with no escape as hollow
 * triangles at their 95 % lower bound (they still enter the fits through their survival);
 * the plain fit ln τ = B/T + c (solid), the fit with the prefactor term ln τ = B/T + k ln T + c
 * (dashed), and a dotted reference line with the theory's slope B through the data's centre.
 */
import { memo, useMemo } from 'react';
import { ChartFrame } from '../ChartFrame';
import { finiteExtent, paddedDomain } from '../domains';
import { plotAxis, PlotFrame, useFrame } from '../kit/PlotFrame';
import { Line, type XY } from '../kit/marks';
import type { LegendItem } from '../Legend';
import { INK, OKABE_ITO, SERIES_COLORS } from '../palette';
import type { Row } from '../serialize';
import type { ArrheniusAnalysis } from './escapeModel';

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
  const { points, plain, withPrefactor } = analysis;
  const items: LegendItem[] = [
    { label: 'τ (censored ML, per T)', color: INK.text, glyph: 'dot' },
    ...(points.some((p) => p.lnTau === null) ? [{ label: 'no escape: τ > 95 % bound (in the fit)', color: INK.text, glyph: 'hollow' as const }] : []),
    ...(plain ? [{ label: 'fit B/T + c', color: FIT, glyph: 'line' as const }] : []),
    ...(withPrefactor ? [{ label: 'fit B/T + k ln T + c', color: PREF, glyph: 'dashed' as const }] : []),
    { label: 'theory slope B', color: SERIES_COLORS.theory, glyph: 'dotted' },
  ];
  const frame = useFrame({ height, legend: items });
  const { plotW, plotH, theme } = frame;
  const fittedPts = points.filter((p) => p.lnTau !== null);
  const centre =
    fittedPts.length > 0
      ? { x: fittedPts.reduce((s, p) => s + p.invT, 0) / fittedPts.length, y: fittedPts.reduce((s, p) => s + (p.lnTau as number), 0) / fittedPts.length }
      : null;
  const { ax, ay, xs } = useMemo(() => {
    const xe = paddedDomain(finiteExtent(points.map((p) => p.invT)), 0.06);
    const ye = paddedDomain(finiteExtent(points.map((p) => p.lnTau ?? p.lnTauLower95 ?? p.lnSteps)), 0.12);
    const ax = plotAxis({ domain: xe, nice: true, label: '1/T' }, [0, plotW]);
    const ay = plotAxis({ domain: ye, nice: true, label: 'ln τ  (τ in steps)' }, [plotH, 0]);
    const d = ax.scale.domain();
    const xs = Array.from({ length: 80 }, (_, i) => d[0] + ((d[1] - d[0]) * i) / 79).filter((v) => v > 0);
    return { ax, ay, xs };
  }, [points, plotW, plotH]);
  const x = ax.scale;
  const y = ay.scale;
  const curve = (f: (u: number) => number): XY[] => xs.map((u) => [u, f(u)]);
  const tri = theme.px(6);
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
      <PlotFrame frame={frame} ariaLabel="Arrhenius plot" x={ax} y={ay}>
        <g clipPath={frame.clip}>
          {centre && (
            <Line data={curve((u) => centre.y + barrier * (u - centre.x))} x={x} y={y} color={SERIES_COLORS.theory} dash="dotted" width={theme.thin} />
          )}
          {plain && <Line data={curve((u) => plain.intercept + plain.slope * u)} x={x} y={y} color={FIT} />}
          {withPrefactor && (
            <Line
              data={curve((u) => withPrefactor.intercept + withPrefactor.slope * u + withPrefactor.k * Math.log(1 / u))}
              x={x}
              y={y}
              color={PREF}
              dash="dashed"
            />
          )}
        </g>
        {points.map((p) =>
          p.lnTau !== null ? (
            <circle key={p.T} cx={x(p.invT)} cy={y(p.lnTau)} r={theme.px(5)} fill={INK.text}>
              <title>{`T = ${p.T}: τ = ${Math.round(Math.exp(p.lnTau))} steps, ${p.censored}/${p.replicas} censored`}</title>
            </circle>
          ) : (
            <path
              key={p.T}
              d={`M${x(p.invT)},${y(p.lnTauLower95 ?? p.lnSteps) - tri * 1.15}l${tri},${tri * 1.65}h${-2 * tri}z`}
              fill={INK.paper}
              stroke={INK.text}
              strokeWidth={theme.thin}
            >
              <title>{`T = ${p.T}: no escape in ${p.replicas} replicas — τ > ${Math.round(Math.exp(p.lnTauLower95 ?? p.lnSteps))} steps (95 %)`}</title>
            </path>
          ),
        )}
      </PlotFrame>
    </ChartFrame>
  );
}

export const ArrheniusChart = memo(ArrheniusChartImpl);
