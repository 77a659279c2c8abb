/**
 * Pure logic behind the sweeps view (issue 4): datasets for the spectrum presets, the empirical
 * modes every theory overlay uses, theory curves on a γ grid, phase classification of measured
 * replicas and the rows the charts draw and export. No React, no tfjs.
 */
import { makeTeacherDataset } from '../../data';
import type { TeacherSpec } from '../../data/types';
import { measuredThermodynamics, type DepthDiagram } from '../../experiments/phaseDiagram';
import type { SweepPoint } from '../../experiments/sweep';
import { cascade, criticalGamma, globalMinimum, sampleTheory, spectrumOptimalLoss, spinodalGamma, stationaryPoints, type SampleTheory } from '../../physics';

/** what the theory overlays use: the sample's singular values and input strengths (docs/physics.md §2) */
export interface EmpiricalModes {
  etas: number[];
  strengths: number[];
  /** data loss of the trivial state, tr Σyy of the training set: L is measured relative to it */
  trivialLoss: number;
}

export function empiricalModes(spec: TeacherSpec): EmpiricalModes {
  const data = makeTeacherDataset(spec);
  const k = spec.spectrum.length;
  let trivialLoss = 0;
  for (let i = 0; i < data.outputDim; i++) trivialLoss += data.train.syy[i * data.outputDim + i];
  return { etas: data.syxSvd.values.slice(0, k), strengths: data.inputStrength.slice(0, k), trivialLoss };
}

export function gammaGrid(min: number, max: number, count: number): number[] {
  const n = Math.max(2, Math.round(count));
  return Array.from({ length: n }, (_, i) => min + ((max - min) * i) / (n - 1));
}

export interface Thresholds {
  gammaC: number | null;
  gammaSp: number | null;
}

export function thresholds(depth: number, eta: number, a = 1): Thresholds {
  return { gammaC: criticalGamma(depth, eta, a), gammaSp: spinodalGamma(depth, eta, a) };
}

const sampleTheoryCache = new Map<string, SampleTheory>();

/**
 * Thresholds of feature k on the training set in use: the closed forms when it is whitened exactly
 * (they are exact there), else the exact joint sample theory (physics/sampleTheory.ts; ~1 s for the
 * Ersoy–Wiesner sample, cached per spec and depth).
 */
export function sampleThresholds(spec: TeacherSpec, depth: number, feature: number): Thresholds {
  if (spec.whiten) {
    const modes = empiricalModes(spec);
    return thresholds(depth, modes.etas[feature], modes.strengths[feature]);
  }
  const key = JSON.stringify([spec, depth]);
  let theory = sampleTheoryCache.get(key);
  if (!theory) {
    const data = makeTeacherDataset(spec);
    theory = sampleTheory({ inputDim: data.inputDim, outputDim: data.outputDim, sxx: data.train.sxx, syx: data.train.syx }, depth);
    sampleTheoryCache.set(key, theory);
  }
  const mode = theory.modes[feature];
  return { gammaC: mode?.gammaC ?? null, gammaSp: depth >= 2 ? (mode?.gammaSpinodal ?? null) : null };
}

type Curve = Array<[number, number | null]>;

export interface TheoryBranches {
  /** the global minimum p⋆(γ) (solid) */
  global: Curve;
  /** the learned minimum where it is only metastable (γ_c < γ ≤ γ_sp; dashed) */
  metastable: Curve;
  /** the saddle between origin and learned minimum (dotted) */
  saddle: Curve;
}

/** the exact branches on a γ grid; the global minimum is drawn with a vertical segment at a jump */
export function theoryBranches(depth: number, eta: number, a: number, gammas: readonly number[]): TheoryBranches {
  const gammaC = criticalGamma(depth, eta, a);
  const global: Curve = [];
  const metastable: Curve = [];
  const saddle: Curve = [];
  let previous: number | null = null;
  for (const gamma of gammas) {
    const { learned, saddle: s } = stationaryPoints(depth, eta, gamma, a);
    const p = globalMinimum(depth, eta, gamma, a);
    if (previous !== null && previous > 0 && p === 0 && depth >= 2 && gammaC !== null) {
      global.push([gammaC, previous], [gammaC, 0]);
    }
    global.push([gamma, p]);
    previous = p;
    const isMetastable = depth >= 2 && gammaC !== null && gamma >= gammaC && learned !== null;
    metastable.push([gamma, isMetastable ? learned : null]);
    saddle.push([gamma, s]);
  }
  return { global, metastable, saddle };
}

