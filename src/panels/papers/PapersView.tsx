/**
 * The Papers view: both papers figure by figure (Ziyin–Ueda; Ersoy–Wiesner), each claim with the
 * paper's number, the exact theory's and the lab's measured number after Reproduce, a one-line
 * verdict and a chart of the measurement. Jobs run on the jobs workers; results live in the papers store.
 */
import { useMemo } from 'react';
import { claims as allClaims, type Claim } from '../../papers/figures';
import { measureClaims, type StudyKey, type StudyResults } from '../../papers/measure';
import { usePapersStore } from '../../state/papers';
import { FigureCard } from './FigureCard';
import {
  EqualLossChart,
  GrokkingSeedsChart,
  LandscapeTheoryChart,
  NonlinearChart,
  ProtocolChart,
  SgdMapChart,
  SweepCharts,
  VaeChart,
  ZuDiagramChart,
} from './figureCharts';
import './papers.css';

interface FigureSpec {
  id: string;
  title: string;
  claimIds: string[];
  study: StudyKey | null;
  intro?: React.ReactNode;
  chart(results: Partial<StudyResults>): React.ReactNode;
}

const ZIYIN_UEDA: FigureSpec[] = [
  {
    id: 'zu-transitions',
    title: 'p*(γ) and L*(γ): continuous at D = 1, first order at D = 2, the metastable window (0, γsp)',
    claimIds: ['zu-d1-threshold', 'zu-d2-window', 'zu-d2-critical'],
    study: 'zu-diagram',
    chart: (r) => r['zu-diagram'] && <ZuDiagramChart diagrams={r['zu-diagram']} />,
  },
  {
    id: 'zu-nonlinear',
    title: 'Beyond linear nets: tanh and relu',
    claimIds: ['zu-relu-d1-threshold', 'zu-nonlinear-d2-drop'],
    study: 'zu-nonlinear',
    intro: (
      <p className="pp-intro">
        For a nonlinear net, <strong>p</strong> is the order parameter u₁ᵀ M v₁ of its linear response on the training inputs, M = Cov(f(x), x)·Σxx⁻¹ (for a
        linear net this is the end-to-end singular value along the feature). No closed form exists for the learned branch: p is measured from a learned and a
        trivial start at every γ; the linear curves are <em>linear theory, for reference</em> only.
      </p>
    ),
    chart: (r) =>
      r['zu-nonlinear'] && (
        <div className="pp-charts">
          {r['zu-nonlinear'].map((result) => (
            <NonlinearChart key={result.activation} result={result} />
          ))}
        </div>
      ),
  },
  {
    id: 'zu-vae',
    title: 'Posterior collapse in a linear VAE',
    claimIds: ['zu-vae-linear', 'zu-vae-deep-jump'],
    study: 'zu-vae',
    intro: (
      <p className="pp-intro">
        Encoder mean e·x (L layers), learned encoder variance, decoder d·z (L layers), −ELBO with decoder noise η, L2 γ on every layer, data variance λ = 1,
        trained by float64 gradient descent; order parameter |de|. One layer each at γ = 0 is the closed form max(0, 1 − η/λ); deeper ones with per-layer L2 are
        measured from both sides.
      </p>
    ),
    chart: (r) => r['zu-vae'] && <VaeChart sweeps={r['zu-vae']} />,
  },
];

