/**
 * The optimal loss L⋆(γ) = ℓ(p⋆(γ)) (relative to the trivial state) and its γ-derivatives.
 * first  = dL⋆/dγ = ‖θ⋆‖² = n p⋆^{2/n}  (envelope theorem: ∂ℓ/∂γ at fixed p);
 * second = d²L⋆/dγ² = 2p⋆^{2/n−1}·dp⋆/dγ, with dp⋆/dγ = −2p⋆^{2/n−1}/ℓ''(p⋆) from differentiating
 *          ℓ'(p⋆; γ) = 0, i.e. second = −4 p⋆^{4/n−2} / ℓ''(p⋆).
 * On the trivial branch all three are 0. Where p⋆ jumps (D ≥ 2 at γ_c) the learned side is reported;
 * at D = 1, γ = η exactly (a kink of dL⋆/dγ) p⋆ = 0 and the trivial side (second = 0) is reported.
 */
import { layerCount, modeNormSq, reducedLoss, reducedLossSecondDerivative } from './reducedLoss';
import { globalMinimum } from './thresholds';
import { strengthAt } from './validate';

export interface OptimalLoss {
  value: number;
  first: number;
  second: number;
}

export function optimalLoss(depth: number, eta: number, gamma: number, a = 1): OptimalLoss {
  const p = globalMinimum(depth, eta, gamma, a);
  if (p === 0) return { value: 0, first: 0, second: 0 };
  const n = layerCount(depth);
  const curvature = reducedLossSecondDerivative(p, gamma, depth, eta, a);
  return {
    value: reducedLoss(p, gamma, depth, eta, a),
    first: modeNormSq(depth, p),
    second: (-4 * Math.pow(p, 4 / n - 2)) / curvature,
  };
}

/** L⋆(γ) and its derivatives summed over independent modes (strengths default to 1) */
export function spectrumOptimalLoss(depth: number, spectrum: readonly number[], gamma: number, strengths?: readonly number[]): OptimalLoss {
  const total: OptimalLoss = { value: 0, first: 0, second: 0 };
  spectrum.forEach((eta, k) => {
    const mode = optimalLoss(depth, eta, gamma, strengthAt(strengths, k));
    total.value += mode.value;
    total.first += mode.first;
    total.second += mode.second;
  });
  return total;
}
