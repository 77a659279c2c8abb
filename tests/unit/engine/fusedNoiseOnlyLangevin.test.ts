/** The temperature is the Langevin temperature: gd and sgd ignore it on every kernel, as on the tfjs path. */
import { describe, expect, it } from 'vitest';
import { createTrainer } from '../../../src/engine';
import { makeTeacherDataset } from '../../../src/data';
import type { OptimizerKind, TrainerConfig } from '../../../src/engine/types';

const data = makeTeacherDataset({ inputDim: 3, outputDim: 2, spectrum: [1, 0.5], labelNoise: 0.1, trainSize: 64, testSize: 16, whiten: false, seed: 4 });

function config(optimizer: OptimizerKind, temperature: number, kernel: 'js' | 'wasm-simd', replicas: number): TrainerConfig {
  return {
    net: { inputDim: 3, outputDim: 2, hiddenWidths: [4, 4], activation: 'linear' },
    data,
    optimizer,
    batchSize: 8,
    lr: 0.05,
    kernel,
    replicas: Array.from({ length: replicas }, (_, r) => ({
      gamma: 0.05,
      temperature,
      noiseSeed: r,
      init: { kind: 'random' as const, scale: 1, seed: 10 + r },
    })),
  };
}

describe('noise only for Langevin', () => {
  for (const [optimizer, kernel, replicas] of [
    ['sgd', 'js', 3],
    ['gd', 'js', 3],
    ['gd', 'wasm-simd', 8],
  ] as const) {
    it(`${optimizer} on ${kernel}: a temperature changes nothing`, async () => {
      const hot = await createTrainer(config(optimizer, 0.01, kernel, replicas));
      const cold = await createTrainer(config(optimizer, 0, kernel, replicas));
      await hot.run(200);
      await cold.run(200);
      expect(await hot.getWeights()).toEqual(await cold.getWeights());
      hot.dispose();
      cold.dispose();
    });
  }
  it('langevin on js: the temperature does act', async () => {
    const hot = await createTrainer(config('langevin', 0.01, 'js', 2));
    const cold = await createTrainer(config('langevin', 0, 'js', 2));
    await hot.run(50);
    await cold.run(50);
    expect(await hot.getWeights()).not.toEqual(await cold.getWeights());
  });
});
