/**
 * Small dense linear algebra over row-major Float64Array matrices (pure; wraps ml-matrix).
 * A matrix is passed as (data, rows, cols); results are fresh Float64Arrays.
 */
import { EigenvalueDecomposition, Matrix, QrDecomposition, SingularValueDecomposition, pseudoInverse as mlPseudoInverse } from 'ml-matrix';

export function toMatrix(data: ArrayLike<number>, rows: number, cols: number): Matrix {
  if (data.length !== rows * cols) throw new Error(`expected ${rows}×${cols} = ${rows * cols} entries, got ${data.length}`);
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, data[i * cols + j]);
  return m;
}

export function fromMatrix(m: Matrix): Float64Array {
  const out = new Float64Array(m.rows * m.columns);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.columns; j++) out[i * m.columns + j] = m.get(i, j);
  return out;
}

/** C = A·B with A [m × k], B [k × n] */
export function matMul(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      if (aip === 0) continue;
      for (let j = 0; j < n; j++) c[i * n + j] += aip * b[p * n + j];
    }
  }
  return c;
}

export function transpose(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
  return t;
}

export function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

/**
 * A Haar-random orthogonal n×n matrix from a stream of standard normals: QR of a Gaussian matrix,
 * with the signs of R's diagonal moved into Q so the distribution is uniform.
 */
export function randomOrthogonal(n: number, normal: () => number): Float64Array {
  const g = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) g.set(i, j, normal());
  const qr = new QrDecomposition(g);
  const q = qr.orthogonalMatrix;
  const r = qr.upperTriangularMatrix;
  const out = fromMatrix(q);
  for (let j = 0; j < n; j++) {
    if (r.get(j, j) < 0) for (let i = 0; i < n; i++) out[i * n + j] = -out[i * n + j];
  }
  return out;
}

/**
 * S^{-1/2} of a symmetric positive-definite n×n matrix (by eigendecomposition). Throws when S is
 * singular to working precision (e.g. fewer samples than dimensions).
 */
export function symmetricInverseSqrt(s: ArrayLike<number>, n: number): Float64Array {
  const evd = new EigenvalueDecomposition(toMatrix(s, n, n), { assumeSymmetric: true });
  const values = evd.realEigenvalues;
  const vectors = evd.eigenvectorMatrix;
  const largest = Math.max(...values.map(Math.abs));
  const smallest = Math.min(...values);
  if (!(smallest > 1e-10 * largest)) {
    throw new Error(`matrix is not positive definite (eigenvalues ${smallest.toPrecision(3)} … ${largest.toPrecision(3)})`);
  }
  const out = new Float64Array(n * n);
  for (let e = 0; e < n; e++) {
    const w = 1 / Math.sqrt(values[e]);
    for (let i = 0; i < n; i++) {
      const vi = vectors.get(i, e) * w;
      for (let j = 0; j < n; j++) out[i * n + j] += vi * vectors.get(j, e);
    }
  }
  return out;
}

export function pseudoInverse(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  return fromMatrix(mlPseudoInverse(toMatrix(a, rows, cols)));
}

export interface Svd {
  /** singular values, descending; length k = min(rows, cols) */
  values: number[];
  /** left singular vectors as rows: [k × rows] */
  u: Float64Array;
  /** right singular vectors as rows: [k × cols] */
  v: Float64Array;
}

/**
 * Thin SVD A = Σ_i values[i]·u_i v_iᵀ, values descending. Sign convention (so results are
 * reproducible): the entry of largest magnitude of each u_i is positive.
 */
export function svd(a: ArrayLike<number>, rows: number, cols: number): Svd {
  const k = Math.min(rows, cols);
  const dec = new SingularValueDecomposition(toMatrix(a, rows, cols), { autoTranspose: true });
  const order = dec.diagonal
    .slice(0, k)
    .map((value, i) => ({ value, i }))
    .sort((x, y) => y.value - x.value);
  const left = dec.leftSingularVectors;
  const right = dec.rightSingularVectors;
  const u = new Float64Array(k * rows);
  const v = new Float64Array(k * cols);
  order.forEach(({ i }, slot) => {
    let pivot = 0;
    for (let r = 0; r < rows; r++) if (Math.abs(left.get(r, i)) > Math.abs(left.get(pivot, i))) pivot = r;
    const sign = left.get(pivot, i) < 0 ? -1 : 1;
    for (let r = 0; r < rows; r++) u[slot * rows + r] = sign * left.get(r, i);
    for (let c = 0; c < cols; c++) v[slot * cols + c] = sign * right.get(c, i);
  });
  return { values: order.map((o) => o.value), u, v };
}

/** singular values only, descending; NaN-filled when A has a non-finite entry */
export function singularValues(a: ArrayLike<number>, rows: number, cols: number): number[] {
  const k = Math.min(rows, cols);
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return new Array<number>(k).fill(NaN);
  if (rows === 1 || cols === 1) {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i] * a[i];
    return [Math.sqrt(s)];
  }
  const dec = new SingularValueDecomposition(toMatrix(a, rows, cols), {
    autoTranspose: true,
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
  });
  return dec.diagonal.slice(0, k).sort((x, y) => y - x);
}
