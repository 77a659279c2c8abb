/**
 * Survival curves: the fraction of replicas still trapped against optimizer steps (log axis), one
 * curve per temperature. Censored replicas keep the curve above zero at the end of the run and are
 * counted in the legend; they are never dropped.
 */
import { memo, useId, useMemo } from 'react';
import { line } from 'd3';
import { Axis, AxisLabel, formatTick } from '../Axis';
import { ChartFrame } from '../ChartFrame';
import { legendHeight, SvgLegend, type LegendItem } from '../Legend';

import { decadeTicks, makeScale } from '../scales';
import type { Row } from '../serialize';
import { useElementWidth } from '../useElementWidth';
import { fmtT, temperatureColor } from './common';
import { survivalCurve, type RunLike } from './escapeModel';
import { useChartTheme } from '../theme';

export interface SurvivalChartProps {
  runs: readonly RunLike[];
  steps: number;
  title?: string;
  subtitle?: string;
  height?: number;
  /** label per run instead of "T = …" (the SGD control) */
  labels?: string[];
  testId?: string;
}

function SurvivalChartImpl({ runs, steps, title = 'Survival: fraction still trapped', subtitle, height = 300, labels, testId }: SurvivalChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const theme = useChartTheme();
  const clipId = `l2c-clip-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const curves = useMemo(() => runs.map((r) => survivalCurve(r.escapeTimes, steps)), [runs, steps]);
  const items: LegendItem[] = runs.map((r, i) => ({
    label: `${labels?.[i] ?? `T = ${fmtT(r.T)}`}${r.censored > 0 ? ` (${r.censored}/${r.escapeTimes.length} censored)` : ''}`,
    color: temperatureColor(i),
    glyph: 'line',
  }));
  const margin = { left: theme.px(62), right: 18, bottom: theme.px(50), top: 10 + legendHeight(items, width - 80, theme.font) + 6 };
  const plotW = Math.max(40, width - margin.left - margin.right);
  const plotH = Math.max(40, height - margin.top - margin.bottom);
  const first = Math.min(...runs.flatMap((r) => r.escapeTimes.filter((t): t is number => t !== null)), steps);
  const xDomain: [number, number] = [Math.max(1, Math.pow(10, Math.floor(Math.log10(Math.max(1, Math.min(first, steps / 100)))))), Math.max(10, steps)];
  const x = makeScale(true, xDomain, [0, plotW]);
  const y = makeScale(false, [0, 1.02], [plotH, 0]);
  const path = line<{ step: number; surviving: number }>()
    .x((d) => x(Math.max(xDomain[0], d.step)))
    .y((d) => y(d.surviving));
  const data = (): Row[] => curves.flatMap((c, i) => c.map((p) => ({ T: runs[i].T, step: p.step, surviving: p.surviving })));
  return (
    <ChartFrame title={title} subtitle={subtitle} data={data} meta={{ steps }} testId={testId}>
      <div ref={ref} style={{ width: '100%' }}>
        <svg data-chart-svg width={width} height={height} role="img" aria-label={title} fontFamily={theme.fontFamily}>
          <SvgLegend items={items} x={margin.left} y={8} width={width - margin.left - margin.right} />
          <g transform={`translate(${margin.left},${margin.top})`}>
            <Axis scale={y} orient="left" ticks={5} tickFormat={formatTick} grid={plotW} />
            <Axis scale={x} orient="bottom" y={plotH} tickValues={decadeTicks(xDomain)} tickFormat={formatTick} />
            <clipPath id={clipId}>
              <rect x={-theme.px(2)} y={-2} width={plotW + 4} height={plotH + 4} />
            </clipPath>
            <g clipPath={`url(#${clipId})`}>
              <line x1={x(steps)} x2={x(steps)} y1={0} y2={plotH} stroke="#777" strokeDasharray="4 3" />
              {curves.map((c, i) => (
                <path key={i} d={path(c) ?? ''} fill="none" stroke={temperatureColor(i)} strokeWidth={theme.stroke} />
              ))}
            </g>
            <text x={x(steps) - 4} y={12} textAnchor="end" fontSize={theme.annotation} fill="#444" paintOrder="stroke" stroke="#fff" strokeWidth={3}>
              end of run: censored →
            </text>
            <AxisLabel x={plotW / 2} y={plotH + theme.px(42)} text="optimizer steps after the noise is switched on  (log)" />
            <AxisLabel x={-theme.px(46)} y={plotH / 2} text="fraction still trapped" rotate />
          </g>
        </svg>
      </div>
    </ChartFrame>
  );
}

export const SurvivalChart = memo(SurvivalChartImpl);
