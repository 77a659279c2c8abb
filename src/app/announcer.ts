/**
 * Phase-change announcements from telemetry (pure: no React, no DOM). Each feature k is classed
 * "learned" when its order parameter p_k > ON·η_k and "off" when |p_k| < OFF·η_k (a dead band in
 * between, so noise near a threshold does not chatter). A new class must hold for `confirm`
 * consecutive samples before it is announced, with the γ of the FIRST sample that crossed.
 * The first class seen after a (re)start is announced only if it is "learned" (the net learning
 * from its initial weights); starting trapped at 0 is not news.
 */
export type FeatureState = 'learned' | 'off';

export interface AnnouncerOptions {
  /** learned above this fraction of η_k */
  on: number;
  /** off below this fraction of η_k */
  off: number;
  /** consecutive samples a new class must hold */
  confirm: number;
}

export const DEFAULT_ANNOUNCER: AnnouncerOptions = { on: 0.25, off: 0.05, confirm: 3 };

interface Tracker {
  state: FeatureState | null;
  candidate: FeatureState | null;
  count: number;
  gammaAtCrossing: number;
}

export interface Announcement {
  feature: number;
  state: FeatureState;
  gamma: number;
  text: string;
}

/** "γ ≈ 0.351": three decimals below 10, enough for the thresholds on the slider */
export function formatGammaApprox(gamma: number): string {
  return gamma >= 10 ? gamma.toFixed(1) : gamma.toFixed(3);
}

export function announcementText(feature: number, state: FeatureState, gamma: number): string {
  return state === 'learned'
    ? `feature ${feature} learned at γ ≈ ${formatGammaApprox(gamma)}`
    : `feature ${feature} switched off at γ ≈ ${formatGammaApprox(gamma)}`;
}

export class PhaseAnnouncer {
  private trackers: Tracker[] = [];
  private readonly options: AnnouncerOptions;

  constructor(options: Partial<AnnouncerOptions> = {}) {
    this.options = { ...DEFAULT_ANNOUNCER, ...options };
  }

  /** forget everything (a new setup or a reset) */
  reset(): void {
    this.trackers = [];
  }

  private classify(p: number, eta: number): FeatureState | null {
    const scale = eta > 0 ? eta : 1;
    if (p > this.options.on * scale) return 'learned';
    if (Math.abs(p) < this.options.off * scale) return 'off';
    return null;
  }

  /**
   * Feed one sample: the order parameters p_k, the features' strengths η_k and the γ of the sample.
   * Returns the announcements it confirms (usually none).
   */
  observe(p: ArrayLike<number>, etas: ArrayLike<number>, gamma: number): Announcement[] {
    const out: Announcement[] = [];
    const count = Math.min(p.length, etas.length);
    for (let k = 0; k < count; k++) {
      const value = p[k];
      if (!Number.isFinite(value)) continue;
      const tracker = (this.trackers[k] ??= { state: null, candidate: null, count: 0, gammaAtCrossing: gamma });
      const seen = this.classify(value, etas[k]);
      if (seen === null || seen === tracker.state) {
        tracker.candidate = null;
        tracker.count = 0;
        continue;
      }
      if (seen !== tracker.candidate) {
        tracker.candidate = seen;
        tracker.count = 0;
        tracker.gammaAtCrossing = gamma;
      }
      tracker.count++;
      if (tracker.count < this.options.confirm) continue;
      const first = tracker.state === null;
      tracker.state = seen;
      tracker.candidate = null;
      tracker.count = 0;
      if (first && seen === 'off') continue;
      out.push({ feature: k + 1, state: seen, gamma: tracker.gammaAtCrossing, text: announcementText(k + 1, seen, tracker.gammaAtCrossing) });
    }
    return out;
  }
}
