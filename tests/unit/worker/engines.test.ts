import { describe, expect, it } from 'vitest';
import { autoCandidates, decideEngine, describeMeasurements, kernelOf, nextEngine, tfjsBackendOf, type EngineMeasurement } from '../../../src/worker/engines';
import { measureEngine, measuredTrainerFactory, workloadOf } from '../../../src/worker/measureEngines';
import type { Metrics, Trainer, TrainerConfig } from '../../../src/engine/types';
import { makeTeacherDataset } from '../../../src/data';

const measured: EngineMeasurement[] = [
  { engine: 'fused-js', stepsPerSecond: 900_000 },
  { engine: 'fused-wasm', stepsPerSecond: 300_000 },
  { engine: 'fused-webgpu', stepsPerSecond: null, note: 'no adapter' },
  { engine: 'wasm', stepsPerSecond: 15_000 },
];

describe('engine policy', () => {
  it("a narrow measured win does not override the benchmarks' choice; a clear one does", () => {
    const noisy: EngineMeasurement[] = [
      { engine: 'fused-wasm', stepsPerSecond: 5_000 },
      { engine: 'fused-js', stepsPerSecond: 6_000 },
      { engine: 'wasm', stepsPerSecond: 7_000 },
    ];
    const kept = decideEngine('auto', noisy, [], 'fused-wasm');
    expect(kept.engine).toBe('fused-wasm');
    expect(kept.reason).toMatch(/benchmarks' choice/);
    const clear = noisy.map((m) => (m.engine === 'wasm' ? { ...m, stepsPerSecond: 8_000 } : m));
    expect(decideEngine('auto', clear, [], 'fused-wasm').engine).toBe('wasm');
    // an expected engine that crashed is not kept
    expect(decideEngine('auto', noisy, ['fused-wasm'], 'fused-wasm').engine).toBe('wasm');
  });

  it('auto takes the fastest measurement, never a slower one', () => {
    expect(decideEngine('auto', measured).engine).toBe('fused-js');
    const gpuWins = measured.map((m) => (m.engine === 'fused-webgpu' ? { engine: m.engine, stepsPerSecond: 5e6 } : m));
    expect(decideEngine('auto', gpuWins).engine).toBe('fused-webgpu');
    // a software GPU that measured slower than the CPU is not chosen
    const slowGpu = measured.map((m) => (m.engine === 'fused-webgpu' ? { engine: m.engine, stepsPerSecond: 2_000 } : m));
    expect(decideEngine('auto', slowGpu).engine).toBe('fused-js');
  });

  it('says what it measured', () => {
    const reason = decideEngine('auto', measured).reason;
    expect(reason).toMatch(/fastest measured/);
    expect(reason).toMatch(/fused JS 900 k steps\/s/);
    expect(reason).toMatch(/tfjs wasm 15\.0 k/);
    expect(describeMeasurements(measured).indexOf('fused JS')).toBeLessThan(describeMeasurements(measured).indexOf('tfjs wasm'));
  });

  it('an explicit choice wins, and says when something measured faster', () => {
    const d = decideEngine('wasm', measured);
    expect(d.engine).toBe('wasm');
    expect(d.reason).toMatch(/chosen by you; fused JS measured faster/);
  });

  it('a choice that could not run falls back to the fastest measured, saying why', () => {
    const d = decideEngine('fused-webgpu', measured);
    expect(d.engine).toBe('fused-js');
    expect(d.reason).toMatch(/could not run \(no adapter\)/);
  });

  it('skips engines that crashed unless nothing else ran', () => {
    expect(decideEngine('auto', measured, ['fused-js']).engine).toBe('fused-wasm');
    expect(decideEngine('auto', [measured[0]], ['fused-js']).engine).toBe('fused-js');
    expect(() => decideEngine('auto', [measured[2]])).toThrow(/no engine could run/);
  });

  it('maps engines to kernels and tfjs backends; crashes of fused engines re-measure', () => {
    expect(kernelOf('fused-wasm')).toBe('wasm-simd');
    expect(kernelOf('webgl')).toBe('tfjs');
    expect(tfjsBackendOf('fused-webgpu')).toBe('webgpu');
    expect(tfjsBackendOf('fused-js')).toBe('wasm');
    expect(nextEngine('fused-js')).toBe('auto');
    expect(nextEngine('webgpu')).toBe('wasm');
    expect(nextEngine('cpu')).toBe('auto');
    expect(autoCandidates({ wasmSimd: false, gpuAdapter: false })).toEqual(['fused-js', 'wasm']);
    expect(autoCandidates({ wasmSimd: true, gpuAdapter: true })).toEqual(['fused-js', 'fused-wasm', 'fused-webgpu', 'wasm']);
  });
});

/** a trainer whose step costs `costPerStep` ms of a fake clock */
function fakeEngine(clock: { t: number }, costPerStep: number, created: string[], name: string) {
  return async (config: TrainerConfig): Promise<Trainer> => {
    created.push(name);
    let step = 0;
    return {
      config,
      replicas: config.replicas.length,
      get step() {
        return step;
      },
      async run(n: number) {
        clock.t += n * costPerStep;
        step += n;
        return {} as Metrics;
      },
      metrics: async () => ({}) as Metrics,
      setGamma() {},
      setTemperature() {},
      setLearningRate() {},
      getWeights: async () => [],
      setWeights() {},
      setAllWeights() {},
      dispose() {},
    };
  };
}

describe('measuring engines', () => {
  const data = makeTeacherDataset({ inputDim: 3, outputDim: 2, spectrum: [1], labelNoise: 0, trainSize: 32, testSize: 32, whiten: true, seed: 1 });
  const config: TrainerConfig = {
    net: { inputDim: 3, outputDim: 2, hiddenWidths: [4, 4], activation: 'linear' },
    data,
    optimizer: 'langevin',
    lr: 0.05,
    replicas: [{ gamma: 0.1, temperature: 1e-4, noiseSeed: 1, init: { kind: 'zero' } }],
  };

  it('measures steps per second on the fake clock', async () => {
    const clock = { t: 0 };
    const m = await measureEngine('fused-js', fakeEngine(clock, 0.001, [], 'js'), config, { budgetMs: 40, now: () => clock.t });
    expect(m.stepsPerSecond).toBeCloseTo(1e6, -3);
  });

  it('a chunk that lost its core to another thread does not count against the engine (the fastest chunk sets the rate)', async () => {
    const clock = { t: 0 };
    const fast = fakeEngine(clock, 0.001, [], 'wasm');
    // two timed chunks also lose 12 ms each to another thread: 24 of a 40 ms window
    let calls = 0;
    const preempted = async (c: TrainerConfig) => {
      const trainer = await fast(c);
      const run = trainer.run.bind(trainer);
      return Object.assign(trainer, {
        run: async (n: number) => {
          calls++;
          if (calls === 3 || calls === 6) clock.t += 12;
          return run(n);
        },
      });
    };
    // half as fast, never preempted: steps over the window would rank it first (~0.4 M vs 0.5 M)
    const slow = await measureEngine('fused-js', fakeEngine(clock, 0.002, [], 'js'), config, { budgetMs: 40, now: () => clock.t });
    const spoiled = await measureEngine('fused-wasm', preempted, config, { budgetMs: 40, now: () => clock.t });
    expect(spoiled.stepsPerSecond! / 1e6).toBeCloseTo(1, 2);
    expect(slow.stepsPerSecond! / 5e5).toBeCloseTo(1, 2);
  });

  it("the metrics read-back that ends every chunk (the same for every engine) does not hide the engine's own speed", async () => {
    const clock = { t: 0 };
    // 10 ms of read-back per chunk, as for thousands of replicas: over a 40 ms window the two engines'
    // steps per wall time differ by far less than their 4× per-step cost
    const withReadBack = (costPerStep: number) => async (c: TrainerConfig) => {
      const trainer = await fakeEngine(clock, costPerStep, [], 'x')(c);
      const run = trainer.run.bind(trainer);
      return Object.assign(trainer, {
        run: async (n: number) => {
          clock.t += 10;
          return run(n);
        },
      });
    };
    const fast = await measureEngine('fused-wasm', withReadBack(0.001), config, { budgetMs: 40, now: () => clock.t });
    const slow = await measureEngine('wasm', withReadBack(0.004), config, { budgetMs: 40, now: () => clock.t });
    expect(fast.stepsPerSecond! / 1e6).toBeCloseTo(1, 2);
    expect(slow.stepsPerSecond! / 2.5e5).toBeCloseTo(1, 2);
  });

  it('records an engine that throws as not runnable', async () => {
    const m = await measureEngine('fused-wasm', async () => Promise.reject(new Error('no SIMD')), config, { budgetMs: 10, now: () => 0 });
    expect(m).toEqual({ engine: 'fused-wasm', stepsPerSecond: null, note: 'no SIMD' });
  });

  it('builds on the fastest engine, measures a workload once, and caches it', async () => {
    const clock = { t: 0 };
    const created: string[] = [];
    const cache = new Map<string, EngineMeasurement[]>();
    const decisions: string[] = [];
    const factory = measuredTrainerFactory({
      choice: 'auto',
      candidates: ['fused-js', 'wasm'],
      factories: { 'fused-js': fakeEngine(clock, 0.001, created, 'js'), wasm: fakeEngine(clock, 0.1, created, 'tfjs') },
      cache,
      budgetMs: 40,
      now: () => clock.t,
      onDecision: (d) => decisions.push(d.engine),
    });
    await factory(config);
    // two rounds of timing (js, tfjs, js, tfjs), then the trainer on the winner
    expect(created).toEqual(['js', 'tfjs', 'js', 'tfjs', 'js']);
    await factory(config);
    expect(created).toEqual(['js', 'tfjs', 'js', 'tfjs', 'js', 'js']);
    expect(decisions).toEqual(['fused-js', 'fused-js']);
    expect([...cache.keys()]).toEqual([workloadOf(config)]);
    const wider = { ...config, net: { ...config.net, hiddenWidths: [8, 8] } };
    expect(workloadOf(wider)).not.toBe(workloadOf(config));
  });
});
