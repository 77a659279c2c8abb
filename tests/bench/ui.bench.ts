/**
 * UI benchmark (npm run bench:ui): in headless Chromium on the built app,
 *   1. main-thread frame times (median, p95) while training with nobody touching the page;
 *   2. the same while γ is dragged (one slider input event per animation frame);
 *   3. latency from a γ change on the slider to the first snapshot computed with that γ;
 *   4. the default phase diagram (128 γ × D = 1, 2, 3 × learned/trivial = 768 replicas, to
 *      convergence) in the browser's jobs worker, batched vs sequential. Sequential is timed on 36
 *      one-replica jobs of the same step count as the batched run at that depth, scaled to 768;
 *   5. the live lab's steps/s readout (the smoothed rate users see) and the engine it runs on;
 *   6. the app-level jobs as a user runs them: the Escape tab's default job and the whole Phase
 *      diagrams tab (every stage), wall time from the click to "done", plus the frame times while
 *      the Phase diagrams job runs and γ is dragged on the live lab.
 * Frame times come from requestAnimationFrame deltas; headless Chromium still paces frames at
 * ~60 Hz, so 16.7 ms is the floor. Latency uses the command id each snapshot echoes.
 *   npx tsx tests/bench/ui.bench.ts [--skip-build] [--json]
 */
import type { Page } from 'playwright-core';
import { buildAndServe, launch, liveState, newPage, waitFor } from '../e2e/harness';

interface Stats {
  n: number;
  median: number;
  p95: number;
  max: number;
}

function stats(values: number[]): Stats {
  const v = [...values].sort((a, b) => a - b);
  const q = (f: number) => v[Math.min(v.length - 1, Math.floor(f * (v.length - 1)))];
  return { n: v.length, median: q(0.5), p95: q(0.95), max: v[v.length - 1] ?? NaN };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const { url, server } = await buildAndServe(args.includes('--skip-build'));
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await page.goto(url);
    await waitFor(
      'training',
      () => liveState(page),
      (s) => s.step > 1000,
      30_000,
    );
    await page.waitForTimeout(1500);

    const idleFrames: number[] = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const deltas: number[] = [];
          let last = performance.now();
          const end = last + 5000;
          const tick = (now: number) => {
            deltas.push(now - last);
            last = now;
            if (now < end) requestAnimationFrame(tick);
            else resolve(deltas.slice(1));
          };
          requestAnimationFrame(tick);
        }),
    );

    // drag γ 0.2 → 0.6 → 0.2 over ~5 s, one input event per frame, timing the frames
    const dragFrames: number[] = await dragAndTimeFrames(page);

    // latency: one slider change, then wait for a snapshot echoing its command id
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(300);
      const latency = await page.evaluate(
        (k) =>
          new Promise<number>((resolve, reject) => {
            type Store = { getState(): { gammaCommandId: number }; subscribe(f: (s: { gammaCommandId: number }) => void): () => void };
            const lab = (window as unknown as { __L2LAB__: { telemetry: Store } }).__L2LAB__;
            const input = document.querySelector<HTMLInputElement>('[data-testid="gamma-slider"]')!;
            const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
            const expected = lab.telemetry.getState().gammaCommandId + 1;
            const t0 = performance.now();
            const unsubscribe = lab.telemetry.subscribe((s) => {
              if (s.gammaCommandId >= expected) {
                unsubscribe();
                resolve(performance.now() - t0);
              }
            });
            setTimeout(() => reject(new Error('no snapshot with the new γ within 5 s')), 5000);
            setter.call(input, String(Number(input.value) + (k % 2 === 0 ? 3 : -3)));
            input.dispatchEvent(new Event('input', { bubbles: true }));
          }),
        i,
      );
      latencies.push(latency);
    }
    // 4. the default phase diagram in the jobs worker (pause the live lab so it does not compete)
    await page.evaluate(() => (window as unknown as { __L2LAB__: { controller: { pause(): void } } }).__L2LAB__.controller.pause());
    const diagram = await page.evaluate(async () => {
      type RunJob = (job: unknown) => Promise<{ seconds: number; backend: string; result: { diagrams: Array<{ steps: number }> } }>;
      const runJob = (window as unknown as { __L2LAB__: { runJob: RunJob } }).__L2LAB__.runJob;
      const data = { inputDim: 5, outputDim: 1, spectrum: [1], labelNoise: 0, trainSize: 512, testSize: 512, whiten: true, seed: 3 };
      const gammas = Array.from({ length: 128 }, (_, i) => 0.005 + (i * 1.2) / 127);
      const job = (depths: number[], gs: number[], maxSteps = 20000, tolerance?: number, learnedOnly?: boolean) => ({
        kind: 'phase-diagram',
        data,
        depths,
        gammas: gs,
        width: 4,
        lr: 0.1,
        maxSteps,
        tolerance,
        learnedOnly,
      });
      await runJob(job([2], gammas.slice(0, 8))); // warm-up
      const batched = await runJob(job([1, 2, 3], gammas));
      let sampled = 0;
      const perDepth = 12;
      // each sequential job runs exactly as many steps as the batched run needed at that depth
      for (const [d, depth] of [1, 2, 3].entries()) {
        const steps = batched.result.diagrams[d].steps;
        for (let s = 0; s < perDepth; s++) sampled += (await runJob(job([depth], [gammas[Math.floor((s * 128) / perDepth)]], steps, 0, true))).seconds;
      }
      const sequentialSeconds = (sampled / (3 * perDepth)) * 768;
      return {
        backend: batched.backend,
        batchedSeconds: batched.seconds,
        stepsPerDepth: batched.result.diagrams.map((d) => d.steps),
        sequentialSeconds,
        ratio: sequentialSeconds / batched.seconds,
      };
    });
    const sps = (await liveState(page)).step;
    const jobs = await appJobs(page);
    const result = {
      backend: (await liveState(page)).backend,
      ...jobs,
      stepCountAtEnd: sps,
      framesWhileTrainingMs: stats(idleFrames),
      framesWhileDraggingMs: stats(dragFrames),
      sliderToSnapshotLatencyMs: stats(latencies),
      phaseDiagramInWorker: diagram,
    };
    if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
    else {
      const f = (s: Stats) => `median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (n = ${s.n})`;
      console.log(`backend: ${result.backend}; engine: ${jobs.engine}`);
      console.log(
        `live-lab steps/s readout: median ${Math.round(jobs.liveStepsPerSecond.median).toLocaleString('en-US')} (min ${Math.round(jobs.liveStepsPerSecond.min).toLocaleString('en-US')}, max ${Math.round(jobs.liveStepsPerSecond.max).toLocaleString('en-US')}, 20 readings over 4 s)`,
      );
      console.log(`Escape tab default job: ${jobs.escapeJobWallSeconds.toFixed(2)} s wall (${jobs.escapeStatus})`);
      console.log(`Phase diagrams tab, all stages: ${jobs.diagramsTabWallSeconds.toFixed(2)} s wall (${jobs.diagramsLog})`);
      console.log(`frame time while the Phase diagrams job runs and γ is dragged: ${f(jobs.framesWhileJobAndDragMs)}`);
      console.log(`frame time while training: ${f(result.framesWhileTrainingMs)}`);
      console.log(`frame time while dragging γ: ${f(result.framesWhileDraggingMs)}`);
      console.log(`slider → first snapshot with the new γ: ${f(result.sliderToSnapshotLatencyMs)}`);
      console.log(
        `default phase diagram (768 replicas) in the jobs worker on ${diagram.backend}: ${diagram.batchedSeconds.toFixed(2)} s batched ` +
          `(steps per depth ${diagram.stepsPerDepth.join(', ')}), ~${diagram.sequentialSeconds.toFixed(1)} s sequential (scaled from 36 one-replica jobs): ${diagram.ratio.toFixed(0)}×`,
      );
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  process.exit(0);
}

