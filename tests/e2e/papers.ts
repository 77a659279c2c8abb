/**
 * The Papers view (issue 10): opens from its tab, runs the fastest Reproduce (the linear VAE study)
 * and shows measured numbers filled in from the job with their verdicts (the one-layer VAE on the
 * closed form max(0, 1 − η/λ) = 0.5 at η/λ = 0.5, the deeper one first order), the chart of the
 * measurement, and axe-core finds no violation on the view before and after the run. Also chapter 9:
 * its scene opens the Papers tab and runs that study by itself.
 */
import type { Page } from 'playwright-core';
import { waitFor } from './harness';
import type { Check } from './runner';
import { axeViolations } from './layout';
import { CHAPTERS } from '../../src/chapters/chapters';

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

async function vaeDone(page: Page, limitMs: number): Promise<{ status: string; seconds: number }> {
  const t0 = Date.now();
  const status = await waitFor(
    'the VAE study to finish',
    () => page.getByTestId('papers-status-zu-vae').innerText(),
    (s) => /^done|stopped/.test(s),
    limitMs,
    200,
  );
  return { status, seconds: (Date.now() - t0) / 1000 };
}

async function vaeNumbers(page: Page): Promise<{ linear: string; verdict: string; deep: string; deepVerdict: string }> {
  return {
    linear: await page.getByTestId('claim-zu-vae-linear-measured').innerText(),
    verdict: await page.getByTestId('claim-zu-vae-linear-verdict').innerText(),
    deep: await page.getByTestId('claim-zu-vae-deep-jump-measured').innerText(),
    deepVerdict: await page.getByTestId('claim-zu-vae-deep-jump-verdict').innerText(),
  };
}

export function papersChecks(): Check[] {
  return [
    {
      name: 'Papers view: Reproduce the VAE study, a measured number and its verdict appear; axe-core clean before and after',
      async run(page) {
        await page.getByTestId('tab-papers').click();
        await page.getByTestId('papers-view').waitFor({ timeout: 20_000 });
        const before = await axeViolations(page);
        expect(before.length === 0, `axe violations before the run:\n      ${before.join('\n      ')}`);
        const empty = await page.getByTestId('claim-zu-vae-linear-measured').innerText();
        expect(/press Reproduce/.test(empty), `nothing measured before the run: "${empty}"`);
        await page.getByTestId('papers-reproduce-zu-vae').click();
        await waitFor(
          'the job to start',
          () => page.getByTestId('papers-cancel-zu-vae').isEnabled(),
          (on) => on,
          10_000,
          100,
        );
        const { status, seconds } = await vaeDone(page, 120_000);
        expect(status.startsWith('done'), `the study ended: "${status}"`);
        const n = await vaeNumbers(page);
        const value = Number(/^([0-9.]+)/.exec(n.linear)?.[1]);
        expect(Math.abs(value - 0.5) < 1e-3, `|uw| at η/λ = 0.5: "${n.linear}" (closed form 0.5)`);
        expect(/^reproduced/.test(n.verdict), `verdict: "${n.verdict}"`);
        expect(/^first order/.test(n.deepVerdict), `deeper VAE verdict: "${n.deepVerdict}"`);
        await page.getByTestId('papers-chart-vae').waitFor({ timeout: 5000 });
        const after = await axeViolations(page);
        expect(after.length === 0, `axe violations after the run:\n      ${after.join('\n      ')}`);
        console.log(`    VAE study ${status} (${seconds.toFixed(1)} s in the check): ${n.linear}; deeper: ${n.deep}`);
      },
    },
    {
      name: 'chapter 9 scene: opens the Papers tab and runs the VAE study to its collapse curves',
      timeoutMs: 240_000,
      async run(page) {
        const t0 = Date.now();
        await page.getByTestId('chapter-link-9').click();
        await page.getByTestId('chapter-reproduce').click();
        await page.getByTestId('papers-view').waitFor({ timeout: 20_000 });
        await waitFor(
          "chapter 9's scene to end",
          async () => ((await page.getByTestId('scene-caption').count()) ? page.getByTestId('scene-caption').getAttribute('data-status') : null),
          (s) => s === 'done',
          (CHAPTERS[8].sceneSeconds + 30) * 1000,
          200,
        );
        const n = await vaeNumbers(page);
        expect(/^reproduced/.test(n.verdict) && /^first order/.test(n.deepVerdict), `after the scene: "${n.verdict}" / "${n.deepVerdict}"`);
        await page.getByTestId('papers-chart-vae').waitFor({ timeout: 5000 });
        console.log(`    ch9: scene done after ${((Date.now() - t0) / 1000).toFixed(1)} s; ${n.linear}; ${n.deep}`);
      },
    },
  ];
}
