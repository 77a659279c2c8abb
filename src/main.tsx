import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { getController } from './session/controller';
import { applyLink, applyLinkOnLoad, linkSetsParameters, syncUrlWithState } from './app/permalink';
import { useClassroom } from './session/classroom';
import { reproduceChapter } from './chapters/scene';
import { registerServiceWorker } from './app/serviceWorker';
import { useParameters } from './state/parameters';
import { useTelemetry } from './state/telemetry';
import { useSampleTheory } from './state/sampleTheory';
import './app/app.css';
import type { JobsClient } from './worker/jobs/client';
import type { Job } from './worker/jobs/protocol';

// A stable handle for browser tests, benchmarks and lecturers' scripts (read state, set parameters).
// applyLink: apply a link in place (the browser fuzz test feeds it malformed links);
// runJob: run a batch job in a jobs worker of its own (npm run bench:ui times the phase diagram).
let benchJobs: Promise<JobsClient> | null = null;
const runJob = async (job: Job) => {
  benchJobs ??= import('./worker/jobs/client').then((m) => new m.JobsClient());
  return (await benchJobs).run(job, () => {});
};
(window as unknown as { __L2LAB__: unknown }).__L2LAB__ = {
  parameters: useParameters,
  telemetry: useTelemetry,
  sampleTheory: useSampleTheory,
  controller: getController(),
  classroom: useClassroom,
  applyLink,
  runJob,
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The link first (it may set every parameter and carry trained weights), then training starts right
// away: the page opens on networks that are already learning.
const linkHasParameters = linkSetsParameters(location.search);
void applyLinkOnLoad().then(async (weights) => {
  syncUrlWithState();
  await getController().start({ weights });
  // a chapter link plays its scene by itself where nothing else was asked for: an embed (it has no
  // chapter panel to press "Play" in) or a bare `?chapter=N`; a link with parameters shows what its sender saw
  const { embed, chapter } = useClassroom.getState();
  if (chapter !== null && !weights && (embed || !linkHasParameters)) reproduceChapter(chapter);
});

registerServiceWorker();
