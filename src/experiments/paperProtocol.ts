/**
 * The Ersoy–Wiesner fig. 1a protocol, replicated (physics.md §5, §8; issue 10 build item 3):
 * 2-10-10-2 bias-free linear net, η = (0.9, 0.8), 512 samples (Σxx = I and Σyy = I in population),
 * plain minibatch SGD (batch 64, lr 0.08) from a random init, converged at a trap γ (0.361: rank 1;
 * 0.43: rank 0), then γ = 0.32, and every epoch: has a switched-off feature come back?
 *
 * Conventions (physics.md §1): 'ours' is this lab's loss, lr as given; 'pytorch' is MSELoss() (mean
 * over k outputs and the batch) + SGD weight_decay λ: its step is lr_t·(∇/k + λW) = (lr_t/k)·(∇ +
 * kλW), i.e. γ = kλ/2 at lr = lr_t/k. With k = 2 that is γ = λ (the paper's β) and lr = lr_t/2.
 *
 * Float32: the lab's kernels set weights below float32's smallest normal to 0 at chunk ends, so a
 * decayed feature is exactly 0. PyTorch keeps subnormals: a decaying weight w ← w·(1 − lr·λ) stops
 * at a few units of 2⁻¹⁴⁹ (round-to-nearest fixes it once the decrement rounds away), so its "zero"
 * is not exactly zero. float32DecayFloor gives that floor; it is ~10⁻⁴⁴, far below the saddle.
 */
import type { Dataset } from '../data/types';
import type { NetSpec } from '../engine/types';
import { stationaryPoints } from '../physics';
import { featureStrength } from './modeStrength';
import type { TrainerFactory } from './escape';

export type Convention = 'ours' | 'pytorch';

export interface PaperProtocolSettings {
  net: NetSpec;
  data: Dataset;
  convention: Convention;
  /** as written in the paper (the PyTorch lr and weight_decay for convention 'pytorch') */
  lr: number;
  batch: number;
  trapGamma: number;
  trapEpochs: number;
  gamma: number;
  epochs: number;
  replicas: number;
  seed: number;
  onProgress?: (fraction: number) => void;
}

export interface FeatureWatch {
  feature: number;
  /** escape threshold: midpoint of saddle and learned p at γ (per-mode approximation on the sample) */
  threshold: number | null;
  /** σ_k(M) after the trap, per replica */
  afterTrap: number[];
  /** replicas with σ_k(M) exactly 0 after the trap */
  exactlyZero: number;
  /** replicas where the trap switched the feature off (σ_k < 1e-3): only these are watched */
  offAfterTrap: number;
  /** epoch of return per replica; null: still off at the end, or not off after the trap */
  escapeEpochs: (number | null)[];
}

export interface PaperProtocolResult {
  convention: Convention;
  /** the lab's γ and lr that the run used */
  labGamma: number;
  labTrapGamma: number;
  labLr: number;
  stepsPerEpoch: number;
  features: FeatureWatch[];
  /** per-output test MSE at the end, per replica */
  finalTest: number[];
}

/** smallest value a float32 weight decaying as w ← w − (lr·λ)·w settles on (round-to-nearest, subnormals kept) */
export function float32DecayFloor(decayPerStep: number, start = 1e-3): number {
  const f = Math.fround;
  const c = f(decayPerStep);
  let w = f(start);
  for (let i = 0; i < 1_000_000; i++) {
    const next = f(w - f(c * w));
    if (next === w) return w;
    w = next;
  }
  return w;
}

export async function paperProtocol(createTrainer: TrainerFactory, settings: PaperProtocolSettings): Promise<PaperProtocolResult> {
  const k = settings.data.outputDim;
  const labLr = settings.convention === 'pytorch' ? settings.lr / k : settings.lr;
  const toLab = (g: number) => (settings.convention === 'pytorch' ? (k * g) / 2 : g);
  const labGamma = toLab(settings.gamma);
  const labTrapGamma = toLab(settings.trapGamma);
  const depth = settings.net.hiddenWidths.length;
  const stepsPerEpoch = Math.ceil(settings.data.trainSize / settings.batch);
  const trainer = await createTrainer({
    net: settings.net,
    data: settings.data,
    optimizer: 'sgd',
    batchSize: settings.batch,
    lr: labLr,
    replicas: Array.from({ length: settings.replicas }, (_, r) => ({
      gamma: labTrapGamma,
      temperature: 0,
      noiseSeed: settings.seed * 10_007 + r,
      // PyTorch's default Linear init: U(±1/√in), std 1/√(3·in)
      init: { kind: 'random' as const, scale: 1 / Math.sqrt(3), seed: settings.seed * 10_007 + r },
    })),
  });
  try {
    const total = settings.trapEpochs + settings.epochs;
    const trapped = await trainer.run(settings.trapEpochs * stepsPerEpoch);
    settings.onProgress?.(settings.trapEpochs / total);
    const rank = trapped.singularValues.length / settings.replicas;
    const features: FeatureWatch[] = Array.from({ length: rank }, (_, f) => {
      const afterTrap = Array.from({ length: settings.replicas }, (_, r) => featureStrength(trapped, r, f));
      const theory = stationaryPoints(depth, settings.data.syxSvd.values[f], labGamma, settings.data.inputStrength[f]);
      return {
        feature: f,
        threshold: theory.learned === null || theory.saddle === null ? null : (theory.learned + theory.saddle) / 2,
        afterTrap,
        exactlyZero: afterTrap.filter((s) => s === 0).length,
        offAfterTrap: afterTrap.filter((s) => s < 1e-3).length,
        escapeEpochs: new Array(settings.replicas).fill(null),
      };
    });
    // a feature counts as switched off by the trap when σ_k < 1e-3 (else it is not watched)
    const off = features.map((w) => w.afterTrap.map((s) => s < 1e-3));
    trainer.setGamma(labGamma);
    let last = trapped;
    for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      last = await trainer.run(stepsPerEpoch);
      for (const w of features) {
        if (w.threshold === null) continue;
        for (let r = 0; r < settings.replicas; r++) {
          if (off[w.feature][r] && w.escapeEpochs[r] === null && featureStrength(last, r, w.feature) > w.threshold) w.escapeEpochs[r] = epoch;
        }
      }
      if (epoch % 50 === 0) settings.onProgress?.((settings.trapEpochs + epoch) / total);
    }
    for (const w of features) w.escapeEpochs = w.escapeEpochs.map((e, r) => (off[w.feature][r] ? e : null));
    return {
      convention: settings.convention,
      labGamma,
      labTrapGamma,
      labLr,
      stepsPerEpoch,
      features,
      finalTest: Array.from(last.testLoss, (v) => v / k),
    };
  } finally {
    trainer.dispose();
  }
}
