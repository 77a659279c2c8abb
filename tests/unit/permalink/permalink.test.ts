import { describe, it, expect } from 'vitest';
import { randomLcg } from 'd3-random';
import { decodePermalink, decodeWeights, encodePermalink, encodeWeights, parameterFields, type SharedParameters } from '../../../src/permalink';
import { defaults } from '../../fixtures/permalinkDefaults';
import { KEYS } from '../../fixtures/malformedLinks';

function expectValid(parameters: Partial<SharedParameters>) {
  for (const [key, value] of Object.entries(parameters)) {
    const schema = parameterFields[key as keyof SharedParameters];
    expect(schema.safeParse(value).success, `${key} = ${JSON.stringify(value)}`).toBe(true);
  }
}

describe('permalink round trip', () => {
  it('every parameter and extra survives encode → decode', () => {
    const changed: SharedParameters = {
      ...defaults,
      depth: 3,
      width: 7,
      activation: 'tanh',
      spectrum: [1, 0.6, 0.3],
      inputDim: 6,
      outputDim: 3,
      optimizer: 'langevin',
      temperature: 0.004,
      lr: 0.05,
      seed: 12345,
      gamma: 0.3512,
      gammaScale: 'log',
      compareDepths: true,
      whiten: false,
    };
    const link = encodePermalink(changed, { view: 'live', chapter: 3, hide: ['seed', 'optimizer'], embed: true, lecture: true });
    expect(link).toContain('depth=3');
    expect(link).toContain('spectrum=1,0.6,0.3');
    expect(link).toContain('gamma=0.3512');
    const decoded = decodePermalink(link, defaults);
    expect(decoded.notices).toEqual([]);
    expect(decoded.parameters).toEqual(changed);
    expect(decoded.extras).toEqual({ view: 'live', chapter: 3, hide: ['seed', 'optimizer'], embed: true, lecture: true });
  });

  it('weights round-trip exactly through the compressed link form', async () => {
    const trainers = [[Float32Array.from([0.1, -0.2, 3.5e-8, 1]), Float32Array.from([0.25, 0.75])], [Float32Array.from([Math.PI])]];
    const text = await encodeWeights(trainers);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    const decoded = await decodeWeights(text);
    expect('weights' in decoded && decoded.weights).toEqual(trainers);
  });
});

describe('bad links: never throw, always explain', () => {
  it('clamps out-of-range values and replaces malformed ones, with a notice each', () => {
    const { parameters, notices } = decodePermalink('?depth=40&width=-3&lr=abc&gamma=1e400&spectrum=1,x,-2&act=sigmoidz&whiten=maybe', defaults);
    expect(parameters.depth).toBe(6);
    expect(parameters.width).toBe(1);
    expect(parameters.lr).toBe(defaults.lr);
    expect(parameters.gamma).toBe(defaults.gamma);
    expect(parameters.spectrum).toEqual([1]);
    expect(parameters.activation).toBe('linear');
    expect(parameters.whiten).toBe(true);
    expect(notices.length).toBe(7);
  });
  it('ignores unknown keys and reports a wrong version', () => {
    const { parameters, notices } = decodePermalink('?v=99&depth=1&<script>=1&foo=bar', defaults);
    expect(parameters).toEqual({ depth: 1 });
    expect(notices.some((n) => n.includes('version'))).toBe(true);
    expect(notices.some((n) => n.includes('unknown'))).toBe(true);
  });
  it('truncated and damaged weights are reported, not thrown', async () => {
    const text = await encodeWeights([[new Float32Array(64).fill(0.5)]]);
    for (const damaged of [text.slice(0, text.length >> 1), 'AAAA', text.slice(3), '_-_-']) {
      const decoded = await decodeWeights(damaged);
      expect('error' in decoded).toBe(true);
    }
  });

  it('fuzz: 1 500 generated malformed links decode to valid parameters without throwing', async () => {
    const random = randomLcg(20261124);
    const keys = [...KEYS, 'view', 'chapter', 'hide', 'embed', 'lecture', 'w', 'v', 'zzz'];
    const nasty = [
      'NaN',
      'Infinity',
      '-Infinity',
      '1e308',
      '-1e308',
      '1e-320',
      '',
      ' ',
      '0x10',
      '１',
      '<img src=x onerror=alert(1)>',
      "'; DROP TABLE",
      '%00',
      '%E0%A4%A',
      '../../etc',
      '{"a":1}',
      '1,2,,3',
      ',,,',
      '9'.repeat(400),
      'true',
      'null',
      'undefined',
      '-0',
      '2.5',
      '7',
    ];
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
    const randomBytes = (n: number) => Array.from({ length: n }, () => String.fromCharCode(Math.floor(random() * 256))).join('');
    const weights = await encodeWeights([[new Float32Array(40).fill(0.3)]]);
    let withNotices = 0;
    for (let i = 0; i < 1500; i++) {
      let link: string;
      const kind = i % 5;
      if (kind === 0) link = '?' + randomBytes(Math.floor(random() * 200));
      else if (kind === 1)
        link = '?' + Array.from({ length: 1 + Math.floor(random() * 8) }, () => `${pick(keys)}=${encodeURIComponent(pick(nasty))}`).join('&');
      else if (kind === 2) link = `?v=${pick(['0', '2', 'x', '1.0', ''])}&depth=${pick(nasty)}`;
      else if (kind === 3) link = `?v=1&w=${weights.slice(0, Math.floor(random() * weights.length))}${pick(['', '!', '%', '=='])}`;
      else link = '#' + randomBytes(20) + '&' + pick(keys) + '=' + (random() * 1e12 - 5e11);
      const decoded = decodePermalink(link, defaults);
      expectValid(decoded.parameters);
      if (decoded.extras.weights) await decodeWeights(decoded.extras.weights);
      if (decoded.notices.length > 0) withNotices++;
    }
    // almost every generated link is malformed somewhere; the few that happen to be valid need no notice
    expect(withNotices).toBeGreaterThan(1000);
  });
});
