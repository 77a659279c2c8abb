/**
 * The γ slider: a native range input (keyboard accessible, 2000 positions), linear or log scale,
 * with the current setup's γ_c and γ_sp (from the EMPIRICAL data spectrum) marked on the track.
 */
import { useMemo, type CSSProperties } from 'react';
import { trainedDepths, useParameters } from '../state/parameters';
import { useTelemetry } from '../state/telemetry';
import { reluThresholdOf, useSampleTheory } from '../state/sampleTheory';
import { GAMMA_LOG_MIN, GAMMA_SLIDER_STEPS, formatGamma, gammaRangeMax, gammaToPosition, positionToGamma } from '../state/gammaScale';
import { thresholdMarks, type ThresholdMark } from '../charts/theory';
import { ConventionsNote } from './ConventionsNote';
import { useElementWidth } from '../charts/useElementWidth';
import { GAMMA_NUDGE } from '../ui/keyboard';
import { Term } from '../ui/Glossary';

export function useGammaMarks(): ThresholdMark[] {
  const depth = useParameters((s) => s.depth);
  const compare = useParameters((s) => s.compareDepths);
  const spectrum = useParameters((s) => s.spectrum);
  const dataset = useTelemetry((s) => s.dataset);
  const activation = useParameters((s) => s.activation);
  const whitened = useParameters((s) => s.whiten);
  // the theory worker's exact numbers for this sample (non-whitened linear) and the relu net's threshold
  const exact = useSampleTheory((s) => (s.status === 'ready' ? s.result?.exact : null));
  const relu = useSampleTheory(reluThresholdOf);
  return useMemo(() => {
    const depths = trainedDepths({ depth, compareDepths: compare });
    const etas = dataset ? dataset.singularValues.slice(0, spectrum.length) : spectrum;
    const strengths = dataset ? dataset.inputStrength : spectrum.map(() => 1);
    const sample = exact ? exact.map((d) => ({ depth: d.depth, modes: d.overlay.theory.modes })) : null;
    return thresholdMarks(depths, etas, strengths, 3, { activation, whitened, sample, reluThreshold: relu });
  }, [depth, compare, spectrum, dataset, activation, whitened, exact, relu]);
}

/** the mark's tooltip: what the threshold is and where its number comes from */
function markTitle(m: ThresholdMark): string {
  const what =
    m.kind === 'critical'
      ? 'coexistence γc: learned and trivial states have equal loss'
      : m.kind === 'spinodal'
        ? 'spinodal γsp: the learned state stops existing'
        : `local threshold of the ${m.source === 'relu net' ? 'ReLU' : 'tanh'} net: the origin loses stability${m.source === 'relu net' ? ' (max over unit û of ‖E[y·relu(ûᵀx)]‖ on this sample)' : ' (κ‖Σyx‖, κ = tanh′(0) = 1)'}`;
  const how =
    m.status === 'approximation'
      ? ' — per-mode approximation (non-whitened data; the exact theory of this sample is being computed)'
      : m.status === 'linear reference'
        ? ' — linear theory, for reference: it does not apply to this nonlinear net'
        : m.source === 'sample'
          ? ' — exact theory of this sample (joint stationarity, non-whitened data)'
          : '';
  return `${what} = ${m.gamma.toFixed(4)}${how}`;
}

export function useGammaMax(marks: ThresholdMark[]): number {
  const spectrum = useParameters((s) => s.spectrum);
  return useMemo(() => {
    const gammas = marks.map((m) => m.gamma);
    if (gammas.length === 0) gammas.push(spectrum[0] ?? 1);
    return gammaRangeMax(gammas);
  }, [marks, spectrum]);
}

/** a label character's width in px, generous for the largest mark type (0.8rem ≈ 17 px in lecture mode) */
const CHAR_PX = 10.5;

/** spread labels that would overlap onto separate lanes (CHAR_PCT: one character, in % of the track) */
function assignLanes(marks: { pct: number; text: string }[], CHAR_PCT: number): number[] {
  const order = marks.map((m, i) => [m.pct, i] as const).sort((a, b) => a[0] - b[0]);
  const laneEnds: number[] = [];
  const lanes = new Array<number>(marks.length).fill(0);
  for (const [pct, i] of order) {
    // a label spans [pct − w·pct/100, pct + w·(1 − pct/100)]: anchored left at 0 %, right at 100 %
    const width = marks[i].text.length * CHAR_PCT;
    const from = pct - (width * pct) / 100;
    let lane = laneEnds.findIndex((end) => from >= end + 1);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = from + width;
    lanes[i] = lane;
  }
  return lanes;
}

function storyHint(depths: number[]): string {
  if (depths.length > 1) return 'Drag past the marks and back: D = 1 follows, D = 2 and 3 stay collapsed (hysteresis).';
  const d = depths[0] ?? 0;
  if (d === 0) return 'D = 0 is ridge regression: p shrinks smoothly, no transition.';
  if (d === 1) return 'D = 1: p falls continuously to 0 at γc = η and comes back on the way down.';
  return 'Drag slowly past γsp (p jumps to 0), then back below γc: p stays at 0 (hysteresis).';
}

