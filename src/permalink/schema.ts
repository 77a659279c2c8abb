/**
 * The one schema of the explorable's parameters (zod): it validates store updates and permalinks.
 * Pure: no React, no tfjs, no DOM. Numeric fields carry their ranges; out-of-range values are
 * clamped to them, malformed values fall back to the default — always with a message.
 */
import { z } from './zod';

export const PERMALINK_VERSION = 1;

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const real = (min: number, max: number) => z.number().min(min).max(max);

export const parameterFields = {
  depth: int(0, 6),
  width: int(1, 64),
  activation: z.enum(['linear', 'tanh', 'relu']),
  spectrum: z.array(real(1e-3, 10)).min(1).max(8),
  inputDim: int(1, 64),
  outputDim: int(1, 64),
  trainSize: int(2, 20_000),
  testSize: int(1, 20_000),
  labelNoise: real(0, 10),
  whiten: z.boolean(),
  optimizer: z.enum(['gd', 'sgd', 'langevin']),
  batchSize: int(1, 20_000),
  temperature: real(0, 1),
  // up to absurd values on purpose: a diverging run is explained and recovered, not forbidden
  lr: real(1e-5, 10),
  seed: int(0, 2 ** 31 - 1),
  initScale: real(0, 10),
  gamma: real(0, 100),
  gammaScale: z.enum(['linear', 'log']),
  compareDepths: z.boolean(),
} as const;

export type ParameterField = keyof typeof parameterFields;
export type SharedParameters = { [K in ParameterField]: z.infer<(typeof parameterFields)[K]> };

/** Readable URL keys (at least depth, width, gamma, lr, seed, spectrum, T, view as the issue asks). */
export const urlKeys: Record<ParameterField, string> = {
  depth: 'depth',
  width: 'width',
  activation: 'act',
  spectrum: 'spectrum',
  inputDim: 'in',
  outputDim: 'out',
  trainSize: 'ntrain',
  testSize: 'ntest',
  labelNoise: 'noise',
  whiten: 'whiten',
  optimizer: 'opt',
  batchSize: 'batch',
  temperature: 'T',
  lr: 'lr',
  seed: 'seed',
  initScale: 'init',
  gamma: 'gamma',
  gammaScale: 'scale',
  compareDepths: 'compare',
};

export interface FieldResult<T> {
  value: T;
  /** why the input was changed, if it was */
  message?: string;
}

const QUOTED = 40;

/** a value as a message quotes it: printable ASCII, at most 40 characters (a link value can be 1 MB) */
export function quoted(input: unknown): string {
  const printable = String(input).replace(/[^\x20-\x7e]/g, '?');
  return printable.length > QUOTED ? printable.slice(0, QUOTED) + '…' : printable;
}

function rangeOf(schema: z.ZodNumber): [number, number] {
  return [schema.minValue ?? -Infinity, schema.maxValue ?? Infinity];
}

function repairNumber(schema: z.ZodNumber, input: unknown, fallback: number, label: string, shown?: string): FieldResult<number> {
  if (typeof input !== 'number' || !Number.isFinite(input)) {
    return { value: fallback, message: `${label}: '${shown ?? quoted(input)}' is not a number; using ${fallback}.` };
  }
  if (schema.safeParse(input).success) return { value: input };
  const [lo, hi] = rangeOf(schema);
  let value = Math.min(hi, Math.max(lo, input));
  if (schema.isInt) value = Math.min(hi, Math.max(lo, Math.round(value)));
  return { value, message: `${label} must be ${schema.isInt ? 'a whole number ' : ''}in ${lo}…${hi}; using ${value}.` };
}

/**
 * Validate one field: clamp numbers into range, replace malformed values by the fallback.
 * `shown`: how a message quotes the input (a link passes its raw text, already cut to size).
 */
export function repairField<K extends ParameterField>(key: K, input: unknown, fallback: SharedParameters[K], shown?: string): FieldResult<SharedParameters[K]> {
  const schema = parameterFields[key] as z.ZodType;
  const label = urlKeys[key];
  if (schema instanceof z.ZodNumber) return repairNumber(schema, input, fallback as number, label, shown) as FieldResult<SharedParameters[K]>;
  if (schema instanceof z.ZodArray) {
    const element = schema.element as z.ZodNumber;
    if (!Array.isArray(input)) return { value: fallback, message: `${label}: not a list of numbers; using ${String(fallback)}.` };
    const kept = input.filter((x): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0);
    const repaired = kept
      .map((x) => repairNumber(element, x, 1, label).value)
      .sort((a, b) => b - a)
      .slice(0, 8);
    if (repaired.length === 0) return { value: fallback, message: `${label}: needs at least one positive number; using ${String(fallback)}.` };
    const changed = repaired.length !== input.length || repaired.some((x, i) => x !== input[i]);
    return {
      value: repaired as SharedParameters[K],
      message: changed
        ? `${label}: kept ${repaired.length} positive value(s) in ${rangeOf(element).join('…')}, largest first (${repaired.join(',')}).`
        : undefined,
    };
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return { value: parsed.data as SharedParameters[K] };
  const choices = schema instanceof z.ZodEnum ? ` (one of ${schema.options.join(', ')})` : '';
  return { value: fallback, message: `${label}: '${shown ?? quoted(input)}' is not allowed${choices}; using ${String(fallback)}.` };
}
