/**
 * Timing candidate engines on the actual workload, and a trainer factory that measures before it
 * builds (cached per workload shape). No tfjs import: engines come in as factories.
 */
import type { Trainer, TrainerConfig } from '../engine/types';
import { decideEngine, workloadKey, type BackendChoice, type EngineDecision, type EngineId, type EngineMeasurement } from './engines';

export type EngineFactory = (config: TrainerConfig) => Promise<Trainer>;

export interface MeasureOptions {
  /** wall time spent timing one engine, after its warm-up chunk */
  budgetMs: number;
  now(): number;
}

/**
 * Steps/s of one engine: build a trainer on the config, run a warm-up chunk (JIT, shader
 * compilation, first upload), then time chunks of n and 2n steps, n growing until the two differ
 * by budget/16, then repeating the pair until `budgetMs` has passed. The rate is n over the
 * difference of the two lengths' fastest times: every chunk ends with the metrics read-back, whose
 * cost does not depend on the engine, and for thousands of replicas it dominated short chunks (a
 * 6 144-replica escape job measured every engine at ~300–700 steps/s and picked tfjs wasm: 50–90 s
 * instead of 5 s). The fastest time of each length discounts a chunk that lost its core to another
 * thread on a loaded machine.
 */
export async function measureEngine(engine: EngineId, factory: EngineFactory, config: TrainerConfig, options: MeasureOptions): Promise<EngineMeasurement> {
  let trainer: Trainer | null = null;
  try {
    trainer = await factory(config);
    const timed = async (steps: number) => {
      const before = options.now();
      await trainer!.run(steps);
      return options.now() - before;
    };
    await trainer.run(4);
    const start = options.now();
    let n = 4;
    let single = Infinity;
    let double = Infinity;
    let resolved = false;
    for (;;) {
      single = Math.min(single, await timed(n));
      double = Math.min(double, await timed(2 * n));
      // resolved: n steps cost budget/16 beyond the read-back (well above the timer's resolution) and
      // a quarter of the short chunk (so the read-back's own jitter cannot decide between engines)
      resolved = double - single >= Math.max(options.budgetMs / 16, single / 4);
      const elapsed = options.now() - start;
      // a large read-back may stretch the window, at most to 6× the budget (such a workload is a job of seconds)
      if (resolved ? elapsed >= options.budgetMs : elapsed >= 6 * options.budgetMs) break;
      if (!resolved) {
        // a spike can make a pair look resolved, and the next, faster times undo it: then grow again
        n *= 4;
        single = Infinity;
        double = Infinity;
      }
    }
    const perStepMs = resolved ? (double - single) / n : double / (2 * n);
    if (!(perStepMs > 0)) return { engine, stepsPerSecond: null, note: 'too fast to time' };
    return { engine, stepsPerSecond: 1000 / perStepMs };
  } catch (error) {
    return { engine, stepsPerSecond: null, note: error instanceof Error ? shorten(error.message) : String(error) };
  } finally {
    trainer?.dispose();
  }
}

function shorten(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** rounds of timing per engine (see measuredTrainerFactory) */
export const MEASURE_ROUNDS = 2;

function bestOf(timings: EngineMeasurement[]): EngineMeasurement {
  const ran = timings.filter((m) => m.stepsPerSecond !== null);
  return ran.length ? ran.reduce((a, b) => ((b.stepsPerSecond ?? 0) > (a.stepsPerSecond ?? 0) ? b : a)) : timings[0];
}

export function workloadOf(config: TrainerConfig): string {
  const { net, data } = config;
  return workloadKey({
    layers: [net.inputDim, ...net.hiddenWidths, net.outputDim],
    activation: net.activation,
    optimizer: config.optimizer,
    path: config.path ?? 'auto',
    replicas: config.replicas.length,
    samples: data.trainSize,
    batchSize: config.batchSize ?? 0,
  });
}

export interface MeasuredFactoryOptions extends MeasureOptions {
  choice: BackendChoice;
  /** engines to time under 'auto' (an explicit choice is timed alone, next to nothing) */
  candidates: EngineId[];
  factories: Partial<Record<EngineId, EngineFactory>>;
  /** measurements already known, by workload key (from this device's cache) */
  cache: Map<string, EngineMeasurement[]>;
  exclude?: EngineId[];
  /** the engine the benchmarks pick for a config (kernelFor's rule), kept unless a candidate measures PRIOR_MARGIN× faster */
  expected?(config: TrainerConfig): EngineId | null;
  onDecision?(decision: EngineDecision, workload: string): void;
}

/**
 * A TrainerFactory that, for each new workload shape, times the candidates and builds the trainer
 * on the one `decideEngine` picks. An explicit choice is still timed (so the badge shows its rate).
 */
export function measuredTrainerFactory(options: MeasuredFactoryOptions): (config: TrainerConfig) => Promise<Trainer> {
  return async (config) => {
    const workload = workloadOf(config);
    const engines = options.choice === 'auto' ? options.candidates : [options.choice];
    let measured = options.cache.get(workload);
    if (!measured || !engines.every((e) => measured!.some((m) => m.engine === e))) {
      // two rounds, each engine timed once per round, best of the two: a transient load (another
      // worker starting, a GC) then spoils one timing of an engine, not the choice
      const rounds: EngineMeasurement[][] = [];
      for (let round = 0; round < MEASURE_ROUNDS; round++) {
        const timings: EngineMeasurement[] = [];
        for (const engine of engines) {
          const factory = options.factories[engine];
          timings.push(
            factory
              ? await measureEngine(engine, factory, config, { ...options, budgetMs: options.budgetMs / MEASURE_ROUNDS })
              : { engine, stepsPerSecond: null, note: 'not available in this browser' },
          );
        }
        rounds.push(timings);
      }
      measured = engines.map((_, i) => bestOf(rounds.map((timings) => timings[i])));
      options.cache.set(workload, measured);
    }
    const decision = decideEngine(options.choice, measured, options.exclude, options.expected?.(config));
    options.onDecision?.(decision, workload);
    const factory = options.factories[decision.engine];
    if (!factory) throw new Error(`engine ${decision.engine} is not available`);
    return factory(config);
  };
}
