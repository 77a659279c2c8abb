/**
 * Permalinks: the whole parameter state in readable query keys (`?v=1&depth=2&gamma=0.3…`).
 * Decoding never throws: unknown keys are ignored, malformed or out-of-range values are replaced
 * or clamped, and every change is reported in `notices` for the page to show.
 */
import { z } from 'zod';
import {
  PERMALINK_VERSION,
  parameterFields,
  repairField,
  urlKeys,
  type ParameterField,
  type SharedParameters,
} from './schema';

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

const identifier = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/);
const weightsText = z.string().regex(/^[A-Za-z0-9_-]+$/).max(2_000_000);
const MAX_LINK_LENGTH = 2_100_000;
const SHOWN = 40;

function show(raw: string): string {
  const printable = raw.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > SHOWN ? printable.slice(0, SHOWN) + '…' : printable;
}

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
  if (schema instanceof z.ZodArray) return raw.split(',').map(toNumber);
  if (schema instanceof z.ZodBoolean) return toBoolean(raw);
  return raw;
}

export function decodePermalink(search: string, current: SharedParameters): DecodedLink {
  const notices: string[] = [];
  const extras: LinkExtras = { hide: [], embed: false, lecture: false };
  const parameters: Partial<SharedParameters> = {};
  if (search.length > MAX_LINK_LENGTH) {
    return { parameters, extras, notices: [`The link is too long (${search.length} characters); ignored it.`] };
  }
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search.startsWith('?') || search.startsWith('#') ? search.slice(1) : search);
  } catch {
    return { parameters, extras, notices: ['The link could not be read; ignored it.'] };
  }
  const version = params.get('v');
  if (version !== null && version !== String(PERMALINK_VERSION)) {
    notices.push(`The link has version '${show(version)}'; this app reads version ${PERMALINK_VERSION}. Read what it could.`);
  }
  const byUrlKey = new Map(Object.entries(urlKeys).map(([field, key]) => [key, field as ParameterField]));
  const ignored: string[] = [];
  for (const [key, raw] of params) {
    const field = byUrlKey.get(key);
    if (field) {
      const repaired = repairField(field, fromUrlText(field, raw), current[field]);
      if (repaired.message) notices.push(repaired.message.replace(/'[^']*' is/, `'${show(raw)}' is`));
      (parameters as Record<string, unknown>)[field] = repaired.value;
      continue;
    }
    switch (key) {
      case 'v':
        break;
      case 'view':
      case 'chapter': {
        if (key === 'view') {
          if (identifier.safeParse(raw).success) extras.view = raw;
          else notices.push(`view: '${show(raw)}' is not a view name; ignored.`);
        } else {
          const chapter = toNumber(raw);
          if (Number.isInteger(chapter) && chapter >= 1 && chapter <= 99) extras.chapter = chapter;
          else notices.push(`chapter: '${show(raw)}' is not a chapter number; ignored.`);
        }
        break;
      }
      case 'hide':
        extras.hide = raw.split(',').filter((name) => identifier.safeParse(name).success);
        break;
      case 'embed':
      case 'lecture':
        extras[key] = toBoolean(raw) === true;
        break;
      case 'w':
        if (weightsText.safeParse(raw).success) extras.weights = raw;
        else notices.push('The trained weights in the link are damaged; starting from the seed instead.');
        break;
      default:
        ignored.push(show(key));
    }
  }
  if (ignored.length > 0) notices.push(`Ignored unknown link key${ignored.length > 1 ? 's' : ''}: ${ignored.slice(0, 5).join(', ')}${ignored.length > 5 ? ', …' : ''}.`);
  return { parameters, extras, notices };
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
  if (extras.weights) params.set('w', extras.weights);
  return '?' + params.toString().replace(/%2C/g, ',');
}
