/**
 * Loss curves against optimizer step: train and test data terms, the penalty γ‖θ‖² (and optionally
 * the total), with built-in log-x / log-y toggles and a rule at the current step. Series are
 * min–max decimated to about one point per pixel column so a long stream stays cheap to draw.
 */
import { memo, useId, useMemo, useState } from 'react';
import { line } from 'd3';
import { Axis, AxisLabel, formatTick } from './Axis';
import { ChartFrame, ToggleButton } from './ChartFrame';
import { minMaxDecimate, type NumericArray } from './decimate';
import { finiteExtent, logDomain, paddedDomain } from './domains';
import { legendHeight, SvgLegend, type LegendItem } from './Legend';
import { OKABE_ITO, SERIES_COLORS } from './palette';
import { logTicks, makeScale } from './scales';
import type { Row } from './serialize';
import { useElementWidth } from './useElementWidth';
import { useChartTheme } from './theme';

export type LossKey = 'train' | 'test' | 'penalty' | 'total';

export interface LossSeries {
  /** 'train' | 'test' | 'penalty' | 'total' pick a default label and colour; any other key is allowed */
  key: LossKey | (string & {});
  label?: string;
  color?: string;
  dashed?: boolean;
  steps: NumericArray;
  values: NumericArray;
}

export interface LossLevel {
  label: string;
  value: number;
}

export interface LossChartProps {
  series: LossSeries[];
  /** draws a vertical rule at this step */
  currentStep?: number;
  /** theory levels drawn as thin dashed horizontal lines (e.g. the exact minimum loss L*) */
  levels?: LossLevel[];
  initialLogY?: boolean;
  initialLogX?: boolean;
  title?: string;
  height?: number;
  /** bump when the arrays were mutated in place */
  version?: number;
  testId?: string;
  /** render without the card (inside SmallMultiples) */
  bare?: boolean;
}

const DEFAULTS: Record<LossKey, { label: string; color: string }> = {
  train: { label: 'train  (1/N)Σ‖y−f(x)‖²', color: SERIES_COLORS.train },
  test: { label: 'test  (1/N)Σ‖y−f(x)‖²', color: SERIES_COLORS.test },
  penalty: { label: 'penalty  γ‖θ‖²', color: SERIES_COLORS.penalty },
  total: { label: 'total  L(θ)', color: SERIES_COLORS.total },
};

const describe = (s: LossSeries) => {
  const d = (DEFAULTS as Record<string, { label: string; color: string } | undefined>)[s.key];
  return { label: s.label ?? d?.label ?? s.key, color: s.color ?? d?.color ?? OKABE_ITO.purple };
};

