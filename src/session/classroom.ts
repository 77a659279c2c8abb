/**
 * Classroom state: which controls a link hides, embed and lecture layouts, and the open chapter.
 * The permalink writes it into the URL (hide, embed, lecture, chapter) and reads it back.
 */
import { create } from 'zustand';
import { LIVE_ENTRIES, type Entry, type LinkExtras } from '../permalink';

type Hideable = Readonly<Record<string, { label: string; selector: string }>>;

/** the hide rules of the registry's controls: a form field by its control's id, a widget by its data-control */
function registryHideRules(): Record<string, { label: string; selector: string }> {
  const rules: Record<string, { label: string; selectors: string[] }> = {};
  for (const entry of Object.values(LIVE_ENTRIES) as Entry[]) {
    if (!entry.hide || !entry.dom) continue;
    const selector = 'id' in entry.dom ? `.field:has(#${entry.dom.id})` : `[data-control="${entry.dom.widget}"]`;
    (rules[entry.hide.name] ??= { label: entry.hide.label, selectors: [] }).selectors.push(selector);
  }
  return Object.fromEntries(Object.entries(rules).map(([name, rule]) => [name, { label: rule.label, selector: rule.selectors.join(', ') }]));
}

/**
 * Controls a classroom link can hide, by stable name → the CSS selector of the element(s) to hide.
 * The parameters' controls come from the registry (src/permalink/registry.ts: their hide names follow
 * the URL keys, `hide=seed,opt,lr`); the rest are the page's own parts.
 */
export const HIDEABLE_CONTROLS: Hideable = {
  run: { label: 'Play / step / reset', selector: '[data-control="run"]' },
  speed: { label: 'Speed', selector: '.field:has(#speed-mode)' },
  ...registryHideRules(),
  readouts: { label: 'Readouts', selector: '[data-control="readouts"]' },
  controls: { label: 'The whole controls column', selector: 'aside.controls' },
  chapters: { label: 'Chapter navigator', selector: '[data-control="chapters"]' },
  backend: { label: 'Backend badge', selector: '.backend' },
  link: { label: 'Copy-link buttons', selector: '.copy-link-group, [data-control="share"]' },
};

/** `hide=text` hides explanatory text (hints, chapter prose), not a control */
export const TEXT_FLAG = 'text';
export const TEXT_SELECTOR = '.hint, .field-hint, .chapter-text, .app-header p, [data-control="text"]';

/** The CSS that hides the named controls (unknown names are skipped; names are already [a-z0-9-]). */
export function hidingCss(hide: readonly string[]): string {
  const selectors: string[] = [];
  for (const name of hide) {
    if (name === TEXT_FLAG) selectors.push(TEXT_SELECTOR);
    else if (Object.prototype.hasOwnProperty.call(HIDEABLE_CONTROLS, name)) selectors.push(HIDEABLE_CONTROLS[name].selector);
  }
  return selectors.length > 0 ? `${selectors.join(',\n')} { display: none !important; }` : '';
}

export interface ClassroomState {
  hide: string[];
  embed: boolean;
  lecture: boolean;
  /** 1-based open chapter, or null */
  chapter: number | null;
  setFromExtras(extras: LinkExtras): void;
  setLecture(on: boolean): void;
  setChapter(chapter: number | null): void;
}

export const useClassroom = create<ClassroomState>()((set) => ({
  hide: [],
  embed: false,
  lecture: false,
  chapter: null,
  setFromExtras: (extras) => set({ hide: [...extras.hide], embed: extras.embed, lecture: extras.lecture, chapter: extras.chapter ?? null }),
  setLecture: (lecture) => set({ lecture }),
  setChapter: (chapter) => set({ chapter }),
}));

/** the classroom part of a link, from the store */
export function classroomExtras(): Pick<LinkExtras, 'hide' | 'embed' | 'lecture' | 'chapter'> {
  const s = useClassroom.getState();
  return { hide: s.hide, embed: s.embed, lecture: s.lecture, chapter: s.chapter ?? undefined };
}

/** a classroom link to the current state with the given flags (for the "Share for class" popover) */
export function classroomQuery(base: string, flags: { hide: string[]; embed: boolean; lecture: boolean; chapter: number | null }): string {
  const url = new URL(base);
  for (const key of ['hide', 'embed', 'lecture', 'chapter', 'w']) url.searchParams.delete(key);
  if (flags.hide.length > 0) url.searchParams.set('hide', flags.hide.join(','));
  if (flags.embed) url.searchParams.set('embed', '1');
  if (flags.lecture) url.searchParams.set('lecture', '1');
  if (flags.chapter) url.searchParams.set('chapter', String(flags.chapter));
  return url.toString().replace(/%2C/g, ',');
}
