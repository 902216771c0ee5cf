import { describe, expect, test } from '@jest/globals'
import { loadModel } from '../../src/core/model/load.js'
import type { ModelDocument } from '../../src/core/model/schema.js'
import { renderReviewMarkdown } from '../../src/core/render/review-markdown.js'
import { DEFAULT_GATE_SETTINGS } from '../../src/core/report/gate.js'
import { reviewChange } from '../../src/core/review/review.js'
import { loadRuleSet } from '../../src/core/rules/rule-set.js'
import { mitigationValues } from '../../src/core/value/mitigation-value.js'
import { assessResidualRisk, residualExact } from '../../src/core/risk/assess.js'

const FAIR_MODEL = `threatloop: 1
model: { id: shop, title: Shop }
components:
  - { id: api, type: service }
threats:
  - id: T-1
    title: Account takeover by credential stuffing
    targets: [api]
    likelihood: high
    impact: high
    risk:
      fair:
        lef: { min: 2, likely: 6, max: 20 }
        loss:
          primary:
            response: { min: 20000, likely: 60000, max: 300000 }
    mitigations: [M-cheap, M-dear, M-free-text]
  - id: T-2
    title: Invoice tampering
    targets: [api]
    likelihood: medium
    impact: high
    risk:
      fair:
        lef: { min: 0.5, likely: 1, max: 3 }
        loss:
          primary:
            productivity: { min: 10000, likely: 40000, max: 200000 }
    mitigations: [M-dear, M-done]
mitigations:
  - id: M-cheap
    title: Rate-limit the login endpoint
    status: planned
    roadmap: short
    effects: [{ threat: T-1, reduces: lef, strength: average }]
    cost: { amount: 6000, currency: USD, period: once }
  - id: M-dear
    title: Hardware keys for every customer
    status: proposed
    roadmap: long
    effects: [{ threat: T-1, reduces: lef, strength: strong }, { threat: T-2, reduces: vulnerability, strength: weak }]
    cost: { amount: 250000, currency: USD, period: yearly }
  - id: M-free-text
    title: Tell customers about strong passwords
    status: proposed
  - id: M-done
    title: TLS everywhere
    status: implemented
    effects: [{ threat: T-2, reduces: vulnerability, strength: strong }]
`

const QUALITATIVE = `threatloop: 1
model: { id: blog, title: Blog }
components:
  - { id: web, type: service }
threats:
  - { id: T-1, title: Comment spam, targets: [web], likelihood: high, impact: high, mitigations: [M-1] }
mitigations:
  - id: M-1
    title: Captcha on comments
    status: planned
    effects: [{ threat: T-1, reduces: lef, strength: strong }]
    cost: 5000
`

function documentOf(text: string): ModelDocument {
  const loaded = loadModel({ path: 'm.threatmodel.yaml', content: text })
  if (!loaded.model) throw new Error(JSON.stringify(loaded.problems))
  return loaded.model.document
}

