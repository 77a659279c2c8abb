/** The sweeps view's job bar: what to run (depths, spectrum, γ grid, net), Run / Cancel, progress, timings. */
import { useState } from 'react';
import { useSweepsStore, STAGE_LABELS, STAGE_ORDER, STAGE_SHORT, type StageKey } from '../../state/sweeps';
import type { SpectrumPreset } from '../../data/presets';
import { numberRange, SWEEPS_ENTRIES, type Entry } from '../../permalink';
import { useDraftNumber } from '../useDraftNumber';
import { cancelStages, runStages } from './runner';
import { sweepsBudgetProblems, type SweepsBudgetField } from './budget';
import { useTimeLeft } from '../useTimeLeft';

const FIELDS = SWEEPS_ENTRIES;
const DEPTHS = ((range) => Array.from({ length: (range.max ?? 0) - (range.min ?? 0) + 1 }, (_, i) => (range.min ?? 0) + i))(numberRange(FIELDS.depths));

/** a number setting: label, range and step from its registry entry */
function NumberField({
  entry,
  value,
  onCommit,
  width = 64,
  problem,
  testId,
}: {
  entry: Entry;
  value: number;
  onCommit: (v: number) => void;
  width?: number;
  problem?: string;
  testId?: string;
}) {
  const input = useDraftNumber(entry, value, onCommit);
  return (
    <label className="l2s-field" data-testid={testId}>
      <span>{entry.label}</span>
      <input type="number" {...input} style={{ width }} aria-invalid={problem ? true : undefined} />
      {problem && (
        <small className="l2s-field-problem" role="alert" data-testid={testId ? `${testId}-problem` : undefined}>
          {problem}
        </small>
      )}
    </label>
  );
}

