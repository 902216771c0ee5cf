import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@jest/globals'
import { assessMaturity, type MaturityReport } from '../../src/core/maturity/assess-maturity.js'
import { compareMaturity } from '../../src/core/maturity/compare-maturity.js'
import type { MaturityContext } from '../../src/core/maturity/maturity-context.js'
import type { KnowledgeBase, KnowledgeEntry } from '../../src/core/rules/knowledge-base.js'
import { loadValue } from './maturity-fixtures.js'

/** What a pull-request review on GitHub observes by default: a comment, nothing else switched on. */
const PULL_REQUEST: MaturityContext = { platform: 'github', event: 'pull_request', outputs: { comment: true, summary: true }, rules: { builtin: 40, custom: 0 } }
const TODAY = '2026-10-15'

function example(path: string): ReturnType<typeof loadValue> {
  return loadValue(readFileSync(join(process.cwd(), path), 'utf8'), path)
}

function levels(report: MaturityReport): Record<string, number | 'not assessed'> {
  return Object.fromEntries(report.categories.map((c) => [c.id, c.assessed ? c.level : 'not assessed']))
}

/** The vendored MITRE extracts in __tests__/fixtures/kb (CWE 4.15, CAPEC 3.9, ATT&CK 18.1) as the catalogues rules and checks read. */
function sharedKnowledgeBase(): KnowledgeBase {
  const read = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(process.cwd(), '__tests__/fixtures/kb', name), 'utf8')) as Record<string, unknown>
  type Row = { id: number | string; name: string; status?: string; revoked?: boolean; deprecated?: boolean }
  const entries = (rows: Row[], id: (row: Row) => string, status: (row: Row) => string): ReadonlyMap<string, KnowledgeEntry> =>
    new Map(rows.map((row) => [id(row), { name: row.name, status: status(row) }]))
  return {
    cwe: entries(read('cwe.json').weaknesses as Row[], (r) => `CWE-${r.id}`, (r) => r.status ?? 'stable'),
    capec: entries(read('capec.json').attack_patterns as Row[], (r) => `CAPEC-${r.id}`, (r) => r.status ?? 'stable'),
    attack: entries(read('attack-enterprise.json').techniques as Row[], (r) => String(r.id), (r) => (r.revoked ? 'revoked' : r.deprecated ? 'deprecated' : 'active'))
  }
}

// Levels read off examples/payments-api.threatmodel.yaml by hand (see the comments per category).
const PAYMENTS_LEVELS = {
  inventory: 2, // the vault names no technologies
  architecture: 2, // every cross-zone flow authenticates; no use cases documented
  'threat-categorization': 2, // all threats mapped, but no knowledge base is loaded to confirm the ids
  'mitigation-categorization': 2, // T-002 (high) has only a preventive mitigation
  'static-analysis': 3, // CI on a pull request with a comment; no custom rules
  'dynamic-analysis': 2, // T-002 (insider scenario) references no ATT&CK technique
  'root-cause-analysis': 1, // INC-2026-014 links no threat
  reporting: 2, // no SARIF or Code Quality output
  'knowledge-base': 2, // a template is used; T-001 states no prerequisites
  severity: 3, // T-002 has FAIR inputs, T-001 (high) does not
  'issue-tracker': 1, // M-002 and M-003 name no owner
  monitoring: 1, // M-003 is detective but names no technique
  osint: 'not assessed', // no intelligence sources
  'risk-management': 1, // no threat or mitigation references a standard
  'value-stream': 1 // M-002 and M-003 have no priority or roadmap
}

test('payments-api example: levels and next steps as read off the model', () => {
  const report = assessMaturity(example('examples/payments-api.threatmodel.yaml'), PULL_REQUEST, { today: TODAY })
  expect(report.problems).toEqual([])
  expect(report.modelId).toBe('payments-api')
  expect(levels(report)).toEqual(PAYMENTS_LEVELS)
  const steps = Object.fromEntries(report.categories.map((c) => [c.id, c.nextStep?.text]))
  expect(steps['threat-categorization']).toBe('to reach level 3: every CWE, CAPEC and ATT&CK reference exists in the loaded knowledge base (not yet: T-001, T-002)')
  expect(steps['root-cause-analysis']).toBe('to reach level 2: every incident is linked to a modelled threat (unlinked incidents are unmodelled threats) (not yet: INC-2026-014)')
  expect(steps['issue-tracker']).toBe('to reach level 2: every mitigation names an owner and a status (not yet: M-002, M-003)')
  expect(steps.severity).toBe('to reach level 4: every high threat has quantitative (FAIR) inputs (not yet: T-001)')
  expect(steps.osint).toBeUndefined()
})

test('payments-api example with the real MITRE catalogues loaded: its references exist, so threat categorisation reaches level 3', () => {
  const report = assessMaturity(example('examples/payments-api.threatmodel.yaml'), PULL_REQUEST, { today: TODAY, knowledgeBase: sharedKnowledgeBase() })
  const categorisation = report.categories.find((c) => c.id === 'threat-categorization')!
  expect(categorisation.level).toBe(3)
  expect(categorisation.nextStep?.text).toBe('to reach level 4: every high threat states its business impact (not yet: T-001, T-002)')
})

test('demo pull request: the new unmitigated high threat regresses two categories', () => {
  const base = assessMaturity(example('examples/demo/base/payments.threatmodel.yaml'), PULL_REQUEST, { today: TODAY })
  const head = assessMaturity(example('examples/demo/head/payments.threatmodel.yaml'), PULL_REQUEST, { today: TODAY })
  expect(levels(base)).toEqual(PAYMENTS_LEVELS)
  const comparison = compareMaturity(base, head)
  expect(comparison.regressed).toBe(true)
  expect(comparison.moved.map((c) => [c.id, c.base?.level, c.head.level, c.move, c.reason])).toEqual([
    ['threat-categorization', 2, 1, 'down', 'no longer passes: every threat has a mitigation or is accepted, transferred or not applicable (not yet: T-003)'],
    ['mitigation-categorization', 2, 0, 'down', 'no longer passes: mitigations are recorded and every open threat has at least one (not yet: T-003)']
  ])
  // The refund portal opens unguarded paths to card data (in the portal, and on through the
  // unmitigated plaintext lookup into the vault); dynamic analysis was already below level 3.
  const dynamic = head.categories.find((c) => c.id === 'dynamic-analysis')!
  expect(dynamic.failing.find((r) => r.id === 'dynamic-analysis.guarded-paths')?.offenders).toEqual(['refund-portal/card-data', 'vault/card-data'])
  expect(base.categories.find((c) => c.id === 'dynamic-analysis')!.passing.map((r) => r.id)).toContain('dynamic-analysis.guarded-paths')
})
