/**
 * Issue 4: phase diagrams, hysteresis sweeps and the feature cascade, built live from batched
 * replicas on the jobs worker and drawn over the exact theory of the sample actually used.
 */
import { useClassroom } from '../../session/classroom';
import { useSweepsStore } from '../../state/sweeps';
import { useFillChartHeight } from '../../ui/useFillHeight';
import { useMediaQuery } from '../../ui/useMediaQuery';
import { CascadeSection } from './CascadeSection';
import { HysteresisLoop, RampChart } from './HysteresisSection';
import { JobBar } from './JobBar';
import { OrderParameterSection, ThermoSection } from './OrderParameterSection';
import { DepthMap, EtaMap } from './PhaseMapsSection';
import './sweeps.css';

function Pending({ title, what }: { title: string; what: string }) {
  return (
    <section className="l2s-pending">
      <h3>{title}</h3>
      <p>{what}</p>
    </section>
  );
}

export function SweepsView() {
  const results = useSweepsStore((s) => s.results);
  const running = useSweepsStore((s) => s.job.running);
  const lecture = useClassroom((s) => s.lecture);
  // on a phone the settings form alone is taller than the screen: it starts folded there too
  const phone = useMediaQuery('(max-width: 600px)');
  // lecture: the phase diagram (the tab's headline) beside the run controls, ending at the fold
  const [keyRef, keyHeight] = useFillChartHeight<HTMLDivElement>(lecture, 260, 900, 340);
  const wait = running ? 'computing…' : 'Not computed yet: tick it under “run these sections” and press Run.';
  const intro = (
    <header className="l2s-intro">
      <h2>Phase diagrams from your own runs</h2>
      <p>
        Loss L(θ) = (1/N) Σ‖y − f(x)‖² + γ Σ_l ‖W_l‖²_F (no ½, no biases), D hidden layers, full-batch gradient descent. Every γ of a grid is a replica in one
        batched program, started twice: from the unregularized solution and from zero.
      </p>
    </header>
  );
  const depthMap = results.diagram ? (
    <DepthMap outcome={results.diagram} height={lecture ? keyHeight : undefined} />
  ) : (
    <Pending title={lecture ? 'Phase diagram γ × depth' : 'γ × depth'} what={lecture && !running ? 'Press Run to compute it.' : wait} />
  );
  return (
    <div className={`l2s-view${lecture ? ' l2s-lecture' : ''}`} data-testid="sweeps-view">
      {lecture ? (
        <div className="l2s-lead">
          <div className="l2s-side">
            {intro}
            <JobBar collapsed />
          </div>
          <div className="l2s-key" ref={keyRef} data-testid="sweeps-key">
            {depthMap}
          </div>
        </div>
      ) : (
        <>
          {intro}
          <JobBar collapsed={phone} key={phone ? 'phone' : 'wide'} />
        </>
      )}
      <h2 className="l2s-h">1 · Order parameter</h2>
      {results.diagram ? <OrderParameterSection outcome={results.diagram} /> : <Pending title="Order parameter vs γ" what={wait} />}
      <h2 className="l2s-h">2 · Thermodynamics</h2>
      {results.diagram ? <ThermoSection outcome={results.diagram} /> : <Pending title="L⋆ and its derivatives" what={wait} />}
      <h2 className="l2s-h">3 · Hysteresis</h2>
      <div className="l2s-two">
        {results.hysteresis ? <HysteresisLoop outcome={results.hysteresis} /> : <Pending title="Hysteresis loop" what={wait} />}
        {results.ramp ? <RampChart outcome={results.ramp} /> : <Pending title="Loop area vs ramp rate" what={wait} />}
      </div>
      <h2 className="l2s-h">4 · Phase diagrams</h2>
      <div className="l2s-two">
        {!lecture && depthMap}
        {results['eta-map'] ? <EtaMap outcome={results['eta-map']} /> : <Pending title="γ × η" what={wait} />}
      </div>
      <h2 className="l2s-h">5 · Feature cascade</h2>
      {results.cascade ? <CascadeSection outcome={results.cascade} /> : <Pending title="Feature cascade" what={wait} />}
    </div>
  );
}
