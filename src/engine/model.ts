/**
 * Network shapes, validation and initial weights (plain TypeScript: no tfjs).
 */
import { normalSource } from '../data/random';
import { layerShapes } from './balancedInit';
import type { NetSpec, ReplicaInit, Weights } from './types';

export { layerShapes };

export const MAX_DEPTH = 6;

export function validateNet(net: NetSpec): void {
  const fail = (message: string): never => {
    throw new Error(`invalid net: ${message}`);
  };
  const positiveInteger = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 1) fail(`${name} must be a positive integer, got ${value}`);
  };
  positiveInteger('inputDim', net.inputDim);
  positiveInteger('outputDim', net.outputDim);
  if (!Array.isArray(net.hiddenWidths) || net.hiddenWidths.length > MAX_DEPTH) {
    fail(`depth must be 0…${MAX_DEPTH}, got ${net.hiddenWidths?.length}`);
  }
  net.hiddenWidths.forEach((w, l) => positiveInteger(`hiddenWidths[${l}]`, w));
  if (!['linear', 'tanh', 'relu'].includes(net.activation)) fail(`unknown activation '${net.activation}'`);
}

/** entries per layer, layer 1 first */
export function layerSizes(net: NetSpec): number[] {
  return layerShapes(net).map(([out, inp]) => out * inp);
}

export function parameterCount(net: NetSpec): number {
  return layerSizes(net).reduce((a, b) => a + b, 0);
}

export function checkWeights(net: NetSpec, weights: Weights, what = 'weights'): void {
  const sizes = layerSizes(net);
  if (!Array.isArray(weights) || weights.length !== sizes.length) {
    throw new Error(`${what}: expected ${sizes.length} layers, got ${Array.isArray(weights) ? weights.length : typeof weights}`);
  }
  weights.forEach((w, l) => {
    if (w.length !== sizes[l]) {
      const [out, inp] = layerShapes(net)[l];
      throw new Error(`${what}: layer ${l + 1} must have ${out}×${inp} = ${sizes[l]} entries, got ${w.length}`);
    }
  });
}

/**
 * Initial weights of one replica. 'random': entries scale·N(0,1)/√in_l, drawn layer 1 first,
 * row-major, from the seeded d3 LCG normal stream of `seed` (identical on every platform).
 */
export function initialWeights(net: NetSpec, init: ReplicaInit): Weights {
  const shapes = layerShapes(net);
  switch (init.kind) {
    case 'zero':
      return shapes.map(([out, inp]) => new Float32Array(out * inp));
    case 'weights':
      checkWeights(net, init.weights, 'init weights');
      return init.weights.map((w) => Float32Array.from(w));
    case 'random': {
      if (!(Number.isFinite(init.scale) && init.scale >= 0)) throw new Error(`init scale must be ≥ 0, got ${init.scale}`);
      const normal = normalSource(init.seed);
      return shapes.map(([out, inp]) => {
        const std = init.scale / Math.sqrt(inp);
        return Float32Array.from({ length: out * inp }, () => std * normal());
      });
    }
    default:
      throw new Error(`unknown init kind '${(init as { kind: string }).kind}'`);
  }
}

/** Σ_l ‖W_l‖_F² of one replica */
export function normSquared(weights: Weights): number {
  let s = 0;
  for (const w of weights) for (let i = 0; i < w.length; i++) s += w[i] * w[i];
  return s;
}
