/**
 * Browser checks of the live lab: it trains, γ moves, hysteresis (D = 2) and its absence (D = 1),
 * links round-trip, malformed links, features, compare mode, divergence recovery, crash recovery
 * and the WebGPU override. Each check starts from a fresh page of the default link.
 */
import type { Page } from 'playwright-core';
import { dragGammaTo, liveState, pauseAndSettle, trainFor, waitFor } from './harness';
import type { Check } from './runner';
import { makeTeacherDataset } from '../../src/data';
import { reluLocalThreshold, spinodalGamma } from '../../src/physics';
import { sampleTheory } from '../../src/physics/sampleTheory';

interface ParametersHandle {
  __L2LAB__: {
    parameters: { getState(): Record<string, unknown> };
    controller: { pause(): void; play(): void; crashWorkerForTesting(): void; weightSavesForTesting(): number };
  };
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
  return waitFor(
    'the copied link',
    () => page.evaluate(() => (window as unknown as ParametersHandle).__L2LAB_LAST_LINK__ ?? ''),
    (link) => link.length > 0,
    5000,
  );
}

const stepCount = async (page: Page) => Number((await page.getByTestId('step-count').innerText()).replace(/,/g, ''));

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

export function liveChecks(artifacts: string): Check[] {
  return [
    {
      name: 'loads, shows the backend and trains (step count grows)',
      async run(page) {
        // the engine is chosen by measurement: the badge names it, its rate and what was measured
        const state = await waitFor(
          'the measured engine',
          () => liveState(page),
          (s) => s.engine !== null,
          15_000,
        );
        const badge = await waitFor(
          'the badge to give the measurement',
          () => page.getByTestId('backend').innerText(),
          (t) => /fastest measured here/.test(t),
          10_000,
        );
        expect(/^fused-/.test(state.engine ?? ''), `a fused kernel should win on this machine, got ${state.engine}`);
        expect(/steps\/s/.test(badge) && /tfjs wasm/.test(badge), `badge should list the measured rates, got "${badge}"`);
        const first = await stepCount(page);
        const t0 = Date.now();
        const second = await waitFor(
          'the shown step count to grow',
          () => stepCount(page),
          (n) => n > first + 1000,
          10_000,
        );
        console.log(`    backend: ${badge.replace(/\s+/g, ' ')}; shown steps ${first} → ${second} in ${Date.now() - t0} ms`);
        await page.screenshot({ path: `${artifacts}/e2e-loaded.png`, fullPage: true });
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
        await waitFor(
          'the trace to grow',
          () => liveState(page),
          (s) => s.traceLength > traceBefore,
          5000,
        );
        const g = await waitFor(
          'snapshots with the new γ',
          () => liveState(page),
          (s) => Math.abs(s.gamma - 0.2) > 1e-3,
          5000,
        );
        console.log(`    ${before} → ${after}; snapshot γ = ${g.gamma.toFixed(4)}`);
      },
    },
    {
      name: 'D = 2: up-then-down drag leaves p on the other branch (hysteresis)',
      async run(page) {
        const start = await waitFor(
          'learned state at γ = 0.2',
          () => liveState(page),
          (s) => Math.abs(s.gamma - 0.2) < 1e-3 && s.p[0] > 0.7,
          15_000,
        );
        await dragGammaTo(page, 0.6, 50, 100); // past γ_sp ≈ 0.4725
        await waitFor(
          'collapse to p ≈ 0 past the spinodal',
          () => liveState(page),
          (s) => Math.abs(s.p[0]) < 0.02,
          15_000,
        );
        await page.screenshot({ path: `${artifacts}/e2e-d2-collapsed.png`, fullPage: true });
        await dragGammaTo(page, 0.2, 50, 100);
        await waitFor(
          'γ back at 0.2',
          () => liveState(page),
          (s) => Math.abs(s.gamma - 0.2) < 1e-3,
          5000,
        );
        // time to re-learn, if it could: from the init (p ≈ 0.1) it learns within ~2 000 steps
        const end = await trainFor(page, 10_000);
        expect(start.p[0] > 0.7 && Math.abs(end.p[0]) < 0.02, `p at γ = 0.2: ${start.p[0].toFixed(4)} before, ${end.p[0].toFixed(4)} after`);
        const shown = await page.getByTestId('order-parameter').innerText();
        console.log(
          `    p₁ at γ = 0.2: ${start.p[0].toFixed(4)} before the loop, ${end.p[0].toFixed(4)} after; readout "${shown}"; trace points ${end.traceLength}`,
        );
        await page.screenshot({ path: `${artifacts}/e2e-d2-hysteresis.png`, fullPage: true });
      },
    },
    {
      name: 'D = 1: the same loop returns to the learned branch',
      async run(page) {
        await page.getByTestId('depth').selectOption('1');
        await waitFor(
          'the D = 1 run',
          () => liveState(page),
          (s) => s.depths[0] === 1 && s.step > 0,
          15_000,
        );
        // Full speed: the default whisper of Langevin noise (T = 1e-8) keeps the unstable origin from
        // becoming an exact float32 zero, so the return below γ = η is the physics, not luck.
        const start = await waitFor(
          'learned state p ≈ 0.8',
          () => liveState(page),
          (s) => Math.abs(s.gamma - 0.2) < 1e-3 && Math.abs(s.p[0] - 0.8) < 0.02,
          15_000,
        );
        await dragGammaTo(page, 1.1, 40, 100); // past γ_c = η = 1
        await waitFor(
          'p → 0 past γ_c',
          () => liveState(page),
          (s) => Math.abs(s.p[0]) < 0.05,
          15_000,
        );
        await dragGammaTo(page, 0.2, 40, 100);
        const end = await waitFor(
          'p back near 0.8',
          () => liveState(page),
          (s) => Math.abs(s.gamma - 0.2) < 1e-3 && Math.abs(s.p[0] - 0.8) < 0.02,
          15_000,
        );
        console.log(`    p₁ at γ = 0.2: ${start.p[0].toFixed(4)} before, ${end.p[0].toFixed(4)} after (theory 0.8)`);
        await page.screenshot({ path: `${artifacts}/e2e-d1-loop.png`, fullPage: true });
      },
    },
    {
      name: 'a link round-trips: parameters, and with weights the exact state mid-hysteresis-loop',
      async run(page, ctx) {
        await waitFor(
          'learned at γ = 0.2',
          () => liveState(page),
          (s) => s.p[0] > 0.7,
          15_000,
        );
        await dragGammaTo(page, 0.6, 40, 150);
        await waitFor(
          'collapsed past γ_sp',
          () => liveState(page),
          (s) => Math.abs(s.p[0]) < 0.02,
          15_000,
        );
        await dragGammaTo(page, 0.3, 30, 150);
        await waitFor(
          'γ = 0.3 on the trivial branch',
          () => liveState(page),
          (s) => Math.abs(s.gamma - 0.3) < 2e-3,
          5000,
        );
        const source = await pauseAndSettle(page);
        const sourceParameters = await parametersOf(page);
        // the address bar follows the state after a short write delay (src/app/permalink.ts)
        const inStep = (u: string) =>
          new URL(u).searchParams.get('depth') === '2' && Math.abs(Number(new URL(u).searchParams.get('gamma')) - source.gamma) < 1e-9;
        await waitFor('the address bar in step with the state', async () => page.url(), inStep, 5000).catch(() => {
          throw new Error(`address bar not in step with γ = ${source.gamma}: ${page.url()}`);
        });

        const withWeights = await copyLink(page, true);
        const plain = await copyLink(page, false);
        expect(/#w=/.test(withWeights) && !/[?&#]w=/.test(plain), 'only the "with weights" link carries weights, in the fragment');

        const recipient = await ctx.open(withWeights);
        const landed = await liveState(recipient);
        const recipientParameters = await parametersOf(recipient);
        for (const key of ['depth', 'width', 'gamma', 'lr', 'seed', 'spectrum', 'temperature', 'optimizer', 'inputDim', 'outputDim']) {
          expect(
            JSON.stringify(recipientParameters[key]) === JSON.stringify(sourceParameters[key]),
            `${key}: ${JSON.stringify(recipientParameters[key])} vs ${JSON.stringify(sourceParameters[key])}`,
          );
        }
        expect(Math.abs(landed.p[0] - source.p[0]) < 1e-4, `order parameter: sender ${source.p[0]}, recipient ${landed.p[0]}`);
        // long enough to re-learn from a fresh init (the link without weights below learns within ~2 000 steps)
        const later = await trainFor(recipient, 8000);
        expect(Math.abs(later.p[0]) < 0.02, `the recipient stays on the trivial branch: p = ${later.p[0]}`);

        // without weights the same link trains from the seed and learns: the weights are what carried the loop
        const fresh = await ctx.open(plain);
        const learned = await waitFor(
          'a fresh run to learn at γ = 0.3',
          () => liveState(fresh),
          (s) => s.p[0] > 0.6,
          15_000,
        );
        console.log(
          `    p at γ = 0.3: sender ${source.p[0].toFixed(6)}, recipient with weights ${landed.p[0].toFixed(6)} → ${later.p[0].toFixed(6)}, link without weights ${learned.p[0].toFixed(4)}`,
        );
      },
    },
    {
      name: 'a malformed link renders with a notice that says what was changed, and no console error',
      ownPage: true,
      async run(_page, ctx) {
        const bad = `${ctx.url}?v=7&depth=abc&gamma=1e999&width=-3&spectrum=-1,x&act=sigmoid&zzz=%3Cscript%3Ealert(1)%3C/script%3E&w=AAAA`;
        const page = await ctx.open(bad);
        const notice = await page.getByTestId('notice').innerText();
        expect(/problem/.test(notice) && /depth/.test(notice) && /width/.test(notice), `notice: ${notice}`);
        const parameters = await parametersOf(page);
        expect(parameters.depth === 2 && parameters.width === 1 && parameters.gamma === 0.2, `parameters: ${JSON.stringify(parameters)}`);
        await page.screenshot({ path: `${artifacts}/e2e-bad-link.png` });
      },
    },
    {
      name: 'a three-feature spectrum shows three order parameters, their thresholds, and a log γ scale',
      async run(page) {
        await page.locator('#spectrum').fill('1, 0.6, 0.3');
        await page.locator('#spectrum').press('Enter');
        // the readout lists one p per feature of the new dataset
        const readout = await waitFor(
          'three order parameters',
          () => page.getByTestId('order-parameter').innerText(),
          (t) => /p₃ = /.test(t),
          15_000,
        );
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
        await page.screenshot({ path: `${artifacts}/e2e-three-features-log.png`, fullPage: true });
      },
    },
    {
      name: 'non-whitened data: the overlays switch from the per-mode approximation to the exact theory of the sample',
      ownPage: true,
      async run(_blank, ctx) {
        // references computed here, on the same sample (the app's default 5 → 3, N = 200, one feature, D = 2)
        const reference = (seed: number) => {
          const d = makeTeacherDataset({ inputDim: 5, outputDim: 3, spectrum: [1], labelNoise: 0, trainSize: 200, testSize: 200, whiten: false, seed });
          const exact = sampleTheory({ inputDim: 5, outputDim: 3, sxx: d.train.sxx, syx: d.train.syx }, 2, { maxRank: 1 }).modes[0].gammaSpinodal as number;
          return { exact, perMode: spinodalGamma(2, d.syxSvd.values[0], d.inputStrength[0]) as number };
        };
        const spinodalMark = (page: Page) =>
          page.evaluate(() => {
            const el = document.querySelector('.gamma-mark[data-mark-kind="spinodal"]');
            return el
              ? { gamma: Number(el.getAttribute('data-mark-gamma')), status: el.getAttribute('data-mark-status'), source: el.getAttribute('data-mark-source') }
              : null;
          });
        const legend = (page: Page) => page.getByTestId('phase-chart-0').locator('svg').first().textContent();
        const page = await ctx.open(`${ctx.url}?whiten=0`);
        const opened = Date.now();
        const ref1 = reference(1);
        const mark = await waitFor(
          'the exact γsp mark',
          () => spinodalMark(page),
          (m) => m?.source === 'sample',
          30_000,
        );
        const waited = Date.now() - opened;
        expect(mark!.status === 'exact' && Math.abs(mark!.gamma / ref1.exact - 1) < 1e-9, `mark ${JSON.stringify(mark)}, exact ${ref1.exact}`);
        expect(Math.abs(mark!.gamma - ref1.perMode) > 1e-3, `the exact γsp ${mark!.gamma} should differ from the per-mode ${ref1.perMode}`);
        const text = await legend(page);
        expect(/exact theory \(this sample\)/.test(text ?? ''), `phase legend: ${text}`);
        expect((await page.getByTestId('theory-order-parameter').getAttribute('data-theory-source')) === 'exact (this sample)', 'theory-p readout source');
        const computeMs = await page.evaluate(
          () =>
            (window as unknown as { __L2LAB__: { sampleTheory: { getState(): { result: { computeMs: number } | null } } } }).__L2LAB__.sampleTheory.getState()
              .result?.computeMs,
        );
        console.log(
          `    exact theory in the worker: ${computeMs?.toFixed(0)} ms; shown ≤ ${waited} ms after the page trained; γsp exact ${mark!.gamma.toFixed(6)} vs per-mode ${ref1.perMode.toFixed(6)}`,
        );
        // a new sample: the marks fall back to the labelled approximation at once, then move to its exact value
        await page.evaluate(() =>
          (window as unknown as { __L2LAB__: { parameters: { getState(): { update(p: object): void } } } }).__L2LAB__.parameters.getState().update({ seed: 2 }),
        );
        const ref2 = reference(2);
        const interim = await waitFor(
          'the approximation while computing',
          () => spinodalMark(page),
          (m) => m?.status === 'approximation',
          10_000,
          10,
        );
        expect(Math.abs(interim!.gamma / ref2.perMode - 1) < 1e-6, `interim mark ${JSON.stringify(interim)} vs per-mode ${ref2.perMode}`);
        expect(/approximation/.test((await legend(page)) ?? ''), 'legend says approximation meanwhile');
        const moved = await waitFor(
          'the new exact γsp',
          () => spinodalMark(page),
          (m) => m?.source === 'sample',
          30_000,
        );
        expect(Math.abs(moved!.gamma / ref2.exact - 1) < 1e-9, `mark ${JSON.stringify(moved)}, exact ${ref2.exact}`);
        await page.screenshot({ path: `${ctx.artifacts}/e2e-exact-sample-theory.png`, fullPage: true });
      },
    },
    {
      name: 'relu at D = 1: the slider and the phase plane mark the sample’s own local threshold, the linear γc only as a reference',
      ownPage: true,
      async run(_blank, ctx) {
        const page = await ctx.open(`${ctx.url}?act=relu&depth=1`);
        const d = makeTeacherDataset({ inputDim: 5, outputDim: 3, spectrum: [1], labelNoise: 0, trainSize: 200, testSize: 200, whiten: true, seed: 1 });
        const expected = reluLocalThreshold(d.trainX, d.trainY, d.trainSize, d.inputDim, d.outputDim).gamma;
        const local = await waitFor(
          'the relu threshold mark',
          () =>
            page.evaluate(() => {
              const el = document.querySelector('.gamma-mark[data-mark-kind="local"]');
              return el ? { gamma: Number(el.getAttribute('data-mark-gamma')), source: el.getAttribute('data-mark-source'), text: el.textContent } : null;
            }),
          (m) => m !== null,
          30_000,
        );
        expect(local!.source === 'relu net' && /ReLU net/.test(local!.text ?? ''), `mark ${JSON.stringify(local)}`);
        expect(Math.abs(local!.gamma / expected - 1) < 1e-9, `relu threshold ${local!.gamma} vs ${expected} computed here`);
        const others = await page.locator('.gamma-mark:not([data-mark-kind="local"])').evaluateAll((els) => els.map((e) => e.getAttribute('data-mark-status')));
        expect(
          others.every((s) => s === 'linear reference'),
          `other marks: ${others.join(', ')}`,
        );
        const chart = (await page.getByTestId('phase-chart-0').locator('svg').first().textContent()) ?? '';
        expect(
          /γloc ReLU net/.test(chart) && /lin\. ref\./.test(chart) && /linear theory, for reference/.test(chart),
          `phase chart text: ${chart.slice(0, 300)}`,
        );
        console.log(`    relu D = 1 threshold on the sample: ${local!.gamma.toFixed(4)} (linear γc = ${d.syxSvd.values[0].toFixed(4)})`);
      },
    },
    {
      name: 'compare depths runs D = 1, 2, 3 side by side',
      async run(page) {
        await page.getByTestId('compare-depths').check();
        await waitFor(
          'three runs',
          () => liveState(page),
          (s) => s.depths.join() === '1,2,3' && s.step > 0,
          20_000,
        );
        await page.waitForSelector('[data-testid="phase-chart-2"]');
        await trainFor(page, 3000, 20_000, 2); // enough of D = 3's run for its charts to show it
        await page.screenshot({ path: `${artifacts}/e2e-compare.png`, fullPage: true });
        await page.getByTestId('compare-depths').uncheck();
        await waitFor(
          'one run',
          () => liveState(page),
          (s) => s.depths.length === 1,
          20_000,
        );
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
        await page.screenshot({ path: `${artifacts}/e2e-diverged.png` });
        await lr.fill('0.1');
        await lr.press('Enter');
        await page.getByTestId('play-pause').click();
        await waitFor(
          'training again',
          () => liveState(page),
          (x) => x.running,
          5000,
        );
        expect((await page.getByTestId('notice').count()) === 0, 'the divergence notice should clear on play');
      },
    },
    {
      name: 'diverging before any good state (depth 6, width 64, lr 10) restores the initial weights; a lower lr then trains',
      ownPage: true,
      async run(_page, ctx) {
        const { browser, url } = ctx;
        const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
        await page.addInitScript('globalThis.__name = (f) => f;');
        await page.goto(`${url}?depth=6&width=64&lr=10`);
        const notice = await waitFor(
          'the divergence notice',
          () =>
            page
              .getByTestId('notice')
              .innerText()
              .catch(() => ''),
          (t) => /diverged/i.test(t),
          20_000,
        );
        expect(/initial weights/.test(notice), `notice should say the initial weights were restored: ${notice}`);
        const s = await waitFor(
          'a finite restored state',
          () => liveState(page),
          (x) => !x.running && x.p.length > 0,
          5000,
        );
        expect(s.p.every(Number.isFinite), `restored p = ${s.p}`);
        const lr = page.getByTestId('lr');
        await lr.fill('0.01');
        await lr.press('Enter');
        await page.getByTestId('play-pause').click();
        const later = await trainFor(page, 100, 30_000);
        expect(later.running && later.p.every(Number.isFinite), `after lowering lr: running ${later.running}, p = ${later.p}`);
        // read a notice only if there is one: innerText would wait 30 s for one to appear
        const notices = page.getByTestId('notice');
        const left = (await notices.count()) > 0 ? await notices.first().innerText() : null;
        expect(left === null, `no new divergence: ${left}`);
        console.log(`    ${notice.replace(/\s+/g, ' ').slice(0, 160)}; then lr 0.01 trains to step ${later.step}`);
      },
    },
    {
      name: 'a crashed worker is respawned on the fastest other engine (measured again) with the saved weights and the step count continues',
      async run(page) {
        const learned = await waitFor(
          'a learned state',
          () => liveState(page),
          (s) => s.running && s.p[0] > 0.7,
          15_000,
        );
        // a periodic weight save after the state was learned, so the restart has it to restore
        const saves = () => page.evaluate(() => (window as unknown as ParametersHandle).__L2LAB__.controller.weightSavesForTesting());
        const savesBefore = await saves();
        await waitFor('a weight save of the learned state', saves, (n) => n > savesBefore, 10_000);
        const before = await liveState(page);
        expect(before.p[0] > 0.7, `still learned: p = ${before.p[0]} (was ${learned.p[0]})`);
        await page.evaluate(() => (window as unknown as ParametersHandle).__L2LAB__.controller.crashWorkerForTesting());
        const notice = await waitFor(
          'the restart notice',
          () =>
            page
              .getByTestId('notice')
              .innerText()
              .catch(() => ''),
          (t) => /Restarted/.test(t),
          10_000,
        );
        expect(/Restarted training on the fastest engine other than/.test(notice), `notice: ${notice}`);
        const after = await waitFor(
          'the respawned worker',
          () => liveState(page),
          (s) => s.engine !== null && s.engine !== before.engine && s.snapshots > before.snapshots,
          30_000,
        );
        // restored weights: still on the learned branch right away (a fresh init would start near p ≈ 0.1–0.5)
        expect(Math.abs(after.p[0] - before.p[0]) < 0.02, `p before ${before.p[0]}, after ${after.p[0]}`);
        expect(after.step >= before.step, `the step count ran backwards: ${before.step} → ${after.step}`);
        const badge = await page.getByTestId('backend').innerText();
        expect(/auto: .* failed, measured again without/.test(badge) && !/chosen by you/.test(badge), `badge: ${badge}`);
        console.log(
          `    ${notice.replace(/\s+/g, ' ').slice(0, 140)}; p ${before.p[0].toFixed(4)} → ${after.p[0].toFixed(4)}; step ${before.step} → ${after.step}; badge "${badge.replace(/\s+/g, ' ')}"`,
        );
        // choosing again forgets the crash: the fastest engine comes back
        await page.getByTestId('backend-select').selectOption('wasm');
        await waitFor(
          'on tfjs wasm',
          () => liveState(page),
          (s) => s.engine === 'wasm',
          30_000,
        );
        await page.getByTestId('backend-select').selectOption('auto');
        await waitFor(
          'back on the fastest engine',
          () => liveState(page),
          (s) => s.engine === before.engine,
          30_000,
        );
      },
    },
    {
      name: 'forcing WebGPU (SwiftShader) through the override trains a few steps, continuing the step count',
      async run(page) {
        const before = await liveState(page);
        await page.getByTestId('backend-select').selectOption('webgpu');
        await waitFor(
          'the webgpu backend',
          () => liveState(page),
          (s) => s.backend === 'webgpu' && s.engine === 'webgpu',
          60_000,
          250,
        );
        const badge = await waitFor(
          'the badge to say whose choice',
          () => page.getByTestId('backend').innerText(),
          (t) => /chosen by you/.test(t),
          30_000,
        );
        expect(/webgpu/i.test(badge), `badge: ${badge}`);
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
        expect(first >= before.step, `the switch restarted the step count: ${before.step} → ${first}`);
        console.log(`    webgpu: ${later.step - first} steps observed from step ${first}; badge "${badge.replace(/\s+/g, ' ')}"`);
        await page.screenshot({ path: `${artifacts}/e2e-webgpu.png` });
      },
    },
  ];
}
