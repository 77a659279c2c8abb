/**
 * Wires the stores to the training worker, one way: parameters store → commands to the worker;
 * worker events → telemetry store. Panels call the transport methods (play, pause, step, reset).
 */
import { TrainingClient } from '../worker/client';
import { SampleTheoryClient } from '../worker/theoryClient';
import { useSampleTheory } from '../state/sampleTheory';
import { onJobActivity } from '../worker/jobs/activity';
import { setupKey, toRunSetup, trainedDepths, useParameters, type Parameters } from '../state/parameters';
import { useTelemetry } from '../state/telemetry';
import type { WorkerEvent } from '../worker/protocol';
import type { Weights } from '../engine/types';

const RECONFIGURE_DEBOUNCE_MS = 150;
const SLICE_THROTTLE_MS = 300;
const SLICE_REFRESH_MS = 1500;
export const SLICE_RESOLUTION = 41;
export const JOB_PAUSE_MESSAGE = 'The live lab is paused while a batch job runs.';
const JOB_PAUSE_HINT = 'The job and the live lab share this machine’s cores; training resumes by itself when the job is done (press play to run both).';

export class TrainingController {
  private readonly client: TrainingClient;
  /** the exact sample theory, on its own worker so the training loop never waits for it */
  private readonly theory = new SampleTheoryClient({
    onResult: (result) => useSampleTheory.getState().accept(result),
    onFailure: (key, message) => useSampleTheory.getState().fail(key, message),
  });
  private setupId = 0;
  private currentKey = '';
  private reconfigureTimer: ReturnType<typeof setTimeout> | null = null;
  private sliceTimer: ReturnType<typeof setTimeout> | null = null;
  private lastSliceAt = 0;
  private unsubscribe: (() => void) | null = null;
  private pausedByVisibility = false;
  /** the live lab gave way to a batch job (they share the cores) and resumes when the jobs end */
  private pausedForJobs = false;
  private stopWatchingJobs: (() => void) | null = null;
  private started = false;

  constructor() {
    this.client = new TrainingClient({
      onEvent: (e) => this.onEvent(e),
      onRestart: (message, hint) => useTelemetry.getState().setNotice({ kind: 'backend-lost', message, hint, time: Date.now() }),
    });
  }

  /** `weights`: a trained state to land on (from a permalink), one entry per trained depth */
  async start(options: { weights?: Weights[] } = {}): Promise<void> {
    if (this.started) return;
    this.started = true;
    const p = useParameters.getState();
    const info = await this.client.start(p.backend);
    useTelemetry.getState().setBackend(info);
    await this.reconfigure();
    if (options.weights) await this.setWeights(options.weights);
    this.client.setSpeed(p.speed);
    this.client.play();
    this.unsubscribe = useParameters.subscribe((next, prev) => this.onParameters(next, prev));
    document.addEventListener('visibilitychange', this.onVisibility);
    this.stopWatchingJobs = onJobActivity(this.onJobs);
  }

  play(): void {
    // the divergence notice asked for exactly this: once the user resumes, it has done its job
    if (useTelemetry.getState().notice?.kind === 'diverged') useTelemetry.getState().setNotice(null);
    // a play during a job: the user wants both to run
    if (this.pausedForJobs) this.clearJobPause();
    this.client.play();
  }

  pause(): void {
    this.client.pause();
  }

  async step(n = 1): Promise<void> {
    await this.client.step(n);
  }

  async reset(): Promise<void> {
    const depths = trainedDepths(useParameters.getState());
    useTelemetry.getState().beginSetup(this.setupId, depths);
    const dataset = useTelemetry.getState().dataset;
    await this.client.reset();
    if (dataset) useTelemetry.getState().setDataset(dataset);
  }

  async getWeights(): Promise<Weights[] | null> {
    return this.client.getWeights();
  }

  /** land on given weights; a mismatch with the current setup is explained, not thrown */
  async setWeights(weights: Weights[]): Promise<boolean> {
    try {
      await this.client.setWeights(weights);
      return true;
    } catch (error) {
      useTelemetry.getState().setNotice({
        kind: 'info',
        message: 'The trained weights in the link do not fit this setup.',
        hint: `Training from the seed instead (${error instanceof Error ? error.message : String(error)}).`,
        time: Date.now(),
      });
      return false;
    }
  }

  /** browser tests: crash the worker to check that it respawns and restores the weights */
  crashWorkerForTesting(): void {
    this.client.crashForTesting();
  }

  /** browser tests: how many periodic weight saves a restart could restore from */
  weightSavesForTesting(): number {
    return this.client.weightSaves;
  }

