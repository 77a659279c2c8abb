/**
 * Runs the sweeps view's stages one after another on the jobs worker and files each result in the
 * store as soon as it is done (so charts fill in while later stages compute). Cancel terminates
 * the worker; finished stages stay.
 */
import { loopArea } from '../../experiments/phaseDiagram';
import { JobCancelled, JobsClient } from '../../worker/jobs/client';
import { STAGE_LABELS, STAGE_ORDER, useSweepsStore, type JobInfo, type StageKey } from '../../state/sweeps';
import { cascadeJob, diagramJob, etaMapJob, hysteresisJob, replicaCount } from './jobs';
import { empiricalModes, theoryLoopArea } from './model';
import type { RampPoint } from '../../experiments/rampLoop';
import { sweepsBudgetProblems } from './budget';

export const ALL_STAGES: StageKey[] = STAGE_ORDER;

/** the part of JobsClient the stages use (tests pass a client over a fake worker) */
type Jobs = Pick<JobsClient, 'run' | 'cancel'>;

let client: Jobs | null = null;
/** id of the stages run that may write to the store; a cancel or a newer run moves it on */
let activeRun = 0;

export function useJobsClientForStages(jobs: Jobs): void {
  client = jobs;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** run the given stages (default: those ticked in the settings), in the fixed order */
export async function runStages(only?: StageKey[]): Promise<void> {
  const store = useSweepsStore.getState();
  if (store.job.running) return;
  const settings = store.settings;
  const wanted = only ?? settings.stages;
  const stages = STAGE_ORDER.filter((s) => wanted.includes(s));
  if (stages.length === 0) return;
  // the form shows these next to their fields and disables Run; this catches a scripted run
  const problems = Object.values(sweepsBudgetProblems(settings));
  if (problems.length > 0) {
    store.setJob({ running: false, stage: null, progress: 0, error: problems[0], log: [] });
    return;
  }
  client ??= new JobsClient();
  const runId = ++activeRun;
  const live = () => runId === activeRun;
  const inner = client;
  // after a cancel nothing of this run reaches the store, whatever the worker still sends
  const jobs: Jobs = {
    run: async (job, onProgress) => {
      const out = await inner.run(job, onProgress);
      if (!live()) throw new JobCancelled();
      return out;
    },
    cancel: () => inner.cancel(),
  };
  store.setJob({ running: true, stage: null, progress: 0, error: null, log: [] });
  const log: Array<{ stage: StageKey; info: JobInfo }> = [];
  const finish = (stage: StageKey, info: JobInfo) => {
    log.push({ stage, info });
    useSweepsStore.getState().setJob({ log: [...log] });
  };
  try {
    for (const [index, stage] of stages.entries()) {
      const progress = (f: number) => {
        if (live()) useSweepsStore.getState().setJob({ stage, progress: (index + f) / stages.length });
      };
      progress(0);
      const set = useSweepsStore.getState().setResult;
      if (stage === 'diagram') {
        const job = diagramJob(settings);
        const { result, seconds, backend } = await jobs.run(job, progress);
        const info = { replicas: `${fmt(replicaCount(job))} replicas`, seconds, backend };
        set('diagram', { kind: 'diagram', spec: job.data, width: job.width, lr: job.lr, gammas: job.gammas, diagrams: result, info });
        finish(stage, info);
      } else if (stage === 'hysteresis') {
        const job = hysteresisJob(settings, [settings.hysteresisSteps]);
        const { result, seconds, backend } = await jobs.run(job, progress);
        const info = { replicas: `1 net × ${job.gammas.length} γ up and down, ${fmt(settings.hysteresisSteps)} steps/γ`, seconds, backend };
        set('hysteresis', { kind: 'hysteresis', spec: job.data, width: job.width, lr: job.lr, gammas: job.gammas, depth: job.depth, stepsPerGamma: settings.hysteresisSteps, runs: result[0], info });
        finish(stage, info);
      } else if (stage === 'ramp') {
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
        const info = { replicas: `${steps.length * depths.length} loops (${depths.length} batches) × ${gammas.length} γ`, seconds, backend };
        set('ramp', { kind: 'ramp', spec: data.data, width: data.width, lr: data.lr, gammas, depth: data.depth, points, info });
        finish(stage, info);
      } else if (stage === 'eta-map') {
        const job = etaMapJob(settings);
        const { result, seconds, backend } = await jobs.run(job, progress);
        const info = { replicas: `${fmt(replicaCount(job))} replicas`, seconds, backend };
        set('eta-map', { kind: 'eta-map', spec: job.data, width: job.width, lr: job.lr, gammas: job.gammas, result, info });
        finish(stage, info);
      } else {
        const job = cascadeJob(settings);
        const { result, seconds, backend } = await jobs.run(job, progress);
        const info = { replicas: `${fmt(replicaCount(job))} replicas`, seconds, backend };
        set('cascade', { kind: 'cascade', spec: job.data, width: job.width, lr: job.lr, gammas: job.gammas, depth: job.depths[0], diagram: result[0], info });
        finish(stage, info);
      }
    }
    if (live()) useSweepsStore.getState().setJob({ running: false, stage: null, progress: 1 });
  } catch (e) {
    if (!live()) return;
    const cancelled = e instanceof JobCancelled;
    useSweepsStore.getState().setJob({ running: false, stage: null, error: cancelled ? 'cancelled' : e instanceof Error ? e.message : String(e) });
  }
}

/** Works at any moment: the view is idle again at once, whatever state the worker is in. */
export function cancelStages(): void {
  activeRun++;
  client?.cancel();
  if (useSweepsStore.getState().job.running) useSweepsStore.getState().setJob({ running: false, stage: null, error: 'cancelled' });
}

export const stageLabel = (stage: StageKey): string => STAGE_LABELS[stage];
