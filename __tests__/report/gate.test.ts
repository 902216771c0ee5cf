import { describe, expect, test } from '@jest/globals'
import { GATE_CONDITIONS } from '../../src/core/config/schema.js'
import { decideGate, DEFAULT_GATE_SETTINGS, gateSettingsFromConfig, type GateInput } from '../../src/core/report/gate.js'

const QUIET: GateInput = { validationErrorCount: 0, newFindings: [], threatChanges: [], moneyChanges: [], maturityChanges: [] }
const ALL = { failOn: [...GATE_CONDITIONS], warnOn: [] }

describe('decideGate', () => {
  test('passes a review with nothing to report, whatever the settings', () => {
    expect(decideGate(QUIET, DEFAULT_GATE_SETTINGS)).toEqual({ status: 'pass', reasons: [] })
    expect(decideGate(QUIET, ALL)).toEqual({ status: 'pass', reasons: [] })
  })

  test('validation errors always fail, even with empty settings', () => {
    const decision = decideGate({ ...QUIET, validationErrorCount: 3 }, { failOn: [], warnOn: ['validation-error'] })
    expect(decision.status).toBe('fail')
    expect(decision.reasons).toEqual([{ condition: 'validation-error', level: 'fail', message: '3 validation errors in the models' }])
  })

  test('new findings gate at or above the configured severity', () => {
    const input: GateInput = {
      ...QUIET,
      newFindings: [
        { id: 'threat-without-mitigation@T-1', severity: 'medium' },
        { id: 'component-without-owner@C-1', severity: 'low' }
      ]
    }
    expect(decideGate(input, { failOn: ['new-finding-high'], warnOn: [] }).status).toBe('pass')
    const medium = decideGate(input, { failOn: ['new-finding-medium'], warnOn: ['new-finding-low'] })
    expect(medium.status).toBe('fail')
    expect(medium.reasons.map((r) => [r.condition, r.level])).toEqual([
      ['new-finding-medium', 'fail'],
      ['new-finding-low', 'warn']
    ])
    expect(medium.reasons[0].message).toBe('1 new finding at medium or above: threat-without-mitigation@T-1 (medium)')
    expect(medium.reasons[1].message).toContain('2 new findings at low or above')
  })

  test('defaults: a new critical threat fails, a new high threat warns', () => {
    const critical = decideGate({ ...QUIET, threatChanges: [{ modelId: 'pay', threatId: 'T-9', head: 'critical' }] }, DEFAULT_GATE_SETTINGS)
    expect(critical.status).toBe('fail')
    expect(critical.reasons.map((r) => r.condition)).toEqual(['new-critical', 'new-high'])
    expect(critical.reasons[0].message).toBe('1 new critical threat: pay/T-9')
    const high = decideGate({ ...QUIET, threatChanges: [{ modelId: 'pay', threatId: 'T-8', head: 'high' }] }, DEFAULT_GATE_SETTINGS)
    expect(high).toEqual({
      status: 'warn',
      reasons: [{ condition: 'new-high', level: 'warn', message: '1 new threat at high or above: pay/T-8 (new → high)' }]
    })
    const medium = decideGate({ ...QUIET, threatChanges: [{ modelId: 'pay', threatId: 'T-7', head: 'medium' }] }, DEFAULT_GATE_SETTINGS)
    expect(medium.status).toBe('pass')
  })

  test('defaults: any increase warns, an increase to critical fails; decreases and removals do not gate', () => {
    const up = decideGate(
      { ...QUIET, threatChanges: [{ modelId: 'pay', threatId: 'T-1', base: 'low', head: 'medium' }] },
      DEFAULT_GATE_SETTINGS
    )
    expect(up.status).toBe('warn')
    expect(up.reasons[0]).toEqual({
      condition: 'severity-increase',
      level: 'warn',
      message: '1 threat increased in severity: pay/T-1 (low → medium)'
    })
    const toCritical = decideGate(
      { ...QUIET, threatChanges: [{ modelId: 'pay', threatId: 'T-1', base: 'high', head: 'critical' }] },
      DEFAULT_GATE_SETTINGS
    )
    expect(toCritical.status).toBe('fail')
    expect(toCritical.reasons.map((r) => `${r.condition}:${r.level}`)).toEqual([
      'severity-increase:warn',
      'severity-increase-to-critical:fail'
    ])
    const down = decideGate(
      {
        ...QUIET,
        threatChanges: [
          { modelId: 'pay', threatId: 'T-1', base: 'critical', head: 'low' },
          { modelId: 'pay', threatId: 'T-2', base: 'critical' },
          { modelId: 'pay', threatId: 'T-3', base: 'critical', head: 'critical' }
        ]
      },
      ALL
    )
    expect(down).toEqual({ status: 'pass', reasons: [] })
  })

  test('only material money increases gate', () => {
    const input: GateInput = {
      ...QUIET,
      moneyChanges: [
        { metric: 'ale-mean', base: 1_200_000, head: 1_900_000, material: true },
        { metric: 'ale-p90', base: 2_950_000, head: 3_000_000, material: false },
        { metric: 'ale-mean', modelId: 'b', base: 500_000, head: 300_000, material: true }
      ]
    }
    const decision = decideGate(input, DEFAULT_GATE_SETTINGS)
    expect(decision.status).toBe('warn')
    expect(decision.reasons).toEqual([
      {
        condition: 'ale-mean-increase',
        level: 'warn',
        message: 'material increase of mean annual loss (ALE): all models 1,200,000 → 1,900,000 (+58%)'
      }
    ])
    const p90 = decideGate({ ...QUIET, moneyChanges: [{ metric: 'ale-p90', modelId: 'pay', base: 0, head: 10, material: true }] }, ALL)
    expect(p90.reasons).toEqual([
      { condition: 'ale-p90-increase', level: 'fail', message: 'material increase of P90 annual loss: pay 0 → 10' }
    ])
  })

  test('maturity regression gates only when configured', () => {
    const input: GateInput = {
      ...QUIET,
      maturityChanges: [
        { category: 'threat-identification', base: 3, head: 2 },
        { category: 'risk-assessment', base: 1, head: 2 }
      ]
    }
    expect(decideGate(input, DEFAULT_GATE_SETTINGS).status).toBe('pass')
    const decision = decideGate(input, { failOn: ['maturity-regression'], warnOn: [] })
    expect(decision).toEqual({
      status: 'fail',
      reasons: [
        { condition: 'maturity-regression', level: 'fail', message: 'maturity fell in 1 category: threat-identification (level 3 → 2)' }
      ]
    })
  })

  test('new attack surface without threats gates only when configured', () => {
    const input: GateInput = {
      ...QUIET,
      newSurface: [
        { modelId: 'shop', kind: 'internet-facing-component', id: 'portal' },
        { modelId: 'shop', kind: 'cross-boundary-flow', id: 'f9' }
      ]
    }
    expect(decideGate(input, DEFAULT_GATE_SETTINGS)).toEqual({ status: 'pass', reasons: [] })
    expect(decideGate(input, { failOn: [], warnOn: ['new-attack-surface'] })).toEqual({
      status: 'warn',
      reasons: [
        {
          condition: 'new-attack-surface',
          level: 'warn',
          message:
            'new attack surface without threats on 2 elements: shop/portal (internet-facing-component), shop/f9 (cross-boundary-flow)'
        }
      ]
    })
  })

  test('a condition in both lists fails; long lists are shortened', () => {
    const threats = Array.from({ length: 8 }, (_, i) => ({
      modelId: 'pay',
      threatId: `T-${i}`,
      base: 'low' as const,
      head: 'high' as const
    }))
    const decision = decideGate({ ...QUIET, threatChanges: threats }, { failOn: ['severity-increase'], warnOn: ['severity-increase'] })
    expect(decision.status).toBe('fail')
    expect(decision.reasons).toHaveLength(1)
    expect(decision.reasons[0].message).toMatch(/^8 threats increased in severity: pay\/T-0 \(low → high\), .* and 3 more$/)
  })
})

describe('gateSettingsFromConfig', () => {
  test('uses the docs/risk-engine.md defaults and lets each configured list replace its default', () => {
    expect(gateSettingsFromConfig(undefined)).toEqual(DEFAULT_GATE_SETTINGS)
    expect(DEFAULT_GATE_SETTINGS.failOn).toEqual(['new-critical', 'severity-increase-to-critical'])
    expect(gateSettingsFromConfig({ fail_on: ['maturity-regression'] })).toEqual({
      failOn: ['maturity-regression'],
      warnOn: DEFAULT_GATE_SETTINGS.warnOn
    })
    expect(gateSettingsFromConfig({ warn_on: [] }).warnOn).toEqual([])
  })

  test('every default is a known gate condition', () => {
    for (const condition of [...DEFAULT_GATE_SETTINGS.failOn, ...DEFAULT_GATE_SETTINGS.warnOn]) {
      expect(GATE_CONDITIONS).toContain(condition)
    }
  })
})
