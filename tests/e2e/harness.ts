/**
 * Shared browser-test plumbing: build, serve with `vite preview` on a free port, launch Debian's
 * Chromium headless through playwright-core, and small helpers that read the app's live state.
 */
import { createServer } from 'node:net';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TelemetryState } from '../../src/state/telemetry';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function buildAndServe(skipBuild = false): Promise<{ url: string; server: PreviewServer }> {
  if (!skipBuild) await build({ logLevel: 'warn' });
  const port = await freePort();
  const server = await preview({ preview: { port, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
  return { url: `http://127.0.0.1:${port}/`, server };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A page whose evaluate() callbacks survive tsx: esbuild wraps named functions in `__name(...)`,
 * which does not exist in the browser, so define it there as the identity.
 */
export async function newPage(browser: Browser, viewport = { width: 1440, height: 1000 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.addInitScript('globalThis.__name = (f) => f;');
  return page;
}

export interface LiveState {
  step: number;
  gamma: number;
  p: number[];
  traceLength: number;
  running: boolean;
  backend: string | null;
  /** the engine that trains (fused kernel or tfjs backend), as measured and chosen by the worker */
  engine: string | null;
  snapshots: number;
  depths: number[];
}

/** the app's live state through window.__L2LAB__ (see src/main.tsx) */
export async function liveState(page: Page, run = 0): Promise<LiveState> {
  return page.evaluate((runIndex) => {
    const lab = (window as unknown as { __L2LAB__: { telemetry: { getState(): TelemetryState } } }).__L2LAB__;
    const t = lab.telemetry.getState();
    const r = t.runs[runIndex];
    return {
      step: r?.latest?.step ?? 0,
      gamma: t.gamma,
      p: r?.latest ? Array.from(r.latest.overlaps as Float32Array) : [],
      traceLength: r ? r.trace.toArray().length : 0,
      running: t.running,
      backend: t.backend?.backend ?? null,
      engine: t.backend?.engine ?? null,
      snapshots: t.snapshotsReceived,
      depths: t.runs.map((x) => x.depth),
    };
  }, run);
}

export async function waitFor<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, everyMs));
    last = await probe();
  }
  return last;
}

/** wait until run `run` has trained `steps` more steps than now (a condition on training, not on the clock) */
export async function trainFor(page: Page, steps: number, timeoutMs = 30_000, run = 0): Promise<LiveState> {
  const start = (await liveState(page, run)).step;
  return waitFor(
    `${steps} more steps`,
    () => liveState(page, run),
    (s) => s.step >= start + steps,
    timeoutMs,
  );
}

/**
 * Pause training and wait until it has really stopped: the store says paused and a round trip to
 * the worker (queued behind the chunk in flight) has come back, so no snapshot is still on its way.
 */
export async function pauseAndSettle(page: Page): Promise<LiveState> {
  await page.evaluate(async () => {
    const lab = (window as unknown as { __L2LAB__: { controller: { pause(): void; getWeights(): Promise<unknown> } } }).__L2LAB__;
    lab.controller.pause();
    await lab.controller.getWeights();
  });
  await waitFor(
    'training paused',
    () => liveState(page),
    (s) => !s.running,
    5000,
  );
  return liveState(page);
}

/**
 * Move the γ slider like a slow drag: `moves` input events from its current position to the
 * position of `target` (same scale mapping as the app). After each move it waits until the worker
 * trains at the new γ and has run `stepsPerMove` steps there (a quasi-static drag in training time,
 * whatever the machine's speed). Uses the native value setter so React sees a real input event.
 */
export async function dragGammaTo(page: Page, target: number, moves = 40, stepsPerMove = 200): Promise<void> {
  const slider = page.getByTestId('gamma-slider');
  const { from, to } = await slider.evaluate((el, t) => {
    const input = el as HTMLInputElement;
    const max = Number(input.dataset.gammaMax);
    const steps = Number(input.max);
    const u = input.dataset.scale === 'log' ? Math.log(Math.max(t, 1e-3) / 1e-3) / Math.log(max / 1e-3) : t / max;
    return { from: Number(input.value), to: Math.round(Math.min(Math.max(u, 0), 1) * steps) };
  }, target);
  for (let i = 1; i <= moves; i++) {
    const position = Math.round(from + ((to - from) * i) / moves);
    await slider.evaluate(
      async (el, { value, steps }) => {
        const input = el as HTMLInputElement;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        setter.call(input, String(value));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        type Lab = {
          parameters: { getState(): { gamma: number } };
          telemetry: { getState(): { gamma: number; running: boolean; runs: { latest: { step: number } | null }[] } };
        };
        const lab = (window as unknown as { __L2LAB__: Lab }).__L2LAB__;
        const gamma = lab.parameters.getState().gamma;
        const start = lab.telemetry.getState().runs[0]?.latest?.step ?? 0;
        const deadline = performance.now() + 10_000;
        await new Promise<void>((resolve, reject) => {
          const poll = () => {
            const t = lab.telemetry.getState();
            const step = t.runs[0]?.latest?.step ?? 0;
            if (!t.running || (t.gamma === gamma && step >= start + steps)) return resolve();
            if (performance.now() > deadline)
              return reject(new Error(`drag: γ = ${gamma} not trained ${steps} steps within 10 s (at γ ${t.gamma}, step ${step} from ${start})`));
            setTimeout(poll, 5);
          };
          poll();
        });
      },
      { value: position, steps: stepsPerMove },
    );
  }
}
