/**
 * What the live lab's theory worker computes, once per dataset and depth set (pure: no tfjs, no DOM,
 * so Node tests run it as is). The dataset is rebuilt from its spec (makeTeacherDataset is seeded
 * and deterministic: the same sample the training worker trains on).
 * - linear net, data not whitened: the exact sample theory per trained depth (physics/sampleOverlay.ts,
 *   the thresholds from physics/sampleTheory.ts, the function `lab theory` prints);
 * - relu net with a D = 1 trainer: the sample's local threshold max_û ‖E[y·relu(ûᵀx)]‖.
 * Whitened linear data need nothing: the closed forms are exact there.
 */
import { makeTeacherDataset } from '../data';
import { reluLocalThreshold } from '../physics/nonlinearThresholds';
import { sampleOverlay } from '../physics/sampleOverlay';
import type { LiveTheoryRequest, LiveTheoryResult } from './protocol';

/** the part of a setup the theory depends on: a new key means a new computation */
export function liveTheoryKey(request: Omit<LiveTheoryRequest, 'key'>): string {
  return JSON.stringify({ data: request.data, depths: [...request.depths].sort(), activation: request.activation });
}

/** is there anything to compute for this setup? */
export function needsLiveTheory(request: Omit<LiveTheoryRequest, 'key'>): boolean {
  return (request.activation === 'linear' && !request.data.whiten) || (request.activation === 'relu' && request.depths.includes(1));
}

export function computeLiveTheory(request: LiveTheoryRequest, now: () => number = () => performance.now()): LiveTheoryResult {
  const started = now();
  const data = makeTeacherDataset(request.data);
  const moments = { inputDim: data.inputDim, outputDim: data.outputDim, sxx: data.train.sxx, syx: data.train.syx };
  const exact =
    request.activation === 'linear' && !request.data.whiten
      ? request.depths.map((depth) => ({ depth, overlay: sampleOverlay(moments, depth, { maxFeatures: Math.min(3, request.data.spectrum.length) }) }))
      : null;
  const reluThreshold =
    request.activation === 'relu' && request.depths.includes(1)
      ? reluLocalThreshold(data.trainX, data.trainY, data.trainSize, data.inputDim, data.outputDim).gamma
      : null;
  return { key: request.key, exact, reluThreshold, computeMs: now() - started };
}
