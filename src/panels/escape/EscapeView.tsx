/**
 * The escape & grokking lab (issue 5): a metastable trap, noise-driven escape statistics with
 * Arrhenius fits, the replicas on the landscape, the minibatch-SGD negative control, and the
 * sparse-data grokking curve. Jobs run in the jobs worker; results live in the escape store.
 */
import { Term } from '../../ui/Glossary';
import { useEffect, useMemo, useState } from 'react';
import { ArrheniusChart, EscapeHistogram, ReplicaLandscape, SurvivalChart, arrheniusAnalysis, fmtNum } from '../../charts/escape';
import { useEscapeStore, type EscapeOutcome } from '../../state/escape';
import { FitReadout } from './FitReadout';
import { GrokkingSection } from './GrokkingSection';
import { TrapCard } from './TrapCard';
import { TRAP_PRESETS, controlJob, langevinJob } from './presets';
import { useJobRunner } from './useJobRunner';
import { escapeBudgetProblems } from './budget';
import { useClassroom } from '../../session/classroom';
import { chapterAt } from '../../chapters/chapters';
import { useFillChartHeight } from '../../ui/useFillHeight';
import './escape.css';
import { useTimeLeft } from '../useTimeLeft';
import { ESCAPE_ENTRIES } from '../../permalink';
import { useDraftNumber } from '../useDraftNumber';

