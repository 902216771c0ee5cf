// Order statistics for the Monte Carlo output (docs/risk-engine.md §7.5: type-7 quantiles).

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

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
/** Index of a double's high 32 bits (sign, exponent, top of the mantissa) in its Uint32 pair. */
const HIGH_WORD = LITTLE_ENDIAN ? 1 : 0
const BUCKET_BITS = 11

/** 1 or 0 for a condition, computed without a branch (V8 compiles a ternary to a jump). */
function bit(flag: boolean): number {
  return (flag as unknown as number) | 0
}

/**
 * Type-7 quantiles of non-negative values without a full sort; `scratch` (at least three times
 * the length of `values`) is overwritten. Also returns how many values are above zero.
 *
 * Most simulated years of a threat lose nothing, so zeros are counted and only losses ranked. The
 * losses are bucketed by the high 32 bits of their encoding, which order non-negative doubles as
 * their values do, so a rank is found by counting; only the bucket holding it (and the next one,
 * for the interpolation partner) is gathered and selected in. The passes over all values have no
 * data-dependent branches: random comparisons are mispredicted, and those were most of the cost.
 */
export function quantilesBySelection(
  values: Float64Array,
  ps: readonly number[],
  scratch: Float64Array
): { quantiles: number[]; positive: number } {
  const n = values.length
  const losses = scratch.subarray(0, n)
  let m = 0
  let smallest = Infinity
  let largest = 0
  for (let i = 0; i < n; i++) {
    const v = values[i]
    losses[m] = v
    const zero = bit(v === 0)
    m += 1 - zero
    largest = Math.max(largest, v)
    smallest = Math.min(smallest, v + zero * Number.MAX_VALUE)
  }
  const zeros = n - m
  const positions = ps.map((p) => {
    const h = (n - 1) * p
    const lo = Math.floor(h)
    return { h, lo, interpolate: h !== lo && lo + 1 < n }
  })
  // Order statistics among the zeros need no ranking: 0, and the smallest loss just above them.
  const ranked = rankLosses(
    losses,
    m,
    scratch,
    smallest,
    largest,
    positions.filter((x) => x.lo >= zeros).map((x) => x.lo - zeros)
  )
  let next = 0
  const quantiles = positions.map((x) => {
    const [a, b] = x.lo + 1 < zeros ? [0, 0] : x.lo < zeros ? [0, smallest] : ranked[next++]
    return x.interpolate ? a + (x.h - x.lo) * (b - a) : a
  })
  return { quantiles, positive: m }
}

/** For each rank k among the m losses (0-based): the k-th smallest and the (k + 1)-th (or itself at the end). */
function rankLosses(
  losses: Float64Array,
  m: number,
  scratch: Float64Array,
  smallest: number,
  largest: number,
  ranks: readonly number[]
): [number, number][] {
  if (ranks.length === 0) return []
  const n = losses.length
  // The high words, read as signed integers: non-negative doubles have the sign bit clear.
  const high = new Int32Array(losses.buffer, losses.byteOffset, 2 * n)
  const low = highWord(smallest)
  const range = highWord(largest) - low
  const shift = Math.max(0, 32 - Math.clz32(range) - BUCKET_BITS)
  const buckets = (range >>> shift) + 1
  const counts = new Int32Array(buckets)
  for (let i = 0; i < m; i++) counts[(high[2 * i + HIGH_WORD] - low) >>> shift]++
  // Bucket range [from, to] holding rank k and k + 1, and the rank of k inside that range.
  const spans = ranks.map((k) => {
    let b = 0
    let before = 0
    while (before + counts[b] <= k) before += counts[b++]
    let to = b
    if (k + 1 - before >= counts[b]) {
      to = b + 1
      while (to < buckets && counts[to] === 0) to++
      to = Math.min(to, buckets - 1)
    }
    return { from: b, width: to - b, rank: k - before }
  })
  const results: [number, number][] = []
  // Two spans per pass, gathered into two regions of the scratch beyond the losses.
  const regionA = scratch.subarray(n, 2 * n)
  const regionB = scratch.subarray(2 * n, 3 * n)
  for (let s = 0; s < spans.length; s += 2) {
    const first = spans[s]
    const second = spans[s + 1] ?? first
    let ca = 0
    let cb = 0
    for (let i = 0; i < m; i++) {
      const v = losses[i]
      const bucket = (high[2 * i + HIGH_WORD] - low) >>> shift
      regionA[ca] = v
      ca += bit((bucket - first.from) >>> 0 <= first.width)
      regionB[cb] = v
      cb += bit((bucket - second.from) >>> 0 <= second.width)
    }
    results.push(pairAt(regionA, ca, first.rank))
    if (s + 1 < spans.length) results.push(pairAt(regionB, cb, second.rank))
  }
  return results
}

/** The r-th smallest of the first c values and the smallest above it (or itself when last). */
function pairAt(region: Float64Array, c: number, r: number): [number, number] {
  const value = selectKth(region, r, 0, c - 1)
  if (r + 1 >= c) return [value, value]
  let next = Infinity
  for (let i = r + 1; i < c; i++) next = Math.min(next, region[i])
  return [value, next]
}

const wordView = new Float64Array(1)
const words = new Int32Array(wordView.buffer)

function highWord(value: number): number {
  wordView[0] = value
  return words[HIGH_WORD]
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
 * Both scaled by 1.3 (docs/risk-engine.md §6) because a full-sample quantile is not a batch mean.
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
