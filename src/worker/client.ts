/**
 * Main-thread side of the training worker: spawns it, forwards commands, receives events, and
 * survives crashes. On a worker `error` event, a fatal fault, a lost GPU device or a worker that
 * stopped answering while it should be training, it terminates the worker, respawns it on a backend
 * chosen by restartPolicy.ts, rebuilds the run, restores the latest weights it saved (every few
 * seconds) and continues the step count. Imports no tfjs.
 */
import * as Comlink from 'comlink';
import { ENGINE_LABELS, type EngineId } from './engines';
import { loadMeasurements, saveMeasurements } from './measurementCache';
import { RestartBook } from './restartPolicy';
import type { BackendChoice, BackendInfo, DatasetInfo, EngineInitOptions, LossSlice, RunSetup, Speed, TrainingApi, WorkerEvent } from './protocol';
import type { Weights } from '../engine/types';

/** The calls the client makes on a training worker; `init` takes a plain callback (proxying is the handle's job). */
export type TrainingWorkerApi = {
  [K in keyof TrainingApi]: (...args: Parameters<TrainingApi[K]>) => Promise<Awaited<ReturnType<TrainingApi[K]>>>;
};

export interface TrainingWorkerHandle {
  api: TrainingWorkerApi;
  terminate(): void;
}

/** `onCrash`: call it when the worker dies of an uncaught error */
export type SpawnTrainingWorker = (onCrash: (message: string) => void) => TrainingWorkerHandle;

const spawnBrowserWorker: SpawnTrainingWorker = (onCrash) => {
  const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    onCrash(event.message || 'error event');
  });
  const remote = Comlink.wrap<TrainingApi>(worker);
  const api = new Proxy({} as TrainingWorkerApi, {
    get: (_target, key: keyof TrainingApi) =>
      key === 'init'
        ? (choice: BackendChoice, onEvent: (e: WorkerEvent) => void, options?: EngineInitOptions) => remote.init(choice, Comlink.proxy(onEvent), options)
        : (...args: unknown[]) => (remote[key] as unknown as (...a: unknown[]) => Promise<unknown>)(...args),
  });
  return { api, terminate: () => worker.terminate() };
};

export interface ClientOptions {
  spawn?: SpawnTrainingWorker;
  now?: () => number;
  isHidden?: () => boolean;
}

export interface ClientCallbacks {
  onEvent(event: WorkerEvent): void;
  /** a visible notice: the worker restarted, on which backend, and why (or that training stopped) */
  onRestart(message: string, hint: string): void;
}

export const SAVE_WEIGHTS_EVERY_MS = 3000;
/**
 * No event for this long from a worker that is training (the user asked for it and the worker
 * itself last said it runs) = a hung backend (e.g. a lost GPU). A paused or diverged session sends
 * nothing and is not hung.
 */
export const WATCHDOG_MS = 15_000;

export class TrainingClient {
  private worker: TrainingWorkerHandle | null = null;
  private api: TrainingWorkerApi | null = null;
  private backendInfo: BackendInfo | null = null;
  private setup: RunSetup | null = null;
  private setupId = 0;
  private gamma = 0;
  private gammaCommandId = 0;
  private temperature: number | null = null;
  private lr: number | null = null;
  private speed: Speed | null = null;
  /** what the user asked for: train (play) or not (pause, step, a divergence that paused it) */
  private wantRunning = false;
  /** what the worker last said: its session is training */
  private workerRunning = false;
  /** between spawning a worker and its run being rebuilt (a hang there is a hung backend too) */
  private starting = false;
  private savedWeights: Weights[] | null = null;
  /** how many periodic weight saves succeeded (browser tests wait on it instead of on the clock) */
  private saves = 0;
  private saveTimer: ReturnType<typeof setInterval> | null = null;
  private recoveredGeneration = -1;
  private generation = 0;
  private lastEventAt = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  /** the highest step the current run's snapshots reached: a respawned worker continues from there */
  private lastStep = 0;
  /** the user's backend choice and the backend it first got (restarts go back to it after a quiet while) */
  private choice: BackendChoice = 'auto';
  private preferred: EngineId | null = null;
  private readonly restarts = new RestartBook();
  /** set after giving up: no worker runs until the user picks a backend or reloads */
  private stopped = false;
  private readonly spawnWorker: SpawnTrainingWorker;
  private readonly now: () => number;
  private readonly isHidden: () => boolean;

  constructor(
    private readonly callbacks: ClientCallbacks,
    options: ClientOptions = {},
  ) {
    this.spawnWorker = options.spawn ?? spawnBrowserWorker;
    this.now = options.now ?? (() => performance.now());
    this.isHidden = options.isHidden ?? (() => typeof document !== 'undefined' && document.hidden);
  }

  get backend(): BackendInfo | null {
    return this.backendInfo;
  }

  /** false after repeated failures made the client give up (until the next start()) */
  get isAlive(): boolean {
    return !this.stopped;
  }

  get weightSaves(): number {
    return this.saves;
  }

  /** the step count the next respawned worker would continue from */
  get continuedStep(): number {
    return this.lastStep;
  }

  /** Start (or restart) the worker on the user's backend choice; keeps the current setup, weights and step count. */
  async start(choice: BackendChoice): Promise<BackendInfo> {
    const weights = this.api ? await this.safeGetWeights() : null;
    this.choice = choice;
    this.stopped = false;
    this.restarts.forget();
    const info = await this.spawn(choice, weights ?? this.savedWeights, null);
    this.preferred = info.engine ?? info.backend;
    return info;
  }

