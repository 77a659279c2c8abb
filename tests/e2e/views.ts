/**
 * Browser checks of the batch views: the jobs run in their own worker, finish, and draw; the live
 * lab keeps training meanwhile; Cancel works at any moment (also right after Run).
 */
import type { Page } from 'playwright-core';
import { liveState, waitFor } from './harness';
import type { Check } from './runner';

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/**
 * Click Run, then Cancel as soon as React has enabled it (a few ms: well inside the ~50 ms after
 * which an early cancel used to wedge the view, while the jobs worker is still starting), then
 * check that the view is idle again. Returns the status text and the delay.
 */
async function cancelRightAfterRun(page: Page, run: string, cancel: string, status: string): Promise<{ text: string; ms: number }> {
  const ms = await page.evaluate(
    async ({ run, cancel }) => {
      const t0 = performance.now();
      (document.querySelector(`[data-testid="${run}"]`) as HTMLButtonElement).click();
      const cancelButton = () => document.querySelector(`[data-testid="${cancel}"]`) as HTMLButtonElement;
      while (cancelButton().disabled) {
        if (performance.now() - t0 > 1000) throw new Error('Cancel never became enabled after Run');
        await new Promise((r) => setTimeout(r, 0));
      }
      cancelButton().click();
      return performance.now() - t0;
    },
    { run, cancel },
  );
  await waitFor(
    'Run enabled again after the early cancel',
    () => page.getByTestId(run).isEnabled(),
    (enabled) => enabled,
    5000,
  );
  expect(await page.getByTestId(cancel).isDisabled(), 'Cancel disabled once idle');
  return { text: await page.getByTestId(status).innerText(), ms };
}

export function viewChecks(artifacts: string): Check[] {
  return [
    {
      name: 'Phase diagrams tab: cancel right after Run leaves it idle; then every sweep job runs in the jobs worker and draws over the theory',
      timeoutMs: 300_000,
      async run(page) {
        await page.getByTestId('tab-diagrams').click();
        await page.getByTestId('sweeps-view').waitFor({ timeout: 15_000 });
        const cancelled = await cancelRightAfterRun(page, 'sweeps-run', 'sweeps-cancel', 'sweeps-status');
        expect(/stopped: cancelled/.test(cancelled.text), `status after an early cancel (${cancelled.ms.toFixed(0)} ms after Run): ${cancelled.text}`);
        await page.getByTestId('sweeps-run').click();
        // Run works again right after the early cancel (it used to stay disabled until a reload)
        const first = await waitFor(
          'the run to start',
          () => page.getByTestId('sweeps-status').innerText(),
          (t) => /running|done|stopped/.test(t),
          10_000,
          20,
        );
        expect(!/stopped/.test(first), `the new run did not start: ${first}`);
        const status = await waitFor(
          'the sweeps to finish',
          () => page.getByTestId('sweeps-status').innerText(),
          (t) => t === 'done' || t.startsWith('stopped'),
          180_000,
          250,
        );
        expect(status === 'done', `sweeps: ${status}`);
        const log = await page.getByTestId('sweeps-log').innerText();
        const measured = await page.getByTestId('sweeps-measured-thresholds').innerText();
        expect(/γ/.test(measured), `measured thresholds: ${measured}`);
        console.log(`    early cancel ${cancelled.ms.toFixed(0)} ms after Run: "${cancelled.text}"; ${log.replace(/\n/g, '; ')}`);
        await page.screenshot({ path: `${artifacts}/e2e-diagrams.png`, fullPage: true });
      },
    },
    {
      name: 'Escape tab: cancel right after Run leaves it idle; then a batched Langevin escape job gives a straight Arrhenius line',
      timeoutMs: 300_000,
      ownPage: true,
      async run(_blank, ctx) {
        // 256 replicas per T (a link setting): the check is about the job's flow and the fit, and
        // keeps the suite inside its time; the default's precision is a unit test (arrheniusPrecision)
        const page = await ctx.open(`${ctx.url}?esc.replicas=256`);
        await page.getByTestId('tab-escape').click();
        await page.getByTestId('escape-view').waitFor({ timeout: 15_000 });
        const cancelled = await cancelRightAfterRun(page, 'escape-run', 'escape-cancel', 'escape-status');
        expect(!/%/.test(cancelled.text), `status after an early cancel (${cancelled.ms.toFixed(0)} ms after Run): ${cancelled.text}`);
        expect((await page.locator('.esc-error').innerText()) === 'cancelled', 'the view says cancelled');
        await page.getByTestId('escape-run').click();
        const status = await waitFor(
          'the escape job',
          () => page.getByTestId('escape-status').innerText(),
          (t) => t.startsWith('done'),
          180_000,
          250,
        );
        const r2 = Number(await page.getByTestId('escape-fit-r2').innerText());
        const slope = Number(await page.getByTestId('escape-fit-slope').innerText());
        expect(r2 >= 0.95, `R² of the Arrhenius fit: ${r2}`);
        console.log(`    early cancel ${cancelled.ms.toFixed(0)} ms after Run left it idle; ${status}; plain fit B = ${slope}, R² = ${r2}`);
        await page.screenshot({ path: `${artifacts}/e2e-escape.png`, fullPage: true });
      },
    },
    {
      name: 'the live lab gives way to a job (paused, with a notice) and resumes after it, also after a cancel',
      ownPage: true,
      async run(_blank, ctx) {
        const page = await ctx.open(`${ctx.url}?esc.replicas=256`);
        await waitFor(
          'the live lab training',
          () => liveState(page),
          (s) => s.running && s.step > 0,
          10_000,
        );
        await page.getByTestId('tab-escape').click();
        await page.getByTestId('escape-run').click();
        await waitFor(
          'the job to make progress',
          () => page.getByTestId('escape-status').innerText(),
          (t) => /[1-9]\d*%/.test(t),
          60_000,
          100,
        );
        const paused = await waitFor(
          'the live lab to pause for the job',
          () => liveState(page),
          (s) => !s.running,
          10_000,
        );
        const notice = await page.getByTestId('notice').innerText();
        expect(/paused while a batch job runs/.test(notice), `notice while the job runs: ${notice}`);
        await page.getByTestId('escape-cancel').click();
        await page.getByTestId('tab-live').click();
        await waitFor(
          'training to resume after the cancel',
          () => liveState(page),
          (s) => s.running && s.step > paused.step + 100,
          10_000,
        );
        // no notice at all is the expected state: read it without waiting for one to appear
        const notices = page.getByTestId('notice');
        const after = (await notices.count()) > 0 ? await notices.first().innerText() : '';
        expect(!/paused while a batch job runs/.test(after), `the pause notice stayed: ${after}`);
      },
    },
  ];
}
