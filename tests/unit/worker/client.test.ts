/**
 * Recovery that recovers (issue 12): the training client over fake workers and a fake clock. A
 * paused or diverged session never trips the watchdog; a hung one does; restarts say what they do
 * (the badge never claims "chosen by you" for an automatic move), the failure count decays, the
 * preferred backend comes back, and the step count continues across restarts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TrainingClient, WATCHDOG_MS, type TrainingWorkerApi, type TrainingWorkerHandle } from '../../../src/worker/client';
import { RestartBook } from '../../../src/worker/restartPolicy';
import type { EngineId } from '../../../src/worker/engines';
import type { BackendChoice, BackendInfo, RunSetup, Snapshot, WorkerEvent } from '../../../src/worker/protocol';

interface FakeWorker {
  choice: BackendChoice;
  backend: string;
  emit(e: WorkerEvent): void;
  crash(message: string): void;
  configured: Array<{ setupId: number; firstStep?: number }>;
  plays: number;
  terminated: boolean;
}

function fakeWorkers() {
  const workers: FakeWorker[] = [];
  const spawn = (onCrash: (message: string) => void): TrainingWorkerHandle => {
    const w: FakeWorker = { choice: 'auto', backend: '', emit: () => {}, crash: onCrash, configured: [], plays: 0, terminated: false };
    workers.push(w);
    const api: TrainingWorkerApi = {
      init: async (choice, onEvent, options) => {
        w.choice = choice;
        w.emit = onEvent;
        // the fake's "measurement": this order, fastest first, without the excluded engines
        const order: EngineId[] = ['fused-js', 'fused-wasm', 'wasm', 'webgl', 'cpu'];
        const engine = choice === 'auto' ? (order.find((e) => !options?.exclude?.includes(e)) ?? 'cpu') : choice;
        const info: BackendInfo = {
          backend: engine.startsWith('fused') ? 'wasm' : (engine as BackendInfo['backend']),
          engine,
          reason: choice === 'auto' ? 'fastest measured here' : `chosen by you (${choice})`,
        };
        w.backend = engine;
        onEvent({ type: 'backend', info });
        return info;
      },
      configure: async (_setup, setupId, firstStep) => {
        w.configured.push({ setupId, firstStep });
        return { singularValues: [1], inputStrength: [1], trainSize: 1, testSize: 1 };
      },
      play: async () => {
        w.plays++;
        w.emit({ type: 'state', running: true });
      },
      pause: async () => w.emit({ type: 'state', running: false }),
      step: async () => {},
      reset: async () => {},
      setGamma: async () => {},
      setTemperature: async () => {},
      setLearningRate: async () => {},
      setSpeed: async () => {},
      getWeights: async () => [[Float32Array.of(1)]],
      setWeights: async () => {},
      requestSlice: async () => null,
      crashForTesting: async () => {},
    };
    return { api, terminate: () => (w.terminated = true) };
  };
  return { workers, spawn, last: () => workers.at(-1)! };
}

const setup = { depths: [2] } as unknown as RunSetup;
const snapshot = (step: number, running = true): WorkerEvent => ({
  type: 'snapshot',
  snapshot: { setupId: 1, time: 0, gamma: 0.2, gammaCommandId: 0, running, stepsPerSecond: 1, runs: [{ step } as Snapshot['runs'][number]] },
});

async function startedClient() {
  const fakes = fakeWorkers();
  const events: WorkerEvent[] = [];
  const restarts: Array<{ message: string; hint: string }> = [];
  const client = new TrainingClient(
    { onEvent: (e) => events.push(e), onRestart: (message, hint) => restarts.push({ message, hint }) },
    { spawn: fakes.spawn, now: () => Date.now(), isHidden: () => false },
  );
  await client.start('auto');
  await client.configure(setup, 1);
  client.play();
  await vi.advanceTimersByTimeAsync(0);
  return {
    client,
    fakes,
    events,
    restarts,
    badge: () => events.filter((e): e is Extract<WorkerEvent, { type: 'backend' }> => e.type === 'backend').at(-1)!.info,
  };
}

/** keep the current worker alive (a snapshot per second) for `ms` */
async function healthy(fakes: ReturnType<typeof fakeWorkers>, ms: number, step = { value: 0 }) {
  for (let t = 0; t < ms; t += 1000) {
    step.value += 100;
    fakes.last().emit(snapshot(step.value));
    await vi.advanceTimersByTimeAsync(1000);
  }
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('TrainingClient watchdog', () => {
  it('a diverged (self-paused) session stays silent for a minute without any restart', async () => {
    const { fakes, restarts } = await startedClient();
    await healthy(fakes, 3000);
    fakes.last().emit(snapshot(300, false));
    fakes.last().emit({ type: 'state', running: false });
    fakes.last().emit({ type: 'fault', kind: 'diverged', message: 'Training diverged', hint: '' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fakes.workers).toHaveLength(1);
    expect(restarts).toHaveLength(0);
  });

  it('a paused session is not hung either; after play the watchdog counts from the resume', async () => {
    const { client, fakes, restarts } = await startedClient();
    client.pause();
    await vi.advanceTimersByTimeAsync(40_000);
    expect(fakes.workers).toHaveLength(1);
    client.play();
    await vi.advanceTimersByTimeAsync(WATCHDOG_MS - 2000);
    expect(restarts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(4000);
    expect(restarts).toHaveLength(1);
  });

  it('a session that says it trains but goes silent is restarted, and the badge says auto moved it (not "chosen by you")', async () => {
    const { fakes, restarts, badge } = await startedClient();
    await healthy(fakes, 2000);
    await vi.advanceTimersByTimeAsync(WATCHDOG_MS + 2000);
    expect(fakes.workers).toHaveLength(2);
    expect(fakes.workers[0].terminated).toBe(true);
    expect(restarts[0].message).toMatch(/Restarted training on the fastest engine other than fused JS: no progress from the/);
    expect(restarts[0].hint).toMatch(/Pick an engine/);
    expect(badge().engine).toBe('fused-wasm');
    expect(badge().reason).toMatch(/^auto: fused JS failed, measured again without fused JS; fastest measured here/);
    expect(badge().reason).not.toMatch(/chosen by you/);
    expect(fakes.last().plays).toBe(1); // it was training: it trains again
  });
});

describe('TrainingClient restart bookkeeping', () => {
  it('the step count continues: the respawned worker is configured with the last step seen', async () => {
    const { fakes } = await startedClient();
    const step = { value: 0 };
    await healthy(fakes, 5000, step);
    expect(step.value).toBe(500);
    fakes.last().crash('boom');
    await vi.advanceTimersByTimeAsync(0);
    expect(fakes.last().configured.at(-1)).toEqual({ setupId: 1, firstStep: 500 });
  });

  it('crashes far apart never stop training; five within a minute stop it for real and say so', async () => {
    const { client, fakes, restarts, events } = await startedClient();
    for (let i = 0; i < 6; i++) {
      await healthy(fakes, 6 * 60_000);
      fakes.last().crash(`crash ${i}`);
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(restarts.every((r) => /^Restarted/.test(r.message))).toBe(true);
    expect(fakes.workers).toHaveLength(7);

    for (let i = 0; i < 5; i++) {
      await healthy(fakes, 5000);
      fakes.last().crash(`fast crash ${i}`);
      await vi.advanceTimersByTimeAsync(0);
    }
    const last = restarts.at(-1)!;
    expect(last.message).toMatch(/^Training stopped/);
    expect(last.hint).toMatch(/pick a backend|reload/);
    const spawned = fakes.workers.length;
    expect(fakes.last().terminated).toBe(true); // nothing keeps training behind a "stopped" notice
    expect(events.at(-1)).toEqual({ type: 'state', running: false });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fakes.workers).toHaveLength(spawned);
    expect(client.isAlive).toBe(false);
    // the way out the notice names: picking a backend starts a fresh worker
    await client.start('wasm');
    expect(client.isAlive).toBe(true);
    expect(fakes.workers).toHaveLength(spawned + 1);
    expect(fakes.last().terminated).toBe(false);
  });

  it('the fastest engine comes back: after a quiet period the next restart may choose it again', async () => {
    const { fakes, badge } = await startedClient();
    fakes.last().crash('fused js crash');
    await vi.advanceTimersByTimeAsync(0);
    expect(fakes.last().backend).toBe('fused-wasm');
    await healthy(fakes, 6 * 60_000);
    fakes.last().crash('fused wasm crash');
    await vi.advanceTimersByTimeAsync(0);
    expect(fakes.last().backend).toBe('fused-js');
    expect(badge().reason).toMatch(/measured again without fused wasm SIMD;/);
  });

  it('a user choice that fails says "your choice" on the badge', async () => {
    const { client, fakes, badge } = await startedClient();
    await client.start('webgl');
    expect(badge().reason).toBe('chosen by you (webgl)');
    fakes.last().crash('x');
    await vi.advanceTimersByTimeAsync(0);
    expect(fakes.last().backend).toBe('fused-js');
    expect(badge().reason).toMatch(/^your choice tfjs webgl: tfjs webgl failed, measured again without tfjs webgl/);
  });
});

describe('restart policy', () => {
  it('restarts without the engines that failed within the window, and forgets older failures', () => {
    const book = new RestartBook(1000, 2);
    expect(book.decide('fused-js', 0)).toEqual({ kind: 'restart', exclude: ['fused-js'] });
    expect(book.decide('fused-wasm', 10)).toEqual({ kind: 'restart', exclude: ['fused-js', 'fused-wasm'] });
    expect(book.decide('wasm', 20)).toEqual({ kind: 'stop', failures: 3 });
    expect(book.recent(2000)).toHaveLength(0);
    expect(book.decide('wasm', 2000)).toEqual({ kind: 'restart', exclude: ['wasm'] });
  });
});
