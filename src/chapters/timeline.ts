/**
 * A chapter's scene as a small timeline, and the player that walks it (pure: no React, no DOM, no
 * timers). The driver (scene.ts) feeds it elapsed seconds and a probe of the lab, and applies what
 * it returns: γ to set, parameters to apply, a lab button to press. The clock is the driver's: it
 * only advances while the lab trains, so pausing the lab pauses the scene.
 */
import type { SharedParameters } from '../permalink/schema';

export type SceneCondition =
  /** feature k (1-based) of the run with this depth (default: the first run) is learned / off */
  | { kind: 'feature'; feature: number; state: 'learned' | 'off'; depth?: number }
  /** the job this scene started has produced its result */
  | { kind: 'job-result'; which: 'langevin' | 'grokking' | 'vae' };

export type SceneStep =
  | { kind: 'set'; params: Partial<SharedParameters>; caption?: string }
  | { kind: 'wait'; seconds: number; caption?: string }
  /**
   * wait until the condition holds, at most timeoutS seconds of scene time, and at least minS (so a
   * caption stays up long enough to be read even when the lab is already there)
   */
  | { kind: 'until'; condition: SceneCondition; timeoutS: number; minS?: number; caption?: string }
  /** move γ linearly from where the scene left it to `to` over `seconds` */
  | { kind: 'tween'; to: number; seconds: number; caption?: string }
  /** press a button of the lab (by its test id), e.g. the one that starts a job */
  | { kind: 'press'; testId: string; caption?: string };

export type SceneStatus = 'playing' | 'paused' | 'done';

export interface SceneCommands {
  gamma?: number;
  params?: Partial<SharedParameters>;
  press?: string[];
}

export const HANDOVER_CAPTION = 'Now drag it yourself: the scene has stopped and the lab is yours.';

export class ScenePlayer {
  status: SceneStatus = 'playing';
  index = 0;
  caption = '';
  /** conditions that ran out of time instead of holding (the browser check reads them) */
  readonly timedOut: number[] = [];
  private elapsed = 0;
  private gamma: number;
  private tweenFrom: number | null = null;

  constructor(
    readonly steps: readonly SceneStep[],
    startGamma: number,
  ) {
    this.gamma = startGamma;
    this.enter();
  }

  pause(): void {
    if (this.status === 'playing') this.status = 'paused';
  }

  resume(): void {
    if (this.status === 'paused') this.status = 'playing';
  }

  /** stop for good (the user took over, or another scene began) */
  finish(): void {
    this.status = 'done';
    this.caption = HANDOVER_CAPTION;
  }

  private enter(): void {
    const step = this.steps[this.index];
    this.elapsed = 0;
    this.tweenFrom = null;
    if (!step) this.finish();
    else if (step.caption) this.caption = step.caption;
  }

  private next(): void {
    this.index++;
    this.enter();
  }

  /** advance by `dt` seconds of scene time; `holds` answers a condition about the lab now */
  advance(dt: number, holds: (c: SceneCondition) => boolean): SceneCommands {
    const out: SceneCommands = {};
    let budget = this.status === 'playing' ? Math.max(0, dt) : 0;
    // steps that take no time run even with a zero budget; the loop ends on a step that waits
    while (this.status === 'playing') {
      const step = this.steps[this.index];
      if (!step) break;
      if (step.kind === 'set') {
        out.params = { ...out.params, ...step.params };
        if (step.params.gamma !== undefined) {
          this.gamma = step.params.gamma;
          delete out.gamma;
        }
        this.next();
      } else if (step.kind === 'press') {
        (out.press ??= []).push(step.testId);
        this.next();
      } else if (step.kind === 'until') {
        const dwell = Math.min(step.minS ?? 0, step.timeoutS);
        if (this.elapsed >= dwell && holds(step.condition)) {
          this.next();
          continue;
        }
        const stopAt = holds(step.condition) ? dwell : step.timeoutS;
        const used = Math.min(budget, stopAt - this.elapsed);
        this.elapsed += used;
        budget -= used;
        if (this.elapsed >= step.timeoutS && !holds(step.condition)) {
          this.timedOut.push(this.index);
          this.next();
        } else if (this.elapsed < stopAt) break;
      } else {
        const duration = step.seconds;
        const used = Math.min(budget, duration - this.elapsed);
        this.elapsed += used;
        budget -= used;
        if (step.kind === 'tween') {
          this.tweenFrom ??= this.gamma;
          const f = duration > 0 ? Math.min(1, this.elapsed / duration) : 1;
          out.gamma = Number((this.tweenFrom + (step.to - this.tweenFrom) * f).toFixed(6));
          if (f >= 1) {
            this.gamma = step.to;
            out.gamma = step.to;
          }
        }
        if (this.elapsed >= duration) {
          if (step.kind === 'tween') this.gamma = step.to;
          this.next();
        } else break;
      }
    }
    return out;
  }

  /** scene seconds of the whole timeline when every condition holds at once (waits and tweens) */
  static nominalSeconds(steps: readonly SceneStep[]): number {
    return steps.reduce((t, s) => t + (s.kind === 'wait' || s.kind === 'tween' ? s.seconds : 0), 0);
  }
}
