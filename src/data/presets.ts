/**
 * Dataset presets used by the app and the CLI (docs/physics.md §3, §5, §8).
 */
import type { TeacherSpec } from './types';

/** one feature η = 1, input dim 5, exactly whitened, noise-free: theory overlays hold exactly */
export function defaultSingleFeature(seed = 1): TeacherSpec {
  return { inputDim: 5, outputDim: 1, spectrum: [1], labelNoise: 0, trainSize: 256, testSize: 256, whiten: true, seed };
}

/** the three-feature cascade η = (1, 0.6, 0.3) of docs/physics.md §3 (nets need width ≥ 3) */
export function cascadePreset(seed = 1): TeacherSpec {
  return { inputDim: 5, outputDim: 3, spectrum: [1, 0.6, 0.3], labelNoise: 0, trainSize: 256, testSize: 256, whiten: true, seed };
}

/**
 * Ersoy–Wiesner: 2-10-10-2 net, η = (0.9, 0.8), 512 train / 512 test, Σyy = I and Σxx = I in
 * population (the sample is not whitened: overlays must use the empirical moments).
 */
export function ersoyWiesnerPreset(seed = 1): TeacherSpec {
  return {
    inputDim: 2,
    outputDim: 2,
    spectrum: [0.9, 0.8],
    labelNoise: 'unit-variance',
    trainSize: 512,
    testSize: 512,
    whiten: false,
    seed,
  };
}

/** Ersoy–Wiesner sparse sub-sampling ("grokking", docs/physics.md §5): 25 train from a 5 000 pool, 10 000 test */
export function sparseGrokkingPreset(seed = 1): TeacherSpec {
  return {
    inputDim: 2,
    outputDim: 2,
    spectrum: [0.9, 0.8],
    labelNoise: 'unit-variance',
    trainSize: 25,
    poolSize: 5000,
    testSize: 10_000,
    whiten: false,
    seed,
  };
}

/** the spectrum choices of the Phase-diagrams view */
export type SpectrumPreset = 'single' | 'cascade' | 'ersoy-wiesner';

export interface SpectrumChoice {
  preset: SpectrumPreset;
  /** η of the single-feature preset */
  eta: number;
}

export interface DataChoice {
  spec: TeacherSpec;
  /** hidden width the preset needs (≥ the number of features; Ersoy–Wiesner: 10) */
  width: number;
  label: string;
}

export function dataFor(choice: SpectrumChoice, seed = 1): DataChoice {
  switch (choice.preset) {
    case 'cascade':
      return { spec: cascadePreset(seed), width: 4, label: 'cascade η = (1, 0.6, 0.3), input 5, whitened' };
    case 'ersoy-wiesner':
      return { spec: ersoyWiesnerPreset(seed), width: 10, label: 'Ersoy–Wiesner 2-10-10-2, η = (0.9, 0.8), 512 train, Σyy = I' };
    default:
      return { spec: { ...defaultSingleFeature(seed), spectrum: [choice.eta] }, width: 4, label: `one feature η = ${choice.eta}, input 5, whitened` };
  }
}
