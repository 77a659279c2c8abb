/**
 * The trap presets of the escape lab and the jobs they run (pure: data and physics only, no tfjs).
 * Theory uses the empirical moments of the dataset in use (docs/physics.md §2): sample η̂ and a.
 */
import { ersoyWiesnerPreset, makeTeacherDataset, sparseGrokkingPreset } from '../../data';
import type { TeacherSpec } from '../../data/types';
import { barrierFromOrigin, criticalGamma, spinodalGamma, stationaryPoints } from '../../physics';
import { sampleTrapTheory } from '../../physics/sampleOverlay';
import type { EscapeTraceJob, GrokkingJob } from '../../worker/jobs/protocol';
import type { EscapeLabSettings, EscapePresetKey, GrokkingKind } from '../../state/escape';

export interface TrapSetup {
  key: EscapePresetKey;
  label: string;
  data: TeacherSpec;
  depth: number;
  width: number;
  gamma: number;
  /** trapped feature (0-based) and how many features are already learned */
  feature: number;
  learnedRank: number;
  /** noise-free convergence γ for "trap from" (above the trapped feature's spinodal) */
  trapGamma: number;
  trapSteps: number;
  checkEvery: number;
  seed: number;
  theory: {
    sampleEta: number[];
    strengths: number[];
    eta: number;
    a: number;
    learned: number;
    saddle: number;
    threshold: number;
    barrier: number;
    gammaC: number;
    gammaSp: number;
    learnedValues: number[];
    /**
     * where saddle, learned, threshold, barrier, γ_c and γ_sp come from: the closed forms (data whitened
     * on the sample: exact) or the joint stationarity theory of the sample (non-whitened: exact too;
     * the per-mode approximation would be off by ~0.2 % in B on the Ersoy–Wiesner sample)
     */
    source: 'closed form (whitened sample)' | 'exact joint theory (sample moments)';
  };
}

function setup(base: Omit<TrapSetup, 'theory'>): TrapSetup {
  const d = makeTeacherDataset(base.data);
  const sampleEta = d.syxSvd.values;
  const strengths = d.inputStrength;
  const eta = sampleEta[base.feature];
  const a = strengths[base.feature];
  const perMode = stationaryPoints(base.depth, eta, base.gamma, a);
  if (perMode.learned === null || perMode.saddle === null) throw new RangeError(`γ = ${base.gamma} is past the spinodal of the trapped feature`);
  const learnedValues = sampleEta.map((e, k) => stationaryPoints(base.depth, e, base.gamma, strengths[k]).learned ?? 0);
  if (base.data.whiten) {
    const { learned, saddle } = perMode as { learned: number; saddle: number };
    return {
      ...base,
      theory: {
        sampleEta,
        strengths,
        eta,
        a,
        learned,
        saddle,
        threshold: (learned + saddle) / 2,
        barrier: barrierFromOrigin(base.depth, eta, base.gamma, a) as number,
        gammaC: criticalGamma(base.depth, eta, a) as number,
        gammaSp: spinodalGamma(base.depth, eta, a) as number,
        learnedValues,
        source: 'closed form (whitened sample)',
      },
    };
  }
  const moments = { inputDim: d.inputDim, outputDim: d.outputDim, sxx: d.train.sxx, syx: d.train.syx };
  const exact = sampleTrapTheory(moments, base.depth, base.gamma, base.feature + 1, perMode.saddle);
  if (!exact || exact.gammaC === null || exact.gammaSp === null) throw new RangeError(`γ = ${base.gamma}: no exact trap on this sample`);
  return {
    ...base,
    theory: {
      sampleEta,
      strengths,
      eta,
      a,
      learned: exact.learned,
      saddle: exact.saddle,
      threshold: (exact.learned + exact.saddle) / 2,
      barrier: exact.barrier,
      gammaC: exact.gammaC,
      gammaSp: exact.gammaSp,
      learnedValues,
      source: 'exact joint theory (sample moments)',
    },
  };
}

const built = new Map<EscapePresetKey, TrapSetup>();
/** a preset's trap, built once per page (the exact non-whitened theory costs ~0.1 s) */
function once(key: EscapePresetKey, build: () => TrapSetup): () => TrapSetup {
  return () => {
    let trap = built.get(key);
    if (!trap) built.set(key, (trap = build()));
    return trap;
  };
}

export const TRAP_PRESETS: Record<EscapePresetKey, () => TrapSetup> = {
  clean: once('clean', () =>
    setup({
      key: 'clean',
      label: 'D = 2, η = 1, width 1 (clean Arrhenius)',
      data: { inputDim: 2, outputDim: 1, spectrum: [1], labelNoise: 0, trainSize: 64, testSize: 64, whiten: true, seed: 1 },
      depth: 2,
      width: 1,
      gamma: 0.25,
      feature: 0,
      learnedRank: 0,
      trapGamma: 0.5,
      trapSteps: 2000,
      checkEvery: 50,
      seed: 7,
    }),
  ),
  'ersoy-wiesner': once('ersoy-wiesner', () =>
    setup({
      key: 'ersoy-wiesner',
      label: 'Ersoy–Wiesner 2-10-10-2, η = (0.9, 0.8), γ = 0.22',
      data: ersoyWiesnerPreset(1),
      depth: 2,
      width: 10,
      gamma: 0.22,
      feature: 1,
      learnedRank: 1,
      trapGamma: 0.4,
      trapSteps: 3000,
      checkEvery: 20,
      seed: 1,
    }),
  ),
};

export function langevinJob(trap: TrapSetup, s: EscapeLabSettings): EscapeTraceJob {
  return {
    kind: 'escape-trace',
    data: trap.data,
    depth: trap.depth,
    width: trap.width,
    gamma: trap.gamma,
    temperatures: s.temperatures,
    replicasPerTemperature: s.replicas,
    steps: s.steps,
    lr: s.lr,
    feature: trap.feature,
    threshold: trap.theory.threshold,
    learnedValues: trap.theory.learnedValues,
    checkEvery: trap.checkEvery,
    seed: trap.seed,
    noise: { kind: 'langevin' },
    trapFrom: s.trapMode === 'trap-from' ? { gamma: trap.trapGamma, steps: trap.trapSteps } : undefined,
  };
}

/** the negative control: plain minibatch SGD from the exact (by-hand) trap; one "temperature" lr/batch */
export function controlJob(trap: TrapSetup, s: EscapeLabSettings): EscapeTraceJob {
  return {
    ...langevinJob(trap, s),
    temperatures: [s.lr / s.controlBatch],
    steps: Math.min(s.steps, 20_000),
    noise: { kind: 'sgd', batchSize: s.controlBatch },
    trapFrom: undefined,
  };
}

/**
 * docs/physics.md §5 calibration. The sub-sample decides the numbers (sample η̂ varies a lot with 25
 * points); seed 5 gives η̂ = (1.44, 0.47), a plateau gap 0.134 → 0.023 and escape at ~1 260 steps.
 */
export const GROKKING_SEED = 5;

export function grokkingJob(kind: GrokkingKind): GrokkingJob {
  const spec = sparseGrokkingPreset(GROKKING_SEED);
  return {
    kind: 'grokking',
    data: kind === 'dense' ? { ...spec, trainSize: 512, poolSize: undefined } : spec,
    depth: 2,
    width: 10,
    gamma: kind === 'zero-gamma' ? 0 : 0.0025,
    lr: 0.05,
    steps: 20_000,
    trapGamma: 0.38,
    trapSteps: 2000,
    epsilon: kind === 'tiny' ? 1e-3 : 0.01,
    feature: 1,
    seed: GROKKING_SEED,
  };
}
