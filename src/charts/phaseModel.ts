/**
 * Theory lines of the phase plane (order parameter p vs γ) for one feature. Pure: no DOM.
 * D ≥ 2 branches are sampled along the per-layer value w (p = wⁿ, γ = γ(w) in closed form), which is
 * exact, needs no root finding per point (a chart may redraw this every frame) and is naturally
 * dense near γ_sp, where the learned and saddle branches meet like √(γ_sp − γ). Only the few end
 * points on the domain edges and at γ_c are solved for.
 */
import { branchCurves, criticalGamma, spinodalGamma, stationaryGammaOfW, stationaryPoints } from './theory';

export interface GammaP {
  gamma: number;
  p: number;
}

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

/** `count` γ values from `start` to `end`, crowded towards `end` when `crowdEnd` */
export function gammaGrid(start: number, end: number, count: number, crowdEnd = false): number[] {
  const out: number[] = [];
  const m = Math.max(2, count);
  for (let i = 0; i < m; i++) {
    const s = i / (m - 1);
    const t = crowdEnd ? 1 - (1 - s) * (1 - s) : s;
    out.push(start + (end - start) * t);
  }
  return out;
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

  const n = depth + 1;
  const pSp = ((n - 2) * eta) / (2 * (n - 1) * a);
  const wSp = Math.pow(pSp, 1 / n);
  const wMax = Math.pow(eta / a, 1 / n);
  const gc = gammaC ?? Infinity;
  const gs = gammaSp ?? Infinity;
  const sample = (w0: number, w1: number): GammaP[] => {
    const out: GammaP[] = [];
    for (let i = 0; i <= samples; i++) {
      const w = w0 + ((w1 - w0) * i) / samples;
      out.push({ gamma: stationaryGammaOfW(depth, eta, w, a), p: Math.pow(w, n) });
    }
    return out.sort((u, v) => u.gamma - v.gamma);
  };
  const learned = sample(wSp, wMax);
  const saddleAll = sample(0, wSp);
  const exactLearned = (g: number) => stationaryPoints(depth, eta, g, a).learned;
  const exactSaddle = (g: number) => (g <= 0 ? 0 : stationaryPoints(depth, eta, g, a).saddle);
  /** the part of a branch (sorted by γ) inside [from, to], with exact end points */
  const clip = (branch: GammaP[], from: number, to: number, exact: (g: number) => number | null): GammaP[] => {
    if (!(to > from)) return [];
    const inside = branch.filter((d) => d.gamma > from && d.gamma < to);
    const pFrom = exact(from);
    const pTo = exact(to);
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
