/**
 * γ_c and γ_sp of a feature for the training set in use (docs/physics.md §2): the closed forms of the
 * per-mode theory, exact when the sample is whitened, else the exact joint sample theory.
 */
import { empiricalModes, makeTeacherDataset, type EmpiricalModes } from '../data';
import type { TeacherSpec } from '../data/types';
import { criticalGamma, sampleTheory, spinodalGamma, type SampleTheory } from '../physics';

export interface Thresholds {
  gammaC: number | null;
  gammaSp: number | null;
}

/** the closed forms for one mode (depth, η, a) */
export function thresholds(depth: number, eta: number, a = 1): Thresholds {
  return { gammaC: criticalGamma(depth, eta, a), gammaSp: spinodalGamma(depth, eta, a) };
}

const sampleTheoryCache = new Map<string, SampleTheory>();

/**
 * Thresholds of feature k on the training set `spec`: the closed forms on its empirical modes when it
 * is whitened exactly (they are exact there; pass the modes a job result carries), else the exact
 * joint sample theory (physics/sampleTheory.ts; ~1 s for the Ersoy–Wiesner sample, cached per spec
 * and depth).
 */
export function sampleThresholds(spec: TeacherSpec, depth: number, feature: number, modes?: EmpiricalModes): Thresholds {
  if (spec.whiten) {
    const m = modes ?? empiricalModes(spec);
    return thresholds(depth, m.etas[feature], m.strengths[feature]);
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
