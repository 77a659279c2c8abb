/**
 * Shape converters from the telemetry stores' records to chart props. Pure: no DOM.
 */
import type { LossKey, LossSeries } from './LossChart';

export interface LossRecord {
  step: number;
  train?: number;
  test?: number;
  penalty?: number;
  total?: number;
}

/** column arrays (one Float64Array per key) from a list of per-step records */
export function lossSeriesFromRecords(records: readonly LossRecord[], keys: LossKey[] = ['train', 'test', 'penalty']): LossSeries[] {
  const steps = Float64Array.from(records, (r) => r.step);
  return keys.map((key) => ({ key, steps, values: Float64Array.from(records, (r) => r[key] ?? NaN) }));
}
