// Sampling by inverse CDF (docs/risk-engine.md §7.3). Beta-PERT shapes depend only on λ and the relative
// position of the mode r = (mode − min)/(max − min), so one family of standard quantile tables
// per λ on an r-grid serves every threat: a threat's table is the blend of the two neighbouring
// rows, scaled to [min, max]. Quantile blending keeps the mean exactly linear in r, as the PERT
// mean is, so the blend adds no bias to the mean.

/** An uncertain quantity as the model states it. */
export type Distribution =
  | { kind: 'constant'; value: number }
  | { kind: 'pert'; min: number; mode: number; max: number; lambda: number }
  | { kind: 'lognormal'; p5: number; p95: number }

/** Number of quantile intervals per table (the u-grid). */
export const QUANTILE_NODES = 1024
/** Rows of the r-grid: 256, or 1,024 when λ > 20 (narrow shapes move faster with r). */
export function familyRows(lambda: number): number {
  return lambda > 20 ? 1024 : 256
}

/** z of the standard normal at 95 %: the (p5, p95) interval spans 2 × 1.6449 = 3.2897 σ. */
const Z95_SPAN = 3.2897

/** μ and σ of the lognormal whose 5th and 95th percentiles are p5 and p95. */
export function lognormalParameters(p5: number, p95: number): { mu: number; sigma: number } {
  const a = Math.log(p5)
  const b = Math.log(p95)
  return { mu: (a + b) / 2, sigma: (b - a) / Z95_SPAN }
}

/** Closed-form mean of a distribution. */
export function distributionMean(d: Distribution): number {
  switch (d.kind) {
    case 'constant':
      return d.value
    case 'pert':
      return d.max === d.min ? d.min : (d.min + d.lambda * d.mode + d.max) / (d.lambda + 2)
    case 'lognormal': {
      const { mu, sigma } = lognormalParameters(d.p5, d.p95)
      return Math.exp(mu + (sigma * sigma) / 2)
    }
  }
}

/** Closed-form variance of a distribution. */
export function distributionVariance(d: Distribution): number {
  switch (d.kind) {
    case 'constant':
      return 0
    case 'pert': {
      const mean = distributionMean(d)
      return ((mean - d.min) * (d.max - mean)) / (d.lambda + 3)
    }
    case 'lognormal': {
      const { mu, sigma } = lognormalParameters(d.p5, d.p95)
      return (Math.exp(sigma * sigma) - 1) * Math.exp(2 * mu + sigma * sigma)
    }
  }
}

/** The low and high ends used for sensitivity swings: min/max, or the 90 % interval. */
export function distributionRange(d: Distribution): [number, number] {
  if (d.kind === 'constant') return [d.value, d.value]
  if (d.kind === 'pert') return [d.min, d.max]
  return [d.p5, d.p95]
}

const SIMPSON_INTERVALS = 4096
/** PERT families kept (2–8 MB each); a model's settings name at most four λ, many models more. */
export const PERT_FAMILY_CACHE_SIZE = 8
/** Least recently used first (a Map keeps insertion order; a hit moves its entry to the end). */
const familyCache = new Map<number, Float64Array>()
let logGrid: { lnX: Float64Array; lnOneMinusX: Float64Array } | undefined

function logarithmGrid(): { lnX: Float64Array; lnOneMinusX: Float64Array } {
  if (logGrid) return logGrid
  const points = 2 * SIMPSON_INTERVALS + 1
  const lnX = new Float64Array(points)
  const lnOneMinusX = new Float64Array(points)
  for (let g = 0; g < points; g++) {
    const x = g / (points - 1)
    lnX[g] = Math.log(x)
    lnOneMinusX[g] = Math.log(1 - x)
  }
  logGrid = { lnX, lnOneMinusX }
  return logGrid
}

