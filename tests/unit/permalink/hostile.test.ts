/**
 * Issue 12: hostile links. Each case failed on the old decoder (1 GiB bomb inflated in full:
 * 34.7 s and +3 GiB in Node; 1 MB notices; repeated keys resolved two ways; weights for 3 nets
 * accepted for a 1-net setup; unknown hide names dropped silently; weights only in the query).
 */
import { describe, it, expect } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import {
  decodePermalink,
  decodeWeights,
  encodePermalink,
  encodeWeights,
  encodedSize,
  inflateCapped,
  encodeStateFile,
  linkNoticeMessage,
  MAX_LINK_KEYS,
  MAX_STATE_FILE_BYTES,
  STATE_FORMAT,
  stateFileToLink,
  MAX_WEIGHT_BYTES,
  MAX_WEIGHTS_TEXT,
  weightShapeOf,
  type SharedParameters,
} from '../../../src/permalink';
import { weightsBomb, zeroWeightsPayload } from '../../fixtures/weightsBomb';
import { defaults } from '../../fixtures/permalinkDefaults';

const shape = weightShapeOf(defaults); // 5 → 4 → 4 → 1

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t0 };
}

describe('deflate bombs in w=', () => {
  it('the fixture really is a bomb: 8 MiB of zeros behind a valid header', () => {
    const bytes = inflateRawSync(Buffer.from(weightsBomb(8), 'base64url'));
    expect(bytes.length).toBe(7 + 8 * 2 ** 20);
    expect([bytes[0], bytes[1], bytes[2], bytes.readUInt32LE(3)]).toEqual([1, 1, 1, 2 ** 21]);
  });

  it('1 GiB of zeros (1.4 MB of link) is refused at once with a clear notice', async () => {
    const text = weightsBomb(1024);
    expect(text.length).toBeGreaterThan(MAX_WEIGHTS_TEXT);
    const { value, ms } = await timed(() => decodeWeights(text, shape));
    expect(value).toEqual({ error: expect.stringMatching(/characters long, more than any network of this app needs/) });
    expect(ms).toBeLessThan(100);
    // through the link decoder: the w= value is refused before any inflation, and the page is told
    const decoded = decodePermalink(`?depth=2#w=${text}`, defaults);
    expect(decoded.extras.weights).toBeUndefined();
    expect(decoded.notices.join(' ')).toMatch(/link is too long|weights in the link are damaged or too long/);
  });

  it('a bomb short enough to pass the length check stops at the network size (100 MiB of zeros after valid weights)', async () => {
    // every layer of this network, well formed, then 100 MiB more zeros
    const text = weightsBomb(100, {}, zeroWeightsPayload(shape[0]));
    expect(text.length).toBeLessThan(MAX_WEIGHTS_TEXT);
    const before = process.memoryUsage().arrayBuffers;
    const { value, ms } = await timed(() => decodeWeights(text, shape));
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(value).toEqual({ error: `the weights in the link inflate to more than the ${encodedSize(shape)} bytes this network needs` });
    // the old decoder took 4.7 s and +285 MiB here; the cap stops after one ~1 MiB chunk
    expect(ms).toBeLessThan(1000);
    expect(grown).toBeLessThan(32 * 2 ** 20);
  });

  it('without a known network the cap is the largest network a valid link describes', async () => {
    expect(MAX_WEIGHT_BYTES).toBe(encodedSize(weightShapeOf({ depth: 3, width: 64, inputDim: 64, outputDim: 64, compareDepths: true })));
    const { value, ms } = await timed(() => decodeWeights(weightsBomb(100)));
    expect(value).toEqual({ error: expect.stringMatching(/inflate to more than the \d+ bytes the largest network needs/) });
    expect(ms).toBeLessThan(1000);
  });

  it('inflateCapped returns exactly the bytes under the cap, and null one byte over', async () => {
    const bytes = new Uint8Array(Buffer.from(weightsBomb(1), 'base64url'));
    const whole = await inflateCapped(bytes, 7 + 2 ** 20);
    expect([whole.complete, whole.bytes.length]).toEqual([true, 7 + 2 ** 20]);
    const cut = await inflateCapped(bytes, 6 + 2 ** 20);
    expect([cut.complete, cut.bytes.length, cut.bytes[0], cut.bytes[2]]).toEqual([false, 6 + 2 ** 20, 1, 1]);
  });

  it('weights for 3 networks given to a 1-network setup are refused with a notice', async () => {
    const three = weightShapeOf({ ...defaults, compareDepths: true });
    const text = await encodeWeights(three.map((layers) => layers.map((n) => new Float32Array(n).fill(0.1))));
    expect(await decodeWeights(text, shape)).toEqual({ error: 'the weights in the link are for 3 networks, this setup trains 1' });
    expect('weights' in (await decodeWeights(text, three))).toBe(true);
  });

  it('a header claiming a wrong layer size is refused before the layer is read', async () => {
    const text = weightsBomb(1, { layers: 3, length: 2 ** 30 });
    expect(await decodeWeights(text, shape)).toEqual({ error: 'layer 1 of network 1 in the link has 1073741824 weights, this setup needs 20' });
    const right = await encodeWeights([shape[0].map((n) => new Float32Array(n))]);
    expect(await decodeWeights(right, [[20, 16, 5]])).toEqual({ error: 'layer 3 of network 1 in the link has 4 weights, this setup needs 5' });
  });
});

