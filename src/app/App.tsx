/** The shell: header, notices, controls column and the grid of live views. */
import { BackendBadge } from '../panels/BackendBadge';
import { ControlsPanel } from '../panels/ControlsPanel';
import { GammaSlider } from '../panels/GammaSlider';
import { NoticeBar } from '../panels/NoticeBar';
import { Readouts } from '../panels/Readouts';
import { ViewsGrid } from '../panels/ViewsGrid';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <div className="title">
          <h1>L2 Phase Lab</h1>
          <p>Drag γ and watch deep linear networks jump between learned and trivial phases, live.</p>
        </div>
        <BackendBadge />
      </header>
      <NoticeBar />
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
    </div>
  );
}
