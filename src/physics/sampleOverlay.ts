/**
 * The exact sample theory in the shape the live overlays draw (docs/physics.md §2, non-whitened data):
 * per feature k, the order parameter p_k = u_kᵀ M v_k (the quantity the engine reports, on the
 * empirical singular vectors of Σyx) along the exact branches of the joint stationarity condition:
 * the global minimum, the metastable states (feature k on beyond γ_c, off below it) and the saddle
 * between them, with the exact γ_c, γ_sp and jump of every feature. Branch r of ./sampleTheory.ts is
 * "features 1…r learned"; feature k is on on branch k and off on branch k − 1.
 */
import { svd } from '../linalg';
import { sampleTheory, solveSampleSaddle, trackBranch, type BranchState, type SampleMoments, type SampleTheory } from './sampleTheory';
import { stationaryPoints } from './stationary';

export interface OverlayPoint {
  gamma: number;
  p: number;
}

/** one feature's theory lines (the shape of charts/phaseModel.ts PhaseBranches) */
export interface SampleFeatureBranches {
  global: OverlayPoint[][];
  metastable: OverlayPoint[][];
  saddle: OverlayPoint[][];
  jump: { gamma: number; from: number; to: number } | null;
  gammaC: number | null;
  gammaSp: number | null;
}

export interface SampleOverlay {
  depth: number;
  method: SampleTheory['method'];
  /** thresholds of the features drawn (sampleTheory, the function the CLI `theory` prints) */
  theory: SampleTheory;
  /** the branches were computed on (0, gammaMax] */
  gammaMax: number;
  features: SampleFeatureBranches[];
}

export interface SampleOverlayOptions {
  /** features drawn (the strongest ones; default 3) */
  maxFeatures?: number;
  /** γ grid points on (0, gammaMax] (default 90) */
  points?: number;
  /** top of the grid; default twice the largest threshold */
  gammaMax?: number;
}

/** p_k = u_kᵀ M v_k for M [q × p] */
function project(M: ArrayLike<number>, u: ArrayLike<number>, v: ArrayLike<number>, q: number, p: number): number {
  let s = 0;
  for (let i = 0; i < q; i++) {
    let mv = 0;
    for (let j = 0; j < p; j++) mv += M[i * p + j] * v[j];
    s += u[i] * mv;
  }
  return s;
}

export function sampleOverlay(m: SampleMoments, depth: number, options: SampleOverlayOptions = {}): SampleOverlay {
  const { inputDim: p, outputDim: q } = m;
  const dec = svd(m.syx, q, p);
  const etas = dec.values;
  const features = Math.min(options.maxFeatures ?? 3, etas.filter((e) => e > 1e-6 * Math.max(etas[0], 1e-300)).length);
  const theory = sampleTheory(m, depth, { maxRank: features });
  const thresholds = theory.modes.flatMap((t) => [t.gammaC, t.gammaSpinodal]).filter((g): g is number => g !== null && Number.isFinite(g) && g > 0);
  const gammaMax = options.gammaMax ?? Math.max(0.25, 2 * Math.max(0, ...thresholds));
  const count = Math.max(8, options.points ?? 90);
  const grid = [1e-3 * gammaMax, ...Array.from({ length: count }, (_, i) => (gammaMax * (i + 1)) / count)];
  // the thresholds themselves are grid points, so the jumps sit exactly where the theory says
  const gammas = [...new Set([...grid, ...thresholds.filter((g) => g < gammaMax)])].sort((a, b) => a - b);
  const isThreshold = new Set(thresholds);
  const tracks = Array.from({ length: features }, (_, i) => trackBranch(m, depth, i + 1, gammas));
  const stateAt = (rank: number, index: number): BranchState | null | 'zero' => {
    if (rank === 0) return 'zero';
    const track = tracks[rank - 1];
    return index < track.states.length ? track.states[index] : null;
  };
  const value = (state: BranchState | 'zero', k: number) =>
    state === 'zero' ? 0 : project(state.map, dec.u.subarray(k * q, (k + 1) * q), dec.v.subarray(k * p, (k + 1) * p), q, p);
  // the global minimum's rank at every grid γ
  const globalRank = gammas.map((_, i) => {
    let best = 0;
    let bestF = 0;
    for (let r = 1; r <= features; r++) {
      const s = stateAt(r, i);
      if (s && s !== 'zero' && s.objective < bestF) {
        best = r;
        bestF = s.objective;
      }
    }
    return best;
  });

  const out: SampleFeatureBranches[] = [];
  for (let k = 0; k < features; k++) {
    const mode = theory.modes[k];
    const global: OverlayPoint[][] = [];
    let segment: OverlayPoint[] = [];
    gammas.forEach((gamma, i) => {
      const r = globalRank[i];
      if (i > 0 && r !== globalRank[i - 1]) {
        // close the old segment at a threshold point, or open the new one there
        const prevState = stateAt(globalRank[i - 1], i);
        if (isThreshold.has(gamma) && prevState) segment.push({ gamma, p: value(prevState, k) });
        // D = 1: the branch ends continuously at its threshold (σ → 0), where the lower branch takes over
        else if (isThreshold.has(gamma) && depth === 1) segment.push({ gamma, p: value(stateAt(r, i) as BranchState | 'zero', k) });
        global.push(segment);
        segment = [];
        const nowAtPrev = stateAt(r, i - 1);
        if (isThreshold.has(gammas[i - 1]) && nowAtPrev) segment.push({ gamma: gammas[i - 1], p: value(nowAtPrev, k) });
      }
      segment.push({ gamma, p: value(stateAt(r, i) as BranchState | 'zero', k) });
    });
    global.push(segment);

    const metastable: OverlayPoint[][] = [];
    const saddle: OverlayPoint[][] = [];
    let jump: SampleFeatureBranches['jump'] = null;
    if (depth >= 2) {
      const on: OverlayPoint[] = [];
      const off: OverlayPoint[] = [];
      gammas.forEach((gamma, i) => {
        const onState = stateAt(k + 1, i);
        const offState = stateAt(k, i);
        const gc = mode.gammaC ?? Infinity;
        if (onState && onState !== 'zero' && gamma >= gc) on.push({ gamma, p: value(onState, k) });
        if (offState && gamma <= gc) off.push({ gamma, p: value(offState, k) });
      });
      if (on.length > 1) metastable.push(on);
      if (off.length > 1) metastable.push(off);
      if (mode.gammaC !== null) {
        const i = gammas.indexOf(mode.gammaC);
        const onState = i >= 0 ? stateAt(k + 1, i) : null;
        const offState = i >= 0 ? stateAt(k, i) : null;
        if (onState && offState) jump = { gamma: mode.gammaC, from: value(onState, k), to: value(offState, k) };
      }
      saddle.push(...saddleLine(m, depth, k, tracks[k], gammas, etas[k], value));
    }
    out.push({
      global: global.filter((s) => s.length > 1),
      metastable,
      saddle,
      jump,
      gammaC: mode.gammaC,
      gammaSp: depth >= 2 ? mode.gammaSpinodal : null,
    });
  }
  return { depth, method: theory.method, theory, gammaMax, features: out };
}

