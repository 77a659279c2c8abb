/** The escape form against the shared budget (src/budget): replicas per T and steps. Pure. */
import { budgetProblem } from '../../budget';
import { workloadOf } from '../../budget/jobs';
import type { EscapeLabSettings } from '../../state/escape';
import type { TrapSetup } from './presets';

export type EscapeBudgetField = 'replicas' | 'steps';

export function escapeBudgetProblems(trap: TrapSetup, settings: EscapeLabSettings): Partial<Record<EscapeBudgetField, string>> {
  const net = { inputDim: trap.data.inputDim, outputDim: trap.data.outputDim, depth: trap.depth, width: trap.width };
  const trapSteps = settings.trapMode === 'trap-from' ? trap.trapSteps : 0;
  const temperatures = Math.max(1, settings.temperatures.length);
  const at = (replicas: number, steps: number) => workloadOf(net, temperatures * replicas, trap.data.trainSize, steps + trapSteps);
  const problems: Partial<Record<EscapeBudgetField, string>> = {};
  const replicas = budgetProblem('replicas per T', settings.replicas, (r) => at(r, settings.steps));
  if (replicas) problems.replicas = replicas;
  const steps = budgetProblem('steps', settings.steps, (s) => at(settings.replicas, s));
  if (steps) problems.steps = steps;
  return problems;
}
