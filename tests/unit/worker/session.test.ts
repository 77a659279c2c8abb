import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from '../../../src/engine';
import { initBackend } from '../../../src/engine/backends';
import { makeTeacherDataset } from '../../../src/data';
import { DEFAULT_PARAMETERS, toRunSetup } from '../../../src/state/parameters';
import { TrainingSession, SNAPSHOT_INTERVAL_MS, type SessionDeps } from '../../../src/worker/session';
import type { Metrics, Trainer, TrainerConfig, Weights } from '../../../src/engine/types';
import type { Dataset } from '../../../src/data/types';
import type { RunSetup, Snapshot, WorkerEvent } from '../../../src/worker/protocol';

/** A fake clock and a fake trainer: each step costs `msPerStep` of fake time; p relaxes to 1 − γ. */
function harness(msPerStep = 0.01, divergeAtStep = Infinity, divergesAtLr = Infinity) {
  let clock = 0;
  const events: WorkerEvent[] = [];
  const trainers: FakeTrainer[] = [];
  class FakeTrainer implements Trainer {
    step = 0;
    gamma: number;
    lr: number;
    weights: Weights;
    readonly replicas = 1;
    constructor(readonly config: TrainerConfig) {
      this.gamma = config.replicas[0].gamma;
      this.lr = config.lr;
      this.weights = [Float32Array.of(0.5)];
      this.step = config.firstStep ?? 0; // as the engine's trainers do
    }
    async run(steps: number): Promise<Metrics> {
      clock += steps * msPerStep;
      for (let i = 0; i < steps; i++) {
        this.step++;
        this.weights[0][0] += 0.1 * (1 - this.gamma - this.weights[0][0]);
        if (this.step >= divergeAtStep || this.lr >= divergesAtLr) this.weights[0][0] = NaN;
      }
      return this.metrics();
    }
    async metrics(): Promise<Metrics> {
      const p = this.weights[0][0];
      return {
        step: this.step,
        replicas: 1,
        trainLoss: Float32Array.of((1 - p) ** 2),
        testLoss: Float32Array.of((1 - p) ** 2),
        penalty: Float32Array.of(this.gamma * p * p),
        normSq: Float32Array.of(p * p),
        layerNormSq: Float32Array.of(p * p),
        singularValues: Float32Array.of(Math.abs(p)),
        modeOverlaps: Float32Array.of(p),
        diverged: Uint8Array.of(Number.isFinite(p) ? 0 : 1),
      };
    }
    setGamma(g: number | ArrayLike<number>) {
      this.gamma = typeof g === 'number' ? g : g[0];
    }
    setTemperature() {}
    setLearningRate(lr: number) {
      this.lr = lr;
    }
    async getWeights() {
      return [this.weights.map((w) => Float32Array.from(w))];
    }
    setWeights(w: Weights) {
      this.weights = w.map((x) => Float32Array.from(x));
    }
    setAllWeights(w: Weights[]) {
      this.setWeights(w[0]);
    }
    dispose() {}
  }
  const deps: SessionDeps = {
    makeDataset: (spec) =>
      ({
        spec,
        inputDim: 1,
        outputDim: 1,
        trainSize: 10,
        testSize: 10,
        syxSvd: { values: [1], u: new Float64Array(1), v: new Float64Array(1) },
        inputStrength: [1],
      }) as unknown as Dataset,
    createTrainer: (config) => {
      const t = new FakeTrainer(config);
      trainers.push(t);
      return t;
    },
    emit: (e) => events.push(e),
    now: () => clock,
    // yield a real macrotask so the test's own timers get to run, like commands in the worker
    yieldToEvents: () => {
      clock += 0.05;
      return new Promise((r) => setImmediate(r));
    },
    sleep: (ms) => {
      clock += ms;
      return new Promise((r) => setImmediate(r));
    },
  };
  const snapshots = () => events.filter((e): e is { type: 'snapshot'; snapshot: Snapshot } => e.type === 'snapshot').map((e) => e.snapshot);
  return { session: new TrainingSession(deps), events, snapshots, trainers, advance: (ms: number) => (clock += ms), time: () => clock };
}

const setup: RunSetup = {
  depths: [2],
  width: 4,
  activation: 'linear',
  data: { inputDim: 1, outputDim: 1, spectrum: [1], labelNoise: 0, trainSize: 10, testSize: 10, whiten: true, seed: 1 },
  optimizer: 'gd',
  batchSize: 10,
  lr: 0.1,
  gamma: 0.2,
  temperature: 0,
  seed: 1,
  initScale: 1,
};

