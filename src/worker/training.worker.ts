/// <reference lib="webworker" />
/**
 * The training worker: owns tfjs and the engine, exposes `TrainingApi` through Comlink and pushes
 * `WorkerEvent`s (snapshots at ≤ 30 Hz, backend, dataset facts, faults) to one proxied callback.
 */
import * as Comlink from 'comlink';
import { makeTeacherDataset } from '../data';
import { startEngines, type EngineStart } from './backend';
import { TrainingSession } from './session';
import { computeLossSlice } from './slice';
import type { BackendChoice, EngineInitOptions, LossSlice, RunSetup, Speed, TrainingApi, WorkerEvent } from './protocol';
import type { Weights } from '../engine/types';

let emitToMain: (event: WorkerEvent) => void = () => {};

/** setTimeout(0) is clamped to ≥ 4 ms when nested; a MessageChannel round trip is not. */
const channel = new MessageChannel();
const pending: Array<() => void> = [];
channel.port1.onmessage = () => pending.shift()?.();
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    pending.push(resolve);
    channel.port2.postMessage(null);
  });
}

function emit(event: WorkerEvent): void {
  if (event.type === 'snapshot') {
    const buffers = event.snapshot.runs.flatMap((r) => [r.overlaps.buffer, r.singularValues.buffer, r.layerNormSq.buffer]);
    emitToMain(Comlink.transfer(event, buffers as ArrayBuffer[]));
  } else {
    emitToMain(event);
  }
}

let engines: EngineStart | null = null;

const session = new TrainingSession({
  makeDataset: makeTeacherDataset,
  createTrainer: (config) => {
    if (!engines) throw new Error('the training worker was configured before init');
    return engines.createTrainer(config);
  },
  emit,
  now: () => performance.now(),
  yieldToEvents,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  computeSlice: computeLossSlice,
});

const api: TrainingApi = {
  async init(backend: BackendChoice, onEvent: (e: WorkerEvent) => void, options: EngineInitOptions = {}) {
    emitToMain = (e) => void onEvent(e);
    engines = await startEngines(backend, {
      ...options,
      onDeviceLost: (message) =>
        emit({
          type: 'fault',
          kind: 'backend-lost',
          message: `The GPU device was lost (${message}).`,
          hint: 'Restarting on the fastest other engine and restoring the last saved weights.',
        }),
      onDecision: (info) => emit({ type: 'backend', info }),
    });
    emit({ type: 'backend', info: engines.info });
    return engines.info;
  },
  configure: (setup: RunSetup, setupId: number, firstStep?: number) => session.configure(setup, setupId, firstStep ?? 0),
  play: () => session.play(),
  pause: () => session.pause(),
  step: (n: number) => session.step(n),
  reset: () => session.reset(),
  setGamma: (gamma: number, commandId: number) => session.setGamma(gamma, commandId),
  setTemperature: (t: number) => session.setTemperature(t),
  setLearningRate: (lr: number) => session.setLearningRate(lr),
  setSpeed: (speed: Speed) => session.setSpeed(speed),
  getWeights: async (): Promise<Weights[]> => {
    const weights = await session.getWeights();
    return Comlink.transfer(
      weights,
      weights.flatMap((w) => w.map((layer) => layer.buffer as ArrayBuffer)),
    );
  },
  setWeights: (weights: Weights[]) => session.setWeights(weights),
  requestSlice: async (index: number, resolution: number): Promise<LossSlice | null> => session.requestSlice(index, resolution),
  crashForTesting: () => {
    setTimeout(() => {
      throw new Error('simulated worker crash (test)');
    }, 0);
  },
};

self.addEventListener('unhandledrejection', (event) => {
  const reason = (event as PromiseRejectionEvent).reason;
  emit({
    type: 'fault',
    kind: 'fatal',
    message: reason instanceof Error ? reason.message : String(reason),
    hint: 'The worker will restart on the next backend.',
  });
});

Comlink.expose(api);
