/**
 * Theory lines of the phase plane (order parameter p vs γ) for one feature, cut into the segments the
 * chart draws. Pure: no DOM. The branches are the physics' (physics/branches.ts, through theory.ts):
 * D ≥ 2 sampled along the per-layer value w (stationaryBranches: exact, no root finding per point —
 * a chart may redraw this every frame — and naturally dense near γ_sp, where the learned and saddle
 * branches meet like √(γ_sp − γ)); the few end points on the domain edges and at γ_c, and D ≤ 1,
 * from branchCurves on a γ grid.
 */
import { branchCurves, criticalGamma, gammaGrid, spinodalGamma, stationaryBranches, type BranchPoint } from './theory';

export { gammaGrid };

/** a point of a branch: the physics' BranchPoint */
export type GammaP = BranchPoint;

export interface PhaseBranches {
  /** the global minimum; several segments when it jumps */
  global: GammaP[][];
  /** metastable minima: the learned branch beyond γ_c and the origin below γ_c (D ≥ 2) */
  metastable: GammaP[][];
  /** the saddle between the origin and the learned minimum (D ≥ 2) */
  saddle: GammaP[][];
  /** first-order jump of the global minimum at γ_c, if inside the domain */
  jump: { gamma: number; from: number; to: number } | null;
  gammaC: number | null;
  gammaSp: number | null;
}

function pick(points: ReturnType<typeof branchCurves>, key: 'learned' | 'saddle' | 'globalMinimum'): GammaP[] {
  const out: GammaP[] = [];
  for (const b of points) {
    const p = b[key];
    if (p !== null && Number.isFinite(p)) out.push({ gamma: b.gamma, p });
  }
  return out;
}

export function phaseBranches(depth: number, eta: number, a: number, domain: [number, number], samples = 160): PhaseBranches {
  const [lo, hi] = [Math.max(0, domain[0]), domain[1]];
  const gammaC = criticalGamma(depth, eta, a);
  const gammaSp = spinodalGamma(depth, eta, a);
  const empty: PhaseBranches = { global: [], metastable: [], saddle: [], jump: null, gammaC, gammaSp };
  if (!(hi > lo) || !(eta > 0)) return empty;

  if (depth <= 1) {
    // D = 0: smooth; D = 1: continuous with a kink at γ = η — sample both sides of the kink exactly
    const cuts = depth === 1 && gammaC !== null && gammaC > lo && gammaC < hi ? [lo, gammaC, hi] : [lo, hi];
    const line: GammaP[] = [];
    for (let c = 0; c + 1 < cuts.length; c++) {
      const grid = gammaGrid(cuts[c], cuts[c + 1], samples);
      line.push(...pick(branchCurves(depth, eta, c === 0 ? grid : grid.slice(1), a), 'globalMinimum'));
    }
    return { ...empty, global: [line] };
  }

  const gc = gammaC ?? Infinity;
  const gs = gammaSp ?? Infinity;
  const { learned, saddle: saddleAll } = stationaryBranches(depth, eta, a, samples);
  const at = (g: number) => branchCurves(depth, eta, [g], a)[0];
  const exactLearned = (g: number) => at(g).learned;
  const exactSaddle = (g: number) => (g <= 0 ? 0 : at(g).saddle);
  /**
   * The part of a branch (sorted by γ) inside [from, to], with exact end points. At γ_sp the root
   * finder may just miss the saddle-node (γ_sp rounds a hair above the fold): both sampled branches
   * end exactly on the fold, so that sample is the end point there.
   */
  const clip = (branch: GammaP[], from: number, to: number, exact: (g: number) => number | null): GammaP[] => {
    if (!(to > from)) return [];
    const inside = branch.filter((d) => d.gamma > from && d.gamma < to);
    const pFrom = exact(from);
    const pTo = exact(to) ?? (to === gs ? (branch.at(-1)?.p ?? null) : null);
    return [...(pFrom === null ? [] : [{ gamma: from, p: pFrom }]), ...inside, ...(pTo === null ? [] : [{ gamma: to, p: pTo }])];
  };
  const learnedEnd = Math.min(gs, hi);
  const global: GammaP[][] = [];
  const metastable: GammaP[][] = [];
  // global minimum: learned up to γ_c, then the origin
  if (lo < gc) global.push(clip(learned, lo, Math.min(gc, hi), exactLearned));
  if (gc < hi)
    global.push([
      { gamma: Math.max(gc, lo), p: 0 },
      { gamma: hi, p: 0 },
    ]);
  // metastable: the learned branch between γ_c and γ_sp, the origin below γ_c
  if (gc < learnedEnd) metastable.push(clip(learned, Math.max(gc, lo), learnedEnd, exactLearned));
  if (lo < gc)
    metastable.push([
      { gamma: lo, p: 0 },
      { gamma: Math.min(gc, hi), p: 0 },
    ]);
  const saddle = lo < learnedEnd ? [clip(saddleAll, lo, learnedEnd, exactSaddle)] : [];
  const jump = gammaC !== null && gammaC >= lo && gammaC <= hi ? { gamma: gammaC, from: exactLearned(gammaC) ?? 0, to: 0 } : null;
  return {
    global: global.filter((s) => s.length > 1),
    metastable: metastable.filter((s) => s.length > 1),
    saddle: saddle.filter((s) => s.length > 1),
    jump,
    gammaC,
    gammaSp,
  };
}
