/**
 * Browser end-to-end checks (npm run test:e2e): builds with `vite build`, serves with `vite preview`
 * on a free port, drives Debian's Chromium headless with playwright-core, prints
 * "N passed, M failed" and exits non-zero on failure. Screenshots go to artifacts/ (gitignored).
 *   npx tsx tests/e2e/run.ts [--skip-build] [--only name,name]
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildAndServe, dragGammaTo, launch, liveState, newPage, waitFor } from './harness';
import { viewChecks } from './views';
import { classroomChecks } from './classroom';
import { layoutChecks } from './layout';

const ARTIFACTS = 'artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

interface Check {
  name: string;
  run(page: Page): Promise<void>;
}

const consoleErrors: string[] = [];
/** set in main(): checks that need a fresh page open the app again */
let session: { browser: Browser; url: string };

interface ParametersHandle {
  __L2LAB__: { parameters: { getState(): Record<string, unknown> }; controller: { pause(): void; play(): void } };
  __L2LAB_LAST_LINK__?: string;
}

async function parametersOf(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => {
    const { update: _u, resetToDefaults: _r, messages: _m, ...rest } = (window as unknown as ParametersHandle).__L2LAB__.parameters.getState();
    return JSON.parse(JSON.stringify(rest));
  });
}

async function copyLink(page: Page, withWeights: boolean): Promise<string> {
  await page.evaluate(() => delete (window as unknown as ParametersHandle).__L2LAB_LAST_LINK__);
  await page.getByTestId('copy-with-weights').setChecked(withWeights);
  await page.getByTestId('copy-link').click();
  return waitFor('the copied link', () => page.evaluate(() => (window as unknown as ParametersHandle).__L2LAB_LAST_LINK__ ?? ''), (link) => link.length > 0, 5000);
}

async function openApp(browser: Browser, url: string): Promise<Page> {
  const page = await newPage(browser);
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await waitFor('the first snapshot', () => liveState(page), (s) => s.snapshots > 0 && s.step > 0, 30_000);
  return page;
}

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

