/**
 * The two papers, figure by figure (physics.md §8; issue 10 build item 7): every figure/claim with
 * the paper's number, the exact theory's number (computed here from src/physics, never typed in),
 * the lab command that measures it, and a slot for the lab's measured number with a one-line
 * verdict (`judge`). Pure data and functions: no UI, no engine.
 */
import { barrierFromOrigin, criticalGamma, spinodalGamma, stationaryPoints } from '../physics';
import { closedFormCollapse } from '../experiments/vae';

export type Paper = 'Ersoy–Wiesner' | 'Ziyin–Ueda';

export interface Claim {
  id: string;
  paper: Paper;
  figure: string;
  /** what is compared, with its unit */
  quantity: string;
  /** the paper's number (null: the paper gives none in text) */
  paper_value: number | null;
  /** the exact theory's number (null: no closed form; measured only) */
  theory: number | null;
  /** how the theory number was obtained */
  theoryNote: string;
  /** the lab command that measures it */
  reproduce: string;
  /** the lab's measured number, filled in by whoever ran `reproduce` */
  measured: number | null;
}

/** Ersoy–Wiesner setup: D = 2, η = (0.9, 0.8), Σxx = Σyy = I in population */
const EW = { depth: 2, eta: [0.9, 0.8] as const };

/** population test MSE per output for Σxx = Σyy = I, k outputs, feature values p_k: (k − 2Σηp + Σp²)/k */
export function populationTestMse(eta: readonly number[], p: readonly number[]): number {
  const k = eta.length;
  let s = k;
  for (let i = 0; i < k; i++) s += -2 * eta[i] * p[i] + p[i] * p[i];
  return s / k;
}

/** this lab's loss → the paper's (PyTorch MSELoss, mean over the k = 2 outputs) */
function paperUnits(value: number | null): number | null {
  return value === null ? null : value / EW.eta.length;
}

function learnedOrZero(depth: number, eta: number, gamma: number): number {
  return stationaryPoints(depth, eta, gamma).learned ?? 0;
}

