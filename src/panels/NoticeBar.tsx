/** A visible notice for faults: divergence (what happened, how to fix) and worker restarts. */
import { useTelemetry } from '../state/telemetry';

export function NoticeBar() {
  const notice = useTelemetry((s) => s.notice);
  const setNotice = useTelemetry((s) => s.setNotice);
  if (!notice) return null;
  return (
    <section className={`notice notice-${notice.kind}`} aria-label="Notice" data-testid="notice">
      <div role="alert">
        <strong>{notice.message}</strong> <span>{notice.hint}</span>
      </div>
      <button type="button" className="ghost" onClick={() => setNotice(null)} aria-label="Dismiss notice">
        ✕
      </button>
    </section>
  );
}
