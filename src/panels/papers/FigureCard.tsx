/**
 * One figure of a paper: its claims side by side (the paper's number, the exact theory's, the lab's
 * measured one with a one-line verdict), the Reproduce button with progress, time left and cancel,
 * what size the app runs (and the command for the full run), and the chart of the measurement.
 */
import type { ReactNode } from 'react';
import type { Claim } from '../../papers/figures';
import { CLAIMS_OF, verdictFor, type Measured, type StudyKey, type StudyResults } from '../../papers/measure';
import { usePapersStore } from '../../state/papers';
import { useTimeLeft } from '../useTimeLeft';
import { cancelStudy, runStudy } from './runner';
import { STUDIES } from './studies';

const fmt = (v: number | null) => (v === null ? '—' : Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(4));

/** the number in bold, what qualifies it in plain weight */
function MeasuredText({ text }: { text: string }) {
  const cut = text.search(/[ (:;,]/);
  if (cut <= 0) return <strong>{text}</strong>;
  return (
    <>
      <strong>{text.slice(0, cut)}</strong>
      {text.slice(cut)}
    </>
  );
}

function ClaimRow({
  claim,
  measured,
  results,
  study,
}: {
  claim: Claim;
  measured: Measured | undefined;
  results: Partial<StudyResults>;
  study: StudyKey | null;
}) {
  const measuredHere = study !== null && CLAIMS_OF[study].includes(claim.id);
  const verdict = !measuredHere
    ? { status: 'not measured' as const, line: `theory only in the app; measure it with: ${claim.reproduce.replace(/^lab /, 'npm run lab -- ')}` }
    : verdictFor(claim, measured, results);
  return (
    <li className="pp-claim" data-testid={`claim-${claim.id}`} data-status={verdict.status}>
      <p className="pp-quantity">{claim.quantity}</p>
      <dl className="pp-numbers">
        <div>
          <dt>paper</dt>
          <dd>{fmt(claim.paper_value)}</dd>
        </div>
        <div>
          <dt>exact theory</dt>
          <dd title={claim.theoryNote}>{fmt(claim.theory)}</dd>
        </div>
        <div className="pp-measured">
          <dt>lab, measured</dt>
          <dd data-testid={`claim-${claim.id}-measured`}>
            {measured ? <MeasuredText text={measured.text} /> : !measuredHere ? 'not measured here' : 'press Reproduce'}
          </dd>
        </div>
      </dl>
      <p className={`pp-verdict pp-${verdict.status.replace(' ', '-')}`} data-testid={`claim-${claim.id}-verdict`}>
        {verdict.line}
      </p>
      <p className="pp-note">theory: {claim.theoryNote}</p>
    </li>
  );
}

function ReproduceBar({ study }: { study: StudyKey }) {
  const job = usePapersStore((s) => s.job);
  const info = usePapersStore((s) => s.info[study]);
  const mine = job.study === study;
  const running = job.running && mine;
  const timeLeft = useTimeLeft(running, job.progress);
  const s = STUDIES[study]();
  const status = running
    ? `${Math.round(job.progress * 100)} %${timeLeft ? `, ${timeLeft}` : ''}`
    : mine && job.error
      ? `stopped: ${job.error}`
      : info
        ? `done in ${info.seconds.toFixed(1)} s on ${info.backend}`
        : 'not run yet';
  return (
    <div className="pp-reproduce">
      <div className="pp-row">
        <button type="button" className="pp-btn" disabled={job.running} onClick={() => void runStudy(study)} data-testid={`papers-reproduce-${study}`}>
          {s.label}
        </button>
        <button type="button" className="pp-btn secondary" disabled={!running} onClick={cancelStudy} data-testid={`papers-cancel-${study}`}>
          Cancel
        </button>
        <div
          className="pp-progress"
          role="progressbar"
          aria-label={`progress of ${s.label}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round((running ? job.progress : info ? 1 : 0) * 100)}
        >
          <div style={{ width: `${Math.round((running ? job.progress : info ? 1 : 0) * 100)}%` }} />
        </div>
        <span className="pp-status" data-testid={`papers-status-${study}`} aria-live="polite">
          {status}
        </span>
      </div>
      <p className="pp-size">
        Runs {s.size}.{' '}
        {s.fullRun ? (
          <>
            Smaller than the full run ({s.fullRun.what}): <code>{s.fullRun.command}</code>
          </>
        ) : (
          'This is the full size.'
        )}
      </p>
    </div>
  );
}

export interface FigureCardProps {
  id: string;
  title: string;
  claims: Claim[];
  study: StudyKey | null;
  measured: Record<string, Measured>;
  results: Partial<StudyResults>;
  intro?: ReactNode;
  chart?: ReactNode;
}

export function FigureCard({ id, title, claims, study, measured, results, intro, chart }: FigureCardProps) {
  return (
    <section className="pp-card" data-testid={`papers-card-${id}`} aria-labelledby={`pp-title-${id}`}>
      <h3 id={`pp-title-${id}`}>{title}</h3>
      {intro}
      <ul className="pp-claims">
        {claims.map((c) => (
          <ClaimRow key={c.id} claim={c} measured={measured[c.id]} results={results} study={study} />
        ))}
      </ul>
      {study && <ReproduceBar study={study} />}
      {chart && <div className="pp-chart">{chart}</div>}
    </section>
  );
}