  async configure(setup: RunSetup, setupId: number): Promise<DatasetInfo> {
    this.setup = setup;
    this.setupId = setupId;
    this.gamma = setup.gamma;
    this.temperature = setup.temperature;
    this.lr = setup.lr;
    this.savedWeights = null;
    this.lastStep = 0;
    return this.requireApi().configure(setup, setupId, 0);
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
    this.lastStep = 0;
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
    this.stopWorker();
  }

  private stopWorker(): void {
    if (this.saveTimer) clearInterval(this.saveTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.saveTimer = null;
    this.watchdog = null;
    this.generation++;
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.workerRunning = false;
    this.starting = false;
  }

  private requireApi(): TrainingWorkerApi {
    if (!this.api) throw new Error('training worker not started');
    return this.api;
  }

  /** `restartReason`: null for a start the user asked for; else what the badge should say instead of "chosen by you" */
  private async spawn(choice: BackendChoice, weights: Weights[] | null, restartReason: string | null, exclude: EngineId[] = []): Promise<BackendInfo> {
    this.stopWorker();
    const generation = ++this.generation;
    const handle = this.spawnWorker((message) => void this.recover(`the training worker crashed (${message})`, generation));
    this.worker = handle;
    const api = handle.api;
    this.api = api;
    this.lastEventAt = this.now();
    const describe = (info: BackendInfo): BackendInfo => (restartReason ? { ...info, reason: `${restartReason}; ${info.reason}` } : info);
    const onEvent = (event: WorkerEvent) => {
      if (generation !== this.generation) return;
      this.lastEventAt = this.now();
      if (event.type === 'backend') {
        saveMeasurements(event.info);
        event = { type: 'backend', info: describe(event.info) };
        this.backendInfo = event.info;
      }
      if (event.type === 'state') this.workerRunning = event.running;
      if (event.type === 'snapshot' && event.snapshot.setupId === this.setupId) {
        this.workerRunning = event.snapshot.running;
        for (const run of event.snapshot.runs) if (Number.isFinite(run.step)) this.lastStep = Math.max(this.lastStep, run.step);
      }
      if (event.type === 'fault' && event.kind === 'diverged') this.wantRunning = false; // the session paused itself
      if (event.type === 'fault' && (event.kind === 'backend-lost' || event.kind === 'fatal')) {
        void this.recover(event.message, generation);
        return;
      }
      this.callbacks.onEvent(event);
    };
    this.armWatchdog(generation);
    this.starting = true;
    const info = describe(await api.init(choice, onEvent, { exclude, measurements: loadMeasurements() }));
    if (generation !== this.generation) return info; // replaced while starting
    this.backendInfo = info;
    if (this.setup) {
      const setup = { ...this.setup, gamma: this.gamma, temperature: this.temperature ?? this.setup.temperature, lr: this.lr ?? this.setup.lr };
      await api.configure(setup, this.setupId, this.lastStep);
      await api.setGamma(this.gamma, this.gammaCommandId);
      // weights read just before a setup change belong to the old setup: then train from the new one's init
      if (weights) await api.setWeights(weights).catch(() => undefined);
    }
    if (this.speed) await api.setSpeed(this.speed);
    if (this.wantRunning) await api.play();
    if (generation !== this.generation) return info;
    this.starting = false;
    this.saveTimer = setInterval(() => void this.saveWeights(), SAVE_WEIGHTS_EVERY_MS);
    return this.backendInfo ?? info; // the engine decision made while configuring, if any
  }

  private armWatchdog(generation: number): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = setInterval(() => {
      if (generation !== this.generation || !this.wantRunning || !(this.workerRunning || this.starting) || this.isHidden()) {
        // silence while paused, diverged or hidden is expected: count from when training resumes
        this.lastEventAt = this.now();
        return;
      }
      const silent = this.now() - this.lastEventAt;
      if (silent > WATCHDOG_MS)
        void this.recover(`no progress from the ${this.backendInfo?.backend ?? ''} backend for ${Math.round(silent / 1000)} s`, generation);
    }, 1000);
  }

  private async saveWeights(): Promise<void> {
    const w = await this.safeGetWeights();
    if (w) {
      this.savedWeights = w;
      this.saves++;
    }
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
    if (generation !== this.generation || this.recoveredGeneration === generation || this.stopped) return;
    this.recoveredGeneration = generation;
    const failed: EngineId = this.backendInfo?.engine ?? this.backendInfo?.backend ?? this.preferred ?? 'fused-js';
    const decision = this.restarts.decide(failed, this.now());
    if (decision.kind === 'stop') {
      // say what happens: training really stops here (no worker left running)
      this.stopped = true;
      this.wantRunning = false;
      this.stopWorker();
      this.callbacks.onEvent({ type: 'state', running: false });
      this.callbacks.onRestart(
        `Training stopped: ${reason}.`,
        `The worker failed ${decision.failures} times within a few minutes; pick an engine in the select to try again, or reload the page.`,
      );
      return;
    }
    const who = this.choice === 'auto' ? 'auto' : `your choice ${ENGINE_LABELS[this.choice]}`;
    const avoided = decision.exclude.map((e) => ENGINE_LABELS[e]).join(', ');
    const badge = `${who}: ${ENGINE_LABELS[failed]} failed, measured again without ${avoided}`;
    this.callbacks.onRestart(
      `Restarted training on the fastest engine other than ${avoided}: ${reason}.`,
      (this.savedWeights
        ? 'Restored the weights saved a few seconds before; the step count continues.'
        : 'No saved weights yet: training restarted from the initial weights.') + ' Pick an engine in the select to switch.',
    );
    this.backendInfo = null;
    try {
      await this.spawn('auto', this.savedWeights, badge, decision.exclude);
    } catch (error) {
      await this.recover(`the restarted worker did not start (${error instanceof Error ? error.message : String(error)})`, this.generation);
    }
  }
}
