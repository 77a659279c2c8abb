/**
 * Splitting a job into parts with independent replicas, so a pool of job workers can use every
 * core, and merging the parts' results into the whole job's result. Pure: types and arrays only.
 *
 * A split must not change any replica: parts keep each replica's seed (escape: by temperature
 * index; ramp loops: seeded by their own rate; GD sweeps: noise-free), so the merged result is the
 * one the whole job gives. Work is dealt round-robin (interleaved), which balances cold and hot
 * temperatures, or fast and slow ramps, across the parts.
 */
import type { DepthDiagram, PhaseDiagramResult } from '../../experiments/phaseDiagram';
import type { TracedEscape } from '../../experiments/escapeTrace';
import type { EscapeRun } from '../../experiments/escape';
import type { EtaMapResult } from '../../experiments/etaMap';
import type { SweepRun } from '../../experiments/sweep';
import type { EscapeJob, EscapeTraceJob, EtaMapJob, Job, JobResults, PhaseDiagramJob, RampLoopJob } from './protocol';
import type { GrokkingSeedsJob, NonlinearStudyJob, PaperProtocolJob, SgdMapJob, VaeJob } from './studies';
import { nonlinearVerdict } from '../../experiments/nonlinearDiagram';
import { summarizeGrokkingSeeds, type GrokkingSeedRow } from '../../experiments/grokkingSeeds';
import type { SgdMapRow } from '../../experiments/sgdEscape';

/** indices 0…n−1 dealt into `parts` interleaved groups (empty groups dropped) */
export function deal(n: number, parts: number): number[][] {
  const groups = Array.from({ length: Math.max(1, Math.min(parts, n)) }, () => [] as number[]);
  for (let i = 0; i < n; i++) groups[i % groups.length].push(i);
  return groups;
}

interface Splitter<J extends Job> {
  split(job: J, parts: number): { job: J; indices: number[] }[];
  merge(job: J, parts: { indices: number[]; result: JobResults[J['kind']] }[]): JobResults[J['kind']];
}

function placeBack<T>(total: number, parts: { indices: number[]; items: T[] }[]): T[] {
  const out = new Array<T>(total);
  for (const { indices, items } of parts) indices.forEach((index, i) => (out[index] = items[i]));
  return out;
}

const escapeSplitter: Splitter<EscapeJob> = {
  split: (job, parts) =>
    deal(job.temperatures.length, parts).map((indices) => ({
      indices,
      job: { ...job, temperatures: indices.map((i) => job.temperatures[i]), temperatureIndices: indices.map((i) => job.temperatureIndices?.[i] ?? i) },
    })),
  merge: (job, parts) =>
    placeBack<EscapeRun>(
      job.temperatures.length,
      parts.map((p) => ({ indices: p.indices, items: p.result })),
    ),
};

/** frames: per part, the frame of the largest step ≤ each step of the longest part (parts that ended early stay at their last frame) */
const escapeTraceSplitter: Splitter<EscapeTraceJob> = {
  split: (job, parts) => escapeSplitter.split({ ...job, kind: 'escape' }, parts).map((p) => ({ indices: p.indices, job: { ...p.job, kind: 'escape-trace' } })),
  merge: (job, parts) => {
    const perT = job.replicasPerTemperature;
    const runs = placeBack<EscapeRun>(
      job.temperatures.length,
      parts.map((p) => ({ indices: p.indices, items: p.result.runs })),
    );
    const longest = parts.reduce((a, b) => ((b.result.frames.at(-1)?.step ?? 0) > (a.result.frames.at(-1)?.step ?? 0) ? b : a));
    const frames = longest.result.frames.map(({ step }) => {
      const p = new Array<number>(job.temperatures.length * perT).fill(0);
      for (const part of parts) {
        const own = part.result.frames;
        let k = 0;
        while (k + 1 < own.length && own[k + 1].step <= step) k++;
        const frame = own[k];
        if (!frame) continue;
        part.indices.forEach((t, local) => {
          for (let i = 0; i < perT; i++) p[t * perT + i] = frame.p[local * perT + i];
        });
      }
      return { step, p };
    });
    const merged: TracedEscape = { runs, frames, trapSteps: longest.result.trapSteps };
    return merged;
  },
};

/** every part trains on the same dataset, so the parts' empirical modes are the whole job's */
const phaseDiagramSplitter: Splitter<PhaseDiagramJob> = {
  split: (job, parts) => deal(job.gammas.length, parts).map((indices) => ({ indices, job: { ...job, gammas: indices.map((i) => job.gammas[i]) } })),
  merge: (job, parts) => {
    const diagrams = job.depths.map((depth, d) => {
      const pieces = parts.map((p) => ({ indices: p.indices, diagram: p.result.diagrams[d] }));
      const merged: DepthDiagram = {
        depth,
        learned: placeBack(
          job.gammas.length,
          pieces.map((p) => ({ indices: p.indices, items: p.diagram.learned })),
        ),
        trivial: job.learnedOnly
          ? []
          : placeBack(
              job.gammas.length,
              pieces.map((p) => ({ indices: p.indices, items: p.diagram.trivial })),
            ),
        steps: Math.max(...pieces.map((p) => p.diagram.steps)),
        converged: pieces.every((p) => p.diagram.converged),
      };
      return merged;
    });
    const result: PhaseDiagramResult = { diagrams, modes: parts[0].result.modes };
    return result;
  },
};

