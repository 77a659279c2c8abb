/**
 * Permalinks: the whole parameter state in readable query keys (`?v=1&depth=2&gamma=0.3…`), the
 * view and the Phase-diagrams and Escape settings that differ from their defaults (`view=diagrams&
 * pd.points=64`, `esc.T=0.01,0.005`), and the trained weights, if any, in the fragment (`#w=…`:
 * never sent to a server, so a long one cannot get an HTTP 431). Results are never in a link. Decoding never throws: unknown keys are ignored, malformed or out-of-range
 * values are replaced or clamped, and every change is reported in `notices` for the page to show.
 *
 * Rules (every link is untrusted):
 * - The query and the fragment are read as one list of keys, query first: old links with `w=` in
 *   the query still work, and parameters after `#` count like those after `?`.
 * - A key given more than once takes its LAST value (every key, `v` included), with a notice.
 * - At most MAX_LINK_LENGTH characters and MAX_LINK_KEYS keys are read, with a notice.
 * - Quoted values are cut to 40 characters; `linkNoticeMessage` shows the first MAX_NOTICES.
 */
import { z } from './zod';
import { PERMALINK_VERSION, quoted, repairField, urlKeys, type ParameterField, type SharedParameters } from './schema';
import { MAX_WEIGHTS_TEXT } from './weights';
import { fromUrlText, repairEntry, toBoolean, toNumber, toUrlText, type Entries, type Entry, type ValuesOf } from './entry';
import { LIVE_ENTRIES, SETTINGS_GROUPS, type SettingsGroup, type ViewSettings } from './registry';

/** Classroom and sharing extras that are not training parameters. */
export interface LinkExtras {
  /** the view shown, e.g. 'live' */
  view?: string;
  /** the chapter (guided scene) open, 1-based */
  chapter?: number;
  /** controls hidden for a classroom link */
  hide: string[];
  /** no chrome, fits an iframe */
  embed: boolean;
  /** presentation layout */
  lecture: boolean;
  /** compressed trained weights (see weights.ts), still encoded */
  weights?: string;
}

export interface DecodedLink {
  /** only the parameters the link set (validated); the rest stay as they are */
  parameters: Partial<SharedParameters>;
  /** every view's settings: what the link set (validated), its defaults for the rest */
  settings: ViewSettings;
  extras: LinkExtras;
  notices: string[];
}

export interface DecodeOptions {
  /** names `hide=` may use; others get a notice (omitted: any identifier is kept) */
  hideNames?: readonly string[];
}

const identifier = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/);
const weightsText = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/)
  .max(MAX_WEIGHTS_TEXT);
/** the largest weights plus every parameter, with room to spare */
export const MAX_LINK_LENGTH = MAX_WEIGHTS_TEXT + 8_192;
/** a link has at most 52 keys (26 of the live lab and the page, 26 of the views' settings); beyond this, the rest is not read */
export const MAX_LINK_KEYS = 64;
export const MAX_NOTICES = 10;
/** a link longer than this is too long for many chat and mail clients to pass on intact */
export const SHAREABLE_LINK_LENGTH = 16_000;

const show = quoted;

function list(names: string[], most = 5): string {
  return names.slice(0, most).join(', ') + (names.length > most ? `, … (${names.length} in all)` : '');
}

/** the query and fragment parts of a link: '?a=1#w=…', '?a=1', '#a=1' or a bare 'a=1' */
function parts(link: string): string[] {
  const hash = link.indexOf('#');
  const query = hash < 0 ? link : link.slice(0, hash);
  const fragment = hash < 0 ? '' : link.slice(hash + 1);
  return [query.startsWith('?') ? query.slice(1) : query, fragment];
}

