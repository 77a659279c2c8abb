/** Run one jobs-worker job at a time from the escape lab, with progress and cancel in the store. */
import { cancelEscapeJob, runEscapeJob } from './jobs';

export function useJobRunner() {
  return { run: runEscapeJob, cancel: cancelEscapeJob };
}
