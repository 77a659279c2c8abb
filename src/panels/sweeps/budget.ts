/**
 * The sweeps form against the shared budget (src/budget), per field, before any job is built: a
 * "points" of 10⁸ must be refused without allocating the 10⁸-point γ grid first. Pure.
 */
import { budgetProblem } from '../../budget';
import { workloadOf } from '../../budget/jobs';
import type { SweepsSettings } from '../../state/sweeps';
import { MAX_STEPS, mainData } from './jobs';
import { dataFor } from '../../data/presets';

export type SweepsBudgetField = 'points' | 'width' | 'hysteresisSteps' | 'etaCount' | 'etaGammaCount';

/** a message per field whose value makes its job exceed the budget */
export function sweepsBudgetProblems(settings: SweepsSettings): Partial<Record<SweepsBudgetField, string>> {
  const problems: Partial<Record<SweepsBudgetField, string>> = {};
  const base = dataFor(settings.spectrum);
  const spec = base.spec;
  const net = (depth: number, width: number) => ({ inputDim: spec.inputDim, outputDim: spec.outputDim, depth, width: Math.max(width, base.width) });
  const diagram = (points: number, width: number) =>
    settings.depths.map((d) => workloadOf(net(d, width), 2 * Math.max(2, Math.round(points)), spec.trainSize, MAX_STEPS));
  const set = (field: SweepsBudgetField, message: string | null) => {
    if (message) problems[field] = message;
  };
  set(
    'points',
    budgetProblem('points', settings.points, (n) => diagram(n, settings.width), 2),
  );
  set(
    'width',
    budgetProblem('width', settings.width, (w) => diagram(settings.points, w)),
  );
  // the displayed loop: one net, 48 γ up and down (jobs.ts hysteresisGammas)
  const width = mainData(settings).width;
  set(
    'hysteresisSteps',
    budgetProblem('steps/γ', settings.hysteresisSteps, (s) => workloadOf(net(settings.hysteresisDepth, width), 1, spec.trainSize, 2 * 48 * s)),
  );
  // γ × η map: one program per η on a 4-wide single-feature net, 2 starts per γ
  const single = dataFor({ preset: 'single', eta: 1 }).spec;
  const etaMap = (etas: number, gammas: number) =>
    workloadOf(
      { inputDim: single.inputDim, outputDim: single.outputDim, depth: settings.mapDepth, width: 4 },
      2 * Math.max(2, Math.round(gammas)),
      single.trainSize,
      MAX_STEPS * Math.max(2, Math.round(etas)),
    );
  set(
    'etaCount',
    budgetProblem('η points', settings.etaCount, (n) => etaMap(n, settings.etaGammaCount), 2),
  );
  set(
    'etaGammaCount',
    budgetProblem('γ points', settings.etaGammaCount, (n) => etaMap(settings.etaCount, n), 2),
  );
  return problems;
}
