/**
 * Balanced weights for a chosen end-to-end map (pure; no tfjs).
 *
 * At every stationary point of the L2-regularized loss the layers are balanced (docs/physics.md §2): a
 * mode with end-to-end singular value p has singular value p^{1/n} in each of the n layers. Given
 * modes (p_k, u_k, v_k), this builds W_1 = Σ p_k^{1/n} e_k v_kᵀ, W_l = Σ p_k^{1/n} e_k e_kᵀ,
 * W_n = Σ p_k^{1/n} u_k e_kᵀ, so that W_n⋯W_1 = Σ p_k u_k v_kᵀ exactly. Used to start a network in
 * a chosen phase ("learned", "trapped") without training it there first.
 */
import type { NetSpec, Weights } from './types';

export interface ModeState {
  /** end-to-end singular value p_k ≥ 0 */
  value: number;
  /** left singular vector, length outputDim */
  u: ArrayLike<number>;
  /** right singular vector, length inputDim */
  v: ArrayLike<number>;
}

export function layerShapes(net: NetSpec): Array<[number, number]> {
  const sizes = [net.inputDim, ...net.hiddenWidths, net.outputDim];
  return sizes.slice(1).map((out, l) => [out, sizes[l]] as [number, number]);
}

export function balancedWeights(net: NetSpec, modes: ModeState[]): Weights {
  const shapes = layerShapes(net);
  const n = shapes.length;
  const usable = Math.min(modes.length, ...net.hiddenWidths);
  const weights = shapes.map(([out, inp]) => new Float32Array(out * inp));
  for (let k = 0; k < usable; k++) {
    const { value, u, v } = modes[k];
    const factor = Math.pow(Math.max(value, 0), 1 / n);
    if (factor === 0) continue;
    shapes.forEach(([out, inp], l) => {
      const w = weights[l];
      const first = l === 0;
      const last = l === n - 1;
      for (let i = 0; i < out; i++) {
        const left = last ? u[i] : i === k ? 1 : 0;
        if (left === 0) continue;
        for (let j = 0; j < inp; j++) {
          const right = first ? v[j] : j === k ? 1 : 0;
          w[i * inp + j] += factor * left * right;
        }
      }
    });
  }
  return weights;
}
