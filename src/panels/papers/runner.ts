/**
 * Runs a Papers study (studies.ts): its jobs one after another on the jobs workers, progress and
 * cancel in the papers store. Cancel works at any moment: the store is idle at once and nothing of
 * the cancelled run reaches it afterwards.
 */
import { JobCancelled, JobsClient } from '../../worker/jobs/client';
import { jobProblem } from '../../worker/jobs/budget';
import { usePapersStore } from '../../state/papers';
import type { StudyKey } from '../../papers/measure';
import { STUDIES } from './studies';

type Jobs = Pick<JobsClient, 'run' | 'cancel'>;

let client: Jobs | null = null;
let activeRun = 0;

/** tests hand in a fake or in-process client */
export function useJobsClientForPapers(jobs: Jobs): void {
  client = jobs;
}

export async function runStudy(key: StudyKey): Promise<boolean> {
  const store = usePapersStore.getState();
  if (store.job.running) return false;
  const study = STUDIES[key]();
  // the shared budget, checked here too (the worker checks again before it builds anything)
  const problem = study.jobs.map(jobProblem).find((p) => p !== null);
  if (problem) {
    store.setJob({ running: false, study: key, label: study.label, progress: 0, error: problem });
    return false;
  }
  client ??= new JobsClient();
  const runId = ++activeRun;
  const live = () => runId === activeRun;
  store.setJob({ running: true, study: key, label: study.label, progress: 0, error: null });
  const started = performance.now();
  try {
    const results: unknown[] = [];
    let backend = '';
    for (const [i, job] of study.jobs.entries()) {
      const out = await client.run(job, (f) => {
        if (live()) usePapersStore.getState().setJob({ progress: (i + f) / study.jobs.length });
      });
      if (!live()) return false;
      results.push(out.result);
      backend = out.backend;
    }
    usePapersStore.getState().setResult(key, study.combine(results), { seconds: (performance.now() - started) / 1000, backend });
    usePapersStore.getState().setJob({ running: false, progress: 1 });
    return true;
  } catch (e) {
    if (live())
      usePapersStore.getState().setJob({ running: false, error: e instanceof JobCancelled ? 'cancelled' : e instanceof Error ? e.message : String(e) });
    return false;
  }
}

export function cancelStudy(): void {
  activeRun++;
  client?.cancel();
  if (usePapersStore.getState().job.running) usePapersStore.getState().setJob({ running: false, error: 'cancelled' });
}