/** One row of standard Beta(1 + λr, 1 + λ(1 − r)) quantiles at u = j/QUANTILE_NODES. */
function buildFamilyRow(lambda: number, r: number, out: Float64Array, offset: number, cdf: Float64Array, density: Float64Array): void {
  const a1 = lambda * r
  const b1 = lambda * (1 - r)
  const { lnX, lnOneMinusX } = logarithmGrid()
  // Scale by the density at the mode so exp never overflows or underflows where the mass is.
  const peak = (a1 === 0 ? 0 : a1 * Math.log(r)) + (b1 === 0 ? 0 : b1 * Math.log(1 - r))
  const points = density.length
  for (let g = 0; g < points; g++) {
    const left = a1 === 0 ? 0 : a1 * lnX[g]
    const right = b1 === 0 ? 0 : b1 * lnOneMinusX[g]
    const value = left + right - peak
    density[g] = value > -745 ? Math.exp(value) : 0
  }
  const h = 1 / SIMPSON_INTERVALS
  cdf[0] = 0
  for (let k = 0; k < SIMPSON_INTERVALS; k++) cdf[k + 1] = cdf[k] + (h / 6) * (density[2 * k] + 4 * density[2 * k + 1] + density[2 * k + 2])
  const total = cdf[SIMPSON_INTERVALS]
  out[offset] = 0
  out[offset + QUANTILE_NODES] = 1
  let k = 0
  for (let j = 1; j < QUANTILE_NODES; j++) {
    const target = (j / QUANTILE_NODES) * total
    while (k < SIMPSON_INTERVALS - 1 && cdf[k + 1] < target) k++
    const span = cdf[k + 1] - cdf[k]
    const within = span > 0 ? (target - cdf[k]) / span : 0
    out[offset + j] = (k + within) * h
  }
}

/** The standard quantile tables of the PERT family for λ, one row per r-grid point (the last few are cached). */
export function pertFamily(lambda: number): Float64Array {
  const cached = familyCache.get(lambda)
  if (cached) {
    familyCache.delete(lambda)
    familyCache.set(lambda, cached)
    return cached
  }
  const table = buildPertFamily(lambda, emptyPertFamily(lambda))
  familyCache.set(lambda, table)
  // Bounded: however many models and settings one process reads, the tables it keeps stay few.
  if (familyCache.size > PERT_FAMILY_CACHE_SIZE) familyCache.delete(familyCache.keys().next().value!)
  return table
}

/** The family for λ if this thread has it (built or adopted), without building it. */
export function cachedPertFamily(lambda: number): Float64Array | undefined {
  return familyCache.get(lambda)
}

/**
 * Room for the family of λ, in shareable memory: simulation threads read the same tables without
 * a copy (`adoptPertFamily`), and one thread can build a family that another then adopts.
 */
export function emptyPertFamily(lambda: number): Float64Array {
  const bytes = familyRows(lambda) * (QUANTILE_NODES + 1) * Float64Array.BYTES_PER_ELEMENT
  return new Float64Array(new SharedArrayBuffer(bytes))
}

/** Writes the family of λ into `table` (from `emptyPertFamily(lambda)`), the same numbers on any thread. */
export function buildPertFamily(lambda: number, table: Float64Array): Float64Array {
  const rows = familyRows(lambda)
  const width = QUANTILE_NODES + 1
  const cdf = new Float64Array(SIMPSON_INTERVALS + 1)
  const density = new Float64Array(2 * SIMPSON_INTERVALS + 1)
  for (let i = 0; i < rows; i++) buildFamilyRow(lambda, i / (rows - 1), table, i * width, cdf, density)
  return table
}

/**
 * Takes a family built elsewhere (another thread's `pertFamily(lambda)`, shared, not copied) into
 * this thread's cache; ignored unless it has the family's shape.
 */
export function adoptPertFamily(lambda: number, table: Float64Array): void {
  if (familyCache.has(lambda) || table.length !== familyRows(lambda) * (QUANTILE_NODES + 1)) return
  familyCache.set(lambda, table)
  if (familyCache.size > PERT_FAMILY_CACHE_SIZE) familyCache.delete(familyCache.keys().next().value!)
}

