/**
 * Exact theory of L2-regularized deep linear networks (docs/physics.md): pure math, no dependencies.
 * Convention: L = (1/N) Σ ‖y − f(x)‖² + γ Σ_l ‖W_l‖_F², D hidden layers, n = D + 1 matrices;
 * per-mode loss ℓ(p) = a p² − 2ηp + nγ|p|^{2/n}, relative to the trivial state (ℓ(0) = 0).
 */
export { layerCount, reducedLoss, reducedLossDerivative, reducedLossSecondDerivative, modeNormSq, stationaryGammaOfW, stationaryLoss } from './reducedLoss';
export { stationaryPoints, reducedStationaryGamma, reducedSpinodalW, type StationaryPoints } from './stationary';
export {
  criticalGamma,
  spinodalGamma,
  pJump,
  pAtSpinodal,
  normSqJump,
  barrierFromOrigin,
  barrierFromLearned,
  globalMinimum,
  deepLimit,
  transitionKind,
} from './thresholds';
export { optimalLoss, spectrumOptimalLoss, type OptimalLoss } from './optimalLoss';
export { modeTheory, theoryTable, cascade, cascadeMode, type ModeTheory, type TheoryTable, type ModePhase, type CascadeMode, type Cascade } from './modes';
export { branchAt, branchCurves, theoryLoopArea, stationaryBranches, type BranchRow, type BranchPoint, type StationaryBranches } from './branches';
export { gammaGrid } from './grid';
export { arrheniusFit, arrheniusFitWithPrefactor, type ArrheniusFit, type ArrheniusPrefactorFit } from './arrhenius';
export {
  gammaFromConvention,
  lambdaFromGamma,
  lossInConvention,
  vaeLatentUsage,
  LOSS_CONVENTIONS,
  type LossConvention,
  type ConventionInfo,
} from './conventions';
export {
  sampleTheory,
  solveSampleBranch,
  sampleBranchCurves,
  trackBranch,
  maxBranchRank,
  type SampleMoments,
  type SampleTheory,
  type SampleModeTheory,
  type BranchState,
  type SampleBranchCurves,
} from './sampleTheory';
export { reluLocalThreshold, reluDrive, smoothLocalThresholds, slopeAtZero, type Activation, type ReluThreshold } from './nonlinearThresholds';