export function EscapeView() {
  const settings = useEscapeStore((s) => s.settings);
  const job = useEscapeStore((s) => s.job);
  const timeLeft = useTimeLeft(job.running, job.progress);
  const langevin = useEscapeStore((s) => s.langevin);
  const control = useEscapeStore((s) => s.control);
  const setLangevin = useEscapeStore((s) => s.setLangevin);
  const setControl = useEscapeStore((s) => s.setControl);
  const setSettings = useEscapeStore((s) => s.setSettings);
  const batchMessage = useEscapeStore((s) => s.messages.controlBatch);
  const batch = useDraftNumber(ESCAPE_ENTRIES.controlBatch, settings.controlBatch, (controlBatch) => setSettings({ controlBatch }));
  const trap = useMemo(() => TRAP_PRESETS[settings.preset](), [settings.preset]);
  const { run, cancel } = useJobRunner();
  // lecture mode leads with the chart the open chapter talks about (grokking), else the Arrhenius plot
  const lecture = useClassroom((s) => s.lecture);
  const chapter = useClassroom((s) => s.chapter);
  const grokkingChapter = chapter !== null && chapterAt(chapter)?.id === 'sparse-grokking';
  const lead = !lecture ? null : grokkingChapter ? 'grokking' : 'arrhenius';
  const [keyRef, keyHeight] = useFillChartHeight<HTMLDivElement>(lead === 'arrhenius', 240, 800, 320);
  // shown next to the fields (TrapCard); a job over the budget is never started
  const overBudget = Object.keys(escapeBudgetProblems(trap, settings)).length > 0;

  const meta = (noise: 'langevin' | 'sgd', steps: number, seconds: number, backend: string): EscapeOutcome['meta'] => ({
    depth: trap.depth,
    width: trap.width,
    gamma: trap.gamma,
    eta: trap.theory.eta,
    a: trap.theory.a,
    feature: trap.feature,
    learnedRank: trap.learnedRank,
    threshold: trap.theory.threshold,
    barrier: trap.theory.barrier,
    steps,
    lr: settings.lr,
    replicas: settings.replicas,
    noise,
    batchSize: noise === 'sgd' ? settings.controlBatch : undefined,
    trapMode: noise === 'sgd' ? 'by-hand' : settings.trapMode,
    trapGamma: noise === 'langevin' && settings.trapMode === 'trap-from' ? trap.trapGamma : undefined,
    seconds,
    backend,
  });

  const runLangevin = async () => {
    if (overBudget) return;
    const j = langevinJob(trap, settings);
    const out = await run(`Langevin escape, ${j.temperatures.length} temperatures × ${j.replicasPerTemperature} replicas`, j);
    if (out) setLangevin({ meta: meta('langevin', j.steps, out.seconds, out.backend), result: out.result });
  };
  const runControl = async () => {
    if (overBudget) return;
    const j = controlJob(trap, settings);
    const out = await run(`negative control: minibatch SGD, batch ${settings.controlBatch}`, j);
    if (out) setControl({ meta: meta('sgd', j.steps, out.seconds, out.backend), result: out.result });
  };

  return (
    <div className={`esc-view${lead ? ` esc-lecture esc-lead-${lead}` : ''}${grokkingChapter ? ' esc-focus-grokking' : ''}`} data-testid="escape-view">
      {lecture ? (
        <details className="esc-settings" data-testid="escape-settings">
          <summary>Settings: the trap, temperatures, replicas, steps</summary>
          <TrapCard trap={trap} />
        </details>
      ) : (
        <TrapCard trap={trap} />
      )}
      <div className="esc-card esc-stats">
        <h2>2 · Escape statistics</h2>
        <div className="esc-row">
          <button type="button" className="esc-btn" disabled={job.running || overBudget} onClick={() => void runLangevin()} data-testid="escape-run">
            Run Langevin escape
          </button>
          <button
            type="button"
            className="esc-btn secondary"
            disabled={job.running || overBudget}
            onClick={() => void runControl()}
            data-testid="escape-run-control"
          >
            Run SGD negative control
          </button>
          <button type="button" className="esc-btn secondary" disabled={!job.running} onClick={cancel} data-testid="escape-cancel">
            Cancel
          </button>
          <div className="esc-progress" aria-label="job progress" role="progressbar" aria-valuenow={Math.round(job.progress * 100)}>
            <div style={{ width: `${Math.round(job.progress * 100)}%` }} />
          </div>
          <span className="esc-muted" data-testid="escape-status">
            {job.running
              ? `${job.label} — ${Math.round(job.progress * 100)}%${timeLeft ? `, ${timeLeft}` : ''}`
              : job.error
                ? ''
                : job.label
                  ? `done: ${job.label}`
                  : 'idle'}
          </span>
        </div>
        {job.error && <p className="esc-error">{job.error}</p>}
        <p className="esc-muted">
          {settings.temperatures.length} temperatures × {settings.replicas} replicas, all in one batched tensor program in the jobs worker. A replica has
          escaped at the first check (every {trap.checkEvery} steps) where |p| of the trapped feature passes the threshold; replicas still trapped after{' '}
          {settings.steps} steps are <Term name="censored">censored</Term>, not dropped.
        </p>
        {lead === 'arrhenius' && (
          <div className="esc-key" ref={keyRef} data-testid="escape-key">
            {langevin ? (
              <ArrheniusKey outcome={langevin} height={keyHeight} />
            ) : (
              <section className="esc-pending">
                <h3>Arrhenius plot: ln τ against 1/T</h3>
                <p>{job.running ? 'computing…' : 'Press “Run Langevin escape”.'}</p>
              </section>
            )}
          </div>
        )}
        {langevin ? (
          <EscapeResults outcome={langevin} arrhenius={lead !== 'arrhenius'} />
        ) : (
          <p className="esc-muted">Run the job to see survival curves, the histogram and the Arrhenius plot.</p>
        )}
      </div>
      <div className="esc-card esc-control" data-testid="escape-control">
        <h2>3 · Negative control: plain minibatch SGD never raises an exact rank</h2>
        <p>
          Same trap, set by hand (the trapped feature exactly 0), same lr = {settings.lr}, minibatch SGD with batch {settings.controlBatch}: "temperature"
          lr/batch = {fmtNum(settings.lr / settings.controlBatch)}. In a bias-free linear net the gradient of every minibatch keeps an exactly rank-deficient
          state rank-deficient, so no replica can escape however long it runs. Minibatch noise only acts where the state is not exactly on the trap.
        </p>
        <div className="esc-row" style={{ margin: '6px 0' }}>
          <label>
            {ESCAPE_ENTRIES.controlBatch.label}
            <input type="number" {...batch} disabled={job.running} data-testid="escape-control-batch" aria-invalid={batchMessage ? true : undefined} />
            {batchMessage && (
              <small className="esc-error" role="alert">
                {batchMessage}
              </small>
            )}
          </label>
          <span className="esc-muted">
            SGD "temperature" lr/B = {fmtNum(settings.lr / settings.controlBatch)}; up to 20 000 steps, {settings.replicas} replicas.
          </span>
        </div>
        {control ? (
          <ControlResult control={control} langevin={langevin} />
        ) : (
          <p className="esc-muted">Run the control to see it next to the Langevin result.</p>
        )}
      </div>
      <GrokkingSection />
    </div>
  );
}

/** the Arrhenius plot on its own, sized by the layout (lecture mode's key chart) */
function ArrheniusKey({ outcome, height }: { outcome: EscapeOutcome; height: number }) {
  const { meta, result } = outcome;
  const analysis = useMemo(() => arrheniusAnalysis(result.runs, meta.steps, { barrier: meta.barrier }), [result, meta.steps, meta.barrier]);
  return <ArrheniusChart analysis={analysis} barrier={meta.barrier} height={height} testId="escape-arrhenius" />;
}