async function runFor(h: ReturnType<typeof harness>, fakeMs: number) {
  // the fake clock only moves while the session trains: stop when it stopped on its own
  const end = h.time() + fakeMs;
  while (h.time() < end && h.session.isRunning) await new Promise((r) => setTimeout(r, 0));
}

describe('TrainingSession', () => {
  it('throttles snapshots to ≤ ~30 per second of (fake) time however fast training runs', async () => {
    const h = harness(0.001);
    await h.session.configure(setup, 3);
    h.session.play();
    await runFor(h, 2000);
    h.session.pause();
    const snaps = h.snapshots();
    const steps = h.trainers[0].step;
    expect(steps).toBeGreaterThan(100_000); // training is not tied to the snapshot rate
    const during = snaps.filter((s) => s.time > 0);
    expect(during.length).toBeLessThanOrEqual(Math.ceil(2000 / SNAPSHOT_INTERVAL_MS) + 2);
    expect(during.length).toBeGreaterThan(20);
    for (let i = 1; i < during.length; i++) expect(during[i].time - during[i - 1].time).toBeGreaterThanOrEqual(SNAPSHOT_INTERVAL_MS - 1e-9);
    expect(snaps.every((s) => s.setupId === 3)).toBe(true);
  });

  it('setGamma takes effect without a reset and snapshots echo the command id', async () => {
    const h = harness();
    await h.session.configure(setup, 1);
    h.session.play();
    await runFor(h, 300);
    const stepBefore = h.trainers[0].step;
    h.session.setGamma(0.5, 42);
    await runFor(h, 500);
    h.session.pause();
    const last = h.snapshots().at(-1)!;
    expect(last.gamma).toBe(0.5);
    expect(last.gammaCommandId).toBe(42);
    expect(last.runs[0].step).toBeGreaterThan(stepBefore); // step count kept growing: no reset
    expect(last.runs[0].overlaps[0]).toBeCloseTo(0.5, 3); // the fake relaxes to p = 1 − γ
  });

  it('slow mode runs at the requested steps per second', async () => {
    const h = harness();
    await h.session.configure(setup, 1);
    h.session.setSpeed({ mode: 'slow', stepsPerSecond: 20 });
    const start = h.time();
    h.session.play();
    await runFor(h, 3000);
    h.session.pause();
    const seconds = (h.time() - start) / 1000;
    expect(seconds).toBeGreaterThan(2.9);
    // 20 steps per (fake) second, ± 2 steps for the boundaries
    expect(Math.abs(h.trainers[0].step - 20 * seconds)).toBeLessThanOrEqual(2);
  });

  it('step(n) runs exactly n steps and posts a snapshot', async () => {
    const h = harness();
    await h.session.configure(setup, 1);
    await h.session.step(7);
    expect(h.trainers[0].step).toBe(7);
    expect(h.snapshots().at(-1)!.runs[0].step).toBe(7);
  });

  it('on divergence pauses, restores finite weights and tells the user to lower the learning rate', async () => {
    const h = harness(0.01, 5000);
    await h.session.configure(setup, 1);
    h.session.play();
    await runFor(h, 1000);
    expect(h.session.isRunning).toBe(false);
    const fault = h.events.find((e) => e.type === 'fault');
    expect(fault && fault.type === 'fault' && fault.kind).toBe('diverged');
    expect(fault && fault.type === 'fault' && fault.hint).toMatch(/learning rate/);
    const w = (await h.session.getWeights())[0][0][0];
    expect(Number.isFinite(w)).toBe(true);
  });

  it('compare mode builds one trainer per depth on the same dataset', async () => {
    const h = harness();
    await h.session.configure({ ...setup, depths: [1, 2, 3] }, 1);
    expect(h.trainers.map((t) => t.config.net.hiddenWidths.length)).toEqual([1, 2, 3]);
    expect(new Set(h.trainers.map((t) => t.config.data)).size).toBe(1);
  });

  it('diverging before any good chunk restores the INITIAL weights, says so, and trains again once lr is lowered', async () => {
    // the fake explodes on its first step whenever lr ≥ 1: no chunk is ever good at lr = 10
    const h = harness(0.01, Infinity, 1);
    await h.session.configure({ ...setup, lr: 10 }, 1);
    const initial = (await h.session.getWeights())[0][0][0];
    h.session.play();
    await runFor(h, 1000);
    expect(h.session.isRunning).toBe(false);
    const faults = h.events.filter((e): e is Extract<WorkerEvent, { type: 'fault' }> => e.type === 'fault');
    expect(faults).toHaveLength(1);
    expect(faults[0].hint).toMatch(/initial weights/);
    expect(faults[0].hint).not.toMatch(/last good/);
    expect((await h.session.getWeights())[0][0][0]).toBe(initial);
    // the snapshot after the recovery shows the restored, finite state
    expect(Number.isFinite(h.snapshots().at(-1)!.runs[0].trainLoss)).toBe(true);

    h.session.setLearningRate(0.1);
    h.session.play();
    await runFor(h, 500);
    h.session.pause();
    expect(h.events.filter((e) => e.type === 'fault')).toHaveLength(1);
    const w = (await h.session.getWeights())[0][0][0];
    expect(w).toBeCloseTo(1 - setup.gamma, 3); // trained from the initial weights to the fixed point
  });

  it('after a good chunk, divergence restores the last good weights (not the initial ones) and says that', async () => {
    const h = harness(0.01, 5000);
    await h.session.configure(setup, 1);
    h.session.play();
    await runFor(h, 1000);
    const fault = h.events.find((e): e is Extract<WorkerEvent, { type: 'fault' }> => e.type === 'fault')!;
    expect(fault.hint).toMatch(/last good weights/);
    const w = (await h.session.getWeights())[0][0][0];
    expect(Math.abs(w - 0.5)).toBeGreaterThan(0.1); // moved from the init 0.5 toward 1 − γ = 0.8
  });

  it('firstStep continues the reported step count (a restart); reset starts again from 0', async () => {
    const h = harness();
    await h.session.configure(setup, 1, 1234);
    expect(h.snapshots().at(-1)!.runs[0].step).toBe(1234);
    await h.session.step(7);
    expect(h.snapshots().at(-1)!.runs[0].step).toBe(1241);
    expect(h.session.reportedSteps).toBe(1241);
    h.session.play();
    await runFor(h, 200);
    h.session.pause();
    const steps = h.snapshots().map((s) => s.runs[0].step);
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThanOrEqual(steps[i - 1]);
    // the rate is computed from the offset steps too: no spike from the offset itself
    expect(Math.max(...h.snapshots().map((s) => s.stepsPerSecond))).toBeLessThan(1e6);
    await h.session.reset();
    expect(h.snapshots().at(-1)!.runs[0].step).toBe(0);
  });
});

