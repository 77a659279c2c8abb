/**
 * The parameters store: the single source of truth of every control. Every update goes through
 * `validateParameters`, which clamps impossible values and says what it changed and why.
 */
import { create } from 'zustand';
import type { BackendChoice, RunSetup, Speed } from '../worker/protocol';
import { DEFAULT_SHARED_PARAMETERS, parameterFields, repairField, type ParameterField, type SharedParameters } from '../permalink/schema';

/**
 * Every control. The shared fields (model, data, optimizer, γ, seed…) are typed and validated by
 * the permalink schema; speed and backend are this machine's preferences and stay out of links.
 */
export interface Parameters extends SharedParameters {
  speed: Speed;
  backend: BackendChoice;
}

/** the registry's defaults (src/permalink/registry.ts) plus this machine's preferences */
export const DEFAULT_PARAMETERS: Parameters = {
  ...DEFAULT_SHARED_PARAMETERS,
  speed: { mode: 'fast', stepsPerSecond: 30 },
  backend: 'auto',
};

/** Ranges of the local-only speed control; every shared field's range lives in the registry (src/permalink/registry.ts). */
const STEPS_PER_SECOND: readonly [number, number] = [0.5, 1000];

export type ParameterMessages = Partial<Record<keyof Parameters, string>>;

/**
 * Validate every field against the one shared schema (src/permalink/schema.ts: the same rules a
 * permalink goes through), then the rules that tie fields together. Returns the repaired
 * parameters and, per field, why it changed.
 */
export function validateParameters(input: Parameters): { params: Parameters; messages: ParameterMessages } {
  const p: Parameters = { ...input, spectrum: [...input.spectrum], speed: { ...input.speed } };
  const messages: ParameterMessages = {};
  for (const field of Object.keys(parameterFields) as ParameterField[]) {
    const repaired = repairField(field, p[field], DEFAULT_PARAMETERS[field] as never);
    (p as unknown as Record<string, unknown>)[field] = repaired.value;
    if (repaired.message) messages[field] = repaired.message;
  }

  const features = p.spectrum.length;
  if (features > Math.min(p.inputDim, p.outputDim)) {
    p.inputDim = Math.max(p.inputDim, features);
    p.outputDim = Math.max(p.outputDim, features);
    messages.outputDim = `${features} features need input and output dimensions ≥ ${features}; raised them.`;
  }
  if (p.width < features && p.depth > 0) {
    messages.width = `Width ${p.width} < ${features} features: at most ${p.width} can be learned.`;
  }
  if (p.batchSize > p.trainSize) {
    p.batchSize = p.trainSize;
    messages.batchSize = `Batch size must be in 1…${p.trainSize} (the training set); using ${p.trainSize}.`;
  }
  const sps = p.speed.stepsPerSecond;
  p.speed.stepsPerSecond = Number.isFinite(sps) ? Math.min(STEPS_PER_SECOND[1], Math.max(STEPS_PER_SECOND[0], sps)) : 30;
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
