/**
 * The jobs behind each section of the sweeps view, built from the settings (pure: no worker here).
 * Grids are chosen from the exact thresholds of the empirical modes so every window is in view:
 * the one place the main thread needs the modes before a job has run (data/empiricalModes.ts builds
 * them once per spec).
 */
import { defaultSingleFeature, empiricalModes } from '../../data';
import type { EtaMapJob, PhaseDiagramJob, RampLoopJob } from '../../worker/jobs/protocol';
import type { SweepsSettings } from '../../state/sweeps';
import { dataFor, type DataChoice } from '../../data/presets';
import { thresholds } from '../../experiments/sampleThresholds';
import { gammaGrid } from '../../physics';

export const MAX_STEPS = 20_000;

export function mainData(settings: SweepsSettings): DataChoice {
  const choice = dataFor(settings.spectrum);
  return { ...choice, width: Math.max(settings.width, choice.width) };
}

export function diagramJob(settings: SweepsSettings): PhaseDiagramJob {
  const data = mainData(settings);
  return {
    kind: 'phase-diagram',
    data: data.spec,
    depths: [...settings.depths].sort((a, b) => a - b),
    gammas: gammaGrid(settings.gammaMin, settings.gammaMax, settings.points),
    width: data.width,
    lr: settings.lr,
    maxSteps: MAX_STEPS,
  };
}

/** a γ grid from near 0 to past the strongest feature's spinodal (D ≥ 2) or threshold (D ≤ 1) */
export function hysteresisGammas(depth: number, settings: SweepsSettings, count = 48): number[] {
  const modes = empiricalModes(mainData(settings).spec);
  const eta = modes.etas[0];
  const a = modes.strengths[0];
  const { gammaC, gammaSp } = thresholds(depth, eta, a);
  const top = gammaSp ?? gammaC ?? eta;
  return gammaGrid(0.02 * top, 1.3 * top, count);
}

/** the smallest real noise, added at every γ increment (see experiments/rampLoop.ts) */
export const RAMP_KICK = 1e-4;

export function hysteresisJob(settings: SweepsSettings, stepsPerGamma: number[], depth = settings.hysteresisDepth): RampLoopJob {
  const data = mainData(settings);
  return {
    kind: 'ramp-loop',
    data: data.spec,
    depth,
    gammas: hysteresisGammas(depth, settings),
    width: data.width,
    lr: settings.lr,
    stepsPerGamma,
    kick: RAMP_KICK,
    seed: 1,
  };
}

export function etaMapEtas(settings: SweepsSettings): number[] {
  return gammaGrid(settings.etaMin, settings.etaMax, settings.etaCount);
}

export function etaMapJob(settings: SweepsSettings): EtaMapJob {
  const etas = etaMapEtas(settings);
  const top = thresholds(settings.mapDepth, settings.etaMax).gammaSp ?? settings.etaMax;
  return {
    kind: 'eta-map',
    data: defaultSingleFeature(),
    depth: settings.mapDepth,
    etas,
    gammas: gammaGrid(0.005, 1.15 * top, settings.etaGammaCount),
    width: 4,
    lr: settings.lr,
    maxSteps: MAX_STEPS,
  };
}

export function cascadeJob(settings: SweepsSettings): PhaseDiagramJob {
  const data = dataFor({ preset: settings.cascadePreset, eta: 1 });
  const modes = empiricalModes(data.spec);
  const top = Math.max(...modes.etas.map((eta, k) => thresholds(settings.cascadeDepth, eta, modes.strengths[k]).gammaSp ?? eta));
  return {
    kind: 'phase-diagram',
    data: data.spec,
    depths: [settings.cascadeDepth],
    gammas: gammaGrid(0.002, 1.2 * top, 128),
    width: data.width,
    lr: settings.lr,
    maxSteps: MAX_STEPS,
  };
}

/** "768 replicas" etc., for the job log */
export function replicaCount(job: PhaseDiagramJob | EtaMapJob): number {
  return job.kind === 'phase-diagram' ? 2 * job.gammas.length * job.depths.length : 2 * job.gammas.length * job.etas.length;
}
