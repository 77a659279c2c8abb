/**
 * Lecture keys, on the whole page: space play/pause, ←/→ nudge γ (shift: coarse), R reset,
 * 1–9 open chapter N and set up its scene, PageDown/PageUp (what presenter clickers send) the next or
 * previous chapter. Keys are never taken from a text field, a select, a
 * focused button/link (space activates those) or the γ slider itself (its arrows are native), nor
 * with Ctrl/Alt/Meta held (browser shortcuts).
 */
export const GAMMA_NUDGE = { fine: 0.01, coarse: 0.05 } as const;

export type KeyAction =
  | { kind: 'toggle-play' }
  | { kind: 'nudge-gamma'; delta: number }
  | { kind: 'reset' }
  | { kind: 'chapter'; number: number }
  | { kind: 'chapter-step'; delta: 1 | -1 };

/** what the focused element needs for itself */
export interface KeyTarget {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
  role?: string | null;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
const ACTIVATING_TAGS = new Set(['BUTTON', 'A', 'SUMMARY']);

/** Pure: the action for a key event, or null when the key belongs to the focused element. */
export function keyAction(
  e: { key: string; shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean },
  target: KeyTarget | null,
): KeyAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  if (target) {
    if (target.isContentEditable) return null;
    if (TYPING_TAGS.has(target.tagName)) return null;
    if (target.role === 'slider' || target.role === 'textbox' || target.role === 'menuitem') return null;
    if (e.key === ' ' && (ACTIVATING_TAGS.has(target.tagName) || target.role === 'button' || target.role === 'tab')) return null;
  }
  if (e.key === ' ') return { kind: 'toggle-play' };
  if (e.key === 'ArrowRight') return { kind: 'nudge-gamma', delta: e.shiftKey ? GAMMA_NUDGE.coarse : GAMMA_NUDGE.fine };
  if (e.key === 'ArrowLeft') return { kind: 'nudge-gamma', delta: -(e.shiftKey ? GAMMA_NUDGE.coarse : GAMMA_NUDGE.fine) };
  if (e.key === 'r' || e.key === 'R') return { kind: 'reset' };
  if (/^[1-9]$/.test(e.key)) return { kind: 'chapter', number: Number(e.key) };
  if (e.key === 'PageDown') return { kind: 'chapter-step', delta: 1 };
  if (e.key === 'PageUp') return { kind: 'chapter-step', delta: -1 };
  return null;
}

/** γ after a nudge: never below 0, rounded to the nudge grid's precision (no float dust) */
export function nudgedGamma(gamma: number, delta: number): number {
  return Math.max(0, Number((gamma + delta).toFixed(6)));
}
