/**
 * Browser checks of layout and accessibility (issue 11): the phone layout (no control over a chart
 * or the slider, no horizontal scroll, a 44 px thumb), Space pausing after "Reproduce", hover
 * contrast of filled buttons, the share popover inside the viewport, embeds that show a chart in
 * their frame, lecture mode's projector scale and fold (also on the batch tabs, whose phone layout
 * must not scroll sideways or cover a form field), and axe-core with 0 violations on every tab,
 * with the popovers open and in lecture mode.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { liveState, newPage, waitFor } from './harness';
import type { Check } from './runner';

type Session = () => { browser: Browser; url: string };

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function trains(page: Page, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    'the first snapshot',
    () => liveState(page),
    (s) => s.snapshots > 0 && s.step > 0,
    timeoutMs,
  );
}

async function pause(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __L2LAB__: { controller: { pause(): void } } }).__L2LAB__.controller.pause());
}

/** axe-core's violations on the page as it is now: "rule-id (n): first targets" */
export async function axeViolations(page: Page): Promise<string[]> {
  // evaluated through the devtools protocol: the app's CSP (script-src 'self') blocks an injected <script>
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map(
      (v) =>
        `${v.id} (${v.nodes.length}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
  });
}

/**
 * Points inside `selector`'s box (centre and four inset points) where elementFromPoint finds
 * something that is not the element or inside it, after scrolling it into view.
 */
async function coveredPoints(page: Page, selector: string): Promise<string[]> {
  const target = page.locator(selector).first();
  await target.scrollIntoViewIfNeeded();
  return target.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const points: [number, number][] = [
      [0.5, 0.5],
      [0.15, 0.2],
      [0.85, 0.2],
      [0.15, 0.8],
      [0.85, 0.8],
    ];
    const out: string[] = [];
    for (const [fx, fy] of points) {
      const x = box.left + fx * box.width;
      const y = box.top + fy * box.height;
      if (y < 0 || y > innerHeight) continue;
      const hit = document.elementFromPoint(x, y);
      if (hit && hit !== el && !el.contains(hit) && !hit.contains(el)) {
        const what = `${hit.tagName.toLowerCase()}${hit.id ? `#${hit.id}` : ''}${hit.className && typeof hit.className === 'string' ? `.${hit.className.split(' ')[0]}` : ''}`;
        out.push(`(${Math.round(x)}, ${Math.round(y)}) → ${what}`);
      }
    }
    return out;
  });
}

/** WCAG contrast of an element's text against its effective background (first opaque ancestor) */
async function contrastOf(page: Page, selector: string): Promise<{ ratio: number; color: string; background: string }> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const parse = (c: string): [number, number, number, number] => {
        const m = c.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
        return [m[0], m[1], m[2], m[3] ?? 1];
      };
      const blend = (top: [number, number, number, number], bottom: [number, number, number]): [number, number, number] =>
        [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])) as [number, number, number];
      // backgrounds from the root down to the element, composited
      const chain: Element[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) chain.unshift(e);
      let background: [number, number, number] = [255, 255, 255];
      for (const e of chain) background = blend(parse(getComputedStyle(e).backgroundColor), background);
      const text = blend(parse(getComputedStyle(el).color), background);
      const lum = ([r, g, b]: [number, number, number]) => {
        const f = (v: number) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const [a, b] = [lum(text), lum(background)].sort((u, v) => v - u);
      const hex = (c: [number, number, number]) => `rgb(${c.map(Math.round).join(',')})`;
      return { ratio: (a + 0.05) / (b + 0.05), color: hex(text), background: hex(background) };
    });
}

/** run a batch tab's jobs and wait for the charts they draw */
async function runBatchJobs(page: Page, view: 'diagrams' | 'escape'): Promise<void> {
  if (view === 'diagrams') {
    await page.getByTestId('sweeps-run').click();
    await page.locator('[data-testid="sweeps-depthmap"] svg[data-chart-svg]').waitFor({ timeout: 90_000 });
    await waitFor(
      'the sweeps to finish',
      () => page.getByTestId('sweeps-status').innerText(),
      (t) => /^(done|stopped)/.test(t),
      90_000,
    );
  } else {
    // 64 replicas per temperature (the least the form allows): the layout needs the charts, not tight fits, and the CPU is shared
    const settings = page.getByTestId('escape-settings');
    const folded = (await settings.count()) > 0 && !(await settings.evaluate((d) => (d as HTMLDetailsElement).open));
    if (folded) await settings.locator('summary').click();
    await page.getByTestId('escape-replicas').fill('64');
    if (folded) await settings.locator('summary').click();
    await page.getByTestId('escape-run').click();
    await page.locator('[data-testid="escape-arrhenius"] svg[data-chart-svg]').waitFor({ timeout: 120_000 });
    await page.getByTestId('grokking-run').click();
    await page.locator('[data-testid="grokking-dense-chart"] svg[data-chart-svg]').waitFor({ timeout: 90_000 });
  }
  await page.waitForTimeout(400); // the fill-height re-measure after the charts appear
}

/** a chart card's box and its smallest axis tick label (computed font size), with the page scrolled to the top */
async function chartScale(page: Page, testId: string): Promise<{ top: number; bottom: number; tick: number; ticks: number }> {
  await page.evaluate(() => window.scrollTo(0, 0));
  return page.getByTestId(testId).evaluate((el) => {
    const box = el.getBoundingClientRect();
    const ticks = Array.from(el.querySelectorAll('svg[data-chart-svg] .tick text')).map((t) => parseFloat(getComputedStyle(t).fontSize));
    return { top: box.top, bottom: box.bottom, tick: ticks.length ? Math.min(...ticks) : 0, ticks: ticks.length };
  });
}

/**
 * Form fields inside `root` that something else is drawn over: each visible field is scrolled to
 * the middle of the screen and elementFromPoint at its centre must be the field or inside it.
 */
async function coveredFields(page: Page, root: string): Promise<string[]> {
  return page.locator(root).evaluate((container) => {
    const out: string[] = [];
    for (const field of Array.from(container.querySelectorAll('input, select, textarea, button, summary'))) {
      const el = field as HTMLElement;
      if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      el.scrollIntoView({ block: 'center', inline: 'nearest' });
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      const hit = document.elementFromPoint(x, y);
      if (hit && hit !== el && !el.contains(hit) && !(hit instanceof HTMLLabelElement && hit.contains(el))) {
        const name = el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? el.tagName;
        const what = `${hit.tagName.toLowerCase()}${typeof hit.className === 'string' && hit.className ? `.${hit.className.split(' ')[0]}` : ''}`;
        out.push(`${el.tagName.toLowerCase()} "${name}" under ${what}`);
      }
    }
    window.scrollTo(0, 0);
    return out;
  });
}

export function layoutChecks(artifacts: string, session: Session): Check[] {
  return [
    {
      name: 'phone 390×844 (touch): one column, no control over a chart or the slider, no horizontal scroll, 44 px thumb',
      ownPage: true,
      async run() {
        const { browser, url } = session();
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
        try {
          const page = await context.newPage();
          await page.addInitScript('globalThis.__name = (f) => f;');
          await page.goto(url);
          await trains(page);
          await page.waitForSelector('[data-testid="slice-heatmap"] svg', { timeout: 20_000 });
          const widths = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            client: document.documentElement.clientWidth,
            header: document.querySelector('[data-testid="app-header"]')?.getBoundingClientRect().width ?? 0,
          }));
          expect(widths.scroll <= widths.client, `horizontal scroll: page ${widths.scroll} px wide in a ${widths.client} px screen`);
          expect(widths.header <= widths.client, `header ${widths.header} px wide`);
          const covered: string[] = [];
          for (const selector of [
            '[data-testid="gamma-slider"]',
            '[data-testid="phase-chart-0"] svg',
            '[data-testid="landscape-chart"] svg',
            '[data-testid="slice-heatmap"] svg',
            '[data-testid="loss-chart"] svg',
          ]) {
            const hits = await coveredPoints(page, selector);
            if (hits.length > 0) covered.push(`${selector}: ${hits.join('; ')}`);
          }
          expect(covered.length === 0, `covered by another element: ${covered.join(' | ')}`);
          const chartsFit = await page.evaluate(() =>
            Array.from(document.querySelectorAll('svg[data-chart-svg]'))
              .map((s) => s.getBoundingClientRect())
              .every((r) => r.left >= 0 && r.right <= document.documentElement.clientWidth + 0.5),
          );
          expect(chartsFit, 'every chart fits the screen width');
          const thumb = await page.getByTestId('gamma-slider').evaluate((el) => el.getBoundingClientRect().height);
          expect(thumb >= 44, `slider (thumb) height ${thumb} px on a touch screen`);
          const controlsAfterStage = await page.evaluate(() => {
            const controls = document.querySelector('aside.controls')!.getBoundingClientRect();
            const stage = document.querySelector('main.stage')!.getBoundingClientRect();
            return { sticky: getComputedStyle(document.querySelector('aside.controls')!).position, below: controls.top >= stage.bottom - 1 };
          });
          expect(controlsAfterStage.sticky === 'static' && controlsAfterStage.below, `controls: ${JSON.stringify(controlsAfterStage)}`);
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: `${artifacts}/phone-top.png` });
          await page.getByTestId('phase-chart-0').scrollIntoViewIfNeeded();
          await page.screenshot({ path: `${artifacts}/phone-phase.png` });
          console.log(`    page ${widths.scroll}/${widths.client} px wide, thumb ${thumb} px`);
        } finally {
          await context.close();
        }
      },
    },
    {
      name: 'Space pauses after clicking Reproduce (focus leaves the button)',
      async run(page) {
        await page.getByTestId('tab-live').click();
        await page.getByTestId('chapter-link-2').click();
        await page.getByTestId('chapter-reproduce').click();
        await waitFor(
          'the scene running',
          () => liveState(page),
          (s) => s.running && s.depths[0] === 1 && s.step > 0,
          15_000,
        );
        await page.keyboard.press('Space');
        await waitFor(
          'Space to pause',
          () => liveState(page),
          (s) => !s.running,
          5000,
        );
        await page.keyboard.press('Space');
        await waitFor(
          'Space to play again',
          () => liveState(page),
          (s) => s.running,
          5000,
        );
        const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
        expect(focused === 'chapter-title', `focus after Reproduce: ${focused}`);
      },
    },
    {
      name: 'a digit key outside lecture mode offers an undo that restores the lab',
      async run(page) {
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        const before = await page.evaluate(() => {
          const p = (window as unknown as { __L2LAB__: { parameters: { getState(): Record<string, unknown> } } }).__L2LAB__.parameters.getState();
          return { depth: p.depth, gamma: p.gamma, spectrum: JSON.stringify(p.spectrum) };
        });
        await page.keyboard.press('6');
        await page.getByTestId('chapter-undo').waitFor({ timeout: 5000 });
        await page.getByTestId('chapter-undo-button').click();
        const after = await page.evaluate(() => {
          const p = (window as unknown as { __L2LAB__: { parameters: { getState(): Record<string, unknown> } } }).__L2LAB__.parameters.getState();
          return { depth: p.depth, gamma: p.gamma, spectrum: JSON.stringify(p.spectrum) };
        });
        expect(JSON.stringify(after) === JSON.stringify(before), `undo: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
      },
    },
    {
      name: 'filled buttons keep ≥ 4.5:1 text contrast on hover',
      async run(page) {
        const results: string[] = [];
        const low: string[] = [];
        const probe = async (testId: string) => {
          const selector = `[data-testid="${testId}"]`;
          await page.locator(selector).first().hover();
          await page.waitForTimeout(50);
          const c = await contrastOf(page, selector);
          results.push(`${testId} ${c.ratio.toFixed(2)}`);
          if (c.ratio < 4.5) low.push(`${testId}: ${c.ratio.toFixed(2)}:1 (${c.color} on ${c.background})`);
        };
        await page.getByTestId('tab-live').click();
        // a chapter must be open for its Reproduce button (each check starts on a fresh page)
        await page.getByTestId('chapter-next').click();
        await page.getByTestId('chapter-reproduce').waitFor({ timeout: 10_000 });
        for (const id of ['copy-link', 'share-class', 'glossary-button', 'lecture-toggle', 'play-pause', 'chapter-reproduce']) await probe(id);
        await page.getByTestId('tab-diagrams').click();
        await page.getByTestId('sweeps-run').waitFor({ timeout: 15_000 });
        await probe('sweeps-run');
        await page.getByTestId('tab-escape').click();
        await page.getByTestId('escape-run').waitFor({ timeout: 15_000 });
        await probe('escape-run');
        await probe('grokking-run');
        await page.mouse.move(0, 0);
        await page.getByTestId('tab-live').click();
        expect(low.length === 0, `low contrast on hover: ${low.join('; ')}`);
        console.log(`    ${results.join(', ')}`);
      },
    },
    {
      name: 'the share and glossary popovers open inside the viewport (1440×900 and 390 px)',
      ownPage: true,
      async run() {
        const { browser, url } = session();
        for (const viewport of [
          { width: 1440, height: 900 },
          { width: 390, height: 844 },
        ]) {
          const page = await newPage(browser, viewport);
          try {
            await page.goto(url);
            await trains(page);
            for (const [button, panel] of [
              ['share-class', 'share-popover'],
              ['glossary-button', 'glossary'],
            ]) {
              await page.getByTestId(button).click();
              const box = await page.getByTestId(panel).boundingBox();
              expect(box !== null, `${panel} did not open`);
              const b = box!;
              expect(
                b.x >= 0 && b.y >= 0 && b.x + b.width <= viewport.width && b.y + b.height <= viewport.height,
                `${panel} at ${viewport.width}×${viewport.height}: ${JSON.stringify(b)}`,
              );
              if (viewport.width === 1440 && button === 'share-class') await page.screenshot({ path: `${artifacts}/share-popover-1440.png` });
              await page.getByTestId(button).click();
            }
          } finally {
            await page.close();
          }
        }
      },
    },
    {
      name: 'an embed shows the key chart inside its frame (800×500 with chapter=4, and 480×320)',
      ownPage: true,
      async run() {
        const { browser, url } = session();
        for (const [viewport, query] of [
          [{ width: 800, height: 500 }, '?embed=1&chapter=4'],
          [{ width: 480, height: 320 }, '?embed=1'],
        ] as const) {
          const page = await newPage(browser, viewport);
          try {
            await page.goto(`${url}${query}`);
            await trains(page);
            const svg = page.locator('[data-testid="phase-chart-0"] svg[data-chart-svg]');
            await svg.waitFor({ timeout: 10_000 });
            await page.waitForTimeout(500);
            const box = (await svg.boundingBox())!;
            const page_ = await page.evaluate(() => ({ height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth }));
            expect(
              box.height >= 100 && box.y >= 0 && box.y + box.height <= viewport.height + 1,
              `chart at ${viewport.width}×${viewport.height}: ${JSON.stringify(box)}`,
            );
            expect(
              page_.height <= viewport.height + 1 && page_.width <= viewport.width,
              `page ${page_.width}×${page_.height} in a ${viewport.width}×${viewport.height} frame`,
            );
            if (query.includes('chapter=4')) {
              const title = await page.getByTestId('embed-title').innerText();
              expect(/^4\. Hysteresis/.test(title), `embed title: ${title}`);
            }
            await page.screenshot({ path: `${artifacts}/embed-${viewport.width}x${viewport.height}.png` });
          } finally {
            await page.close();
          }
        }
      },
    },
    {
      name: 'lecture mode: the key chart above the fold at 1280×720; ≥ 20 px ticks and ≥ 3 px lines at 1920×1080',
      ownPage: true,
      async run() {
        const { browser, url } = session();
        for (const viewport of [
          { width: 1280, height: 720 },
          { width: 1920, height: 1080 },
        ]) {
          const page = await newPage(browser, viewport);
          try {
            await page.goto(`${url}?lecture=1&chapter=4`);
            await trains(page);
            const chart = page.locator('[data-testid="phase-chart-0"]');
            await chart.waitFor({ timeout: 10_000 });
            await page.waitForTimeout(500);
            const box = (await chart.boundingBox())!;
            const scale = await chart.evaluate((el) => {
              const ticks = Array.from(el.querySelectorAll('.tick text')).map((t) => parseFloat(getComputedStyle(t).fontSize));
              const lines = Array.from(el.querySelectorAll('svg[data-chart-svg] path[stroke]'))
                .filter((p) => p.getAttribute('fill') === 'none' || p.closest('g[fill="none"]'))
                .map((p) => parseFloat(p.getAttribute('stroke-width') ?? '0'));
              return { tick: Math.min(...ticks), line: Math.max(...lines) };
            });
            expect(
              box.y >= 0 && box.y + box.height <= viewport.height + 1,
              `key chart at ${viewport.width}×${viewport.height}: top ${box.y}, bottom ${box.y + box.height}`,
            );
            if (viewport.width >= 1920) expect(scale.tick >= 20 && scale.line >= 3, `at 1920×1080: ticks ${scale.tick} px, lines ${scale.line} px`);
            else expect(scale.tick >= 16, `at 1280×720 ticks ${scale.tick} px`);
            await page.screenshot({ path: `${artifacts}/lecture-${viewport.width}x${viewport.height}.png` });
            console.log(
              `    ${viewport.width}×${viewport.height}: chart ${Math.round(box.y)}–${Math.round(box.y + box.height)} px, ticks ${scale.tick} px, lines ${scale.line} px`,
            );
          } finally {
            await page.close();
          }
        }
      },
    },
    {
      name: 'lecture mode, batch tabs at 1280×720: the key chart (phase diagram, Arrhenius plot, chapter 8: grokking) within the first screen, ticks ≥ 18 px',
      ownPage: true,
      timeoutMs: 300_000,
      async run() {
        const { browser, url } = session();
        const viewport = { width: 1280, height: 720 };
        const problems: string[] = [];
        const report: string[] = [];
        const look = async (page: Page, where: string, testId: string) => {
          const s = await chartScale(page, testId);
          report.push(`${where}: ${testId} ${Math.round(s.top)}–${Math.round(s.bottom)} px, ticks ${s.tick} px`);
          if (!(s.top >= 0 && s.bottom <= viewport.height + 1))
            problems.push(`${where}: ${testId} spans ${Math.round(s.top)}–${Math.round(s.bottom)} px of a ${viewport.height} px screen`);
          if (s.ticks === 0) problems.push(`${where}: ${testId} has no axis tick labels (.tick text)`);
          else if (s.tick < 18) problems.push(`${where}: ${testId} tick labels ${s.tick} px`);
        };
        for (const view of ['diagrams', 'escape'] as const) {
          const page = await newPage(browser, viewport);
          try {
            await page.goto(`${url}?lecture=1&view=${view}`);
            await page.getByTestId(view === 'diagrams' ? 'sweeps-view' : 'escape-view').waitFor({ timeout: 20_000 });
            await runBatchJobs(page, view);
            await look(page, view, view === 'diagrams' ? 'sweeps-depthmap' : 'escape-arrhenius');
            const settingsHidden = await page.evaluate(() => {
              const sweeps = document.querySelector('#sweeps-settings');
              const escape = document.querySelector<HTMLDetailsElement>('details[data-testid="escape-settings"]');
              return sweeps ? sweeps.getClientRects().length === 0 : escape !== null && !escape.open;
            });
            if (!settingsHidden) problems.push(`${view}: the settings form is not folded away`);
            await page.screenshot({ path: `${artifacts}/lecture-${view}-1280x720.png` });
          } finally {
            await page.close();
          }
        }
        const page = await newPage(browser, viewport);
        try {
          await page.goto(`${url}?lecture=1&chapter=8`);
          await page.getByTestId('chapter-title').waitFor({ timeout: 20_000 });
          await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
          await page.keyboard.press('8'); // the lecturer's key: plays chapter 8's scene (reconfigures the lab, runs the grokking jobs)
          await page.locator('[data-testid="grokking-sparse-chart"] svg[data-chart-svg]').waitFor({ timeout: 90_000 });
          await page.waitForTimeout(400);
          await look(page, 'chapter 8', 'grokking-sparse-chart');
          await page.screenshot({ path: `${artifacts}/lecture-chapter8-1280x720.png` });
        } finally {
          await page.close();
        }
        console.log(`    ${report.join('; ')}`);
        expect(problems.length === 0, problems.join('; '));
      },
    },
    {
      name: 'phone 390×844 (touch), batch tabs after their jobs: no horizontal scroll, nothing drawn over a form field',
      ownPage: true,
      timeoutMs: 300_000,
      async run() {
        const { browser, url } = session();
        const problems: string[] = [];
        for (const view of ['diagrams', 'escape'] as const) {
          const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
          try {
            const page = await context.newPage();
            await page.addInitScript('globalThis.__name = (f) => f;');
            await page.goto(`${url}?view=${view}`);
            const root = view === 'diagrams' ? '[data-testid="sweeps-view"]' : '[data-testid="escape-view"]';
            await page.locator(root).waitFor({ timeout: 20_000 });
            await runBatchJobs(page, view);
            // the sweeps settings start folded on a phone: open them, their fields are checked too
            const toggle = page.locator('.l2s-settings-toggle[aria-expanded="false"]');
            if ((await toggle.count()) > 0) await toggle.click();
            const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
            if (width > 390) problems.push(`${view}: page ${width} px wide on a 390 px screen`);
            const covered = await coveredFields(page, root);
            if (covered.length > 0) problems.push(`${view}: ${covered.join('; ')}`);
            const fields = await page.locator(root).locator('input, select, button').count();
            console.log(`    ${view}: ${width} px wide, ${fields} fields checked`);
            await page.screenshot({ path: `${artifacts}/phone-${view}.png` });
          } finally {
            await context.close();
          }
        }
        expect(problems.length === 0, problems.join(' | '));
      },
    },
    {
      name: 'a number field says what it expects ("width must be a whole number") and keeps the old value',
      async run(page) {
        await page.getByTestId('tab-live').click();
        const before = await page.evaluate(
          () => (window as unknown as { __L2LAB__: { parameters: { getState(): { width: number } } } }).__L2LAB__.parameters.getState().width,
        );
        await page.locator('#width').fill('abc');
        await page.locator('#width').press('Enter');
        const message = await page.getByTestId('width-error').innerText();
        const after = await page.evaluate(
          () => (window as unknown as { __L2LAB__: { parameters: { getState(): { width: number } } } }).__L2LAB__.parameters.getState().width,
        );
        expect(message === 'width must be a whole number', `message: "${message}"`);
        expect(after === before, `width changed from ${before} to ${after}`);
        expect((await page.locator('#width').getAttribute('aria-invalid')) === 'true', 'the field is marked invalid');
        await page.locator('#width').focus();
        await page.keyboard.press('Escape');
        expect((await page.getByTestId('width-error').count()) === 0, 'Escape clears the message');
      },
    },
    {
      name: 'exports carry the chart title, subtitle and permalink, under a short file name',
      async run(page) {
        await page.getByTestId('tab-live').click();
        const frame = page.getByTestId('landscape-chart');
        await page.getByTestId('landscape-chart-export').click();
        const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('menuitem', { name: 'SVG' }).click()]);
        const svg = readFileSync((await download.path())!, 'utf8');
        const name = download.suggestedFilename();
        const title = await frame.locator('.l2c-title').innerText();
        const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
        const firstWords = escape(title.split(' ').slice(0, 3).join(' '));
        expect(svg.includes(firstWords), `the SVG lacks the title "${title}"`);
        expect(svg.includes('ℓ(p) = a p²'), 'the SVG lacks the subtitle');
        const texts = Array.from(svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g), (m) => m[1]).join('');
        expect(texts.includes('L2 Phase Lab') && /http[^ ]*gamma=/.test(texts.replace(/&amp;/g, '&')), 'the SVG lacks the permalink');
        expect(name.length <= 36 && name.endsWith('.svg') && name.startsWith('l2lab-'), `file name "${name}"`);
        console.log(`    ${name}, ${svg.length} bytes`);
      },
    },
    {
      name: 'axe-core: 0 violations on every tab, with the popovers open, in lecture mode and in an embed',
      ownPage: true,
      async run() {
        const { browser, url } = session();
        const page = await newPage(browser, { width: 1440, height: 900 });
        const found: string[] = [];
        const audit = async (where: string) => {
          for (const v of await axeViolations(page)) found.push(`${where}: ${v}`);
        };
        try {
          await page.goto(url);
          await trains(page);
          await pause(page);
          await audit('live lab');
          await page.getByTestId('share-class').click();
          await audit('share popover');
          await page.getByTestId('share-class').click();
          await page.getByTestId('glossary-button').click();
          await audit('glossary');
          await page.getByTestId('glossary-button').click();
          await page.getByTestId('tab-diagrams').click();
          await page.getByTestId('sweeps-view').waitFor({ timeout: 15_000 });
          await audit('phase diagrams');
          await page.getByTestId('tab-escape').click();
          await page.getByTestId('escape-view').waitFor({ timeout: 15_000 });
          await audit('escape & grokking');
          for (const query of ['?lecture=1&chapter=4', '?lecture=1', '?embed=1&chapter=4']) {
            await page.goto(`${url}${query}`);
            await trains(page);
            await pause(page);
            await audit(query);
          }
        } finally {
          await page.close();
        }
        expect(found.length === 0, `axe violations:\n      ${found.join('\n      ')}`);
      },
    },
  ];
}
