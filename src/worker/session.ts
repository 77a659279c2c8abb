/**
 * The training loop that lives in the worker: trainers for one setup, a step pump that keeps
 * training speed independent of the page's frame rate, throttled snapshots, divergence recovery.
 * It knows nothing about Comlink or tfjs: both come in through `SessionDeps`, so Node tests drive it
 * with fake trainers.
 */
import type { Dataset, TeacherSpec } from '../data/types';
import type { Metrics, Trainer, TrainerConfig, Weights } from '../engine/types';
import type { DatasetInfo, LossSlice, RunMetrics, RunSetup, Snapshot, Speed, WorkerEvent } from './protocol';
import { deriveSeed } from '../data/random';

export interface SessionDeps {
  makeDataset(spec: TeacherSpec): Dataset;
  createTrainer(config: TrainerConfig): Trainer | Promise<Trainer>;
  emit(event: WorkerEvent): void;
  now(): number;
  /** let queued messages (commands) run; must not be clamped like nested setTimeout */
  yieldToEvents(): Promise<void>;
  sleep(ms: number): Promise<void>;
  computeSlice?(trainer: Trainer, dataset: Dataset, gamma: number, resolution: number): Promise<LossSlice>;
}

/** At most ~30 snapshots per second, however fast training runs. */
export const SNAPSHOT_INTERVAL_MS = 33;
/** Target wall time of one chunk in 'fast' mode: short enough for commands to get through quickly. */
export const FAST_CHUNK_MS = 12;
const MAX_CHUNK_STEPS = 5000;
const SAVE_GOOD_WEIGHTS_MS = 250;

export class TrainingSession {
  private trainers: Trainer[] = [];
  private dataset: Dataset | null = null;
  private setup: RunSetup | null = null;
  private gamma = 0;
  private setupId = 0;
  /** γ and command id in force when the last chunk started: what its metrics were computed with */
  private chunkGamma = 0;
  private chunkGammaCommandId = 0;
  private gammaCommandId = 0;
  private speed: Speed = { mode: 'fast', stepsPerSecond: 60 };
  private running = false;
  private loopActive = false;
  private chunkSteps = 10;
  private lastSnapshotTime = -Infinity;
  private lastSnapshotStep = 0;
  private lastGoodWeights: Weights[] | null = null;
  private lastGoodTime = -Infinity;
  /** the weights configure() built: the fallback when training diverges before any good chunk */
  private initialWeights: Weights[] | null = null;
  /** added to every reported step, so a session rebuilt after a restart continues the step count */
  private stepOffset = 0;
  /** serialises chunks, configure and weight access */
  private busy: Promise<unknown> = Promise.resolve();
  private slowStartTime = 0;
  private slowStartStep = 0;

  constructor(private readonly deps: SessionDeps) {}

  get isRunning(): boolean {
    return this.running;
  }

  get steps(): number {
    return this.trainers[0]?.step ?? 0;
  }

  /** the step count as reported in snapshots (continues across restarts: the trainers start at firstStep) */
  get reportedSteps(): number {
    return this.steps;
  }

  /** `firstStep`: the step count to continue from (a restart of the same run), 0 for a new run */
  async configure(setup: RunSetup, setupId = 0, firstStep = 0): Promise<DatasetInfo> {
    return this.exclusive(async () => {
      this.setupId = setupId;
      this.stepOffset = Number.isFinite(firstStep) && firstStep > 0 ? Math.floor(firstStep) : 0;
      this.disposeTrainers();
      const dataset = this.deps.makeDataset(setup.data);
      this.dataset = dataset;
      this.setup = setup;
      this.gamma = setup.gamma;
      this.trainers = [];
      for (const depth of setup.depths) {
        // firstStep also continues each replica's Philox noise stream where the old worker left it
        this.trainers.push(await this.deps.createTrainer({ ...trainerConfig(setup, depth, dataset), firstStep: this.stepOffset }));
      }
      this.initialWeights = await this.readWeights();
      this.lastGoodWeights = null;
      this.lastGoodTime = -Infinity;
      this.lastSnapshotStep = this.stepOffset;
      this.resetSlowClock();
      const info: DatasetInfo = {
        singularValues: [...dataset.syxSvd.values],
        inputStrength: [...dataset.inputStrength],
        trainSize: dataset.trainSize,
        testSize: dataset.testSize,
      };
      await this.emitSnapshot(await this.currentMetrics(), true);
      return info;
    });
  }

  async reset(): Promise<void> {
    if (this.setup) await this.configure({ ...this.setup, gamma: this.gamma }, this.setupId, 0);
  }

  play(): void {
    if (this.running) return;
    this.running = true;
    this.resetSlowClock();
    this.deps.emit({ type: 'state', running: true });
    if (!this.loopActive) void this.loop();
  }

  pause(): void {
    if (!this.running) return;
    this.running = false;
    this.deps.emit({ type: 'state', running: false });
  }

