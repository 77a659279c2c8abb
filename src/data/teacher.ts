/**
 * Teacher–student datasets: y = B x + noise with B = U·diag(η)·Vᵀ (U, V Haar-random orthogonal,
 * seeded), x ~ N(0, I). Pure TypeScript; every number comes from the seeded streams of random.ts.
 */
import { matMul, randomOrthogonal, symmetricInverseSqrt, transpose } from '../linalg';
import { computeMoments, featureSpectrum } from './moments';
import { deriveSeed, normalSource, sampleWithoutReplacement, uniformSource } from './random';
import type { Dataset, TeacherSpec } from './types';

/** sub-streams of a dataset seed: changing one split's size never changes another split */
const STREAM = { teacher: 1, trainInputs: 2, trainNoise: 3, testInputs: 4, testNoise: 5, subsample: 6 } as const;

export interface Teacher {
  /** B [out × in], row-major */
  map: Float64Array;
  /** noise factor L [out × out]: noise = L·z with z ~ N(0, I), so its covariance is L·Lᵀ */
  noiseFactor: Float64Array;
}

export function validateTeacherSpec(spec: TeacherSpec): void {
  const fail = (message: string): never => {
    throw new Error(`invalid teacher spec: ${message}`);
  };
  const positiveInteger = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 1) fail(`${name} must be a positive integer, got ${value}`);
  };
  positiveInteger('inputDim', spec.inputDim);
  positiveInteger('outputDim', spec.outputDim);
  positiveInteger('trainSize', spec.trainSize);
  positiveInteger('testSize', spec.testSize);
  if (!Number.isFinite(spec.seed)) fail(`seed must be a finite number, got ${spec.seed}`);
  const rank = Math.min(spec.inputDim, spec.outputDim);
  if (spec.spectrum.length > rank) {
    fail(`spectrum has ${spec.spectrum.length} values but min(inputDim, outputDim) = ${rank}`);
  }
  for (const eta of spec.spectrum) if (!(Number.isFinite(eta) && eta >= 0)) fail(`spectrum values must be ≥ 0, got ${eta}`);
  if (spec.labelNoise === 'unit-variance') {
    const largest = Math.max(0, ...spec.spectrum);
    if (largest > 1) {
      fail(`labelNoise 'unit-variance' needs every η ≤ 1 (noise covariance I − BBᵀ must be ≥ 0), got η = ${largest}`);
    }
  } else if (!(Number.isFinite(spec.labelNoise) && spec.labelNoise >= 0)) {
    fail(`labelNoise must be ≥ 0 or 'unit-variance', got ${spec.labelNoise}`);
  }
  if (spec.poolSize !== undefined) {
    positiveInteger('poolSize', spec.poolSize);
    if (spec.poolSize < spec.trainSize) fail(`poolSize ${spec.poolSize} is smaller than trainSize ${spec.trainSize}`);
  }
  if (spec.whiten && spec.trainSize < spec.inputDim) {
    fail(`cannot whiten ${spec.trainSize} samples in ${spec.inputDim} dimensions (Σxx would be singular)`);
  }
}

export function makeTeacher(spec: TeacherSpec): Teacher {
  const { inputDim: nIn, outputDim: nOut, spectrum } = spec;
  const normal = normalSource(deriveSeed(spec.seed, STREAM.teacher));
  const u = randomOrthogonal(nOut, normal);
  const v = randomOrthogonal(nIn, normal);
  const map = new Float64Array(nOut * nIn);
  spectrum.forEach((eta, k) => {
    for (let i = 0; i < nOut; i++) for (let j = 0; j < nIn; j++) map[i * nIn + j] += eta * u[i * nOut + k] * v[j * nIn + k];
  });
  // noise std per left-singular direction: sqrt(1 − η_k²) for Σyy = I, else the isotropic std
  const std = Array.from({ length: nOut }, (_, k) =>
    spec.labelNoise === 'unit-variance' ? Math.sqrt(Math.max(0, 1 - (spectrum[k] ?? 0) ** 2)) : spec.labelNoise,
  );
  const noiseFactor = new Float64Array(nOut * nOut);
  for (let i = 0; i < nOut; i++) {
    for (let j = 0; j < nOut; j++) {
      let s = 0;
      for (let k = 0; k < nOut; k++) s += u[i * nOut + k] * std[k] * u[j * nOut + k];
      noiseFactor[i * nOut + j] = s;
    }
  }
  return { map, noiseFactor };
}

