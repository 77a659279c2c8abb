/**
 * When a crashed training worker restarts, which engines it must avoid, and when to give up. Pure
 * (no DOM, no tfjs).
 *
 * Failures are remembered for `windowMs` only, so the count decays with time: a lab that crashed
 * once an hour keeps restarting, one that crashes every few seconds stops. A restart measures the
 * engines again without the ones that failed within the window (engines.ts decides among the
 * rest), so it never moves to something slower without measuring it, and an engine whose last
 * failure is older than the window is eligible again: the fastest comes back after a quiet period.
 */
import type { EngineId } from './engines';

export const RESTART_WINDOW_MS = 5 * 60_000;
/** more failures than this within the window: stop instead of restarting */
export const MAX_FAILURES_IN_WINDOW = 4;

export interface Failure {
  engine: EngineId;
  at: number;
}

export type RestartDecision = { kind: 'restart'; exclude: EngineId[] } | { kind: 'stop'; failures: number };

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

  /** record that `failed` failed at `now`; restart without the engines that failed recently, or stop */
  decide(failed: EngineId, now: number): RestartDecision {
    this.failures.push({ engine: failed, at: now });
    const recent = this.recent(now);
    if (recent.length > this.maxFailures) return { kind: 'stop', failures: recent.length };
    return { kind: 'restart', exclude: [...new Set(recent.map((f) => f.engine))] };
  }
}
