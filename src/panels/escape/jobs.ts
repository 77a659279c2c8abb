/** One jobs worker for the escape lab, started on first use (the worker owns its own tfjs). */
import { JobsClient } from '../../worker/jobs/client';

let client: JobsClient | null = null;

export function escapeJobs(): JobsClient {
  client ??= new JobsClient();
  return client;
}