export function claims(): Claim[] {
  const { depth, eta } = EW;
  const weak = stationaryPoints(depth, eta[1], 0.32);
  const mseOnUpSweep = (gamma: number) =>
    populationTestMse(
      eta,
      eta.map((e) => learnedOrZero(depth, e, gamma)),
    );
  return [
    {
      id: 'ew-1a-equal-loss',
      paper: 'Ersoy–Wiesner',
      figure: '1a',
      quantity: 'γ below which the weak feature (η = 0.8) lowers the loss (equal-loss point); the paper escapes at γ = 0.32',
      paper_value: 0.32,
      theory: criticalGamma(depth, eta[1]),
      theoryNote: 'criticalGamma(2, 0.8): at γ = 0.32 rank 1 is already the global minimum',
      reproduce: 'lab paper-protocol --replicas 16 --epochs 5500',
      measured: null,
    },
    {
      id: 'ew-1a-sgd-escape',
      paper: 'Ersoy–Wiesner',
      figure: '1a',
      quantity: 'epochs until the rank-1 trap (converged at 0.361) escapes under SGD at γ = 0.32, batch 64, lr 0.08',
      paper_value: 5500,
      theory: null,
      theoryNote: 'minibatch SGD cannot raise an exact rank (bias-free linear chain): no escape expected',
      reproduce: 'lab paper-protocol --replicas 16 --epochs 5500',
      measured: null,
    },
    {
      id: 'ew-1b-plateau',
      paper: 'Ersoy–Wiesner',
      figure: '1b',
      quantity: 'plateau length (steps) of sparse sub-sampling grokking, γ = 0.0025, ε = 0.01, mean over seeds',
      paper_value: 1500,
      theory: null,
      theoryNote: 'small-initialisation plateau t ≈ c/(lr·η̂₂·ε); c is measured (lab grokking), not derived',
      reproduce: 'lab grokking --seeds 20',
      measured: null,
    },
    {
      id: 'ew-2a-saddle',
      paper: 'Ersoy–Wiesner',
      figure: '2a',
      quantity: 'saddle p of the weak feature at γ = 0.32',
      paper_value: 0.41,
      theory: weak.saddle,
      theoryNote: 'stationaryPoints(2, 0.8, 0.32).saddle',
      reproduce: 'lab theory --depth 2 --spectrum 0.9,0.8',
      measured: null,
    },
    {
      id: 'ew-2a-barrier',
      paper: 'Ersoy–Wiesner',
      figure: '2a',
      quantity: 'barrier out of p = 0 for the weak feature at γ = 0.32',
      paper_value: 0.003,
      theory: paperUnits(barrierFromOrigin(depth, eta[1], 0.32)),
      theoryNote: 'barrierFromOrigin(2, 0.8, 0.32)/2 = 0.0285 in the paper’s units (MSELoss mean over k = 2 outputs); 0.0569 in this lab’s loss',
      reproduce: 'lab escape --depth 2 --spectrum 0.9,0.8 --gamma 0.32 --temperatures …',
      measured: null,
    },
    {
      id: 'ew-2b-arrhenius',
      paper: 'Ersoy–Wiesner',
      figure: '2b',
      quantity: 'effective barrier from ln τ vs 1/(lr/B), rank-1 trap at γ = 0.32',
      paper_value: 0.15,
      theory: paperUnits(barrierFromOrigin(depth, eta[1], 0.32)),
      theoryNote: 'the exact barrier in the paper’s units (this lab’s loss / 2); with SGD there is no Arrhenius law in lr/B from a rank trap (physics.md §5)',
      reproduce: 'lab sgd-map --replicas 256',
      measured: null,
    },
    {
      id: 'ew-3-drop-weak',
      paper: 'Ersoy–Wiesner',
      figure: '3',
      quantity: 'γ of the first rank drop on the upward sweep (weak feature)',
      paper_value: 0.36,
      theory: spinodalGamma(depth, eta[1]),
      theoryNote: 'spinodalGamma(2, 0.8)',
      reproduce: 'lab sweep --depth 2 --spectrum 0.9,0.8 --gamma 0.2:0.5:0.01 --direction up --width 10',
      measured: null,
    },
    {
      id: 'ew-3-drop-strong',
      paper: 'Ersoy–Wiesner',
      figure: '3',
      quantity: 'γ of the second rank drop on the upward sweep (strong feature)',
      paper_value: 0.42,
      theory: spinodalGamma(depth, eta[0]),
      theoryNote: 'spinodalGamma(2, 0.9)',
      reproduce: 'lab sweep --depth 2 --spectrum 0.9,0.8 --gamma 0.2:0.5:0.01 --direction up --width 10',
      measured: null,
    },
    {
      id: 'ew-levels-bayes',
      paper: 'Ersoy–Wiesner',
      figure: '1a/3',
      quantity: 'test MSE per output, Bayes floor (both features, γ = 0)',
      paper_value: null,
      theory: populationTestMse(eta, eta),
      theoryNote: 'populationTestMse with p = η',
      reproduce: 'lab sweep --depth 2 --spectrum 0.9,0.8 --gamma 0.001:0.002:0.001 --width 10',
      measured: null,
    },
    {
      id: 'ew-levels-0.32',
      paper: 'Ersoy–Wiesner',
      figure: '3',
      quantity: 'test MSE per output at γ = 0.32 on the upward sweep (both features still learned)',
      paper_value: null,
      theory: mseOnUpSweep(0.32),
      theoryNote: 'populationTestMse with the learned branches at γ = 0.32',
      reproduce: 'lab sweep --depth 2 --spectrum 0.9,0.8 --gamma 0.2:0.5:0.01 --direction up --width 10',
      measured: null,
    },
    {
      id: 'ew-4-bifurcation',
      paper: 'Ersoy–Wiesner',
      figure: '4',
      quantity: 'learned p of the weak feature where its branch meets the saddle (spinodal)',
      paper_value: null,
      theory: stationaryPoints(depth, eta[1], spinodalGamma(depth, eta[1]) as number).learned,
      theoryNote: 'stationaryPoints at γ_sp(2, 0.8): learned = saddle there',
      reproduce: 'lab theory --depth 2 --spectrum 0.9,0.8',
      measured: null,
    },
    {
      id: 'zu-d1-threshold',
      paper: 'Ziyin–Ueda',
      figure: 'p*(γ), D = 1',
      quantity: 'γ where the learned state of η = 1 vanishes, D = 1 (continuous)',
      paper_value: 1,
      theory: criticalGamma(1, 1),
      theoryNote: 'criticalGamma(1, 1) = η (D = 1: continuous, no spinodal)',
      reproduce: 'lab sweep --depth 1 --spectrum 1 --gamma 0.5:1.2:0.05 --direction both',
      measured: null,
    },
    {
      id: 'zu-d2-window',
      paper: 'Ziyin–Ueda',
      figure: 'trained nets, D = 2',
      quantity: 'upper end γ_sp of the metastable window (0, γ_sp) for η = 1, D = 2',
      paper_value: null,
      theory: spinodalGamma(2, 1),
      theoryNote: 'spinodalGamma(2, 1)',
      reproduce: 'lab sweep --depth 2 --spectrum 1 --gamma 0.1:0.6:0.02 --direction both',
      measured: null,
    },
    {
      id: 'zu-d2-critical',
      paper: 'Ziyin–Ueda',
      figure: 'L*(γ), D = 2',
      quantity: 'first-order transition γ_c for η = 1, D = 2',
      paper_value: null,
      theory: criticalGamma(2, 1),
      theoryNote: 'criticalGamma(2, 1)',
      reproduce: 'lab theory --depth 2 --spectrum 1',
      measured: null,
    },
    {
      id: 'zu-relu-d1-threshold',
      paper: 'Ziyin–Ueda',
      figure: 'beyond linear nets',
      quantity: 'γ below which the trivial state of a relu net (D = 1, η = 1) grows: its local threshold',
      paper_value: null,
      theory: 0.5,
      theoryNote:
        'max over unit û of ‖E[y·relu(ûᵀx)]‖ = η/2 for whitened Gaussian inputs (population; the job computes it on its own sample); the linear theory would say η = 1',
      reproduce: 'lab nonlinear --activation relu',
      measured: null,
    },
    {
      id: 'zu-nonlinear-d2-drop',
      paper: 'Ziyin–Ueda',
      figure: 'beyond linear nets',
      quantity: 'γ where the learned state of a relu net with D = 2 drops (η = 1); the linear γ_sp is shown for reference only',
      paper_value: null,
      theory: null,
      theoryNote: 'no closed form for a nonlinear learned branch; linear theory, for reference: γ_sp(2, 1) = 0.4725',
      reproduce: 'lab nonlinear --activation relu',
      measured: null,
    },
    {
      id: 'zu-vae-linear',
      paper: 'Ziyin–Ueda',
      figure: 'posterior collapse',
      quantity: 'latent usage |uw| of a linear VAE at η/λ = 0.5 (one layer each, γ = 0)',
      paper_value: null,
      theory: closedFormCollapse(0.5, 1),
      theoryNote: 'max(0, 1 − η/λ)',
      reproduce: 'lab vae --depth 1 --gamma 0',
      measured: null,
    },
    {
      id: 'zu-vae-deep-jump',
      paper: 'Ziyin–Ueda',
      figure: 'posterior collapse',
      quantity: 'jump of |de| at the collapse, two layers each, L2 γ = 0.05 on every layer (λ = 1, η swept)',
      paper_value: null,
      theory: null,
      theoryNote: 'not derived in closed form: measured (lab vae); with L2 on every layer the deep-linear argument predicts a jump',
      reproduce: 'lab vae --depth 2 --gamma 0.05',
      measured: null,
    },
  ];
}

export type Verdict = { status: 'reproduced' | 'differs' | 'not measured'; line: string };

/**
 * The one-line verdict for a claim given the lab's measured number: reproduced when it agrees with
 * the exact theory within `tolerance` (relative; absolute below 1e-9 of scale), else 'differs', with
 * the paper's number beside it.
 */
export function judge(claim: Claim, measured: number | null, tolerance = 0.05): Verdict {
  if (measured === null || !Number.isFinite(measured)) return { status: 'not measured', line: `run: ${claim.reproduce}` };
  const fmt = (v: number | null) => (v === null ? '—' : v.toPrecision(4));
  const reference = claim.theory ?? claim.paper_value;
  if (reference === null) return { status: 'differs', line: `measured ${fmt(measured)}; no reference number` };
  const ok = Math.abs(measured - reference) <= tolerance * Math.max(Math.abs(reference), 1e-9);
  const against = claim.theory === null ? 'paper' : 'exact theory';
  return {
    status: ok ? 'reproduced' : 'differs',
    line: `${ok ? 'reproduced' : 'differs'}: lab ${fmt(measured)}, ${against} ${fmt(reference)}${claim.theory !== null ? `, paper ${fmt(claim.paper_value)}` : ''}`,
  };
}
