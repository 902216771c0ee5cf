import { describe, expect, test } from '@jest/globals'
import { MATURITY_CATEGORY_IDS } from '../../src/core/maturity/maturity-check-set.js'
import type { MaturityContext } from '../../src/core/maturity/maturity-context.js'
import { assess, byId, category, FULL_CONTEXT, matureModel, type ModelValue } from './maturity-fixtures.js'

interface LevelCase {
  level: number
  /** Takes away the evidence of the next level (and only that). */
  change: (model: ModelValue, context: MaturityContext) => void
  next: string
}

/** Per category: the mature fixture changed to sit exactly at levels 3, 2 and 1. */
const CASES: Record<string, LevelCase[]> = {
  inventory: [
    { level: 3, change: (m) => delete m.model.business.criticality, next: 'to reach level 4: the model states its business criticality' },
    {
      level: 2,
      change: (m) => (byId(m.components, 'db').technologies = ['postgres']),
      next: 'to reach level 3: our components name their technologies as versioned purl or CPE identifiers (not yet: db)'
    },
    {
      level: 1,
      change: (m) => m.assets.push({ id: 'logs', classification: 'internal', cia: { confidentiality: 'low', integrity: 'low', availability: 'low' } }),
      next: 'to reach level 2: every data asset is stored or processed by a component (not yet: logs)'
    },
    {
      level: 0,
      change: (m) => delete byId(m.components, 'api').owner,
      next: 'to reach level 1: every component of ours (not users or external entities) names its owner (now 75 %; not yet: api)'
    }
  ],
  architecture: [
    { level: 3, change: (m) => delete m.model.related, next: 'to reach level 4: related models are linked (model.related)' },
    { level: 2, change: (m) => delete m.model.business.use_cases, next: 'to reach level 3: business flows or use cases are documented (model.business.use_cases)' },
    { level: 1, change: (m) => delete byId(m.components, 'db').zone, next: 'to reach level 2: trust zones are defined and every component sits in one (not yet: db)' },
    { level: 0, change: (m) => (byId(m.components, 'shopper').type = 'service'), next: 'to reach level 1: at least one user or external entity is modelled' }
  ],
  'threat-categorization': [
    { level: 3, change: (m) => delete byId(m.threats, 'T-1').business_impact, next: 'to reach level 4: every high threat states its business impact (not yet: T-1)' },
    {
      level: 2,
      change: (m) => m.threats.push(unmappedThreat('T-3'), unmappedThreat('T-4')),
      next: 'to reach level 3: map ≥ 80 % of threats to CWE, CAPEC or ATT&CK (now 50 %; not yet: T-3, T-4)'
    },
    { level: 1, change: (m) => delete byId(m.threats, 'T-2').category, next: 'to reach level 2: every threat has a STRIDE or LINDDUN category (not yet: T-2)' }
  ],
  'mitigation-categorization': [
    { level: 3, change: (m) => delete byId(m.mitigations, 'M-2').verification, next: 'to reach level 4: every mitigation has verification criteria (not yet: M-2)' },
    {
      level: 2,
      change: (m) => (byId(m.mitigations, 'M-2').type = 'preventive'),
      next: 'to reach level 3: every high threat has mitigations of two or more types, one of them detective or corrective (not yet: T-1)'
    },
    { level: 1, change: (m) => delete byId(m.mitigations, 'M-1').type, next: 'to reach level 2: every mitigation states its type (preventive, detective, corrective, …) (not yet: M-1)' }
  ],
  'static-analysis': [
    { level: 3, change: (_m, c) => (c.rules = { builtin: 40, custom: 0 }), next: 'to reach level 4: organisation-specific custom rules are loaded' },
    { level: 2, change: (_m, c) => (c.event = 'push'), next: 'to reach level 3: the review runs in CI on pull or merge requests and feeds back (comment or issues)' },
    { level: 1, change: (_m, c) => (c.errorFindings = 2), next: 'to reach level 2: automated validation runs and the model has no error findings (now 2)' }
  ],
  'dynamic-analysis': [
    { level: 3, change: (m) => delete byId(m.threats, 'T-2').objectives, next: 'to reach level 4: every attack scenario names the business objectives it endangers (not yet: T-2)' },
    {
      level: 2,
      change: (m) => (byId(m.threats, 'T-1').targets = ['db']),
      next: 'to reach level 3: an untrusted zone is modelled and every path from it to restricted data crosses a threat with a mitigation (not yet: api/card)'
    },
    { level: 1, change: (m) => (byId(m.actors, 'insider').insider = false), next: 'to reach level 2: attacker profiles include an insider or privileged actor' }
  ],
  'root-cause-analysis': [
    {
      level: 3,
      change: (m) => (byId(m.mitigations, 'M-1').status = 'planned'),
      next: "to reach level 4: every incident's threats have a mitigation in place (implemented, verified or existing) (not yet: INC-1)"
    },
    { level: 2, change: (m) => (m.model.reviewed = '2026-01-01'), next: 'to reach level 3: the model was reviewed on or after the date of every incident (not yet: INC-1)' },
    {
      level: 1,
      change: (m) => (byId(m.incidents, 'INC-1').threats = []),
      next: 'to reach level 2: every incident is linked to a modelled threat (unlinked incidents are unmodelled threats) (not yet: INC-1)'
    }
  ],
  reporting: [
    {
      level: 3,
      change: (m) => delete byId(m.threats, 'T-1').risk,
      next: 'to reach level 4: every high threat has quantitative (FAIR) inputs, reported with loss exceedance (not yet: T-1)'
    },
    { level: 2, change: (_m, c) => (c.outputs = { comment: true }), next: 'to reach level 3: reviewers get a comment and tools get SARIF or Code Quality reports' },
    {
      level: 1,
      change: (m) => delete byId(m.threats, 'T-2').impact,
      next: 'to reach level 2: every threat is rated on likelihood and impact, so the heat map covers all threats (now 50 %; not yet: T-2)'
    }
  ],
  'knowledge-base': [
    {
      level: 3,
      change: (_m, c) => (c.knowledgeBase = { ...c.knowledgeBase, ageDays: 400 }),
      next: 'to reach level 4: the CWE, CAPEC and ATT&CK catalogues are loaded and at most 365 days old (now 400 days)'
    },
    { level: 2, change: (m) => (byId(m.threats, 'T-2').mitigations = []), next: 'to reach level 3: some mitigations are shared across threats' },
    {
      level: 1,
      change: (m) => delete m.model.templates,
      next: 'to reach level 2: threats are drawn from a knowledge base (a template is used or threats record their origin)'
    }
  ],
  severity: [
    { level: 3, change: (m) => delete m.risk, next: 'to reach level 4: the model states its currency (risk.currency) and business criticality' },
    { level: 2, change: (m) => delete byId(m.threats, 'T-1').risk, next: 'to reach level 3: at least one threat has quantitative (FAIR) inputs' },
    {
      level: 1,
      change: (m) => {
        const threat = byId(m.threats, 'T-2')
        delete threat.likelihood
        delete threat.impact
        threat.risk = { cvss: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:H/A:N' }
      },
      next: 'to reach level 2: every threat has both likelihood and impact on the defined scale (not yet: T-2)'
    }
  ],
  'issue-tracker': [
    {
      level: 3,
      change: (_m, c) => (c.trackerSync = { ...c.trackerSync!, drift: 1 }),
      next: 'to reach level 4: the sync read the issues back with no drift, and issues carry severity and type labels'
    },
    {
      level: 2,
      change: (_m, c) => (c.trackerSync = { ...c.trackerSync!, linkedMitigations: [] }),
      next: 'to reach level 3: tracker sync is on and every planned or in-progress mitigation is linked to an issue (not yet: M-2)'
    },
    { level: 1, change: (m) => delete byId(m.mitigations, 'M-2').owner, next: 'to reach level 2: every mitigation names an owner and a status (not yet: M-2)' }
  ],
  monitoring: [
    {
      level: 3,
      change: (m) => (byId(m.threats, 'T-1').likelihood = 'medium'),
      next: 'to reach level 4: every threat carrying a technique seen in an incident is rated at least high likelihood (not yet: T-1)'
    },
    { level: 2, change: (m) => (byId(m.incidents, 'INC-1').techniques = []), next: 'to reach level 3: incidents are recorded with their ATT&CK techniques and linked to threats' },
    { level: 1, change: (m) => delete byId(m.mitigations, 'M-2').detects, next: 'to reach level 2: every detective mitigation names the ATT&CK techniques it detects (not yet: M-2)' }
  ],
  'risk-management': [
    { level: 3, change: (m) => delete byId(m.threats, 'T-2').acceptance!.date, next: 'to reach level 4: every accepted threat records when it was accepted (not yet: T-2)' },
    { level: 2, change: (m) => (m.model.reviewed = '2025-06-01'), next: 'to reach level 3: the model was reviewed in the last 180 days (now 228 days)' },
    {
      level: 1,
      change: (m) => {
        delete byId(m.threats, 'T-1').references.standards
        delete byId(m.mitigations, 'M-1').references.standards
      },
      next: 'to reach level 2: threats or mitigations reference standards (OWASP Top 10, ASVS, …)'
    }
  ],
  'value-stream': [
    { level: 3, change: (m) => delete byId(m.mitigations, 'M-2').cost, next: 'to reach level 4: every mitigation quantifies its risk reduction (effects with `by`) and states its cost (not yet: M-2)' },
    {
      level: 2,
      change: (m) => delete byId(m.mitigations, 'M-2').references.links,
      next: 'to reach level 3: every mitigation traces to a standard or requirement (references.standards or links) (not yet: M-2)'
    },
    {
      level: 1,
      change: (m) => {
        delete byId(m.mitigations, 'M-1').priority
        delete byId(m.mitigations, 'M-1').roadmap
      },
      next: 'to reach level 2: every mitigation has a priority or a roadmap horizon (not yet: M-1)'
    }
  ]
}

function unmappedThreat(id: string): ModelValue['threats'][number] {
  return { id, title: `Unmapped ${id}`, category: 'repudiation', targets: ['api'], status: 'mitigated', mitigations: ['M-1'], likelihood: 'low', impact: 'low', references: {} }
}

/** Every category's level-1 step on a model with nothing in it and a review that observed nothing. */
const EMPTY_MODEL_STEPS: Record<string, string | undefined> = {
  inventory: 'to reach level 1: the model names its owner',
  architecture: 'to reach level 1: the model has at least one component of its own (not a user or external entity)',
  'threat-categorization': 'to reach level 1: at least one threat is recorded',
  'mitigation-categorization': 'to reach level 1: mitigations are recorded and every open threat has at least one',
  'static-analysis': 'to reach level 1: the model declares the standards it follows',
  'dynamic-analysis': 'to reach level 1: at least one abuse case or attack scenario is recorded (a threat with a source actor)',
  'root-cause-analysis': 'to reach level 1: at least one incident is recorded',
  reporting: 'to reach level 1: a report is produced (comment, job summary or JSON)',
  'knowledge-base': 'to reach level 1: the model declares a standard or checklist it follows',
  severity: 'to reach level 1: every threat has a rating (likelihood and impact, or an imported score such as CVSS) (now 0 %)',
  'issue-tracker': 'to reach level 1: mitigations are listed',
  monitoring: 'to reach level 1: at least one detective mitigation is modelled',
  osint: undefined,
  'risk-management': 'to reach level 1: every threat states its status',
  'value-stream': 'to reach level 1: the model states its business context (description, objectives or criticality)'
}

test('the mature fixture reaches the top level of every category with the full context', () => {
  const report = assess(matureModel())
  expect(report.problems).toEqual([])
  expect(report.categories.map((c) => c.id)).toEqual([...MATURITY_CATEGORY_IDS])
  for (const c of report.categories) {
    expect({ id: c.id, level: c.level, failing: c.failing }).toEqual({ id: c.id, level: c.id === 'osint' ? 1 : 4, failing: [] })
    expect(c.maxLevel).toBe(c.id === 'osint' ? 1 : 4)
    expect(c.nextStep).toBeUndefined()
  }
})

test('an empty model with an empty context sits at level 0 everywhere, OSINT not assessed', () => {
  const report = assess({ threatloop: 1, model: { id: 'empty', title: 'Empty' } }, {})
  expect(report.problems).toEqual([])
  const steps = Object.fromEntries(report.categories.map((c) => [c.id, c.nextStep?.text]))
  expect(steps).toEqual(EMPTY_MODEL_STEPS)
  for (const c of report.categories) expect(c.level).toBe(0)
  expect(category(report, 'osint')).toMatchObject({ assessed: false, notAssessedReason: expect.stringContaining('intelligence sources') })
})

describe.each(Object.entries(CASES))('%s', (categoryId, cases) => {
  test.each(cases.map((c) => [c.level, c] as const))('sits exactly at level %i', (level, { change, next }) => {
    const model = matureModel()
    const context = structuredClone<MaturityContext>(FULL_CONTEXT)
    change(model, context)
    const result = category(assess(model, context), categoryId)
    expect(result.assessed).toBe(true)
    expect(result.level).toBe(level)
    expect(result.nextStep?.level).toBe(level + 1)
    expect(result.nextStep?.text).toBe(next)
    // The step names a check of the next level, which is failing; every check of lower levels passes.
    expect(result.failing).toContainEqual(result.nextStep!.check)
    expect(result.nextStep!.check.level).toBe(level + 1)
    expect(result.passing.filter((r) => r.level <= level).length > 0).toBe(level > 0)
    expect(result.failing.filter((r) => r.level <= level)).toEqual([])
  })
})

test('every category has a case for levels 1 to 3 (0 is the empty model, 4 the mature one)', () => {
  for (const id of MATURITY_CATEGORY_IDS) {
    if (id === 'osint') continue
    const levels = (CASES[id] ?? []).map((c) => c.level)
    for (const level of [1, 2, 3]) expect({ id, has: levels.includes(level) }).toEqual({ id, has: true })
  }
})
