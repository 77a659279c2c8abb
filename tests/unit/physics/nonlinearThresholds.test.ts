/**
 * ReLU local threshold at D = 1 (docs/physics.md §6): max over unit û of ‖E[y relu(ûᵀx)]‖ on the sample,
 * checked against brute force over a fine grid of angles in 2-D and against η/2 for whitened
 * Gaussian inputs with many samples (E[x relu(ûᵀx)] = û/2).
 */
import { describe, expect, it } from 'vitest';
import { makeTeacherDataset } from '../../../src/data';
import { reluDrive, reluLocalThreshold, smoothLocalThresholds } from '../../../src/physics/nonlinearThresholds';

describe('ReLU local threshold (D = 1)', () => {
  it('2-D inputs: equals brute force over 200 000 angles (scalar and 2-D outputs)', () => {
    for (const outputDim of [1, 2]) {
      const data = makeTeacherDataset({
        inputDim: 2,
        outputDim,
        spectrum: outputDim === 1 ? [1] : [1, 0.7],
        labelNoise: 0.5,
        trainSize: 64,
        testSize: 8,
        whiten: false,
        seed: 3 + outputDim,
      });
      const found = reluLocalThreshold(data.trainX, data.trainY, 64, 2, outputDim);
      let brute = 0;
      for (let i = 0; i < 200_000; i++) {
        const a = (2 * Math.PI * i) / 200_000;
        brute = Math.max(brute, reluDrive(data.trainX, data.trainY, 64, 2, outputDim, [Math.cos(a), Math.sin(a)]));
      }
      expect(found.gamma).toBeGreaterThanOrEqual(brute * (1 - 1e-9));
      expect(found.gamma / brute - 1).toBeLessThan(1e-6);
    }
  });

  it('whitened Gaussian inputs, y = ηx₁ (no noise), 20 000 samples: ≈ η/2, not η', () => {
    const data = makeTeacherDataset({ inputDim: 3, outputDim: 1, spectrum: [1], labelNoise: 0, trainSize: 20_000, testSize: 8, whiten: true, seed: 9 });
    const { gamma } = reluLocalThreshold(data.trainX, data.trainY, 20_000, 3, 1);
    console.log(`relu D = 1 threshold, 20 000 whitened samples, η = 1: ${gamma.toFixed(5)} (η/2 = 0.5)`);
    expect(Math.abs(gamma - 0.5)).toBeLessThan(0.015);
  });

  it('tanh: κ·η_k with κ = σ′(0) = 1', () => {
    expect(smoothLocalThresholds('tanh', [1, 0.6])).toEqual([1, 0.6]);
  });
});
