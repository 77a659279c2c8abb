/**
 * The shell: header with view tabs, notices, the chapter navigator, and the view shown (live lab or
 * a batch view). Classroom links can hide controls or text, drop the chrome (embed) or switch to
 * the presentation layout (lecture).
 */
import { lazy, Suspense, useEffect } from 'react';
import { BackendBadge } from '../panels/BackendBadge';
import { ControlsPanel } from '../panels/ControlsPanel';
import { GammaSlider } from '../panels/GammaSlider';
import { NoticeBar } from '../panels/NoticeBar';
import { Readouts } from '../panels/Readouts';
import { ViewsGrid } from '../panels/ViewsGrid';
import { ChapterPanel } from '../chapters/ChapterPanel';
import { useUi } from '../state/ui';
import { Announcer } from './Announcer';
import { hidingCss, useClassroom } from './classroom';
import { CopyLinkButton } from './CopyLinkButton';
import { LectureBar, LectureToggle } from './LectureControls';
import { SharePopover } from './SharePopover';
import { useLectureKeys } from './useLectureKeys';
import { ViewTabs } from './ViewTabs';
import './lecture.css';

const SweepsView = lazy(() => import('../panels/sweeps').then((m) => ({ default: m.SweepsView })));
const EscapeView = lazy(() => import('../panels/escape').then((m) => ({ default: m.EscapeView })));

function LiveLab({ showControls }: { showControls: boolean }) {
  return (
    <div className={`app-body${showControls ? '' : ' no-controls'}`}>
      {showControls && <ControlsPanel />}
      <main className="stage">
        <div className="card gamma-card">
          <div data-control="gamma">
            <GammaSlider />
          </div>
          <div data-control="readouts">
            <Readouts />
          </div>
          <Announcer />
        </div>
        <ViewsGrid />
      </main>
    </div>
  );
}

export function App() {
  const view = useUi((s) => s.view);
  const embed = useClassroom((s) => s.embed);
  const lecture = useClassroom((s) => s.lecture);
  const hide = useClassroom((s) => s.hide);
  useLectureKeys();
  useEffect(() => {
    document.documentElement.classList.toggle('lecture-mode', lecture);
    document.documentElement.classList.toggle('embed-mode', embed);
  }, [lecture, embed]);
  const css = hidingCss(hide);
  const chrome = !embed && !lecture;
  return (
    <div className={`app${lecture ? ' lecture' : ''}${embed ? ' embed' : ''}`} data-testid="app-root">
      {css && <style data-testid="classroom-hide">{css}</style>}
      {chrome && (
        <header className="app-header" data-testid="app-header">
          <div className="title">
            <h1>L2 Phase Lab</h1>
            <p>Drag γ and watch deep linear networks jump between learned and trivial phases, live.</p>
          </div>
          <ViewTabs />
          <div className="header-actions">
            <LectureToggle />
            <SharePopover />
            <CopyLinkButton />
            <BackendBadge />
          </div>
        </header>
      )}
      {lecture && !embed && <LectureBar />}
      <NoticeBar />
      <div className="app-main">
        {!embed && <ChapterPanel />}
        <div className="app-content">
          {/* the live lab stays mounted (and training) while a batch view is open */}
          <div hidden={view !== 'live'}>
            <LiveLab showControls={!embed && !lecture} />
          </div>
          {view !== 'live' && (
            <main className="batch-view">
              <Suspense fallback={<p>Loading…</p>}>{view === 'diagrams' ? <SweepsView /> : <EscapeView />}</Suspense>
            </main>
          )}
        </div>
      </div>
    </div>
  );
}