const checks: Check[] = [
  {
    name: 'loads, shows the backend and trains (step count grows)',
    async run(page) {
      const badge = await page.getByTestId('backend').innerText();
      expect(/wasm|webgl|cpu|webgpu/i.test(badge), `backend badge says "${badge}"`);
      expect(/SwiftShader fallback adapter: using wasm/.test(badge), `badge should give the reason, got "${badge}"`);
      const first = Number((await page.getByTestId('step-count').innerText()).replace(/,/g, ''));
      await page.waitForTimeout(1000);
      const second = Number((await page.getByTestId('step-count').innerText()).replace(/,/g, ''));
      expect(second > first, `step count did not grow: ${first} → ${second}`);
      console.log(`    backend: ${badge.replace(/\s+/g, ' ')}; steps in 1 s: ${second - first}`);
      await page.screenshot({ path: `${ARTIFACTS}/e2e-loaded.png`, fullPage: true });
    },
  },
  {
    name: 'the γ slider moves γ (keyboard) and the trace',
    async run(page) {
      const before = await page.getByTestId('gamma-value').innerText();
      const traceBefore = (await liveState(page)).traceLength;
      const slider = page.getByTestId('gamma-slider');
      await slider.focus();
      for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
      const after = await page.getByTestId('gamma-value').innerText();
      expect(after !== before, `gamma-value unchanged: ${before}`);
      const valueText = await slider.getAttribute('aria-valuetext');
      expect(valueText === after, `aria-valuetext "${valueText}" ≠ shown "${after}"`);
      await waitFor('the trace to grow', () => liveState(page), (s) => s.traceLength > traceBefore, 5000);
      const g = await waitFor('snapshots with the new γ', () => liveState(page), (s) => Math.abs(s.gamma - 0.2) > 1e-3, 5000);
      console.log(`    ${before} → ${after}; snapshot γ = ${g.gamma.toFixed(4)}`);
    },
  },
  {
    name: 'D = 2: up-then-down drag leaves p on the other branch (hysteresis)',
    async run(page) {
      await dragGammaTo(page, 0.2, 5, 20);
      const start = await waitFor('learned state at γ = 0.2', () => liveState(page), (s) => Math.abs(s.gamma - 0.2) < 1e-3 && s.p[0] > 0.7, 15_000);
      await dragGammaTo(page, 0.6, 50, 40); // past γ_sp ≈ 0.4725
      await waitFor('collapse to p ≈ 0 past the spinodal', () => liveState(page), (s) => Math.abs(s.p[0]) < 0.02, 15_000);
      await page.screenshot({ path: `${ARTIFACTS}/e2e-d2-collapsed.png`, fullPage: true });
      await dragGammaTo(page, 0.2, 50, 40);
      await waitFor('γ back at 0.2', () => liveState(page), (s) => Math.abs(s.gamma - 0.2) < 1e-3, 5000);
      await page.waitForTimeout(2000); // time to re-learn, if it could
      const end = await liveState(page);
      expect(start.p[0] > 0.7 && Math.abs(end.p[0]) < 0.02, `p at γ = 0.2: ${start.p[0].toFixed(4)} before, ${end.p[0].toFixed(4)} after`);
      const shown = await page.getByTestId('order-parameter').innerText();
      console.log(`    p₁ at γ = 0.2: ${start.p[0].toFixed(4)} before the loop, ${end.p[0].toFixed(4)} after; readout "${shown}"; trace points ${end.traceLength}`);
      await page.screenshot({ path: `${ARTIFACTS}/e2e-d2-hysteresis.png`, fullPage: true });
    },
  },
  {
    name: 'D = 1: the same loop returns to the learned branch',
    async run(page) {
      await page.getByTestId('depth').selectOption('1');
      await waitFor('the D = 1 run', () => liveState(page), (s) => s.depths[0] === 1 && s.step > 0, 15_000);
      // Full speed: the default whisper of Langevin noise (T = 1e-8) keeps the unstable origin from
      // becoming an exact float32 zero, so the return below γ = η is the physics, not luck.
      await dragGammaTo(page, 0.2, 5, 20);
      const start = await waitFor('learned state p ≈ 0.8', () => liveState(page), (s) => Math.abs(s.gamma - 0.2) < 1e-3 && Math.abs(s.p[0] - 0.8) < 0.02, 15_000);
      await dragGammaTo(page, 1.1, 40, 40); // past γ_c = η = 1
      await waitFor('p → 0 past γ_c', () => liveState(page), (s) => Math.abs(s.p[0]) < 0.05, 15_000);
      await dragGammaTo(page, 0.2, 40, 40);
      const end = await waitFor('p back near 0.8', () => liveState(page), (s) => Math.abs(s.gamma - 0.2) < 1e-3 && Math.abs(s.p[0] - 0.8) < 0.02, 15_000);
      console.log(`    p₁ at γ = 0.2: ${start.p[0].toFixed(4)} before, ${end.p[0].toFixed(4)} after (theory 0.8)`);
      await page.screenshot({ path: `${ARTIFACTS}/e2e-d1-loop.png`, fullPage: true });
    },
  },
  {
    name: 'a link round-trips: parameters, and with weights the exact state mid-hysteresis-loop',
    async run(page) {
      await page.getByTestId('depth').selectOption('2');
      await waitFor('the D = 2 run', () => liveState(page), (s) => s.depths[0] === 2 && s.step > 0, 15_000);
      await dragGammaTo(page, 0.2, 5, 20);
      await waitFor('learned at γ = 0.2', () => liveState(page), (s) => s.p[0] > 0.7, 15_000);
      await dragGammaTo(page, 0.6, 40, 30);
      await waitFor('collapsed past γ_sp', () => liveState(page), (s) => Math.abs(s.p[0]) < 0.02, 15_000);
      await dragGammaTo(page, 0.3, 30, 30);
      await waitFor('γ = 0.3 on the trivial branch', () => liveState(page), (s) => Math.abs(s.gamma - 0.3) < 2e-3, 5000);
      await page.evaluate(() => (window as unknown as ParametersHandle).__L2LAB__.controller.pause());
      await page.waitForTimeout(300);
      const source = await liveState(page);
      const sourceParameters = await parametersOf(page);
      const address = new URL(page.url()).searchParams;
      expect(address.get('depth') === '2' && Math.abs(Number(address.get('gamma')) - source.gamma) < 1e-9, `address bar not in step: ${page.url()}`);

      const withWeights = await copyLink(page, true);
      const plain = await copyLink(page, false);
      await page.evaluate(() => {
        const lab = (window as unknown as ParametersHandle).__L2LAB__;
        lab.controller.play();
        (lab.parameters.getState() as unknown as { update(p: { gamma: number }): void }).update({ gamma: 0.2 });
      });
      expect(/[?&]w=/.test(withWeights) && !/[?&]w=/.test(plain), 'only the "with weights" link carries weights');

      const recipient = await openApp(session.browser, withWeights);
      const landed = await liveState(recipient);
      const recipientParameters = await parametersOf(recipient);
      for (const key of ['depth', 'width', 'gamma', 'lr', 'seed', 'spectrum', 'temperature', 'optimizer', 'inputDim', 'outputDim']) {
        expect(JSON.stringify(recipientParameters[key]) === JSON.stringify(sourceParameters[key]), `${key}: ${JSON.stringify(recipientParameters[key])} vs ${JSON.stringify(sourceParameters[key])}`);
      }
      expect(Math.abs(landed.p[0] - source.p[0]) < 1e-4, `order parameter: sender ${source.p[0]}, recipient ${landed.p[0]}`);
      await recipient.waitForTimeout(1500);
      const later = await liveState(recipient);
      expect(Math.abs(later.p[0]) < 0.02, `the recipient stays on the trivial branch: p = ${later.p[0]}`);
      await recipient.close();

      // without weights the same link trains from the seed and learns: the weights are what carried the loop
      const fresh = await openApp(session.browser, plain);
      const learned = await waitFor('a fresh run to learn at γ = 0.3', () => liveState(fresh), (s) => s.p[0] > 0.6, 15_000);
      console.log(`    p at γ = 0.3: sender ${source.p[0].toFixed(6)}, recipient with weights ${landed.p[0].toFixed(6)} → ${later.p[0].toFixed(6)}, link without weights ${learned.p[0].toFixed(4)}`);
      await fresh.close();
    },
  },
  {
    name: 'a malformed link renders with a notice that says what was changed, and no console error',
    async run() {
      const bad = `${session.url}?v=7&depth=abc&gamma=1e999&width=-3&spectrum=-1,x&act=sigmoid&zzz=%3Cscript%3Ealert(1)%3C/script%3E&w=AAAA`;
      const page = await openApp(session.browser, bad);
      const notice = await page.getByTestId('notice').innerText();
      expect(/problem/.test(notice) && /depth/.test(notice) && /width/.test(notice), `notice: ${notice}`);
      const parameters = await parametersOf(page);
      expect(parameters.depth === 2 && parameters.width === 1 && parameters.gamma === 0.2, `parameters: ${JSON.stringify(parameters)}`);
      await page.screenshot({ path: `${ARTIFACTS}/e2e-bad-link.png` });
      await page.close();
    },
  },
  {
    name: 'a three-feature spectrum shows three order parameters, their thresholds, and a log γ scale',
    async run(page) {
      await page.locator('#spectrum').fill('1, 0.6, 0.3');
      await page.locator('#spectrum').press('Enter');
      // the readout lists one p per feature of the new dataset
      const readout = await waitFor('three order parameters', () => page.getByTestId('order-parameter').innerText(), (t) => /p₃ = /.test(t), 15_000);
      expect(/p₁ = .*p₂ = .*p₃ = /.test(readout), `readout: ${readout}`);
      const marks = await page.locator('.gamma-mark').allInnerTexts();
      // one γc per feature (and one γsp per feature when D ≥ 2), from the empirical singular values
      expect(marks.filter((m) => /γc[₁₂₃]/.test(m)).length === 3, `marks: ${marks.join(' | ')}`);
      await page.getByTestId('gamma-scale-log').click();
      const position = Number(await page.getByTestId('gamma-slider').inputValue());
      const max = Number(await page.getByTestId('gamma-slider').getAttribute('data-gamma-max'));
      // γ = 0.2 on a log scale 0.001…max sits at log(0.2/0.001)/log(max/0.001) of the track
      const expected = Math.log(0.2 / 0.001) / Math.log(max / 0.001);
      expect(Math.abs(position / 2000 - expected) < 0.01, `log position ${position}/2000, expected ${expected.toFixed(3)} for max ${max}`);
      expect((await page.getByTestId('gamma-value').innerText()).includes('0.2'), 'γ unchanged by the scale switch');
      await page.screenshot({ path: `${ARTIFACTS}/e2e-three-features-log.png`, fullPage: true });
      await page.getByTestId('gamma-scale-linear').click();
      await page.locator('#spectrum').fill('1');
      await page.locator('#spectrum').press('Enter');
      await waitFor('one feature again', () => liveState(page), (s) => s.step > 0, 15_000);
    },
  },
  {
    name: 'compare depths runs D = 1, 2, 3 side by side',
    async run(page) {
      await page.getByTestId('compare-depths').check();
      await waitFor('three runs', () => liveState(page), (s) => s.depths.join() === '1,2,3' && s.step > 0, 20_000);
      await page.waitForSelector('[data-testid="phase-chart-2"]');
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `${ARTIFACTS}/e2e-compare.png`, fullPage: true });
      await page.getByTestId('compare-depths').uncheck();
      await waitFor('one run', () => liveState(page), (s) => s.depths.length === 1, 20_000);
    },
  },
  {
    name: 'divergence pauses, restores weights and says to lower the learning rate',
    async run(page) {
      const lr = page.getByTestId('lr');
      await lr.fill('8'); // 2·lr·γ > 2: even the stable origin blows up, so it diverges from any state
      await lr.press('Enter');
      const notice = page.getByTestId('notice');
      await notice.waitFor({ timeout: 15_000 });
      const text = await notice.innerText();
      expect(/diverged/i.test(text) && /learning rate/i.test(text), `notice: ${text}`);
      const s = await liveState(page);
      expect(!s.running, 'training should be paused after divergence');
      expect(s.p.every(Number.isFinite), `restored state should be finite, p = ${s.p}`);
      await page.screenshot({ path: `${ARTIFACTS}/e2e-diverged.png` });
      await lr.fill('0.1');
      await lr.press('Enter');
      await page.getByTestId('play-pause').click();
      await waitFor('training again', () => liveState(page), (x) => x.running, 5000);
      expect((await page.getByTestId('notice').count()) === 0, 'the divergence notice should clear on play');
    },
  },
  {
    name: 'a crashed worker is respawned on the next backend with the saved weights',
    async run(page) {
      await waitFor('a learned state', () => liveState(page), (s) => s.running && s.p[0] > 0.7, 15_000);
      await page.waitForTimeout(3500); // the main thread saves weights every 3 s
      const before = await liveState(page);
      await page.evaluate(() => (window as unknown as { __L2LAB__: { controller: { crashWorkerForTesting(): void } } }).__L2LAB__.controller.crashWorkerForTesting());
      const notice = await waitFor('the restart notice', () => page.getByTestId('notice').innerText().catch(() => ''), (t) => /Restarted/.test(t), 10_000);
      expect(/Restarted training on webgl/.test(notice), `notice: ${notice}`);
      const after = await waitFor('the respawned worker', () => liveState(page), (s) => s.backend === 'webgl' && s.snapshots > before.snapshots, 30_000);
      // restored weights: still on the learned branch right away (a fresh init would start near p ≈ 0.1–0.5)
      expect(Math.abs(after.p[0] - before.p[0]) < 0.02, `p before ${before.p[0]}, after ${after.p[0]}`);
      console.log(`    ${notice.replace(/\s+/g, ' ').slice(0, 140)}; p ${before.p[0].toFixed(4)} → ${after.p[0].toFixed(4)}`);
      await page.getByTestId('backend-select').selectOption('wasm');
      await waitFor('back on wasm', () => liveState(page), (s) => s.backend === 'wasm', 30_000);
    },
  },
  {
    name: 'forcing WebGPU (SwiftShader) through the override trains a few steps',
    async run(page) {
      await page.getByTestId('backend-select').selectOption('webgpu');
      await waitFor('the webgpu backend', () => liveState(page), (s) => s.backend === 'webgpu', 60_000, 250);
      const badge = await page.getByTestId('backend').innerText();
      expect(/webgpu/i.test(badge) && /chosen by you/.test(badge), `badge: ${badge}`);
      // the respawned worker's trainer counts from 0, and the store may still hold the old worker's
      // last step: track the smallest step seen since the switch and wait for 5 steps beyond it
      let first = Infinity;
      const later = await waitFor(
        'a few webgpu steps',
        () => liveState(page),
        (s) => {
          first = Math.min(first, s.step);
          return s.backend === 'webgpu' && s.step >= first + 5;
        },
        60_000,
        250,
      );
      console.log(`    webgpu: ${later.step - first} steps observed; badge "${badge.replace(/\s+/g, ' ')}"`);
      await page.screenshot({ path: `${ARTIFACTS}/e2e-webgpu.png` });
    },
  },
  ...viewChecks(ARTIFACTS),
  ...classroomChecks(ARTIFACTS, () => session),
  ...layoutChecks(ARTIFACTS, () => session),
];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const skipBuild = args.includes('--skip-build');
  const onlyArg = args[args.indexOf('--only') + 1];
  const only = args.includes('--only') && onlyArg ? onlyArg.split(',') : null;
  const { url, server } = await buildAndServe(skipBuild);
  const browser = await launch();
  session = { browser, url };
  let passed = 0;
  let failed = 0;
  try {
    const page = await openApp(browser, url);
    for (const check of checks) {
      if (only && !only.some((o) => check.name.includes(o))) continue;
      const t0 = Date.now();
      try {
        await check.run(page);
        passed++;
        console.log(`✓ ${check.name} (${Date.now() - t0} ms)`);
      } catch (error) {
        failed++;
        console.log(`✗ ${check.name}: ${error instanceof Error ? error.message : String(error)}`);
        await page.screenshot({ path: `${ARTIFACTS}/e2e-failed-${passed + failed}.png`, fullPage: true }).catch(() => {});
      }
    }
    const errors = consoleErrors.filter((e) => !/simulated worker crash/.test(e));
    if (errors.length === 0) {
      passed++;
      console.log('✓ no console errors');
    } else {
      failed++;
      console.log(`✗ console errors:\n  ${errors.slice(0, 10).join('\n  ')}`);
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
