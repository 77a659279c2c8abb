/**
 * Issue 12: `?k0=1&…&k49999=1` hung every later navigation of the origin for minutes. Workbox's
 * precache lookup strips each ignored query parameter with URLSearchParams.delete, one by one
 * (quadratic: 28 s at 16 000 keys with the old [/.*\/]). The app's routing must generate the lookup
 * variations of such a URL in linear time, and still route every navigation to index.html.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { generateURLVariations } from 'workbox-precaching/utils/generateURLVariations.js';
import { CONTENT_SECURITY_POLICY, workboxRouting } from '../../../vite.config';

beforeAll(() => {
  // workbox resolves URLs against the service worker's location
  (globalThis as unknown as { location: { href: string } }).location ??= { href: 'http://127.0.0.1/' };
});

function variationsMs(keys: number, ignore: RegExp[]): number {
  const url = 'http://127.0.0.1/?' + Array.from({ length: keys }, (_, i) => `k${i}=1`).join('&');
  const t0 = performance.now();
  for (const _ of generateURLVariations(url, { ignoreURLParametersMatching: ignore, directoryIndex: 'index.html', cleanURLs: true })) void _;
  return performance.now() - t0;
}

describe('service worker routing', () => {
  it('50 000 query keys: the precache lookup stays linear (was quadratic: minutes)', () => {
    expect(workboxRouting.ignoreURLParametersMatching.every((r) => !r.test('k1') && !r.test('depth'))).toBe(true);
    expect(variationsMs(50_000, workboxRouting.ignoreURLParametersMatching)).toBeLessThan(1000);
    // the old setting on a small link already shows the growth: 2 000 keys cost far more than 50 000 now
    expect(variationsMs(2_000, [/.*/])).toBeGreaterThan(variationsMs(2_000, workboxRouting.ignoreURLParametersMatching) * 20);
  });
  it('every navigation, whatever its query, falls back to the cached index.html', () => {
    expect(workboxRouting.navigateFallback).toBe('index.html');
  });
});

describe('content security policy', () => {
  it('allows what the app needs and no eval', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'/);
    expect(directives['font-src']).toContain('data:');
    expect(directives['img-src']).toEqual(expect.arrayContaining(['data:', 'blob:']));
    expect(directives['connect-src']).toEqual(["'self'"]);
  });
});
