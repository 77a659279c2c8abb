/**
 * The guided narrative: short scenes, each a preset of the live lab (a partial parameter set, the
 * view to show, an optional γ script) with a few sentences and the key formula in TeX.
 * Pure: every number in the text comes from src/physics, none is typed by hand.
 * Convention (docs/physics.md §1): L = (1/N)Σ‖y − f(x)‖² + γ Σ‖W_l‖², D hidden layers, n = D + 1.
 */
import { barrierFromOrigin, criticalGamma, deepLimit, globalMinimum, normSqJump, pJump, spinodalGamma, stationaryPoints, vaeLatentUsage } from '../physics';
import type { SharedParameters } from '../permalink/schema';

export type ChapterView = 'live' | 'diagrams' | 'escape';

/** one move of a γ script: set γ, then wait `holdMs` before the next move */
export interface GammaMove {
  gamma: number;
  holdMs: number;
}

export interface Chapter {
  /** stable slug (used in test ids) */
  id: string;
  title: string;
  /** 2–4 sentences, plain text with Unicode math */
  text: string[];
  /** the key formula, TeX for KaTeX */
  formula: string;
  preset: Partial<SharedParameters>;
  view: ChapterView;
  /** optional γ path played after the preset is applied (e.g. up past γ_sp and back) */
  script?: GammaMove[];
}

/** fixed decimals, no trailing "−0" */
export function num(x: number | null, digits = 3): string {
  if (x === null || !Number.isFinite(x)) return '—';
  return (Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x).toFixed(digits);
}

/** a linear γ ramp from `from` to `to` in `steps` moves, `holdMs` apart */
export function gammaRamp(from: number, to: number, steps: number, holdMs: number): GammaMove[] {
  const out: GammaMove[] = [];
  for (let i = 1; i <= steps; i++) out.push({ gamma: Number((from + ((to - from) * i) / steps).toFixed(6)), holdMs });
  return out;
}

/** the common ground of every scene: one whitened feature of strength η = 1, a whisper of noise */
const BASE: Partial<SharedParameters> = {
  spectrum: [1],
  width: 4,
  inputDim: 5,
  outputDim: 3,
  trainSize: 200,
  testSize: 200,
  batchSize: 32,
  labelNoise: 0,
  whiten: true,
  activation: 'linear',
  optimizer: 'langevin',
  temperature: 1e-8,
  lr: 0.1,
  initScale: 1,
  compareDepths: false,
  gammaScale: 'linear',
};

const ETA = 1;
const gc1 = criticalGamma(1, ETA);
const gc2 = criticalGamma(2, ETA);
const gsp2 = spinodalGamma(2, ETA);
const gc3 = criticalGamma(3, ETA);
const gsp3 = spinodalGamma(3, ETA);
const pMeta3 = stationaryPoints(3, ETA, 0.3).learned;
const deep = deepLimit(ETA);
const cascadeEtas = [1, 0.6, 0.3];
const escapeGamma = 0.25;

function deepRow(depth: number): string {
  const n = depth + 1;
  return `D = ${depth}: γc = ${num(criticalGamma(depth, ETA))}, n·γc = ${num(n * (criticalGamma(depth, ETA) ?? 0))}, γsp = ${num(spinodalGamma(depth, ETA))}`;
}

