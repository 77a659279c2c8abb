/**
 * The one parameter registry. Every setting a link can carry is ONE entry here (entry.ts): zod type
 * and range, default, label, URL key, control kind and options, the DOM id of its control and its
 * classroom hide name. Generated from it: the permalink schema and URL keys (schema.ts), the
 * defaults of the stores (state/parameters.ts, state/sweeps.ts, state/escape.ts), the hide rules of
 * classroom links (session/classroom.ts) and the labels, ranges and options of the controls
 * (panels/ControlsPanel.tsx, panels/sweeps/JobBar.tsx, panels/escape/TrapCard.tsx).
 *
 * Three groups: the live lab (plain URL keys; the order below is the order of a link's keys), the
 * Phase-diagrams settings (`pd.…`) and the Escape & grokking settings (`esc.…`). The live lab's
 * entries are what existing links depend on: never rename a URL key or narrow a range.
 * Pure: no React, no DOM.
 */
import type { SpectrumChoice, SpectrumPreset } from '../data/presets';
import { choice, choices, defaultsOf, flag, integer, noun, numbers, real, repairEntry, type Entries, type Entry, type ValuesOf } from './entry';

// ---- the live lab --------------------------------------------------------------------------------

export const LIVE_ENTRIES = {
  depth: integer(0, 6, 2, { label: 'Depth D', url: 'depth', dom: { id: 'depth' }, hide: { name: 'depth', label: 'Depth' } }),
  width: integer(1, 64, 4, { label: 'Width', url: 'width', dom: { id: 'width' }, hide: { name: 'width', label: 'Width' } }),
  activation: choice({ linear: 'linear (exact theory)', tanh: 'tanh', relu: 'ReLU' }, 'linear', {
    label: 'Activation',
    url: 'act',
    dom: { id: 'activation' },
    hide: { name: 'act', label: 'Activation' },
  }),
  spectrum: numbers(
    1e-3,
    10,
    [1],
    { order: 'descending', unique: false, positive: true, maxItems: 8 },
    { label: 'Spectrum η (features)', url: 'spectrum', dom: { id: 'spectrum' }, hide: { name: 'spectrum', label: 'Spectrum η' } },
  ),
  inputDim: integer(1, 64, 5, { label: 'Input dim', url: 'in', dom: { id: 'input-dim' }, hide: { name: 'dims', label: 'Input/output dims' } }),
  outputDim: integer(1, 64, 3, { label: 'Output dim', url: 'out', dom: { id: 'output-dim' }, hide: { name: 'dims', label: 'Input/output dims' } }),
  trainSize: integer(2, 20_000, 200, { label: 'Train samples', url: 'ntrain', dom: { id: 'train-size' }, hide: { name: 'samples', label: 'Sample sizes' } }),
  testSize: integer(1, 20_000, 200, { label: 'Test samples', url: 'ntest', dom: { id: 'test-size' }, hide: { name: 'samples', label: 'Sample sizes' } }),
  labelNoise: real(0, 10, 0, {
    label: 'Label noise σ',
    noun: 'label noise',
    url: 'noise',
    dom: { id: 'label-noise' },
    hide: { name: 'noise', label: 'Label noise' },
  }),
  whiten: flag(true, { label: 'Whiten inputs exactly (Σxx = I)', url: 'whiten', dom: { widget: 'whiten' }, hide: { name: 'whiten', label: 'Whitening' } }),
  // A whisper of Langevin noise (T = 1e-8) by default rather than noise-free GD: an exactly-zero state
  // is a fixed point of GD even where it is unstable (D = 1 below γ = η), and float32 weights that
  // decay reach exact zero within seconds. At this T no barrier is ever crossed (B/T ≈ 10⁶).
  optimizer: choice({ gd: 'GD (full batch)', sgd: 'SGD (minibatch)', langevin: 'Langevin (temperature T)' }, 'langevin', {
    label: 'Method',
    url: 'opt',
    dom: { id: 'optimizer' },
    hide: { name: 'opt', label: 'Optimizer method' },
  }),
  batchSize: integer(1, 20_000, 32, { label: 'Batch size', url: 'batch', dom: { id: 'batch-size' }, hide: { name: 'batch', label: 'Batch size' } }),
  temperature: real(
    0,
    1,
    1e-8,
    { label: 'Temperature T', noun: 'temperature', url: 'T', dom: { id: 'temperature' }, hide: { name: 'temperature', label: 'Temperature' } },
    true,
  ),
  // up to absurd values on purpose: a diverging run is explained and recovered, not forbidden
  lr: real(1e-5, 10, 0.1, { label: 'Learning rate', url: 'lr', dom: { id: 'lr' }, hide: { name: 'lr', label: 'Learning rate' } }, true),
  seed: integer(0, 2 ** 31 - 1, 1, { label: 'Seed', url: 'seed', dom: { id: 'seed' }, hide: { name: 'seed', label: 'Seed' } }),
  initScale: real(0, 10, 1, { label: 'Init scale', url: 'init', dom: { id: 'init-scale' }, hide: { name: 'init', label: 'Init scale' } }),
  gamma: real(0, 100, 0.2, { label: 'γ', url: 'gamma', dom: { widget: 'gamma' }, hide: { name: 'gamma', label: 'γ slider' } }),
  gammaScale: choice({ linear: 'linear', log: 'log' }, 'linear', { label: 'γ scale', url: 'scale' }),
  compareDepths: flag(false, {
    label: 'Compare depths D = 1, 2, 3 side by side',
    url: 'compare',
    dom: { widget: 'compare' },
    hide: { name: 'compare', label: 'Compare depths' },
  }),
} satisfies Entries;

