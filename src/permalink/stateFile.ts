/**
 * A state file: what a link carries (parameters, view, classroom flags, the views' settings as link
 * keys, trained weights) as JSON, for
 * states whose link is too long to share. Opening one turns it back into a link, so a file is
 * validated by exactly the link's rules (codec.ts) and its weights by the same capped decoder.
 */
import { z } from './zod';
import { MAX_LINK_KEYS, MAX_LINK_LENGTH, settingsToLinkKeys, type LinkExtras } from './codec';
import type { ViewSettings } from './registry';
import { urlKeys, type ParameterField, type SharedParameters } from './schema';

export const STATE_FORMAT = 'l2-phase-lab-state';
export const STATE_VERSION = 1;
/** a state file holds at most one link's worth */
export const MAX_STATE_FILE_BYTES = MAX_LINK_LENGTH + 16_384;

export function encodeStateFile(parameters: SharedParameters, extras: Partial<LinkExtras>, weights?: string, settings: Partial<ViewSettings> = {}): string {
  const { weights: _w, ...rest } = extras;
  const keys = settingsToLinkKeys(settings);
  const state = { format: STATE_FORMAT, version: STATE_VERSION, parameters, extras: rest, settings: Object.keys(keys).length > 0 ? keys : undefined, weights };
  return JSON.stringify(state, null, 1) + '\n';
}

const scalar = z.union([z.number(), z.string(), z.boolean()]);
const stateSchema = z.object({
  format: z.literal(STATE_FORMAT),
  version: z.number(),
  parameters: z.record(z.string(), z.union([scalar, z.array(scalar).max(64)])),
  extras: z
    .object({
      view: z.string().max(64).optional(),
      chapter: z.number().optional(),
      hide: z.array(z.string().max(64)).max(64).optional(),
      embed: z.boolean().optional(),
      lecture: z.boolean().optional(),
    })
    .optional(),
  /** the views' settings as link keys → link texts ('pd.points': '64') */
  settings: z.record(z.string().max(64), z.string().max(4096)).optional(),
  weights: z.string().optional(),
});

/** The link a state file stands for (query + #w= fragment), or why the file cannot be read. */
export function stateFileToLink(text: string): { link: string } | { error: string } {
  if (text.length > MAX_STATE_FILE_BYTES) return { error: `the file is ${text.length} bytes; a state file is at most ${MAX_STATE_FILE_BYTES}` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'the file is not JSON' };
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) return { error: `the file is not an L2 Phase Lab state file (${parsed.error.issues[0]?.path.join('.') || 'format'})` };
  const state = parsed.data;
  // the file's values go through the link decoder as text, whatever their JSON types
  const params = new URLSearchParams();
  if (state.version !== STATE_VERSION) params.set('v', String(state.version));
  const fields = Object.keys(urlKeys) as ParameterField[];
  for (const field of fields) {
    const value = Object.hasOwn(state.parameters, field) ? state.parameters[field] : undefined;
    if (value === undefined) continue;
    params.set(urlKeys[field], Array.isArray(value) ? value.join(',') : typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  const unknown = Object.keys(state.parameters).filter((key) => !(fields as string[]).includes(key));
  for (const key of unknown.slice(0, 8)) params.set(key, String(state.parameters[key]));
  const extras = state.extras ?? {};
  const query = params.toString();
  const tail = new URLSearchParams();
  if (extras.view !== undefined) tail.set('view', extras.view);
  if (extras.chapter !== undefined) tail.set('chapter', String(extras.chapter));
  if (extras.hide && extras.hide.length > 0) tail.set('hide', extras.hide.join(','));
  if (extras.embed) tail.set('embed', '1');
  if (extras.lecture) tail.set('lecture', '1');
  // read by the link decoder like any link's keys (unknown ones get its notice)
  for (const [key, text] of Object.entries(state.settings ?? {}).slice(0, MAX_LINK_KEYS)) tail.set(key, text);
  const search = [query, tail.toString()].filter((x) => x !== '').join('&');
  const link = `?${search.replace(/%2C/g, ',')}${state.weights ? `#w=${state.weights}` : ''}`;
  return { link };
}