  async step(n: number): Promise<void> {
    this.pause();
    await this.exclusive(async () => {
      let left = Math.max(0, Math.floor(n));
      let metrics: Metrics[] | null = null;
      while (left > 0) {
        const k = Math.min(left, MAX_CHUNK_STEPS);
        metrics = await this.runChunk(k);
        left -= k;
        if (!metrics) return;
      }
      if (metrics) await this.emitSnapshot(metrics, true, true);
    });
  }

  setGamma(gamma: number, commandId: number): void {
    if (!Number.isFinite(gamma) || gamma < 0) return;
    this.gamma = gamma;
    this.gammaCommandId = commandId;
    for (const t of this.trainers) t.setGamma(gamma);
  }

  setTemperature(temperature: number): void {
    if (!Number.isFinite(temperature) || temperature < 0) return;
    if (this.setup) this.setup = { ...this.setup, temperature };
    for (const t of this.trainers) t.setTemperature(temperature);
  }

  setLearningRate(lr: number): void {
    if (!Number.isFinite(lr) || lr <= 0) return;
    if (this.setup) this.setup = { ...this.setup, lr };
    for (const t of this.trainers) t.setLearningRate(lr);
  }

  setSpeed(speed: Speed): void {
    this.speed = { ...speed };
    this.resetSlowClock();
  }

  async getWeights(): Promise<Weights[]> {
    return this.exclusive(async () => this.readWeights());
  }

  async setWeights(weights: Weights[]): Promise<void> {
    await this.exclusive(async () => {
      weights.slice(0, this.trainers.length).forEach((w, i) => this.trainers[i].setWeights(w));
      const metrics = await this.currentMetrics();
      // weights given from outside (a link, a restart) are the state to come back to, if finite
      if (!metrics.some(isDiverged)) {
        this.lastGoodWeights = await this.readWeights();
        this.lastGoodTime = this.deps.now();
      }
      await this.emitSnapshot(metrics, true);
    });
  }

  async requestSlice(trainerIndex: number, resolution: number): Promise<LossSlice | null> {
    const compute = this.deps.computeSlice;
    if (!compute) return null;
    return this.exclusive(async () => {
      const trainer = this.trainers[trainerIndex];
      if (!trainer || !this.dataset) return null;
      return compute(trainer, this.dataset, this.gamma, Math.max(5, Math.min(101, Math.round(resolution))));
    });
  }

  dispose(): void {
    this.running = false;
    this.disposeTrainers();
  }

  private async loop(): Promise<void> {
    this.loopActive = true;
    try {
      while (this.running) {
        const steps = this.stepsForNextChunk();
        if (steps === 0) {
          await this.deps.sleep(this.msUntilNextSlowStep());
          continue;
        }
        const started = this.deps.now();
        const metrics = await this.exclusive(() => this.runChunk(steps));
        if (this.speed.mode === 'fast') this.adaptChunk(steps, this.deps.now() - started);
        if (metrics && this.deps.now() - this.lastSnapshotTime >= SNAPSHOT_INTERVAL_MS) {
          await this.emitSnapshot(metrics);
        }
        await this.deps.yieldToEvents();
      }
    } catch (error) {
      this.running = false;
      const message = error instanceof Error ? error.message : String(error);
      this.deps.emit({ type: 'fault', kind: 'fatal', message, hint: 'The worker will restart on the next backend.' });
    } finally {
      this.loopActive = false;
    }
  }

  /** Runs k steps on every trainer; returns null (and recovers) when a trainer diverged. */
  private async runChunk(k: number): Promise<Metrics[] | null> {
    if (this.trainers.length === 0) return null;
    this.chunkGamma = this.gamma;
    this.chunkGammaCommandId = this.gammaCommandId;
    const metrics: Metrics[] = [];
    for (const t of this.trainers) metrics.push(await t.run(k));
    if (metrics.some(isDiverged)) {
      await this.recoverFromDivergence();
      return null;
    }
    if (this.deps.now() - this.lastGoodTime >= SAVE_GOOD_WEIGHTS_MS) {
      this.lastGoodWeights = await this.readWeights();
      this.lastGoodTime = this.deps.now();
    }
    return metrics;
  }

  /** Pause and put finite weights back: the last good ones, or the initial ones when none was saved yet. */
  private async recoverFromDivergence(): Promise<void> {
    this.running = false;
    this.deps.emit({ type: 'state', running: false });
    const good = this.lastGoodWeights;
    const restore = good ?? this.initialWeights;
    if (restore) restore.forEach((w, i) => this.trainers[i]?.setWeights(w));
    const what = good ? 'restored the last good weights' : 'restored the initial weights (it diverged before any good state was saved)';
    const lr = this.setup?.lr ?? NaN;
    this.deps.emit({
      type: 'fault',
      kind: 'diverged',
      message: `Training diverged (loss became NaN or exploded) at learning rate ${lr}.`,
      hint: `Paused and ${what}. Lower the learning rate (try ${formatLr(lr / 2)}) and press play.`,
    });
    await this.emitSnapshot(await this.currentMetrics(), true);
  }

