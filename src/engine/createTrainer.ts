/**
 * createTrainer: the one way the app, the CLI and the experiments get a Trainer. config.kernel
 * picks the step kernel: 'auto' (default) a fused kernel (fused/choice.ts) falling back to the
 * tfjs trainer when none supports the config, 'tfjs' the op-by-op reference, else that kernel.
 */
import { isKernelChoice } from './fused/choice';
import { createFusedTrainer } from './fused/fusedTrainer';
import { createTfjsTrainer } from './trainer';
import type { EngineTrainer, TrainerConfig } from './types';

export async function createTrainer(config: TrainerConfig): Promise<EngineTrainer> {
  const choice = config.kernel ?? 'auto';
  if (!isKernelChoice(choice)) throw new Error(`unknown kernel '${String(choice)}'`);
  if (choice === 'tfjs') return createTfjsTrainer(config);
  return (await createFusedTrainer(config, choice)) ?? createTfjsTrainer(config);
}