const ERSOY_WIESNER: FigureSpec[] = [
  {
    id: 'ew-1a-equal-loss',
    title: 'Fig. 1a · where learning the weak feature pays off',
    claimIds: ['ew-1a-equal-loss'],
    study: 'ew-equal-loss',
    chart: (r) => r['ew-equal-loss'] && <EqualLossChart diagrams={r['ew-equal-loss']} />,
  },
  {
    id: 'ew-1a-escape',
    title: 'Fig. 1a · the rank-1 trap escaping under SGD',
    claimIds: ['ew-1a-sgd-escape'],
    study: 'ew-protocol',
    intro: (
      <p className="pp-intro">
        The paper's protocol: 2-10-10-2 bias-free linear net, 512 samples, plain SGD (batch 64, lr 0.08) from a random init, converged at γ = 0.361 (rank 1) or
        0.43 (rank 0), then γ = 0.32; in this lab's loss and in PyTorch's (MSELoss + weight_decay).
      </p>
    ),
    chart: (r) => r['ew-protocol'] && <ProtocolChart runs={r['ew-protocol']} />,
  },
  {
    id: 'ew-1b',
    title: 'Fig. 1b · sparse sub-sampling "grokking"',
    claimIds: ['ew-1b-plateau'],
    study: 'ew-grokking',
    chart: (r) => r['ew-grokking'] && <GrokkingSeedsChart summary={r['ew-grokking']} />,
  },
  {
    id: 'ew-2a',
    title: 'Fig. 2a · the barrier between p = 0 and the learned minimum',
    claimIds: ['ew-2a-saddle', 'ew-2a-barrier'],
    study: 'ew-saddle',
    chart: (r) => <LandscapeTheoryChart saddleRun={r['ew-saddle']} />,
  },
  {
    id: 'ew-2b',
    title: 'Fig. 2b · Arrhenius law in lr/B',
    claimIds: ['ew-2b-arrhenius'],
    study: 'ew-sgd-map',
    chart: (r) => r['ew-sgd-map'] && <SgdMapChart map={r['ew-sgd-map']} />,
  },
  {
    id: 'ew-3-4',
    title: 'Fig. 3 and 4 · the upward sweep: rank drops, test-MSE levels, the bifurcation',
    claimIds: ['ew-3-drop-weak', 'ew-3-drop-strong', 'ew-levels-bayes', 'ew-levels-0.32', 'ew-4-bifurcation'],
    study: 'ew-sweep',
    chart: (r) => r['ew-sweep'] && <SweepCharts sweep={r['ew-sweep']} />,
  },
];

function Paper({
  title,
  note,
  figures,
  byId,
  measured,
  results,
}: {
  title: string;
  note: string;
  figures: FigureSpec[];
  byId: Map<string, Claim>;
  measured: ReturnType<typeof measureClaims>;
  results: Partial<StudyResults>;
}) {
  return (
    <section className="pp-paper" aria-label={title}>
      <h2>{title}</h2>
      <p className="pp-paper-note">{note}</p>
      <div className="pp-cards">
        {figures.map((f) => (
          <FigureCard
            key={f.id}
            id={f.id}
            title={f.title}
            claims={f.claimIds.map((id) => byId.get(id)).filter((c): c is Claim => c !== undefined)}
            study={f.study}
            measured={measured}
            results={results}
            intro={f.intro}
            chart={f.chart(results)}
          />
        ))}
      </div>
    </section>
  );
}

export function PapersView() {
  const results = usePapersStore((s) => s.results);
  const byId = useMemo(() => new Map(allClaims().map((c) => [c.id, c])), []);
  const measured = useMemo(() => measureClaims(results), [results]);
  return (
    <div className="pp-view" data-testid="papers-view">
      <header className="pp-header">
        <h2 className="visually-hidden">The papers, figure by figure</h2>
        <p>
          Every claim of the two papers with three numbers side by side: the paper's, the exact theory's (computed from the lab's physics, docs/physics.md) and
          the lab's own, measured when you press Reproduce. The verdict says whether they agree and, when not, why. Loss convention: (1/N) Σ‖y − f(x)‖² + γ
          Σ‖W‖² (no ½, no biases); with 2 outputs the papers' β is this γ.
        </p>
      </header>
      <Paper
        title="Ziyin & Ueda: exact phase transitions in deep learning"
        note="No figures in text form: the claims as the lab's scenes show them."
        figures={ZIYIN_UEDA}
        byId={byId}
        measured={measured}
        results={results}
      />
      <Paper
        title="Ersoy & Wiesner: the 2-10-10-2 net, η = (0.9, 0.8)"
        note="Bias-free linear net, D = 2, 512 training and 512 test samples drawn once; their β is our γ."
        figures={ERSOY_WIESNER}
        byId={byId}
        measured={measured}
        results={results}
      />
    </div>
  );
}
