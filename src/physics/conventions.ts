/** Other loss conventions and their γ (docs/physics.md §1), and the linear-VAE analogue (§7). */

export type LossConvention = 'half-mse-half-l2' | 'mse-l2' | 'pytorch-mse-weight-decay';

export interface ConventionInfo {
  kind: LossConvention;
  /** the loss as the user writes it */
  loss: string;
  /** γ in our convention L = (1/N)Σ‖y − f‖² + γ‖θ‖² */
  gamma: string;
}

export const LOSS_CONVENTIONS: readonly ConventionInfo[] = [
  { kind: 'half-mse-half-l2', loss: '½·MSE + (λ/2)‖θ‖²', gamma: 'γ = λ' },
  { kind: 'mse-l2', loss: 'MSE + λ‖θ‖²', gamma: 'γ = λ' },
  { kind: 'pytorch-mse-weight-decay', loss: 'PyTorch MSELoss() (mean over k outputs) + SGD weight_decay = λ', gamma: 'γ = k·λ/2' },
];

function factor(kind: LossConvention, outputs: number): number {
  if (!Number.isInteger(outputs) || outputs < 1) throw new RangeError(`outputs must be an integer ≥ 1, got ${outputs}`);
  switch (kind) {
    case 'half-mse-half-l2':
    case 'mse-l2':
      return 1;
    case 'pytorch-mse-weight-decay':
      // mean over k outputs ⇒ loss/k; weight_decay λ is the gradient of (λ/2)‖θ‖²; multiply through by k
      return outputs / 2;
  }
}

/** our γ from a regularization constant λ given in another convention */
export function gammaFromConvention(kind: LossConvention, lambda: number, outputs = 1): number {
  return factor(kind, outputs) * lambda;
}

/** inverse of gammaFromConvention */
export function lambdaFromGamma(kind: LossConvention, gamma: number, outputs = 1): number {
  return gamma / factor(kind, outputs);
}

/**
 * A loss (or barrier) in our convention expressed in another one: ½·MSE + (λ/2)‖θ‖² is ½ of ours;
 * PyTorch's mean over k outputs is 1/k of ours (so Ersoy–Wiesner barriers, k = 2, are half of ours).
 */
export function lossInConvention(kind: LossConvention, ourLoss: number, outputs = 1): number {
  if (!Number.isInteger(outputs) || outputs < 1) throw new RangeError(`outputs must be an integer ≥ 1, got ${outputs}`);
  switch (kind) {
    case 'half-mse-half-l2':
      return ourLoss / 2;
    case 'mse-l2':
      return ourLoss;
    case 'pytorch-mse-weight-decay':
      return ourLoss / outputs;
  }
}

/**
 * Linear VAE, one direction (docs/physics.md §7): data variance λ, decoder noise variance η; the latent
 * is used iff η < λ, with |uw| = max(0, 1 − η/λ) (continuous collapse).
 */
export function vaeLatentUsage(dataVariance: number, decoderNoise: number): number {
  if (!(dataVariance >= 0) || !(decoderNoise >= 0)) throw new RangeError('variances must be ≥ 0');
  if (dataVariance === 0) return 0;
  return Math.max(0, 1 - decoderNoise / dataVariance);
}
