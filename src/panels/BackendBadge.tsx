/** Which engine trains, at what measured rate and why, and a select to override the choice. */
import { useParameters } from '../state/parameters';
import { useTelemetry } from '../state/telemetry';
import { ENGINE_IDS, ENGINE_LABELS, describeMeasurements, formatRate } from '../worker/engines';
import type { BackendChoice } from '../worker/protocol';

const CHOICES: BackendChoice[] = ['auto', ...ENGINE_IDS];

export function BackendBadge() {
  const backend = useTelemetry((s) => s.backend);
  const choice = useParameters((s) => s.backend);
  const update = useParameters((s) => s.update);
  const engine = backend?.engine;
  const rate = engine ? backend?.measured?.find((m) => m.engine === engine)?.stepsPerSecond : null;
  const title = backend
    ? [backend.reason, backend.measured?.length ? `Measured on this workload: ${describeMeasurements(backend.measured)}` : ''].filter(Boolean).join('\n')
    : undefined;
  return (
    <div className="backend">
      <span className={`badge ${engine ? `backend-${engine}` : 'pending'}`} data-testid="backend" data-engine={engine ?? ''} title={title}>
        <strong>{engine ? ENGINE_LABELS[engine] : backend ? 'measuring…' : 'starting…'}</strong>
        {rate ? <span className="badge-rate">{formatRate(rate)} steps/s</span> : null}
        {backend && <span className="badge-reason">{backend.reason}</span>}
      </span>
      <label className="backend-select">
        <span className="visually-hidden">Engine override</span>
        <select data-testid="backend-select" value={choice} onChange={(e) => update({ backend: e.target.value as BackendChoice })} aria-label="Engine override">
          {CHOICES.map((c) => (
            <option key={c} value={c}>
              {c === 'auto' ? 'auto (fastest measured)' : ENGINE_LABELS[c]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
