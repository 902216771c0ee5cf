import { describe, expect, test } from '@jest/globals'
import { DEFAULT_GATE_SETTINGS } from '../../src/core/report/gate.js'
import { reviewChange } from '../../src/core/review/review.js'
import { loadRuleSet } from '../../src/core/rules/rule-set.js'
import { renderReviewMarkdown } from '../../src/core/render/review-markdown.js'
import { businessSummaryText } from '../../src/core/render/business-summary.js'
import { buildSnapshot } from '../../src/core/history/snapshot.js'
import { renderDashboardHtml } from '../../src/core/history/dashboard-html.js'
import { loadModel } from '../../src/core/model/load.js'

const MODEL = `threatloop: 1
model:
  id: shop
  title: Shop
  owner: platform-team
  business: { criticality: high, objectives: [Take payments], use_cases: [Checkout] }
components:
  - { id: api, type: service, owner: payments-team }
  - { id: web, type: service }
threats:
  - id: T-1
    title: Card testing
    targets: [api]
    objectives: [Take payments]
    likelihood: high
    impact: high
    risk:
      fair:
        lef: { min: 2, likely: 6, max: 20 }
        loss:
          primary:
            response: { min: 20000, likely: 60000, max: 300000 }
  - { id: T-2, title: Defacement <img src=x>, targets: [web], objectives: [Take payments, Brand trust], likelihood: medium, impact: medium }
  - { id: T-3, title: Old bug, targets: [web], likelihood: low, impact: low, status: not-applicable }
`

function review(text = MODEL) {
  const { ruleSet } = loadRuleSet({})
  return reviewChange(
    null,
    { files: [{ path: 'shop.threatmodel.yaml', content: text }] },
    { platform: 'github', event: 'push', base: null, head: { label: 'h' }, today: '2026-12-01' },
    { toolVersion: '0', ruleSet, gate: DEFAULT_GATE_SETTINGS, risk: { iterations: 2000 } }
  )
}

describe('business summary (#21)', () => {
  test('rows by objective and by owner; money only from threats with quantitative inputs', () => {
    const [shop] = review().business!
    expect(shop).toMatchObject({ modelId: 'shop', criticality: 'high', useCases: ['Checkout'], currency: 'USD' })
    const payments = shop.objectives.find((r) => r.name === 'Take payments')!
    expect(payments.threats).toBe(2)
    expect(payments.unpriced).toBe(1)
    expect(payments.aleMean).toBeGreaterThan(0)
    const brand = shop.objectives.find((r) => r.name === 'Brand trust')!
    expect(brand).toMatchObject({ threats: 1, aleMean: null, unpriced: 1 })
    // Owners: the component's owner, else the model's; the not-applicable threat counts nowhere.
    expect(shop.owners.map((r) => [r.name, r.threats])).toEqual([
      ['payments-team', 1],
      ['platform-team', 1]
    ])
  })

  test('the job summary carries it, the comment does not; the log text is plain', () => {
    const r = review()
    const summary = renderReviewMarkdown(r, { audience: 'summary' })
    expect(summary).toContain('#### Business summary')
    expect(summary).toMatch(/\| Take payments \| 2 \| \d+ \/ \d+ \/ \d+ \/ \d+ \| \$[\d.]+k?\/yr \+ 1 not priced \|/)
    expect(summary).toContain('| Brand trust | 1 | 0 / 0 / 1 / 0 | unknown (no quantitative inputs) |')
    expect(renderReviewMarkdown(r, { audience: 'comment' })).not.toContain('Business summary')
    const text = businessSummaryText(r)
    expect(text).toContain('shop by business objective:')
    expect(text).toContain('  Brand trust: 1 threat (crit/high/med/low 0/0/1/0); residual loss unknown (no quantitative inputs)')
  })

  test('snapshot lines keep it and the dashboard shows it (escaped); older lines without it still render', () => {
    const r = review(MODEL.replace('objectives: [Take payments, Brand trust]', 'objectives: [Take payments, "<script>x</script>"]'))
    const loaded = loadModel({ path: 'shop.threatmodel.yaml', content: MODEL })
    const line = buildSnapshot({
      review: r,
      documents: new Map([['shop', { document: loaded.model!.document, file: 'shop.threatmodel.yaml' }]]),
      date: '2026-12-01',
      commit: 'a'.repeat(40)
    })
    expect(line.models[0].business?.objectives.map((o) => o.name)).toContain('Take payments')
    const html = renderDashboardHtml([line], { title: 'Acme', today: '2026-12-02' })
    expect(html).toContain('<section id="business"><h2>Business summary</h2>')
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;')
    expect(html).not.toContain('<script>x')
    const old = { ...line, models: line.models.map(({ business: _drop, ...m }) => m) }
    expect(renderDashboardHtml([old], { title: 'Acme', today: '2026-12-02' })).not.toContain('id="business"')
    const broken = { ...line, models: line.models.map((m) => ({ ...m, business: { currency: 'USD', objectives: 'x', owners: [] } })) }
    expect(renderDashboardHtml([broken as unknown as typeof line], { title: 'Acme', today: '2026-12-02' })).not.toContain('id="business"')
  })
})
