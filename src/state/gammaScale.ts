/**
 * The γ slider's mapping between its integer position and γ, linear or logarithmic.
 * Positions run 0…GAMMA_SLIDER_STEPS (fine-grained enough to drag through a transition slowly).
 */
export type GammaScale = 'linear' | 'log';

export const GAMMA_SLIDER_STEPS = 2000;
/** lower end of the log scale (γ = 0 has no logarithm) */
export const GAMMA_LOG_MIN = 1e-3;

export function gammaToPosition(gamma: number, max: number, scale: GammaScale): number {
  const clamped = Math.min(Math.max(gamma, 0), max);
  const u = scale === 'linear' ? clamped / max : Math.log(Math.max(clamped, GAMMA_LOG_MIN) / GAMMA_LOG_MIN) / Math.log(max / GAMMA_LOG_MIN);
  return Math.round(Math.min(Math.max(u, 0), 1) * GAMMA_SLIDER_STEPS);
}

export function positionToGamma(position: number, max: number, scale: GammaScale): number {
  const u = Math.min(Math.max(position / GAMMA_SLIDER_STEPS, 0), 1);
  const gamma = scale === 'linear' ? u * max : GAMMA_LOG_MIN * Math.pow(max / GAMMA_LOG_MIN, u);
  // 12 significant digits: no float noise (0.29995000000000005) in readouts and links
  return Number(gamma.toPrecision(12));
}

/** A slider range that shows every threshold with room to spare: ~1.4× the largest, rounded up. */
export function gammaRangeMax(thresholds: number[]): number {
  const finite = thresholds.filter((t) => Number.isFinite(t) && t > 0);
  const top = finite.length ? Math.max(...finite) * 1.4 : 1;
  const step = top > 2 ? 0.5 : 0.1;
  return Math.max(0.2, Math.ceil(top / step - 1e-9) * step);
}

export function formatGamma(gamma: number): string {
  if (gamma === 0) return '0';
  if (gamma < 0.01) return gamma.toExponential(2);
  return gamma.toFixed(4);
}
