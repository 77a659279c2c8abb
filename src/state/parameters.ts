/**
 * The parameters store: the single source of truth of every control. Every update goes through
 * `validateParameters`, which clamps impossible values and says what it changed and why.
 */
import { create } from 'zustand';
import type { Activation, OptimizerKind } from '../engine/types';
import type { BackendChoice, RunSetup, Speed } from '../worker/protocol';
import type { GammaScale } from './gammaScale';

export interface Parameters {
  depth: number;
  width: number;
  activation: Activation;
  /** teacher singular values η₁ ≥ η₂ ≥ … */
  spectrum: number[];
  inputDim: number;
  outputDim: number;
  trainSize: number;
  testSize: number;
  labelNoise: number;
  whiten: boolean;
  optimizer: OptimizerKind;
  batchSize: number;
  temperature: number;
  lr: number;
  seed: number;
  initScale: number;
  gamma: number;
  gammaScale: GammaScale;
  speed: Speed;
  backend: BackendChoice;
  compareDepths: boolean;
}

export const DEFAULT_PARAMETERS: Parameters = {
  depth: 2,
  width: 4,
  activation: 'linear',
  spectrum: [1],
  inputDim: 5,
  outputDim: 3,
  trainSize: 200,
  testSize: 200,
  labelNoise: 0,
  whiten: true,
  optimizer: 'gd',
  batchSize: 32,
  temperature: 0.001,
  lr: 0.1,
  seed: 1,
  initScale: 1,
  gamma: 0.2,
  gammaScale: 'linear',
  speed: { mode: 'fast', stepsPerSecond: 30 },
  backend: 'auto',
  compareDepths: false,
};

export const LIMITS = {
  depth: [0, 6],
  width: [1, 64],
  dim: [1, 64],
  trainSize: [2, 20000],
  testSize: [1, 20000],
  labelNoise: [0, 10],
  lr: [1e-5, 2],
  temperature: [0, 1],
  gamma: [0, 100],
  initScale: [0, 10],
  stepsPerSecond: [0.5, 1000],
} as const;

export type ParameterMessages = Partial<Record<keyof Parameters, string>>;