describe('mitigation value', () => {
  test('FAIR inputs: ranked by value per cost, stable across runs, money only where quantitative', () => {
    const first = mitigationValues('shop', documentOf(FAIR_MODEL), { risk: { iterations: 5000 } })
    const again = mitigationValues('shop', documentOf(FAIR_MODEL), { risk: { iterations: 5000 } })
    expect(again).toEqual(first)
    expect(first.map((v) => v.mitigation)).toEqual(['M-cheap', 'M-dear', 'M-free-text'])
    const [cheap, dear, freeText] = first
    expect(cheap.aleReduction!.mean).toBeGreaterThan(0)
    expect(cheap.aleReduction!.p90).toBeGreaterThan(0)
    expect(cheap.annualCost).toBe(2000)
    expect(cheap.valuePerCost).toBeCloseTo(cheap.aleReduction!.mean / 2000, 1)
    expect(dear.annualCost).toBe(250000)
    expect(dear.aleReduction!.mean).toBeGreaterThan(cheap.aleReduction!.mean)
    expect(dear.valuePerCost!).toBeLessThan(cheap.valuePerCost!)
    expect(freeText.aleReduction).toBeNull()
    expect(freeText.note).toContain('no effects stated')
    expect(first.some((v) => v.mitigation === 'M-done')).toBe(false)
  })

  test('amortisation period comes from the caller (trusted configuration)', () => {
    const [cheap] = mitigationValues('shop', documentOf(FAIR_MODEL), { risk: { iterations: 2000 }, amortisationYears: 6 })
    expect(cheap.annualCost).toBe(1000)
  })

  test('qualitative-only model: severity changes, never money', () => {
    const [value] = mitigationValues('blog', documentOf(QUALITATIVE), { risk: { iterations: 2000 } })
    expect(value.aleReduction).toBeNull()
    expect(value.valuePerCost).toBeNull()
    expect(value.severityChange).toEqual([{ threat: 'T-1', from: 'critical', to: 'high' }])
    expect(value.note).toContain('no money')
  })

  test('without quantitative inputs the severity changes come from the closed form, as the simulated residual states them', () => {
    const doc = documentOf(QUALITATIVE)
    const simulated = assessResidualRisk(doc, { risk: { iterations: 2000 }, threatPercentiles: false })
    const exact = residualExact(doc, { risk: { iterations: 2000 } })
    expect(exact).toEqual(
      simulated.threats.map((t) => ({
        id: t.id,
        applicable: t.applicable,
        moneyProvenance: t.moneyProvenance,
        severity: t.views.residual.severity,
        aleMean: t.views.residual.aleMean ?? null
      }))
    )
    const fair = documentOf(FAIR_MODEL)
    const fairSimulated = assessResidualRisk(fair, { risk: { iterations: 2000 }, threatPercentiles: false })
    expect(residualExact(fair).map((t) => [t.id, t.severity, t.aleMean])).toEqual(
      fairSimulated.threats.map((t) => [t.id, t.views.residual.severity, t.views.residual.aleMean])
    )
  })

  /** The mitigation values a local review of one model file from `base` to `head` reports. */
  const reviewedValues = (base: string, head: string, event: 'pull_request' | 'push' = 'pull_request') =>
    reviewChange(
      { files: [{ path: 'm.threatmodel.yaml', content: base }] },
      { files: [{ path: 'm.threatmodel.yaml', content: head }] },
      { platform: 'local', event, base: { label: 'b' }, head: { label: 'h' }, today: '2026-12-01' },
      { toolVersion: '0', ruleSet: loadRuleSet({}).ruleSet, gate: DEFAULT_GATE_SETTINGS, risk: { iterations: 2000 } }
    ).mitigationValue

  test('the review reports mitigationValue for models the change touches', () => {
    const base = FAIR_MODEL.replace('    status: planned\n    roadmap: short', '    status: proposed\n    roadmap: short')
    expect(reviewedValues(base, FAIR_MODEL).map((v) => v.mitigation)).toEqual(['M-cheap', 'M-dear', 'M-free-text'])
    expect(reviewedValues(FAIR_MODEL, FAIR_MODEL)).toEqual([])
  })

  test('on a pull request the head is valued with the trusted settings: a seed the change sets moves no figure', () => {
    const reseeded = FAIR_MODEL.replace('model: { id: shop, title: Shop }', 'model: { id: shop, title: Shop }\nrisk: { seed: 7 }')
    const review = (event: 'pull_request' | 'push') => reviewedValues(FAIR_MODEL, reseeded, event)
    const trusted = mitigationValues('shop', documentOf(FAIR_MODEL), { risk: { iterations: 2000 } })
    const own = mitigationValues('shop', documentOf(reseeded), { risk: { iterations: 2000 } })
    // The seed moves the simulated P90 (so the test can tell the two apart)…
    expect(own.map((v) => v.aleReduction?.p90)).not.toEqual(trusted.map((v) => v.aleReduction?.p90))
    // …but a pull request cannot choose it; a push reviews what the branch holds.
    expect(review('pull_request')).toEqual(trusted)
    expect(review('push')).toEqual(own)
  })
})