/** The λ of every PERT distribution among these, once each. */
export function pertLambdas(distributions: Iterable<Distribution>): number[] {
  const lambdas = new Set<number>()
  for (const d of distributions) if (d.kind === 'pert' && d.max > d.min) lambdas.add(d.lambda)
  return [...lambdas]
}

/** Fills `out` (length QUANTILE_NODES + 1) with the quantiles of PERT(min, mode, max, λ). */
export function pertQuantiles(min: number, mode: number, max: number, lambda: number, out: Float64Array): Float64Array {
  const range = max - min
  if (!(range > 0)) {
    out.fill(min)
    return out
  }
  const family = pertFamily(lambda)
  const rows = familyRows(lambda)
  const width = QUANTILE_NODES + 1
  const position = ((mode - min) / range) * (rows - 1)
  const row = Math.min(rows - 2, Math.floor(position))
  const w = position - row
  const a = row * width
  const b = a + width
  for (let j = 0; j < width; j++) out[j] = min + range * ((1 - w) * family[a + j] + w * family[b + j])
  return out
}

// Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9).
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239]
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1]
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]
const P_LOW = 0.02425

/** Standard normal quantile Φ⁻¹(u) for u ∈ (0, 1). */
export function normalQuantile(u: number): number {
  if (u < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(u))
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1)
  }
  if (u > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - u))
    return -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1)
  }
  const q = u - 0.5
  const r = q * q
  return (
    ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1)
  )
}

/** Poisson count with mean `mean` by inversion of its CDF at u. */
export function poissonInverse(mean: number, u: number): number {
  if (!(mean > 0)) return 0
  if (mean > 500) {
    // exp(−mean) underflows; at this size the normal approximation is far below sampling noise.
    return Math.max(0, Math.floor(mean + Math.sqrt(mean) * normalQuantile(u) + 0.5))
  }
  // e^(−λ) > 1 − λ by λ²/2, far above rounding when λ > 1e-6: u ≤ 1 − λ means no event for
  // certain, the same answer as the full inversion, without computing exp.
  if (mean > 1e-6 && u <= 1 - mean) return 0
  let p = Math.exp(-mean)
  let cdf = p
  let k = 0
  while (u > cdf) {
    k++
    p *= mean / k
    if (p === 0 && k > mean) break
    cdf += p
  }
  return k
}

/** A distribution compiled for the sampling loop. */
export interface Sampler {
  /** 0 constant, 1 quantile table, 2 lognormal. */
  kind: 0 | 1 | 2
  value: number
  table: Float64Array
  mu: number
  sigma: number
  /** 1/α and 1/β: the power-law shape of the beta quantile in the first and last table cells. */
  lowExponent: number
  highExponent: number
}

const EMPTY = new Float64Array(0)

/** Compiles a distribution into a sampler; PERT tables are written into `buffer` when given. */
export function compileSampler(d: Distribution, buffer?: Float64Array): Sampler {
  if (d.kind === 'constant') return { kind: 0, value: d.value, table: EMPTY, mu: 0, sigma: 0, lowExponent: 1, highExponent: 1 }
  if (d.kind === 'lognormal') {
    const { mu, sigma } = lognormalParameters(d.p5, d.p95)
    return { kind: 2, value: 0, table: EMPTY, mu, sigma, lowExponent: 1, highExponent: 1 }
  }
  if (!(d.max > d.min)) return { kind: 0, value: d.min, table: EMPTY, mu: 0, sigma: 0, lowExponent: 1, highExponent: 1 }
  const table = pertQuantiles(d.min, d.mode, d.max, d.lambda, buffer ?? new Float64Array(QUANTILE_NODES + 1))
  const r = (d.mode - d.min) / (d.max - d.min)
  return { kind: 1, value: 0, table, mu: 0, sigma: 0, lowExponent: 1 / (1 + d.lambda * r), highExponent: 1 / (1 + d.lambda * (1 - r)) }
}

const LAST_CELL = QUANTILE_NODES - 1