function clamp(x: number, [lo, hi]: readonly [number, number]): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Clamp every field into its valid range; returns the repaired parameters and why each changed. */
export function validateParameters(input: Parameters): { params: Parameters; messages: ParameterMessages } {
  const p: Parameters = { ...input, spectrum: [...input.spectrum], speed: { ...input.speed } };
  const messages: ParameterMessages = {};
  const intField = (key: 'depth' | 'width' | 'inputDim' | 'outputDim' | 'trainSize' | 'testSize', range: readonly [number, number], label: string) => {
    const raw = p[key];
    const fixed = Number.isFinite(raw) ? clamp(Math.round(raw), range) : range[0];
    if (fixed !== raw) messages[key] = `${label} must be an integer in ${range[0]}…${range[1]}; using ${fixed}.`;
    p[key] = fixed;
  };
  intField('depth', LIMITS.depth, 'Depth D');
  intField('width', LIMITS.width, 'Width');
  intField('inputDim', LIMITS.dim, 'Input dimension');
  intField('outputDim', LIMITS.dim, 'Output dimension');
  intField('trainSize', LIMITS.trainSize, 'Training samples');
  intField('testSize', LIMITS.testSize, 'Test samples');

  const spectrum = p.spectrum.filter((e) => Number.isFinite(e) && e > 0).sort((a, b) => b - a);
  if (spectrum.length === 0) {
    messages.spectrum = 'The spectrum needs at least one positive η; using η = 1.';
    spectrum.push(1);
  } else if (spectrum.length !== p.spectrum.length || spectrum.some((e, i) => e !== p.spectrum[i])) {
    messages.spectrum = 'Spectrum values must be positive numbers; sorted them in descending order.';
  }
  if (spectrum.length > 8) {
    spectrum.length = 8;
    messages.spectrum = 'At most 8 features; kept the 8 largest.';
  }
  p.spectrum = spectrum;
  if (spectrum.length > Math.min(p.inputDim, p.outputDim)) {
    const need = spectrum.length;
    if (p.inputDim < need) p.inputDim = need;
    if (p.outputDim < need) p.outputDim = need;
    messages.outputDim = `${need} features need input and output dimensions ≥ ${need}; raised them.`;
  }
  if (p.width < spectrum.length && p.depth > 0) {
    messages.width = `Width ${p.width} < ${spectrum.length} features: at most ${p.width} can be learned.`;
  }

  const numField = (key: 'labelNoise' | 'lr' | 'temperature' | 'gamma' | 'initScale', range: readonly [number, number], label: string) => {
    const raw = p[key];
    const fixed = Number.isFinite(raw) ? clamp(raw, range) : range[0];
    if (fixed !== raw) messages[key] = `${label} must be in ${range[0]}…${range[1]}; using ${fixed}.`;
    p[key] = fixed;
  };
  numField('labelNoise', LIMITS.labelNoise, 'Label noise');
  numField('lr', LIMITS.lr, 'Learning rate');
  numField('temperature', LIMITS.temperature, 'Temperature T');
  numField('gamma', LIMITS.gamma, 'γ');
  numField('initScale', LIMITS.initScale, 'Init scale');

  const batch = Number.isFinite(p.batchSize) ? clamp(Math.round(p.batchSize), [1, p.trainSize]) : 1;
  if (batch !== p.batchSize) messages.batchSize = `Batch size must be in 1…${p.trainSize} (the training set); using ${batch}.`;
  p.batchSize = batch;

  p.seed = Number.isFinite(p.seed) ? Math.abs(Math.round(p.seed)) % 2 ** 31 : 0;
  const sps = Number.isFinite(p.speed.stepsPerSecond) ? clamp(p.speed.stepsPerSecond, LIMITS.stepsPerSecond) : 30;
  p.speed.stepsPerSecond = sps;
  return { params: p, messages };
}

/** The depths trained: one, or D = 1, 2, 3 side by side. */
export function trainedDepths(p: Pick<Parameters, 'depth' | 'compareDepths'>): number[] {
  return p.compareDepths ? [1, 2, 3] : [p.depth];
}

/** What the worker needs to build data and trainers (changing it resets training). */
export function toRunSetup(p: Parameters): RunSetup {
  return {
    depths: trainedDepths(p),
    width: p.width,
    activation: p.activation,
    data: {
      inputDim: p.inputDim,
      outputDim: p.outputDim,
      spectrum: p.spectrum,
      labelNoise: p.labelNoise,
      trainSize: p.trainSize,
      testSize: p.testSize,
      whiten: p.whiten,
      seed: p.seed,
    },
    optimizer: p.optimizer,
    batchSize: p.batchSize,
    lr: p.lr,
    gamma: p.gamma,
    temperature: p.temperature,
    seed: p.seed,
    initScale: p.initScale,
  };
}

/** A key that changes exactly when the run must be rebuilt (γ, T, lr and speed change live). */
export function setupKey(p: Parameters): string {
  const { gamma: _g, temperature: _t, lr: _l, ...rest } = toRunSetup(p);
  return JSON.stringify(rest);
}

export interface ParametersState extends Parameters {
  messages: ParameterMessages;
  /** apply a partial update through validation */
  update(patch: Partial<Parameters>): void;
  resetToDefaults(): void;
}

export const useParameters = create<ParametersState>()((set, get) => ({
  ...DEFAULT_PARAMETERS,
  messages: {},
  update(patch) {
    const current = pickParameters(get());
    const { params, messages } = validateParameters({ ...current, ...patch });
    set({ ...params, messages });
  },
  resetToDefaults() {
    set({ ...DEFAULT_PARAMETERS, messages: {} });
  },
}));

export function pickParameters(s: Parameters): Parameters {
  const out = {} as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_PARAMETERS)) out[key] = (s as unknown as Record<string, unknown>)[key];
  return out as unknown as Parameters;
}
