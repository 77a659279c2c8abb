/**
 * UI benchmark (npm run bench:ui): in headless Chromium on the built app,
 *   1. main-thread frame times (median, p95) while training with nobody touching the page;
 *   2. the same while γ is dragged (one slider input event per animation frame);
 *   3. latency from a γ change on the slider to the first snapshot computed with that γ;
 *   4. the default phase diagram (128 γ × D = 1, 2, 3 × learned/trivial = 768 replicas, to
 *      convergence) in the browser's jobs worker, batched vs sequential. Sequential is timed on 36
 *      one-replica jobs of the same step count as the batched run at that depth, scaled to 768.
 * Frame times come from requestAnimationFrame deltas; headless Chromium still paces frames at
 * ~60 Hz, so 16.7 ms is the floor. Latency uses the command id each snapshot echoes.
 *   npx tsx tests/bench/ui.bench.ts [--skip-build] [--json]
 */
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
    await waitFor('training', () => liveState(page), (s) => s.step > 1000, 30_000);
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
    const dragFrames: number[] = await page.evaluate(
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
      type RunJob = (job: unknown) => Promise<{ seconds: number; backend: string; result: Array<{ steps: number }> }>;
      const runJob = (window as unknown as { __L2LAB__: { runJob: RunJob } }).__L2LAB__.runJob;
      const data = { inputDim: 5, outputDim: 1, spectrum: [1], labelNoise: 0, trainSize: 512, testSize: 512, whiten: true, seed: 3 };
      const gammas = Array.from({ length: 128 }, (_, i) => 0.005 + (i * 1.2) / 127);
      const job = (depths: number[], gs: number[], maxSteps = 20000, tolerance?: number, learnedOnly?: boolean) => ({ kind: 'phase-diagram', data, depths, gammas: gs, width: 4, lr: 0.1, maxSteps, tolerance, learnedOnly });
      await runJob(job([2], gammas.slice(0, 8))); // warm-up
      const batched = await runJob(job([1, 2, 3], gammas));
      let sampled = 0;
      const perDepth = 12;
      // each sequential job runs exactly as many steps as the batched run needed at that depth
      for (const [d, depth] of [1, 2, 3].entries()) {
        const steps = batched.result[d].steps;
        for (let s = 0; s < perDepth; s++) sampled += (await runJob(job([depth], [gammas[Math.floor((s * 128) / perDepth)]], steps, 0, true))).seconds;
      }
      const sequentialSeconds = (sampled / (3 * perDepth)) * 768;
      return { backend: batched.backend, batchedSeconds: batched.seconds, stepsPerDepth: batched.result.map((d) => d.steps), sequentialSeconds, ratio: sequentialSeconds / batched.seconds };
    });
    const sps = (await liveState(page)).step;
    const result = {
      backend: (await liveState(page)).backend,
      stepCountAtEnd: sps,
      framesWhileTrainingMs: stats(idleFrames),
      framesWhileDraggingMs: stats(dragFrames),
      sliderToSnapshotLatencyMs: stats(latencies),
      phaseDiagramInWorker: diagram,
    };
    if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
    else {
      const f = (s: Stats) => `median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (n = ${s.n})`;
      console.log(`backend: ${result.backend}`);
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

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
