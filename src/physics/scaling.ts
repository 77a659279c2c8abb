/**
 * Reduced units. Substituting p = (η/a)·q turns ℓ(p; η, a, γ) into (η²/a)·ℓ(q; 1, 1, γ'), with
 * γ' = γ / (η^{2 − 2/n} a^{2/n − 1}). So every threshold is the whitened η = 1 value times
 * η^{2D/(D+1)} a^{(1−D)/(D+1)}, every end-to-end value scales as η/a and every loss/barrier as η²/a.
 * Callers must handle η = 0 themselves (the scales vanish).
 */
export function pScale(eta: number, a: number): number {
  return eta / a;
}

export function gammaScale(n: number, eta: number, a: number): number {
  return Math.pow(eta, 2 - 2 / n) * Math.pow(a, 2 / n - 1);
}

export function energyScale(eta: number, a: number): number {
  return (eta * eta) / a;
}
