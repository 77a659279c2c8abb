/** The shell: header with view tabs, notices, and the view shown (live lab or a batch view). */
import { lazy, Suspense } from 'react';
import { BackendBadge } from '../panels/BackendBadge';
import { ControlsPanel } from '../panels/ControlsPanel';
import { GammaSlider } from '../panels/GammaSlider';
import { NoticeBar } from '../panels/NoticeBar';
import { Readouts } from '../panels/Readouts';
import { ViewsGrid } from '../panels/ViewsGrid';
import { useUi } from '../state/ui';
import { CopyLinkButton } from './CopyLinkButton';
import { ViewTabs } from './ViewTabs';

const SweepsView = lazy(() => import('../panels/sweeps').then((m) => ({ default: m.SweepsView })));
const EscapeView = lazy(() => import('../panels/escape').then((m) => ({ default: m.EscapeView })));

function LiveLab() {
  return (
    <div className="app-body">
      <ControlsPanel />
      <main className="stage">
        <div className="card gamma-card">
          <GammaSlider />
          <Readouts />
        </div>
        <ViewsGrid />
      </main>
    </div>
  );
}

export function App() {
  const view = useUi((s) => s.view);
  return (
    <div className="app">
      <header className="app-header">
        <div className="title">
          <h1>L2 Phase Lab</h1>
          <p>Drag γ and watch deep linear networks jump between learned and trivial phases, live.</p>
        </div>
        <ViewTabs />
        <div className="header-actions">
          <CopyLinkButton />
          <BackendBadge />
        </div>
      </header>
      <NoticeBar />
      {/* the live lab stays mounted (and training) while a batch view is open */}
      <div hidden={view !== 'live'}>
        <LiveLab />
      </div>
      {view !== 'live' && (
        <main className="batch-view">
          <Suspense fallback={<p>Loading…</p>}>{view === 'diagrams' ? <SweepsView /> : <EscapeView />}</Suspense>
        </main>
      )}
    </div>
  );
}
