import { describe, expect, test } from '@jest/globals'
import {
  adoptPertFamily,
  buildPertFamily,
  cachedPertFamily,
  compileSampler,
  emptyPertFamily,
  distributionMean,
  distributionVariance,
  familyRows,
  pertFamily,
  PERT_FAMILY_CACHE_SIZE,
  normalQuantile,
  pertQuantiles,
  poissonInverse,
  samplerMoments,
  QUANTILE_NODES,
  sample,
  type Distribution
} from '../../src/core/risk/distributions.js'
import { streamKey, uniform } from '../../src/core/risk/random.js'
import { quantileSorted, quantilesBySelection } from '../../src/core/risk/statistics.js'

const PERT_CASES: [number, number, number, number][] = [
  [0, 0.5, 1, 4],
  [2, 6, 24, 4],
  [0.05, 0.15, 0.4, 20],
  [5000, 20000, 150000, 4],
  [0, 10000, 200000, 4],
  [10, 10, 50, 4],
  [10, 50, 50, 4],
  [0.1, 0.3, 1, 160],
  [1, 1.7, 9, 160],
  [100, 400, 1000, 7.5]
]

describe('beta-PERT quantile tables', () => {
  test.each(PERT_CASES)('PERT(%p, %p, %p, λ=%p) table moments match the closed forms', (min, mode, max, lambda) => {
    const d: Distribution = { kind: 'pert', min, mode, max, lambda }
    const closedMean = (min + lambda * mode + max) / (lambda + 2)
    expect(distributionMean(d)).toBeCloseTo(closedMean, 12)
    const closedVariance = ((closedMean - min) * (max - closedMean)) / (lambda + 3)
    expect(distributionVariance(d)).toBeCloseTo(closedVariance, 10)
    const m = samplerMoments(compileSampler(d))
    expect(Math.abs(m.mean - closedMean) / (max - min)).toBeLessThan(2e-5)
    // Narrow shapes (λ = 160) lose a little variance in the two tail cells.
    expect(Math.abs(m.variance - closedVariance) / closedVariance).toBeLessThan(lambda > 20 ? 2e-3 : 5e-4)
  })

  test('the table is monotone and spans [min, max]', () => {
    const t = pertQuantiles(3, 4, 11, 4, new Float64Array(QUANTILE_NODES + 1))
    expect(t[0]).toBe(3)
    expect(t[QUANTILE_NODES]).toBe(11)
    for (let j = 1; j <= QUANTILE_NODES; j++) expect(t[j]).toBeGreaterThanOrEqual(t[j - 1])
  })

  test('the r-grid has 256 rows, 1,024 when λ > 20', () => {
    expect(familyRows(4)).toBe(256)
    expect(familyRows(20)).toBe(256)
    expect(familyRows(160)).toBe(1024)
  })

  test('the median of a symmetric PERT is its mode', () => {
    const t = pertQuantiles(0, 5, 10, 4, new Float64Array(QUANTILE_NODES + 1))
    expect(t[QUANTILE_NODES / 2]).toBeCloseTo(5, 6)
  })

  test('sampled moments agree with the closed forms within 5 standard errors', () => {
    const d: Distribution = { kind: 'pert', min: 2, mode: 6, max: 24, lambda: 4 }
    const s = compileSampler(d)
    const key = streamKey(7, 'T-1', 'tef')
    const n = 200000
    let sum = 0
    let squares = 0
    for (let i = 0; i < n; i++) {
      const x = sample(s, uniform(key, i, 0))
      sum += x
      squares += x * x
    }
    const mean = sum / n
    const variance = squares / n - mean * mean
    const se = Math.sqrt(distributionVariance(d) / n)
    expect(Math.abs(mean - distributionMean(d))).toBeLessThan(5 * se)
    expect(Math.abs(variance - distributionVariance(d)) / distributionVariance(d)).toBeLessThan(0.02)
  })
})

describe('lognormal from a 90 % interval', () => {
  test('the 5th and 95th percentiles are p5 and p95', () => {
    const s = compileSampler({ kind: 'lognormal', p5: 50000, p95: 3000000 })
    expect(sample(s, 0.05)).toBeCloseTo(50000, -1)
    expect(sample(s, 0.95)).toBeCloseTo(3000000, -3)
  })
  test('the sampled mean matches exp(μ + σ²/2) within 5 SE', () => {
    const d: Distribution = { kind: 'lognormal', p5: 1000, p95: 20000 }
    const s = compileSampler(d)
    const key = streamKey(1, 'T-9', 'slm:fines_judgements')
    const n = 200000
    let sum = 0
    for (let i = 0; i < n; i++) sum += sample(s, uniform(key, i, 3))
    expect(Math.abs(sum / n - distributionMean(d))).toBeLessThan(5 * Math.sqrt(distributionVariance(d) / n))
  })
})

