/**
 * The live text line: announces phase changes ("feature 2 switched off at γ ≈ 0.351") computed
 * from telemetry, in an aria-live="polite" region. Announcements that arrive together are joined
 * and the line is rewritten at most every 600 ms, so a screen reader is not flooded.
 */
import { useEffect, useState } from 'react';
import { useParameters } from '../state/parameters';
import { useTelemetry } from '../state/telemetry';
import { PhaseAnnouncer } from './announcer';

const FLUSH_MS = 600;
/** after a reset, snapshots of the old run may still be in flight (same setup id): skip them */
const GRACE_MS = 300;

export function Announcer() {
  const [line, setLine] = useState({ text: '', count: 0 });
  useEffect(() => {
    // one announcer per run (per depth in compare mode), each knowing its depth
    let announcers: PhaseAnnouncer[] = [];
    let lastSteps: number[] = [];
    let runs = useTelemetry.getState().runs;
    let ignoreUntil = 0;
    let pending: string[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const text = [...new Set(pending)].join('; ');
      if (text) setLine((l) => ({ text, count: l.count + 1 }));
      pending = [];
    };
    const restart = () => {
      announcers = [];
      lastSteps = [];
      pending = [];
      ignoreUntil = performance.now() + GRACE_MS;
    };
    const off = useTelemetry.subscribe((s, prev) => {
      if (s.runs !== runs || s.setupId !== prev.setupId) {
        runs = s.runs;
        restart();
      }
      if (s.version === prev.version || performance.now() < ignoreUntil) return;
      const etas = s.dataset ? s.dataset.singularValues : useParameters.getState().spectrum;
      const spectrumLength = useParameters.getState().spectrum.length;
      const news: string[] = [];
      s.runs.forEach((run, i) => {
        const latest = run.latest;
        if (!latest) return;
        // a reset on an unchanged setup keeps the runs: the step counter going back says so
        if (lastSteps[i] !== undefined && latest.step < lastSteps[i]) announcers[i]?.reset();
        lastSteps[i] = latest.step;
        const announcer = (announcers[i] ??= new PhaseAnnouncer({}, run.depth, s.runs.length > 1));
        const features = Math.min(spectrumLength, latest.overlaps.length);
        news.push(...announcer.observe(Array.from(latest.overlaps).slice(0, features), etas, s.gamma).map((a) => a.text));
      });
      if (news.length === 0) return;
      pending.push(...news);
      timer ??= setTimeout(flush, FLUSH_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, []);
  return (
    <p className="announcer" aria-live="polite" role="status" data-testid="announcer" data-count={line.count}>
      {line.text}
    </p>
  );
}
