/**
 * Loss curves against optimizer step: train and test data terms, the penalty γ‖θ‖² (and optionally
 * the total), with built-in log-x / log-y toggles and a rule at the current step. Series are
 * min–max decimated to about one point per pixel column so a long stream stays cheap to draw.
 */
import { memo, useMemo, useState } from 'react';
import { ToggleButton } from './ChartFrame';
import { minMaxDecimate, type NumericArray } from './decimate';
import { finiteExtent, logDomain, paddedDomain } from './domains';
import { ChartCard, plotAxis, PlotFrame, useFrame } from './kit/PlotFrame';
import { Line, Rule, Text, type XY } from './kit/marks';
import type { LegendItem } from './Legend';
import { INK, OKABE_ITO, SERIES_COLORS } from './palette';
import type { Row } from './serialize';

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

  const legendItems: LegendItem[] = useMemo(
    () => [
      ...series.map((s) => ({ ...describe(s), glyph: s.dashed ? ('dashed' as const) : ('line' as const) })),
      ...levels.map((l) => ({ label: l.label, color: SERIES_COLORS.theory, glyph: 'dotted' as const })),
    ],
    [series, levels],
  );
  const frame = useFrame({ height, legend: legendItems, bare, left: { tickChars: 5 } });
  const { plotW, plotH, theme } = frame;

  const decimated = useMemo(
    () => series.map((s) => minMaxDecimate(s.steps, s.values, Math.ceil(plotW), logY ? (v) => v > 0 && Number.isFinite(v) : Number.isFinite)),
    // the series buffers are mutated in place; `version` says when
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [series, plotW, logY, version],
  );

  const { x, y } = useMemo(() => {
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
    return {
      x: plotAxis({ domain: xDomain, log: logX, label: logX ? 'optimizer step t  (log)' : 'optimizer step t' }, [0, plotW]),
      y: plotAxis({ domain: yDomain, log: logY, nice: true, label: logY ? 'loss  (log scale)' : 'loss' }, [plotH, 0]),
    };
  }, [decimated, levels, logX, logY, plotW, plotH]);

  const lines = useMemo(() => decimated.map((d) => d.x.map((step, i): XY => [step, d.y[i]])), [decimated]);

  const data = () => {
    const rows: Row[] = [];
    series.forEach((s) => {
      for (let i = 0; i < Math.min(s.steps.length, s.values.length); i++) rows.push({ series: s.key, step: s.steps[i], value: s.values[i] });
    });
    return rows;
  };

  const showCurrent = currentStep !== undefined && Number.isFinite(currentStep) && (!logX || currentStep > 0);
  const cx = showCurrent ? x.scale(currentStep) : -1;
  return (
    <ChartCard
      bare={bare}
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
      <PlotFrame frame={frame} ariaLabel={title} x={x} y={y}>
        <g clipPath={frame.clip}>
          {levels.map((l) => (
            <Rule key={l.label} orient="h" at={l.value} scale={y.scale} span={[0, plotW]} color={SERIES_COLORS.theory} dash="dotted" />
          ))}
          {series.map((s, i) => (
            <Line key={s.key} data={lines[i]} x={x.scale} y={y.scale} color={describe(s).color} dash={s.dashed ? 'dashed' : 'solid'} />
          ))}
        </g>
        {decimated.every((d) => d.x.length === 0) && (
          <Text x={plotW / 2} y={plotH / 2} anchor="middle" size="label" color={INK.faint} halo={false}>
            no training data yet
          </Text>
        )}
        {showCurrent && cx >= 0 && cx <= plotW && (
          <g>
            <Rule orient="v" at={currentStep} scale={x.scale} span={[0, plotH]} color={INK.faint} dash="fine" width={1} />
            <Text x={cx - 4} y={theme.annotation} anchor="end" color={INK.muted}>
              t = {Math.round(currentStep)}
            </Text>
          </g>
        )}
      </PlotFrame>
    </ChartCard>
  );
}

export const LossChart = memo(LossChartImpl);
