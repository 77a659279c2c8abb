/**
 * The live lab's theory: the store keeps only the result of the current setup, the client cancels a
 * stale computation, and what the worker computes is the CLI's exact theory and the sample's ReLU
 * threshold (checked by brute force over unit vectors in 2-D).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { makeTeacherDataset } from '../../../src/data';
import type { TeacherSpec } from '../../../src/data/types';
import { reluDrive } from '../../../src/physics';
import { useSampleTheory, exactTheoryFor, reluThresholdOf } from '../../../src/state/sampleTheory';
import { computeLiveTheory, liveTheoryKey, needsLiveTheory } from '../../../src/worker/liveTheory';
import type { LiveTheoryRequest, LiveTheoryResult } from '../../../src/worker/protocol';
import { SampleTheoryClient, type TheoryReply } from '../../../src/worker/theoryClient';
import { theoryCommand } from '../../../src/cli/theoryCommand';

const spec = (patch: Partial<TeacherSpec> = {}): TeacherSpec => ({
  inputDim: 5,
  outputDim: 3,
  spectrum: [1],
  labelNoise: 0,
  trainSize: 200,
  testSize: 200,
  whiten: false,
  seed: 1,
  ...patch,
});

const result = (key: string): LiveTheoryResult => ({ key, exact: [], reluThreshold: null, computeMs: 1 });

describe('sample theory store', () => {
  beforeEach(() => useSampleTheory.setState({ key: null, status: 'none', result: null, error: null }));
  it('a result for an older setup is ignored; the current one is kept until the setup changes', () => {
    const store = useSampleTheory.getState();
    store.expect('A');
    store.expect('B');
    expect(useSampleTheory.getState().accept(result('A'))).toBe(false);
    expect(useSampleTheory.getState().status).toBe('computing');
    expect(useSampleTheory.getState().result).toBeNull();
    expect(useSampleTheory.getState().accept(result('B'))).toBe(true);
    expect(useSampleTheory.getState().status).toBe('ready');
    // the same setup again (e.g. only the width changed): the result stays
    useSampleTheory.getState().expect('B');
    expect(useSampleTheory.getState().result?.key).toBe('B');
    // a failure for another setup does not touch it either
    useSampleTheory.getState().fail('A', 'boom');
    expect(useSampleTheory.getState().status).toBe('ready');
    useSampleTheory.getState().expect(null);
    expect(useSampleTheory.getState()).toMatchObject({ key: null, status: 'none', result: null });
  });
  it('exactTheoryFor / reluThresholdOf read only a ready result', () => {
    const r: LiveTheoryResult = { key: 'K', exact: [{ depth: 2, overlay: {} as never }], reluThreshold: 0.5, computeMs: 1 };
    expect(exactTheoryFor({ status: 'computing', result: r }, 2)).toBeNull();
    expect(exactTheoryFor({ status: 'ready', result: r }, 2)?.depth).toBe(2);
    expect(exactTheoryFor({ status: 'ready', result: r }, 3)).toBeNull();
    expect(reluThresholdOf({ status: 'computing', result: r })).toBeNull();
    expect(reluThresholdOf({ status: 'ready', result: r })).toBe(0.5);
  });
});

describe('sample theory client', () => {
  function harness() {
    const workers: { request: LiveTheoryRequest | null; terminated: boolean; reply: (r: TheoryReply) => void }[] = [];
    const results: LiveTheoryResult[] = [];
    const client = new SampleTheoryClient({ onResult: (r) => results.push(r), onFailure: () => undefined }, (onReply) => {
      const w = { request: null as LiveTheoryRequest | null, terminated: false, reply: onReply };
      workers.push(w);
      return { post: (req) => (w.request = req), terminate: () => (w.terminated = true) };
    });
    return { client, workers, results };
  }
  it('a new setup terminates the stale computation; its late reply is dropped; the same setup is not recomputed', () => {
    const { client, workers, results } = harness();
    const a = { data: spec(), depths: [2], activation: 'linear' as const };
    const b = { data: spec({ seed: 2 }), depths: [2], activation: 'linear' as const };
    const keyA = client.request(a) as string;
    expect(workers).toHaveLength(1);
    expect(workers[0].request?.key).toBe(keyA);
    const keyB = client.request(b) as string;
    expect(keyB).not.toBe(keyA);
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    workers[0].reply({ ok: true, result: result(keyA) }); // already queued when it was terminated
    expect(results).toHaveLength(0);
    workers[1].reply({ ok: true, result: result(keyB) });
    expect(results.map((r) => r.key)).toEqual([keyB]);
    // once per dataset and depth set: the same setup again (a width or optimizer change) spawns nothing
    expect(client.request({ ...b })).toBe(keyB);
    expect(workers).toHaveLength(2);
    // whitened linear data need no computation
    expect(client.request({ ...b, data: spec({ whiten: true }) })).toBeNull();
    expect(workers).toHaveLength(2);
  });
  it('which setups need the worker: non-whitened linear, and relu with a D = 1 net', () => {
    expect(needsLiveTheory({ data: spec(), depths: [2], activation: 'linear' })).toBe(true);
    expect(needsLiveTheory({ data: spec({ whiten: true }), depths: [2], activation: 'linear' })).toBe(false);
    expect(needsLiveTheory({ data: spec({ whiten: true }), depths: [1], activation: 'relu' })).toBe(true);
    expect(needsLiveTheory({ data: spec({ whiten: true }), depths: [2], activation: 'relu' })).toBe(false);
    expect(needsLiveTheory({ data: spec(), depths: [1], activation: 'tanh' })).toBe(false);
    expect(liveTheoryKey({ data: spec(), depths: [2, 1], activation: 'linear' })).toBe(liveTheoryKey({ data: spec(), depths: [1, 2], activation: 'linear' }));
  });
});

describe('what the theory worker computes', () => {
  it('the default non-whitened setup: the same thresholds as `lab theory --no-whiten` on the same sample', () => {
    const data = spec();
    const live = computeLiveTheory({ key: 'k', data, depths: [2], activation: 'linear' });
    const cli = JSON.parse(
      theoryCommand(['--depth', '2', '--spectrum', '1', '--input-dim', '5', '--output-dim', '3', '--samples', '200', '--seed', '1', '--no-whiten', '--json']),
    );
    const mode = live.exact![0].overlay.theory.modes[0];
    expect(cli.modes[0].gammaC).toBe(mode.gammaC);
    expect(cli.modes[0].gammaSpinodal).toBe(mode.gammaSpinodal);
    expect(live.reluThreshold).toBeNull();
    const approx = cli.modes[0].approximation;
    console.log(
      `default ?whiten=0 (5 → 3, N = 200, D = 2): exact γ_c ${mode.gammaC}, γ_sp ${mode.gammaSpinodal}; per-mode ${approx.gammaC}, ${approx.gammaSpinodal}; ${live.computeMs.toFixed(0)} ms`,
    );
  }, 60_000);
  it('relu, D = 1, 2-D inputs: the threshold equals brute force over 100 000 unit vectors', () => {
    const data = spec({ inputDim: 2, outputDim: 2, spectrum: [1, 0.5], trainSize: 300, whiten: true, labelNoise: 0.3, seed: 4 });
    const live = computeLiveTheory({ key: 'k', data, depths: [1], activation: 'relu' });
    const d = makeTeacherDataset(data);
    let brute = 0;
    for (let i = 0; i < 100_000; i++) {
      const t = (2 * Math.PI * i) / 100_000;
      brute = Math.max(brute, reluDrive(d.trainX, d.trainY, d.trainSize, 2, 2, [Math.cos(t), Math.sin(t)]));
    }
    expect(live.exact).toBeNull();
    expect(live.reluThreshold).not.toBeNull();
    // the grid's spacing bounds how far below the true maximum brute force can fall (the drive is Lipschitz)
    expect(live.reluThreshold!).toBeGreaterThanOrEqual(brute * (1 - 1e-12));
    expect(Math.abs(live.reluThreshold! / brute - 1)).toBeLessThan(1e-6);
  }, 60_000);
});
