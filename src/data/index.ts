export type { Dataset, Moments, TeacherSpec } from './types';
export { makeTeacherDataset, makeTeacher, validateTeacherSpec, type Teacher } from './teacher';
export { computeMoments, featureSpectrum, linearLoss } from './moments';
export { datasetModes, empiricalModes, type EmpiricalModes } from './empiricalModes';
export {
  cascadePreset,
  dataFor,
  defaultSingleFeature,
  ersoyWiesnerPreset,
  sparseGrokkingPreset,
  type DataChoice,
  type SpectrumChoice,
  type SpectrumPreset,
} from './presets';
export {
  deriveSeed,
  GaussianStream,
  longPeriodNormal,
  longPeriodUniform,
  normalSource,
  sampleWithoutReplacement,
  shuffleInPlace,
  uniformSource,
  type Normal,
  type Uniform,
} from './random';