/** a replica's feature k counts as learned when |p_k| exceeds this fraction of η_k */
export const LEARNED_FRACTION = 0.02;

/** number of learned features of one replica (its phase: 0 = trivial … K = full rank) */
export function learnedCount(overlaps: readonly number[], etas: readonly number[], fraction = LEARNED_FRACTION): number {
  return etas.reduce((count, eta, k) => count + (Math.abs(overlaps[k] ?? 0) > fraction * eta ? 1 : 0), 0);
}

/** the first γ of an up-sweep at which feature k is no longer learned (its measured drop); null if never */
export function dropGamma(points: readonly SweepPoint[], feature: number, eta: number, fraction = LEARNED_FRACTION): number | null {
  const sorted = [...points].sort((a, b) => a.gamma - b.gamma);
  return sorted.find((p) => Math.abs(p.modeOverlaps[feature] ?? 0) <= fraction * eta)?.gamma ?? null;
}

export interface ThermoRow {
  gamma: number;
  /** L⋆ relative to the trivial state */
  value: number;
  /** ∂L⋆/∂γ = ‖θ‖² */
  first: number;
  /** ∂²L⋆/∂γ² */
  second: number | null;
}

/** exact L⋆ and derivatives for the empirical modes on a γ grid */
export function theoryThermo(depth: number, modes: EmpiricalModes, gammas: readonly number[]): ThermoRow[] {
  return gammas.map((gamma) => ({ gamma, ...spectrumOptimalLoss(depth, modes.etas, gamma, modes.strengths) }));
}

/**
 * One exact quantity as a drawable curve, broken (a null point) wherever the global minimum's rank
 * changes: a jump must not be drawn as a steep continuous line.
 */
export function thermoCurve(
  depth: number,
  modes: EmpiricalModes,
  gammas: readonly number[],
  key: 'value' | 'first' | 'second',
): Array<[number, number | null]> {
  const out: Array<[number, number | null]> = [];
  let lastRank: number | null = null;
  for (const gamma of gammas) {
    const rank = cascade(depth, modes.etas, gamma, modes.strengths).rank;
    if (lastRank !== null && rank !== lastRank && key !== 'value') out.push([gamma, null]);
    lastRank = rank;
    out.push([gamma, spectrumOptimalLoss(depth, modes.etas, gamma, modes.strengths)[key]]);
  }
  return out;
}

/**
 * Measured: at each γ the lower-loss replica of the two starts; L relative to the trivial state,
 * ‖θ‖² as ∂L⋆/∂γ (envelope theorem), ∂²L⋆/∂γ² by central differences of ‖θ‖².
 */
export function measuredThermo(diagram: DepthDiagram, trivialLoss: number): ThermoRow[] {
  return measuredThermodynamics(diagram).map(({ gamma, loss, first, second }) => ({ gamma, value: loss - trivialLoss, first, second }));
}

export interface RankBand {
  from: number;
  to: number;
  /** number of features learned in the global minimum */
  rank: number;
}

/** intervals of constant global-minimum rank over the grid (the cascade's rank phases) */
export function rankBands(depth: number, modes: EmpiricalModes, gammas: readonly number[]): RankBand[] {
  const bands: RankBand[] = [];
  for (const gamma of gammas) {
    const rank = cascade(depth, modes.etas, gamma, modes.strengths).rank;
    const last = bands[bands.length - 1];
    if (last && last.rank === rank) last.to = gamma;
    else {
      if (last) last.to = gamma;
      bands.push({ from: gamma, to: gamma, rank });
    }
  }
  return bands;
}