export type LiveValues = ValuesOf<typeof LIVE_ENTRIES>;
export type ActivationName = LiveValues['activation'];
export type OptimizerName = LiveValues['optimizer'];

// ---- Phase diagrams ------------------------------------------------------------------------------

/** the Phase-diagrams stages, in run order: checkbox name (short) and progress label, the one list of them */
export const SWEEP_STAGES = {
  diagram: { short: 'phase diagram', label: 'phase diagram (γ × depth × 2 starts)' },
  hysteresis: { short: 'loop', label: 'hysteresis loop (quasi-static, up then down)' },
  ramp: { short: 'ramp rates', label: 'loop area vs ramp rate' },
  'eta-map': { short: 'γ × η map', label: 'γ × η phase diagram' },
  cascade: { short: 'cascade', label: 'feature cascade' },
} as const satisfies Record<string, { short: string; label: string }>;
export type SweepStage = keyof typeof SWEEP_STAGES;
export const SWEEP_STAGE_NAMES = Object.fromEntries(Object.entries(SWEEP_STAGES).map(([k, v]) => [k, v.short])) as {
  [K in SweepStage]: (typeof SWEEP_STAGES)[K]['short'];
};

const SPECTRUM_PRESETS = {
  single: 'one feature',
  cascade: 'cascade η = (1, 0.6, 0.3)',
  'ersoy-wiesner': 'Ersoy–Wiesner 2-10-10-2, η = (0.9, 0.8)',
} as const satisfies Record<SpectrumPreset, string>;

const depthChoice = (value: number, meta: { label: string; url: string }) => integer(0, 4, value, { ...meta, step: 1 });

/**
 * The job settings of the Phase-diagrams view. Ranges are what the form offers; the shared work
 * budget (src/budget, checked per field in panels/sweeps/budget.ts) then bounds their products.
 */
export const SWEEPS_ENTRIES = {
  stages: choices(SWEEP_STAGE_NAMES, ['diagram', 'hysteresis', 'ramp', 'eta-map', 'cascade'], { label: 'run these sections', url: 'pd.stages' }),
  depths: numbers(
    0,
    4,
    [1, 2, 3],
    { order: 'ascending', unique: true, positive: false, maxItems: 5, integer: true },
    { label: 'depth D', noun: 'depths', url: 'pd.depths' },
  ),
  spectrumPreset: choice(SPECTRUM_PRESETS, 'single', { label: 'spectrum preset', url: 'pd.spectrum' }),
  /** η of the single-feature preset */
  eta: real(0.05, 3, 1, { label: 'η', url: 'pd.eta', step: 0.05 }),
  gammaMin: real(0, 10, 0.005, { label: 'from', noun: 'γ from', url: 'pd.gmin', step: 0.005 }),
  gammaMax: real(0.01, 10, 1.2, { label: 'to', noun: 'γ to', url: 'pd.gmax', step: 0.05 }),
  points: integer(8, 1024, 256, { label: 'points', url: 'pd.points', step: 16 }),
  /** hidden width; raised to the preset's need (≥ features; 10 for Ersoy–Wiesner) */
  width: integer(1, 32, 4, { label: 'width', url: 'pd.width', step: 1 }),
  lr: real(0.001, 0.5, 0.1, { label: 'lr', url: 'pd.lr', step: 0.01 }),
  hysteresisDepth: integer(1, 4, 2, { label: 'D', noun: 'loop depth', url: 'pd.loopdepth', step: 1 }),
  /** steps per γ increment of the displayed loop */
  hysteresisSteps: integer(1, 5000, 200, { label: 'steps/γ', url: 'pd.loopsteps', step: 50 }),
  rampSteps: numbers(
    1,
    5000,
    [20, 50, 200, 1000],
    { order: 'ascending', unique: true, positive: true, maxItems: 8, integer: true },
    { label: 'ramp steps/γ', url: 'pd.ramps' },
  ),
  cascadePreset: choice({ cascade: 'η = (1, 0.6, 0.3)', 'ersoy-wiesner': 'Ersoy–Wiesner η = (0.9, 0.8)' }, 'cascade', {
    label: 'cascade preset',
    url: 'pd.cascade',
  }),
  cascadeDepth: depthChoice(2, { label: 'cascade depth', url: 'pd.cascadedepth' }),
  mapDepth: depthChoice(2, { label: 'γ × η map depth', url: 'pd.mapdepth' }),
  etaMin: real(0.05, 3, 0.2, { label: 'η from', url: 'pd.etamin', step: 0.05 }),
  etaMax: real(0.05, 3, 1.2, { label: 'η to', url: 'pd.etamax', step: 0.05 }),
  etaCount: integer(2, 128, 24, { label: 'η points', url: 'pd.etapoints', step: 4 }),
  etaGammaCount: integer(2, 1024, 64, { label: 'γ points', url: 'pd.mappoints', step: 16 }),
} satisfies Entries;

