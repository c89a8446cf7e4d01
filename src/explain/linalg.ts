/**
 * Weighted least squares for KernelSHAP and LIME: small dense systems (tens of unknowns), solved
 * through the normal equations with a Cholesky factorisation in Float64.
 */

/**
 * Solves A·x = b for a symmetric positive semi-definite m × m matrix A (row-major). When A is
 * singular (a coalition design that never separates two features) a tiny ridge, growing from
 * 1e-10 of the mean diagonal, is added until the factorisation succeeds: the minimum-norm-like
 * answer that numpy's lstsq would give for the degenerate directions.
 */
export function solveSymmetric(a: Float64Array, b: Float64Array, m: number): Float64Array {
  let meanDiagonal = 0;
  for (let i = 0; i < m; i++) meanDiagonal += a[i * m + i];
  meanDiagonal = m > 0 ? Math.abs(meanDiagonal) / m : 0;
  const scale = meanDiagonal > 0 ? meanDiagonal : 1;
  for (let attempt = 0; attempt < 8; attempt++) {
    const jitter = attempt === 0 ? 0 : scale * 1e-10 * 100 ** (attempt - 1);
    const l = cholesky(a, m, jitter);
    if (l) return choleskySolve(l, b, m);
  }
  throw new Error('The least-squares system could not be solved: the design matrix is degenerate.');
}

function cholesky(a: Float64Array, m: number, jitter: number): Float64Array | null {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * m + j] + (i === j ? jitter : 0);
      for (let k = 0; k < j; k++) s -= l[i * m + k] * l[j * m + k];
      if (i === j) {
        if (!(s > 1e-300) || !Number.isFinite(s)) return null;
        l[i * m + i] = Math.sqrt(s);
      } else {
        l[i * m + j] = s / l[j * m + j];
      }
    }
  }
  return l;
}

function choleskySolve(l: Float64Array, b: Float64Array, m: number): Float64Array {
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * m + k] * y[k];
    y[i] = s / l[i * m + i];
  }
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < m; k++) s -= l[k * m + i] * x[k];
    x[i] = s / l[i * m + i];
  }
  return x;
}

export interface WeightedFit {
  coefficients: Float64Array;
  intercept: number;
  /** Weighted coefficient of determination of the fit on its own samples. */
  r2: number | null;
}

/**
 * Weighted ridge regression with an unpenalised intercept, as scikit-learn's
 * `Ridge(alpha, fit_intercept=True).fit(X, y, sample_weight=w)`: X and y are centred on their
 * weighted means, then (XᶜᵀWXᶜ + αI)β = XᶜᵀWyᶜ. `x` is rows × cols, row-major.
 */
export function weightedRidge(x: Float64Array, y: Float64Array, w: Float64Array, rows: number, cols: number, alpha: number): WeightedFit {
  let wSum = 0;
  let yMean = 0;
  const xMean = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    wSum += w[r];
    yMean += w[r] * y[r];
    for (let c = 0; c < cols; c++) xMean[c] += w[r] * x[r * cols + c];
  }
  if (!(wSum > 0)) throw new Error('Weighted ridge regression needs positive sample weights.');
  yMean /= wSum;
  for (let c = 0; c < cols; c++) xMean[c] /= wSum;
  const a = new Float64Array(cols * cols);
  const b = new Float64Array(cols);
  const row = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) row[c] = x[r * cols + c] - xMean[c];
    const yc = y[r] - yMean;
    const wr = w[r];
    for (let i = 0; i < cols; i++) {
      const wi = wr * row[i];
      b[i] += wi * yc;
      for (let j = 0; j <= i; j++) a[i * cols + j] += wi * row[j];
    }
  }
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j < i; j++) a[j * cols + i] = a[i * cols + j];
    a[i * cols + i] += alpha;
  }
  const coefficients = solveSymmetric(a, b, cols);
  let intercept = yMean;
  for (let c = 0; c < cols; c++) intercept -= xMean[c] * coefficients[c];
  let sse = 0;
  let sst = 0;
  for (let r = 0; r < rows; r++) {
    let fit = intercept;
    for (let c = 0; c < cols; c++) fit += x[r * cols + c] * coefficients[c];
    sse += w[r] * (y[r] - fit) ** 2;
    sst += w[r] * (y[r] - yMean) ** 2;
  }
  return { coefficients, intercept, r2: sst > 0 ? Math.max(0, Math.min(1, 1 - sse / sst)) : null };
}