describe('TrainingSession with the real engine (wasm)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('?depth=6&width=64&lr=10 diverges at once; lowering lr and playing trains from finite weights', async () => {
    const events: WorkerEvent[] = [];
    let clock = 0;
    const session = new TrainingSession({
      makeDataset: makeTeacherDataset,
      createTrainer,
      emit: (e) => events.push(e),
      now: () => clock,
      yieldToEvents: () => new Promise((r) => setImmediate(r)),
      sleep: () => new Promise((r) => setImmediate(r)),
    });
    const run = toRunSetup({ ...DEFAULT_PARAMETERS, depth: 6, width: 64, lr: 10 });
    await session.configure(run, 1);
    const initial = (await session.getWeights())[0];
    await session.step(20);
    const fault = events.find((e): e is Extract<WorkerEvent, { type: 'fault' }> => e.type === 'fault');
    expect(fault?.kind).toBe('diverged');
    expect(fault?.hint).toMatch(/initial weights/);
    const restored = (await session.getWeights())[0];
    expect(restored.map((l) => Array.from(l))).toEqual(initial.map((l) => Array.from(l)));
    session.setLearningRate(0.01);
    clock += 1000; // past the good-weights save interval
    await session.step(50);
    const snapshots = events.filter((e): e is Extract<WorkerEvent, { type: 'snapshot' }> => e.type === 'snapshot');
    const last = snapshots.at(-1)!.snapshot.runs[0];
    expect(events.filter((e) => e.type === 'fault')).toHaveLength(1);
    expect(Number.isFinite(last.trainLoss) && Number.isFinite(last.normSq)).toBe(true);
    expect((await session.getWeights())[0].every((l) => l.every(Number.isFinite))).toBe(true);
    session.dispose();
  });
});
