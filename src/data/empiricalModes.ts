/**
 * What the theory overlays use from a training set (docs/physics.md §2): its singular values η̂_k,
 * input strengths a_k and the data loss of the trivial state. Jobs compute them in the worker
 * from the dataset they build (`datasetModes`); `empiricalModes` rebuilds the dataset from its spec,
 * for the few places that need the modes before a job has run (choosing a job's γ grid).
 */
import { makeTeacherDataset } from './teacher';
import type { Dataset, TeacherSpec } from './types';

export interface EmpiricalModes {
  etas: number[];
  strengths: number[];
  /** data loss of the trivial state, tr Σyy of the training set: L is measured relative to it */
  trivialLoss: number;
}

/** the modes of a built dataset: one per teacher feature */
export function datasetModes(data: Dataset): EmpiricalModes {
  const k = data.spec.spectrum.length;
  let trivialLoss = 0;
  for (let i = 0; i < data.outputDim; i++) trivialLoss += data.train.syy[i * data.outputDim + i];
  return { etas: data.syxSvd.values.slice(0, k), strengths: data.inputStrength.slice(0, k), trivialLoss };
}

const MEMO_SIZE = 8;
const memo = new Map<string, EmpiricalModes>();

/** the modes of the dataset `spec` describes, built once per spec (a few recent specs are kept) */
export function empiricalModes(spec: TeacherSpec): EmpiricalModes {
  const key = JSON.stringify(spec);
  const known = memo.get(key);
  if (known) return known;
  const modes = datasetModes(makeTeacherDataset(spec));
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  memo.set(key, modes);
  return modes;
}
