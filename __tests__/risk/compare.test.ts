import { describe, expect, test } from '@jest/globals'
import type { ModelDocument } from '../../src/core/model/schema.js'
import { assessRisk } from '../../src/core/risk/assess.js'
import { compareRisk, isMaterial } from '../../src/core/risk/compare.js'
import { riskModel } from './fixtures.js'

function edit(change: (m: ModelDocument) => void): ModelDocument {
  const m = structuredClone(riskModel())
  change(m)
  return m
}
const threat = (m: ModelDocument, id: string) => m.threats!.find((t) => t.id === id)!
const mitigation = (m: ModelDocument, id: string) => m.mitigations!.find((x) => x.id === id)!

describe('compareRisk', () => {
  const baseModel = riskModel()
  const base = assessRisk(baseModel)

  test('identical models: no threat moves, no gate, zero SE', () => {
    const d = compareRisk(base, assessRisk(riskModel(), { previous: base }))
    expect(d.threats).toEqual([])
    expect(d.unchanged).toBe(11)
    expect(d.unchangedWithMovement).toBe(0)
    expect(d.paired).toBe(true)
    expect(d.views.residual.aleMean.change).toBe(0)
    expect(d.views.residual.p90.se).toBe(0)
    expect(d.gates.fail).toEqual([])
    expect(d.gates.warn).toEqual([])
  })

  test('reasons name the first differing input', () => {
    const head = edit((m) => {
      threat(m, 'T-010').likelihood = 'very-high'
      mitigation(m, 'M-9').status = 'implemented'
      threat(m, 'T-042').risk!.fair!.tef = { min: 4, likely: 12, max: 48 }
      m.threats = m.threats!.filter((t) => t.id !== 'T-033')
      m.threats.push({ id: 'T-090', title: 'New SSRF', likelihood: 'high', impact: 'high' })
      threat(m, 'T-030').risk!.cvss = 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N'
    })
    const d = compareRisk(base, assessRisk(head, { previous: base }))
    const why = Object.fromEntries(d.threats.map((t) => [t.id, t.reason]))
    expect(why).toEqual({
      'T-010': 'likelihood high → very-high',
      'T-020': 'mitigation M-9 planned → implemented',
      'T-042': 'tef 2/6/24 → 4/12/48',
      'T-033': 'removed',
      'T-090': 'new threat',
      'T-030': 'cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H → CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N'
    })
    const moves = Object.fromEntries(d.threats.map((t) => [t.id, `${t.severity.base} → ${t.severity.head} ${t.direction}`]))
    expect(moves['T-010']).toBe('high → critical up')
    expect(moves['T-020']).toBe('high → medium down')
    expect(moves['T-090']).toBe('null → critical up')
    expect(moves['T-030']).toBe('critical → medium down')
    // Sorted by |Δ mean ALE|, largest first.
    const sizes = d.threats.map((t) => Math.abs(t.aleMean.change))
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes)
    expect(d.gates.newCritical).toEqual(['T-090'])
    expect(d.gates.increaseToCritical).toEqual(['T-010'])
    expect(moves['T-042']).toBe('medium → high up')
    expect(d.gates.severityIncrease).toEqual(['T-010', 'T-042', 'T-090'])
    expect(d.gates.fail).toEqual(['new-critical', 'severity-increase-to-critical'])
    expect(d.gates.info.some((line) => line.startsWith('T-020 high → medium: mitigation M-9 planned → implemented'))).toBe(true)
    expect(d.views.residual.severityCounts.change.critical).toBe(
      d.views.residual.severityCounts.head.critical - d.views.residual.severityCounts.base.critical
    )
  })

  test('a material mean increase warns; the exact mean has no noise', () => {
    const head = edit((m) => (threat(m, 'T-010').impact = 'high'))
    const d = compareRisk(base, assessRisk(head))
    expect(d.views.residual.aleMean.change).toBeGreaterThan(50000)
    expect(d.views.residual.aleMean.material).toBe(true)
    expect(d.gates.materialMeanIncrease).toBe(true)
    expect(d.gates.warn).toContain('ale-mean-increase')
    expect(d.gates.fail).toEqual(['severity-increase-to-critical'])
  })

  test('small changes are not material, and paired streams make their P90 SE small', () => {
    const head = edit((m) => (threat(m, 'T-050').risk!.fair!.tef = { min: 0.5, likely: 1.05, max: 4 }))
    const d = compareRisk(base, assessRisk(head, { previous: base }))
    const v = d.views.residual
    expect(Math.abs(v.aleMean.change)).toBeLessThan(5000)
    expect(v.aleMean.material).toBe(false)
    expect(v.p90.material).toBe(false)
    expect(v.p90.se!).toBeLessThan(Math.max(1, 0.01 * v.p90.base))
    expect(d.threats.map((t) => t.id)).toEqual(['T-050'])
  })

  test('unpaired comparisons (different seed) carry a larger SE', () => {
    const reseeded = assessRisk({ ...baseModel, risk: { ...baseModel.risk, seed: 5 } })
    const d = compareRisk(base, reseeded)
    expect(d.paired).toBe(false)
    expect(d.views.residual.p90.se!).toBeGreaterThan(1000)
    expect(d.views.residual.aleMean.change).toBe(0)
  })

  test('without samples (a deserialised assessment) the SE is unknown', () => {
    const copy = JSON.parse(JSON.stringify(base)) as typeof base
    const d = compareRisk(copy, base)
    expect(d.views.residual.p90.se).toBeNull()
    expect(d.threats).toEqual([])
  })

  test('materiality needs all of noise, relative and absolute floors', () => {
    const floors = { relative: 0.1, absolute: 50000 }
    expect(isMaterial(60000, 100000, 0, floors, 3)).toBe(true)
    expect(isMaterial(60000, 1000000, 0, floors, 3)).toBe(false)
    expect(isMaterial(40000, 100000, 0, floors, 3)).toBe(false)
    expect(isMaterial(60000, 100000, 25000, floors, 3)).toBe(false)
    expect(isMaterial(0, 0, 0, { relative: 0, absolute: 0 }, 3)).toBe(false)
  })

  test('gate lists follow the model configuration', () => {
    const head = edit((m) => m.threats!.push({ id: 'T-091', title: 'New high', likelihood: 'medium', impact: 'high' }))
    const d = compareRisk(base, assessRisk(head), { gates: { fail_on: ['new-high'], warn_on: [] } })
    expect(d.gates.newHigh).toEqual(['T-091'])
    expect(d.gates.fail).toEqual(['new-high'])
    expect(d.gates.warn).toEqual([])
  })
})
