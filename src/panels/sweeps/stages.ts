/**
 * What each Phase-diagrams stage runs on the jobs worker and what it files in the store: one entry
 * per stage, mirroring the worker's job registry (worker/jobs/registry.ts). The stage names and
 * order are in state/sweeps.ts (STAGES); runner.ts runs the entries one after another.
 */
import { loopArea } from '../../experiments/sweepAnalysis';
import type { RampPoint } from '../../experiments/rampLoop';
import type { JobsClient } from '../../worker/jobs/client';
import type { JobInfo, StageKey, StageOutcomes, SweepsSettings } from '../../state/sweeps';
import { empiricalModes } from '../../data';
import { theoryLoopArea } from '../../physics';
import { cascadeJob, diagramJob, etaMapJob, hysteresisJob, replicaCount } from './jobs';

/** the part of JobsClient the stages use (tests pass a client over a fake worker) */
export type Jobs = Pick<JobsClient, 'run' | 'cancel'>;

export type StageRunner<K extends StageKey> = (settings: SweepsSettings, jobs: Jobs, progress: (fraction: number) => void) => Promise<StageOutcomes[K]>;

const fmt = (n: number) => n.toLocaleString('en-US');

export const STAGE_RUNNERS: { [K in StageKey]: StageRunner<K> } = {
  diagram: async (settings, jobs, progress) => {
    const job = diagramJob(settings);
    const { result, seconds, backend } = await jobs.run(job, progress);
    const info: JobInfo = { replicas: `${fmt(replicaCount(job))} replicas`, seconds, backend };
    return { kind: 'diagram', spec: job.data, width: job.width, lr: job.lr, gammas: job.gammas, diagrams: result.diagrams, modes: result.modes, info };
  },
  hysteresis: async (settings, jobs, progress) => {
    const job = hysteresisJob(settings, [settings.hysteresisSteps]);
    const { result, seconds, backend } = await jobs.run(job, progress);
    const info: JobInfo = { replicas: `1 net × ${job.gammas.length} γ up and down, ${fmt(settings.hysteresisSteps)} steps/γ`, seconds, backend };
    return {
      kind: 'hysteresis',
      spec: job.data,
      width: job.width,
      lr: job.lr,
      gammas: job.gammas,
      depth: job.depth,
      // the ramp-loop job returns runs only; these modes already chose its γ grid (memoized per spec)
      modes: empiricalModes(job.data),
      stepsPerGamma: settings.hysteresisSteps,
      runs: result[0],
      info,
    };
  },
  ramp: async (settings, jobs, progress) => {
    // every ramp rate as one batch per depth: the chosen depth, and D = 1 (no loop) for comparison
    const points: RampPoint[] = [];
    let seconds = 0;
    let backend = '';
    const steps = settings.rampSteps;
    const depths = [...new Set([settings.hysteresisDepth, 1])];
    const gammas = hysteresisJob(settings, steps).gammas;
    for (const [d, depth] of depths.entries()) {
      const job = hysteresisJob(settings, steps, depth);
      const out = await jobs.run(job, (f) => progress((d + f) / depths.length));
      seconds += out.seconds;
      backend = out.backend;
      const modes = empiricalModes(job.data);
      const exactArea = theoryLoopArea(depth, modes.etas[0], modes.strengths[0], job.gammas);
      out.result.forEach(([up, down], j) => points.push({ depth, stepsPerGamma: steps[j], area: loopArea(up.points, down.points), exactArea }));
    }
    const data = hysteresisJob(settings, [1]);
    const info: JobInfo = { replicas: `${steps.length * depths.length} loops (${depths.length} batches) × ${gammas.length} γ`, seconds, backend };
    return { kind: 'ramp', spec: data.data, width: data.width, lr: data.lr, gammas, depth: data.depth, points, info };
  },
  'eta-map': async (settings, jobs, progress) => {
    const job = etaMapJob(settings);
    const { result, seconds, backend } = await jobs.run(job, progress);
    const info: JobInfo = { replicas: `${fmt(replicaCount(job))} replicas`, seconds, backend };
    return { kind: 'eta-map', spec: job.data, width: job.width, lr: job.lr, gammas: job.gammas, result, info };
  },
  cascade: async (settings, jobs, progress) => {
    const job = cascadeJob(settings);
    const { result, seconds, backend } = await jobs.run(job, progress);
    const info: JobInfo = { replicas: `${fmt(replicaCount(job))} replicas`, seconds, backend };
    return {
      kind: 'cascade',
      spec: job.data,
      width: job.width,
      lr: job.lr,
      gammas: job.gammas,
      depth: job.depths[0],
      diagram: result.diagrams[0],
      modes: result.modes,
      info,
    };
  },
};

/** run one stage and file its outcome (a generic helper keeps key and outcome paired for the checker) */
export async function runStage<K extends StageKey>(
  stage: K,
  settings: SweepsSettings,
  jobs: Jobs,
  progress: (fraction: number) => void,
  file: (key: K, outcome: StageOutcomes[K]) => void,
): Promise<JobInfo> {
  const runner: StageRunner<K> = STAGE_RUNNERS[stage];
  const outcome = await runner(settings, jobs, progress);
  file(stage, outcome);
  return outcome.info;
}