export function decodePermalink(link: string, current: SharedParameters, options: DecodeOptions = {}): DecodedLink {
  const notices: string[] = [];
  const extras: LinkExtras = { hide: [], embed: false, lecture: false };
  const parameters: Partial<SharedParameters> = {};
  if (link.length > MAX_LINK_LENGTH) {
    const settings = { sweeps: readGroup(SETTINGS_GROUPS.sweeps, new Map(), []), escape: readGroup(SETTINGS_GROUPS.escape, new Map(), []) };
    return { parameters, settings, extras, notices: [`The link is too long (${link.length} characters; at most ${MAX_LINK_LENGTH}); ignored it.`] };
  }
  // the last value of each key, in the order keys first appear
  const values = new Map<string, { raw: string; count: number }>();
  let keysRead = 0;
  let keysInLink = 0;
  for (const part of parts(link)) {
    if (part === '') continue;
    let params: URLSearchParams;
    try {
      params = new URLSearchParams(part);
    } catch {
      notices.push('Part of the link could not be read; ignored it.');
      continue;
    }
    for (const [key, raw] of params) {
      keysInLink++;
      if (keysRead >= MAX_LINK_KEYS) continue;
      keysRead++;
      const seen = values.get(key);
      if (seen) {
        seen.raw = raw;
        seen.count++;
      } else values.set(key, { raw, count: 1 });
    }
  }
  if (keysInLink > keysRead) notices.push(`The link has ${keysInLink} keys; read the first ${keysRead}.`);
  const repeated = [...values].filter(([, v]) => v.count > 1).map(([key, v]) => `${show(key)} (${v.count}×)`);
  if (repeated.length > 0) notices.push(`Repeated link key${repeated.length > 1 ? 's' : ''} ${list(repeated)}: used the last value of each.`);

  const version = values.get('v')?.raw;
  if (version !== undefined && version !== String(PERMALINK_VERSION)) {
    notices.push(`The link has version '${show(version)}'; this app reads version ${PERMALINK_VERSION}. Read what it could.`);
  }
  const byUrlKey = new Map(Object.entries(urlKeys).map(([field, key]) => [key, field as ParameterField]));
  const ignored: string[] = [];
  const settings = { sweeps: readGroup(SETTINGS_GROUPS.sweeps, values, notices), escape: readGroup(SETTINGS_GROUPS.escape, values, notices) };
  for (const [key, { raw }] of values) {
    if (groupKeys.has(key)) continue;
    const field = byUrlKey.get(key);
    if (field) {
      const repaired = repairField(field, fromUrlText(LIVE_ENTRIES[field] as Entry, raw), current[field], show(raw));
      if (repaired.message) notices.push(repaired.message);
      (parameters as Record<string, unknown>)[field] = repaired.value;
      continue;
    }
    switch (key) {
      case 'v':
        break;
      case 'view':
        if (identifier.safeParse(raw).success) extras.view = raw;
        else notices.push(`view: '${show(raw)}' is not a view name; ignored.`);
        break;
      case 'chapter': {
        const chapter = toNumber(raw);
        if (Number.isInteger(chapter) && chapter >= 1 && chapter <= 99) extras.chapter = chapter;
        else notices.push(`chapter: '${show(raw)}' is not a chapter number; ignored.`);
        break;
      }
      case 'hide': {
        const names = raw.split(',', 64).filter((name) => name !== '');
        const known = (name: string) => identifier.safeParse(name).success && (!options.hideNames || options.hideNames.includes(name));
        extras.hide = [...new Set(names.filter(known))];
        const unknown = names.filter((name) => !known(name)).map((name) => `'${show(name)}'`);
        if (unknown.length > 0) notices.push(`hide: no control is called ${list(unknown)}; ignored.`);
        break;
      }
      case 'embed':
      case 'lecture':
        extras[key] = toBoolean(raw) === true;
        break;
      case 'w':
        if (weightsText.safeParse(raw).success) extras.weights = raw;
        else notices.push('The trained weights in the link are damaged or too long; starting from the seed instead.');
        break;
      default:
        ignored.push(show(key));
    }
  }
  if (ignored.length > 0)
    notices.push(`Ignored unknown link key${ignored.length > 1 ? 's' : ''}: ${ignored.slice(0, 5).join(', ')}${ignored.length > 5 ? ', …' : ''}.`);
  return { parameters, settings, extras, notices };
}

