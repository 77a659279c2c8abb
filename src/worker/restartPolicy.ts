/**
 * Which backend a crashed training worker restarts on, and when to give up. Pure (no DOM, no tfjs).
 *
 * Failures are remembered for `windowMs` only, so the count decays with time: a lab that crashed
 * once an hour keeps restarting, one that crashes every few seconds stops. A backend whose last
 * failure is older than the window is eligible again, so after a quiet period the next restart goes
 * back to the preferred backend instead of only ever stepping down the chain.
 */
import type { BackendName } from './protocol';

export const RESTART_WINDOW_MS = 5 * 60_000;
/** more failures than this within the window: stop instead of restarting */
export const MAX_FAILURES_IN_WINDOW = 4;

export interface Failure {
  backend: BackendName;
  at: number;
}

export type RestartDecision = { kind: 'restart'; backend: BackendName } | { kind: 'stop'; failures: number };

export class RestartBook {
  private failures: Failure[] = [];

  constructor(
    private readonly windowMs = RESTART_WINDOW_MS,
    private readonly maxFailures = MAX_FAILURES_IN_WINDOW,
  ) {}

  /** failures within the window ending at `now` */
  recent(now: number): Failure[] {
    this.failures = this.failures.filter((f) => now - f.at < this.windowMs);
    return [...this.failures];
  }

  forget(): void {
    this.failures = [];
  }

  /**
   * Record that `failed` failed at `now` and decide: restart on the first backend of `chain` (the
   * preferred one first) with no failure within the window, or stop when too many failures are recent
   * or every backend of the chain failed recently.
   */
  decide(failed: BackendName, now: number, chain: readonly BackendName[]): RestartDecision {
    this.failures.push({ backend: failed, at: now });
    const recent = this.recent(now);
    if (recent.length > this.maxFailures) return { kind: 'stop', failures: recent.length };
    const failedRecently = new Set(recent.map((f) => f.backend));
    const next = chain.find((b) => !failedRecently.has(b));
    return next ? { kind: 'restart', backend: next } : { kind: 'stop', failures: recent.length };
  }
}

/**
 * The chain a restart walks: from the backend the user's choice started on, down the fallback order.
 * webgpu stays out unless it was the preferred backend (auto skips it on a fallback adapter).
 */
export function restartChain(preferred: BackendName, fallbackOrder: readonly BackendName[]): BackendName[] {
  const rest = fallbackOrder.filter((b) => b !== preferred && b !== 'webgpu');
  const from = fallbackOrder.indexOf(preferred);
  // backends above the preferred one in the order are only last resorts
  const below = rest.filter((b) => fallbackOrder.indexOf(b) > from);
  const above = rest.filter((b) => fallbackOrder.indexOf(b) < from);
  return [preferred, ...below, ...above];
}