/** `arrhenius`: false where the layout shows the Arrhenius plot elsewhere (ArrheniusKey) */
function EscapeResults({ outcome, arrhenius = true }: { outcome: EscapeOutcome; arrhenius?: boolean }) {
  const { meta, result } = outcome;
  const analysis = useMemo(() => arrheniusAnalysis(result.runs, meta.steps, { barrier: meta.barrier }), [result, meta.steps, meta.barrier]);
  const barrier = meta.barrier;
  const temperatures = result.runs.map((r) => r.T);
  return (
    <>
      <p className="esc-muted">
        Finished in {meta.seconds.toFixed(1)} s on {meta.backend}; T = {temperatures.join(', ')}; trap{' '}
        {meta.trapMode === 'trap-from' ? `from γ₀ = ${meta.trapGamma}` : 'by hand'}, γ = {meta.gamma}, lr {meta.lr}.
      </p>
      <div className="esc-grid2">
        <SurvivalChart runs={result.runs} steps={meta.steps} testId="escape-survival" />
        <EscapeHistogram runs={result.runs} steps={meta.steps} testId="escape-histogram" />
        {arrhenius && <ArrheniusChart analysis={analysis} barrier={barrier} testId="escape-arrhenius" />}
      </div>
      <h3>Fits vs theory</h3>
      <FitReadout analysis={analysis} barrier={barrier} depth={meta.depth} width={meta.width} learnedRank={meta.learnedRank} />
      <h3>The replicas on the landscape</h3>
      <FramePlayer outcome={outcome} temperatures={temperatures} />
    </>
  );
}

function FramePlayer({ outcome, temperatures }: { outcome: EscapeOutcome; temperatures: number[] }) {
  const { meta, result } = outcome;
  const frames = result.frames;
  // open on the snapshot where about half the replicas are out: trapped and escaped ones both visible
  const halfway = useMemo(() => {
    const i = frames.findIndex((f) => f.p.filter((v) => v > meta.threshold).length >= f.p.length / 2);
    return i >= 0 ? i : frames.length - 1;
  }, [frames, meta.threshold]);
  const [index, setIndex] = useState(halfway);
  const [playing, setPlaying] = useState(false);
  useEffect(() => setIndex(halfway), [halfway]);
  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => {
      setIndex((i) => {
        if (i >= frames.length - 1) {
          setPlaying(false);
          return i;
        }
        return i + 1;
      });
    }, 120);
    return () => clearInterval(id);
  }, [playing, frames.length]);
  if (frames.length === 0) return <p className="esc-muted">No snapshots.</p>;
  const frame = frames[Math.min(index, frames.length - 1)];
  return (
    <div>
      <div className="esc-row" style={{ marginBottom: 6 }}>
        <button
          type="button"
          className="esc-btn secondary"
          onClick={() => {
            if (index >= frames.length - 1) setIndex(0);
            setPlaying((p) => !p);
          }}
          data-testid="escape-play"
        >
          {playing ? 'Pause' : 'Play the snapshots'}
        </button>
        <label>
          snapshot
          <input type="range" min={0} max={frames.length - 1} value={index} onChange={(e) => setIndex(Number(e.target.value))} aria-label="snapshot" />
        </label>
        <span className="esc-muted">{frames.length} snapshots stored by the job (log-spaced in steps); this replays them — it is not a live view.</span>
      </div>
      <ReplicaLandscape
        depth={meta.depth}
        gamma={meta.gamma}
        eta={meta.eta}
        a={meta.a}
        threshold={meta.threshold}
        temperatures={temperatures}
        p={frame.p}
        step={frame.step}
        testId="escape-landscape"
      />
    </div>
  );
}

function ControlResult({ control, langevin }: { control: EscapeOutcome; langevin: EscapeOutcome | null }) {
  const last = control.result.frames[control.result.frames.length - 1];
  const maxP = last ? Math.max(...last.p) : NaN;
  const run = control.result.runs[0];
  const escaped = run.escapeTimes.length - run.censored;
  return (
    <div className="esc-grid2">
      <div>
        <p data-testid="escape-control-summary">
          <strong>
            {escaped} of {run.escapeTimes.length} replicas escaped in {control.meta.steps} SGD steps
          </strong>
          ; largest singular value of the trapped feature at the end: {fmtNum(maxP)} (0 up to float32 round-off of the SVD; the escape threshold is{' '}
          {fmtNum(control.meta.threshold)}: the rank never rose).{' '}
          {langevin && (
            <>
              Langevin, same trap: {langevin.result.runs.reduce((s, r) => s + r.escapeTimes.length - r.censored, 0)} of{' '}
              {langevin.result.runs.reduce((s, r) => s + r.escapeTimes.length, 0)} escaped.
            </>
          )}
        </p>
      </div>
      <SurvivalChart
        runs={control.result.runs}
        steps={control.meta.steps}
        labels={[`minibatch SGD, lr/batch = ${fmtNum(run.T)}`]}
        title="Negative control: survival under minibatch SGD"
        subtitle="exact rank-deficient start; every replica censored = nobody escaped"
        height={240}
        testId="escape-control-survival"
      />
    </div>
  );
}
