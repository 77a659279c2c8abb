import { describe, it, expect } from 'vitest';
import { balancedWeights, layerShapes } from '../../../src/engine/balancedInit';
import type { NetSpec } from '../../../src/engine/types';

/** product W_n⋯W_1 of row-major layers */
function endToEnd(net: NetSpec, weights: Float32Array[]): { rows: number; cols: number; m: Float64Array } {
  const shapes = layerShapes(net);
  let [rows, cols] = shapes[0];
  let m = Float64Array.from(weights[0]);
  for (let l = 1; l < shapes.length; l++) {
    const [out, inp] = shapes[l];
    const next = new Float64Array(out * cols);
    for (let i = 0; i < out; i++)
      for (let j = 0; j < cols; j++) {
        let s = 0;
        for (let k = 0; k < inp; k++) s += weights[l][i * inp + k] * m[k * cols + j];
        next[i * cols + j] = s;
      }
    m = next;
    rows = out;
  }
  return { rows, cols, m };
}

const norm = (a: number[]) => Math.hypot(...a);
const unit = (a: number[]) => a.map((x) => x / norm(a));

describe('balancedWeights', () => {
  const u1 = unit([1, 2]);
  const u2 = unit([2, -1]);
  const v1 = unit([1, 0, 1]);
  const v2 = unit([1, 1, -1]);
  const modes = [
    { value: 0.8, u: u1, v: v1 },
    { value: 0.3, u: u2, v: v2 },
  ];
  for (const depth of [0, 1, 2, 4]) {
    it(`D = ${depth}: the layers multiply to Σ p_k u_k v_kᵀ and are balanced`, () => {
      const net: NetSpec = { inputDim: 3, outputDim: 2, hiddenWidths: Array(depth).fill(3), activation: 'linear' };
      const weights = balancedWeights(net, modes);
      const { rows, cols, m } = endToEnd(net, weights);
      expect([rows, cols]).toEqual([2, 3]);
      for (let i = 0; i < 2; i++)
        for (let j = 0; j < 3; j++) {
          const expected = 0.8 * u1[i] * v1[j] + 0.3 * u2[i] * v2[j];
          expect(m[i * 3 + j]).toBeCloseTo(expected, 6);
        }
      // balanced: every layer carries Σ_k p_k^{2/n} of squared norm
      const n = depth + 1;
      const perLayer = Math.pow(0.8, 2 / n) + Math.pow(0.3, 2 / n);
      for (const w of weights) expect(w.reduce((s, x) => s + x * x, 0)).toBeCloseTo(perLayer, 5);
    });
  }
  it('keeps only as many modes as the narrowest hidden layer', () => {
    const net: NetSpec = { inputDim: 3, outputDim: 2, hiddenWidths: [1, 3], activation: 'linear' };
    const { m } = endToEnd(net, balancedWeights(net, modes));
    expect(m[0]).toBeCloseTo(0.8 * u1[0] * v1[0], 6);
  });
});
