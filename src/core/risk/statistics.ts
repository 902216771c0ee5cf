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

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
/** Index of a double's high 32 bits (sign, exponent, top of the mantissa) in its Uint32 pair. */
const HIGH_WORD = LITTLE_ENDIAN ? 1 : 0
const BUCKET_BITS = 11

/** 1 or 0 for a condition, computed without a branch (V8 compiles a ternary to a jump). */
function bit(flag: boolean): number {
  return (flag as unknown as number) | 0
}

/**
 * Buckets of non-negative doubles by the high 32 bits of their encoding, which order them as
 * their values do, so a rank can be found by counting instead of comparing: random comparisons are
 * mispredicted branches, and those were most of the cost of a threat's P50 and P90.
 */
class RankIndex {
  private readonly high: Uint32Array
  private readonly counts: Int32Array
  private readonly first: number
  private readonly shift: number
  private readonly buckets: number

  constructor(private readonly values: Float64Array, private readonly m: number, private readonly gather: Float64Array) {
    this.high = new Uint32Array(values.buffer, values.byteOffset, values.length * 2)
    let low = 0x7fffffff
    let top = 0
    for (let i = 0; i < m; i++) {
      const h = this.high[2 * i + HIGH_WORD]
      if (h < low) low = h
      if (h > top) top = h
    }
    this.first = low
    const range = top - low
    this.shift = Math.max(0, 32 - Math.clz32(range) - BUCKET_BITS)
    this.buckets = (range >>> this.shift) + 1
    this.counts = new Int32Array(this.buckets)
    for (let i = 0; i < m; i++) this.counts[(this.high[2 * i + HIGH_WORD] - low) >>> this.shift]++
  }

  /** Copies the values of bucket b to the front of `gather` (without branches); returns how many. */
  private collect(b: number): number {
    const { high, values, gather, first, shift } = this
    let c = 0
    for (let i = 0; i < this.m; i++) {
      gather[c] = values[i]
      c += bit(((high[2 * i + HIGH_WORD] - first) >>> shift) === b)
    }
    return c
  }

  /** The k-th smallest value (0-based) and the one after it (k + 1, or the same at the end). */
  pair(k: number): [number, number] {
    let b = 0
    let before = 0
    while (before + this.counts[b] <= k) before += this.counts[b++]
    const c = this.collect(b)
    const r = k - before
    const value = selectKth(this.gather, r, 0, c - 1)
    if (r + 1 < c) {
      let next = Infinity
      for (let i = r + 1; i < c; i++) next = Math.min(next, this.gather[i])
      return [value, next]
    }
    let following = b + 1
    while (following < this.buckets && this.counts[following] === 0) following++
    if (following === this.buckets) return [value, value]
    const d = this.collect(following)
    let next = Infinity
    for (let i = 0; i < d; i++) next = Math.min(next, this.gather[i])
    return [value, next]
  }
}

/**
 * Type-7 quantiles of non-negative values without a full sort; `scratch` (at least twice the
 * length of `values`) is overwritten. Most simulated years of a threat lose nothing, so the zeros
 * are counted and only the losses ranked.
 */
export function quantilesBySelection(values: Float64Array, ps: readonly number[], scratch: Float64Array): number[] {
  const n = values.length
  const losses = scratch.subarray(0, n)
  const gather = scratch.subarray(n, 2 * n)
  let m = 0
  for (let i = 0; i < n; i++) {
    const v = values[i]
    losses[m] = v
    m += bit(v !== 0)
  }
  const zeros = n - m
  let index: RankIndex | undefined
  const orderPair = (k: number): [number, number] => {
    if (k + 1 < zeros || m === 0) return [0, 0]
    index ??= new RankIndex(losses, m, gather)
    if (k < zeros) return [0, index.pair(0)[0]]
    return index.pair(k - zeros)
  }
  return ps.map((p) => {
    const h = (n - 1) * p
    const lo = Math.floor(h)
    const [a, b] = orderPair(lo)
    if (h === lo || lo + 1 >= n) return a
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
