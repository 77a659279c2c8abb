/** The live numbers: order parameter per feature, step count, losses, ‖θ‖², speed. */
import { Fragment } from 'react';
import { useTelemetry } from '../state/telemetry';
import { useParameters } from '../state/parameters';
import { exactTheoryFor, useSampleTheory } from '../state/sampleTheory';
import { globalMinimum, globalPAt } from '../charts/theory';
import { subscript } from '../charts/palette';
import { Term } from '../ui/Glossary';

/** p₁ = …  p₂ = … as parts that wrap as wholes (three features do not fit one line of a narrow card) */
function OrderParameterParts({ values }: { values: ArrayLike<number> }) {
  return formatOrderParameter(values)
    .split('  ')
    .map((part, k) => (
      <Fragment key={k}>
        {k > 0 ? '  ' : ''}
        <span className="readout-part">{part}</span>
      </Fragment>
    ));
}

export function formatOrderParameter(p: ArrayLike<number>, maxShown = 3): string {
  const parts: string[] = [];
  for (let k = 0; k < Math.min(p.length, maxShown); k++) {
    const value = Math.abs(p[k]) < 5e-5 ? 0 : p[k]; // no "−0.0000"
    parts.push(`p${subscript(k + 1)} = ${value.toFixed(4)}`);
  }
  return parts.join('  ');
}

function fmt(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '—';
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4)) return x.toExponential(3);
  return x.toFixed(4);
}

/**
 * The theory's global-minimum p per feature at the current γ, for the first trained depth: the exact
 * sample theory once it arrived (non-whitened data), else the closed forms (exact when whitened, the
 * per-mode approximation otherwise); nothing for nonlinear nets (no theory of their learned state).
 */
function useTheoryOrderParameter(shown: number): { values: number[]; source: 'exact' | 'exact (this sample)' | 'per-mode approximation' } | null {
  const run = useTelemetry((s) => s.runs[0]);
  const gamma = useTelemetry((s) => s.gamma);
  const dataset = useTelemetry((s) => s.dataset);
  const activation = useParameters((s) => s.activation);
  const whitened = useParameters((s) => s.whiten);
  const exact = useSampleTheory((s) => (run ? exactTheoryFor(s, run.depth) : null));
  if (!run || !dataset || activation !== 'linear') return null;
  const etas = dataset.singularValues.slice(0, shown);
  if (!whitened && exact && exact.overlay.features.length >= etas.length) {
    const values = etas.map((_, k) => globalPAt(exact.overlay.features[k], gamma));
    if (values.every((v): v is number => v !== null)) return { values, source: 'exact (this sample)' };
  }
  return {
    values: etas.map((eta, k) => globalMinimum(run.depth, eta, gamma, dataset.inputStrength[k] ?? 1)),
    source: whitened ? 'exact' : 'per-mode approximation',
  };
}

export function Readouts() {
  useTelemetry((s) => s.version);
  const runs = useTelemetry((s) => s.runs);
  const features = useTelemetry((s) => s.dataset?.singularValues.filter((v) => v > 1e-6).length ?? 1);
  const sps = useTelemetry((s) => s.stepsPerSecond);
  const main = runs[0]?.latest;
  const shownFeatures = Math.max(1, Math.min(features, 3));
  const theory = useTheoryOrderParameter(shownFeatures);
  return (
    <section className="readouts" aria-label="Live readouts">
      <div className={`readout big${shownFeatures > 1 ? ' many' : ''}`}>
        <span className="readout-label">
          <Term name="order parameter" />
          {runs.length > 1 ? ` (D = ${runs[0]?.depth})` : ''}
        </span>
        <span className="readout-value" data-testid="order-parameter">
          {main ? <OrderParameterParts values={Array.from(main.overlaps).slice(0, shownFeatures)} /> : '—'}
        </span>
      </div>
      {theory && (
        <div
          className={`readout${shownFeatures > 1 ? ' many' : ''}`}
          data-readout="theory-p"
          title={`global minimum of the loss at this γ, ${theory.source} theory`}
        >
          <span className="readout-label">theory p ({theory.source === 'per-mode approximation' ? '≈ per-mode' : theory.source})</span>
          <span className="readout-value" data-testid="theory-order-parameter" data-theory-source={theory.source}>
            <OrderParameterParts values={theory.values.slice(0, shownFeatures)} />
          </span>
        </div>
      )}
      <div className="readout" data-readout="step">
        <span className="readout-label">step</span>
        <span className="readout-value" data-testid="step-count">
          {main ? main.step.toLocaleString('en-US') : '0'}
        </span>
      </div>
      <div className="readout" data-readout="loss">
        <span className="readout-label">loss L(θ)</span>
        <span className="readout-value">{fmt(main?.totalLoss)}</span>
      </div>
      <div className="readout" data-readout="test">
        <span className="readout-label">test error</span>
        <span className="readout-value">{fmt(main?.testLoss)}</span>
      </div>
      <div className="readout" data-readout="norm">
        <span className="readout-label">‖θ‖²</span>
        <span className="readout-value">{fmt(main?.normSq)}</span>
      </div>
      <div className="readout" data-readout="speed">
        <span className="readout-label">steps / s</span>
        <span className="readout-value">{sps > 0 ? Math.round(sps).toLocaleString('en-US') : '—'}</span>
      </div>
    </section>
  );
}
