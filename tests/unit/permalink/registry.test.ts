/**
 * Issue 13: one parameter registry. What it generates must equal the hand-written tables it replaced
 * (written out below literally: existing links, stores and classroom links depend on them), and the
 * Phase-diagrams and Escape settings must survive a link with the live fields' clamp-and-notice rules.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { randomLcg } from 'd3-random';
import { z } from 'zod';
import {
  decodePermalink,
  DEFAULT_ESCAPE_SETTINGS,
  DEFAULT_SWEEPS_SETTINGS,
  encodePermalink,
  encodeStateFile,
  MAX_LINK_KEYS,
  ESCAPE_ENTRIES,
  ESCAPE_GROUP,
  ESCAPE_PRESET_SETTINGS,
  escapeDefaults,
  parameterFields,
  stateFileToLink,
  SWEEP_STAGE_NAMES,
  SWEEPS_ENTRIES,
  SWEEPS_GROUP,
  urlKeys,
  validateSettings,
  type EscapeLabSettings,
  type SweepsSettings,
} from '../../../src/permalink';
import { DEFAULT_PARAMETERS } from '../../../src/state/parameters';
import { HIDEABLE_CONTROLS } from '../../../src/session/classroom';
import { STAGE_ORDER, useSweepsStore } from '../../../src/state/sweeps';
import { useEscapeStore } from '../../../src/state/escape';
import type { Activation, OptimizerKind } from '../../../src/engine/types';
import { defaults } from '../../fixtures/permalinkDefaults';

// ---- the tables as they were written by hand before the registry (commit f454d3e) ----------------

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const real = (min: number, max: number) => z.number().min(min).max(max);
const OLD_PARAMETER_FIELDS = {
  depth: int(0, 6),
  width: int(1, 64),
  activation: z.enum(['linear', 'tanh', 'relu']),
  spectrum: z.array(real(1e-3, 10)).min(1).max(8),
  inputDim: int(1, 64),
  outputDim: int(1, 64),
  trainSize: int(2, 20_000),
  testSize: int(1, 20_000),
  labelNoise: real(0, 10),
  whiten: z.boolean(),
  optimizer: z.enum(['gd', 'sgd', 'langevin']),
  batchSize: int(1, 20_000),
  temperature: real(0, 1),
  lr: real(1e-5, 10),
  seed: int(0, 2 ** 31 - 1),
  initScale: real(0, 10),
  gamma: real(0, 100),
  gammaScale: z.enum(['linear', 'log']),
  compareDepths: z.boolean(),
};

const OLD_URL_KEYS = {
  depth: 'depth',
  width: 'width',
  activation: 'act',
  spectrum: 'spectrum',
  inputDim: 'in',
  outputDim: 'out',
  trainSize: 'ntrain',
  testSize: 'ntest',
  labelNoise: 'noise',
  whiten: 'whiten',
  optimizer: 'opt',
  batchSize: 'batch',
  temperature: 'T',
  lr: 'lr',
  seed: 'seed',
  initScale: 'init',
  gamma: 'gamma',
  gammaScale: 'scale',
  compareDepths: 'compare',
};

const OLD_DEFAULT_PARAMETERS = {
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
  optimizer: 'langevin',
  batchSize: 32,
  temperature: 1e-8,
  lr: 0.1,
  seed: 1,
  initScale: 1,
  gamma: 0.2,
  gammaScale: 'linear',
  speed: { mode: 'fast', stepsPerSecond: 30 },
  backend: 'auto',
  compareDepths: false,
};

const OLD_HIDEABLE_CONTROLS = {
  run: { label: 'Play / step / reset', selector: '[data-control="run"]' },
  speed: { label: 'Speed', selector: '.field:has(#speed-mode)' },
  depth: { label: 'Depth', selector: '.field:has(#depth)' },
  width: { label: 'Width', selector: '.field:has(#width)' },
  init: { label: 'Init scale', selector: '.field:has(#init-scale)' },
  act: { label: 'Activation', selector: '.field:has(#activation)' },
  compare: { label: 'Compare depths', selector: '[data-control="compare"]' },
  spectrum: { label: 'Spectrum η', selector: '.field:has(#spectrum)' },
  dims: { label: 'Input/output dims', selector: '.field:has(#input-dim), .field:has(#output-dim)' },
  samples: { label: 'Sample sizes', selector: '.field:has(#train-size), .field:has(#test-size)' },
  noise: { label: 'Label noise', selector: '.field:has(#label-noise)' },
  seed: { label: 'Seed', selector: '.field:has(#seed)' },
  whiten: { label: 'Whitening', selector: '[data-control="whiten"]' },
  opt: { label: 'Optimizer method', selector: '.field:has(#optimizer)' },
  lr: { label: 'Learning rate', selector: '.field:has(#lr)' },
  batch: { label: 'Batch size', selector: '.field:has(#batch-size)' },
  temperature: { label: 'Temperature', selector: '.field:has(#temperature)' },
  gamma: { label: 'γ slider', selector: '[data-control="gamma"]' },
  readouts: { label: 'Readouts', selector: '[data-control="readouts"]' },
  controls: { label: 'The whole controls column', selector: 'aside.controls' },
  chapters: { label: 'Chapter navigator', selector: '[data-control="chapters"]' },
  backend: { label: 'Backend badge', selector: '.backend' },
  link: { label: 'Copy-link buttons', selector: '.copy-link-group, [data-control="share"]' },
};

const OLD_DEFAULT_SWEEPS_SETTINGS = {
  stages: ['diagram', 'hysteresis', 'ramp', 'eta-map', 'cascade'],
  depths: [1, 2, 3],
  spectrum: { preset: 'single', eta: 1 },
  gammaMin: 0.005,
  gammaMax: 1.2,
  points: 256,
  width: 4,
  lr: 0.1,
  hysteresisDepth: 2,
  hysteresisSteps: 200,
  rampSteps: [20, 50, 200, 1000],
  cascadePreset: 'cascade',
  cascadeDepth: 2,
  mapDepth: 2,
  etaMin: 0.2,
  etaMax: 1.2,
  etaCount: 24,
  etaGammaCount: 64,
};

// the clean preset was re-measured for a ±2 % barrier (B/T = 4…9, 2 048 replicas × 15 000 steps); before,
// 0.008 … 0.0019 with 256 × 60 000 (±9 %)
const OLD_ESCAPE_PRESET_SETTINGS = {
  clean: { temperatures: [0.00397, 0.003176, 0.002647, 0.002269, 0.001985, 0.001765], replicas: 2048, steps: 15_000, lr: 0.1 },
  'ersoy-wiesner': { temperatures: [0.002, 0.0015, 0.0012, 0.001, 0.0008], replicas: 128, steps: 30_000, lr: 0.05 },
};
const OLD_ESCAPE_STORE_SETTINGS = { preset: 'clean', trapMode: 'by-hand', controlBatch: 8, ...OLD_ESCAPE_PRESET_SETTINGS.clean };

describe('the registry generates the tables it replaced', () => {
  it('the schema: every field with the same type, range and options (as JSON Schema), in the same order', () => {
    expect(Object.keys(parameterFields)).toEqual(Object.keys(OLD_PARAMETER_FIELDS));
    for (const [key, old] of Object.entries(OLD_PARAMETER_FIELDS)) {
      expect(z.toJSONSchema(parameterFields[key as keyof typeof parameterFields]), key).toEqual(z.toJSONSchema(old));
    }
  });

  it('URL keys, defaults, classroom hide rules and the Phase-diagrams and Escape defaults', () => {
    expect(urlKeys).toEqual(OLD_URL_KEYS);
    expect(Object.keys(urlKeys)).toEqual(Object.keys(OLD_URL_KEYS));
    expect(DEFAULT_PARAMETERS).toEqual(OLD_DEFAULT_PARAMETERS);
    expect(HIDEABLE_CONTROLS).toEqual(OLD_HIDEABLE_CONTROLS);
    expect(DEFAULT_SWEEPS_SETTINGS).toEqual(OLD_DEFAULT_SWEEPS_SETTINGS);
    expect(useSweepsStore.getState().settings).toEqual(OLD_DEFAULT_SWEEPS_SETTINGS);
    expect(ESCAPE_PRESET_SETTINGS).toEqual(OLD_ESCAPE_PRESET_SETTINGS);
    expect(DEFAULT_ESCAPE_SETTINGS).toEqual(OLD_ESCAPE_STORE_SETTINGS);
    expect(useEscapeStore.getState().settings).toEqual(OLD_ESCAPE_STORE_SETTINGS);
  });

  it("the engine's enums and the stages agree with the registry", () => {
    expectTypeOf<Activation>().toEqualTypeOf<'linear' | 'tanh' | 'relu'>();
    expectTypeOf<OptimizerKind>().toEqualTypeOf<'gd' | 'sgd' | 'langevin'>();
    expect(STAGE_ORDER).toEqual(Object.keys(SWEEP_STAGE_NAMES));
  });

  it('every URL key is unique across the three groups, and group keys are namespaced', () => {
    const keys = [...Object.values(urlKeys), ...Object.values(SWEEPS_ENTRIES).map((e) => e.url), ...Object.values(ESCAPE_ENTRIES).map((e) => e.url)];
    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.values(SWEEPS_ENTRIES).every((e) => e.url.startsWith('pd.'))).toBe(true);
    expect(Object.values(ESCAPE_ENTRIES).every((e) => e.url.startsWith('esc.'))).toBe(true);
    // a link that sets everything (plus v, view, chapter, hide, embed, lecture, w) is read in full
    expect(keys.length + 7).toBeLessThanOrEqual(MAX_LINK_KEYS);
  });
});

const sweeps: SweepsSettings = {
  ...DEFAULT_SWEEPS_SETTINGS,
  stages: ['diagram', 'cascade'],
  depths: [0, 2, 4],
  spectrum: { preset: 'single', eta: 0.7 },
  gammaMin: 0.01,
  gammaMax: 0.9,
  points: 64,
  width: 6,
  lr: 0.05,
  hysteresisDepth: 3,
  hysteresisSteps: 500,
  rampSteps: [10, 100],
  cascadePreset: 'ersoy-wiesner',
  cascadeDepth: 3,
  mapDepth: 1,
  etaMin: 0.3,
  etaMax: 2,
  etaCount: 12,
  etaGammaCount: 32,
};
const escape: EscapeLabSettings = {
  preset: 'ersoy-wiesner',
  trapMode: 'trap-from',
  temperatures: [0.003, 0.001],
  replicas: 512,
  steps: 12_000,
  lr: 0.02,
  controlBatch: 16,
};

describe('every view is a link', () => {
  it('the live lab, Phase-diagrams and Escape settings survive encode → decode, with no notice', () => {
    const link = encodePermalink(defaults, { view: 'diagrams' }, { sweeps, escape });
    const decoded = decodePermalink(link, defaults);
    expect(decoded.notices).toEqual([]);
    expect(decoded.parameters).toEqual(defaults);
    expect(decoded.settings).toEqual({ sweeps, escape });
    expect(decoded.extras.view).toBe('diagrams');
    expect(link).toContain('view=diagrams&pd.stages=diagram,cascade&pd.depths=0,2,4');
    expect(link).toContain('esc.T=0.003,0.001');
    console.log(`    every setting changed: ${link.length} characters`);
  });

  it('only values that differ from their defaults are written; an Escape preset is its own default', () => {
    const plain = encodePermalink(defaults, { view: 'live' }, { sweeps: DEFAULT_SWEEPS_SETTINGS, escape: DEFAULT_ESCAPE_SETTINGS });
    expect(plain).toBe(encodePermalink(defaults, { view: 'live' }));
    expect(plain).not.toMatch(/pd\.|esc\./);
    const one = encodePermalink(defaults, { view: 'diagrams' }, { sweeps: { ...DEFAULT_SWEEPS_SETTINGS, points: 64 } });
    expect(one.length - plain.length).toBe('diagrams'.length - 'live'.length + '&pd.points=64'.length);
    // choosing a preset in the form sets its values: the link says only the preset
    const ew = encodePermalink(defaults, {}, { escape: escapeDefaults('ersoy-wiesner') });
    expect(ew.match(/esc\.[a-zA-Z]+/g)).toEqual(['esc.preset']);
    expect(decodePermalink(ew, defaults).settings.escape).toEqual({
      ...OLD_ESCAPE_STORE_SETTINGS,
      preset: 'ersoy-wiesner',
      ...OLD_ESCAPE_PRESET_SETTINGS['ersoy-wiesner'],
    });
    // a link without any view keys opens every view on its defaults
    expect(decodePermalink('?depth=3', defaults).settings).toEqual({ sweeps: OLD_DEFAULT_SWEEPS_SETTINGS, escape: OLD_ESCAPE_STORE_SETTINGS });
    console.log(`    defaults: ${plain.length} characters; + one Phase-diagrams setting: ${one.length}; Ersoy–Wiesner escape preset: ${ew.length}`);
  });

  it('a state file keeps the views’ settings and opens as the same link', () => {
    const file = encodeStateFile(defaults, { view: 'escape' }, undefined, { sweeps, escape });
    const result = stateFileToLink(file);
    expect('link' in result).toBe(true);
    if (!('link' in result)) return;
    const decoded = decodePermalink(result.link, defaults);
    expect(decoded.notices).toEqual([]);
    expect(decoded.settings).toEqual({ sweeps, escape });
  });
});

describe('hostile view settings: clamped or replaced, each with a notice, nothing else lost', () => {
  it('out of range, malformed, repeated and unknown values', () => {
    const { settings, parameters, notices } = decodePermalink(
      '?depth=3&pd.points=1e9&pd.width=2.6&pd.depths=9,1,1,x&pd.stages=cascade,bogus,diagram,cascade&pd.spectrum=<script>&pd.eta=abc&pd.nope=1' +
        '&esc.preset=ersoy-wiesner&esc.replicas=NaN&esc.T=-1,0.002,abc,0.002,5&esc.trap=sideways&esc.batch=0',
      defaults,
    );
    expect(parameters).toEqual({ depth: 3 });
    expect(settings.sweeps).toEqual({
      ...OLD_DEFAULT_SWEEPS_SETTINGS,
      points: 1024,
      width: 3,
      depths: [1, 4],
      stages: ['diagram', 'cascade'],
      spectrum: { preset: 'single', eta: 1 },
    });
    expect(settings.escape).toEqual({
      ...OLD_ESCAPE_STORE_SETTINGS,
      ...OLD_ESCAPE_PRESET_SETTINGS['ersoy-wiesner'],
      preset: 'ersoy-wiesner',
      // the preset's own default, not the clean preset's 256
      replicas: 128,
      temperatures: [1, 0.002],
      controlBatch: 1,
    });
    expect(notices).toEqual(
      expect.arrayContaining([
        'pd.points must be a whole number in 8…1024; using 1024.',
        'pd.width must be a whole number in 1…32; using 3.',
        'pd.depths: kept 2 value(s) in 0…4, smallest first (1,4).',
        'pd.stages: kept diagram,cascade (each one of diagram, hysteresis, ramp, eta-map, cascade, once, in that order).',
        "pd.spectrum: '<script>' is not allowed (one of single, cascade, ersoy-wiesner); using single.",
        "pd.eta: 'abc' is not a number; using 1.",
        "esc.replicas: 'NaN' is not a number; using 128.",
        'esc.T: kept 2 positive value(s) in 0.000001…1, largest first (1,0.002).',
        "esc.trap: 'sideways' is not allowed (one of by-hand, trap-from); using by-hand.",
        'esc.batch must be a whole number in 1…64; using 1.',
        'Ignored unknown link key: pd.nope.',
      ]),
    );
    expect(notices).toHaveLength(11);
  });

  it('fuzz: 1 000 random values for every view key decode to settings the stores accept unchanged', () => {
    const random = randomLcg(13);
    const nasty = [
      'NaN',
      '',
      ' ',
      '-1',
      '0',
      '1e308',
      '1e-320',
      '3.7',
      '64',
      'abc',
      ',,,',
      '1,2,3',
      'x,1',
      '<b>',
      '9'.repeat(300),
      'true',
      'diagram,ramp',
      'clean',
    ];
    const keys = [...Object.values(SWEEPS_ENTRIES), ...Object.values(ESCAPE_ENTRIES)].map((e) => e.url);
    for (let i = 0; i < 1000; i++) {
      const link =
        '?' +
        Array.from(
          { length: 1 + Math.floor(random() * 6) },
          () => `${keys[Math.floor(random() * keys.length)]}=${encodeURIComponent(nasty[Math.floor(random() * nasty.length)])}`,
        ).join('&');
      const { settings } = decodePermalink(link, defaults);
      expect(validateSettings(SWEEPS_GROUP, settings.sweeps).messages, link).toEqual({});
      expect(validateSettings(ESCAPE_GROUP, settings.escape).messages, link).toEqual({});
    }
  });
});

describe('the stores validate their settings through the registry', () => {
  it('clamps with a message naming the field as the form does, and clears it when the value is fine again', () => {
    const store = useSweepsStore.getState();
    store.update({ points: 5000 });
    expect(useSweepsStore.getState().settings.points).toBe(1024);
    expect(useSweepsStore.getState().messages.points).toBe('points must be a whole number in 8…1024; using 1024.');
    store.update({ points: 128 });
    expect(useSweepsStore.getState().settings.points).toBe(128);
    expect(useSweepsStore.getState().messages.points).toBeUndefined();
    store.update({ spectrum: { preset: 'cascade', eta: 7 } });
    expect(useSweepsStore.getState().settings.spectrum).toEqual({ preset: 'cascade', eta: 3 });
    // a stage checkbox turned back on lands last: put in order without a message
    store.update({ stages: ['cascade', 'diagram'] });
    expect(useSweepsStore.getState().settings.stages).toEqual(['diagram', 'cascade']);
    expect(useSweepsStore.getState().messages).toEqual({});
    store.replaceSettings(DEFAULT_SWEEPS_SETTINGS);

    useEscapeStore.getState().setSettings({ replicas: 10, steps: NaN });
    expect(useEscapeStore.getState().settings).toMatchObject({ replicas: 64, steps: 15_000 });
    expect(useEscapeStore.getState().messages).toEqual({
      replicas: 'replicas per T must be a whole number in 64…4096; using 64.',
      steps: "steps: 'NaN' is not a number; using 15000.",
    });
    useEscapeStore.getState().replaceSettings(DEFAULT_ESCAPE_SETTINGS);
  });
});