describe('normal quantile and Poisson inversion', () => {
  test.each([
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.05, -1.6448536269514722],
    [0.001, -3.090232306167813],
    [1e-9, -5.997807015007686]
  ])('Φ⁻¹(%p) = %p', (u, z) => {
    expect(Math.abs(normalQuantile(u) - z)).toBeLessThan(1e-8 * Math.max(1, Math.abs(z)))
  })

  test.each([0.05, 0.3, 2.5, 40])('Poisson(%p) by inversion has mean and variance λ', (lambda) => {
    const key = streamKey(3, 'T-2', 'n')
    const n = 100000
    let sum = 0
    let squares = 0
    for (let i = 0; i < n; i++) {
      const k = poissonInverse(lambda, uniform(key, i, 0))
      sum += k
      squares += k * k
    }
    const mean = sum / n
    expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n))
    expect(Math.abs(squares / n - mean * mean - lambda) / lambda).toBeLessThan(0.05)
  })

  test('Poisson inversion follows the CDF at its steps', () => {
    const p0 = Math.exp(-2)
    expect(poissonInverse(2, p0 - 1e-12)).toBe(0)
    expect(poissonInverse(2, p0 + 1e-12)).toBe(1)
    expect(poissonInverse(0, 0.999)).toBe(0)
  })
})

describe('type-7 quantiles by selection', () => {
  test('equal a full sort for many shapes of data', () => {
    const key = streamKey(11, 'T-q', 'x')
    for (const [n, zeroShare] of [
      [1, 0],
      [2, 0.5],
      [10, 0.9],
      [101, 0.3],
      [1000, 0.97],
      [5000, 0],
      [5000, 0.5],
      [10000, 0.99],
      [10000, 0.2]
    ]) {
      // Small integers, heavy-tailed losses over many binades, and one repeated loss.
      const shapes = [(u: number): number => Math.round(u * 1000), (u: number): number => Math.round(1000 / u ** 3), (): number => 7]
      for (const shape of shapes) {
        const values = new Float64Array(n)
        for (let i = 0; i < n; i++) values[i] = uniform(key, i, 0) < zeroShare ? 0 : shape(uniform(key, i, 1))
        const sorted = values.slice().sort()
        const ps = [0, 0.1, 0.5, 0.9, 0.95, 0.99, 1]
        const expected = ps.map((p) => quantileSorted(sorted, p))
        expect(quantilesBySelection(values, ps, new Float64Array(3 * n))).toEqual({
          quantiles: expected,
          positive: values.filter((v) => v > 0).length
        })
      }
    }
  })
})

describe('PERT family cache', () => {
  test('keeps the last few λ only (a process reading many models stays bounded), recomputing the same tables', () => {
    const first = pertFamily(3.5)
    expect(pertFamily(3.5)).toBe(first)
    for (let k = 0; k < PERT_FAMILY_CACHE_SIZE; k++) pertFamily(5 + k / 10)
    const again = pertFamily(3.5)
    expect(again).not.toBe(first)
    expect(again).toEqual(first)
    // Least recently used goes first, and a hit counts as a use.
    const lambdas = Array.from({ length: PERT_FAMILY_CACHE_SIZE }, (_, k) => 6 + k / 10)
    const tables = lambdas.map((l) => pertFamily(l))
    expect(pertFamily(lambdas[0])).toBe(tables[0])
    pertFamily(9.5)
    expect(pertFamily(lambdas[0])).toBe(tables[0])
    expect(pertFamily(lambdas[1])).not.toBe(tables[1])
  })

  test('a family built into shared memory (as a simulation thread builds it) is bit-for-bit the cached one, and adopting it is not building it', () => {
    for (const lambda of [4, 25]) {
      const built = buildPertFamily(lambda, emptyPertFamily(lambda))
      expect(built.buffer).toBeInstanceOf(SharedArrayBuffer)
      expect(built.length).toBe(familyRows(lambda) * (QUANTILE_NODES + 1))
      expect(Buffer.from(built.buffer).equals(Buffer.from(pertFamily(lambda).buffer))).toBe(true)
    }
    const lambda = 7.25
    expect(cachedPertFamily(lambda)).toBeUndefined()
    const shared = buildPertFamily(lambda, emptyPertFamily(lambda))
    adoptPertFamily(lambda, shared)
    expect(cachedPertFamily(lambda)).toBe(shared)
    expect(pertFamily(lambda)).toBe(shared)
  })
})
