/** Run one jobs-worker job at a time from the escape lab, with progress and cancel in the store. */
import { useCallback } from 'react';
import { JobCancelled } from '../../worker/jobs/client';
import type { Job, JobResult } from '../../worker/jobs/protocol';
import { useEscapeStore } from '../../state/escape';
import { escapeJobs } from './jobs';

export function useJobRunner() {
  const setJob = useEscapeStore((s) => s.setJob);
  const run = useCallback(
    async <J extends Job>(label: string, job: J): Promise<{ result: JobResult<J>; seconds: number; backend: string } | null> => {
      setJob({ running: true, label, progress: 0, error: null });
      try {
        const out = await escapeJobs().run(job, (progress) => setJob({ progress }));
        setJob({ running: false, progress: 1 });
        return out;
      } catch (e) {
        setJob({ running: false, error: e instanceof JobCancelled ? 'cancelled' : e instanceof Error ? e.message : String(e) });
        return null;
      }
    },
    [setJob],
  );
  const cancel = useCallback(() => escapeJobs().cancel(), []);
  return { run, cancel };
}
