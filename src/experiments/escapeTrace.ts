/**
 * The escape experiment of ./escape.ts, plus snapshots of every replica's singular value of the
 * trapped feature, so the landscape view can show the replicas as dots on ℓ(p) (and animate them).
 * It wraps the trainer factory and reads the metrics the experiment already fetches once per chunk:
 * no extra read-backs, no change to escape.ts.
 */
import type { Metrics, Trainer } from '../engine/types';
import { featureStrength } from './modeStrength';
import { escapeExperiment, type EscapeRun, type EscapeSettings, type TrainerFactory } from './escape';

export interface ReplicaFrame {
  /** optimizer steps since the temperature was switched on (trap convergence excluded) */
  step: number;
  /**
   * per replica (temperature-major, as in EscapeSettings): the end-to-end map's singular value of
   * the trapped feature's rank (the (feature+1)-th largest). Unlike the overlap u_kᵀMv_k it is
   * exactly 0 while the rank is not raised, even on non-whitened data where the learned features
   * leak into the overlap.
   */
  p: number[];
}

export interface TracedEscape {
  runs: EscapeRun[];
  frames: ReplicaFrame[];
  /** steps spent converging the trap at trapFrom.gamma (0 when trapped by hand) */
  trapSteps: number;
}

/** keep a frame when the step has grown by this factor since the last kept one (plus the first and last) */
const FRAME_GROWTH = 1.12;

export async function tracedEscapeExperiment(createTrainer: TrainerFactory, settings: EscapeSettings): Promise<TracedEscape> {
  const frames: ReplicaFrame[] = [];
  const trapSteps = settings.trapFrom?.steps ?? 0;
  const feature = settings.feature;
  let nextFrame = 0;
  let last: ReplicaFrame | null = null;
  const capture = (m: Metrics) => {
    const step = m.step - trapSteps;
    if (step <= 0) return;
    const p = Array.from({ length: m.replicas }, (_, r) => featureStrength(m, r, feature));
    last = { step, p };
    if (step >= nextFrame) {
      frames.push(last);
      nextFrame = Math.max(step + 1, step * FRAME_GROWTH);
    }
  };
  const wrapped: TrainerFactory = async (config) => {
    const trainer: Trainer = await createTrainer(config);
    const run = trainer.run.bind(trainer);
    return Object.assign(trainer, {
      run: async (steps: number) => {
        const m = await run(steps);
        capture(m);
        return m;
      },
    });
  };
  const runs = await escapeExperiment(wrapped, settings);
  const final = last as ReplicaFrame | null;
  if (final && frames[frames.length - 1] !== final) frames.push(final);
  return { runs, frames, trapSteps };
}