/**
 * Draws from a compiled sampler at u. Inside the table, linear interpolation; in the first and
 * last cells the beta quantile behaves like u^(1/α) and 1 − (1 − u)^(1/β), where a chord would
 * put visible bias on the mean of skewed or narrow shapes, so those two cells follow the power law.
 */
export function sample(s: Sampler, u: number): number {
  if (s.kind === 1) {
    const position = u * QUANTILE_NODES
    const j = position | 0
    if (j > 0 && j < LAST_CELL) {
      const t = s.table
      const lo = t[j]
      return lo + (position - j) * (t[j + 1] - lo)
    }
    return tailSample(s, position, j)
  }
  return s.kind === 0 ? s.value : Math.exp(s.mu + s.sigma * normalQuantile(u))
}

const CELL_BITS = 32 - Math.log2(QUANTILE_NODES)
const CELL_MASK = 2 ** CELL_BITS - 1
const TWO_TO_MINUS_CELL_BITS = 2 ** -CELL_BITS

/**
 * `sample(s, u)` for the uniform u = (hash + 0.5)·2^−32 of a 32-bit mixed hash, read straight from
 * the hash's bits: its top bits are the table cell and the rest the position inside it, both exact,
 * so the value is bit-for-bit `sample(s, u)` without the float-to-integer conversion.
 */
export function sampleFromHash(s: Sampler, hash: number): number {
  if (s.kind === 1) {
    const j = hash >>> CELL_BITS
    if (j > 0 && j < LAST_CELL) {
      const t = s.table
      const lo = t[j]
      return lo + ((hash & CELL_MASK) + 0.5) * TWO_TO_MINUS_CELL_BITS * (t[j + 1] - lo)
    }
  }
  return sample(s, ((hash >>> 0) + 0.5) / 4294967296)
}

/** The first or last table cell (kept out of `sample` so the hot path stays small enough to inline). */
function tailSample(s: Sampler, position: number, j: number): number {
  const t = s.table
  if (j === 0) return t[0] + (t[1] - t[0]) * Math.pow(position, s.lowExponent)
  return t[QUANTILE_NODES] - (t[QUANTILE_NODES] - t[LAST_CELL]) * Math.pow(QUANTILE_NODES - position, s.highExponent)
}

/** Mean and variance of what any compiled sampler draws (tables by `samplerMoments`). */
export function drawMoments(s: Sampler): { mean: number; variance: number } {
  if (s.kind === 0) return { mean: s.value, variance: 0 }
  if (s.kind === 2) {
    const s2 = s.sigma * s.sigma
    return { mean: Math.exp(s.mu + s2 / 2), variance: (Math.exp(s2) - 1) * Math.exp(2 * s.mu + s2) }
  }
  return samplerMoments(s)
}

/** Exact mean and variance of what a table sampler draws (for checking tables against closed forms). */
export function samplerMoments(s: Sampler): { mean: number; variance: number } {
  if (s.kind !== 1) throw new Error('samplerMoments reads table samplers only')
  const t = s.table
  const h = 1 / QUANTILE_NODES
  let m1 = 0
  let m2 = 0
  for (let j = 1; j < LAST_CELL; j++) {
    const a = t[j]
    const b = t[j + 1]
    m1 += ((a + b) / 2) * h
    m2 += ((a * a + a * b + b * b) / 3) * h
  }
  // First cell: t0 + D·x^p over x ∈ [0, 1]; last: tK − D·x^q.
  const p = s.lowExponent
  const d0 = t[1] - t[0]
  m1 += h * (t[0] + d0 / (p + 1))
  m2 += h * (t[0] * t[0] + (2 * t[0] * d0) / (p + 1) + (d0 * d0) / (2 * p + 1))
  const q = s.highExponent
  const top = t[QUANTILE_NODES]
  const d1 = top - t[LAST_CELL]
  m1 += h * (top - d1 / (q + 1))
  m2 += h * (top * top - (2 * top * d1) / (q + 1) + (d1 * d1) / (2 * q + 1))
  return { mean: m1, variance: m2 - m1 * m1 }
}
