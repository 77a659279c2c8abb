/**
 * The empirical 2-D loss slice shown next to the landscape, evaluated by the engine's `lossSlice`
 * (one batched tfjs program over the grid). The plane goes through the origin θ = 0 and the
 * network's current weights θ_now:
 *   α: θ_now itself, so α = 0 is the origin and α = 1 the current state;
 *   β: a fixed seeded random direction, orthogonal to θ_now, scaled to the same norm.
 * While the network sits at (or near) the origin θ_now has no direction worth showing, so the
 * plane falls back to B, the balanced teacher-aligned direction of unit end-to-end strength
 * (θ = αB has p = αⁿ: the α axis is then exactly the reduced loss ℓ(p) of docs/physics.md §2).
 */
import { balancedWeights } from '../engine/balancedInit';
import { lossSlice, normSquared, randomDirection } from '../engine';
import type { Dataset } from '../data/types';
import type { Trainer, Weights } from '../engine/types';
import type { LossSlice } from './protocol';

const SLICE_DIRECTION_SEED = 12345;
/** below this ‖θ‖² (relative to the unit teacher direction's) the plane uses the teacher direction */
const NEAR_ORIGIN = 1e-4;

function axis(from: number, to: number, resolution: number): Float32Array {
  return Float32Array.from({ length: resolution }, (_, i) => from + ((to - from) * i) / (resolution - 1));
}

export async function computeLossSlice(trainer: Trainer, dataset: Dataset, gamma: number, resolution: number): Promise<LossSlice> {
  const net = trainer.config.net;
  const n = net.hiddenWidths.length + 1;
  const u = Array.from(dataset.syxSvd.u.subarray(0, dataset.outputDim));
  const v = Array.from(dataset.syxSvd.v.subarray(0, dataset.inputDim));
  const teacher = balancedWeights(net, [{ value: 1, u, v }]);
  const current: Weights = (await trainer.getWeights())[0];
  const base = { gamma, depth: n - 1 };

  if (normSquared(current) > NEAR_ORIGIN * normSquared(teacher)) {
    const dir2 = randomDirection(current, SLICE_DIRECTION_SEED);
    const alphas = axis(-0.35, 1.35, resolution);
    const betas = axis(-0.6, 0.6, resolution);
    const loss = await lossSlice(net, dataset, gamma, { dir1: current, dir2, alphas, betas });
    return {
      ...base,
      plane: 'current',
      alphas,
      betas,
      loss,
      description: 'plane through θ = 0 (α = 0) and the current weights (α = 1); β: a random direction of the same norm',
    };
  }
  const eta = dataset.syxSvd.values[0] ?? 1;
  const a = dataset.inputStrength[0] ?? 1;
  // cover p = αⁿ up to ~1.4× the unregularised answer η/a
  const extent = Math.pow(Math.max((1.4 * eta) / a, 0.05), 1 / n);
  const alphas = axis(-extent, extent, resolution);
  const loss = await lossSlice(net, dataset, gamma, {
    dir1: teacher,
    dir2: randomDirection(teacher, SLICE_DIRECTION_SEED),
    alphas,
    betas: Float32Array.from(alphas),
  });
  return {
    ...base,
    plane: 'teacher',
    alphas,
    betas: Float32Array.from(alphas),
    loss,
    description: `the network sits at θ ≈ 0, so: plane through θ = 0 along the balanced teacher direction (p = α${superscript(n)}); β: random direction`,
  };
}

function superscript(k: number): string {
  const sup = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return String(k)
    .split('')
    .map((d) => sup[Number(d)])
    .join('');
}