  dispose(): void {
    this.unsubscribe?.();
    this.stopWatchingJobs?.();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.client.dispose();
    this.theory.dispose();
  }

  private onJobs = (running: number) => {
    if (running > 0 && useTelemetry.getState().running && !this.pausedForJobs) {
      this.pausedForJobs = true;
      this.client.pause();
      useTelemetry.getState().setNotice({ kind: 'info', message: JOB_PAUSE_MESSAGE, hint: JOB_PAUSE_HINT, time: Date.now() });
    } else if (running === 0 && this.pausedForJobs) {
      this.clearJobPause();
      this.client.play();
    }
  };

  private clearJobPause(): void {
    this.pausedForJobs = false;
    if (useTelemetry.getState().notice?.message === JOB_PAUSE_MESSAGE) useTelemetry.getState().setNotice(null);
  }

  private onVisibility = () => {
    const running = useTelemetry.getState().running;
    if (document.hidden && running) {
      this.pausedByVisibility = true;
      this.client.pause();
    } else if (!document.hidden && this.pausedByVisibility) {
      this.pausedByVisibility = false;
      this.client.play();
    }
  };

  private onParameters(next: Parameters, prev: Parameters): void {
    if (next.backend !== prev.backend) {
      // the user chose a backend: an old "restarted on …" notice no longer applies
      if (useTelemetry.getState().notice?.kind === 'backend-lost') useTelemetry.getState().setNotice(null);
      void this.client.start(next.backend).then((info) => useTelemetry.getState().setBackend(info));
    }
    if (setupKey(next) !== this.currentKey) {
      if (this.reconfigureTimer) clearTimeout(this.reconfigureTimer);
      this.reconfigureTimer = setTimeout(() => void this.reconfigure(), RECONFIGURE_DEBOUNCE_MS);
    }
    if (next.gamma !== prev.gamma) {
      useTelemetry.getState().noteGammaCommand(next.gamma);
      this.client.setGamma(next.gamma);
      this.scheduleSlice();
    }
    if (next.temperature !== prev.temperature) this.client.setTemperature(next.temperature);
    if (next.lr !== prev.lr) this.client.setLearningRate(next.lr);
    if (next.speed.mode !== prev.speed.mode || next.speed.stepsPerSecond !== prev.speed.stepsPerSecond) {
      this.client.setSpeed(next.speed);
    }
  }

  private async reconfigure(): Promise<void> {
    const p = useParameters.getState();
    this.currentKey = setupKey(p);
    const id = ++this.setupId;
    useTelemetry.getState().beginSetup(id, trainedDepths(p));
    const setup = toRunSetup(p);
    // once per dataset and depth set (the client skips a setup it already has or is computing)
    useSampleTheory.getState().expect(this.theory.request({ data: setup.data, depths: setup.depths, activation: setup.activation }));
    try {
      const info = await this.client.configure(setup, id);
      if (id !== this.setupId) return;
      useTelemetry.getState().setDataset(info);
      this.scheduleSlice();
    } catch (error) {
      useTelemetry.getState().setNotice({
        kind: 'fatal',
        message: `Could not build this setup: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'Change the setup or press reset.',
        time: Date.now(),
      });
    }
  }

  /** the slice depends on γ and the data only: refresh it on those, at most every 300 ms */
  private scheduleSlice(): void {
    if (this.sliceTimer) return;
    const wait = Math.max(0, SLICE_THROTTLE_MS - (performance.now() - this.lastSliceAt));
    this.sliceTimer = setTimeout(async () => {
      this.sliceTimer = null;
      this.lastSliceAt = performance.now();
      const setupId = this.setupId;
      try {
        const slice = await this.client.requestSlice(0, SLICE_RESOLUTION);
        if (setupId === this.setupId) useTelemetry.getState().setSlice(slice);
      } catch {
        // a slice is a nicety: a failure (e.g. during a restart) just leaves the old one
      }
    }, wait);
  }

  private onEvent(event: WorkerEvent): void {
    const telemetry = useTelemetry.getState();
    switch (event.type) {
      case 'snapshot':
        telemetry.ingest(event.snapshot);
        // the slice's plane follows the current weights: refresh it now and then while they move
        if (event.snapshot.running && performance.now() - this.lastSliceAt > SLICE_REFRESH_MS) this.scheduleSlice();
        break;
      case 'backend':
        telemetry.setBackend(event.info);
        break;
      case 'state':
        telemetry.setRunning(event.running);
        break;
      case 'fault':
        telemetry.setNotice({ kind: event.kind, message: event.message, hint: event.hint, time: Date.now() });
        break;
    }
  }
}

let controller: TrainingController | null = null;

export function getController(): TrainingController {
  controller ??= new TrainingController();
  return controller;
}