/** `collapsed`: the settings start folded behind a "Settings" button (lecture mode); Run stays in view */
export function JobBar({ collapsed = false }: { collapsed?: boolean }) {
  const [open, setOpen] = useState(!collapsed);
  const settings = useSweepsStore((s) => s.settings);
  const job = useSweepsStore((s) => s.job);
  const timeLeft = useTimeLeft(job.running, job.progress);
  const update = useSweepsStore((s) => s.update);
  const messages = useSweepsStore((s) => s.messages);
  const toggleDepth = (d: number) => {
    const has = settings.depths.includes(d);
    const next = has ? settings.depths.filter((x) => x !== d) : [...settings.depths, d].sort((a, b) => a - b);
    if (next.length > 0) update({ depths: next });
  };
  const toggleStage = (stage: StageKey) => {
    const has = settings.stages.includes(stage);
    update({ stages: has ? settings.stages.filter((s) => s !== stage) : [...settings.stages, stage] });
  };
  const setPreset = (preset: SpectrumPreset) => update({ spectrum: { ...settings.spectrum, preset } });
  const problems = sweepsBudgetProblems(settings);
  // the budget's verdict first; else why the store changed what was typed
  const problem = (field: keyof typeof FIELDS) => problems[field as SweepsBudgetField] ?? messages[field];
  const blocked = Object.keys(problems).length > 0;
  return (
    <div className="l2s-jobbar" data-testid="sweeps-jobbar">
      {collapsed && (
        <button type="button" className="l2s-settings-toggle" aria-expanded={open} aria-controls="sweeps-settings" onClick={() => setOpen((o) => !o)}>
          Settings
        </button>
      )}
      <div className="l2s-row" id="sweeps-settings" hidden={!open}>
        <fieldset className="l2s-group">
          <legend>depth D (hidden layers)</legend>
          {DEPTHS.map((d) => (
            <label key={d} className="l2s-check">
              <input type="checkbox" checked={settings.depths.includes(d)} onChange={() => toggleDepth(d)} disabled={job.running} /> {d}
            </label>
          ))}
        </fieldset>
        <fieldset className="l2s-group">
          <legend>spectrum η</legend>
          <select
            value={settings.spectrum.preset}
            onChange={(e) => setPreset(e.currentTarget.value as SpectrumPreset)}
            disabled={job.running}
            aria-label="spectrum preset"
          >
            {Object.entries(FIELDS.spectrumPreset.options).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {settings.spectrum.preset === 'single' && (
            <NumberField
              entry={FIELDS.eta}
              value={settings.spectrum.eta}
              onCommit={(eta) => update({ spectrum: { ...settings.spectrum, eta } })}
              width={56}
              problem={problem('eta')}
            />
          )}
        </fieldset>
        <fieldset className="l2s-group">
          <legend>γ grid</legend>
          <NumberField entry={FIELDS.gammaMin} value={settings.gammaMin} onCommit={(gammaMin) => update({ gammaMin })} problem={problem('gammaMin')} />
          <NumberField entry={FIELDS.gammaMax} value={settings.gammaMax} onCommit={(gammaMax) => update({ gammaMax })} problem={problem('gammaMax')} />
          <NumberField
            entry={FIELDS.points}
            value={settings.points}
            onCommit={(points) => update({ points })}
            problem={problem('points')}
            testId="sweeps-points"
          />
        </fieldset>
        <fieldset className="l2s-group">
          <legend>net &amp; optimizer (full-batch GD)</legend>
          <NumberField
            entry={FIELDS.width}
            value={settings.width}
            onCommit={(width) => update({ width })}
            width={52}
            problem={problem('width')}
            testId="sweeps-width"
          />
          <NumberField entry={FIELDS.lr} value={settings.lr} onCommit={(lr) => update({ lr })} width={60} problem={problem('lr')} />
        </fieldset>
        <fieldset className="l2s-group">
          <legend>hysteresis</legend>
          <NumberField
            entry={FIELDS.hysteresisDepth}
            value={settings.hysteresisDepth}
            onCommit={(hysteresisDepth) => update({ hysteresisDepth })}
            width={44}
            problem={problem('hysteresisDepth')}
          />
          <NumberField
            entry={FIELDS.hysteresisSteps}
            value={settings.hysteresisSteps}
            onCommit={(hysteresisSteps) => update({ hysteresisSteps })}
            problem={problem('hysteresisSteps')}
            testId="sweeps-hysteresis-steps"
          />
        </fieldset>
        <fieldset className="l2s-group">
          <legend>run these sections</legend>
          {STAGE_ORDER.map((stage) => (
            <label key={stage} className="l2s-check" title={STAGE_LABELS[stage]}>
              <input type="checkbox" checked={settings.stages.includes(stage)} onChange={() => toggleStage(stage)} disabled={job.running} />{' '}
              {STAGE_SHORT[stage]}
            </label>
          ))}
        </fieldset>
        <fieldset className="l2s-group">
          <legend>cascade</legend>
          <select
            value={settings.cascadePreset}
            onChange={(e) => update({ cascadePreset: e.currentTarget.value as 'cascade' | 'ersoy-wiesner' })}
            disabled={job.running}
            aria-label="cascade preset"
          >
            {Object.entries(FIELDS.cascadePreset.options).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </fieldset>
      </div>
      <div className="l2s-row l2s-runrow">
        <button
          type="button"
          className="l2s-run"
          onClick={() => void runStages()}
          disabled={job.running || settings.stages.length === 0 || blocked}
          data-testid="sweeps-run"
        >
          {settings.stages.length === STAGE_ORDER.length ? 'Run all sweeps' : `Run ${settings.stages.length} section${settings.stages.length === 1 ? '' : 's'}`}
        </button>
        <button type="button" className="l2s-cancel" onClick={cancelStages} disabled={!job.running} data-testid="sweeps-cancel">
          Cancel
        </button>
        <div
          className="l2s-progress"
          role="progressbar"
          aria-label="sweep progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(job.progress * 100)}
        >
          <div className="l2s-progress-fill" style={{ width: `${Math.round(job.progress * 100)}%` }} />
        </div>
        <span className="l2s-status" data-testid="sweeps-status">
          {job.running && job.stage
            ? `running ${STAGE_LABELS[job.stage]} … ${Math.round(job.progress * 100)} %${timeLeft ? `, ${timeLeft}` : ''}`
            : job.error
              ? `stopped: ${job.error}`
              : job.log.length
                ? 'done'
                : 'not run yet: results appear section by section'}
        </span>
      </div>
      {job.log.length > 0 && (
        <ul className="l2s-log" data-testid="sweeps-log">
          {job.log.map((entry) => (
            <li key={entry.stage}>
              <b>{STAGE_LABELS[entry.stage]}</b>: {entry.info.replicas} in {entry.info.seconds.toFixed(1)} s on {entry.info.backend}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
