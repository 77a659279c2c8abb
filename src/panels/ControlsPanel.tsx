/** The controls column: network, data, optimizer (each field drawn from its registry entry), and the run transport. */
import { useParameters } from '../state/parameters';
import { useTelemetry } from '../state/telemetry';
import { getController } from '../session/controller';
import { Field, CommitInput, NumberInput, parseList, ChoiceEntryField, NumberEntryField, SwitchEntry } from './fields';
import { LIVE_ENTRIES, type Entry, type ParameterField, type SharedParameters } from '../permalink';

export function ControlsPanel() {
  return (
    <aside className="controls" aria-label="Controls">
      <TransportSection />
      <NetworkSection />
      <DataSection />
      <OptimizerSection />
    </aside>
  );
}

function TransportSection() {
  const running = useTelemetry((s) => s.running);
  const speed = useParameters((s) => s.speed);
  const update = useParameters((s) => s.update);
  const messages = useParameters((s) => s.messages);
  const controller = getController();
  return (
    <section className="panel-section">
      <h2>Run</h2>
      <div className="transport" data-control="run">
        <button type="button" className="primary" data-testid="play-pause" onClick={() => (running ? controller.pause() : controller.play())}>
          <span aria-hidden="true">{running ? '❚❚' : '▶'}</span> {running ? 'Pause' : 'Play'}
        </button>
        <button type="button" data-testid="step" onClick={() => void controller.step(1)} title="one optimizer step" aria-label="One optimizer step">
          Step
        </button>
        <button
          type="button"
          data-testid="reset"
          onClick={() => void controller.reset()}
          title="Start again from the same initial weights (same seed, same data), key R. For a different start, change the seed."
          aria-label="Reset: restart from the same initial weights (same seed)"
        >
          Reset
        </button>
      </div>
      <Field label="Speed" id="speed-mode">
        <div className="row">
          <select id="speed-mode" value={speed.mode} onChange={(e) => update({ speed: { ...speed, mode: e.target.value as 'slow' | 'fast' } })}>
            <option value="fast">as fast as possible</option>
            <option value="slow">slow (steps / s)</option>
          </select>
          {speed.mode === 'slow' && (
            <NumberInput
              id="steps-per-second"
              name="steps per second"
              value={speed.stepsPerSecond}
              onCommit={(n) => update({ speed: { ...speed, stepsPerSecond: n } })}
            />
          )}
        </div>
      </Field>
      {messages.speed && <small className="field-message">{messages.speed}</small>}
    </section>
  );
}

/**
 * The props of a parameter's control: its registry entry (label, id, range, options), value, message
 * and an update of that one field.
 */
function useEntry<K extends ParameterField>(key: K) {
  const value = useParameters((s) => s[key]);
  const message = useParameters((s) => s.messages[key]);
  const update = useParameters((s) => s.update);
  return { entry: LIVE_ENTRIES[key] as Entry, value, message, onCommit: (v: SharedParameters[K]) => update({ [key]: v }) };
}

function NetworkSection() {
  const compareDepths = useParameters((s) => s.compareDepths);
  return (
    <section className="panel-section">
      <h2>Network</h2>
      <div className="grid2">
        <ChoiceEntryField {...useEntry('depth')} testId="depth" hint="hidden layers" disabled={compareDepths} />
        <NumberEntryField {...useEntry('width')} />
      </div>
      <NumberEntryField {...useEntry('initScale')} hint="W ~ scale·N(0,1)/√in; near 0 the origin traps D ≥ 2" />
      <ChoiceEntryField {...useEntry('activation')} />
      <SwitchEntry {...useEntry('compareDepths')} testId="compare-depths" />
    </section>
  );
}

function DataSection() {
  const spectrum = useEntry('spectrum');
  const id = 'spectrum';
  return (
    <section className="panel-section">
      <h2>Data (teacher)</h2>
      <Field label={spectrum.entry.label} id={id} message={spectrum.message} hint="comma list, e.g. 1, 0.6, 0.3">
        <CommitInput id={id} testId="spectrum" inputMode="text" value={spectrum.value.join(', ')} onCommit={(t) => spectrum.onCommit(parseList(t))} />
      </Field>
      <div className="grid2">
        <NumberEntryField {...useEntry('inputDim')} />
        <NumberEntryField {...useEntry('outputDim')} />
        <NumberEntryField {...useEntry('trainSize')} />
        <NumberEntryField {...useEntry('testSize')} />
        <NumberEntryField {...useEntry('labelNoise')} />
        <NumberEntryField {...useEntry('seed')} />
      </div>
      <SwitchEntry {...useEntry('whiten')} />
    </section>
  );
}

function OptimizerSection() {
  const optimizer = useEntry('optimizer');
  const lr = useEntry('lr');
  const batchSize = useEntry('batchSize');
  const temperature = useEntry('temperature');
  const T = temperature.value;
  return (
    <section className="panel-section">
      <h2>Optimizer</h2>
      <ChoiceEntryField {...optimizer} testId="optimizer" />
      <div className="grid2">
        <NumberEntryField {...lr} testId="lr" />
        {optimizer.value === 'sgd' && <NumberEntryField {...batchSize} />}
        {optimizer.value === 'langevin' && <NumberEntryField {...temperature} />}
      </div>
      {optimizer.value === 'langevin' && T > 0 && T < 1e-5 && (
        <small className="field-hint">
          T = {T.toExponential(0)} is a whisper of noise: it lets an unstable state (D = 1 below γ = η) be left, as in any real system, but no barrier is
          crossed. Noise-free GD would sit at an exact zero forever.
        </small>
      )}
      <small className="field-hint">γ, T and the learning rate change live, without a reset.</small>
    </section>
  );
}
