/**
 * Permalinks: the whole parameter state in readable query keys (`?v=1&depth=2&gamma=0.3…`), and the
 * trained weights, if any, in the fragment (`#w=…`: never sent to a server, so a long one cannot
 * get an HTTP 431). Decoding never throws: unknown keys are ignored, malformed or out-of-range
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
import { PERMALINK_VERSION, parameterFields, quoted, repairField, urlKeys, type ParameterField, type SharedParameters } from './schema';
import { MAX_WEIGHTS_TEXT } from './weights';

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
/** a real link has ~27 keys; beyond this, the rest is not read */
export const MAX_LINK_KEYS = 64;
export const MAX_NOTICES = 10;
/** a link longer than this is too long for many chat and mail clients to pass on intact */
export const SHAREABLE_LINK_LENGTH = 16_000;

const show = quoted;

function toNumber(raw: string): number {
  return raw.trim() === '' ? NaN : Number(raw);
}

function toBoolean(raw: string): boolean | string {
  if (raw === '1' || raw === 'true' || raw === '') return true;
  if (raw === '0' || raw === 'false') return false;
  return raw;
}

function fromUrlText(key: ParameterField, raw: string): unknown {
  const schema = parameterFields[key] as z.ZodType;
  if (schema instanceof z.ZodNumber) return toNumber(raw);
  if (schema instanceof z.ZodArray) return raw.split(',', 64).map(toNumber);
  if (schema instanceof z.ZodBoolean) return toBoolean(raw);
  return raw;
}

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
    return { parameters, extras, notices: [`The link is too long (${link.length} characters; at most ${MAX_LINK_LENGTH}); ignored it.`] };
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
  for (const [key, { raw }] of values) {
    const field = byUrlKey.get(key);
    if (field) {
      const repaired = repairField(field, fromUrlText(field, raw), current[field], show(raw));
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
  return { parameters, extras, notices };
}

/** One notice for the page: the first MAX_NOTICES problems and how many more there were. */
export function linkNoticeMessage(notices: readonly string[]): string {
  const shown = notices.slice(0, MAX_NOTICES).join(' ');
  const more = notices.length > MAX_NOTICES ? ` …and ${notices.length - MAX_NOTICES} more.` : '';
  return `This link had ${notices.length} problem${notices.length === 1 ? '' : 's'}: ${shown}${more}`;
}

/** 12 significant digits: drops float noise such as 0.29995000000000005 without losing a slider step */
function numberText(value: number): string {
  return String(Number(value.toPrecision(12)));
}

function toUrlText(value: unknown): string {
  if (Array.isArray(value)) return value.map((x) => (typeof x === 'number' ? numberText(x) : String(x))).join(',');
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return numberText(value);
  return String(value);
}

export function encodePermalink(parameters: SharedParameters, extras: Partial<LinkExtras> = {}): string {
  const params = new URLSearchParams();
  params.set('v', String(PERMALINK_VERSION));
  for (const field of Object.keys(urlKeys) as ParameterField[]) params.set(urlKeys[field], toUrlText(parameters[field]));
  if (extras.view) params.set('view', extras.view);
  if (extras.chapter) params.set('chapter', String(extras.chapter));
  if (extras.hide && extras.hide.length > 0) params.set('hide', extras.hide.join(','));
  if (extras.embed) params.set('embed', '1');
  if (extras.lecture) params.set('lecture', '1');
  // weights go in the fragment: never sent to a server (a long query gets HTTP 431)
  const fragment = extras.weights ? `#w=${extras.weights}` : '';
  return '?' + params.toString().replace(/%2C/g, ',') + fragment;
}
