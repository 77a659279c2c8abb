/** Argument checks shared by the physics modules: fail loudly instead of returning NaN. */

export function checkDepth(depth: number): void {
  if (!Number.isInteger(depth) || depth < 0) throw new RangeError(`depth must be an integer ≥ 0, got ${depth}`);
}

export function checkEta(eta: number): void {
  if (!Number.isFinite(eta) || eta < 0) throw new RangeError(`feature strength η must be finite and ≥ 0, got ${eta}`);
}

export function checkStrength(a: number): void {
  if (!Number.isFinite(a) || a <= 0) throw new RangeError(`input strength a must be finite and > 0, got ${a}`);
}

export function checkGamma(gamma: number): void {
  if (!Number.isFinite(gamma) || gamma < 0) throw new RangeError(`γ must be finite and ≥ 0, got ${gamma}`);
}

export function checkMode(depth: number, eta: number, a: number): void {
  checkDepth(depth);
  checkEta(eta);
  checkStrength(a);
}

export function strengthAt(strengths: readonly number[] | undefined, k: number): number {
  return strengths?.[k] ?? 1;
}
