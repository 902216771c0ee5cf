import { describe, expect, test } from '@jest/globals'
import { MATURITY_CATEGORY_IDS } from '../../src/core/maturity/maturity-check-set.js'
import type { MaturityContext } from '../../src/core/maturity/maturity-context.js'
import { assess, byId, category, FULL_CONTEXT, matureModel, type ModelValue } from './maturity-fixtures.js'

interface LevelCase {
  level: number | null
  /** Takes away the evidence of the next level (and only that). */
  change: (model: ModelValue, context: MaturityContext) => void
  next: string
}

/** Per category: the mature fixture changed to sit exactly at a lower level (null: no level evidenced). */
const CASES: Record<string, LevelCase[]> = {
  inventory: [
    { level: 3, change: (m) => delete m.model.business.criticality, next: 'to reach level 4: the model states its business criticality' },
    {
      level: 2,
      change: (m) => m.components.forEach((c) => (c.technologies = ['postgres'])),
      next: 'to reach level 3: at least 80 % of our components name their technologies as versioned purl or CPE identifiers, so they can be monitored (now 0 %; not yet: api, db, idp, secrets)'
    },
    {
      level: 1,
      change: (m) => {
        for (const id of ['logs', 'metrics'])
          m.assets.push({ id, classification: 'internal', cia: { confidentiality: 'low', integrity: 'low', availability: 'low' } })
      },
      next: 'to reach level 2: at least 80 % of data assets are stored or processed by a component (now 33 %; not yet: logs, metrics)'
    },
    { level: null, change: (m) => delete m.model.owner, next: 'to reach level 1: the model names its owner' }
  ],
  architecture: [
    { level: 3, change: (m) => delete m.model.related, next: 'to reach level 4: related models are linked (model.related)' },
    {
      level: 2,
      change: (m) => delete m.model.business.use_cases,
      next: 'to reach level 3: business flows or use cases are documented (model.business.use_cases)'
    },
    {
      level: 1,
      change: (m) => {
        delete m.zones
        m.components.forEach((c) => delete c.zone)
      },
      next: 'to reach level 2: trust zones (boundaries) are defined'
    },
    {
      level: null,
      change: (m) => (byId(m.components, 'shopper').type = 'service'),
      next: 'to reach level 1: at least one user or external entity is modelled'
    }
  ],
  'threat-categorization': [
    {
      level: 3,
      change: (m) => delete byId(m.threats, 'T-1').business_impact,
      next: 'to reach level 4: at least 80 % of high threats state their business impact (now 0 %; not yet: T-1)'
    },
    {
      level: 2,
      change: (m) => m.threats.push(unmappedThreat('T-3'), unmappedThreat('T-4')),
      next: 'to reach level 3: map ≥ 80 % of threats to CWE, CAPEC or ATT&CK (now 50 %; not yet: T-3, T-4)'
    },
    {
      level: null,
      change: (m) => m.threats.forEach((t) => delete t.category),
      next: 'to reach level 2: at least 80 % of threats have a STRIDE or LINDDUN category (now 0 %; not yet: T-1, T-2)'
    }
  ],
  'mitigation-categorization': [
    {
      level: 3,
      change: (m) => m.mitigations.forEach((x) => delete x.verification),
      next: 'to reach level 4: at least 80 % of mitigations have verification criteria (now 0 %; not yet: M-1, M-2)'
    },
    {
      level: 2,
      change: (m) => (byId(m.mitigations, 'M-2').type = 'preventive'),
      next: 'to reach level 3: the mitigations include detective or corrective ones, not only prevention'
    },
    {
      level: 1,
      change: (m) => m.mitigations.forEach((x) => delete x.type),
      next: 'to reach level 2: at least 80 % of mitigations state their type (preventive, detective, corrective, …) (now 0 %; not yet: M-1, M-2)'
    },
    {
      level: null,
      change: (m) => {
        m.threats.forEach((t) => (t.mitigations = []))
        m.mitigations.forEach((x) => delete x.effects)
      },
      next: 'to reach level 1: at least 80 % of threats that need a decision (not accepted, transferred or not applicable) have a mitigation (now 0 %; not yet: T-1)'
    }
  ],
  'static-analysis': [
    {
      level: 3,
      change: (_m, c) => (c.rules = { builtin: 40, custom: 0 }),
      next: 'to reach level 4: organisation-specific custom rules are loaded'
    },
    {
      level: 2,
      change: (_m, c) => (c.event = 'push'),
      next: 'to reach level 3: the review runs in CI on a pull or merge request and feeds back (comment posted or tracker listed)'
    },
    {
      level: 1,
      change: (_m, c) => (c.modelErrors = 2),
      next: 'to reach level 2: at most 0 modelling errors (file errors, high model-quality findings) (now 2)'
    },
    {
      level: null,
      change: (m) => delete m.model.standards,
      next: 'to reach level 1: the model declares the best-practice standards it follows'
    }
  ],
  'dynamic-analysis': [
    {
      level: 3,
      change: (m) => m.threats.forEach((t) => delete t.objectives),
      next: 'to reach level 4: at least 80 % of attack scenarios name the business objectives they endanger (now 0 %; not yet: T-1, T-2)'
    },
    {
      level: 2,
      change: (m) => (byId(m.threats, 'T-1').targets = ['db']),
      next: 'to reach level 3: an untrusted zone is modelled and every path from it to restricted data crosses a threat with a mitigation (not yet: api/card)'
    },
    {
      level: 1,
      change: (m) => (byId(m.actors, 'insider').insider = false),
      next: 'to reach level 2: attacker profiles include an insider or privileged actor'
    },
    {
      level: null,
      change: (m) => m.threats.forEach((t) => delete t.source),
      next: 'to reach level 1: at least one abuse case or attack scenario is recorded (a threat with a source actor)'
    }
  ],
  'root-cause-analysis': [
    {
      level: 3,
      change: (m) => m.mitigations.forEach((x) => delete x.effects),
      next: 'to reach level 4: at least 80 % of incidents have linked threats whose mitigations state their effect on risk (now 0 %; not yet: INC-1)'
    },
    {
      level: 2,
      change: (m) => (m.model.reviewed = '2026-01-01'),
      next: 'to reach level 3: at least 80 % of incidents are followed by a model review on or after their date (now 0 %; not yet: INC-1)'
    },
    {
      level: 1,
      change: (m) => (byId(m.incidents, 'INC-1').threats = []),
      next: 'to reach level 2: at least 80 % of incidents are linked to a modelled threat (unlinked incidents are unmodelled threats) (now 0 %; not yet: INC-1)'
    },
    {
      level: null,
      change: (m) => delete (m as Record<string, unknown>).incidents,
      next: 'to reach level 1: at least one incident is recorded'
    }
  ],
  reporting: [
    {
      level: 3,
      change: (m) => delete byId(m.threats, 'T-1').risk,
      next: 'to reach level 4: at least one threat has quantitative (FAIR) inputs, so loss exceedance is reported'
    },
    {
      level: 2,
      change: (_m, c) => (c.observed = { ...c.observed!, trackerListed: false }),
      next: 'to reach level 3: reviewers get the comment and mitigation owners get tracker issues (comment posted and tracker synced in this run)'
    },
    {
      level: null,
      change: (m) => m.threats.forEach((t) => delete t.impact),
      next: 'to reach level 2: at least 80 % of threats are rated on likelihood and impact, so the ranking covers them (now 0 %; not yet: T-1, T-2)'
    }
  ],
  'knowledge-base': [
    {
      level: 3,
      change: (_m, c) => (c.observed = { ...c.observed!, knowledgeBaseDate: '2024-11-01' }),
      next: 'to reach level 4: the CWE, CAPEC and ATT&CK catalogues are loaded and at most 365 days old (now 440 days)'
    },
    {
      level: 2,
      change: (m) => (byId(m.threats, 'T-2').mitigations = []),
      next: 'to reach level 3: some mitigations are shared across threats'
    },
    {
      level: 1,
      change: (m, c) => {
        c.resolvedTemplates = []
        for (const t of m.threats) t.references = {}
      },
      next: 'to reach level 2: threats are drawn from a knowledge base (a template that exists and is used, or a catalogue id the loaded catalogues know)'
    },
    {
      level: null,
      change: (m) => delete m.model.standards,
      next: 'to reach level 1: the model declares a standard or checklist it follows'
    }
  ],
  severity: [
    {
      level: 3,
      change: (m) => delete m.risk,
      next: 'to reach level 4: the model states its currency (risk.currency) and business criticality'
    },
    {
      level: 2,
      change: (m) => delete byId(m.threats, 'T-1').risk,
      next: 'to reach level 3: at least one threat has quantitative (FAIR) inputs'
    },
    {
      level: 1,
      change: (m) => {
        for (const t of m.threats) {
          delete t.likelihood
          delete t.impact
          t.risk = { cvss: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:H/A:N' }
        }
      },
      next: 'to reach level 2: at least 80 % of threats have both likelihood and impact on the calibrated scale (now 0 %; not yet: T-1, T-2)'
    },
    {
      level: null,
      change: (m) => {
        delete (m as Record<string, unknown>).threats
        delete (m as Record<string, unknown>).incidents
        m.mitigations.forEach((x) => delete x.effects)
      },
      next: 'to reach level 1: at least one threat is recorded'
    }
  ],
  'issue-tracker': [
    {
      level: 3,
      change: (_m, c) => (c.observed = { ...c.observed!, trackerDrift: 1 }),
      next: 'to reach level 4: this run listed the tracker and read it back with at most 0 drift items between issues and model (now 1)'
    },
    {
      level: null,
      change: (m, c) => {
        c.trackerSync = { ...c.trackerSync!, linkedMitigations: [] }
        delete byId(m.mitigations, 'M-2').issue
      },
      next: 'to reach level 3: at least 80 % of planned or in-progress mitigations are linked to an issue (`issue:` or a listed tracker issue) (now 0 %; not yet: M-2)'
    }
  ],
  monitoring: [
    {
      level: 3,
      change: (m) => (byId(m.threats, 'T-1').references.attack = []),
      next: 'to reach level 4: at least 80 % of incidents saw only techniques that a modelled threat carries and a detective mitigation detects (now 0 %; not yet: INC-1)'
    },
    {
      level: null,
      change: (m) => (byId(m.incidents, 'INC-1').techniques = []),
      next: 'to reach level 3: at least one incident is recorded with its ATT&CK techniques'
    }
  ],
  osint: [
    {
      level: 3,
      change: (m) => delete byId(m.threats, 'T-1').risk,
      next: 'to reach level 4: at least 80 % of threats citing a listed intelligence source carry quantitative (FAIR) inputs (now 0 %; not yet: T-1)'
    },
    {
      level: 2,
      change: (m) => (m.model.reviewed = '2025-01-01'),
      next: 'to reach level 3: the model drawing on these sources was reviewed in the last 180 days (now 379 days)'
    },
    {
      level: 1,
      change: (m) => delete byId(m.threats, 'T-1').references.links,
      next: 'to reach level 2: at least one threat cites a listed intelligence source (as its origin or a link)'
    }
  ],
  'risk-management': [
    {
      level: 3,
      change: (m) => delete byId(m.threats, 'T-2').acceptance!.date,
      next: 'to reach level 4: at least 80 % of accepted threats record when they were accepted (now 0 %; not yet: T-2)'
    },
    {
      level: 2,
      change: (m) => (m.model.reviewed = '2025-06-01'),
      next: 'to reach level 3: the model was reviewed in the last 180 days (now 228 days)'
    },
    {
      level: 1,
      change: (m) => {
        delete byId(m.threats, 'T-1').references.standards
        delete byId(m.mitigations, 'M-1').references.standards
      },
      next: 'to reach level 2: threats or mitigations reference standards (OWASP Top 10, ASVS, …)'
    },
    { level: null, change: (m) => delete m.model.owner, next: 'to reach level 1: the model names its owner' }
  ],
  'value-stream': [
    {
      level: 3,
      change: (m) => m.mitigations.forEach((x) => delete x.cost),
      next: 'to reach level 4: at least 80 % of mitigations quantify their risk reduction (effects with `by`) and state their cost (now 0 %; not yet: M-1, M-2)'
    },
    {
      level: 2,
      change: (m) =>
        m.mitigations.forEach((x) => {
          delete x.references.links
          delete x.references.standards
        }),
      next: 'to reach level 3: at least 80 % of mitigations trace to a standard or requirement (references.standards or links) (now 0 %; not yet: M-1, M-2)'
    },
    {
      level: 1,
      change: (m) =>
        m.mitigations.forEach((x) => {
          delete x.priority
          delete x.roadmap
        }),
      next: 'to reach level 2: at least 80 % of mitigations have a priority or a roadmap horizon (now 0 %; not yet: M-1, M-2)'
    },
    {
      level: null,
      change: (m) => {
        delete (m.model as Record<string, unknown>).business
        delete m.model.description
      },
      next: 'to reach level 1: the model states its business context (description, objectives or criticality)'
    }
  ]
}

function unmappedThreat(id: string): ModelValue['threats'][number] {
  return {
    id,
    title: `Unmapped ${id}`,
    category: 'repudiation',
    targets: ['api'],
    status: 'mitigated',
    mitigations: ['M-1'],
    likelihood: 'low',
    impact: 'low',
    references: {}
  }
}

/** Per category, the first level the seed defines and the last one Threatloop can evidence. */
const RANGE: Record<string, [number, number]> = {
  'threat-categorization': [2, 4],
  reporting: [2, 4],
  'issue-tracker': [3, 4],
  monitoring: [3, 4]
}
const range = (id: string): [number, number] => RANGE[id] ?? [1, 4]

test('the mature fixture reaches the top level of every category with the full context', () => {
  const report = assess(matureModel())
  expect(report.problems).toEqual([])
  expect(report.categories.map((c) => c.id)).toEqual([...MATURITY_CATEGORY_IDS])
  for (const c of report.categories) {
    const [min, max] = range(c.id)
    expect({ id: c.id, level: c.level, min: c.minLevel, max: c.maxLevel, failing: c.failing, notObservable: c.notObservable }).toEqual({
      id: c.id,
      level: max,
      min,
      max,
      failing: [],
      notObservable: []
    })
    expect(c.nextStep).toBeUndefined()
    expect(c.levelName).toBe({ 3: 'Threat modeling patterns', 4: 'Risk-driven knowledge base' }[max])
  }
})

test('levels the seed does not define are not scored, and there is no level 0', () => {
  const report = assess({ threatloop: 1, model: { id: 'empty', title: 'Empty' } }, {})
  expect(report.problems).toEqual([])
  for (const c of report.categories) {
    const [min] = range(c.id)
    expect(c.levels.filter((l) => !l.defined).map((l) => l.level)).toEqual([1, 2, 3].filter((l) => l < min))
    expect(c.levels.filter((l) => !l.defined).every((l) => l.status === 'not-scored')).toBe(true)
    expect({ id: c.id, level: c.level, step: c.nextStep?.level }).toEqual({
      id: c.id,
      level: null,
      step: c.id === 'osint' ? undefined : min
    })
  }
  expect(category(report, 'osint')).toMatchObject({
    assessed: false,
    level: null,
    notAssessedReason: expect.stringContaining('intelligence sources')
  })
  // Not assessed: no check ran, so no level has a status beyond having checks.
  expect(category(report, 'osint').levels.map((l) => l.status)).toEqual(['no-check', 'no-check', 'no-check', 'no-check'])
})

test('a local run claims no platform evidence: every run check is "not observable here"', () => {
  const model = matureModel()
  byId(model.mitigations, 'M-2').issue = 'GH-12'
  const report = assess(model, { platform: 'local', event: 'manual' })
  const runChecks = report.categories.flatMap((c) => [...c.passing, ...c.failing, ...c.notObservable]).filter((r) => r.evidence === 'run')
  expect(runChecks.map((r) => r.id).sort()).toEqual([
    'issue-tracker.read-back',
    'knowledge-base.catalogues-current',
    'reporting.reviewer-and-owner-reports',
    'reporting.severity-report-published',
    'static-analysis.ci-feedback'
  ])
  for (const check of runChecks)
    expect({ id: check.id, status: check.status, passed: check.passed }).toEqual({ id: check.id, status: 'not-observable', passed: false })
  expect(category(report, 'issue-tracker')).toMatchObject({
    level: 3,
    nextStep: { text: expect.stringContaining('not observable here: the tracker (its issues were not listed in this run)') }
  })
  expect(category(report, 'reporting')).toMatchObject({
    assessed: false,
    notAssessedReason: expect.stringMatching(/^not observable here: whether a review comment was posted/)
  })
})

describe.each(Object.entries(CASES))('%s', (categoryId, cases) => {
  test.each(cases.map((c) => [String(c.level), c] as const))('sits exactly at level %s', (_level, { level, change, next }) => {
    const model = matureModel()
    const context = structuredClone<MaturityContext>(FULL_CONTEXT)
    change(model, context)
    const result = category(assess(model, context), categoryId)
    const expectedStep = level === null ? range(categoryId)[0] : level + 1
    if (process.env.PRINT_MATURITY) console.log(categoryId, level, result.level, result.nextStep?.text)
    expect(result.assessed).toBe(true)
    expect(result.level).toBe(level)
    expect(result.nextStep?.level).toBe(expectedStep)
    expect(result.nextStep?.text).toBe(next)
    // The step names a failing check of the next level; every check of lower levels passes.
    expect(result.failing).toContainEqual(result.nextStep!.check)
    expect(result.nextStep!.check.level).toBe(expectedStep)
    expect(result.failing.filter((r) => r.level <= (level ?? 0))).toEqual([])
  })
})

test('every category has a case for each level below its top, down to "no level evidenced"', () => {
  for (const id of MATURITY_CATEGORY_IDS) {
    const [min, max] = range(id)
    const levels = (CASES[id] ?? []).map((c) => c.level)
    const expected: (number | null)[] = id === 'osint' ? [] : [null]
    for (let level = min; level < max; level++) expected.push(level)
    for (const level of expected) expect({ id, has: levels.includes(level) }).toEqual({ id, has: true })
  }
})
