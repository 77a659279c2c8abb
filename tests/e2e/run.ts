/**
 * Browser end-to-end checks (npm run test:e2e): builds with `vite build`, serves with `vite preview`
 * on a free port, drives Debian's Chromium headless with playwright-core. Every check gets its own
 * browser context and page (runner.ts) and its own timeout; the run prints "N passed, M failed" and
 * exits non-zero on failure. Screenshots go to artifacts/ (gitignored).
 *   npx tsx tests/e2e/run.ts [--skip-build] [--only name,name]
 * To add checks: a file exporting a function that returns Check[] (runner.ts), and one line below.
 */
import { mkdirSync } from 'node:fs';
import { buildAndServe, launch } from './harness';
import { runChecks, type Check } from './runner';
import { liveChecks } from './live';
import { viewChecks } from './views';
import { classroomChecks } from './classroom';
import { cspChecks } from './csp';
import { layoutChecks } from './layout';
import { sceneChecks } from './scenes';
import { linkChecks } from './links';
import { papersChecks } from './papers';

const ARTIFACTS = 'artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

/** set in main(); checks that open their own pages read the browser and the address from here */
let session: { browser: import('playwright-core').Browser; url: string };

const checks: Check[] = [
  ...liveChecks(ARTIFACTS),
  ...viewChecks(ARTIFACTS),
  ...classroomChecks(ARTIFACTS, () => session),
  ...cspChecks(() => session),
  ...layoutChecks(ARTIFACTS, () => session),
  ...sceneChecks(),
  ...linkChecks(),
  ...papersChecks(),
];

async function main(): Promise<void> {
  const started = Date.now();
  const args = process.argv.slice(2);
  const skipBuild = args.includes('--skip-build');
  const onlyArg = args[args.indexOf('--only') + 1];
  const only = args.includes('--only') && onlyArg ? onlyArg.split(',') : null;
  const { url, server } = await buildAndServe(skipBuild);
  const browser = await launch();
  session = { browser, url };
  let passed: number;
  let failed: number;
  try {
    const results = await runChecks(browser, url, ARTIFACTS, checks, only);
    passed = results.filter((r) => r.ok).length;
    failed = results.length - passed;
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s including the build)`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