type SweepsValues = ValuesOf<typeof SWEEPS_ENTRIES>;
/** the store's shape: the spectrum as data/presets' SpectrumChoice, the rest as the entries */
export type SweepsSettings = Omit<SweepsValues, 'spectrumPreset' | 'eta'> & { spectrum: SpectrumChoice };

// ---- Escape & grokking ---------------------------------------------------------------------------

export const ESCAPE_PRESETS = {
  clean: 'D = 2, η = 1, width 1 (clean Arrhenius)',
  'ersoy-wiesner': 'Ersoy–Wiesner 2-10-10-2, η = (0.9, 0.8), γ = 0.22',
} as const;
export type EscapePresetKey = keyof typeof ESCAPE_PRESETS;

type PresetSettings = { temperatures: number[]; replicas: number; steps: number; lr: number };

/** what choosing a preset sets: the defaults of a link with that preset */
export const ESCAPE_PRESET_SETTINGS: Record<EscapePresetKey, PresetSettings> = {
  // B = 0.01588, B/T = 4, 5, …, 9 (T = B/ratio): B/T < 4 bends the plain fit low (from B/T = 2: −2.3 %, from
  // 2.5: −3.3 %), a temperature the run cannot reach adds nothing, and the interval narrows as 1/√escapes, so
  // the work goes into replicas. 12 288 replicas × 15 000 steps: 5.6 s of CPU per job worker in Node (wasm-simd,
  // 2 workers). Measured (seed 7): plain-fit B = 0.01573, 95 % [0.01537, 0.01613] (±2.4 %), exact inside;
  // escaped 2 004 … 55 of 2 048; k-fit ±19 % (k = 0 in theory). Larger (same B/T, Node CPU per worker):
  // 2 048 × 30 000 ±2.2 % 12 s; 3 072 × 30 000 ±1.7 % 21 s; 4 096 × 30 000 ±1.3 % 30 s.
  clean: { temperatures: [0.00397, 0.003176, 0.002647, 0.002269, 0.001985, 0.001765], replicas: 2048, steps: 15_000, lr: 0.1 },
  // a 2-10-10-2 net costs ~35× a width-1 one per replica-step: 128 replicas keep this preset to seconds
  'ersoy-wiesner': { temperatures: [0.002, 0.0015, 0.0012, 0.001, 0.0008], replicas: 128, steps: 30_000, lr: 0.05 },
};

const clean = ESCAPE_PRESET_SETTINGS.clean;

/**
 * The Escape & grokking settings. `preset` comes first: the other entries' defaults are the preset's
 * (escapeDefaults), so a link with only `esc.preset=ersoy-wiesner` opens that preset as the form would.
 * Replicas × temperatures × steps is bounded by the shared work budget (panels/escape/budget.ts).
 */
