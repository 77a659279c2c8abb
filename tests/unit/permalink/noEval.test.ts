/**
 * The Content-Security-Policy has no 'unsafe-eval' (vite.config.ts). zod compiles object parsers
 * with `new Function` unless told not to, and its probe alone is reported as a CSP violation in
 * the browser: the permalink code must never construct a Function.
 */
import { describe, it, expect, vi } from 'vitest';

describe('no eval in the link code', () => {
  it('decoding links and state files constructs no Function', async () => {
    const calls: string[] = [];
    const Original = globalThis.Function;
    globalThis.Function = new Proxy(Original, {
      construct(target, args) {
        calls.push(String(args.at(-1)).slice(0, 60));
        return Reflect.construct(target, args);
      },
      apply(target, self, args) {
        calls.push(String(args.at(-1)).slice(0, 60));
        return Reflect.apply(target, self, args);
      },
    });
    try {
      vi.resetModules();
      const m = await import('../../../src/permalink');
      const state = m.encodeStateFile({ depth: 2 } as never, { view: 'live' });
      expect('link' in m.stateFileToLink(state)).toBe(true);
      m.stateFileToLink(state);
      m.decodePermalink('?depth=3&gamma=x', { depth: 2, gamma: 0.2 } as never);
    } finally {
      globalThis.Function = Original;
    }
    expect(calls).toEqual([]);
  });
});
