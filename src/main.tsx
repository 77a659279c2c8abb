import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { getController } from './app/controller';
import { useParameters } from './state/parameters';
import { useTelemetry } from './state/telemetry';
import './app/app.css';

// A stable handle for browser tests, benchmarks and lecturers' scripts (read state, set parameters).
(window as unknown as { __L2LAB__: unknown }).__L2LAB__ = { parameters: useParameters, telemetry: useTelemetry, controller: getController() };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Training starts right away: the page opens on networks that are already learning.
void getController().start();
