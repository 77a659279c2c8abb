/**
 * Browser check of the Content-Security-Policy (issue 12): the BUILT app (vite build + vite preview,
 * as run.ts serves it) carries the policy as a meta tag and a header, loads, trains a few steps,
 * renders a KaTeX formula (data: fonts), and reports no CSP violation (securitypolicyviolation
 * events and console messages both watched from before the first script runs).
 */
import type { Browser } from 'playwright-core';
import type { Check } from './runner';
import { liveState, newPage, waitFor } from './harness';

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

export function cspChecks(session: () => { browser: Browser; url: string }): Check[] {
  return [
    {
      name: 'CSP: the built app runs under its Content-Security-Policy with no violation',
      ownPage: true,
      async run() {
        const { browser, url } = session();
        const page = await newPage(browser);
        const violations: string[] = [];
        await page.addInitScript(() => {
          const w = window as unknown as { __CSP__: string[] };
          w.__CSP__ = [];
          document.addEventListener('securitypolicyviolation', (e) =>
            w.__CSP__.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
          );
        });
        page.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
        });
        try {
          const response = await page.goto(`${url}?depth=2&chapter=3`);
          const header = response?.headers()['content-security-policy'] ?? '';
          expect(/script-src 'self' 'wasm-unsafe-eval'/.test(header) && !/'unsafe-eval'/.test(header), `preview header: "${header}"`);
          const meta = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
          expect(meta === header, `meta tag "${meta}" differs from the header`);
          const first = await waitFor(
            'training',
            () => liveState(page),
            (s) => s.snapshots > 0 && s.step > 0,
            30_000,
          );
          await waitFor(
            'a few more steps',
            () => liveState(page),
            (s) => s.step > first.step + 5,
            15_000,
          );
          await page.locator('[data-testid="chapter-formula"] .katex').first().waitFor({ timeout: 15_000 });
          await page.evaluate(() => document.fonts.ready);
          const events = await page.evaluate(() => (window as unknown as { __CSP__: string[] }).__CSP__);
          violations.push(...events);
          expect(violations.length === 0, `CSP violations: ${violations.slice(0, 5).join(' | ')}`);
          console.log(`    policy "${meta}"; trained to step ${(await liveState(page)).step}; no violation`);
        } finally {
          await page.close();
        }
      },
    },
  ];
}
