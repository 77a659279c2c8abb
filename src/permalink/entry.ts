/**
 * What one registry entry is (see registry.ts): a setting's zod type and range, default, user-facing
 * label, URL key, control kind and where its control sits in the page, plus the one repair rule every
 * entry goes through (store updates and links alike). Pure: no React, no DOM.
 */
import { z } from './zod';

export type ControlKind = 'integer' | 'real' | 'log-real' | 'enum' | 'boolean' | 'list';

/** where a control sits: a form field (a `.field` holding the element with this id) or a widget marked `data-control` */
export type ControlPlace = { id: string } | { widget: string };

export interface EntryMeta {
  /** what the user reads next to the control */
  label: string;
  /** the key in a link */
  url: string;
  /** the field inside a sentence ("width must be a whole number"); default: the label in lower case */
  noun?: string;
  dom?: ControlPlace;
  /** the classroom name that hides the control (`hide=seed`) and how the share popover lists it */
  hide?: { name: string; label: string };
  /** the arrow step of a number input */
  step?: number;
}

/** how a list is kept: its order, whether repeats are dropped, whether only positive numbers count */
export interface ListRule {
  order: 'descending' | 'ascending' | 'options';
  unique: boolean;
  positive: boolean;
  maxItems: number;
}

export interface Entry<S extends z.ZodType = z.ZodType> extends EntryMeta {
  schema: S;
  default: z.infer<S>;
  control: ControlKind;
  /** enums and enum lists: value → label, in the order the controls list them */
  options?: Readonly<Record<string, string>>;
  list?: ListRule;
}

export type Entries = Record<string, Entry>;
/** the values a group of entries describes */
export type ValuesOf<E extends Entries> = { -readonly [K in keyof E]: z.infer<E[K]['schema']> };

export function integer(min: number, max: number, value: number, meta: EntryMeta): Entry<z.ZodNumber> {
  return { ...meta, schema: z.number().int().min(min).max(max), default: value, control: 'integer' };
}

/** a real in [min, max]; `log`: its control steps in decades */
export function real(min: number, max: number, value: number, meta: EntryMeta, log = false): Entry<z.ZodNumber> {
  return { ...meta, schema: z.number().min(min).max(max), default: value, control: log ? 'log-real' : 'real' };
}

export function flag(value: boolean, meta: EntryMeta): Entry<z.ZodBoolean> {
  return { ...meta, schema: z.boolean(), default: value, control: 'boolean' };
}

function enumOf<K extends string>(options: Readonly<Record<K, string>>) {
  return z.enum(Object.keys(options) as K[]);
}

export function choice<K extends string>(
  options: Readonly<Record<K, string>>,
  value: NoInfer<K>,
  meta: EntryMeta,
): Entry<ReturnType<typeof enumOf<K>>> & { options: Readonly<Record<K, string>> } {
  return { ...meta, schema: enumOf(options), default: value as never, control: 'enum', options };
}

/** a list of numbers, each in [min, max] */
export function numbers(
  min: number,
  max: number,
  value: number[],
  rule: Omit<ListRule, 'order'> & { order: 'descending' | 'ascending'; integer?: boolean },
  meta: EntryMeta,
): Entry<z.ZodArray<z.ZodNumber>> {
  const element = rule.integer ? z.number().int().min(min).max(max) : z.number().min(min).max(max);
  const { integer: _integer, ...list } = rule;
  return { ...meta, schema: z.array(element).min(1).max(rule.maxItems), default: value, control: 'list', list };
}

/** a set of options (checkboxes), kept in the options' order; may be empty */
export function choices<K extends string>(
  options: Readonly<Record<K, string>>,
  value: NoInfer<K>[],
  meta: EntryMeta,
): Entry<z.ZodArray<ReturnType<typeof enumOf<K>>>> & { options: Readonly<Record<K, string>> } {
  const count = Object.keys(options).length;
  return {
    ...meta,
    schema: z.array(enumOf(options)).max(count),
    default: value as never,
    control: 'list',
    options,
    list: { order: 'options', unique: true, positive: false, maxItems: count },
  };
}

/** a group's values from its entries' defaults */
export function defaultsOf<E extends Entries>(entries: E): ValuesOf<E> {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(entries)) out[key] = Array.isArray(entry.default) ? [...entry.default] : entry.default;
  return out as ValuesOf<E>;
}

/** a number entry's range (of its elements, for a list), for a control's min and max */
export function numberRange(entry: Entry): { min?: number; max?: number } {
  const schema = entry.schema as z.ZodType;
  const number = schema instanceof z.ZodArray ? (schema.element as z.ZodType) : schema;
  if (!(number instanceof z.ZodNumber)) return {};
  return { min: number.minValue ?? undefined, max: number.maxValue ?? undefined };
}

