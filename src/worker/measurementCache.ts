/**
 * This device's engine measurements, kept in localStorage between visits (main thread only):
 * a workload measured once is not timed again on the next load. Keyed by the worker's device key
 * (user agent, cores, GPU adapter), so a browser update or another GPU measures afresh.
 */
import type { BackendInfo, EngineMeasurement } from './protocol';

const STORAGE_KEY = 'l2lab.engineMeasurements.v1';
/** workloads kept per device (most recent first) */
const MAX_WORKLOADS = 32;

interface Stored {
  deviceKey: string;
  workloads: Array<[string, EngineMeasurement[]]>;
}

function read(): Stored | null {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!raw || raw.length > 200_000) return null;
    const parsed = JSON.parse(raw) as Stored;
    return typeof parsed?.deviceKey === 'string' && Array.isArray(parsed.workloads) ? parsed : null;
  } catch {
    return null;
  }
}

/** cached measurements by workload (the worker checks the device key it sees against `deviceKey`) */
export function loadMeasurements(): Record<string, EngineMeasurement[]> | undefined {
  const stored = read();
  return stored ? Object.fromEntries(stored.workloads.map(([k, m]) => [`${stored.deviceKey}#${k}`, m])) : undefined;
}

export function saveMeasurements(info: BackendInfo): void {
  if (!info.workload || !info.deviceKey || !info.measured?.length) return;
  const stored = read();
  const workloads = stored && stored.deviceKey === info.deviceKey ? stored.workloads.filter(([k]) => k !== info.workload) : [];
  workloads.unshift([info.workload, info.measured]);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify({ deviceKey: info.deviceKey, workloads: workloads.slice(0, MAX_WORKLOADS) }));
  } catch {
    // storage full or disabled: measure again next time
  }
}
