/**
 * The γ × η phase diagram (issue 4): one single-feature dataset per η (same seed, so the same
 * teacher directions and inputs; whitened and noise-free, so the empirical η is the one asked for),
 * and per η one batched trainer holding every γ twice (learned start, trivial start), run to
 * convergence exactly like the depth phase diagram.
 */
import type { TeacherSpec } from '../data/types';
import { makeTeacherDataset } from '../data';
import { phaseDiagram } from './phaseDiagram';
import type { TrainerFactory } from './sweep';
import { totalLoss } from './sweepAnalysis';

export interface EtaMapSettings {
  /** the single-feature base dataset; its spectrum is replaced by [η] for each row */
  data: TeacherSpec;
  depth: number;
  etas: number[];
  gammas: number[];
  width: number;
  lr: number;
  maxSteps: number;
  onProgress?: (fraction: number) => void;
}

export interface EtaMapRow {
  /** the η asked for */
  eta: number;
  /** the sample's singular value and input strength a (what the theory overlay must use) */
  empiricalEta: number;
  strength: number;
  /** order parameter u₁ᵀMv₁ per γ, from the learned start and from the trivial start */
  learned: number[];
  trivial: number[];
  /** total loss (data + γ‖θ‖²) of each start: which state is the global minimum */
  learnedLoss: number[];
  trivialLoss: number[];
  steps: number;
  converged: boolean;
}

export interface EtaMapResult {
  depth: number;
  gammas: number[];
  rows: EtaMapRow[];
}

export async function etaMap(createTrainer: TrainerFactory, settings: EtaMapSettings): Promise<EtaMapResult> {
  const rows: EtaMapRow[] = [];
  for (const [index, eta] of settings.etas.entries()) {
    const data = makeTeacherDataset({ ...settings.data, spectrum: [eta] });
    const [diagram] = await phaseDiagram(createTrainer, {
      depths: [settings.depth],
      gammas: settings.gammas,
      data,
      width: settings.width,
      lr: settings.lr,
      chunk: 250,
      tolerance: 1e-4,
      maxSteps: settings.maxSteps,
      onProgress: (f) => settings.onProgress?.((index + f) / settings.etas.length),
    });
    rows.push({
      eta,
      empiricalEta: data.syxSvd.values[0],
      strength: data.inputStrength[0],
      learned: diagram.learned.map((p) => p.modeOverlaps[0]),
      trivial: diagram.trivial.map((p) => p.modeOverlaps[0]),
      learnedLoss: diagram.learned.map(totalLoss),
      trivialLoss: diagram.trivial.map(totalLoss),
      steps: diagram.steps,
      converged: diagram.converged,
    });
  }
  return { depth: settings.depth, gammas: settings.gammas, rows };
}
