/**
 * The phase diagram built from batched replicas: for each depth, one trainer holds every γ of the
 * grid twice — once started learned, once started trivial — and runs them to convergence together.
 * The two starts give the two branches of a first-order transition (they differ inside the
 * metastable window) and coincide where there is only one stable state.
 */
import type { Dataset } from '../data/types';
import type { EmpiricalModes } from '../data/empiricalModes';
import type { Activation, NetSpec, TrainerConfig } from '../engine/types';
import { learnedStart, sweepPoint, trivialStart, type SweepPoint, type TrainerFactory } from './sweep';

export interface PhaseDiagramSettings {
  depths: number[];
  gammas: number[];
  data: Dataset;
  width: number;
  lr: number;
  /** steps between convergence checks */
  chunk: number;
  /** converged when no order parameter moved more than this over a chunk */
  tolerance: number;
  maxSteps: number;
  /** run only the learned start (one replica per γ): the sequential baseline of the benchmarks */
  learnedOnly?: boolean;
  /** the hidden layers' activation (default linear); nonlinear nets train on the samples */
  activation?: Activation;
  onProgress?: (fraction: number) => void;
}

export interface DepthDiagram {
  depth: number;
  /** started from the unregularized solution */
  learned: SweepPoint[];
  /** started from zero (plus a 1e-4 perturbation); empty when learnedOnly */
  trivial: SweepPoint[];
  steps: number;
  converged: boolean;
}

/** a phase-diagram job's result: the diagrams, and the modes of the dataset they were trained on (computed where it was built) */
export interface PhaseDiagramResult {
  diagrams: DepthDiagram[];
  modes: EmpiricalModes;
}

function netFor(depth: number, settings: PhaseDiagramSettings): NetSpec {
  return {
    inputDim: settings.data.inputDim,
    outputDim: settings.data.outputDim,
    hiddenWidths: Array(depth).fill(settings.width),
    activation: settings.activation ?? 'linear',
  };
}

export async function phaseDiagram(createTrainer: TrainerFactory, settings: PhaseDiagramSettings): Promise<DepthDiagram[]> {
  const result: DepthDiagram[] = [];
  const G = settings.gammas.length;
  for (const [index, depth] of settings.depths.entries()) {
    const net = netFor(depth, settings);
    const starts = settings.learnedOnly ? [learnedStart(net, settings.data)] : [learnedStart(net, settings.data), trivialStart(net)];
    const config: TrainerConfig = {
      net,
      data: settings.data,
      optimizer: 'gd',
      lr: settings.lr,
      replicas: starts.flatMap((start) =>
        settings.gammas.map((gamma, i) => ({ gamma, temperature: 0, noiseSeed: i, init: { kind: 'weights' as const, weights: start } })),
      ),
    };
    const trainer = await createTrainer(config);
    try {
      let metrics = await trainer.metrics();
      let converged = false;
      let steps = 0;
      while (steps < settings.maxSteps) {
        const before = metrics.modeOverlaps;
        metrics = await trainer.run(settings.chunk);
        steps += settings.chunk;
        let moved = 0;
        for (let i = 0; i < before.length; i++) moved = Math.max(moved, Math.abs(metrics.modeOverlaps[i] - before[i]));
        settings.onProgress?.((index + steps / settings.maxSteps) / settings.depths.length);
        if (moved < settings.tolerance) {
          converged = true;
          break;
        }
      }
      result.push({
        depth,
        learned: settings.gammas.map((gamma, i) => sweepPoint(metrics, i, gamma)),
        trivial: settings.learnedOnly ? [] : settings.gammas.map((gamma, i) => sweepPoint(metrics, G + i, gamma)),
        steps,
        converged,
      });
    } finally {
      trainer.dispose();
    }
    settings.onProgress?.((index + 1) / settings.depths.length);
  }
  return result;
}
