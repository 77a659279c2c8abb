/**
 * Phase-change announcements from telemetry (pure: no React, no DOM), for one run (one depth).
 * Each feature k is classed "learned" when its order parameter p_k > on·η_k and "off" when
 * |p_k| < off·η_k (a dead band in between, so noise near a threshold does not chatter). A new class
 * must hold for `confirm` consecutive samples, then stay for `settle` more before it is announced,
 * with the γ of the FIRST sample that crossed; a class that reverts within the settle window is a
 * flicker and is never announced (no "switched off at γ ≈ 0.500; learned at γ ≈ 0.500").
 *
 * Nothing is announced until the run has been disturbed: γ moved since the (re)start, or `armAfter`
 * samples passed. Until then classes are recorded silently: the first transient of a fresh net
 * (learning from its initial weights, or a feature that grows and then loses a too-narrow layer)
 * is not an event.
 *
 * Depth matters: D = 0 has no transition (p = η/(1 + γ) never reaches 0): nothing is announced.
 * D = 1 is continuous (p = max(η − γ, 0)): p reaches 0 smoothly at γc = η, so a tight band
 * (|p| < continuousOff·η) and the words "reached 0 near γ ≈ …" / "left 0 near γ ≈ …"; calling the
 * 5 % crossing at γ ≈ 0.95 a switch-off would misplace a continuous transition.
 */
export type FeatureState = 'learned' | 'off';

export interface AnnouncerOptions {
  /** learned above this fraction of η_k */
  on: number;
  /** off below this fraction of η_k */
  off: number;
  /** D = 1 (continuous): away from 0 above this fraction of η_k */
  continuousOn: number;
  /** D = 1 (continuous): at 0 below this fraction of η_k */
  continuousOff: number;
  /** consecutive samples a new class must hold */
  confirm: number;
  /** further samples it must stay before it is announced (a reversal inside them is a flicker) */
  settle: number;
  /** samples after a (re)start after which a still γ also arms the announcer */
  armAfter: number;
}

export const DEFAULT_ANNOUNCER: AnnouncerOptions = { on: 0.25, off: 0.05, continuousOn: 0.02, continuousOff: 0.01, confirm: 3, settle: 4, armAfter: 60 };

interface Tracker {
  /** the confirmed class */
  state: FeatureState | null;
  /** the class last announced, or recorded silently before arming */
  baseline: FeatureState | null;
  candidate: FeatureState | null;
  count: number;
  gammaAtCrossing: number;
  /** samples left before a confirmed change is announced (0: none pending) */
  holdLeft: number;
  holdGamma: number;
}

export interface Announcement {
  feature: number;
  state: FeatureState;
  gamma: number;
  text: string;
}

export interface AnnouncementStyle {
  /** D = 1: the transition is continuous */
  continuous?: boolean;
  /** prefix "D = …: " (compare mode) */
  depth?: number;
}

/** "γ ≈ 0.351": three decimals below 10, enough for the thresholds on the slider */
export function formatGammaApprox(gamma: number): string {
  return gamma >= 10 ? gamma.toFixed(1) : gamma.toFixed(3);
}

export function announcementText(feature: number, state: FeatureState, gamma: number, style: AnnouncementStyle = {}): string {
  const g = formatGammaApprox(gamma);
  const what = style.continuous
    ? state === 'learned'
      ? `left 0 near γ ≈ ${g}`
      : `reached 0 near γ ≈ ${g}`
    : state === 'learned'
      ? `learned at γ ≈ ${g}`
      : `switched off at γ ≈ ${g}`;
  return `${style.depth === undefined ? '' : `D = ${style.depth}: `}feature ${feature} ${what}`;
}

export class PhaseAnnouncer {
  private trackers: Tracker[] = [];
  private readonly options: AnnouncerOptions;
  private startGamma: number | null = null;
  private samples = 0;
  private armed = false;

  /**
   * `depth`: the run's number of hidden layers (undefined: treated as first order);
   * `nameDepth`: say "D = …:" in front (compare mode).
   */
  constructor(
    options: Partial<AnnouncerOptions> = {},
    private readonly depth?: number,
    private readonly nameDepth = false,
  ) {
    this.options = { ...DEFAULT_ANNOUNCER, ...options };
  }

  /** forget everything (a new setup or a reset) */
  reset(): void {
    this.trackers = [];
    this.startGamma = null;
    this.samples = 0;
    this.armed = false;
  }

  private get continuous(): boolean {
    return this.depth === 1;
  }

  private classify(p: number, eta: number): FeatureState | null {
    const scale = eta > 0 ? eta : 1;
    const on = this.continuous ? this.options.continuousOn : this.options.on;
    const off = this.continuous ? this.options.continuousOff : this.options.off;
    if (p > on * scale) return 'learned';
    if (Math.abs(p) < off * scale) return 'off';
    return null;
  }

  /**
   * Feed one sample: the order parameters p_k, the features' strengths η_k and the γ of the sample.
   * Returns the announcements it makes (usually none).
   */
  observe(p: ArrayLike<number>, etas: ArrayLike<number>, gamma: number): Announcement[] {
    if (this.depth === 0) return [];
    this.startGamma ??= gamma;
    this.samples++;
    if (!this.armed && (Math.abs(gamma - this.startGamma) > 1e-9 || this.samples > this.options.armAfter)) this.armed = true;
    const out: Announcement[] = [];
    const count = Math.min(p.length, etas.length);
    for (let k = 0; k < count; k++) {
      const value = p[k];
      if (!Number.isFinite(value)) continue;
      const tracker = (this.trackers[k] ??= { state: null, baseline: null, candidate: null, count: 0, gammaAtCrossing: gamma, holdLeft: 0, holdGamma: gamma });
      const seen = this.classify(value, etas[k]);
      if (seen === null || seen === tracker.state) {
        tracker.candidate = null;
        tracker.count = 0;
      } else {
        if (seen !== tracker.candidate) {
          tracker.candidate = seen;
          tracker.count = 0;
          tracker.gammaAtCrossing = gamma;
        }
        tracker.count++;
        if (tracker.count >= this.options.confirm) {
          tracker.state = seen;
          tracker.candidate = null;
          tracker.count = 0;
          if (!this.armed || tracker.baseline === null) {
            tracker.baseline = seen;
            tracker.holdLeft = 0;
          } else if (seen === tracker.baseline) {
            tracker.holdLeft = 0; // back before it was announced: a flicker
          } else {
            tracker.holdLeft = this.options.settle + 1;
            tracker.holdGamma = tracker.gammaAtCrossing;
          }
        }
      }
      if (tracker.holdLeft > 0 && --tracker.holdLeft === 0 && tracker.state !== null && tracker.state !== tracker.baseline) {
        tracker.baseline = tracker.state;
        const style = { continuous: this.continuous, depth: this.nameDepth ? this.depth : undefined };
        out.push({ feature: k + 1, state: tracker.state, gamma: tracker.holdGamma, text: announcementText(k + 1, tracker.state, tracker.holdGamma, style) });
      }
    }
    return out;
  }
}