export function GammaSlider() {
  const gamma = useParameters((s) => s.gamma);
  const scale = useParameters((s) => s.gammaScale);
  const update = useParameters((s) => s.update);
  const marks = useGammaMarks();
  const depth = useParameters((s) => s.depth);
  const compare = useParameters((s) => s.compareDepths);
  const depths = trainedDepths({ depth, compareDepths: compare });
  const rangeMax = useGammaMax(marks);
  const max = Math.max(rangeMax, gamma);
  const position = gammaToPosition(gamma, max, scale);
  const placed = marks
    .filter((m) => m.gamma <= max)
    .map((m) => ({ ...m, text: `${m.label} ${m.gamma.toFixed(3)}`, pct: (gammaToPosition(m.gamma, max, scale) / GAMMA_SLIDER_STEPS) * 100 }));
  const [marksRef, trackWidth] = useElementWidth<HTMLDivElement>(800);
  const lanes = assignLanes(placed, (100 * CHAR_PX) / Math.max(200, trackWidth));
  const laneCount = Math.max(1, ...lanes.map((l) => l + 1));
  // the thumb's centre runs from thumb/2 to 100% − thumb/2 (the thumb size is a CSS variable: larger on touch)
  const left = (pct: number) => `calc(var(--thumb) / 2 + ${pct / 100} * (100% - var(--thumb)))`;
  const ticks = scale === 'linear' ? linearTicks(max) : logTicks(max);

  return (
    <section className="gamma-control" aria-label="Regularization strength γ">
      <div className="gamma-head">
        <label htmlFor="gamma-slider" className="gamma-label">
          Regularization γ
        </label>
        <output className="gamma-value" data-testid="gamma-value" htmlFor="gamma-slider">
          γ = {formatGamma(gamma)}
        </output>
        <div className="segmented" role="group" aria-label="γ slider scale">
          {(['linear', 'log'] as const).map((s) => (
            <button
              key={s}
              type="button"
              data-testid={`gamma-scale-${s}`}
              aria-pressed={scale === s}
              className={scale === s ? 'on' : ''}
              onClick={() => update({ gammaScale: s })}
            >
              {s}
            </button>
          ))}
        </div>
      </div>
      <div className="gamma-marks" ref={marksRef} style={{ height: `${laneCount * 1.35}rem` }} aria-hidden="true">
        {placed.map((m, i) => (
          <span
            key={`${m.label}-${m.kind}`}
            className={`gamma-mark ${m.kind}`}
            style={{ left: left(m.pct), bottom: `${lanes[i] * 1.35}rem`, transform: `translateX(-${m.pct}%)` }}
            title={markTitle(m)}
            data-mark-kind={m.kind}
            data-mark-gamma={m.gamma}
            data-mark-status={m.status}
            data-mark-source={m.source}
          >
            {m.text}
          </span>
        ))}
      </div>
      <div className="gamma-track-wrap" style={{ '--fill': left((position / GAMMA_SLIDER_STEPS) * 100) } as CSSProperties}>
        {placed.map((m) => (
          <span key={`tick-${m.label}-${m.kind}`} className={`gamma-tick ${m.kind}`} style={{ left: left(m.pct) }} aria-hidden="true" />
        ))}
        <input
          id="gamma-slider"
          data-testid="gamma-slider"
          type="range"
          min={0}
          max={GAMMA_SLIDER_STEPS}
          step={1}
          value={position}
          aria-valuetext={`γ = ${formatGamma(gamma)}`}
          data-gamma-max={max}
          data-scale={scale}
          onChange={(e) => update({ gamma: positionToGamma(Number(e.target.value), max, scale) })}
        />
      </div>
      <div className="gamma-axis" aria-hidden="true">
        {ticks.map((t, i) => (
          <span
            key={t}
            className={i === 0 ? 'first' : i === ticks.length - 1 && gammaToPosition(t, max, scale) > GAMMA_SLIDER_STEPS * 0.97 ? 'last' : undefined}
            style={{ left: left((gammaToPosition(t, max, scale) / GAMMA_SLIDER_STEPS) * 100) }}
          >
            {formatAxisGamma(t)}
          </span>
        ))}
      </div>
      <p className="hint">
        L(θ) = (1/N) Σ‖y − f(x)‖² + γ Σ‖W<sub>l</sub>‖²<sub>F</sub>. {storyHint(depths)} {stepHint(max, scale)} The marks: <Term name="coexistence">γc</Term>,{' '}
        <Term name="spinodal">γsp</Term>.
      </p>
      <ConventionsNote />
    </section>
  );
}

/** the steps the keys really take: the page keys (a fixed γ step) and the slider's own arrows (one of its positions) */
export function stepHint(max: number, scale: 'linear' | 'log'): string {
  const page = `Keys ← → step γ by ${GAMMA_NUDGE.fine} (Shift: ${GAMMA_NUDGE.coarse})`;
  if (scale === 'linear') return `${page}; with the slider focused, its arrows step by ${formatGamma(max / GAMMA_SLIDER_STEPS)}.`;
  const factor = Math.pow(max / GAMMA_LOG_MIN, 1 / GAMMA_SLIDER_STEPS);
  return `${page}; with the slider focused (log scale), each arrow multiplies γ by ${factor.toFixed(4)}.`;
}

/** axis numbers with their leading zero (0.001, not .001) */
function formatAxisGamma(t: number): string {
  return t < 0.01 && t > 0 ? t.toFixed(3) : String(t);
}

function linearTicks(max: number): number[] {
  const step = max > 2 ? 0.5 : max > 1 ? 0.2 : 0.1;
  const out: number[] = [];
  for (let t = 0; t <= max + 1e-9; t += step) out.push(Number(t.toFixed(2)));
  return out;
}

function logTicks(max: number): number[] {
  return [0.001, 0.01, 0.1, 1, 10].filter((t) => t <= max);
}
