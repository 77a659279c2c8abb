/**
 * The schema of the live lab's parameters (zod), generated from the registry (registry.ts): it
 * validates store updates and permalinks. Pure: no React, no tfjs, no DOM. Numeric fields carry
 * their ranges; out-of-range values are clamped to them, malformed values fall back to the default —
 * always with a message.
 */
import { repairEntry, type Entry, type FieldResult } from './entry';
import { LIVE_ENTRIES, type LiveValues } from './registry';

export { quoted, type FieldResult } from './entry';

export const PERMALINK_VERSION = 1;

type LiveEntries = typeof LIVE_ENTRIES;
export type ParameterField = keyof LiveEntries;
export type SharedParameters = LiveValues;

function mapEntries<T>(pick: <K extends ParameterField>(entry: LiveEntries[K], key: K) => T): { [K in ParameterField]: T } {
  const out = {} as Record<ParameterField, T>;
  for (const key of Object.keys(LIVE_ENTRIES) as ParameterField[]) out[key] = pick(LIVE_ENTRIES[key], key);
  return out;
}

export const parameterFields = mapEntries((entry) => entry.schema) as { readonly [K in ParameterField]: LiveEntries[K]['schema'] };

/** Readable URL keys (at least depth, width, gamma, lr, seed, spectrum, T, view as the issue asks). */
export const urlKeys: Record<ParameterField, string> = mapEntries((entry) => entry.url);

/** the registry's defaults of the shared fields (state/parameters.ts adds the local-only ones) */
export const DEFAULT_SHARED_PARAMETERS: SharedParameters = mapEntries((entry) =>
  Array.isArray(entry.default) ? [...entry.default] : entry.default,
) as SharedParameters;

/**
 * Validate one field: clamp numbers into range, replace malformed values by the fallback.
 * `shown`: how a message quotes the input (a link passes its raw text, already cut to size).
 */
export function repairField<K extends ParameterField>(key: K, input: unknown, fallback: SharedParameters[K], shown?: string): FieldResult<SharedParameters[K]> {
  return repairEntry(LIVE_ENTRIES[key] as Entry, input, fallback, urlKeys[key], shown) as FieldResult<SharedParameters[K]>;
}