function LossChartImpl(props: LossChartProps) {
  const { series, currentStep, levels = [], title = 'Loss vs optimizer step', height = 300, version, testId, bare } = props;
  const [logY, setLogY] = useState(props.initialLogY ?? true);
  const [logX, setLogX] = useState(props.initialLogX ?? false);
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const theme = useChartTheme();
  const clipId = `l2c-clip-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;

  const legendItems: LegendItem[] = useMemo(
    () => [
      ...series.map((s) => ({ ...describe(s), glyph: s.dashed ? ('dashed' as const) : ('line' as const) })),
      ...levels.map((l) => ({ label: l.label, color: SERIES_COLORS.theory, glyph: 'dotted' as const })),
    ],
    [series, levels],
  );
  const margin = { left: theme.px(70), right: 18, bottom: theme.px(50), top: 10 + legendHeight(legendItems, width - 88, theme.font) + 6 };
  const plotW = Math.max(40, width - margin.left - margin.right);
  const plotH = Math.max(40, height - margin.top - margin.bottom);

  const decimated = useMemo(
    () => series.map((s) => minMaxDecimate(s.steps, s.values, Math.ceil(plotW), logY ? (v) => v > 0 && Number.isFinite(v) : Number.isFinite)),
    // the series buffers are mutated in place; `version` says when
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [series, plotW, logY, version],
  );

  const { x, y, xTicks, yTicks } = useMemo(() => {
    const xs = finiteExtent(
      decimated.flatMap((d) => d.x),
      logX,
    );
    const xDomain: [number, number] = logX
      ? xs && xs[1] > Math.max(1, xs[0])
        ? [Math.max(1, xs[0]), xs[1]]
        : [1, 10]
      : xs && xs[1] > xs[0]
        ? xs
        : [0, Math.max(1, xs?.[1] ?? 1)];
    const ys = finiteExtent([...decimated.flatMap((d) => d.y), ...levels.map((l) => l.value)], logY);
    const yDomain: [number, number] = logY ? logDomain(ys, 8) : paddedDomain(ys ? [Math.min(0, ys[0]), ys[1]] : null, 0.06);
    const x = makeScale(logX, xDomain, [0, plotW]);
    const y = makeScale(logY, yDomain, [plotH, 0]);
    if (!logY) y.nice();
    // label widths grow with the type: about one tick per 6 characters of tick text
    const xTicks = logX ? logTicks(xDomain, plotW / (theme.font * 4.5)) : undefined;
    const yTicks = logY ? logTicks(yDomain, plotH / (theme.font * 2.2)) : undefined;
    return { x, y, xTicks, yTicks };
  }, [decimated, levels, logX, logY, plotW, plotH, theme.font]);

  const paths = useMemo(() => {
    return decimated.map((d) => {
      const ok = (i: number) => Number.isFinite(d.x[i]) && Number.isFinite(d.y[i]) && (!logY || d.y[i] > 0) && (!logX || d.x[i] > 0);
      const path = line<number>()
        .defined(ok)
        .x((i) => x(d.x[i]))
        .y((i) => y(d.y[i]));
      return path(d.x.map((_, i) => i)) ?? '';
    });
  }, [decimated, x, y, logX, logY]);

  const data = () => {
    const rows: Row[] = [];
    series.forEach((s) => {
      for (let i = 0; i < Math.min(s.steps.length, s.values.length); i++) rows.push({ series: s.key, step: s.steps[i], value: s.values[i] });
    });
    return rows;
  };

  const showCurrent = currentStep !== undefined && Number.isFinite(currentStep) && (!logX || currentStep > 0);
  const cx = showCurrent ? x(currentStep) : 0;
  const svg = (
    <div ref={ref} style={{ width: '100%' }}>
      <svg data-chart-svg width={width} height={height} role="img" aria-label={title} fontFamily={theme.fontFamily}>
        <SvgLegend items={legendItems} x={margin.left} y={8} width={width - margin.left - margin.right} />
        <g transform={`translate(${margin.left},${margin.top})`}>
          <Axis scale={y} orient="left" ticks={5} tickValues={yTicks} tickFormat={formatTick} grid={plotW} />
          <Axis scale={x} orient="bottom" y={plotH} ticks={Math.max(2, Math.floor(plotW / (theme.font * 6.5)))} tickValues={xTicks} tickFormat={formatTick} />
          <clipPath id={clipId}>
            <rect width={plotW} height={plotH} />
          </clipPath>
          <g clipPath={`url(#${clipId})`}>
            {levels.map((l) =>
              !logY || l.value > 0 ? (
                <line
                  key={l.label}
                  x1={0}
                  x2={plotW}
                  y1={y(l.value)}
                  y2={y(l.value)}
                  stroke={SERIES_COLORS.theory}
                  strokeWidth={1.5}
                  strokeDasharray="1.5 3.5"
                  strokeLinecap="round"
                />
              ) : null,
            )}
            {series.map((s, i) => (
              <path
                key={s.key}
                d={paths[i]}
                fill="none"
                stroke={describe(s).color}
                strokeWidth={theme.stroke}
                strokeDasharray={s.dashed ? '6 4' : undefined}
                strokeLinejoin="round"
              />
            ))}
          </g>
          {decimated.every((d) => d.x.length === 0) && (
            <text x={plotW / 2} y={plotH / 2} textAnchor="middle" fontSize={theme.label} fill="#777">
              no training data yet
            </text>
          )}
          {showCurrent && cx >= 0 && cx <= plotW && (
            <g>
              <line x1={cx} x2={cx} y1={0} y2={plotH} stroke="#666" strokeWidth={1} strokeDasharray="3 3" />
              <text x={cx - 4} y={12} textAnchor="end" fontSize={theme.annotation} fill="#444">
                t = {Math.round(currentStep)}
              </text>
            </g>
          )}
          <AxisLabel x={plotW / 2} y={plotH + theme.px(42)} text={logX ? 'optimizer step t  (log)' : 'optimizer step t'} />
          <AxisLabel x={-theme.px(54)} y={plotH / 2} text={logY ? 'loss  (log scale)' : 'loss'} rotate />
        </g>
      </svg>
    </div>
  );
  if (bare) return svg;
  return (
    <ChartFrame
      title={title}
      testId={testId}
      data={data}
      toolbar={
        <>
          <ToggleButton pressed={logX} onToggle={() => setLogX((v) => !v)} label="log t" title="logarithmic step axis" />
          <ToggleButton pressed={logY} onToggle={() => setLogY((v) => !v)} label="log y" title="logarithmic loss axis" />
        </>
      }
    >
      {svg}
    </ChartFrame>
  );
}

export const LossChart = memo(LossChartImpl);