export const ESCAPE_ENTRIES = {
  preset: choice(ESCAPE_PRESETS, 'clean', { label: 'preset', url: 'esc.preset' }),
  trapMode: choice({ 'by-hand': 'by hand (feature exactly 0)', 'trap-from': 'trap from γ₀, then drop to γ' }, 'by-hand', { label: 'trap', url: 'esc.trap' }),
  temperatures: numbers(
    1e-6,
    1,
    clean.temperatures,
    { order: 'descending', unique: true, positive: true, maxItems: 16 },
    { label: 'temperatures T', noun: 'temperatures', url: 'esc.T' },
  ),
  replicas: integer(64, 4096, clean.replicas, { label: 'replicas per T', noun: 'replicas per T', url: 'esc.replicas', step: 64 }),
  steps: integer(1000, 1_000_000, clean.steps, { label: 'steps', url: 'esc.steps', step: 1000 }),
  lr: real(0.001, 0.5, clean.lr, { label: 'lr', url: 'esc.lr', step: 0.01 }),
  /** minibatch size for the negative control (plain minibatch SGD, "temperature" lr/batch) */
  controlBatch: integer(1, 64, 8, { label: 'minibatch size B', noun: 'minibatch size', url: 'esc.batch', step: 1 }),
} satisfies Entries;

export type EscapeLabSettings = ValuesOf<typeof ESCAPE_ENTRIES>;
export type TrapMode = EscapeLabSettings['trapMode'];

// ---- groups: how a store's settings map onto entries, and what they default to ----------------------

export interface SettingsGroup<E extends Entries, S> {
  entries: E;
  /** the store's settings as entry values and back */
  toValues(settings: S): ValuesOf<E>;
  fromValues(values: ValuesOf<E>): S;
  /** the defaults given the values read so far (in entry order): what a link leaves out */
  defaultsFor(values: Partial<ValuesOf<E>>): ValuesOf<E>;
}

const SWEEPS_DEFAULT_VALUES = defaultsOf(SWEEPS_ENTRIES);
const ESCAPE_DEFAULT_VALUES = defaultsOf(ESCAPE_ENTRIES);

export const SWEEPS_GROUP: SettingsGroup<typeof SWEEPS_ENTRIES, SweepsSettings> = {
  entries: SWEEPS_ENTRIES,
  toValues: ({ spectrum, ...rest }) => ({ ...rest, spectrumPreset: spectrum.preset, eta: spectrum.eta }),
  fromValues: ({ spectrumPreset, eta, ...rest }) => ({ ...rest, spectrum: { preset: spectrumPreset, eta } }),
  defaultsFor: () => defaultsOf(SWEEPS_ENTRIES),
};

export function escapeDefaults(preset: EscapePresetKey): EscapeLabSettings {
  const settings = ESCAPE_PRESET_SETTINGS[preset];
  return { ...ESCAPE_DEFAULT_VALUES, preset, ...settings, temperatures: [...settings.temperatures] };
}

export const ESCAPE_GROUP: SettingsGroup<typeof ESCAPE_ENTRIES, EscapeLabSettings> = {
  entries: ESCAPE_ENTRIES,
  toValues: (settings) => settings,
  fromValues: (values) => values,
  defaultsFor: (values) => escapeDefaults(values.preset ?? ESCAPE_DEFAULT_VALUES.preset),
};

export const DEFAULT_SWEEPS_SETTINGS: SweepsSettings = SWEEPS_GROUP.fromValues(SWEEPS_DEFAULT_VALUES);
export const DEFAULT_ESCAPE_SETTINGS: EscapeLabSettings = escapeDefaults('clean');

/** the groups a link carries besides the live lab's parameters, by the name the codec reports them under */
export const SETTINGS_GROUPS = { sweeps: SWEEPS_GROUP, escape: ESCAPE_GROUP } as const;
export interface ViewSettings {
  sweeps: SweepsSettings;
  escape: EscapeLabSettings;
}

export type SettingsMessages<E extends Entries> = Partial<Record<keyof E, string>>;

/**
 * A store's settings through its group's entries: each value clamped or replaced (by the default)
 * with a message naming the field as the form does, like the live lab's validateParameters.
 */
export function validateSettings<E extends Entries, S>(group: SettingsGroup<E, S>, settings: S): { settings: S; messages: SettingsMessages<E> } {
  const values = group.toValues(settings);
  const messages: SettingsMessages<E> = {};
  const out: Partial<ValuesOf<E>> = {};
  for (const [key, entry] of Object.entries(group.entries) as [keyof E & string, Entry][]) {
    const repaired = repairEntry(entry, values[key], group.defaultsFor(out)[key], noun(entry));
    if (repaired.message) messages[key] = repaired.message;
    out[key] = repaired.value as ValuesOf<E>[typeof key];
  }
  return { settings: group.fromValues(out as ValuesOf<E>), messages };
}
