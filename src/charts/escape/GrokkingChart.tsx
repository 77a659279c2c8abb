/**
 * The grokking curve: per-output train and test MSE against optimizer steps (log axis, left), the
 * weak feature's singular value on a second axis (right), the escape step marked and the plateau
 * window shaded. Levels: the population noise floor (Bayes MSE) as a dotted line.
 */
import { memo, useId } from 'react';
import { line } from 'd3';
import { Axis, AxisLabel, formatTick } from '../Axis';
import { ChartFrame } from '../ChartFrame';
import { legendHeight, SvgLegend, type LegendItem } from '../Legend';
import { OKABE_ITO, SERIES_COLORS } from '../palette';
import { decadeTicks, makeScale } from '../scales';
import type { Row } from '../serialize';
import { useElementWidth } from '../useElementWidth';
import type { GrokkingResult } from '../../experiments/grokking';
import { fmtNum } from './common';
import { useChartTheme } from '../theme';

export interface GrokkingChartProps {
  result: GrokkingResult;
  title: string;
  subtitle?: string;
  /** population noise floor (Bayes MSE per output), drawn as a level */
  noiseFloor?: number;
  height?: number;
  testId?: string;
}

const WEAK = OKABE_ITO.green;

function GrokkingChartImpl({ result, title, subtitle, noiseFloor, height = 340, testId }: GrokkingChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const theme = useChartTheme();
  const clipId = `l2c-clip-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const pts = result.points.filter((p) => p.step >= 1);
  const items: LegendItem[] = [
    { label: `train (${result.trainSize})`, color: SERIES_COLORS.train, glyph: 'line' },
    { label: `test (${result.testSize})`, color: SERIES_COLORS.test, glyph: 'line' },
    { label: 'σ₂ weak (right)', color: WEAK, glyph: 'dashed' },
    ...(noiseFloor !== undefined ? [{ label: 'noise floor', color: SERIES_COLORS.theory, glyph: 'dotted' as const }] : []),
  ];
  const margin = { left: theme.px(62), right: 70, bottom: theme.px(50), top: 10 + legendHeight(items, width - 132, theme.font) + 6 };
  const plotW = Math.max(40, width - margin.left - margin.right);
  const plotH = Math.max(40, height - margin.top - margin.bottom);
  const last = pts.length > 0 ? pts[pts.length - 1].step : 10;
  const xDomain: [number, number] = [1, Math.max(10, last)];
  const x = makeScale(true, xDomain, [0, plotW]);
  const yTop = Math.max(...pts.map((p) => Math.max(p.train, p.test)), noiseFloor ?? 0) * 1.08;
  const y = makeScale(false, [0, yTop], [plotH, 0]).nice();
  const wTop = Math.max(0.1, ...pts.map((p) => p.weak)) * 1.1;
  const yw = makeScale(false, [0, wTop], [plotH, 0]).nice();
  const mk = (get: (p: (typeof pts)[number]) => number, scale: typeof y) =>
    line<(typeof pts)[number]>()
      .x((p) => x(p.step))
      .y((p) => scale(get(p)))(pts) ?? '';
  const [w0, w1] = result.plateauWindow;
  const data = (): Row[] =>
    result.points.map((p) => ({ step: p.step, trainMSE: p.train, testMSE: p.test, weakSingularValue: p.weak, strongSingularValue: p.strong }));
  const esc = result.escapeStep;
  return (
    <ChartFrame
      title={title}
      subtitle={subtitle}
      data={data}
      meta={{ escapeStep: esc, plateauGap: result.plateauGap, finalGap: result.finalGap, plateauWindow: result.plateauWindow, sampleEta: result.sampleEta }}
      testId={testId}
    >
      <div ref={ref} style={{ width: '100%' }}>
        <svg data-chart-svg width={width} height={height} role="img" aria-label={title} fontFamily={theme.fontFamily}>
          <SvgLegend items={items} x={margin.left} y={8} width={width - margin.left - margin.right} />
          <g transform={`translate(${margin.left},${margin.top})`}>
            <Axis scale={y} orient="left" ticks={5} tickFormat={formatTick} grid={plotW} />
            <Axis scale={yw} orient="right" x={plotW} ticks={5} tickFormat={formatTick} />
            <Axis scale={x} orient="bottom" y={plotH} tickValues={decadeTicks(xDomain)} tickFormat={formatTick} />
            <clipPath id={clipId}>
              <rect width={plotW} height={plotH} />
            </clipPath>
            <g clipPath={`url(#${clipId})`}>
              {w1 > w0 && w0 >= 1 && <rect x={x(w0)} width={x(w1) - x(w0)} y={0} height={plotH} fill="#000" fillOpacity={0.05} />}
              {noiseFloor !== undefined && (
                <line
                  x1={0}
                  x2={plotW}
                  y1={y(noiseFloor)}
                  y2={y(noiseFloor)}
                  stroke={SERIES_COLORS.theory}
                  strokeWidth={1.5}
                  strokeDasharray="1.5 3.5"
                  strokeLinecap="round"
                />
              )}
              <path d={mk((p) => p.weak, yw)} fill="none" stroke={WEAK} strokeWidth={2} strokeDasharray="6 4" />
              <path d={mk((p) => p.train, y)} fill="none" stroke={SERIES_COLORS.train} strokeWidth={2} />
              <path d={mk((p) => p.test, y)} fill="none" stroke={SERIES_COLORS.test} strokeWidth={2} />
            </g>
            {w1 > w0 && w0 >= 1 && (
              <text
                x={Math.min(plotW - 70, Math.max(70, (x(w0) + x(w1)) / 2))}
                y={plotH / 2 - 10}
                textAnchor="middle"
                fontSize={theme.annotation}
                fill="#444"
                paintOrder="stroke"
                stroke="#fff"
                strokeWidth={3}
              >
                plateau: gap {fmtNum(result.plateauGap)}
              </text>
            )}
            {esc !== null && (
              <g>
                <line x1={x(esc)} x2={x(esc)} y1={0} y2={plotH} stroke="#222" strokeWidth={1.5} />
                <text
                  x={x(esc) > plotW * 0.6 ? x(esc) - 5 : x(esc) + 5}
                  y={14}
                  textAnchor={x(esc) > plotW * 0.6 ? 'end' : 'start'}
                  fontSize={theme.annotation}
                  fill="#222"
                  paintOrder="stroke"
                  stroke="#fff"
                  strokeWidth={3}
                >
                  escape at t = {esc}
                </text>
              </g>
            )}
            <AxisLabel x={plotW / 2} y={plotH + theme.px(42)} text="optimizer step t after the trap  (log)" />
            <AxisLabel x={-theme.px(46)} y={plotH / 2} text="MSE per output" rotate />
            <AxisLabel x={plotW + 58} y={plotH / 2} text="weak singular value σ₂" rotate />
          </g>
        </svg>
      </div>
    </ChartFrame>
  );
}

export const GrokkingChart = memo(GrokkingChartImpl);
