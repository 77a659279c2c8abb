import { beforeEach, describe, expect, it } from 'vitest';
import { SERIES_CAPACITY, TRACE_CAPACITY, useTelemetry } from '../../../src/state/telemetry';
import type { Snapshot } from '../../../src/worker/protocol';

function snapshot(setupId: number, step: number, gamma: number, p: number): Snapshot {
  return {
    setupId,
    time: step,
    gamma,
    gammaCommandId: 0,
    running: true,
    stepsPerSecond: 100,
    runs: [
      {
        depth: 2,
        step,
        trainLoss: 0.1,
        totalLoss: 0.2,
        testLoss: 0.15,
        penalty: 0.1,
        normSq: 1,
        overlaps: Float32Array.of(p),
        singularValues: Float32Array.of(p),
        layerNormSq: Float32Array.of(1, 1, 1),
      },
    ],
  };
}

describe('telemetry store', () => {
  beforeEach(() => useTelemetry.getState().beginSetup(7, [2]));

  it('drops snapshots of an older setup', () => {
    useTelemetry.getState().ingest(snapshot(6, 10, 0.2, 0.7));
    expect(useTelemetry.getState().runs[0].latest).toBeNull();
    useTelemetry.getState().ingest(snapshot(7, 10, 0.2, 0.7));
    expect(useTelemetry.getState().runs[0].latest?.step).toBe(10);
  });

  it('records the direction of γ motion in the trace', () => {
    const t = useTelemetry.getState();
    t.noteGammaCommand(0.25);
    t.ingest(snapshot(7, 1, 0.25, 0.7));
    t.noteGammaCommand(0.3);
    t.ingest(snapshot(7, 2, 0.3, 0.65));
    t.noteGammaCommand(0.25);
    t.ingest(snapshot(7, 3, 0.25, 0));
    const trace = useTelemetry.getState().runs[0].trace.toArray();
    expect(trace.map((x) => x.direction)).toEqual(['up', 'up', 'down']);
    expect(trace[2].gamma).toBeCloseTo(0.25, 6);
  });

  it('leaves the first training transient (before γ moves) out of the trace, and again after a restart', () => {
    const t = useTelemetry.getState();
    for (let i = 1; i <= 5; i++) t.ingest(snapshot(7, i, 0.2, 0.15 * i)); // p rising at the starting γ
    expect(useTelemetry.getState().runs[0].trace.toArray()).toHaveLength(0);
    expect(useTelemetry.getState().runs[0].latest?.step).toBe(5); // the run itself is shown
    t.noteGammaCommand(0.21);
    t.ingest(snapshot(7, 6, 0.21, 0.76));
    expect(
      useTelemetry
        .getState()
        .runs[0].trace.toArray()
        .map((x) => x.gamma),
    ).toEqual([0.21]);
    t.beginSetup(8, [2]);
    t.ingest(snapshot(8, 1, 0.21, 0.1));
    expect(useTelemetry.getState().runs[0].trace.toArray()).toHaveLength(0);
  });

  it('stays bounded over many snapshots (loss series and trace)', () => {
    const t = useTelemetry.getState();
    t.noteGammaCommand(0.5);
    for (let i = 0; i < 100_000; i++) t.ingest(snapshot(7, i, (i % 1000) / 1000, Math.sin(i)));
    const run = useTelemetry.getState().runs[0];
    expect(run.loss.toArray().length).toBeLessThanOrEqual(SERIES_CAPACITY + 1);
    expect(run.trace.toArray().length).toBeLessThanOrEqual(TRACE_CAPACITY + 1);
    expect(run.loss.toArray()[0].step).toBe(0);
    expect(run.loss.toArray().at(-1)?.step).toBe(99_999);
  });
});