const etaMapSplitter: Splitter<EtaMapJob> = {
  split: (job, parts) => deal(job.etas.length, parts).map((indices) => ({ indices, job: { ...job, etas: indices.map((i) => job.etas[i]) } })),
  merge: (job, parts) => {
    const merged: EtaMapResult = {
      depth: parts[0].result.depth,
      gammas: parts[0].result.gammas,
      rows: placeBack(
        job.etas.length,
        parts.map((p) => ({ indices: p.indices, items: p.result.rows })),
      ),
    };
    return merged;
  },
};

const rampLoopSplitter: Splitter<RampLoopJob> = {
  split: (job, parts) =>
    deal(job.stepsPerGamma.length, parts).map((indices) => ({ indices, job: { ...job, stepsPerGamma: indices.map((i) => job.stepsPerGamma[i]) } })),
  merge: (job, parts) =>
    placeBack<SweepRun[]>(
      job.stepsPerGamma.length,
      parts.map((p) => ({ indices: p.indices, items: p.result })),
    ),
};

/** by γ, like the phase diagram (each γ is its own pair of replicas); verdicts re-read off the merged diagrams */
const nonlinearSplitter: Splitter<NonlinearStudyJob> = {
  split: (job, parts) => deal(job.gammas.length, parts).map((indices) => ({ indices, job: { ...job, gammas: indices.map((i) => job.gammas[i]) } })),
  merge: (job, parts) => {
    const diagrams = job.depths.map((depth, d) => {
      const merged: DepthDiagram = {
        depth,
        learned: placeBack(
          job.gammas.length,
          parts.map((p) => ({ indices: p.indices, items: p.result.diagrams[d].learned })),
        ),
        trivial: placeBack(
          job.gammas.length,
          parts.map((p) => ({ indices: p.indices, items: p.result.diagrams[d].trivial })),
        ),
        steps: Math.max(...parts.map((p) => p.result.diagrams[d].steps)),
        converged: parts.every((p) => p.result.diagrams[d].converged),
      };
      return merged;
    });
    const { activation, eta, localThreshold } = parts[0].result;
    return { activation, eta, localThreshold, diagrams, verdicts: diagrams.map((d) => nonlinearVerdict(d)) };
  },
};

/** by start fraction: every row runs its own escape experiments with the job's seed */
const sgdMapSplitter: Splitter<SgdMapJob> = {
  split: (job, parts) => deal(job.fractions.length, parts).map((indices) => ({ indices, job: { ...job, fractions: indices.map((i) => job.fractions[i]) } })),
  merge: (job, parts) => ({
    ...parts[0].result,
    rows: placeBack<SgdMapRow>(
      job.fractions.length,
      parts.map((p) => ({ indices: p.indices, items: p.result.rows })),
    ),
  }),
};

/** by seed: a seed draws its own sample and perturbation; the summary is recomputed over all rows */
const grokkingSeedsSplitter: Splitter<GrokkingSeedsJob> = {
  split: (job, parts) => deal(job.seeds.length, parts).map((indices) => ({ indices, job: { ...job, seeds: indices.map((i) => job.seeds[i]) } })),
  merge: (job, parts) =>
    summarizeGrokkingSeeds(
      placeBack<GrokkingSeedRow>(
        job.seeds.length,
        parts.map((p) => ({ indices: p.indices, items: p.result.rows })),
      ),
      job.epsilonScale === undefined,
    ),
};

const paperProtocolSplitter: Splitter<PaperProtocolJob> = {
  split: (job, parts) => deal(job.runs.length, parts).map((indices) => ({ indices, job: { ...job, runs: indices.map((i) => job.runs[i]) } })),
  merge: (job, parts) =>
    placeBack(
      job.runs.length,
      parts.map((p) => ({ indices: p.indices, items: p.result })),
    ),
};

const vaeSplitter: Splitter<VaeJob> = {
  split: (job, parts) => deal(job.studies.length, parts).map((indices) => ({ indices, job: { ...job, studies: indices.map((i) => job.studies[i]) } })),
  merge: (job, parts) =>
    placeBack(
      job.studies.length,
      parts.map((p) => ({ indices: p.indices, items: p.result })),
    ),
};

const SPLITTERS: { [K in Job['kind']]?: Splitter<Extract<Job, { kind: K }>> } = {
  nonlinear: nonlinearSplitter,
  'sgd-map': sgdMapSplitter,
  'grokking-seeds': grokkingSeedsSplitter,
  'paper-protocol': paperProtocolSplitter,
  vae: vaeSplitter,
  escape: escapeSplitter,
  'escape-trace': escapeTraceSplitter,
  'phase-diagram': phaseDiagramSplitter,
  'eta-map': etaMapSplitter,
  'ramp-loop': rampLoopSplitter,
};

export interface JobPart<J extends Job> {
  job: J;
  indices: number[];
}

/** the parts of `job` for `parts` workers (one part, the job itself, when it does not split) */
export function splitJob<J extends Job>(job: J, parts: number): JobPart<J>[] {
  const splitter = SPLITTERS[job.kind] as Splitter<J> | undefined;
  if (!splitter || parts <= 1) return [{ job, indices: [] }];
  return splitter.split(job, parts);
}

export function mergeJob<J extends Job>(job: J, parts: { indices: number[]; result: JobResults[J['kind']] }[]): JobResults[J['kind']] {
  if (parts.length === 1 && parts[0].indices.length === 0) return parts[0].result;
  const splitter = SPLITTERS[job.kind] as Splitter<J> | undefined;
  if (!splitter) throw new Error(`job kind ${job.kind} does not split`);
  return splitter.merge(job, parts);
}
