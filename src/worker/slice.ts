/**
 * The empirical 2-D loss slice shown next to the landscape, evaluated by the engine's `lossSlice`
 * (one batched tfjs program over the grid). The plane goes through the origin θ = 0 and is spanned by
 *   α: B, the balanced, teacher-aligned direction of unit end-to-end strength (each layer a unit
 *      rank-1 matrix along the top feature), so θ = αB has p = αⁿ and the α axis is exactly the
 *      reduced per-mode loss ℓ(p) of physics.md §2 (the double well for D ≥ 2);
 *   β: a fixed seeded random direction, orthogonal to B, of the same norm.
 * The plane does not depend on the weights, so the slice only changes with γ and the data.
 */
import { balancedWeights } from '../engine/balancedInit';
import { lossSlice, randomDirection } from '../engine';
import type { Dataset } from '../data/types';
import type { Trainer } from '../engine/types';
import type { LossSlice } from './protocol';

const SLICE_DIRECTION_SEED = 12345;

export async function computeLossSlice(trainer: Trainer, dataset: Dataset, gamma: number, resolution: number): Promise<LossSlice> {
  const net = trainer.config.net;
  const n = net.hiddenWidths.length + 1;
  const u = Array.from(dataset.syxSvd.u.subarray(0, dataset.outputDim));
  const v = Array.from(dataset.syxSvd.v.subarray(0, dataset.inputDim));
  const dir1 = balancedWeights(net, [{ value: 1, u, v }]);
  const dir2 = randomDirection(dir1, SLICE_DIRECTION_SEED);
  const eta = dataset.syxSvd.values[0] ?? 1;
  const a = dataset.inputStrength[0] ?? 1;
  // cover p = αⁿ up to ~1.4× the unregularised answer η/a
  const extent = Math.pow(Math.max((1.4 * eta) / a, 0.05), 1 / n);
  const axis = Float32Array.from({ length: resolution }, (_, i) => -extent + (2 * extent * i) / (resolution - 1));
  const loss = await lossSlice(net, dataset, gamma, { dir1, dir2, alphas: axis, betas: axis });
  return {
    alphas: axis,
    betas: Float32Array.from(axis),
    loss,
    gamma,
    depth: n - 1,
    description: `plane through θ = 0; α: balanced teacher direction (p = α${superscript(n)}), β: random direction`,
  };
}

function superscript(k: number): string {
  const sup = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return String(k)
    .split('')
    .map((d) => sup[Number(d)])
    .join('');
}
