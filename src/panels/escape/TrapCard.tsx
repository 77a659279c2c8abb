/** Trap setup: preset, how the trap is made, temperatures and run length, and the honest notes. */
import { ESCAPE_PRESET_SETTINGS, useEscapeStore, type EscapePresetKey } from '../../state/escape';
import { fmtNum } from '../../charts/escape';
import type { TrapSetup } from './presets';
import { escapeBudgetProblems } from './budget';
import { ESCAPE_ENTRIES as FIELDS } from '../../permalink';
import { useDraftNumber } from '../useDraftNumber';

export function TrapCard({ trap }: { trap: TrapSetup }) {
  const settings = useEscapeStore((s) => s.settings);
  const setSettings = useEscapeStore((s) => s.setSettings);
  const running = useEscapeStore((s) => s.job.running);
  const t = trap.theory;
  const messages = useEscapeStore((s) => s.messages);
  // the budget's verdict first; else why the store changed what was typed
  const problems = { ...messages, ...escapeBudgetProblems(trap, settings) };
  const replicas = useDraftNumber(FIELDS.replicas, settings.replicas, (n) => setSettings({ replicas: n }));
  const steps = useDraftNumber(FIELDS.steps, settings.steps, (n) => setSettings({ steps: n }));
  const lr = useDraftNumber(FIELDS.lr, settings.lr, (n) => setSettings({ lr: n }));
  return (
    <div className="esc-card" data-testid="escape-trap">
      <h2>1 · The trap</h2>
      <div className="esc-row">
        <label>
          {FIELDS.preset.label}
          <select
            value={settings.preset}
            disabled={running}
            data-testid="escape-preset"
            onChange={(e) => {
              const preset = e.target.value as EscapePresetKey;
              setSettings({ preset, ...ESCAPE_PRESET_SETTINGS[preset] });
            }}
          >
            {Object.entries(FIELDS.preset.options).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="radio" name="trap" checked={settings.trapMode === 'by-hand'} disabled={running} onChange={() => setSettings({ trapMode: 'by-hand' })} />
          {FIELDS.trapMode.options['by-hand']}
        </label>
        <label>
          <input
            type="radio"
            name="trap"
            checked={settings.trapMode === 'trap-from'}
            disabled={running}
            onChange={() => setSettings({ trapMode: 'trap-from' })}
          />
          trap from γ₀ = {trap.trapGamma} ({trap.trapSteps} noise-free steps), then drop to γ
        </label>
      </div>
      <div className="esc-row" style={{ marginTop: 8 }}>
        <label>
          {FIELDS.temperatures.label}
          <input
            type="text"
            size={34}
            disabled={running}
            data-testid="escape-temperatures"
            defaultValue={settings.temperatures.join(', ')}
            key={settings.temperatures.join(',')}
            onBlur={(e) => {
              const list = e.target.value
                .split(/[,\s]+/)
                .map(Number)
                .filter((v) => v > 0 && Number.isFinite(v));
              if (list.length > 0) setSettings({ temperatures: list });
            }}
          />
          {problems.temperatures && (
            <small className="esc-error" role="alert" data-testid="escape-temperatures-problem">
              {problems.temperatures}
            </small>
          )}
        </label>
        <label>
          {FIELDS.replicas.label}
          <input type="number" {...replicas} disabled={running} data-testid="escape-replicas" aria-invalid={problems.replicas ? true : undefined} />
          {problems.replicas && (
            <small className="esc-error" role="alert" data-testid="escape-replicas-problem">
              {problems.replicas}
            </small>
          )}
        </label>
        <label>
          {FIELDS.steps.label}
          <input type="number" {...steps} disabled={running} data-testid="escape-steps" aria-invalid={problems.steps ? true : undefined} />
          {problems.steps && (
            <small className="esc-error" role="alert" data-testid="escape-steps-problem">
              {problems.steps}
            </small>
          )}
        </label>
        <label>
          {FIELDS.lr.label}
          <input type="number" {...lr} disabled={running} data-testid="escape-lr" aria-invalid={problems.lr ? true : undefined} />
          {problems.lr && (
            <small className="esc-error" role="alert">
              {problems.lr}
            </small>
          )}
        </label>
      </div>
      <p className="esc-muted" style={{ marginTop: 8 }}>
        Trapped: feature {trap.feature + 1} with sample η̂ = {fmtNum(t.eta)} (a = {fmtNum(t.a)}), D = {trap.depth}, width {trap.width}, γ = {trap.gamma}.{' '}
        <span data-testid="escape-trap-theory-source">
          {t.source === 'exact joint theory (sample moments)'
            ? 'Exact theory of this sample (joint stationarity of the end-to-end map; the data are not whitened, so the per-mode a_k shortcut would be an approximation)'
            : 'Exact theory (data whitened on the sample: the closed forms)'}
        </span>
        : saddle p = {fmtNum(t.saddle)}, learned p = {fmtNum(t.learned)}, escape threshold (midpoint) p = {fmtNum(t.threshold)}, barrier B ={' '}
        <span data-testid="escape-trap-barrier">{fmtNum(t.barrier, 4)}</span>; γ_c = {fmtNum(t.gammaC)}, γ_sp = {fmtNum(t.gammaSp)}. γ &lt; γ_c, so escaping
        really lowers the loss. Langevin step θ ← θ − lr·∇L + √(2·lr·T)·ξ.
      </p>
      {settings.preset === 'ersoy-wiesner' && (
        <div className="esc-note" data-testid="escape-paper-note">
          <strong>Where the paper's quoted values disagree with the exact theory</strong>:
          <ul>
            <li>
              At their β = 0.32 (our γ, same convention for 2 outputs) rank 1 is already the global minimum for η = 0.8 (equal-loss point ≈ 0.295): escaping
              there raises the loss. We use γ = 0.22, below it.
            </li>
            <li>
              The exact saddle at γ = 0.32 is p = 0.0925 with barrier 0.0569 in our loss = 0.0285 in their mean-over-2-outputs units, not the quoted 0.41 /
              0.003.
            </li>
            <li>
              Their "temperature" lr/batch from minibatch SGD cannot raise an exact rank in a bias-free linear net (negative control below): escape needs
              explicit Langevin noise T.
            </li>
            <li>Their fig. 2b fits a plain line; with a width-10 hidden layer the saddle is a manifold and the prefactor T^k matters: we show both fits.</li>
          </ul>
        </div>
      )}
    </div>
  );
}