  private stepsForNextChunk(): number {
    if (this.speed.mode === 'fast') return this.chunkSteps;
    const elapsed = (this.deps.now() - this.slowStartTime) / 1000;
    const due = Math.floor(elapsed * Math.max(0.1, this.speed.stepsPerSecond));
    const owed = due - (this.steps - this.slowStartStep);
    return Math.max(0, Math.min(owed, MAX_CHUNK_STEPS));
  }

  private msUntilNextSlowStep(): number {
    const rate = Math.max(0.1, this.speed.stepsPerSecond);
    const nextDue = this.slowStartTime + ((this.steps - this.slowStartStep + 1) / rate) * 1000;
    return Math.max(1, Math.min(100, nextDue - this.deps.now()));
  }

  private adaptChunk(steps: number, elapsedMs: number): void {
    const perStep = Math.max(elapsedMs, 0.05) / steps;
    const target = Math.round(FAST_CHUNK_MS / perStep);
    // move at most ×2 per chunk so one slow chunk (GC, tab switch) does not swing it wildly
    const bounded = Math.min(steps * 2, Math.max(Math.floor(steps / 2), target));
    this.chunkSteps = Math.max(1, Math.min(MAX_CHUNK_STEPS, bounded));
  }

  private resetSlowClock(): void {
    this.slowStartTime = this.deps.now();
    this.slowStartStep = this.steps;
  }

  private async currentMetrics(): Promise<Metrics[]> {
    const out: Metrics[] = [];
    for (const t of this.trainers) out.push(await t.metrics());
    return out;
  }

  private async readWeights(): Promise<Weights[]> {
    const out: Weights[] = [];
    for (const t of this.trainers) out.push((await t.getWeights())[0]);
    return out;
  }

  private async emitSnapshot(metrics: Metrics[], force = false, afterChunk = !force): Promise<void> {
    const now = this.deps.now();
    if (!force && now - this.lastSnapshotTime < SNAPSHOT_INTERVAL_MS) return;
    const step = metrics[0]?.step ?? 0;
    const dt = (now - this.lastSnapshotTime) / 1000;
    const stepsPerSecond = Number.isFinite(dt) && dt > 0 ? Math.max(0, (step - this.lastSnapshotStep) / dt) : 0;
    this.lastSnapshotTime = now;
    this.lastSnapshotStep = step;
    const snapshot: Snapshot = {
      setupId: this.setupId,
      time: now,
      gamma: afterChunk ? this.chunkGamma : this.gamma,
      gammaCommandId: afterChunk ? this.chunkGammaCommandId : this.gammaCommandId,
      running: this.running,
      stepsPerSecond,
      runs: metrics.map((m, i) => toRunMetrics(m, this.setup?.depths[i] ?? 0)),
    };
    this.deps.emit({ type: 'snapshot', snapshot });
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.busy.then(task, task);
    this.busy = result.catch(() => undefined);
    return result;
  }

  private disposeTrainers(): void {
    for (const t of this.trainers) t.dispose();
    this.trainers = [];
  }
}

const INIT_STREAM = 0;
const NOISE_STREAM = 1;

export function trainerConfig(setup: RunSetup, depth: number, data: Dataset): TrainerConfig {
  return {
    net: {
      inputDim: data.inputDim,
      outputDim: data.outputDim,
      hiddenWidths: Array.from({ length: depth }, () => setup.width),
      activation: setup.activation,
    },
    data,
    optimizer: setup.optimizer,
    lr: setup.lr,
    batchSize: setup.batchSize,
    replicas: [
      {
        gamma: setup.gamma,
        temperature: setup.temperature,
        // one derived stream per (seed, depth, use): seed + 1000·depth collided across depths
        noiseSeed: deriveSeed(setup.seed, depth, NOISE_STREAM),
        init: { kind: 'random', scale: setup.initScale, seed: deriveSeed(setup.seed, depth, INIT_STREAM) },
      },
    ],
  };
}

function isDiverged(m: Metrics): boolean {
  return m.diverged.some((d) => d !== 0) || !Number.isFinite(m.trainLoss[0]) || !Number.isFinite(m.normSq[0]);
}

function toRunMetrics(m: Metrics, depth: number): RunMetrics {
  const k = m.replicas > 0 ? m.modeOverlaps.length / m.replicas : 0;
  const layers = m.replicas > 0 ? m.layerNormSq.length / m.replicas : 0;
  const sv = m.replicas > 0 ? m.singularValues.length / m.replicas : 0;
  return {
    depth,
    step: m.step,
    trainLoss: m.trainLoss[0],
    totalLoss: m.trainLoss[0] + m.penalty[0],
    testLoss: m.testLoss[0],
    penalty: m.penalty[0],
    normSq: m.normSq[0],
    overlaps: Float32Array.from(m.modeOverlaps.subarray(0, k)),
    singularValues: Float32Array.from(m.singularValues.subarray(0, sv)),
    layerNormSq: Float32Array.from(m.layerNormSq.subarray(0, layers)),
  };
}

function formatLr(lr: number): string {
  return Number.isFinite(lr) ? String(Number(lr.toPrecision(2))) : 'a smaller value';
}
