/** Argument parsing for the command-line lab: every problem becomes one UsageError line. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { KernelChoice } from '../engine/fused/kernel';
import { budgetProblem, checkWorkload, largestAllowed, type Workload } from '../budget';

export class UsageError extends Error {}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * `--depth -1` → `--depth=-1`: node's parser takes a value starting with a dash for a forgotten
 * argument ("argument is ambiguous"); for a number it is the value, and the range check explains it.
 */
function joinNegativeValues(argv: string[], options: OptionSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : null;
    const next = argv[i + 1];
    if (name !== null && Object.hasOwn(options, name) && options[name].type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else out.push(argv[i]);
  }
  return out;
}

export function parseOptions(argv: string[], options: OptionSpec): Record<string, string | boolean | undefined> {
  try {
    const { values, positionals } = parseArgs({ args: joinNegativeValues(argv, options), options, strict: true, allowPositionals: true });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    return values as Record<string, string | boolean | undefined>;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // node's messages are already one clear line ("Unknown option '--foo'", "Option '--depth <value>' argument missing")
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
}

export function parseNumber(raw: string | boolean | undefined, name: string, fallback?: number): number {
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const text = String(raw).trim();
  const value = text === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) throw new UsageError(`--${name} must be a number, got '${raw}'`);
  return value;
}

export function parseInteger(raw: string | boolean | undefined, name: string, range: { min: number; max: number }, fallback?: number): number {
  const value = parseNumber(raw, name, fallback);
  if (!Number.isInteger(value)) throw new UsageError(`--${name} must be a whole number, got '${raw}'`);
  if (value < range.min || value > range.max) {
    throw new UsageError(`--${name} must be between ${range.min} and ${range.max}, got ${value}`);
  }
  return value;
}

export function parsePositive(raw: string | boolean | undefined, name: string, fallback?: number, max = Infinity): number {
  const value = parseNumber(raw, name, fallback);
  if (!(value > 0)) throw new UsageError(`--${name} must be positive, got ${value}`);
  if (value > max) throw new UsageError(`--${name} must be at most ${max}, got ${value}`);
  return value;
}

/** the largest learning rate the app accepts (a larger one diverges on every setup) */
export const MAX_LR = 10;
/** spectrum entries and γ beyond this overflow the thresholds' closed forms in float64 */
export const MAX_STRENGTH = 1e6;

/** "1,0.6,0.3" → [1, 0.6, 0.3]; each entry positive, sorted descending (features are singular values). */
export function parseSpectrum(raw: string | boolean | undefined, fallback = '1'): number[] {
  const text = raw === undefined ? fallback : String(raw);
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length === 0 || parts.length > 16) throw new UsageError(`--spectrum takes 1 to 16 comma-separated values, got '${text}'`);
  const values = parts.map((part) => {
    const value = part === '' ? NaN : Number(part);
    if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--spectrum entries must be positive numbers, got '${part}'`);
    if (value > MAX_STRENGTH) throw new UsageError(`--spectrum entries must be at most ${MAX_STRENGTH}, got ${part}`);
    return value;
  });
  return values.sort((a, b) => b - a);
}

export function parseList(raw: string | boolean | undefined, name: string): number[] {
  if (raw === undefined || raw === true) throw new UsageError(`--${name} is required`);
  return String(raw)
    .split(',')
    .map((part) => parsePositive(part, name));
}

/** "FROM:TO:STEP" → the grid, inclusive of TO (to a step/1e6 tolerance). FROM < TO, STEP > 0. */
export function parseGammaGrid(raw: string | boolean | undefined, maxPoints = 4096): number[] {
  if (raw === undefined || raw === true) throw new UsageError('--gamma FROM:TO:STEP is required');
  const parts = String(raw).split(':');
  if (parts.length !== 3) throw new UsageError(`--gamma must look like FROM:TO:STEP (e.g. 0.3:0.5:0.01), got '${raw}'`);
  const [from, to, step] = parts.map((part) => parseNumber(part, 'gamma'));
  if (from < 0) throw new UsageError(`--gamma FROM must be ≥ 0, got ${from}`);
  if (to > MAX_STRENGTH) throw new UsageError(`--gamma TO must be at most ${MAX_STRENGTH}, got ${to}`);
  if (!(to > from)) throw new UsageError(`--gamma TO must be greater than FROM (use --direction down to sweep downwards), got ${from}:${to}`);
  if (!(step > 0)) throw new UsageError(`--gamma STEP must be positive, got ${step}`);
  const count = Math.floor((to - from) / step + 1e-6) + 1;
  if (count > maxPoints) throw new UsageError(`--gamma grid has ${count} points; at most ${maxPoints}`);
  // round to the step's decimals so 0.1 + 3·0.1 prints as 0.4
  const decimals = Math.min(12, Math.max(0, -Math.floor(Math.log10(step)) + 3));
  return Array.from({ length: count }, (_, i) => Number((from + i * step).toFixed(decimals)));
}

export function parseChoice<T extends string>(raw: string | boolean | undefined, name: string, choices: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if (!choices.includes(raw as T)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got '${raw}'`);
  return raw as T;
}

/** `--kernel`: the engine's step kernel (engine/fused/choice.ts); 'tfjs' is the op-by-op baseline */
export const KERNEL_CHOICES = ['auto', 'tfjs', 'js', 'wasm-simd', 'webgpu'] as const satisfies readonly KernelChoice[];
export const KERNEL_OPTION: OptionSpec = { kernel: { type: 'string' } };

export function parseKernel(raw: string | boolean | undefined): KernelChoice {
  return parseChoice(raw, 'kernel', KERNEL_CHOICES, 'auto');
}

/** A size the user controls, and the workload(s) each value of it leads to. */
export interface BudgetField {
  flag: string;
  value: number;
  workloadAt(value: number): Workload | Workload[];
  min?: number;
}

/**
 * The shared budget (src/budget): if the run does not fit, one UsageError naming the limit and the
 * largest value of the first listed field that can make it fit.
 */
export function ensureBudget(fields: BudgetField[]): void {
  const [first] = fields;
  const loads = first.workloadAt(first.value);
  if ((Array.isArray(loads) ? loads : [loads]).every((w) => checkWorkload(w).ok)) return;
  const field = fields.find((f) => largestAllowed(f.workloadAt, f.value, f.min ?? 1) !== null);
  if (field) throw new UsageError(budgetProblem(field.flag, field.value, field.workloadAt, field.min ?? 1) as string);
  const problem = (budgetProblem(first.flag, first.value, first.workloadAt, first.min ?? 1) as string).replace(/: even .*$/, '');
  throw new UsageError(`${problem}: no value of ${fields.map((f) => f.flag).join(', ')} alone makes it fit; reduce several`);
}