/** number of coexisting (meta)stable states at each γ (physics cascade().countStableStates) */
export function stableStateCounts(depth: number, modes: EmpiricalModes, gammas: readonly number[]): Array<[number, number]> {
  return gammas.map((gamma) => [gamma, cascade(depth, modes.etas, gamma, modes.strengths).countStableStates]);
}

export interface DepthMapCell {
  depth: number;
  gamma: number;
  learned: number;
}

/** γ × depth map: the learned-start replica's phase (number of learned features) per cell */
export function depthMapCells(diagrams: readonly DepthDiagram[], etas: readonly number[]): DepthMapCell[] {
  return diagrams.flatMap((d) => d.learned.map((p) => ({ depth: d.depth, gamma: p.gamma, learned: learnedCount(p.modeOverlaps, etas) })));
}

/** cell edges halfway between grid points (the first and last cells are symmetric) */
export function cellEdges(centers: readonly number[]): number[] {
  const n = centers.length;
  if (n === 1) return [centers[0] - 0.5, centers[0] + 0.5];
  const edges = [centers[0] - (centers[1] - centers[0]) / 2];
  for (let i = 1; i < n; i++) edges.push((centers[i - 1] + centers[i]) / 2);
  edges.push(centers[n - 1] + (centers[n - 1] - centers[n - 2]) / 2);
  return edges;
}

export type PhaseClass = 'trivial' | 'learned' | 'metastable';

/**
 * One γ of a single-feature diagram, from its two replicas: trivial if the learned start lost the
 * feature; learned if it kept it and is the lower-loss state; metastable if it kept it but the
 * trivial state has the lower loss (γ_c < γ < γ_sp). `slack` absorbs convergence noise.
 */
export function classifyPhase(learnedP: number, learnedLoss: number, trivialLoss: number, eta: number, slack = 1e-6): PhaseClass {
  if (Math.abs(learnedP) <= LEARNED_FRACTION * eta) return 'trivial';
  return learnedLoss <= trivialLoss + slack ? 'learned' : 'metastable';
}

/** the exact loop area on the grid for one feature: ∫ learned-branch p dγ (the down branch stays at 0 for D ≥ 2) */
export function theoryLoopArea(depth: number, eta: number, a: number, gammas: readonly number[]): number {
  if (depth < 2) return 0;
  const p = gammas.map((g) => stationaryPoints(depth, eta, g, a).learned ?? 0);
  let area = 0;
  for (let i = 1; i < gammas.length; i++) area += 0.5 * (p[i] + p[i - 1]) * (gammas[i] - gammas[i - 1]);
  return area;
}

const totalLoss = (p: SweepPoint) => p.trainLoss + p.penalty;

/**
 * The measured coexistence point of a single-feature diagram (D ≥ 2): where the learned start's total
 * loss rises above the trivial start's, linearly interpolated between the two grid points around the
 * sign change. Only γ where the learned start still holds the feature count. null if none.
 */
export function equalLossCrossing(diagram: DepthDiagram, eta: number): number | null {
  const d = (i: number) => totalLoss(diagram.learned[i]) - totalLoss(diagram.trivial[i]);
  for (let i = 1; i < diagram.learned.length; i++) {
    const held = Math.abs(diagram.learned[i].modeOverlaps[0] ?? 0) > LEARNED_FRACTION * eta;
    if (!held) return null;
    const a = d(i - 1);
    const b = d(i);
    if (a <= 0 && b > 0) {
      const g0 = diagram.learned[i - 1].gamma;
      const g1 = diagram.learned[i].gamma;
      return g0 + ((g1 - g0) * -a) / (b - a);
    }
  }
  return null;
}

/** (last γ where the learned start holds feature k, first γ after it where it does not]: the measured spinodal */
export function spinodalBracket(points: readonly SweepPoint[], feature: number, eta: number): [number, number] | null {
  const drop = dropGamma(points, feature, eta);
  if (drop === null) return null;
  const before = [...points].filter((p) => p.gamma < drop).sort((a, b) => b.gamma - a.gamma)[0];
  return before ? [before.gamma, drop] : null;
}
