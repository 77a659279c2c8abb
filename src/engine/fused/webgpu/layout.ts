/**
 * Shape arithmetic of the fused WGSL kernel and the limits it supports (pure, no WebGPU).
 *
 * The generated shader keeps one replica's whole net in scalar registers of one GPU thread and
 * is straight-line code per shape, so its size grows with the number of multiply–adds per step:
 * ≈ 3·P·k with P the parameter count and k = min(inputDim, outputDim) (forward prefix products,
 * backward products and gradients all have k columns; where outputDim < inputDim the shader works
 * on the transposed chain Mᵀ = W_1ᵀ ⋯ W_Lᵀ). The bounds below keep that code small enough to
 * compile in seconds on a GPU driver (measured on SwiftShader, a CPU: 2-10-10-2 0.5–2.5 s,
 * 5-16-16-3 (4 700 terms) 7 s, 10-20-20-1 (620 parameters) 34 s, 8-24-24-24-8 (33 000 terms) 3 min)
 * and the function-scope variables (weights + staged noise, 8·P bytes) within WGSL's 8 KiB.
 */
import type { NetSpec } from '../../types';

/** at most this many parameters (P floats of function-scope `var`s ≤ WGSL's 8192-byte limit) */
export const MAX_PARAMETERS = 1024;
/** at most this many multiply–adds per step in the generated code (≈ shader size / 28 bytes) */
export const MAX_TERMS_PER_STEP = 8192;
export const MAX_DEPTH = 6;
export const WORKGROUP_SIZE = 64;
/** one-dimensional dispatch: WebGPU guarantees 65 535 workgroups per dimension */
export const MAX_REPLICAS = 65_535 * WORKGROUP_SIZE;
/** WebGPU's guaranteed maxStorageBufferBindingSize (a device may allow more) */
export const MIN_STORAGE_BINDING_BYTES = 134_217_728;

export interface NetLayout {
  /** layer sizes n_0 = inputDim, n_1 … n_D hidden, n_{D+1} = outputDim */
  sizes: number[];
  /** number of weight matrices L = D + 1 */
  layers: number;
  /** offset of W_l (l = 1…L) in the flat parameter vector: offsets[l − 1] */
  offsets: number[];
  parameters: number;
  /** the shader runs the transposed chain (outputDim < inputDim: fewer columns) */
  transposed: boolean;
  /** multiply–adds per step of the generated code */
  termsPerStep: number;
}

export function netLayout(net: NetSpec): NetLayout {
  const sizes = [net.inputDim, ...net.hiddenWidths, net.outputDim];
  const layers = sizes.length - 1;
  const offsets: number[] = [];
  let parameters = 0;
  for (let l = 1; l <= layers; l++) {
    offsets.push(parameters);
    parameters += sizes[l] * sizes[l - 1];
  }
  const transposed = net.outputDim < net.inputDim;
  const oriented = transposed ? [...sizes].reverse() : sizes;
  const k = oriented[0];
  // forward prefix products P_l = W_l P_{l−1} (l ≥ 2), backward E_{l−1} = W_lᵀ E_l (l ≥ 2),
  // gradients E_l P_{l−1}ᵀ (l ≥ 2, k terms each), G = M Σxx − Σyx
  let terms = oriented[layers] * k * ((transposed ? oriented[layers] : k) + 1);
  for (let l = 1; l <= layers; l++) {
    const block = oriented[l] * oriented[l - 1];
    terms += l >= 2 ? 3 * block * k : block;
  }
  return { sizes, layers, offsets, parameters, transposed, termsPerStep: terms };
}

/** null if the layout fits the generated kernel, else why not */
export function layoutUnsupported(layout: NetLayout): string | null {
  if (layout.layers - 1 > MAX_DEPTH) return `depth ${layout.layers - 1} > ${MAX_DEPTH}`;
  if (layout.sizes.some((n) => !Number.isInteger(n) || n < 1)) return 'layer sizes must be positive integers';
  if (layout.parameters > MAX_PARAMETERS) {
    return `${layout.parameters} parameters > ${MAX_PARAMETERS} (one GPU thread holds a replica's weights in registers)`;
  }
  if (layout.termsPerStep > MAX_TERMS_PER_STEP) {
    return `${layout.termsPerStep} multiply–adds per step > ${MAX_TERMS_PER_STEP} (the generated shader would be too large)`;
  }
  return null;
}
