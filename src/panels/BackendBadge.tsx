/** Which tfjs backend trains, why, and a select to override the choice. */
import { useParameters } from '../state/parameters';
import { useTelemetry } from '../state/telemetry';
import type { BackendChoice } from '../worker/protocol';

const CHOICES: BackendChoice[] = ['auto', 'webgpu', 'wasm', 'webgl', 'cpu'];

export function BackendBadge() {
  const backend = useTelemetry((s) => s.backend);
  const choice = useParameters((s) => s.backend);
  const update = useParameters((s) => s.update);
  return (
    <div className="backend">
      <span className={`badge ${backend ? `backend-${backend.backend}` : 'pending'}`} data-testid="backend" title={backend?.reason}>
        <strong>{backend ? backend.backend : 'starting…'}</strong>
        {backend && <span className="badge-reason">{backend.reason}</span>}
      </span>
      <label className="backend-select">
        <span className="visually-hidden">Backend override</span>
        <select data-testid="backend-select" value={choice} onChange={(e) => update({ backend: e.target.value as BackendChoice })} aria-label="Backend override">
          {CHOICES.map((c) => (
            <option key={c} value={c}>
              {c === 'auto' ? 'auto (fastest here)' : c}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
