/** The controls column: network, data, optimizer, and the run transport. */
import { useParameters } from '../state/parameters';
import { useTelemetry } from '../state/telemetry';
import { getController } from '../session/controller';
import { Field, CommitInput, NumberInput, parseList } from './fields';
import type { Activation, OptimizerKind } from '../engine/types';

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

function NetworkSection() {
  const p = useParameters();
  return (
    <section className="panel-section">
      <h2>Network</h2>
      <div className="grid2">
        <Field label="Depth D" id="depth" message={p.messages.depth} hint="hidden layers">
          <select id="depth" data-testid="depth" value={p.depth} disabled={p.compareDepths} onChange={(e) => p.update({ depth: Number(e.target.value) })}>
            {[0, 1, 2, 3, 4, 5, 6].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Width" id="width" message={p.messages.width}>
          <NumberInput id="width" name="width" integer value={p.width} onCommit={(n) => p.update({ width: n })} />
        </Field>
      </div>
      <Field label="Init scale" id="init-scale" message={p.messages.initScale} hint="W ~ scale·N(0,1)/√in; near 0 the origin traps D ≥ 2">
        <NumberInput id="init-scale" name="init scale" value={p.initScale} onCommit={(n) => p.update({ initScale: n })} />
      </Field>
      <Field label="Activation" id="activation">
        <select id="activation" value={p.activation} onChange={(e) => p.update({ activation: e.target.value as Activation })}>
          <option value="linear">linear (exact theory)</option>
          <option value="tanh">tanh</option>
          <option value="relu">ReLU</option>
        </select>
      </Field>
      <label className="switch" data-control="compare">
        <input type="checkbox" data-testid="compare-depths" checked={p.compareDepths} onChange={(e) => p.update({ compareDepths: e.target.checked })} />
        <span>Compare depths D = 1, 2, 3 side by side</span>
      </label>
    </section>
  );
}

function DataSection() {
  const p = useParameters();
  return (
    <section className="panel-section">
      <h2>Data (teacher)</h2>
      <Field label="Spectrum η (features)" id="spectrum" message={p.messages.spectrum} hint="comma list, e.g. 1, 0.6, 0.3">
        <CommitInput id="spectrum" testId="spectrum" inputMode="text" value={p.spectrum.join(', ')} onCommit={(t) => p.update({ spectrum: parseList(t) })} />
      </Field>
      <div className="grid2">
        <Field label="Input dim" id="input-dim" message={p.messages.inputDim}>
          <NumberInput id="input-dim" name="input dim" integer value={p.inputDim} onCommit={(n) => p.update({ inputDim: n })} />
        </Field>
        <Field label="Output dim" id="output-dim" message={p.messages.outputDim}>
          <NumberInput id="output-dim" name="output dim" integer value={p.outputDim} onCommit={(n) => p.update({ outputDim: n })} />
        </Field>
        <Field label="Train samples" id="train-size" message={p.messages.trainSize}>
          <NumberInput id="train-size" name="train samples" integer value={p.trainSize} onCommit={(n) => p.update({ trainSize: n })} />
        </Field>
        <Field label="Test samples" id="test-size" message={p.messages.testSize}>
          <NumberInput id="test-size" name="test samples" integer value={p.testSize} onCommit={(n) => p.update({ testSize: n })} />
        </Field>
        <Field label="Label noise σ" id="label-noise" message={p.messages.labelNoise}>
          <NumberInput id="label-noise" name="label noise" value={p.labelNoise} onCommit={(n) => p.update({ labelNoise: n })} />
        </Field>
        <Field label="Seed" id="seed">
          <NumberInput id="seed" name="seed" integer value={p.seed} onCommit={(n) => p.update({ seed: n })} />
        </Field>
      </div>
      <label className="switch" data-control="whiten">
        <input type="checkbox" checked={p.whiten} onChange={(e) => p.update({ whiten: e.target.checked })} />
        <span>Whiten inputs exactly (Σxx = I)</span>
      </label>
    </section>
  );
}

function OptimizerSection() {
  const p = useParameters();
  return (
    <section className="panel-section">
      <h2>Optimizer</h2>
      <Field label="Method" id="optimizer">
        <select id="optimizer" data-testid="optimizer" value={p.optimizer} onChange={(e) => p.update({ optimizer: e.target.value as OptimizerKind })}>
          <option value="gd">GD (full batch)</option>
          <option value="sgd">SGD (minibatch)</option>
          <option value="langevin">Langevin (temperature T)</option>
        </select>
      </Field>
      <div className="grid2">
        <Field label="Learning rate" id="lr" message={p.messages.lr}>
          <NumberInput id="lr" name="learning rate" testId="lr" value={p.lr} onCommit={(n) => p.update({ lr: n })} />
        </Field>
        {p.optimizer === 'sgd' && (
          <Field label="Batch size" id="batch-size" message={p.messages.batchSize}>
            <NumberInput id="batch-size" name="batch size" integer value={p.batchSize} onCommit={(n) => p.update({ batchSize: n })} />
          </Field>
        )}
        {p.optimizer === 'langevin' && (
          <Field label="Temperature T" id="temperature" message={p.messages.temperature}>
            <NumberInput id="temperature" name="temperature" value={p.temperature} onCommit={(n) => p.update({ temperature: n })} />
          </Field>
        )}
      </div>
      {p.optimizer === 'langevin' && p.temperature > 0 && p.temperature < 1e-5 && (
        <small className="field-hint">
          T = {p.temperature.toExponential(0)} is a whisper of noise: it lets an unstable state (D = 1 below γ = η) be left, as in any real system, but no
          barrier is crossed. Noise-free GD would sit at an exact zero forever.
        </small>
      )}
      <small className="field-hint">γ, T and the learning rate change live, without a reset.</small>
    </section>
  );
}