/** a number input's attributes from its entry: min, max and the arrow step */
export function inputRange(entry: Entry): { min?: number; max?: number; step?: number } {
  return { ...numberRange(entry), step: entry.step };
}

export function noun(entry: Entry): string {
  return entry.noun ?? entry.label.toLowerCase();
}

// ---- repair: clamp into range, replace what cannot be read, always say so ------------------------

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

function repairNumberList(element: z.ZodNumber, rule: ListRule, input: unknown[], fallback: number[], label: string): FieldResult<number[]> {
  const kept = input.filter((x): x is number => typeof x === 'number' && Number.isFinite(x) && (!rule.positive || x > 0));
  let repaired = kept.map((x) => repairNumber(element, x, 1, label).value).sort((a, b) => (rule.order === 'descending' ? b - a : a - b));
  if (rule.unique) repaired = [...new Set(repaired)];
  repaired = repaired.slice(0, rule.maxItems);
  const what = rule.positive ? 'positive number' : 'number';
  if (repaired.length === 0) return { value: fallback, message: `${label}: needs at least one ${what}; using ${String(fallback)}.` };
  const changed = repaired.length !== input.length || repaired.some((x, i) => x !== input[i]);
  const order = rule.order === 'descending' ? 'largest first' : 'smallest first';
  return {
    value: repaired,
    message: changed
      ? `${label}: kept ${repaired.length}${rule.positive ? ' positive' : ''} value(s) in ${rangeOf(element).join('…')}, ${order} (${repaired.join(',')}).`
      : undefined,
  };
}

function repairChoices(options: readonly string[], input: unknown[], label: string): FieldResult<string[]> {
  const repaired = options.filter((option) => input.includes(option));
  // putting them in the options' order is silent (a checkbox turned back on comes last); dropping one is not
  const changed = repaired.length !== input.length;
  return {
    value: repaired,
    message: changed
      ? `${label}: kept ${repaired.length === 0 ? 'none' : repaired.join(',')} (each one of ${options.join(', ')}, once, in that order).`
      : undefined,
  };
}

/**
 * Validate one value against its entry: clamp numbers into range, replace malformed values by the
 * fallback. `label` names the field in messages (its URL key); `shown`: how a message quotes the
 * input (a link passes its raw text, already cut to size).
 */
export function repairEntry<S extends z.ZodType>(
  entry: Entry<S>,
  input: unknown,
  fallback: z.infer<S>,
  label: string,
  shown?: string,
): FieldResult<z.infer<S>> {
  type V = z.infer<S>;
  const schema = entry.schema as z.ZodType;
  if (schema instanceof z.ZodNumber) return repairNumber(schema, input, fallback as number, label, shown) as FieldResult<V>;
  if (schema instanceof z.ZodArray && entry.list) {
    if (entry.list.order === 'options') {
      const options = Object.keys(entry.options ?? {});
      if (!Array.isArray(input)) return { value: fallback, message: `${label}: not a list of ${options.join('/')}; using ${String(fallback)}.` };
      return repairChoices(options, input, label) as FieldResult<V>;
    }
    if (!Array.isArray(input)) return { value: fallback, message: `${label}: not a list of numbers; using ${String(fallback)}.` };
    return repairNumberList(schema.element as z.ZodNumber, entry.list, input, fallback as number[], label) as FieldResult<V>;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return { value: parsed.data as V };
  const options = schema instanceof z.ZodEnum ? ` (one of ${schema.options.join(', ')})` : '';
  return { value: fallback, message: `${label}: '${shown ?? quoted(input)}' is not allowed${options}; using ${String(fallback)}.` };
}

// ---- link text -------------------------------------------------------------------------------------

export function toNumber(raw: string): number {
  return raw.trim() === '' ? NaN : Number(raw);
}

export function toBoolean(raw: string): boolean | string {
  if (raw === '1' || raw === 'true' || raw === '') return true;
  if (raw === '0' || raw === 'false') return false;
  return raw;
}

/** a link's text as the value its entry is repaired from */
export function fromUrlText(entry: Entry, raw: string): unknown {
  const schema = entry.schema as z.ZodType;
  if (schema instanceof z.ZodNumber) return toNumber(raw);
  if (schema instanceof z.ZodArray) {
    if (entry.list?.order === 'options') return raw.split(',', 64).filter((x) => x !== '');
    return raw.split(',', 64).map(toNumber);
  }
  if (schema instanceof z.ZodBoolean) return toBoolean(raw);
  return raw;
}

/** 12 significant digits: drops float noise such as 0.29995000000000005 without losing a slider step */
function numberText(value: number): string {
  return String(Number(value.toPrecision(12)));
}

export function toUrlText(value: unknown): string {
  if (Array.isArray(value)) return value.map((x) => (typeof x === 'number' ? numberText(x) : String(x))).join(',');
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return numberText(value);
  return String(value);
}
