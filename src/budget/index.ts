/**
 * One work and memory budget for everything that trains batched replicas: the UI's job forms, the
 * jobs worker and the command-line lab all ask the same question ("does this fit?") and get the
 * same answer, naming the limit that is exceeded and the largest value of the field that fits.
 * Pure: no React, no tfjs, no DOM.
 *
 * Every per-argument bound can be within range while the product is not (4096 replicas × 16
 * temperatures × a 6×256² net is 100 GB of weights), so the limits are on products:
 *   replicas                          nets in one batched program
 *   replicas × parameters             weights (float32) of the program
 *   replicas × rows × units           activations held for the backward pass
 *   samples × inputs                  the dataset itself
 *   replicas × steps × rows × parameters   multiply-adds of the whole run
 * where rows is what one step pushes through a net: the minibatch, or on the exact moments path of
 * a full-batch linear net (src/engine/trainer.ts) the input dimension (it multiplies by Σxx).
 */

/** What one batched program costs, whatever the experiment. */
export interface Workload {
  /** nets trained side by side in one batched program */
  replicas: number;
  /** weights of one net */
  parameters: number;
  /** hidden and output units of one net: the activations per sample kept for the backward pass */
  units: number;
  /** rows one step pushes through each net (minibatch size; input dimension on the moments path) */
  rows: number;
  /** samples of the dataset */
  samples: number;
  /** input floats per sample (the dataset is samples × inputs) */
  inputs: number;
  /** optimizer steps of the whole run, per replica */
  steps: number;
}

export interface BudgetLimit {
  key: 'replicas' | 'weights' | 'activations' | 'dataset' | 'work';
  /** what the user reads: "weights (replicas × parameters)" */
  label: string;
  max: number;
  /** how it is measured on a workload */
  measure(w: Workload): number;
  /** the max in words, e.g. "64 MiB of float32" */
  unit: string;
}

const MIB = 2 ** 20;

export const BUDGET_LIMITS: readonly BudgetLimit[] = [
  { key: 'replicas', label: 'replicas in one batched program', max: 65_536, measure: (w) => w.replicas, unit: 'replicas' },
  {
    key: 'weights',
    label: 'weights (replicas × parameters)',
    max: 2 ** 24,
    measure: (w) => w.replicas * w.parameters,
    unit: `floats (${(2 ** 24 * 4) / MIB} MiB; training keeps a few copies)`,
  },
  {
    key: 'activations',
    label: 'activations (replicas × rows × units)',
    max: 2 ** 26,
    measure: (w) => w.replicas * w.rows * w.units,
    unit: `floats (${(2 ** 26 * 4) / MIB} MiB)`,
  },
  { key: 'dataset', label: 'dataset (samples × inputs)', max: 2 ** 24, measure: (w) => w.samples * w.inputs, unit: `floats (${(2 ** 24 * 4) / MIB} MiB)` },
  {
    key: 'work',
    label: 'work (replicas × steps × rows × parameters)',
    max: 1e13,
    measure: (w) => w.replicas * w.steps * w.rows * w.parameters,
    unit: 'multiply-adds (hours of compute)',
  },
];

export type BudgetVerdict = { ok: true } | { ok: false; limit: BudgetLimit; needed: number };

function sane(w: Workload): boolean {
  return Object.values(w).every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0);
}

/** The first limit a workload exceeds (a non-finite or negative size exceeds all of them). */
export function checkWorkload(w: Workload): BudgetVerdict {
  if (!sane(w)) return { ok: false, limit: BUDGET_LIMITS[0], needed: Infinity };
  for (const limit of BUDGET_LIMITS) {
    const needed = limit.measure(w);
    if (needed > limit.max) return { ok: false, limit, needed };
  }
  return { ok: true };
}

/** Weights and units of a fully connected net without biases. */
export function netSize(net: { inputDim: number; outputDim: number; hiddenWidths: readonly number[] }): { parameters: number; units: number } {
  const widths = [net.inputDim, ...net.hiddenWidths, net.outputDim];
  let parameters = 0;
  for (let l = 1; l < widths.length; l++) parameters += widths[l - 1] * widths[l];
  const units = widths.slice(1).reduce((s, x) => s + x, 0);
  return { parameters, units };
}

/**
 * The largest whole value v in [min, current] for which `workloadAt(v)` fits, or null if not even
 * `min` fits. Every measure grows with every field, so a bisection finds it.
 */
export function largestAllowed(workloadAt: (value: number) => Workload | Workload[], current: number, min = 1): number | null {
  const fits = (v: number) => {
    const loads = workloadAt(v);
    return (Array.isArray(loads) ? loads : [loads]).every((w) => checkWorkload(w).ok);
  };
  if (!fits(min)) return null;
  let lo = min;
  let hi = Number.isFinite(current) ? Math.floor(current) : Number.MAX_SAFE_INTEGER;
  if (fits(hi)) return hi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

export function count(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return x >= 1e9 ? x.toExponential(2).replace('e+', 'e') : Math.round(x).toLocaleString('en-US');
}

/** "2.6e10 weights (replicas × parameters); the limit is 16,777,216 floats (64 MiB …)" */
export function excess(verdict: { limit: BudgetLimit; needed: number }): string {
  return `${count(verdict.needed)} ${verdict.limit.label}; the limit is ${count(verdict.limit.max)} ${verdict.limit.unit}`;
}

/**
 * Check the workload(s) a field's value leads to. Returns null if they fit, else one line naming
 * the field, the limit exceeded and the largest value of the field that fits.
 */
export function budgetProblem(field: string, value: number, workloadAt: (value: number) => Workload | Workload[], min = 1): string | null {
  if (!Number.isFinite(value)) return `${field} must be a finite number, got ${value}`;
  const loads = workloadAt(value);
  for (const w of Array.isArray(loads) ? loads : [loads]) {
    const verdict = checkWorkload(w);
    if (verdict.ok) continue;
    const largest = largestAllowed(workloadAt, value, min);
    const advice = largest === null ? `even ${field} = ${min} does not fit: reduce the other sizes` : `the largest ${field} that fits is ${count(largest)}`;
    return `${field} = ${count(value)} needs ${excess(verdict)}: ${advice}`;
  }
  return null;
}
