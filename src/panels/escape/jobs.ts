/**
 * The escape lab's jobs: one jobs worker (started on first use; it owns its own tfjs), one job at
 * a time, progress and cancel in the escape store. Cancel works at any moment: the store is idle
 * again at once and nothing of the cancelled run reaches it afterwards.
 */
import { JobCancelled, JobsClient, type JobRun } from '../../worker/jobs/client';
import type { Job } from '../../worker/jobs/protocol';
import { useEscapeStore } from '../../state/escape';

type Jobs = Pick<JobsClient, 'run' | 'cancel'>;

let client: Jobs | null = null;
/** id of the run that may write to the store */
let activeRun = 0;

export function escapeJobs(): Jobs {
  client ??= new JobsClient();
  return client;
}

export function useJobsClientForEscape(jobs: Jobs): void {
  client = jobs;
}

/** run one job; null when it was cancelled or failed (the store then says which) */
export async function runEscapeJob<J extends Job>(label: string, job: J): Promise<JobRun<J> | null> {
  const runId = ++activeRun;
  const live = () => runId === activeRun;
  const setJob = useEscapeStore.getState().setJob;
  setJob({ running: true, label, progress: 0, error: null });
  try {
    const out = await escapeJobs().run(job, (progress) => {
      if (live()) setJob({ progress });
    });
    if (!live()) return null;
    setJob({ running: false, progress: 1 });
    return out;
  } catch (e) {
    if (live()) setJob({ running: false, error: e instanceof JobCancelled ? 'cancelled' : e instanceof Error ? e.message : String(e) });
    return null;
  }
}

export function cancelEscapeJob(): void {
  activeRun++;
  client?.cancel();
  if (useEscapeStore.getState().job.running) useEscapeStore.getState().setJob({ running: false, error: 'cancelled' });
}