describe('notices stay short', () => {
  it("whiten= + 1 000 000 × B + ' gives a notice of a few dozen characters (was 1 000 080)", () => {
    const huge = linkNoticeMessage(decodePermalink(`?whiten=${'B'.repeat(1_000_000)}'`, defaults).notices);
    expect(huge.length).toBeLessThan(300);
    expect(huge).toMatch(/too long/);
    // within the length limit the value is quoted, cut to 40 characters (the old cut matched the wrong quote)
    const long = linkNoticeMessage(decodePermalink(`?whiten=${'B'.repeat(100_000)}'`, defaults).notices);
    expect(long.length).toBeLessThan(300);
    expect(long).toMatch(/whiten: 'B{40}…' is not allowed/);
  });

  it('20 000 × depth=9 gives one short notice (was 920 KB)', () => {
    const { parameters, notices } = decodePermalink('?' + Array(20_000).fill('depth=9').join('&'), defaults);
    expect(parameters.depth).toBe(6);
    const text = linkNoticeMessage(notices);
    expect(text.length).toBeLessThan(400);
    expect(text).toMatch(new RegExp(`20000 keys; read the first ${MAX_LINK_KEYS}`));
    expect(text).toMatch(/depth \(64×\)/);
  });

  it('50 000 keys are cut at the length or key limit, fast', () => {
    const t0 = performance.now();
    const { notices } = decodePermalink('?' + Array.from({ length: 50_000 }, (_, i) => `k${i}=1`).join('&'), defaults);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(linkNoticeMessage(notices).length).toBeLessThan(300);
    const keys = decodePermalink('?' + Array.from({ length: 5_000 }, (_, i) => `k${i}=1`).join('&'), defaults).notices;
    expect(keys.join(' ')).toMatch(/5000 keys; read the first 64/);
  });

  it('more than 10 problems: the first 10 and "and N more"', () => {
    const keys = ['depth', 'width', 'in', 'out', 'ntrain', 'ntest', 'batch', 'seed', 'lr', 'gamma', 'noise', 'init', 'T'];
    const { notices } = decodePermalink('?' + keys.map((k) => `${k}=x`).join('&'), defaults);
    expect(notices).toHaveLength(13);
    const text = linkNoticeMessage(notices);
    expect(text).toMatch(/^This link had 13 problems: /);
    expect(text).toMatch(/…and 3 more\.$/);
    expect(text).not.toMatch(/noise:/);
  });
});

