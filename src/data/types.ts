/**
 * Datasets: pure data, no tfjs. Matrices are row-major Float64Array unless stated.
 * Samples: X is [N, inputDim], Y is [N, outputDim]. Moments use 1/N (population form on the sample).
 */

export interface TeacherSpec {
  inputDim: number;
  outputDim: number;
  /** singular values η₁ ≥ η₂ ≥ … of the teacher map (the "features"); length ≤ min(in, out) */
  spectrum: number[];
  /**
   * label noise: a number is the std of isotropic Gaussian noise added to every output;
   * 'unit-variance' picks per-direction noise so that Σyy = I (the Ersoy–Wiesner setup).
   */
  labelNoise: number | 'unit-variance';
  trainSize: number;
  testSize: number;
  /** if set, the training set is `trainSize` samples drawn without replacement from a pool of this size */
  poolSize?: number;
  /** whiten the training inputs exactly, so that the sample Σxx = I */
  whiten: boolean;
  seed: number;
}

export interface Moments {
  /** Σxx = (1/N) XᵀX  [in × in] */
  sxx: Float64Array;
  /** Σyx = (1/N) YᵀX  [out × in] */
  syx: Float64Array;
  /** Σyy = (1/N) YᵀY  [out × out] */
  syy: Float64Array;
}

export interface Dataset {
  spec: TeacherSpec;
  inputDim: number;
  outputDim: number;
  trainX: Float32Array;
  trainY: Float32Array;
  testX: Float32Array;
  testY: Float32Array;
  trainSize: number;
  testSize: number;
  /** empirical moments of the training set in use */
  train: Moments;
  test: Moments;
  /**
   * SVD of the empirical training Σyx: singular values (descending) and vectors, used by every
   * theory overlay (docs/physics.md §2: overlays use the empirical moments).
   * u: [k × out] (row i = u_i), v: [k × in] (row i = v_i), k = min(in, out)
   */
  syxSvd: { values: number[]; u: Float64Array; v: Float64Array };
  /** per feature k: a_k = v_kᵀ Σxx v_k (1 when whitened), the input strength of docs/physics.md §2 */
  inputStrength: number[];
}