describe('tracker issues state what the mitigation buys (#21)', () => {
  const { ruleSet } = loadRuleSet({})
  const push = (text: string, topValue?: { label: string; count: number }) =>
    reviewChange(
      { files: [{ path: 'm.threatmodel.yaml', content: text }] },
      { files: [{ path: 'm.threatmodel.yaml', content: text }] },
      { platform: 'github', event: 'push', base: { label: 'b' }, head: { label: 'h' }, today: '2026-12-01' },
      {
        toolVersion: '0',
        ruleSet,
        gate: DEFAULT_GATE_SETTINGS,
        risk: { iterations: 2000 },
        issues: { mode: 'write', label: 'threatloop', extraLabels: [], assignOwners: false, existing: [], topValue }
      }
    )
  const creates = (review: ReturnType<typeof push>) =>
    new Map((review.issues?.operations ?? []).flatMap((o) => (o.op === 'create' ? [[o.key, o] as const] : [])))

  test('FAIR inputs: the body states the reduction (mean and P90) and the value per cost; the hash is stable across re-runs', () => {
    const first = creates(push(FAIR_MODEL))
    const cheap = first.get('shop/M-cheap')!
    expect(cheap.body).toContain('### Value')
    expect(cheap.body).toMatch(/would fall by \$[\d.]+k? a year on average \(\$[\d.]+k? at the 90th percentile\)/)
    expect(cheap.body).toMatch(/× its yearly cost of \$2k/)
    expect(first.get('shop/M-free-text')!.body).toContain('No effects stated: what it reduces is unknown.')
    // Done mitigations are not valued.
    expect(push(FAIR_MODEL).issues?.operations.some((o) => o.key === 'shop/M-done' && o.op === 'create')).toBe(false)
    const again = creates(push(FAIR_MODEL))
    expect(again.get('shop/M-cheap')!.body).toBe(cheap.body)
    // A written issue is left alone on the next run (same paired streams, same hash).
    const existing = [...first.values()].map((o, i) => ({
      number: i + 1,
      state: 'open' as const,
      title: o.title,
      body: o.body,
      labels: o.labels,
      assignees: []
    }))
    const rerun = reviewChange(
      { files: [{ path: 'm.threatmodel.yaml', content: FAIR_MODEL }] },
      { files: [{ path: 'm.threatmodel.yaml', content: FAIR_MODEL }] },
      { platform: 'github', event: 'push', base: { label: 'b' }, head: { label: 'h' }, today: '2026-12-01' },
      {
        toolVersion: '0',
        ruleSet,
        gate: DEFAULT_GATE_SETTINGS,
        risk: { iterations: 2000 },
        issues: { mode: 'write', label: 'threatloop', extraLabels: [], assignOwners: false, existing }
      }
    )
    expect(rerun.issues?.operations).toEqual([])
  })

  test('qualitative model: severity change and no money in the body', () => {
    const body = creates(push(QUALITATIVE)).get('blog/M-1')!.body
    expect(body).toContain('Residual severity if in place: T-1 critical → high.')
    expect(body).not.toContain('$')
  })

  test('issues.top_value labels the top N by value per cost, and only them', () => {
    const labelled = [...creates(push(FAIR_MODEL, { label: 'top-value', count: 1 })).values()]
      .filter((o) => o.labels.includes('top-value'))
      .map((o) => o.key)
    expect(labelled).toEqual(['shop/M-cheap'])
    const none = [...creates(push(FAIR_MODEL)).values()].filter((o) => o.labels.includes('top-value'))
    expect(none).toEqual([])
  })
})