function gaussianMatrix(rows: number, cols: number, seed: number): Float64Array {
  const normal = normalSource(seed);
  return Float64Array.from({ length: rows * cols }, () => normal());
}

/** labels Y = X·Bᵀ + Z·Lᵀ for inputs X [N × in], noise from `noiseSeed` */
function labels(x: Float64Array, count: number, spec: TeacherSpec, teacher: Teacher, noiseSeed: number): Float64Array {
  const { inputDim: nIn, outputDim: nOut } = spec;
  const y = matMul(x, transpose(teacher.map, nOut, nIn), count, nIn, nOut);
  if (spec.labelNoise !== 0) {
    const z = gaussianMatrix(count, nOut, noiseSeed);
    const noise = matMul(z, transpose(teacher.noiseFactor, nOut, nOut), count, nOut, nOut);
    for (let i = 0; i < y.length; i++) y[i] += noise[i];
  }
  return y;
}

export function makeTeacherDataset(spec: TeacherSpec): Dataset {
  validateTeacherSpec(spec);
  const { inputDim: nIn, outputDim: nOut, trainSize, testSize } = spec;
  const teacher = makeTeacher(spec);

  let trainX: Float64Array;
  if (spec.poolSize !== undefined) {
    const pool = gaussianMatrix(spec.poolSize, nIn, deriveSeed(spec.seed, STREAM.trainInputs));
    const chosen = sampleWithoutReplacement(spec.poolSize, trainSize, uniformSource(deriveSeed(spec.seed, STREAM.subsample)));
    trainX = new Float64Array(trainSize * nIn);
    chosen.forEach((p, s) => trainX.set(pool.subarray(p * nIn, (p + 1) * nIn), s * nIn));
  } else {
    trainX = gaussianMatrix(trainSize, nIn, deriveSeed(spec.seed, STREAM.trainInputs));
  }
  let testX = gaussianMatrix(testSize, nIn, deriveSeed(spec.seed, STREAM.testInputs));

  if (spec.whiten) {
    // X ← X·Σxx^{-1/2} with the sample's own (uncentered, 1/N) Σxx; the test inputs get the same map
    const sxx = matMul(transpose(trainX, trainSize, nIn), trainX, nIn, trainSize, nIn).map((s) => s / trainSize);
    const whitener = symmetricInverseSqrt(sxx, nIn);
    trainX = matMul(trainX, whitener, trainSize, nIn, nIn);
    testX = matMul(testX, whitener, testSize, nIn, nIn);
  }

  const trainY = labels(trainX, trainSize, spec, teacher, deriveSeed(spec.seed, STREAM.trainNoise));
  const testY = labels(testX, testSize, spec, teacher, deriveSeed(spec.seed, STREAM.testNoise));

  // moments from the float32 values the engine trains on, so every path sees the same numbers
  const data = {
    trainX: Float32Array.from(trainX),
    trainY: Float32Array.from(trainY),
    testX: Float32Array.from(testX),
    testY: Float32Array.from(testY),
  };
  const train = computeMoments(data.trainX, data.trainY, trainSize, nIn, nOut);
  const test = computeMoments(data.testX, data.testY, testSize, nIn, nOut);
  return {
    spec,
    inputDim: nIn,
    outputDim: nOut,
    ...data,
    trainSize,
    testSize,
    train,
    test,
    ...featureSpectrum(train, nIn, nOut),
  };
}
