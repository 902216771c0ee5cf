import { describe, expect, test } from '@jest/globals'
import { compileSampler, sample, type Distribution } from '../../src/core/risk/distributions.js'
import { streamKey, uniform } from '../../src/core/risk/random.js'
import { resolveEngineSettings, resolveThreat, vulnerabilityFromStrengths } from '../../src/core/risk/resolve.js'
import { assessRisk } from '../../src/core/risk/assess.js'

describe('resolving threat inputs', () => {
  test('V = P(TC > RS) agrees with a direct Monte Carlo estimate', () => {
    const tc: Distribution = { kind: 'pert', min: 40, mode: 60, max: 90, lambda: 4 }
    const rs: Distribution = { kind: 'pert', min: 50, mode: 70, max: 85, lambda: 4 }
    const v = vulnerabilityFromStrengths(tc, rs)
    const a = compileSampler(tc)
    const b = compileSampler(rs)
    const ka = streamKey(1, 'T', 'tc')
    const kb = streamKey(1, 'T', 'rs')
    const n = 200000
    let wins = 0
    for (let i = 0; i < n; i++) if (sample(a, uniform(ka, i, 0)) > sample(b, uniform(kb, i, 0))) wins++
    expect(Math.abs(wins / n - v)).toBeLessThan(5 * Math.sqrt((v * (1 - v)) / n))
    expect(vulnerabilityFromStrengths({ kind: 'constant', value: 90 }, { kind: 'constant', value: 50 })).toBe(1)
    expect(vulnerabilityFromStrengths({ kind: 'constant', value: 10 }, rs)).toBe(0)
  })

  test('partial FAIR inputs are completed from the stated levels and marked derived', () => {
    const s = resolveEngineSettings(undefined)
    const t = resolveThreat(
      {
        id: 'T-1',
        title: 'x',
        likelihood: 'high',
        risk: { fair: { loss: { primary: { response: { min: 1000, likely: 5000, max: 50000 } } } } }
      },
      [],
      s
    )
    expect(t.money?.provenance).toBe('derived-from-qualitative')
    expect('lef' in t.money!.frequency).toBe(true)
    expect(t.statedSeverity).toBeUndefined()
    const incomplete = resolveThreat({ id: 'T-2', title: 'y', risk: { fair: { tef: { min: 1, likely: 2, max: 3 } } } }, [], s)
    expect(incomplete.money).toBeUndefined()
    expect(incomplete.severitySource).toBe('unrated')
  })

  test('likelihood under risk: wins over the top-level field', () => {
    const s = resolveEngineSettings(undefined)
    const t = resolveThreat({ id: 'T-3', title: 'z', likelihood: 'low', impact: 'low', risk: { likelihood: 'high' } }, [], s)
    expect(t.likelihood).toBe('high')
    expect(t.statedSeverity).toBe('medium')
  })

  test('effects combine multiplicatively and never exceed 100 %', () => {
    const model = {
      threatloop: 1 as const,
      model: { id: 'm', title: 'm' },
      threats: [{ id: 'T-1', title: 't', likelihood: 'medium' as const, impact: 'medium' as const }],
      mitigations: [
        {
          id: 'M-1',
          title: 'a',
          status: 'implemented' as const,
          effects: [{ threat: 'T-1', reduces: 'lef' as const, strength: 'maximum' as const }]
        },
        {
          id: 'M-2',
          title: 'b',
          status: 'existing' as const,
          effects: [{ threat: 'T-1', reduces: 'tef' as const, strength: 'maximum' as const }]
        },
        {
          id: 'M-3',
          title: 'c',
          status: 'verified' as const,
          effects: [{ threat: 'T-1', reduces: 'loss' as const, strength: 'average' as const }]
        }
      ],
      risk: { iterations: 1000 }
    }
    const a = assessRisk(model)
    const t = a.threats[0].views
    expect(t.residual.aleMean).toBe(Math.round(t.inherent.aleMean! * 0.05 * 0.05 * 0.5))
    expect(t.residual.aleMean!).toBeGreaterThan(0)
  })
})