describe('priorities that contradict value per cost (#21)', () => {
  const PRIORITISED = (lowPriority: string) => `threatloop: 1
model: { id: shop, title: Shop }
components:
  - { id: api, type: service }
threats:
  - id: T-1
    title: Account takeover
    targets: [api]
    mitigations: [M-cheap, M-mid, M-mid2, M-dear]
    risk:
      fair:
        lef: { min: 2, likely: 6, max: 20 }
        loss:
          primary:
            response: { min: 20000, likely: 60000, max: 300000 }
mitigations:
  - { id: M-cheap, title: Rate limit, status: planned, priority: ${lowPriority}, effects: [{ threat: T-1, reduces: lef, strength: strong }], cost: 1000 }
  - { id: M-mid, title: Captcha, status: planned, priority: medium, effects: [{ threat: T-1, reduces: lef, strength: average }], cost: 20000 }
  - { id: M-mid2, title: Alerts, status: proposed, priority: medium, effects: [{ threat: T-1, reduces: lef, strength: weak }], cost: 30000 }
  - { id: M-dear, title: Hardware keys, status: proposed, priority: critical, effects: [{ threat: T-1, reduces: lef, strength: weak }], cost: { amount: 400000, period: yearly } }
`
  const { ruleSet } = loadRuleSet({})
  const run = (base: string, head: string) =>
    reviewChange(
      { files: [{ path: 'm.threatmodel.yaml', content: base }] },
      { files: [{ path: 'm.threatmodel.yaml', content: head }] },
      { platform: 'local', event: 'pull_request', base: { label: 'b' }, head: { label: 'h' }, today: '2026-12-01' },
      { toolVersion: '0', ruleSet, gate: DEFAULT_GATE_SETTINGS, risk: { iterations: 2000 } }
    )

  test('a low-priority mitigation in the top quartile against a critical one in the bottom quartile is a new low finding on its line', () => {
    const review = run(PRIORITISED('medium'), PRIORITISED('low'))
    const found = review.models[0].findings!.new.filter((f) => f.ruleId === 'priority-contradicts-value')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ severity: 'low', elementIds: ['M-cheap'], position: { line: 17, column: 1 } })
    expect(found[0].message).toMatch(/^mitigation M-cheap is low priority but buys [\d,]+× the value per cost of critical priority M-dear/)
  })

  test('comment and job summary link the finding to its generated rule page', () => {
    const review = run(PRIORITISED('medium'), PRIORITISED('low'))
    const page = '(https://github.com/threatloop/threatloop/blob/v1/docs/rules/priority-contradicts-value.md)'
    for (const audience of ['comment', 'summary'] as const) {
      const markdown = renderReviewMarkdown(review, { audience })
      expect(markdown).toContain(`[priority-contradicts-value]${page}`)
      expect(markdown).not.toContain('`priority-contradicts-value`')
    }
  })

  test('a suppression of the finding silences it, as its rule page says, and is no suppression of an unknown rule', () => {
    const suppressed = `${PRIORITISED('low')}suppressions:\n  - { rule: priority-contradicts-value, target: M-cheap, reason: Audit first, approved_by: cso, expires: '2027-03-31' }\n`
    const findings = run(PRIORITISED('medium'), suppressed).models[0].findings!
    expect(findings.new.map((f) => f.ruleId)).not.toContain('priority-contradicts-value')
    expect(findings.new.map((f) => f.ruleId)).not.toContain('suppression-unknown-rule')
  })

  test('`rules.disable` turns the check off and `rules.severity` sets its level', () => {
    const configured = (options: Parameters<typeof loadRuleSet>[0]) =>
      reviewChange(
        { files: [{ path: 'm.threatmodel.yaml', content: PRIORITISED('medium') }] },
        { files: [{ path: 'm.threatmodel.yaml', content: PRIORITISED('low') }] },
        { platform: 'local', event: 'pull_request', base: { label: 'b' }, head: { label: 'h' }, today: '2026-12-01' },
        { toolVersion: '0', ruleSet: loadRuleSet(options).ruleSet, gate: DEFAULT_GATE_SETTINGS, risk: { iterations: 2000 } }
      ).models[0].findings!.new.filter((f) => f.ruleId === 'priority-contradicts-value')
    expect(configured({ disable: ['priority-contradicts-value'] })).toEqual([])
    expect(configured({ severity: { 'priority-contradicts-value': 'medium' } }).map((f) => [f.elementIds, f.severity])).toEqual([
      [['M-cheap'], 'medium']
    ])
  })

  test('priorities that follow value, or fewer than four priced mitigations, say nothing; an unchanged contradiction is not new', () => {
    expect(run(PRIORITISED('low'), PRIORITISED('high')).models[0].findings!.new.map((f) => f.ruleId)).not.toContain(
      'priority-contradicts-value'
    )
    const three = PRIORITISED('low')
      .replace(/ {2}- \{ id: M-mid2.*\n/, '')
      .replace(', M-mid2', '')
    expect(run(three, three.replace('title: Shop', 'title: Shop v2')).models[0].findings!.new.map((f) => f.ruleId)).not.toContain(
      'priority-contradicts-value'
    )
    const same = run(PRIORITISED('low'), PRIORITISED('low').replace('title: Shop', 'title: Shop v2')).models[0].findings!
    expect(same.new.map((f) => f.ruleId)).not.toContain('priority-contradicts-value')
    expect(same.unchanged.map((f) => f.ruleId)).toContain('priority-contradicts-value')
  })
})
