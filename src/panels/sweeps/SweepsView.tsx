/**
 * Issue 4: phase diagrams, hysteresis sweeps and the feature cascade, built live from batched
 * replicas on the jobs worker and drawn over the exact theory of the sample actually used.
 */
import { useSweepsStore } from '../../state/sweeps';
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
  const wait = running ? 'computing…' : 'Not computed yet: tick it under “run these sections” and press Run.';
  return (
    <div className="l2s-view" data-testid="sweeps-view">
      <header className="l2s-intro">
        <h2>Phase diagrams from your own runs</h2>
        <p>
          Loss L(θ) = (1/N) Σ‖y − f(x)‖² + γ Σ_l ‖W_l‖²_F (no ½, no biases), D hidden layers, full-batch gradient descent. Every γ of a grid is a replica in one
          batched program, started twice: from the unregularized solution and from zero.
        </p>
      </header>
      <JobBar />
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
        {results.diagram ? <DepthMap outcome={results.diagram} /> : <Pending title="γ × depth" what={wait} />}
        {results['eta-map'] ? <EtaMap outcome={results['eta-map']} /> : <Pending title="γ × η" what={wait} />}
      </div>
      <h2 className="l2s-h">5 · Feature cascade</h2>
      {results.cascade ? <CascadeSection outcome={results.cascade} /> : <Pending title="Feature cascade" what={wait} />}
    </div>
  );
}