/**
 * The saddle of feature k (0-based) along the grid: continuation downward from the branch's end, where
 * saddle and learned state meet, each γ warm-started from the previous saddle (the first from the
 * learned state with its weakest value shrunk to the per-mode estimate). Closed at (0, 0): the saddle
 * tends to the origin as γ → 0 (p ∝ γ^{n/(n−2)}).
 */
function saddleLine(
  m: SampleMoments,
  depth: number,
  k: number,
  track: ReturnType<typeof trackBranch>,
  gammas: number[],
  eta: number,
  value: (s: BranchState, k: number) => number,
): OverlayPoint[][] {
  const states = track.states;
  if (states.length === 0) return [];
  const line: OverlayPoint[] = [];
  let prev: BranchState | null = null;
  for (let i = states.length - 1; i >= 0; i--) {
    const learned = states[i];
    const sigma = learned.sigma[k];
    // a start only: the per-mode saddle with the strength a that makes the learned σ stationary
    // in the per-mode equation a σ − η + γ σ^{2/n−1} = 0
    const aEff = (eta - learned.gamma * Math.pow(sigma, 2 / (depth + 1) - 1)) / sigma;
    const guess = aEff > 0 ? stationaryPoints(depth, eta, learned.gamma, aEff).saddle : null;
    const s = solveSampleSaddle(m, depth, gammas[i], k + 1, prev ? { start: prev } : { learned, guess: Math.min(guess ?? 0.5 * sigma, 0.9 * sigma) });
    if (!s || !(s.sigma[k] < learned.sigma[k] * (1 - 1e-6)) || !(s.objective > learned.objective)) {
      if (prev) break;
      continue;
    }
    line.push({ gamma: s.gamma, p: value(s, k) });
    prev = s;
  }
  if (line.length === 0) return [];
  line.push({ gamma: 0, p: 0 });
  return [line.sort((a, b) => a.gamma - b.gamma)];
}

/** a trap's exact numbers on the sample: feature `rank` off, the `rank − 1` stronger ones learned */
export interface SampleTrapTheory {
  /** the trapped feature's singular value on the learned branch and at the saddle */
  learned: number;
  saddle: number;
  /** barrier out of the trap: F(saddle) − F(branch rank − 1) */
  barrier: number;
  gammaC: number | null;
  gammaSp: number | null;
  method: SampleTheory['method'];
}

/**
 * The exact theory of a trap at γ (D ≥ 2): branch `rank` (the trapped feature learned), branch
 * rank − 1 (the trap) and the saddle between them (solveSampleSaddle, started from the per-mode
 * saddle `guess`). null where the learned branch or the saddle does not exist at γ.
 */
export function sampleTrapTheory(m: SampleMoments, depth: number, gamma: number, rank: number, guess: number): SampleTrapTheory | null {
  // a coarse continuation grid is enough for the thresholds here (they are bisected to 1e-12 either
  // way; 24 points agree with 64 to ~1e-10 on the Ersoy–Wiesner sample) and keeps this ~0.1 s
  const theory = sampleTheory(m, depth, { maxRank: rank, gridPoints: 24 });
  const mode = theory.modes[rank - 1];
  // continuation from small γ, so each branch is the one sampleTheory follows
  const grid = Array.from({ length: 24 }, (_, i) => (gamma * (i + 1)) / 24);
  const upper = trackBranch(m, depth, rank, grid);
  const lower = rank > 1 ? trackBranch(m, depth, rank - 1, grid) : null;
  const learned = upper.states.length === grid.length ? upper.states[grid.length - 1] : null;
  const trap = lower ? (lower.states.length === grid.length ? lower.states[grid.length - 1] : null) : 0;
  if (!learned || trap === null) return null;
  const saddle = solveSampleSaddle(m, depth, gamma, rank, { learned, guess: Math.min(guess, 0.9 * learned.sigma[rank - 1]) });
  if (!saddle || !(saddle.sigma[rank - 1] < learned.sigma[rank - 1])) return null;
  const trapObjective = trap === 0 ? 0 : trap.objective;
  return {
    learned: learned.sigma[rank - 1],
    saddle: saddle.sigma[rank - 1],
    barrier: saddle.objective - trapObjective,
    gammaC: mode?.gammaC ?? null,
    gammaSp: mode?.gammaSpinodal ?? null,
    method: theory.method,
  };
}
