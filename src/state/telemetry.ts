/**
 * The telemetry store: what the worker reported, in bounded buffers. Charts subscribe to their own
 * slice with selectors (e.g. `useTelemetry((s) => s.version)`, bumped on every snapshot).
 */
import { create } from 'zustand';
import type { BackendInfo, DatasetInfo, FaultKind, LossSlice, RunMetrics, Snapshot } from '../worker/protocol';
import { DecimatingBuffer } from './decimatingBuffer';

export const SERIES_CAPACITY = 2000;
export const TRACE_CAPACITY = 2000;

export interface LossPoint {
  step: number;
  train: number;
  test: number;
  total: number;
  penalty: number;
}

export type Direction = 'up' | 'down';

/** one point of the hysteresis trace, in the shape PhasePlaneChart draws */
export interface TracePoint {
  gamma: number;
  p: number[];
  direction: Direction;
}

export interface Notice {
  kind: FaultKind | 'info';
  message: string;
  hint: string;
  time: number;
}

export interface RunTelemetry {
  depth: number;
  loss: DecimatingBuffer<LossPoint>;
  trace: DecimatingBuffer<TracePoint>;
  latest: RunMetrics | null;
}

export interface TelemetryState {
  setupId: number;
  backend: BackendInfo | null;
  dataset: DatasetInfo | null;
  running: boolean;
  gamma: number;
  gammaCommandId: number;
  /** optimizer steps per second, smoothed over ~RATE_SMOOTHING_S (the per-snapshot rate jumps with chunk timing) */
  stepsPerSecond: number;
  /** worker clock of the last snapshot, for the smoothing */
  lastSnapshotTime: number;
  direction: Direction;
  runs: RunTelemetry[];
  /** bumped on every accepted snapshot: charts select it to re-render */
  version: number;
  slice: LossSlice | null;
  notice: Notice | null;
  snapshotsReceived: number;
  lastCommandedGamma: number | null;
  /**
   * false from a (re)start until γ first moves: the first training transient at the starting γ
   * (p rising from ~0) is not part of any γ sweep, so it stays out of the hysteresis trace
   */
  traceArmed: boolean;

  beginSetup(setupId: number, depths: number[]): void;
  setDataset(info: DatasetInfo): void;
  setBackend(info: BackendInfo): void;
  setRunning(running: boolean): void;
  setSlice(slice: LossSlice | null): void;
  setNotice(notice: Notice | null): void;
  /** call when the user moves γ, so the trace knows the direction of motion */
  noteGammaCommand(gamma: number): void;
  ingest(snapshot: Snapshot): void;
}

function emptyRun(depth: number): RunTelemetry {
  return {
    depth,
    loss: new DecimatingBuffer<LossPoint>(SERIES_CAPACITY),
    trace: new DecimatingBuffer<TracePoint>(TRACE_CAPACITY),
    latest: null,
  };
}

/** a trace point is added when γ moved or some p changed by more than this (absolute) */
const TRACE_MIN_CHANGE = 1e-4;

export const useTelemetry = create<TelemetryState>()((set, get) => ({
  setupId: -1,
  backend: null,
  dataset: null,
  running: false,
  gamma: 0,
  gammaCommandId: 0,
  stepsPerSecond: 0,
  lastSnapshotTime: Number.NaN,
  direction: 'up',
  runs: [],
  version: 0,
  slice: null,
  notice: null,
  snapshotsReceived: 0,
  lastCommandedGamma: null,
  traceArmed: false,

  beginSetup(setupId, depths) {
    set({ setupId, runs: depths.map(emptyRun), dataset: null, slice: null, version: get().version + 1, traceArmed: false });
  },
  setDataset(info) {
    set({ dataset: info });
  },
  setBackend(info) {
    set({ backend: info });
  },
  setRunning(running) {
    set({ running });
  },
  setSlice(slice) {
    set({ slice });
  },
  setNotice(notice) {
    set({ notice });
  },
  noteGammaCommand(gamma) {
    const previous = get().lastCommandedGamma ?? get().gamma;
    if (gamma > previous) set({ direction: 'up', lastCommandedGamma: gamma, traceArmed: true });
    else if (gamma < previous) set({ direction: 'down', lastCommandedGamma: gamma, traceArmed: true });
  },
  ingest(snapshot) {
    const state = get();
    if (snapshot.setupId !== state.setupId) return;
    const runs = state.runs;
    snapshot.runs.forEach((m, i) => {
      const run = runs[i];
      if (!run) return;
      run.latest = m;
      run.loss.push({ step: m.step, train: m.trainLoss, test: m.testLoss, total: m.totalLoss, penalty: m.penalty });
      const p = Array.from(m.overlaps);
      const last = run.trace.last();
      const moved = !last || Math.abs(last.gamma - snapshot.gamma) > 1e-9 || p.some((x, k) => Math.abs(x - (last.p[k] ?? 0)) > TRACE_MIN_CHANGE);
      if (moved && state.traceArmed) run.trace.push({ gamma: snapshot.gamma, p, direction: state.direction });
    });
    set({
      gamma: snapshot.gamma,
      gammaCommandId: snapshot.gammaCommandId,
      stepsPerSecond: smoothedRate(state.stepsPerSecond, state.lastSnapshotTime, snapshot),
      lastSnapshotTime: snapshot.time,
      running: snapshot.running,
      version: state.version + 1,
      snapshotsReceived: state.snapshotsReceived + 1,
    });
  },
}));

/** time constant of the steps/s readout */
export const RATE_SMOOTHING_S = 1;

/** exponential smoothing in time: weight of the new sample 1 − e^(−Δt/τ); restarts after a pause */
export function smoothedRate(previous: number, previousTime: number, snapshot: { time: number; stepsPerSecond: number; running: boolean }): number {
  const dt = (snapshot.time - previousTime) / 1000;
  if (!snapshot.running) return 0;
  if (!(dt > 0 && dt < 5 && previous > 0)) return snapshot.stepsPerSecond;
  const weight = 1 - Math.exp(-dt / RATE_SMOOTHING_S);
  return previous + weight * (snapshot.stepsPerSecond - previous);
}
