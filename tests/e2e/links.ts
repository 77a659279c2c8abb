/**
 * Issue 13: every view is a link. For each view, a few non-default settings are set through its form;
 * the address bar must then hold them, and the same address opened in a fresh page must show the same
 * tab with the same values in the form (results are not in a link, only settings).
 */
import type { Page } from 'playwright-core';
import { waitFor } from './harness';
import type { Check, CheckContext } from './runner';

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/** type into a field and leave it (the forms commit on Enter or blur) */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  const input = page.locator(selector);
  await input.fill(text);
  await input.press('Enter');
  await input.blur();
}

interface ViewCase {
  view: 'live' | 'diagrams' | 'escape';
  /** set the settings through the UI */
  set(page: Page): Promise<void>;
  /** what the address bar must then carry */
  keys: Record<string, string>;
  /** form controls and the values they must show after reopening */
  form: Record<string, string>;
}

const CASES: ViewCase[] = [
  {
    view: 'live',
    async set(page) {
      await typeInto(page, '#width', '7');
      await page.locator('#activation').selectOption('tanh');
      await page.locator('#optimizer').selectOption('sgd');
      await typeInto(page, '#batch-size', '16');
    },
    keys: { width: '7', act: 'tanh', opt: 'sgd', batch: '16', view: 'live' },
    form: { '#width': '7', '#activation': 'tanh', '#optimizer': 'sgd', '#batch-size': '16' },
  },
  {
    view: 'diagrams',
    async set(page) {
      await page.getByTestId('tab-diagrams').click();
      await page.getByTestId('sweeps-jobbar').waitFor({ timeout: 15_000 });
      await typeInto(page, '[data-testid="sweeps-points"] input', '64');
      await typeInto(page, '[data-testid="sweeps-hysteresis-steps"] input', '350');
      await page.locator('select[aria-label="spectrum preset"]').selectOption('cascade');
    },
    keys: { view: 'diagrams', 'pd.points': '64', 'pd.loopsteps': '350', 'pd.spectrum': 'cascade' },
    form: {
      '[data-testid="sweeps-points"] input': '64',
      '[data-testid="sweeps-hysteresis-steps"] input': '350',
      'select[aria-label="spectrum preset"]': 'cascade',
    },
  },
  {
    view: 'escape',
    async set(page) {
      await page.getByTestId('tab-escape').click();
      await page.getByTestId('escape-trap').waitFor({ timeout: 15_000 });
      await page.getByTestId('escape-preset').selectOption('ersoy-wiesner');
      await typeInto(page, '[data-testid="escape-replicas"]', '512');
      await typeInto(page, '[data-testid="escape-temperatures"]', '0.003, 0.001');
      await typeInto(page, '[data-testid="escape-control-batch"]', '16');
    },
    keys: { view: 'escape', 'esc.preset': 'ersoy-wiesner', 'esc.replicas': '512', 'esc.T': '0.003,0.001', 'esc.batch': '16' },
    form: {
      '[data-testid="escape-preset"]': 'ersoy-wiesner',
      '[data-testid="escape-replicas"]': '512',
      '[data-testid="escape-temperatures"]': '0.003, 0.001',
      '[data-testid="escape-control-batch"]': '16',
    },
  },
];

async function roundTrip(page: Page, ctx: CheckContext, c: ViewCase): Promise<string> {
  await c.set(page);
  const href = await waitFor(
    `the address bar to carry the ${c.view} settings`,
    () => page.evaluate(() => location.href),
    (h) => Object.entries(c.keys).every(([key, value]) => new URL(h).searchParams.get(key) === value),
    5000,
  );
  const fresh = await ctx.open(href);
  try {
    expect((await fresh.getByTestId(`tab-${c.view}`).getAttribute('aria-selected')) === 'true', `${c.view}: the reopened link shows another tab`);
    for (const [selector, value] of Object.entries(c.form)) {
      const control = fresh.locator(selector);
      await control.waitFor({ timeout: 15_000 });
      const shown = await control.inputValue();
      expect(shown === value, `${c.view}: ${selector} shows '${shown}' after reopening, expected '${value}' (link ${href})`);
    }
    expect((await fresh.getByTestId('notice').count()) === 0, `${c.view}: the reopened link raised a notice`);
    // the reopened page writes back the same settings
    const again = await fresh.evaluate(() => location.href);
    for (const [key, value] of Object.entries(c.keys)) expect(new URL(again).searchParams.get(key) === value, `${c.view}: ${key} lost on reopening: ${again}`);
  } finally {
    await fresh.close();
  }
  return href;
}

export function linkChecks(): Check[] {
  return [
    {
      name: 'links: each view (live, diagrams, escape) set through its form round-trips through the address bar into a fresh page',
      async run(page, ctx) {
        const lengths: string[] = [];
        for (const c of CASES) {
          const href = await roundTrip(page, ctx, c);
          lengths.push(`${c.view} ${new URL(href).search.length} characters`);
        }
        console.log(`    links: ${lengths.join(', ')}`);
      },
    },
  ];
}
