import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { getController } from './app/controller';
import { applyLink, applyLinkOnLoad, syncUrlWithState } from './app/permalink';
import { useClassroom } from './app/classroom';
import { registerServiceWorker } from './app/serviceWorker';
import { useParameters } from './state/parameters';
import { useTelemetry } from './state/telemetry';
import './app/app.css';

// A stable handle for browser tests, benchmarks and lecturers' scripts (read state, set parameters).
// applyLink: apply a link in place (the browser fuzz test feeds it malformed links).
(window as unknown as { __L2LAB__: unknown }).__L2LAB__ = { parameters: useParameters, telemetry: useTelemetry, controller: getController(), classroom: useClassroom, applyLink };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The link first (it may set every parameter and carry trained weights), then training starts right
// away: the page opens on networks that are already learning.
void applyLinkOnLoad().then(async (weights) => {
  syncUrlWithState();
  await getController().start({ weights });
});

registerServiceWorker();
