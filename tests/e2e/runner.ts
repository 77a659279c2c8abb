/**
 * The e2e runner: every check runs in browser contexts of its own (nothing leaks from one check to
 * the next: no page, storage, service worker or app state), under its own timeout, and fails on a
 * console error in the pages the runner opened for it. At the end: "N passed, M failed".
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { liveState, newPage, waitFor } from './harness';

export interface CheckContext {
  browser: Browser;
  /** the app's address (served by vite preview) */
  url: string;
  artifacts: string;
  /** open `url` (default: the app) in a new context of this check and wait until it trains */
  open(url?: string, viewport?: { width: number; height: number }): Promise<Page>;
}

export interface Check {
  name: string;
  /** default DEFAULT_TIMEOUT_MS: a net against hangs, generous for a loaded machine (waits inside a check have their own limits) */
  timeoutMs?: number;
  /** true: the check opens its own pages (`page` is then a blank page in a fresh context) */
  ownPage?: boolean;
  run(page: Page, ctx: CheckContext): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 180_000;
/** errors a check provokes on purpose */
const EXPECTED_ERRORS = /simulated worker crash/;

export interface CheckResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

class CheckTimeout extends Error {}

/** the app in a page of a fresh context, once it shows training (a first snapshot with steps) */
async function openApp(browser: Browser, url: string, errors: string[], viewport = { width: 1440, height: 1000 }): Promise<Page> {
  const page = await newPage(browser, viewport);
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await waitFor(
    'the first snapshot',
    () => liveState(page),
    (s) => s.snapshots > 0 && s.step > 0,
    30_000,
  );
  return page;
}

export async function runCheck(browser: Browser, url: string, artifacts: string, check: Check, index: number): Promise<CheckResult> {
  const before = new Set<BrowserContext>(browser.contexts());
  const errors: string[] = [];
  const ctx: CheckContext = { browser, url, artifacts, open: (address = url, viewport) => openApp(browser, address, errors, viewport) };
  const t0 = Date.now();
  const timeoutMs = check.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let page: Page | null = null;
  const body = (async () => {
    page = check.ownPage ? await newPage(browser) : await ctx.open();
    await check.run(page, ctx);
  })();
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`timed out after ${timeoutMs / 1000} s`)), timeoutMs);
  });
  let result: CheckResult;
  try {
    await Promise.race([body, timeout]);
    const unexpected = errors.filter((e) => !EXPECTED_ERRORS.test(e));
    if (unexpected.length > 0) throw new Error(`console errors: ${unexpected.slice(0, 5).join(' | ')}`);
    result = { name: check.name, ok: true, ms: Date.now() - t0 };
  } catch (error) {
    result = { name: check.name, ok: false, ms: Date.now() - t0, error: error instanceof Error ? error.message : String(error) };
    const shot = page as Page | null;
    if (shot && !shot.isClosed()) await shot.screenshot({ path: `${artifacts}/e2e-failed-${index + 1}.png`, fullPage: true, timeout: 5000 }).catch(() => {});
  } finally {
    clearTimeout(timer);
  }
  // close whatever the check opened (also after a timeout: that ends its pending browser calls)
  await Promise.all(
    browser
      .contexts()
      .filter((c) => !before.has(c))
      .map((c) => c.close().catch(() => {})),
  );
  body.catch(() => {}); // a timed-out check's own rejection, once its contexts are gone
  return result;
}

export async function runChecks(browser: Browser, url: string, artifacts: string, checks: Check[], only: string[] | null): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const [index, check] of checks.entries()) {
    if (only && !only.some((o) => check.name.includes(o))) continue;
    const result = await runCheck(browser, url, artifacts, check, index);
    results.push(result);
    console.log(result.ok ? `✓ ${check.name} (${result.ms} ms)` : `✗ ${check.name} (${result.ms} ms): ${result.error}`);
  }
  return results;
}
