import { expect, test } from '@jest/globals'
import { embeddedMaturityChecks } from '../../src/core/maturity/assess-maturity.js'
import { resolveThresholds } from '../../src/core/maturity/maturity-check-set.js'
import { parseYamlDocument } from '../../src/core/model/yaml-document.js'
import { assess, byId, category, FULL_CONTEXT, matureModel } from './maturity-fixtures.js'

/** The mature fixture with two more threats: `mapped` of the four threats mapped to CWE, CAPEC or ATT&CK. */
function withExtraThreats(mapped: 2 | 3): ReturnType<typeof matureModel> {
  const model = matureModel()
  model.threats.push(
    {
      id: 'T-3',
      title: 'Third',
      category: 'repudiation',
      targets: ['api'],
      status: 'mitigated',
      mitigations: ['M-1'],
      references: mapped === 3 ? { cwe: ['CWE-294'] } : {}
    },
    { id: 'T-4', title: 'Fourth', category: 'repudiation', targets: ['api'], status: 'mitigated', mitigations: ['M-1'], references: {} }
  )
  return model
}

test('the embedded checks expose the tunable thresholds with their defaults', () => {
  const thresholds = embeddedMaturityChecks().thresholds
  expect([...thresholds.keys()].sort()).toEqual([
    'catalogue-age-days',
    'coverage-percent',
    'mapping-percent',
    'model-errors',
    'stale-review-days',
    'tracker-drift'
  ])
  expect(thresholds.get('mapping-percent')).toMatchObject({
    default: 80,
    unit: 'percent',
    direction: 'at-least',
    usedBy: ['threat-categorization.mapped']
  })
  expect(thresholds.get('coverage-percent')).toMatchObject({ default: 80, unit: 'percent', direction: 'at-least' })
  expect(thresholds.get('stale-review-days')).toMatchObject({
    default: 180,
    unit: 'days',
    direction: 'at-most',
    usedBy: ['osint.reviewed-regularly', 'risk-management.reviewed-recently']
  })
  expect(thresholds.get('catalogue-age-days')).toMatchObject({ default: 365, unit: 'days' })
  expect(thresholds.get('model-errors')).toMatchObject({ default: 0, unit: 'count', direction: 'at-most' })
})

test('the mapping threshold is tunable, and the report shows the tuned value', () => {
  const byDefault = category(assess(withExtraThreats(2)), 'threat-categorization')
  expect(byDefault.level).toBe(2)
  expect(byDefault.nextStep?.text).toBe('to reach level 3: map ≥ 80 % of threats to CWE, CAPEC or ATT&CK (now 50 %; not yet: T-3, T-4)')
  expect(byDefault.nextStep?.check.measure).toEqual({ value: 50, unit: 'percent', threshold: 80 })

  const lowered = category(assess(withExtraThreats(2), FULL_CONTEXT, { thresholds: { 'mapping-percent': 50 } }), 'threat-categorization')
  expect(lowered.level).toBe(4)
  expect(lowered.passing.find((r) => r.id === 'threat-categorization.mapped')).toMatchObject({
    explanation: 'map ≥ 50 % of threats to CWE, CAPEC or ATT&CK',
    measure: { value: 50, unit: 'percent', threshold: 50 }
  })

  const raised = category(assess(matureModel(), FULL_CONTEXT, { thresholds: { 'mapping-percent': 100 } }), 'threat-categorization')
  expect(raised.level).toBe(4)
  const stricter = category(assess(withExtraThreats(2), FULL_CONTEXT, { thresholds: { 'mapping-percent': 76 } }), 'threat-categorization')
  expect(stricter.nextStep?.text).toBe('to reach level 3: map ≥ 76 % of threats to CWE, CAPEC or ATT&CK (now 50 %; not yet: T-3, T-4)')
})

test('a level one element short of its threshold costs the category one level at most (practice, not perfection)', () => {
  // Three of four threats mapped: 75 %, one threat short of 80 %. Level 3 is practised, level 4 met.
  const held = category(assess(withExtraThreats(3)), 'threat-categorization')
  expect(held.level).toBe(3)
  expect(held.levels.map((l) => l.status)).toEqual(['not-scored', 'met', 'short', 'met'])
  expect(held.heldShort).toMatchObject({ id: 'threat-categorization.mapped', oneShort: true, passed: false })
  expect(held.nextStep?.text).toBe('to secure level 3: map ≥ 80 % of threats to CWE, CAPEC or ATT&CK (now 75 %; not yet: T-4)')
  // One element short on two levels is one shortfall: T-4 is neither categorised nor mapped.
  const same = withExtraThreats(3)
  delete byId(same.threats, 'T-4').category
  const once = category(assess(same), 'threat-categorization')
  expect(once.levels.map((l) => l.status)).toEqual(['not-scored', 'short', 'short', 'met'])
  expect(once.level).toBe(3)
  // Shortfalls of different elements are not forgiven together: the level stops below the second one.
  const model = withExtraThreats(3)
  delete byId(model.threats, 'T-3').category
  const twice = category(assess(model), 'threat-categorization')
  expect(twice.levels.map((l) => l.status)).toEqual(['not-scored', 'short', 'short', 'met'])
  // Level 2 counts as practised, so the category sits one below it: under the seed's first level here.
  expect(twice.level).toBe(null)
})

