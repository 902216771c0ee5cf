import { readFileSync } from 'node:fs'
import { expect, test } from '@jest/globals'
import { reviewChange } from '../../src/core/review/review.js'
import type { ObservedEvidence } from '../../src/core/review/observed.js'
import type { Review } from '../../src/core/review/types.js'
import { loadRuleSet } from '../../src/core/rules/rule-set.js'

const BASE = readFileSync('examples/demo/base/payments.threatmodel.yaml', 'utf8')
const PATH = 'models/payments.threatmodel.yaml'
const { ruleSet } = loadRuleSet({})

const NEW_LOW_THREAT = `
  - id: T-020
    title: Verbose error pages reveal framework versions
    category: information-disclosure
    targets: [api]
    likelihood: low
    impact: low
    status: open
`

function review(head: string, observed?: ObservedEvidence, templateCatalogue?: string[]): Review {
  return reviewChange(
    { files: [{ path: PATH, content: BASE }] },
    { files: [{ path: PATH, content: head }] },
    { platform: 'github', event: 'pull_request', base: { label: 'main' }, head: { label: 'PR' }, today: '2026-11-27' },
    {
      toolVersion: '0.1.0',
      ruleSet,
      gate: { failOn: ['maturity-regression'], warnOn: [] },
      risk: { iterations: 1000 },
      observed,
      maturity: { templateCatalogue }
    }
  )
}

function reasons(r: Review): string[] {
  return r.gate.reasons.filter((x) => x.condition === 'maturity-regression').map((x) => x.message)
}

test('the maturity-regression gate stays quiet for a new, honestly recorded, unmitigated low threat', () => {
  const r = review(BASE.replace('\nmitigations:\n', `${NEW_LOW_THREAT}\nmitigations:\n`))
  const comparison = r.models[0].maturity.comparison!
  for (const move of comparison.moved)
    expect({ id: move.id, drop: (move.base?.level ?? 0) - (move.head.level ?? 0) <= 1 }).toEqual({ id: move.id, drop: true })
  expect(comparison.regressed).toBe(false)
  expect(reasons(r)).toEqual([])
})

test('the maturity-regression gate fires when existing elements lose their practice evidence', () => {
  // Every mitigation loses its type: an existing practice is gone, not a new element left uncovered.
  const r = review(BASE.replace(/\n {4}type: (preventive|detective|corrective)[^\n]*/g, ''))
  expect(r.models[0].maturity.comparison!.regressed).toBe(true)
  expect(reasons(r)).toEqual([expect.stringContaining('payments-api/mitigation-categorization')])
})

test('a review given no observed evidence claims none; the same review with observations credits them', () => {
  const blind = review(BASE)
  const head = (r: Review, id: string) => r.models[0].maturity.head!.categories.find((c) => c.id === id)!
  expect(head(blind, 'reporting')).toMatchObject({ assessed: false, notAssessedReason: expect.stringMatching(/^not observable here/) })
  expect(head(blind, 'static-analysis').notObservable.map((c) => c.id)).toEqual(['static-analysis.ci-feedback'])
  const observed: ObservedEvidence = {
    platform: 'github',
    inCi: true,
    commentPosted: true,
    sarifWritten: false,
    codeQualityWritten: false,
    jsonReportWritten: false,
    summaryWritten: true,
    trackerListed: null,
    trackerDrift: null,
    knowledgeBaseDate: null
  }
  const seen = review(BASE, observed)
  expect(head(seen, 'reporting').assessed).toBe(true)
  expect(head(seen, 'static-analysis').passing.map((c) => c.id)).toContain('static-analysis.ci-feedback')
})

test('a template counts only when it resolves and a threat uses it', () => {
  const used = BASE.replace(/(\n {2}- id: T-002\n)/, '$1    origin: web-service\n')
  const levelOf = (r: Review): number | null => r.models[0].maturity.head!.categories.find((c) => c.id === 'knowledge-base')!.level
  const reuse = (r: Review): boolean =>
    r.models[0].maturity.head!.categories.find((c) => c.id === 'architecture')!.passing.some((c) => c.id === 'architecture.reuse')
  // `web-service` names nothing that exists: no credit, used or not.
  expect([reuse(review(used)), levelOf(review(used))]).toEqual([false, 1])
  // In the template catalogue but used by no threat: no credit.
  expect(reuse(review(BASE, undefined, ['web-service']))).toBe(false)
  // Resolved and used: the practice is there.
  expect([reuse(review(used, undefined, ['web-service'])), levelOf(review(used, undefined, ['web-service']))]).toEqual([true, 2])
})
