/**
 * URL ⇄ stores. On load the link is decoded (never throws; what it changed is shown as a notice),
 * and from then on every change rewrites the URL with history.replaceState (no back-button spam).
 * Links carry the parameters, the view and the Phase-diagrams and Escape settings (not their
 * results); "Copy link" can also carry the trained weights, in
 * the fragment (#w=…). Weights are decoded against the network the link's own parameters set up,
 * with an inflate cap of exactly that network's size, before anything is sent to the worker.
 */
import {
  decodePermalink,
  decodeWeights,
  encodePermalink,
  encodeWeights,
  encodeStateFile,
  linkNoticeMessage,
  stateFileToLink,
  weightShapeOf,
  type LinkExtras,
  type SharedParameters,
  type ViewSettings,
  urlKeys,
} from '../permalink';

import { pickParameters, useParameters, type Parameters } from '../state/parameters';
import { useTelemetry } from '../state/telemetry';
import { isViewId, useUi } from '../state/ui';
import { useSweepsStore } from '../state/sweeps';
import { useEscapeStore } from '../state/escape';
import { classroomExtras, HIDEABLE_CONTROLS, TEXT_FLAG, useClassroom } from '../session/classroom';
import type { Weights } from '../engine/types';

const WRITE_DELAY_MS = 250;

function shared(p: Parameters): SharedParameters {
  const { speed: _speed, backend: _backend, ...rest } = pickParameters(p);
  return rest;
}

/** the views' settings as the stores hold them */
function viewSettings(): ViewSettings {
  return { sweeps: useSweepsStore.getState().settings, escape: useEscapeStore.getState().settings };
}

export function currentLink(weights?: string): string {
  // classroom flags and the open chapter live in the classroom store, so they survive rewrites
  const extras: Partial<LinkExtras> = { ...classroomExtras(), view: useUi.getState().view, weights };
  return `${location.origin}${location.pathname}${encodePermalink(shared(useParameters.getState()), extras, viewSettings())}`;
}

/** the classroom flags and chapter of the link the page was opened with */
export function linkExtras(): LinkExtras {
  return { ...classroomExtras(), view: useUi.getState().view };
}

/** Apply the page's link to the stores; returns the trained weights it carried, if any. */
export function applyLinkOnLoad(): Promise<Weights[] | undefined> {
  return applyLink(location.search + location.hash);
}

const HIDE_NAMES = [...Object.keys(HIDEABLE_CONTROLS), TEXT_FLAG];

/** whether a link sets any live-lab parameter (a bare `?chapter=5` does not: it asks for the chapter's own setup) */
export function linkSetsParameters(search: string): boolean {
  const query = new URLSearchParams(search.replace(/^\?/, '').split('#')[0]);
  return Object.values(urlKeys).some((key) => query.has(key));
}

/** Apply a link (query and/or fragment) to the stores, explaining in a notice whatever it had to change. */
export async function applyLink(search: string): Promise<Weights[] | undefined> {
  if (search.replace(/^[?#]+/, '').length === 0) return undefined;
  const decoded = decodePermalink(search, shared(useParameters.getState()), { hideNames: HIDE_NAMES });
  useClassroom.getState().setFromExtras(decoded.extras);
  useParameters.getState().update(decoded.parameters);
  // a link holds every view's settings (those it leaves out are the defaults); never the results
  useSweepsStore.getState().replaceSettings(decoded.settings.sweeps);
  useEscapeStore.getState().replaceSettings(decoded.settings.escape);
  if (decoded.extras.view !== undefined) {
    if (isViewId(decoded.extras.view)) useUi.getState().setView(decoded.extras.view);
    else decoded.notices.push(`view: '${decoded.extras.view}' is not a view of this app; showing the live lab.`);
  }
  let weights: Weights[] | undefined;
  if (decoded.extras.weights) {
    // the network as the store set it up (after its own cross-field rules), not as the link claims
    const result = await decodeWeights(decoded.extras.weights, weightShapeOf(useParameters.getState()));
    if ('weights' in result) weights = result.weights;
    else decoded.notices.push(`Could not restore the trained state: ${result.error}; training from the seed instead.`);
  }
  if (decoded.notices.length > 0) {
    useTelemetry.getState().setNotice({
      kind: 'info',
      message: linkNoticeMessage(decoded.notices),
      hint: 'Everything else in it was applied.',
      time: Date.now(),
    });
  }
  return weights;
}

/** Keep the address bar in step with the parameters, the view and the views' settings. */
export function syncUrlWithState(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    const url = currentLink();
    if (url !== location.href) history.replaceState(null, '', url);
  };
  const schedule = () => {
    if (timer === null) timer = setTimeout(write, WRITE_DELAY_MS);
  };
  write();
  const offParameters = useParameters.subscribe(schedule);
  const offUi = useUi.subscribe(schedule);
  const offClassroom = useClassroom.subscribe(schedule);
  // the job stores change with every progress tick: rewrite only when the settings did
  const offSweeps = useSweepsStore.subscribe((s, before) => s.settings !== before.settings && schedule());
  const offEscape = useEscapeStore.subscribe((s, before) => s.settings !== before.settings && schedule());
  return () => {
    offParameters();
    offUi();
    offClassroom();
    offSweeps();
    offEscape();
    if (timer) clearTimeout(timer);
  };
}

/** A link to this exact state: the parameters plus the trained weights, compressed, in the fragment. */
export async function linkWithWeights(getWeights: () => Promise<Weights[] | null>): Promise<string> {
  const weights = await getWeights();
  return currentLink(weights ? await encodeWeights(weights) : undefined);
}

/** The current state as a state file (parameters, view, the views' settings, and the trained weights if given). */
export async function currentStateFile(getWeights?: () => Promise<Weights[] | null>): Promise<string> {
  const weights = getWeights ? await getWeights() : null;
  return encodeStateFile(
    shared(useParameters.getState()),
    { ...classroomExtras(), view: useUi.getState().view },
    weights ? await encodeWeights(weights) : undefined,
    viewSettings(),
  );
}

/**
 * Open a state file: it becomes a link (so it goes through exactly the link's validation) and the
 * page reloads on it, which lands on its weights the way a shared link does.
 */
export function openStateFile(text: string): string | null {
  const result = stateFileToLink(text);
  if ('error' in result) return result.error;
  history.replaceState(null, '', `${location.pathname}${result.link}`);
  location.reload();
  return null;
}