/** drag γ 0.2 → 0.6 → 0.2 over ~5 s, one input event per animation frame; the frame deltas */
async function dragAndTimeFrames(page: Page): Promise<number[]> {
  return page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const input = document.querySelector<HTMLInputElement>('[data-testid="gamma-slider"]')!;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const max = Number(input.dataset.gammaMax);
        const steps = Number(input.max);
        const toPos = (g: number) => Math.round((g / max) * steps);
        const deltas: number[] = [];
        const start = performance.now();
        let last = start;
        const tick = (now: number) => {
          deltas.push(now - last);
          last = now;
          const t = (now - start) / 5000;
          if (t >= 1) return resolve(deltas.slice(1));
          const gamma = t < 0.5 ? 0.2 + 0.8 * t : 0.6 - 0.8 * (t - 0.5);
          setter.call(input, String(toPos(gamma)));
          input.dispatchEvent(new Event('input', { bubbles: true }));
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/** 5–6: the readout, and the two tabs' jobs as a user starts them */
async function appJobs(page: Page) {
  const lab = () =>
    page.evaluate(() => {
      const t = (
        window as unknown as { __L2LAB__: { telemetry: { getState(): { stepsPerSecond: number; backend: { engine?: string } | null } } } }
      ).__L2LAB__.telemetry.getState();
      return { sps: t.stepsPerSecond, engine: t.backend?.engine ?? '' };
    });
  await page.evaluate(() => (window as unknown as { __L2LAB__: { controller: { play(): void } } }).__L2LAB__.controller.play());
  await page.waitForTimeout(2000);
  const readings: number[] = [];
  for (let i = 0; i < 20; i++) {
    readings.push((await lab()).sps);
    await page.waitForTimeout(200);
  }
  const engine = (await lab()).engine;
  const sorted = [...readings].sort((a, b) => a - b);

  await page.getByTestId('tab-escape').click();
  await page.getByTestId('escape-view').waitFor({ timeout: 15_000 });
  let t0 = Date.now();
  await page.getByTestId('escape-run').click();
  const escapeStatus = await waitFor(
    'the escape job',
    () => page.getByTestId('escape-status').innerText(),
    (t) => t.startsWith('done'),
    300_000,
    50,
  );
  const escapeJobWallSeconds = (Date.now() - t0) / 1000;

  await page.getByTestId('tab-diagrams').click();
  await page.getByTestId('sweeps-view').waitFor({ timeout: 15_000 });
  t0 = Date.now();
  await page.getByTestId('sweeps-run').click();
  await page.getByTestId('tab-live').click();
  await page.getByTestId('gamma-slider').waitFor({ timeout: 15_000 });
  const framesWhileJobAndDrag = await dragAndTimeFrames(page);
  await page.getByTestId('tab-diagrams').click();
  const status = await waitFor(
    'the sweeps to finish',
    () => page.getByTestId('sweeps-status').innerText(),
    (t) => t === 'done' || t.startsWith('stopped'),
    600_000,
    50,
  );
  const diagramsTabWallSeconds = (Date.now() - t0) / 1000;
  if (status !== 'done') throw new Error(`sweeps: ${status}`);
  const diagramsLog = (await page.getByTestId('sweeps-log').innerText()).replace(/\n/g, '; ');
  return {
    engine,
    liveStepsPerSecond: { median: sorted[10], min: sorted[0], max: sorted[19] },
    escapeJobWallSeconds,
    escapeStatus,
    diagramsTabWallSeconds,
    diagramsLog,
    framesWhileJobAndDragMs: stats(framesWhileJobAndDrag),
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
