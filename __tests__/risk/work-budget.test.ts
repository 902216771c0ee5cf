import { describe, expect, test } from '@jest/globals'
import type { ModelDocument, Threat } from '../../src/core/model/schema.js'
import { assessRisk } from '../../src/core/risk/assess.js'
import type { Distribution } from '../../src/core/risk/distributions.js'
import { exactEventLimit, simulateThreat, WORK_BUDGET } from '../../src/core/risk/simulate.js'
import type { MoneyInputs, ResolvedEffect } from '../../src/core/risk/types.js'

// #12: a model states its own event rates, so the engine must bound the draws, not the rates.

function fairThreat(id: string, lef: { min: number; likely: number; max: number }): Threat {
  return {
    id,
    title: id,
    category: 'tampering',
    risk: { fair: { lef, loss: { primary: { response: { min: 1000, likely: 5000, max: 20000 } } } } }
  }
}

function model(threats: Threat[], iterations?: number): ModelDocument {
  return { threatloop: 1, model: { id: 'm', title: 'm' }, threats, ...(iterations ? { risk: { iterations } } : {}) }
}

const pert = (min: number, mode: number, max: number): Distribution => ({ kind: 'pert', min, mode, max, lambda: 4 })

describe('the work budget of the Monte Carlo engine', () => {
  test('every iteration draws at least a few events one by one, and the total per threat is bounded', () => {
    expect(exactEventLimit(10000)).toBe(WORK_BUDGET.eventsPerThreat / 10000)
    expect(exactEventLimit(1000000)).toBe(WORK_BUDGET.minimumEventsPerIteration)
    for (const n of [1000, 10000, 100000, 1000000])
      expect(n * exactEventLimit(n)).toBeLessThanOrEqual(Math.max(WORK_BUDGET.eventsPerThreat, n * WORK_BUDGET.minimumEventsPerIteration))
  })

  test('a billion events a year at a million iterations is simulated, by approximation', () => {
    // Before the budget this drew one loss per event: about 1.7 × 10^14 draws.
    const a = assessRisk(model([fairThreat('T-1', { min: 1, likely: 1, max: 1000000000 })], 1000000), { threatPercentiles: false })
    const residual = a.views.residual
    expect(a.iterations).toBe(1000000)
    // The approximation keeps the compound sum's mean: the Monte Carlo mean agrees with the exact one.
    expect(residual.mcCheck).toBe('ok')
    expect(residual.aleMean).toBeGreaterThan(1e11)
    expect(Number.isFinite(residual.p99)).toBe(true)
    // A second or two in a plain process; Jest's module sandbox runs this loop far slower.
  }, 180000)

  test('above the limit the approximation matches the exact compound sum in mean and spread', () => {
    // 800 events a year on average: 250 one by one at 4,000 iterations, the rest approximated.
    const money: MoneyInputs = {
      provenance: 'quantitative',
      frequency: { lef: pert(600, 800, 1000) },
      primary: [{ form: 'response', distribution: pert(100, 300, 2000) }]
    }
    expect(exactEventLimit(4000)).toBe(250)
    const approximated = new Float64Array(4000)
    simulateThreat('T-big', money, [], 7, approximated)
    // The same threat at 200 iterations is under the budget: every event is drawn.
    const exact = new Float64Array(200)
    simulateThreat('T-big', money, [], 7, exact)
    expect(exactEventLimit(200)).toBeGreaterThan(1000)
    const stats = (xs: Float64Array): { mean: number; sd: number } => {
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length
      return { mean, sd: Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length) }
    }
    const a = stats(approximated)
    const e = stats(exact)
    const exactMean = 800 * ((100 + 4 * 300 + 2000) / 6)
    expect(Math.abs(a.mean - exactMean) / exactMean).toBeLessThan(0.01)
    expect(Math.abs(a.sd - e.sd) / e.sd).toBeLessThan(0.25)
  })

  test('the general path (random effects, secondary loss) is bounded the same way', () => {
    const money: MoneyInputs = {
      provenance: 'quantitative',
      frequency: { tef: pert(1, 1, 1e9), vulnerability: pert(0.5, 0.6, 0.9) },
      primary: [
        { form: 'response', distribution: pert(10, 20, 30) },
        { form: 'productivity', distribution: { kind: 'lognormal', p5: 5, p95: 50 } }
      ],
      secondary: { probability: pert(0.1, 0.2, 0.3), forms: [{ form: 'reputation', distribution: pert(100, 200, 300) }] }
    }
    const effects: ResolvedEffect[] = [
      { mitigation: 'M-1', status: 'implemented', factor: 'loss', reduction: pert(0.1, 0.2, 0.3), stated: '0.1/0.2/0.3' }
    ]
    const a = assessRisk(
      {
        threatloop: 1,
        model: { id: 'm', title: 'm' },
        threats: [
          {
            id: 'T-1',
            title: 't',
            category: 'tampering',
            risk: {
              fair: {
                tef: { min: 1, likely: 1, max: 1e9 },
                vulnerability: { min: 0.5, likely: 0.6, max: 0.9 },
                loss: {
                  primary: { response: { min: 10, likely: 20, max: 30 }, productivity: { p5: 5, p95: 50 } },
                  secondary: { probability: { min: 0.1, likely: 0.2, max: 0.3 }, reputation: { min: 100, likely: 200, max: 300 } }
                }
              }
            }
          }
        ],
        mitigations: [
          {
            id: 'M-1',
            title: 'm',
            status: 'implemented',
            effects: [{ threat: 'T-1', reduces: 'loss', by: { min: 0.1, likely: 0.2, max: 0.3 } }]
          }
        ],
        risk: { iterations: 100000 }
      },
      { threatPercentiles: false }
    )
    expect(a.views.residual.mcCheck).toBe('ok')
    expect(a.views.inherent.mcCheck).toBe('ok')
    const out = new Float64Array(1000)
    simulateThreat('T-1', money, effects, 1, out)
    expect(out.every((x) => Number.isFinite(x) && x >= 0)).toBe(true)
  })
})
