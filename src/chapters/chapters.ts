/**
 * The guided narrative: short scenes, each a preset of the live lab (a partial parameter set, the
 * view to show, a scene that drives it) with a few sentences and the key formula in TeX.
 * Pure: every number in the text comes from src/physics, none is typed by hand.
 * Convention (docs/physics.md §1): L = (1/N)Σ‖y − f(x)‖² + γ Σ‖W_l‖², D hidden layers, n = D + 1.
 */
import { barrierFromOrigin, criticalGamma, deepLimit, globalMinimum, normSqJump, pJump, spinodalGamma, stationaryPoints, vaeLatentUsage } from '../physics';
import type { SharedParameters } from '../permalink/schema';
import type { SceneStep } from './timeline';

export type ChapterView = 'live' | 'diagrams' | 'escape' | 'papers';

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
  /** the scene played after the preset is applied: it drives γ (or runs a job) so the phenomenon appears */
  scene: SceneStep[];
  /** the longest the scene should take, in seconds of lab time (the browser check holds it to this) */
  sceneSeconds: number;
}

/** fixed decimals, no trailing "−0" */
export function num(x: number | null, digits = 3): string {
  if (x === null || !Number.isFinite(x)) return '—';
  return (Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x).toFixed(digits);
}

const wait = (seconds: number, caption?: string): SceneStep => ({ kind: 'wait', seconds, caption });
const tween = (to: number, seconds: number, caption?: string): SceneStep => ({ kind: 'tween', to, seconds, caption });
const until = (feature: number, state: 'learned' | 'off', timeoutS: number, caption?: string, depth?: number): SceneStep => ({
  kind: 'until',
  condition: { kind: 'feature', feature, state, depth },
  timeoutS,
  // a captioned wait stays up 1.5 s: the fast engines reach the state before anyone can read it
  minS: caption ? 1.5 : 0,
  caption,
});

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
const cascadeSpinodals = cascadeEtas.map((e) => spinodalGamma(2, e) ?? 0);
const gsp1D3 = spinodalGamma(3, ETA) ?? 0;
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
    scene: [
      until(1, 'learned', 4, 'D = 0 at γ = 0.2: the net learns the feature.'),
      tween(1.5, 4, 'γ up to 1.5: p shrinks smoothly as η/(1 + γ), never to 0.'),
      tween(0.2, 3, 'γ back down to 0.2: the same curve, no memory.'),
    ],
    sceneSeconds: 12,
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
    scene: [
      until(1, 'learned', 4, 'D = 1 at γ = 0.2: the net learns, p = η − γ.'),
      tween(1.2, 5, `γ up to 1.2: p falls linearly and reaches 0 at γc = ${num(gc1)}, continuously.`),
      tween(0.2, 4, 'γ back down: the feature returns along the same line.'),
      until(1, 'learned', 3),
    ],
    sceneSeconds: 16,
  },
  {
    id: 'two-hidden-layers',
    title: 'Two hidden layers: first order, a jump and latent heat',
    text: [
      `With D = 2 the trivial state θ = 0 is a local minimum for every γ > 0, and the global minimum jumps from p = ${num(pJump(2, ETA))} to 0 at γc = ${num(gc2, 4)}.`,
      `The slope ∂L*/∂γ = ‖θ‖² jumps there by ${num(normSqJump(2, ETA), 4)}: a latent heat, the mark of a first-order transition.`,
      'The jump is (D − 1)/D of the unregularized answer: it never shrinks to zero.',
      `The scene sweeps γ up: the net keeps its feature past γc (metastable) and jumps to 0 at the spinodal γsp = ${num(gsp2)}; back below γc it stays at 0.`,
    ],
    formula:
      '\\begin{gathered}\\gamma_c = \\frac{\\eta}{n-1}\\Big(\\frac{(n-2)\\,\\eta}{n-1}\\Big)^{\\frac{n-2}{n}} \\\\ p_c = \\frac{(n-2)\\,\\eta}{n-1}, \\quad \\Delta\\|\\theta\\|^2 = n\\,p_c^{2/n}\\end{gathered}',
    preset: { ...BASE, depth: 2, gamma: 0.3 },
    view: 'live',
    scene: [
      until(1, 'learned', 4, `D = 2 at γ = 0.3: learned, p ≈ ${num(globalMinimum(2, ETA, 0.3))}.`),
      tween(0.55, 5, `γ up: on an up-sweep the net keeps the feature past γc and jumps to 0 at the spinodal γsp = ${num(gsp2)}.`),
      until(1, 'off', 3),
      tween(0.3, 3, 'γ back to 0.3: it stays at 0. θ = 0 is a local minimum for every γ > 0.'),
      wait(1),
    ],
    sceneSeconds: 16,
  },
  {
    id: 'hysteresis',
    title: 'Hysteresis: up past γsp, back down, still trivial',
    text: [
      `Start learned at γ = 0.2 and drag up: the feature survives past γc = ${num(gc2)} as a metastable state and drops to 0 only at the spinodal γsp = ${num(gsp2)}.`,
      `Drag back down below γc: the net stays at p = 0, although the learned state (p = ${num(globalMinimum(2, ETA, 0.2))} at γ = 0.2) is lower. The origin never loses stability.`,
      'The orange-red (γ↑) and blue (γ↓) traces enclose the loop.',
    ],
    formula: '\\gamma_{sp} = \\frac{n\\,\\eta}{2(n-1)}\\Big(\\frac{(n-2)\\,\\eta}{2(n-1)}\\Big)^{\\frac{n-2}{n}}',
    preset: { ...BASE, depth: 2, gamma: 0.2 },
    view: 'live',
    scene: [
      until(1, 'learned', 4, 'D = 2 at γ = 0.2: the net learns.'),
      tween(0.6, 6, `γ up to 0.6: past γc = ${num(gc2)} the feature survives (metastable) and drops at γsp = ${num(gsp2)}.`),
      until(1, 'off', 3),
      tween(0.2, 4, `γ back down to 0.2, below γc: p stays at 0, the other branch of the loop.`),
      wait(1),
    ],
    sceneSeconds: 18,
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
    scene: [
      until(1, 'learned', 5, `D = 1, 2, 3 side by side at γ = 0.3: all three learned; D = 3 only metastably (p = ${num(pMeta3, 3)}).`, 3),
      wait(2),
      tween(0.42, 3, `A trip above D = 3's γsp = ${num(gsp1D3)} (still below D = 2's γsp = ${num(gsp2)})…`),
      until(1, 'off', 3, undefined, 3),
      tween(0.3, 2, '…and back to γ = 0.3: D = 3 sits at its global minimum p = 0; D = 1 and 2 are still learned.'),
      wait(1),
    ],
    sceneSeconds: 16,
  },
  {
    id: 'feature-cascade',
    title: 'The feature cascade',
    text: [
      `Each feature is its own transition. With η = ${cascadeEtas.join(', ')} and D = 2 the global minimum loses the features at γc = ${cascadeEtas.map((e) => num(criticalGamma(2, e), 4)).join(', ')}.`,
      `Sweeping γ up, as the scene does, each feature outlives its γc as a metastable state and switches off at its spinodal γsp = ${cascadeSpinodals.map((g) => num(g, 4)).join(', ')}: weakest first.`,
      'Thresholds scale as η^(2D/(D+1)): weak features go first, each with its own jump and its own hysteresis window.',
      'The hidden width must be at least the number of features to learn them all.',
    ],
    formula: '\\gamma_c(\\eta_k) \\propto \\eta_k^{2D/(D+1)}',
    preset: { ...BASE, depth: 2, spectrum: cascadeEtas, gamma: 0.05 },
    view: 'live',
    scene: [
      until(3, 'learned', 6, 'D = 2, η = 1, 0.6, 0.3 at γ = 0.05: all three features learned.'),
      tween(0.55, 9, `γ up to 0.55: each feature drops at its spinodal γsp = ${cascadeSpinodals.map((g) => num(g, 3)).join(', ')}, weakest first.`),
      until(1, 'off', 3),
    ],
    sceneSeconds: 20,
  },
  {
    id: 'traps-escape',
    title: 'Traps, escape and Arrhenius',
    text: [
      'Converge above a feature’s spinodal, then drop γ below its γc: the feature is trapped at p = 0, a metastable state.',
      `Noise lets it escape over the barrier B (D = 2, η = 1: B = ${num(barrierFromOrigin(2, ETA, escapeGamma), 5)} at γ = ${escapeGamma}), after a time that grows like exp(B/T).`,
      'The Escape tab runs many seeds per temperature and fits ln τ against 1/T. Playing this chapter reconfigures the lab (D = 2, η = 1, γ = 0.25) and starts that job.',
    ],
    formula: '\\tau \\propto T^{k}\\, e^{B/T}',
    preset: { ...BASE, depth: 2, gamma: escapeGamma },
    view: 'escape',
    scene: [
      wait(1, 'The scene reconfigures the lab (D = 2, η = 1, γ = 0.25) and opens the Escape tab.'),
      { kind: 'press', testId: 'escape-run', caption: 'Running the Langevin escape job: many seeds per temperature, trapped at p = 0…' },
      {
        kind: 'until',
        condition: { kind: 'job-result', which: 'langevin' },
        timeoutS: 60,
        caption: 'Running the Langevin escape job: many seeds per temperature, trapped at p = 0…',
      },
    ],
    sceneSeconds: 61,
  },
  {
    id: 'sparse-grokking',
    title: 'Sparse data and grokking',
    text: [
      'With only 25 training samples and the weak feature switched off, train error sits below test error on a long plateau.',
      'The plateau is a small-initialisation plateau: the weak mode, seeded at size ε, grows at a rate set by lr·η̂₂, so it escapes after t ≈ c/(lr·η̂₂·ε) steps. Even at γ = 0, with no saddle at all, t·ε stays at 10.3–10.7; the small γ adds only ~17 %. The saddle only decides whether a tiny seed escapes at all.',
      'Compared with grokking in the usual sense: test error does drop late, after a long plateau, towards the noise floor. But train error drops too (by about 0.24 vs 0.33 for test), so this is not memorise-first-generalise-later, and the delay is a linear-dynamics plateau, not regularisation slowly rewriting a memorising solution. Judge it on many seeds, not one.',
      'Playing this chapter reconfigures the lab (a 2-10-10-2 net on 25 training samples, γ = 0.0025; your setup is replaced) and runs the grokking jobs in the Escape tab.',
    ],
    formula: 'p_{\\text{weak}}(0) \\gtrsim p_{\\text{saddle}} \\;\\Rightarrow\\; \\text{late escape}',
    preset: { ...BASE, depth: 2, spectrum: [0.9, 0.8], inputDim: 10, outputDim: 2, width: 10, trainSize: 25, testSize: 2000, batchSize: 25, gamma: 0.0025 },
    view: 'escape',
    scene: [
      wait(1, 'The scene reconfigures the lab (2-10-10-2, 25 training samples, γ = 0.0025) and opens the Escape tab.'),
      { kind: 'press', testId: 'grokking-run', caption: 'Running the grokking jobs: sparse (ε = 0.01), ε = 10⁻³ and dense…' },
      {
        kind: 'until',
        condition: { kind: 'job-result', which: 'grokking' },
        timeoutS: 60,
        caption: 'Running the grokking jobs: sparse (ε = 0.01), ε = 10⁻³ and dense…',
      },
    ],
    sceneSeconds: 61,
  },
  {
    id: 'posterior-collapse',
    title: 'Posterior collapse is the same phenomenon',
    text: [
      `A linear VAE with data variance λ and decoder noise η uses its latent only while η < λ: |uw| = max(0, 1 − η/λ) (λ = 1, η = 0.5 → ${num(vaeLatentUsage(1, 0.5), 2)}). Trained with one layer in the encoder and one in the decoder, the lab's VAE lands on this curve: a continuous collapse, like D = 1.`,
      'With L2 on every layer of a deeper encoder and decoder (this lab’s loss), the measured collapse is first order: swept towards collapse, the latent usage |de| jumps to 0; swept back from the collapsed side, it stays collapsed over a window of η — a hysteresis window, as for D ≥ 2, because the collapsed state stays a local minimum like the origin of a deep net.',
      'Playing this chapter sets the live lab to its D = 1 stand-in, opens the Papers tab and runs the VAE study there (depths 1, 2 and 3, the same sweeps as the command-line lab vae); its card shows the collapse curves, the jump and the window.',
    ],
    formula: '|u\\,w| = \\max\\!\\Big(0,\\ 1-\\frac{\\eta}{\\lambda}\\Big)',
    preset: { ...BASE, depth: 1, gamma: 0.5 },
    view: 'papers',
    scene: [
      wait(1, 'The scene opens the Papers tab and starts the VAE study (linear VAE, depths 1, 2, 3).'),
      { kind: 'press', testId: 'papers-reproduce-zu-vae', caption: 'Training the VAEs: swept towards collapse and back, at every η…' },
      {
        kind: 'until',
        condition: { kind: 'job-result', which: 'vae' },
        timeoutS: 60,
        caption: 'Training the VAEs: swept towards collapse and back, at every η…',
      },
    ],
    sceneSeconds: 61,
  },
];

/** 1-based chapter number → chapter, or null when out of range */
export function chapterAt(number: number): Chapter | null {
  return Number.isInteger(number) && number >= 1 && number <= CHAPTERS.length ? CHAPTERS[number - 1] : null;
}
