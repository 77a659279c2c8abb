/**
 * What the landscape chart draws for each feature at one γ: the exact reduced loss ℓ(p), its minima
 * (global vs metastable), its saddle and the two barriers. Pure: no DOM.
 */
import { landscapeYDomain } from './domains';
import { reducedLoss, stationaryPoints } from './theory';

export interface LandscapeMode {
  eta: number;
  /** input strength a = β̂ᵀΣxxβ̂ (1 for whitened data) */
  a?: number;
  /** the network's current order parameter p_k, if known */
  p?: number;
  label: string;
}

export interface MinimumMark {
  p: number;
  loss: number;
  global: boolean;
}

export interface ModeLandscape {
  curve: { p: number; loss: number }[];
  minima: MinimumMark[];
  saddle: { p: number; loss: number } | null;
  /** ℓ(saddle) − ℓ(0) */
  barrierFromOrigin: number | null;
  /** ℓ(saddle) − ℓ(learned) */
  barrierFromLearned: number | null;
  learned: { p: number; loss: number } | null;
}

/** x-range of the landscape: a little of p < 0, and past the unregularised answer η/a */
export function landscapeXDomain(modes: LandscapeMode[]): [number, number] {
  const reach = Math.max(1e-6, ...modes.map((m) => m.eta / (m.a ?? 1)));
  return [-0.12 * reach, 1.2 * reach];
}

export function modeLandscape(depth: number, gamma: number, mode: LandscapeMode, xDomain: [number, number], samples: number): ModeLandscape {
  const a = mode.a ?? 1;
  const loss = (p: number) => reducedLoss(p, gamma, depth, mode.eta, a);
  const curve: { p: number; loss: number }[] = [];
  const m = Math.max(8, Math.floor(samples));
  let zeroDone = false;
  for (let i = 0; i <= m; i++) {
    const p = xDomain[0] + ((xDomain[1] - xDomain[0]) * i) / m;
    // the |p|^{2/n} cusp at p = 0 must be sampled exactly
    if (!zeroDone && p >= 0 && xDomain[0] < 0) {
      if (p > 0) curve.push({ p: 0, loss: 0 });
      zeroDone = true;
    }
    curve.push({ p, loss: loss(p) });
  }
  const s = stationaryPoints(depth, mode.eta, gamma, a);
  const learned = s.learned !== null ? { p: s.learned, loss: loss(s.learned) } : null;
  const saddle = s.saddle !== null && s.saddle > 0 && depth >= 2 ? { p: s.saddle, loss: loss(s.saddle) } : null;
  const originIsMinimum = depth >= 2 ? gamma > 0 : depth === 1 ? gamma >= mode.eta : false;
  const minima: MinimumMark[] = [];
  const learnedIsMin = learned !== null && !(saddle !== null && Math.abs(saddle.p - learned.p) < 1e-9);
  if (learnedIsMin && learned) minima.push({ ...learned, global: !originIsMinimum || learned.loss < 0 });
  if (originIsMinimum) minima.push({ p: 0, loss: 0, global: !learnedIsMin || !learned || learned.loss >= 0 });
  return {
    curve,
    minima,
    saddle,
    learned,
    barrierFromOrigin: saddle ? saddle.loss : null,
    barrierFromLearned: saddle && learned && learnedIsMin ? saddle.loss - learned.loss : null,
  };
}

/** y-range keeping the origin, every minimum and every saddle in view */
export function landscapeY(models: ModeLandscape[], modes: LandscapeMode[]): [number, number] {
  const levels: number[] = [];
  for (const m of models) {
    for (const mm of m.minima) levels.push(mm.loss);
    if (m.saddle) levels.push(m.saddle.loss);
    if (m.learned) levels.push(m.learned.loss);
  }
  const energy = Math.max(1e-9, ...modes.map((m) => (m.eta * m.eta) / (m.a ?? 1)));
  return landscapeYDomain(levels, 0.12 * energy);
}
