// Order statistics for the Monte Carlo output (risk.md §7.5: type-7 quantiles).

/** Type-7 quantile (numpy's default) of an ascending array. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length
  if (n === 0) return 0
  const h = (n - 1) * p
  const lo = Math.floor(h)
  const hi = Math.min(n - 1, lo + 1)
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo])
}

/** The k-th smallest value (0-based) by in-place quickselect; `values` is reordered. */
export function selectKth(values: Float64Array, k: number, from = 0, to = values.length - 1): number {
  let lo = from
  let hi = to
  while (hi > lo) {
    // Median of three as pivot keeps sorted and constant runs (many zero-loss years) linear.
    const mid = (lo + hi) >>> 1
    const a = values[lo]
    const b = values[mid]
    const c = values[hi]
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b
    let i = lo
    let j = hi
    while (i <= j) {
      while (values[i] < pivot) i++
      while (values[j] > pivot) j--
      if (i <= j) {
        const t = values[i]
        values[i] = values[j]
        values[j] = t
        i++
        j--
      }
    }
    if (k <= j) hi = j
    else if (k >= i) lo = i
    else return values[k]
  }
  return values[k]
}

/**
 * Type-7 quantiles of non-negative values without a full sort; `scratch` is overwritten. Most
 * simulated years of a threat lose nothing, so the zeros are counted and only the losses selected.
 */
export function quantilesBySelection(values: Float64Array, ps: readonly number[], scratch: Float64Array): number[] {
  const n = values.length
  let m = 0
  for (let i = 0; i < n; i++) if (values[i] !== 0) scratch[m++] = values[i]
  const zeros = n - m
  const orderStatistic = (k: number): number => (k < zeros ? 0 : selectKth(scratch, k - zeros, 0, m - 1))
  return ps.map((p) => {
    const h = (n - 1) * p
    const lo = Math.floor(h)
    const a = orderStatistic(lo)
    if (h === lo || lo + 1 >= n) return a
    // After selecting lo, the next order statistic is the minimum of the part above it.
    let b: number
    if (lo + 1 < zeros) b = 0
    else if (lo < zeros) {
      b = Infinity
      for (let i = 0; i < m; i++) if (scratch[i] < b) b = scratch[i]
    } else {
      b = Infinity
      for (let i = lo - zeros + 1; i < m; i++) if (scratch[i] < b) b = scratch[i]
    }
    return a + (h - lo) * (b - a)
  })
}

/** Mean and standard error of the mean. */
export function meanAndStandardError(values: Float64Array): { mean: number; se: number } {
  const n = values.length
  let sum = 0
  for (let i = 0; i < n; i++) sum += values[i]
  const mean = sum / n
  let squares = 0
  for (let i = 0; i < n; i++) squares += (values[i] - mean) * (values[i] - mean)
  return { mean, se: n > 1 ? Math.sqrt(squares / (n - 1) / n) : 0 }
}

/** Number of batches for batch-means standard errors. */
export const BATCHES = 20

/** Quantile p of each of BATCHES consecutive batches. */
export function batchQuantiles(values: Float64Array, p: number): number[] {
  const size = Math.floor(values.length / BATCHES)
  const out: number[] = []
  for (let b = 0; b < BATCHES; b++) {
    const batch = values.slice(b * size, (b + 1) * size).sort()
    out.push(quantileSorted(batch, p))
  }
  return out
}

/**
 * Standard error of Δ quantile p between base and head. Paired (same iterations, same streams):
 * SE of the batch means of per-batch differences. Unpaired: the two batch SEs combined.
 * Both scaled by 1.3 (risk.md §6) because a full-sample quantile is not a batch mean.
 */
export function deltaQuantileStandardError(base: Float64Array, head: Float64Array, p: number, paired: boolean): number {
  const a = batchQuantiles(base, p)
  const b = batchQuantiles(head, p)
  const se = (xs: number[]): number => {
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length
    return Math.sqrt(xs.reduce((s, x) => s + (x - mean) * (x - mean), 0) / (xs.length - 1) / xs.length)
  }
  const raw = paired ? se(a.map((x, i) => b[i] - x)) : Math.sqrt(se(a) ** 2 + se(b) ** 2)
  return 1.3 * raw
}
