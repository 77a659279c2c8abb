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
import { hidingCss, useClassroom } from '../session/classroom';
import { CopyLinkButton } from './CopyLinkButton';
import { LectureBar, LectureToggle } from './LectureControls';
import { SharePopover } from './SharePopover';
import { useLectureKeys } from './useLectureKeys';
import { useFillHeight } from './useFillHeight';
import { ChapterUndoBar } from './ChapterUndoBar';
import { GlossaryButton } from '../ui/Glossary';
import { chapterAt } from '../chapters/chapters';
import { ViewTabs } from './ViewTabs';
import './lecture.css';

const SweepsView = lazy(() => import('../panels/sweeps').then((m) => ({ default: m.SweepsView })));
const EscapeView = lazy(() => import('../panels/escape').then((m) => ({ default: m.EscapeView })));
const PapersView = lazy(() => import('../panels/papers').then((m) => ({ default: m.PapersView })));

type Layout = 'normal' | 'lecture' | 'embed';

/** the chart card's own chrome (title row, padding) around the SVG the height is given to */
const FRAME_CHROME: Record<Layout, number> = { normal: 56, lecture: 66, embed: 58 };

function LiveLab({ layout }: { layout: Layout }) {
  // lecture: the key chart ends at the bottom of the first screen; embed: it fills the frame
  const fill = layout !== 'normal';
  const [keyRef, keyHeight] = useFillHeight<HTMLDivElement>(fill, layout === 'embed' ? 120 : 300, 1100, 380, layout === 'embed' ? 8 : 12);
  const chapter = useClassroom((s) => s.chapter);
  const title = layout === 'embed' && chapter !== null ? chapterAt(chapter)?.title : undefined;
  return (
    <div className={`app-body${layout === 'normal' ? '' : ' no-controls'}`}>
      {layout === 'normal' && <ControlsPanel />}
      <main className="stage" aria-label="Live lab">
        {title ? (
          <h1 className="embed-title" data-testid="embed-title">
            {chapter}. {title}
          </h1>
        ) : (
          layout === 'embed' && <h1 className="visually-hidden">L2 Phase Lab</h1>
        )}
        <h2 className="visually-hidden">Live lab: γ, readouts and charts</h2>
        <div className="card gamma-card">
          <div data-control="gamma">
            <GammaSlider />
          </div>
          <div data-control="readouts">
            <Readouts />
          </div>
          <Announcer />
        </div>
        <div ref={keyRef}>
          <ViewsGrid keyHeight={fill ? keyHeight - FRAME_CHROME[layout] : undefined} keyOnly={layout === 'embed'} />
        </div>
      </main>
    </div>
  );
}

export function App() {
  const view = useUi((s) => s.view);
  const embed = useClassroom((s) => s.embed);
  const lecture = useClassroom((s) => s.lecture);
  const hide = useClassroom((s) => s.hide);
  const chapter = useClassroom((s) => s.chapter);
  useLectureKeys();
  useEffect(() => {
    document.documentElement.classList.toggle('lecture-mode', lecture);
    document.documentElement.classList.toggle('embed-mode', embed);
  }, [lecture, embed]);
  const css = hidingCss(hide);
  const chrome = !embed && !lecture;
  return (
    <div className={`app${lecture ? ' lecture' : ''}${embed ? ' embed' : ''}${chapter !== null ? ' has-chapter' : ''}`} data-testid="app-root">
      {css && <style data-testid="classroom-hide">{css}</style>}
      {chrome && (
        <header className="app-header" data-testid="app-header">
          <div className="title">
            <h1>L2 Phase Lab</h1>
            <p>Drag γ and watch deep linear networks jump between learned and trivial phases, live.</p>
          </div>
          <ViewTabs />
          <div className="header-actions">
            <GlossaryButton />
            <LectureToggle />
            <SharePopover />
            <CopyLinkButton />
            <BackendBadge />
          </div>
        </header>
      )}
      {lecture && !embed && <LectureBar />}
      <NoticeBar />
      <ChapterUndoBar />
      <div className="app-main">
        {!embed && <ChapterPanel />}
        <div className="app-content">
          {/* the live lab stays mounted (and training) while a batch view is open */}
          <div hidden={view !== 'live'}>
            <LiveLab layout={embed ? 'embed' : lecture ? 'lecture' : 'normal'} />
          </div>
          {view !== 'live' && (
            <main className="batch-view">
              <Suspense fallback={<p>Loading…</p>}>{view === 'diagrams' ? <SweepsView /> : view === 'papers' ? <PapersView /> : <EscapeView />}</Suspense>
            </main>
          )}
        </div>
      </div>
    </div>
  );
}