test('the stale-review days are tunable', () => {
  const model = matureModel()
  model.model.reviewed = '2025-06-01'
  expect(category(assess(model), 'risk-management').level).toBe(2)
  const tuned = category(assess(model, FULL_CONTEXT, { thresholds: { 'stale-review-days': 228 } }), 'risk-management')
  expect(tuned.level).toBe(4)
  expect(tuned.passing.find((r) => r.id === 'risk-management.reviewed-recently')?.explanation).toBe(
    'the model was reviewed in the last 228 days'
  )
  const tooStrict = category(assess(model, FULL_CONTEXT, { thresholds: { 'stale-review-days': 227 } }), 'risk-management')
  expect(tooStrict.nextStep?.text).toBe('to reach level 3: the model was reviewed in the last 227 days (now 228 days)')
})

test('a model never reviewed fails the review check without a made-up measure', () => {
  const model = matureModel()
  delete model.model.reviewed
  const result = category(assess(model), 'risk-management')
  expect(result.nextStep?.text).toBe('to reach level 3: the model was reviewed in the last 180 days')
  expect(result.nextStep?.check.measure).toBeUndefined()
})

test('unknown names and out-of-range values are warnings naming the setting; the defaults stay', () => {
  const text = 'maturity:\n  thresholds:\n    maping-percent: 70\n    stale-review-days: -3\n    mapping-percent: 101\n'
  const parsed = parseYamlDocument('.threatloop.yaml', text)
  if (!parsed.ok) throw new Error('config fixture does not parse')
  const { values, problems } = resolveThresholds(
    embeddedMaturityChecks(),
    { 'maping-percent': 70, 'stale-review-days': -3, 'mapping-percent': 101 },
    { configFile: '.threatloop.yaml', configSourceMap: parsed.document.sourceMap }
  )
  expect(values.get('mapping-percent')).toBe(80)
  expect(values.get('stale-review-days')).toBe(180)
  expect(problems.map((p) => [p.line, p.path, p.severity, p.message])).toEqual([
    [
      3,
      'maturity.thresholds.maping-percent',
      'warning',
      'unknown maturity threshold `maping-percent`; did you mean `mapping-percent`? (known: catalogue-age-days, coverage-percent, mapping-percent, model-errors, stale-review-days, tracker-drift)'
    ],
    [
      4,
      'maturity.thresholds.stale-review-days',
      'warning',
      'maturity threshold `stale-review-days` must be a whole number ≥ 0, got -3; using the default 180'
    ],
    [
      5,
      'maturity.thresholds.mapping-percent',
      'warning',
      'maturity threshold `mapping-percent` must be a whole number from 0 to 100, got 101; using the default 80'
    ]
  ])
  // An assessment with bad settings still runs on the defaults and reports the settings it ignored.
  const report = assess(matureModel(), FULL_CONTEXT, { thresholds: { 'mapping-percent': 101 } })
  expect(category(report, 'threat-categorization').level).toBe(4)
  expect(report.problems.map((p) => p.code)).toEqual(['config/maturity-threshold'])
})

test('a residual severity from the risk assessment decides which threats are high', () => {
  // T-2 is low by its likelihood and impact; a critical residual severity makes it high.
  expect(category(assess(matureModel()), 'threat-categorization').level).toBe(4)
  const report = assess(matureModel(), FULL_CONTEXT, { residualSeverities: { 'T-2': 'critical' } })
  expect(category(report, 'threat-categorization').nextStep?.text).toBe(
    'to reach level 4: at least 80 % of high threats state their business impact (now 50 %; not yet: T-2)'
  )
  // And a residual severity of low takes T-1 out of the high threats.
  const model = matureModel()
  delete byId(model.threats, 'T-1').business_impact
  expect(category(assess(model), 'threat-categorization').level).toBe(3)
  expect(category(assess(model, FULL_CONTEXT, { residualSeverities: { 'T-1': 'low' } }), 'threat-categorization').level).toBe(4)
  // null (not rated by the risk engine) falls back to the qualitative severity.
  expect(category(assess(model, FULL_CONTEXT, { residualSeverities: { 'T-1': null } }), 'threat-categorization').level).toBe(3)
})

test('percentages round down, so a threshold is never met by rounding', () => {
  const model = matureModel()
  model.threats.push({
    id: 'T-3',
    title: 'Unmapped',
    category: 'repudiation',
    targets: ['api'],
    status: 'mitigated',
    mitigations: ['M-1'],
    references: {}
  })
  // Two of three threats are mapped: 66.7 %.
  const at = (threshold: number): ReturnType<typeof category> =>
    category(assess(model, FULL_CONTEXT, { thresholds: { 'mapping-percent': threshold } }), 'threat-categorization')
  expect(at(66).level).toBe(4)
  expect(at(66).heldShort).toBeUndefined()
  expect(at(67).heldShort?.id).toBe('threat-categorization.mapped')
  expect(at(67).nextStep?.text).toBe('to secure level 3: map ≥ 67 % of threats to CWE, CAPEC or ATT&CK (now 66 %; not yet: T-3)')
})
