/**
 * A brute-force reference for the reduced loss ℓ(p) = a p² − 2ηp + nγ|p|^{2/n} (n = D + 1;
 * docs/physics.md §2), written out here rather than imported, so that physics tests compare the code
 * against something that shares none of it: ℓ on a uniform grid of p ∈ [0, 2η/a] and its extrema.
 */
export const ell = (p: number, gamma: number, depth: number, eta: number, a: number): number => {
  const n = depth + 1;
  return a * p * p - 2 * eta * p + n * gamma * Math.pow(Math.abs(p), 2 / n);
};

export interface LossGrid {
  step: number;
  loss: Float64Array;
  /** grid index of the lowest loss */
  argmin: number;
  /** grid indices of the interior local minima and maxima (p > 0) */
  minima: number[];
  maxima: number[];
  /** lowest loss over grid points with p > 0 */
  minPositive: number;
}

export function lossGrid(depth: number, eta: number, a: number, gamma: number, points: number): LossGrid {
  const step = (2 * eta) / a / points;
  const loss = new Float64Array(points + 1);
  for (let i = 0; i <= points; i++) loss[i] = ell(i * step, gamma, depth, eta, a);
  let argmin = 0;
  let minPositive = Infinity;
  const minima: number[] = [];
  const maxima: number[] = [];
  for (let i = 1; i <= points; i++) {
    if (loss[i] < loss[argmin]) argmin = i;
    minPositive = Math.min(minPositive, loss[i]);
    if (i < points) {
      if (loss[i] < loss[i - 1] && loss[i] <= loss[i + 1]) minima.push(i);
      if (loss[i] > loss[i - 1] && loss[i] >= loss[i + 1]) maxima.push(i);
    }
  }
  return { step, loss, argmin, minima, maxima, minPositive };
}
