/**
 * Individual fairness as consistency (Zemel et al. 2013, "Learning Fair Representations", ICML):
 * similar people should get similar decisions. AIF360's BinaryLabelDatasetMetric.consistency
 * (and aif360.sklearn.metrics.consistency_score) fit sklearn NearestNeighbors on the features and
 * query every sample, so each sample's k neighbours include itself:
 *   consistency = 1 − (1/n) Σ_i |ŷ_i − mean_{j ∈ kNN(i)} ŷ_j|.
 * Here distances are Euclidean in the model's encoded input space; ties in distance go to the
 * earlier row (exact duplicates share the model's decision, so their order cannot change the score).
 *
 * The search is exact and brute force, made fast for tabular encodings: rows are stored sparsely
 * (one-hot encodings are mostly zeros) and queries are taken in blocks, so each pass over the
 * rows serves many queries.
 */

/** Rows of an n × width matrix in compressed sparse row form, with their squared norms. */
export interface SparseRows {
  n: number;
  width: number;
  /** Row r's entries are index[start[r]…start[r+1]) with values value[…]. */
  start: Int32Array;
  index: Int32Array;
  value: Float64Array;
  norms: Float64Array;
}

export function sparseRows(x: Float32Array, width: number): SparseRows {
  const n = Math.floor(x.length / width);
  let nonZero = 0;
  for (let i = 0; i < n * width; i++) if (x[i] !== 0) nonZero++;
  const start = new Int32Array(n + 1);
  const index = new Int32Array(nonZero);
  const value = new Float64Array(nonZero);
  const norms = new Float64Array(n);
  let at = 0;
  for (let r = 0; r < n; r++) {
    start[r] = at;
    let norm = 0;
    for (let j = 0; j < width; j++) {
      const v = x[r * width + j];
      if (v === 0) continue;
      index[at] = j;
      value[at++] = v;
      norm += v * v;
    }
    norms[r] = norm;
  }
  start[n] = at;
  return { n, width, start, index, value, norms };
}

/** Queries answered per pass over the rows. */
const BLOCK = 64;

/**
 * The k nearest rows (itself included) of each query row, nearest first, ties to the lower index:
 * neighbours[q * k' + j] with k' = min(k, n).
 */
export function nearestRows(rows: SparseRows, queries: Int32Array, k: number): Int32Array {
  const size = Math.min(k, rows.n);
  const out = new Int32Array(queries.length * size);
  for (let from = 0; from < queries.length; from += BLOCK) {
    nearestBlock(rows, queries.subarray(from, Math.min(queries.length, from + BLOCK)), size, out.subarray(from * size));
  }
  return out;
}

function nearestBlock(rows: SparseRows, block: Int32Array, size: number, out: Int32Array): void {
  const { width, start, index, value, norms } = rows;
  const b = block.length;
  // Queries dense and transposed: query q's value at slot p is dense[p * b + q].
  const dense = new Float64Array(width * b);
  block.forEach((row, q) => {
    for (let e = start[row]; e < start[row + 1]; e++) dense[index[e] * b + q] = value[e];
  });
  const dot = new Float64Array(b);
  const bestDistance = new Float64Array(b * size).fill(Infinity);
  const bestIndex = new Int32Array(b * size).fill(-1);
  for (let r = 0; r < rows.n; r++) {
    dot.fill(0);
    for (let e = start[r]; e < start[r + 1]; e++) {
      const v = value[e];
      const base = index[e] * b;
      for (let q = 0; q < b; q++) dot[q] += v * dense[base + q];
    }
    for (let q = 0; q < b; q++) {
      const d = r === block[q] ? 0 : Math.max(0, norms[r] + norms[block[q]] - 2 * dot[q]);
      const list = q * size;
      if (d >= bestDistance[list + size - 1]) continue;
      // Insert, keeping the list sorted; equal distances keep the earlier row first.
      let at = size - 1;
      while (at > 0 && bestDistance[list + at - 1] > d) {
        bestDistance[list + at] = bestDistance[list + at - 1];
        bestIndex[list + at] = bestIndex[list + at - 1];
        at--;
      }
      bestDistance[list + at] = d;
      bestIndex[list + at] = r;
    }
  }
  out.set(bestIndex);
}

/** 1 − |ŷ_q − mean of ŷ over q's k nearest rows| for each query row. */
export function consistencyOfRows(rows: SparseRows, decisions: Uint8Array, queries: Int32Array, k: number): Float64Array {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`Consistency needs k ≥ 1 neighbours; got ${k}.`);
  const size = Math.min(k, rows.n);
  const neighbours = nearestRows(rows, queries, k);
  return Float64Array.from(queries, (q, j) => {
    let sum = 0;
    for (let t = 0; t < size; t++) sum += decisions[neighbours[j * size + t]];
    return 1 - Math.abs(decisions[q] - sum / size);
  });
}