export const CHAPTERS: readonly Chapter[] = [
  {
    id: 'no-hidden-layer',
    title: 'No hidden layer: no transition',
    text: [
      'With D = 0 the network is one matrix and the problem is ridge regression.',
      `The learned strength shrinks smoothly, p = η/(1 + γ): at γ = 0.5 it is ${num(globalMinimum(0, ETA, 0.5))}, at γ = 2 it is ${num(globalMinimum(0, ETA, 2))}, and it never reaches 0.`,
      'Drag γ up and down: the point follows one smooth curve both ways.',
    ],
    formula: 'p^\\star = \\frac{\\eta}{1+\\gamma}',
    preset: { ...BASE, depth: 0, gamma: 0.2 },
    view: 'live',
    script: [...gammaRamp(0.2, 1.5, 26, 120), ...gammaRamp(1.5, 0.2, 26, 120)],
  },
  {
    id: 'one-hidden-layer',
    title: 'One hidden layer: a second-order transition',
    text: [
      `With D = 1 the learned strength is soft-thresholded, p = max(η − γ, 0): it reaches 0 continuously at γc = η = ${num(gc1)}.`,
      'p and the optimal loss L* are continuous there; the second derivative ∂²L*/∂γ² jumps by 2, a second-order transition.',
      `Going back below γc the feature returns (at γ = 0.2, p = ${num(globalMinimum(1, ETA, 0.2))}): no memory, only slowing down near γc.`,
    ],
    formula:
      '\\begin{gathered}p^\\star = \\max(\\eta-\\gamma,\\,0) \\\\ \\Delta\\,\\frac{\\partial^2 L^\\star}{\\partial\\gamma^2}\\Big|_{\\gamma=\\eta} = 2\\end{gathered}',
    preset: { ...BASE, depth: 1, gamma: 0.2 },
    view: 'live',
    script: [...gammaRamp(0.2, 1.2, 25, 150), ...gammaRamp(1.2, 0.2, 25, 150)],
  },
  {
    id: 'two-hidden-layers',
    title: 'Two hidden layers: first order, a jump and latent heat',
    text: [
      `With D = 2 the trivial state θ = 0 is a local minimum for every γ > 0, and the global minimum jumps from p = ${num(pJump(2, ETA))} to 0 at γc = ${num(gc2, 4)}.`,
      `The slope ∂L*/∂γ = ‖θ‖² jumps there by ${num(normSqJump(2, ETA), 4)}: a latent heat, the mark of a first-order transition.`,
      'The jump is (D − 1)/D of the unregularized answer: it never shrinks to zero.',
    ],
    formula:
      '\\begin{gathered}\\gamma_c = \\frac{\\eta}{n-1}\\Big(\\frac{(n-2)\\,\\eta}{n-1}\\Big)^{\\frac{n-2}{n}} \\\\ p_c = \\frac{(n-2)\\,\\eta}{n-1}, \\quad \\Delta\\|\\theta\\|^2 = n\\,p_c^{2/n}\\end{gathered}',
    preset: { ...BASE, depth: 2, gamma: 0.3 },
    view: 'live',
  },
  {
    id: 'hysteresis',
    title: 'Hysteresis: up past γsp, back down, still trivial',
    text: [
      `Start learned at γ = 0.2 and drag up: the feature survives past γc = ${num(gc2)} as a metastable state and drops to 0 only at the spinodal γsp = ${num(gsp2)}.`,
      `Drag back down below γc: the net stays at p = 0, although the learned state (p = ${num(globalMinimum(2, ETA, 0.2))} at γ = 0.2) is lower. The origin never loses stability.`,
      'The red (γ↑) and blue (γ↓) traces enclose the loop.',
    ],
    formula: '\\gamma_{sp} = \\frac{n\\,\\eta}{2(n-1)}\\Big(\\frac{(n-2)\\,\\eta}{2(n-1)}\\Big)^{\\frac{n-2}{n}}',
    preset: { ...BASE, depth: 2, gamma: 0.2 },
    view: 'live',
    script: [{ gamma: 0.2, holdMs: 1500 }, ...gammaRamp(0.2, 0.6, 40, 150), ...gammaRamp(0.6, 0.2, 40, 150)],
  },
  {
    id: 'deeper-nets',
    title: 'Deeper nets and the zeroth-order limit',
    text: [
      `Thresholds fall with depth: ${deepRow(2)}; ${deepRow(3)}; ${deepRow(4)}.`,
      `In the limit n·γc → η² = ${num(deep.nTimesGammaC)} and γsp → η²/4 = ${num(deep.gammaSpinodal)}, so at any fixed γ > 0 a deep enough net ends trivial: the loss itself jumps at γ = 0.`,
      `Side by side at γ = 0.3: D = 1 and 2 learn. D = 3 is past its γc = ${num(gc3)} but below its γsp = ${num(gsp3)}: the net that started learned stays on the metastable learned state p = ${num(pMeta3, 4)}, while its global minimum is p = 0. Noise, or a trip above γsp and back, would show it collapsed.`,
    ],
    formula:
      '\\begin{gathered}n\\,\\gamma_c \\xrightarrow{\\;n\\to\\infty\\;} \\eta^2 \\\\ \\gamma_{sp} \\xrightarrow{\\;n\\to\\infty\\;} \\frac{\\eta^2}{4}\\end{gathered}',
    preset: { ...BASE, depth: 2, compareDepths: true, gamma: 0.3 },
    view: 'live',
  },
  {
    id: 'feature-cascade',
    title: 'The feature cascade',
    text: [
      `Each feature is its own transition. With η = ${cascadeEtas.join(', ')} and D = 2 the features switch off at γc = ${cascadeEtas.map((e) => num(criticalGamma(2, e), 4)).join(', ')}.`,
      'Thresholds scale as η^(2D/(D+1)): weak features go first, each with its own jump and its own hysteresis window.',
      'The hidden width must be at least the number of features to learn them all.',
    ],
    formula: '\\gamma_c(\\eta_k) \\propto \\eta_k^{2D/(D+1)}',
    preset: { ...BASE, depth: 2, spectrum: cascadeEtas, gamma: 0.05 },
    view: 'live',
    script: [{ gamma: 0.05, holdMs: 2000 }, ...gammaRamp(0.05, 0.5, 45, 200)],
  },
  {
    id: 'traps-escape',
    title: 'Traps, escape and Arrhenius',
    text: [
      'Converge above a feature’s spinodal, then drop γ below its γc: the feature is trapped at p = 0, a metastable state.',
      `Noise lets it escape over the barrier B (D = 2, η = 1: B = ${num(barrierFromOrigin(2, ETA, escapeGamma), 5)} at γ = ${escapeGamma}), after a time that grows like exp(B/T).`,
      'The Escape tab runs many seeds per temperature and fits ln τ against 1/T.',
    ],
    formula: '\\tau \\propto T^{k}\\, e^{B/T}',
    preset: { ...BASE, depth: 2, gamma: escapeGamma },
    view: 'escape',
  },
  {
    id: 'sparse-grokking',
    title: 'Sparse data and grokking',
    text: [
      'With only 25 training samples and the weak feature switched off, train error sits below test error on a long plateau.',
      'The plateau is a small-initialisation plateau: the weak mode, seeded at size ε, grows at a rate set by lr·η̂₂, so it escapes after t ≈ c/(lr·η̂₂·ε) steps. Even at γ = 0, with no saddle at all, t·ε stays at 10.3–10.7; the small γ adds only ~17 %. The saddle only decides whether a tiny seed escapes at all.',
      'Compared with grokking in the usual sense: test error does drop late, after a long plateau, towards the noise floor. But train error drops too (by about 0.24 vs 0.33 for test), so this is not memorise-first-generalise-later, and the delay is a linear-dynamics plateau, not regularisation slowly rewriting a memorising solution. Judge it on many seeds, not one.',
    ],
    formula: 'p_{\\text{weak}}(0) \\gtrsim p_{\\text{saddle}} \\;\\Rightarrow\\; \\text{late escape}',
    preset: { ...BASE, depth: 2, spectrum: [0.9, 0.8], inputDim: 10, outputDim: 2, width: 10, trainSize: 25, testSize: 2000, batchSize: 25, gamma: 0.0025 },
    view: 'escape',
  },
  {
    id: 'posterior-collapse',
    title: 'Posterior collapse is the same phenomenon',
    text: [
      `A linear VAE with data variance λ and decoder noise η uses its latent only while η < λ: |uw| = max(0, 1 − η/λ) (λ = 1, η = 0.5 → ${num(vaeLatentUsage(1, 0.5), 2)}).`,
      'That is the one-hidden-layer transition: continuous, like D = 1 in this lab.',
      'Whether deeper encoders or decoders (with weight decay on every layer) make the collapse first order is an open question: the lab has not derived it, and says nothing about it until it has.',
    ],
    formula: '|u\\,w| = \\max\\!\\Big(0,\\ 1-\\frac{\\eta}{\\lambda}\\Big)',
    preset: { ...BASE, depth: 1, gamma: 0.5 },
    view: 'live',
  },
];

/** 1-based chapter number → chapter, or null when out of range */
export function chapterAt(number: number): Chapter | null {
  return Number.isInteger(number) && number >= 1 && number <= CHAPTERS.length ? CHAPTERS[number - 1] : null;
}