describe('defined rules: fragment, repeats, hide names', () => {
  it('Copy link puts the weights in the fragment; old links with w= in the query still decode', async () => {
    const text = await encodeWeights([shape[0].map((n) => new Float32Array(n).fill(0.25))]);
    const link = encodePermalink(defaults, { weights: text });
    expect(link).toMatch(/^\?v=1&depth=2&[^#]*#w=[A-Za-z0-9_-]+$/);
    expect(link.split('#')[0]).not.toMatch(/[?&]w=/);
    for (const form of [link, link.replace('#w=', '&w=')]) {
      const decoded = decodePermalink(form, defaults);
      expect(decoded.notices).toEqual([]);
      expect(decoded.extras.weights).toBe(text);
      expect('weights' in (await decodeWeights(decoded.extras.weights!, shape))).toBe(true);
    }
  });

  it('parameters in the fragment are read like the query; a repeated key takes its last value, with a notice', () => {
    expect(decodePermalink('#depth=3', defaults)).toMatchObject({ parameters: { depth: 3 }, notices: [] });
    const both = decodePermalink('?depth=1&gamma=0.3#depth=3', defaults);
    expect(both.parameters).toEqual({ depth: 3, gamma: 0.3 });
    expect(both.notices).toEqual(['Repeated link key depth (2×): used the last value of each.']);
  });

  it('v= follows the same last-wins rule as every key (it used to take the first)', () => {
    expect(decodePermalink('?v=2&v=1', defaults).notices.some((n) => /version/.test(n))).toBe(false);
    expect(decodePermalink('?v=1&v=2', defaults).notices.some((n) => /version '2'/.test(n))).toBe(true);
  });

  it('unknown hide= names get a notice; known ones are kept', () => {
    const { extras, notices } = decodePermalink('?hide=seed,nope,<b>,seed', defaults, { hideNames: ['seed', 'lr'] });
    expect(extras.hide).toEqual(['seed']);
    expect(notices).toEqual(["hide: no control is called 'nope', '<b>'; ignored."]);
  });
});

describe('state files (the fallback for links too long to share)', () => {
  it('a state file round-trips parameters, classroom extras and weights through the link decoder', async () => {
    const changed: SharedParameters = {
      ...defaults,
      depth: 3,
      width: 7,
      spectrum: [1, 0.5],
      inputDim: 6,
      outputDim: 2,
      gamma: 0.35,
      compareDepths: false,
      whiten: false,
    };
    const weights = await encodeWeights([weightShapeOf(changed)[0].map((n) => new Float32Array(n).fill(0.5))]);
    const file = encodeStateFile(changed, { view: 'live', hide: ['seed'], lecture: true }, weights);
    const result = stateFileToLink(file);
    expect('link' in result).toBe(true);
    const link = (result as { link: string }).link;
    expect(link).toMatch(/#w=[A-Za-z0-9_-]+$/);
    const decoded = decodePermalink(link, defaults, { hideNames: ['seed'] });
    expect(decoded.notices).toEqual([]);
    expect(decoded.parameters).toEqual(changed);
    expect(decoded.extras).toMatchObject({ view: 'live', hide: ['seed'], lecture: true, embed: false, weights });
  });

  it('hostile files are refused or repaired with notices, never applied raw', () => {
    expect(stateFileToLink('not json')).toEqual({ error: 'the file is not JSON' });
    expect(stateFileToLink('{"format":"something-else"}')).toMatchObject({ error: expect.stringMatching(/not an L2 Phase Lab state file/) });
    expect(stateFileToLink(' '.repeat(MAX_STATE_FILE_BYTES + 1))).toMatchObject({ error: expect.stringMatching(/at most/) });
    const bad = `{"format":"${STATE_FORMAT}","version":1,"parameters":{"depth":99,"width":"x","__proto__":7,"zzz":1}}`;
    // a __proto__ key is dropped by the schema: no parameters, nothing polluted
    expect(stateFileToLink(`{"format":"${STATE_FORMAT}","version":1,"parameters":{"__proto__":{"polluted":1}}}`)).toEqual({ link: '?' });
    const result = stateFileToLink(bad) as { link: string };
    const decoded = decodePermalink(result.link, defaults);
    expect(decoded.parameters).toEqual({ depth: 6, width: defaults.width });
    expect(decoded.notices.join(' ')).toMatch(/depth must be .*width: 'x' is not a number.*Ignored unknown link key: zzz/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