/** One notice for the page: the first MAX_NOTICES problems and how many more there were. */
export function linkNoticeMessage(notices: readonly string[]): string {
  const shown = notices.slice(0, MAX_NOTICES).join(' ');
  const more = notices.length > MAX_NOTICES ? ` …and ${notices.length - MAX_NOTICES} more.` : '';
  return `This link had ${notices.length} problem${notices.length === 1 ? '' : 's'}: ${shown}${more}`;
}

/**
 * `settings`: the views' settings; only values that differ from their defaults are written (a link
 * leaves the rest out and reads it back as the default), so links stay short.
 */
export function encodePermalink(parameters: SharedParameters, extras: Partial<LinkExtras> = {}, settings: Partial<ViewSettings> = {}): string {
  const params = new URLSearchParams();
  params.set('v', String(PERMALINK_VERSION));
  for (const field of Object.keys(urlKeys) as ParameterField[]) params.set(urlKeys[field], toUrlText(parameters[field]));
  if (extras.view) params.set('view', extras.view);
  if (settings.sweeps) writeGroup(SETTINGS_GROUPS.sweeps, settings.sweeps, params);
  if (settings.escape) writeGroup(SETTINGS_GROUPS.escape, settings.escape, params);
  if (extras.chapter) params.set('chapter', String(extras.chapter));
  if (extras.hide && extras.hide.length > 0) params.set('hide', extras.hide.join(','));
  if (extras.embed) params.set('embed', '1');
  if (extras.lecture) params.set('lecture', '1');
  // weights go in the fragment: never sent to a server (a long query gets HTTP 431)
  const fragment = extras.weights ? `#w=${extras.weights}` : '';
  return '?' + params.toString().replace(/%2C/g, ',') + fragment;
}

// ---- the views' settings -------------------------------------------------------------------------

const groupKeys = new Set(Object.values(SETTINGS_GROUPS).flatMap((group) => Object.values(group.entries as Entries).map((entry) => entry.url)));

/**
 * A group's settings from a link: its keys in entry order, each repaired like a live field (clamped
 * or replaced, with a notice), a malformed value falling back to the default given what came before
 * it (an Escape preset sets the defaults of its temperatures, replicas, steps and lr).
 */
function readGroup<E extends Entries, S>(group: SettingsGroup<E, S>, values: ReadonlyMap<string, { raw: string }>, notices: string[]): S {
  const read: Partial<ValuesOf<E>> = {};
  for (const [key, entry] of Object.entries(group.entries) as [keyof E & string, Entry][]) {
    const given = values.get(entry.url);
    if (!given) continue;
    const fallback = group.defaultsFor(read)[key];
    const repaired = repairEntry(entry, fromUrlText(entry, given.raw), fallback, entry.url, show(given.raw));
    if (repaired.message) notices.push(repaired.message);
    read[key] = repaired.value as ValuesOf<E>[typeof key];
  }
  return group.fromValues({ ...group.defaultsFor(read), ...read });
}

/** the views' settings that differ from their defaults, as link keys and texts (a state file keeps them so) */
export function settingsToLinkKeys(settings: Partial<ViewSettings>): Record<string, string> {
  const params = new URLSearchParams();
  if (settings.sweeps) writeGroup(SETTINGS_GROUPS.sweeps, settings.sweeps, params);
  if (settings.escape) writeGroup(SETTINGS_GROUPS.escape, settings.escape, params);
  return Object.fromEntries(params);
}

/** the group's values that differ from its defaults, as link keys */
function writeGroup<E extends Entries, S>(group: SettingsGroup<E, S>, settings: S, params: URLSearchParams): void {
  const values = group.toValues(settings);
  // each default given the entries before it, as the decoder reads them
  const before: Partial<ValuesOf<E>> = {};
  for (const [key, entry] of Object.entries(group.entries) as [keyof E & string, Entry][]) {
    const text = toUrlText(values[key]);
    if (text !== toUrlText(group.defaultsFor(before)[key])) params.set(entry.url, text);
    before[key] = values[key];
  }
}
