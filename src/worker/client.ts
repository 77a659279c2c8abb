/**
 * Main-thread side of the training worker: spawns it, forwards commands, receives events, and
 * survives crashes. On a worker `error` event, a fatal fault or a lost GPU device it terminates the
 * worker, respawns it on the next backend of the chain, rebuilds the run and restores the latest
 * weights it saved (every few seconds). Imports no tfjs.
 */
import * as Comlink from 'comlink';
import { ENGINE_LABELS, nextEngine, type EngineId } from './engines';
import { loadMeasurements, saveMeasurements } from './measurementCache';
import type { BackendChoice, BackendInfo, DatasetInfo, LossSlice, RunSetup, Speed, TrainingApi, WorkerEvent } from './protocol';
import type { Weights } from '../engine/types';

export interface ClientCallbacks {
  onEvent(event: WorkerEvent): void;
  /** a visible notice: the worker restarted, on which backend, and why */
  onRestart(message: string, hint: string): void;
}

export const SAVE_WEIGHTS_EVERY_MS = 3000;
/** no event from a worker that should be training for this long = a hung backend (e.g. a lost GPU) */
export const WATCHDOG_MS = 15_000;
const MAX_RESTARTS = 4;

export class TrainingClient {
  private worker: Worker | null = null;
  private api: Comlink.Remote<TrainingApi> | null = null;
  private backendInfo: BackendInfo | null = null;
  private setup: RunSetup | null = null;
  private setupId = 0;
  private gamma = 0;
  private gammaCommandId = 0;
  private temperature: number | null = null;
  private lr: number | null = null;
  private speed: Speed | null = null;
  private wantRunning = false;
  private savedWeights: Weights[] | null = null;
  private saveTimer: ReturnType<typeof setInterval> | null = null;
  private recoveredGeneration = -1;
  private generation = 0;
  private restarts = 0;
  /** engines whose worker crashed this session: measured again, but not chosen by 'auto' */
  private readonly crashedEngines = new Set<EngineId>();
  private lastEventAt = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly callbacks: ClientCallbacks) {}

  get backend(): BackendInfo | null {
    return this.backendInfo;
  }

  /** Start (or restart) the worker on a backend choice; keeps the current setup and weights. */
  async start(choice: BackendChoice): Promise<BackendInfo> {
    const weights = this.api ? await this.safeGetWeights() : null;
    return this.spawn(choice, weights ?? this.savedWeights);
  }

  async configure(setup: RunSetup, setupId: number): Promise<DatasetInfo> {
    this.setup = setup;
    this.setupId = setupId;
    this.gamma = setup.gamma;
    this.temperature = setup.temperature;
    this.lr = setup.lr;
    this.savedWeights = null;
    return this.requireApi().configure(setup, setupId);
  }

  play(): void {
    this.wantRunning = true;
    void this.api?.play();
  }

  pause(): void {
    this.wantRunning = false;
    void this.api?.pause();
  }

  async step(n: number): Promise<void> {
    this.wantRunning = false;
    await this.api?.step(n);
  }

  async reset(): Promise<void> {
    this.savedWeights = null;
    await this.api?.reset();
  }

  /** returns the id the snapshots will echo once this γ is in use */
  setGamma(gamma: number): number {
    this.gamma = gamma;
    this.gammaCommandId++;
    void this.api?.setGamma(gamma, this.gammaCommandId);
    return this.gammaCommandId;
  }

  setTemperature(t: number): void {
    this.temperature = t;
    void this.api?.setTemperature(t);
  }

  setLearningRate(lr: number): void {
    this.lr = lr;
    void this.api?.setLearningRate(lr);
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    void this.api?.setSpeed(speed);
  }

  async requestSlice(trainerIndex: number, resolution: number): Promise<LossSlice | null> {
    if (!this.api) return null;
    return this.api.requestSlice(trainerIndex, resolution);
  }

  async getWeights(): Promise<Weights[] | null> {
    return this.safeGetWeights();
  }

  /** replace every trainer's weights (one entry per depth); rejects on a shape mismatch */
  async setWeights(weights: Weights[]): Promise<void> {
    await this.api?.setWeights(weights);
  }

  /** make the worker throw an uncaught error: exercises the respawn path in browser tests */
  crashForTesting(): void {
    void this.api?.crashForTesting();
  }

  dispose(): void {
    if (this.saveTimer) clearInterval(this.saveTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }

  private requireApi(): Comlink.Remote<TrainingApi> {
    if (!this.api) throw new Error('training worker not started');
    return this.api;
  }

  private async spawn(choice: BackendChoice, weights: Weights[] | null): Promise<BackendInfo> {
    this.worker?.terminate();
    if (this.saveTimer) clearInterval(this.saveTimer);
    const generation = ++this.generation;
    const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      void this.recover(`the training worker crashed (${event.message || 'error event'})`, generation);
    });
    const api = Comlink.wrap<TrainingApi>(worker);
    this.api = api;
    this.lastEventAt = performance.now();
    const onEvent = (event: WorkerEvent) => {
      if (generation !== this.generation) return;
      this.lastEventAt = performance.now();
      if (event.type === 'backend') {
        this.backendInfo = event.info;
        saveMeasurements(event.info);
      }
      if (event.type === 'fault' && (event.kind === 'backend-lost' || event.kind === 'fatal')) {
        void this.recover(event.message, generation);
        return;
      }
      this.callbacks.onEvent(event);
    };
    this.armWatchdog(generation);
    const info = await api.init(choice, Comlink.proxy(onEvent), { exclude: [...this.crashedEngines], measurements: loadMeasurements() });
    this.backendInfo = info;
    if (this.setup) {
      await api.configure({ ...this.setup, gamma: this.gamma, temperature: this.temperature ?? this.setup.temperature, lr: this.lr ?? this.setup.lr }, this.setupId);
      await api.setGamma(this.gamma, this.gammaCommandId);
      // weights read just before a setup change belong to the old setup: then train from the new one's init
      if (weights) await api.setWeights(weights).catch(() => undefined);
    }
    if (this.speed) await api.setSpeed(this.speed);
    if (this.wantRunning) await api.play();
    this.saveTimer = setInterval(() => void this.saveWeights(), SAVE_WEIGHTS_EVERY_MS);
    return info;
  }

  private armWatchdog(generation: number): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = setInterval(() => {
      if (generation !== this.generation || !this.wantRunning || document.hidden) return;
      const silent = performance.now() - this.lastEventAt;
      if (silent > WATCHDOG_MS) void this.recover(`no progress from the ${this.backendInfo?.backend ?? ''} backend for ${Math.round(silent / 1000)} s`, generation);
    }, 1000);
  }

  private async saveWeights(): Promise<void> {
    const w = await this.safeGetWeights();
    if (w) this.savedWeights = w;
  }

  private async safeGetWeights(): Promise<Weights[] | null> {
    try {
      return (await this.api?.getWeights()) ?? null;
    } catch {
      return null;
    }
  }

  /** respawn after a failure of worker `generation` (once per generation; stale calls are ignored) */
  private async recover(reason: string, generation = this.generation): Promise<void> {
    if (generation !== this.generation || this.recoveredGeneration === generation) return;
    this.recoveredGeneration = generation;
    if (++this.restarts > MAX_RESTARTS) {
      this.callbacks.onRestart(`Training stopped: ${reason}`, 'The worker failed repeatedly on every backend; reload the page.');
      return;
    }
    const failed: EngineId = this.backendInfo?.engine ?? this.backendInfo?.backend ?? 'wasm';
    this.crashedEngines.add(failed);
    const next = nextEngine(failed);
    this.callbacks.onRestart(
      `Restarted training (${next === 'auto' ? `the fastest engine other than ${ENGINE_LABELS[failed]}` : ENGINE_LABELS[next]}): ${reason}.`,
      this.savedWeights ? 'Restored the weights saved a few seconds before.' : 'No saved weights yet: training restarted from the initial weights.',
    );
    this.backendInfo = null;
    await this.spawn(next, this.savedWeights);
  }
}
