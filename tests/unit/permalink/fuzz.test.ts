/**
 * The malformed-link fuzz (issue 6), moved from 1 000 browser page loads (691 s of the e2e run) to
 * the decoder and the store's validation it feeds (issue 12): the same seeded corpus
 * (tests/fixtures/malformedLinks.ts), plus the hostile cases of the audit. For every link, as the
 * page applies it: no throw, a notice naming the problem, every store field valid, weights checked
 * against the network the link sets up. The browser keeps a few dozen real page loads.
 */
import { describe, it, expect } from 'vitest';
import {
  decodePermalink,
  decodeWeights,
  encodeWeights,
  linkNoticeMessage,
  parameterFields,
  repairField,
  weightShapeOf,
  type ParameterField,
} from '../../../src/permalink';
import { DEFAULT_PARAMETERS, validateParameters } from '../../../src/state/parameters';
import { HIDEABLE_CONTROLS, TEXT_FLAG } from '../../../src/session/classroom';
import { isViewId } from '../../../src/state/ui';
import { malformedLink } from '../../fixtures/malformedLinks';
import { weightsBomb } from '../../fixtures/weightsBomb';

const HIDE_NAMES = [...Object.keys(HIDEABLE_CONTROLS), TEXT_FLAG];
/** what the page's notice must say (tests/e2e/classroom.ts uses the same words) */
const NAMED = /problem|damaged|too long|could not|Ignored|version/i;

/** the page's applyLink, without the DOM: decode, validate into the store's rules, decode the weights */
async function applyLikeThePage(link: string) {
  const { params: current } = validateParameters(DEFAULT_PARAMETERS);
  const decoded = decodePermalink(link, current, { hideNames: HIDE_NAMES });
  const { params } = validateParameters({ ...current, ...decoded.parameters });
  const notices = [...decoded.notices];
  if (decoded.extras.view !== undefined && !isViewId(decoded.extras.view)) notices.push(`view: '${decoded.extras.view}' is not a view of this app`);
  let weights = false;
  if (decoded.extras.weights) {
    const result = await decodeWeights(decoded.extras.weights, weightShapeOf(params));
    if ('error' in result) notices.push(`Could not restore the trained state: ${result.error}`);
    else weights = true;
  }
  const invalid = (Object.keys(parameterFields) as ParameterField[]).filter((f) => repairField(f, params[f], params[f] as never).message);
  return { notices, invalid, weights, extras: decoded.extras };
}

describe('malformed-link fuzz against the decoder and the store', () => {
  it('2 000 seeded malformed links (1 000 page-load forms, 1 000 in-page with huge pieces): a short notice each, valid store', async () => {
    const started = performance.now();
    const failures: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const link = malformedLink(i, i >= 1000);
      try {
        const { notices, invalid } = await applyLikeThePage(link);
        const message = linkNoticeMessage(notices);
        if (notices.length === 0 || !NAMED.test(message)) failures.push(`#${i} ${link.slice(0, 60)}: no notice naming the problem (${message.slice(0, 80)})`);
        if (message.length > 3000) failures.push(`#${i}: notice of ${message.length} characters`);
        if (invalid.length > 0) failures.push(`#${i} ${link.slice(0, 60)}: invalid ${invalid.join(', ')}`);
      } catch (error) {
        failures.push(`#${i} ${link.slice(0, 60)} threw ${String(error)}`);
      }
    }
    const perLink = (performance.now() - started) / 2000;
    expect(failures.slice(0, 5)).toEqual([]);
    // the browser took ~0.69 s per page load
    expect(perLink).toBeLessThan(20);
    console.log(`    2000 links, ${perLink.toFixed(2)} ms per link`);
  });

  it('the audit’s hostile links: each gives a short notice and leaves a valid store', async () => {
    const bomb = weightsBomb(100);
    const valid = await encodeWeights(weightShapeOf(DEFAULT_PARAMETERS).map((layers) => layers.map((n) => new Float32Array(n).fill(0.1))));
    const hostile = [
      `?whiten=${'B'.repeat(1_000_000)}'`,
      `?whiten=${'B'.repeat(100_000)}'`,
      '?' + Array(20_000).fill('depth=9').join('&'),
      '?' + Array.from({ length: 50_000 }, (_, i) => `k${i}=1`).join('&'),
      `?v=1#w=${weightsBomb(1024)}`,
      `?v=1#w=${bomb}`,
      `?v=1&w=${bomb}`,
      `?compare=1#w=${valid}`, // weights of 1 network for a 3-network setup
      '?hide=seed,frobnicate',
      '?v=2&v=1&v=1',
      '#depth=1&ntrain=abc',
      `?${'%ff'.repeat(60_000)}=1`,
      '?__proto__=1&constructor=2&toString=3',
    ];
    for (const link of hostile) {
      const t0 = performance.now();
      const { notices, invalid, weights } = await applyLikeThePage(link);
      const ms = performance.now() - t0;
      const message = linkNoticeMessage(notices);
      expect(notices.length, link.slice(0, 40)).toBeGreaterThan(0);
      expect(message.length, link.slice(0, 40)).toBeLessThan(600);
      expect(invalid, link.slice(0, 40)).toEqual([]);
      expect(weights, link.slice(0, 40)).toBe(false);
      expect(ms, link.slice(0, 40)).toBeLessThan(1500);
    }
    expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
    // and the same weights for the right setup are applied
    expect((await applyLikeThePage(`?v=1#w=${valid}`)).weights).toBe(true);
  });
});
