/**
 * Runs the sweeps view's stages (stages.ts) one after another on the jobs worker and files each
 * result in the store as soon as it is done (so charts fill in while later stages compute). Cancel terminates
 * the worker; finished stages stay.
 */
import { JobCancelled, JobsClient } from '../../worker/jobs/client';
import { STAGE_LABELS, STAGE_ORDER, useSweepsStore, type JobInfo, type StageKey } from '../../state/sweeps';
import { sweepsBudgetProblems } from './budget';
import { runStage, type Jobs } from './stages';

export const ALL_STAGES: StageKey[] = STAGE_ORDER;

let client: Jobs | null = null;
/** id of the stages run that may write to the store; a cancel or a newer run moves it on */
let activeRun = 0;

export function useJobsClientForStages(jobs: Jobs): void {
  client = jobs;
}

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
      const info = await runStage(stage, settings, jobs, progress, useSweepsStore.getState().setResult);
      finish(stage, info);
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
