import { describe, expect, test } from '@jest/globals'
import { compileSampler, poissonInverse, sample, sampleFromHash, type Distribution } from '../../src/core/risk/distributions.js'
import { mix32, streamKey, uniform, unitFromHash } from '../../src/core/risk/random.js'
import { roundMoney, simulateThreat } from '../../src/core/risk/simulate.js'
import type { MoneyInputs, ResolvedEffect } from '../../src/core/risk/types.js'

const pert = (min: number, mode: number, max: number, lambda = 4): Distribution => ({ kind: 'pert', min, mode, max, lambda })

/** the computation of docs/risk-engine.md §4 for one LEF range, one loss form and fixed reductions, written plainly. */
function specKernel(
  threatId: string,
  lef: Distribution,
  loss: Distribution,
  lefKeep: number,
  lossKeep: number,
  seed: number,
  iterations: number
): Float64Array {
  const lefSampler = compileSampler(lef)
  const lossSampler = compileSampler(loss)
  const lefKey = streamKey(seed, threatId, 'lef')
  const nKey = streamKey(seed, threatId, 'n')
  const lossKey = streamKey(seed, threatId, 'lm:response')
  const out = new Float64Array(iterations)
  for (let i = 0; i < iterations; i++) {
    const n = poissonInverse(sample(lefSampler, uniform(lefKey, i, 0)) * lefKeep, uniform(nKey, i, 0))
    let total = 0
    for (let j = 0; j < n; j++) total += Math.round(sample(lossSampler, uniform(lossKey, i, j)) * lossKeep)
    out[i] = total
  }
  return out
}

function money(lef: Distribution, loss: Distribution): MoneyInputs {
  return { provenance: 'quantitative', frequency: { lef }, primary: [{ form: 'response', distribution: loss }] }
}

const constantEffect = (mitigation: string, factor: ResolvedEffect['factor'], value: number): ResolvedEffect => ({
  mitigation,
  status: 'implemented',
  factor,
  reduction: { kind: 'constant', value },
  stated: 'average'
})

describe('roundMoney', () => {
  test('is Math.round for every non-negative loss, including the cases floor(x + 0.5) gets wrong', () => {
    const cases = [
      0,
      0.5,
      1.5,
      2.5,
      0.49999999999999994,
      0.49999999999999983,
      1e6 + 0.5,
      2 ** 52 - 0.5,
      2 ** 52,
      2 ** 52 + 1,
      2 ** 53 + 2,
      1.7976931348623157e308
    ]
    for (const x of cases) expect(roundMoney(x)).toBe(Math.round(x))
    const key = streamKey(7, 'round', 'x')
    const differing: number[] = []
    for (let i = 0; i < 20000; i++) {
      const x = uniform(key, i, 0) * 10 ** (i % 12)
      if (roundMoney(x) !== Math.round(x)) differing.push(x)
    }
    expect(differing).toEqual([])
  })
})

describe('sampleFromHash', () => {
  test('draws bit for bit what sample draws at the same uniform, in the table and in both tail cells', () => {
    const samplers = [
      compileSampler(pert(3000, 10000, 100000)),
      compileSampler(pert(0, 0.2, 1, 20)),
      compileSampler({ kind: 'lognormal', p5: 10, p95: 1000 }),
      compileSampler({ kind: 'constant', value: 4 })
    ]
    const hashes = [0, 1, 0x3fffff, 0x400000, 0xffbfffff, 0xffc00000, 0xffffffff, -1, -0x80000000]
    for (let i = 0; i < 20000; i++) hashes.push(mix32(i))
    const differing: string[] = []
    for (const [k, s] of samplers.entries())
      for (const h of hashes) {
        const expected = sample(s, ((h >>> 0) + 0.5) / 4294967296)
        if (!Object.is(sampleFromHash(s, h | 0), expected)) differing.push(`${k}:${h}`)
      }
    expect(differing).toEqual([])
  })

  test('unitFromHash is the uniform of the mixed value', () => {
    for (let i = 0; i < 1000; i++) expect(unitFromHash(i * 7919)).toBe(((mix32(i * 7919) >>> 0) + 0.5) / 4294967296)
  })
})

describe('the simulation kernel', () => {
  // Shapes from the calibration's very-low to very-high levels, where events per year go from
  // rare to several, so the Poisson search and the loss loop both take every path.
  const shapes: [Distribution, Distribution][] = [
    [pert(0.01, 0.03, 0.1), pert(3000, 10000, 100000)],
    [pert(0.1, 0.3, 1), pert(30000, 100000, 1e6)],
    [pert(1, 3, 10), pert(300000, 1e6, 1e7)],
    [pert(5, 20, 60), pert(10, 20, 30)],
    [pert(600, 800, 1000), pert(1, 2, 3)],
    [{ kind: 'constant', value: 0 }, pert(1, 2, 3)],
    [pert(0.2, 0.5, 2), { kind: 'lognormal', p5: 5000, p95: 3e6 }]
  ]

  test.each(shapes.map((s, i) => [i, ...s] as const))(
    'shape %i equals the specification pseudo-code, draw for draw',
    (index, lef, loss) => {
      const iterations = index === 4 ? 200 : 5000
      const out = new Float64Array(iterations)
      simulateThreat(`T-${index}`, money(lef, loss), [], 20240601, out)
      expect(Array.from(out)).toEqual(Array.from(specKernel(`T-${index}`, lef, loss, 1, 1, 20240601, iterations)))
    }
  )

  test('fixed-strength reductions on frequency and loss are applied as in the pseudo-code', () => {
    const lef = pert(0.5, 2, 6)
    const loss = pert(1000, 5000, 90000)
    const effects = [constantEffect('M-1', 'lef', 0.5), constantEffect('M-2', 'primary', 0.25), constantEffect('M-3', 'loss', 0.75)]
    const out = new Float64Array(4000)
    simulateThreat('T-r', money(lef, loss), effects, 99, out)
    expect(Array.from(out)).toEqual(Array.from(specKernel('T-r', lef, loss, 0.5, 0.75 * 0.25, 99, 4000)))
  })

  test('the fast path and the general path agree exactly', () => {
    const lef = pert(0.5, 2, 6)
    const loss = pert(1000, 5000, 90000)
    const fast = new Float64Array(4000)
    simulateThreat('T-g', money(lef, loss), [constantEffect('M-1', 'lef', 0.5)], 5, fast)
    // A PERT reduction of exactly zero forces the general loop without changing any draw.
    const zero: ResolvedEffect = { mitigation: 'M-0', status: 'implemented', factor: 'tef', reduction: pert(0, 0, 0), stated: 'none' }
    const general = new Float64Array(4000)
    simulateThreat('T-g', money(lef, loss), [constantEffect('M-1', 'lef', 0.5), zero], 5, general)
    expect(Array.from(general)).toEqual(Array.from(fast))
    expect(fast.some((x) => x > 0)).toBe(true)
  })
})
