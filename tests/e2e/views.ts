/**
 * Browser checks of the batch views: the jobs run in their own worker, finish, and draw; the live
 * lab keeps training meanwhile.
 */
import type { Page } from 'playwright-core';
import { liveState, waitFor } from './harness';

export interface ViewCheck {
  name: string;
  run(page: Page): Promise<void>;
}

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

export function viewChecks(artifacts: string): ViewCheck[] {
  return [
    {
      name: 'Phase diagrams tab: every sweep job runs in the jobs worker and draws over the theory',
      async run(page) {
        await page.getByTestId('tab-diagrams').click();
        await page.getByTestId('sweeps-view').waitFor({ timeout: 15_000 });
        await page.getByTestId('sweeps-run').click();
        const status = await waitFor('the sweeps to finish', () => page.getByTestId('sweeps-status').innerText(), (t) => t === 'done' || t.startsWith('stopped'), 120_000, 250);
        expect(status === 'done', `sweeps: ${status}`);
        const log = await page.getByTestId('sweeps-log').innerText();
        const measured = await page.getByTestId('sweeps-measured-thresholds').innerText();
        expect(/γ/.test(measured), `measured thresholds: ${measured}`);
        console.log(`    ${log.replace(/\n/g, '; ')}`);
        await page.screenshot({ path: `${artifacts}/e2e-diagrams.png`, fullPage: true });
      },
    },
    {
      name: 'Escape tab: a batched Langevin escape job gives a straight Arrhenius line',
      async run(page) {
        await page.getByTestId('tab-escape').click();
        await page.getByTestId('escape-view').waitFor({ timeout: 15_000 });
        await page.getByTestId('escape-run').click();
        const status = await waitFor('the escape job', () => page.getByTestId('escape-status').innerText(), (t) => t.startsWith('done'), 180_000, 250);
        const r2 = Number(await page.getByTestId('escape-fit-r2').innerText());
        const slope = Number(await page.getByTestId('escape-fit-slope').innerText());
        expect(r2 >= 0.95, `R² of the Arrhenius fit: ${r2}`);
        console.log(`    ${status}; plain fit B = ${slope}, R² = ${r2}`);
        await page.screenshot({ path: `${artifacts}/e2e-escape.png`, fullPage: true });
      },
    },
    {
      name: 'back on the live lab, training has continued',
      async run(page) {
        const before = await liveState(page);
        await page.getByTestId('tab-live').click();
        await waitFor('steps to grow', () => liveState(page), (s) => s.step > before.step + 100, 10_000);
      },
    },
  ];
}
