/** Trap setup: preset, how the trap is made, temperatures and run length, and the honest notes. */
import { ESCAPE_PRESET_SETTINGS, useEscapeStore, type EscapePresetKey } from '../../state/escape';
import { fmtNum } from '../../charts/escape';
import type { TrapSetup } from './presets';
import { escapeBudgetProblems } from './budget';

export function TrapCard({ trap }: { trap: TrapSetup }) {
  const settings = useEscapeStore((s) => s.settings);
  const setSettings = useEscapeStore((s) => s.setSettings);
  const running = useEscapeStore((s) => s.job.running);
  const t = trap.theory;
  const problems = escapeBudgetProblems(trap, settings);
  return (
    <div className="esc-card" data-testid="escape-trap">
      <h2>1 · The trap</h2>
      <div className="esc-row">
        <label>
          preset
          <select
            value={settings.preset}
            disabled={running}
            data-testid="escape-preset"
            onChange={(e) => {
              const preset = e.target.value as EscapePresetKey;
              setSettings({ preset, ...ESCAPE_PRESET_SETTINGS[preset] });
            }}
          >
            <option value="clean">D = 2, η = 1, width 1 (clean Arrhenius)</option>
            <option value="ersoy-wiesner">Ersoy–Wiesner 2-10-10-2, η = (0.9, 0.8), γ = 0.22</option>
          </select>
        </label>
        <label>
          <input type="radio" name="trap" checked={settings.trapMode === 'by-hand'} disabled={running} onChange={() => setSettings({ trapMode: 'by-hand' })} />
          by hand (feature exactly 0)
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
          temperatures T
          <input
            type="text"
            size={34}
            disabled={running}
            data-testid="escape-temperatures"
            defaultValue={settings.temperatures.join(', ')}
            key={settings.preset}
            onBlur={(e) => {
              const list = e.target.value
                .split(/[,\s]+/)
                .map(Number)
                .filter((v) => v > 0 && Number.isFinite(v));
              if (list.length > 0) setSettings({ temperatures: [...new Set(list)].sort((a, b) => b - a) });
            }}
          />
        </label>
        <label>
          replicas per T
          <input
            type="number"
            min={64}
            max={4096}
            step={64}
            value={settings.replicas}
            disabled={running}
            data-testid="escape-replicas"
            aria-invalid={problems.replicas ? true : undefined}
            onChange={(e) => setSettings({ replicas: Math.max(64, Math.round(Number(e.target.value)) || 64) })}
          />
          {problems.replicas && (
            <small className="esc-error" role="alert" data-testid="escape-replicas-problem">
              {problems.replicas}
            </small>
          )}
        </label>
        <label>
          steps
          <input
            type="number"
            min={1000}
            step={1000}
            value={settings.steps}
            disabled={running}
            data-testid="escape-steps"
            aria-invalid={problems.steps ? true : undefined}
            onChange={(e) => setSettings({ steps: Math.max(1000, Math.round(Number(e.target.value)) || 1000) })}
          />
          {problems.steps && (
            <small className="esc-error" role="alert" data-testid="escape-steps-problem">
              {problems.steps}
            </small>
          )}
        </label>
        <label>
          lr
          <input
            type="number"
            min={0.001}
            step={0.01}
            value={settings.lr}
            disabled={running}
            onChange={(e) => setSettings({ lr: Number(e.target.value) || settings.lr })}
          />
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
