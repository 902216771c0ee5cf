import { describe, expect, test } from '@jest/globals'
import {
  CODE_OWNERS_MAX_WORK,
  codeOwnersOfModel,
  computeCodeDrift,
  deriveComponentOwners,
  parseCodeOwners,
  staleCodeGlobs,
  DRIFT_FILES_LISTED,
  type CodeDriftModel
} from '../../src/core/drift/code-drift.js'
import { loadModel } from '../../src/core/model/load.js'
import type { ModelDocument } from '../../src/core/model/schema.js'
import { renderReviewMarkdown } from '../../src/core/render/review-markdown.js'
import { decideGate, DEFAULT_GATE_SETTINGS } from '../../src/core/report/gate.js'
import { reviewChange, type ReviewSettings } from '../../src/core/review/review.js'
import { loadRuleSet } from '../../src/core/rules/rule-set.js'

const MODEL_PATH = 'threatmodel/shop.threatmodel.yaml'

const MODEL = `threatloop: 1
model: { id: shop, title: Shop, owner: team-shop, reviewed: 2026-09-15 }
zones: [{ id: internet, trust: 0 }, { id: core, trust: 2 }]
components:
  - id: browser
    type: external
    zone: internet
  - id: order-api
    type: service
    zone: core
    owner: team-orders
    code: ['services/orders/**']
  - id: billing
    type: service
    zone: core
    code: ['services/billing/**', 'libs/money/*.ts']
dataflows:
  - { id: f1, from: browser, to: order-api, protocol: https, encrypted: true, authentication: oauth2 }
  - { id: f2, from: order-api, to: billing, protocol: grpc, encrypted: true, authentication: mtls }
threats:
  - id: T-001
    title: Order tampering
    category: tampering
    targets: [order-api]
    likelihood: low
    impact: medium
    mitigations: [M-001]
mitigations:
  - { id: M-001, title: Signed orders, type: preventive, status: implemented }
`

function documentOf(text: string): ModelDocument {
  const loaded = loadModel({ path: MODEL_PATH, content: text })
  if (!loaded.model) throw new Error(JSON.stringify(loaded.problems))
  return loaded.model.document
}

function driftModel(text = MODEL): CodeDriftModel {
  return { modelId: 'shop', file: MODEL_PATH, document: documentOf(text), lineOf: (id) => (id === 'order-api' ? 7 : undefined) }
}

function review(
  changedFiles: readonly string[] | null | undefined,
  headText = MODEL,
  baseText = MODEL,
  extra: { codeOwners?: ReviewSettings['codeOwners']; event?: 'pull_request' | 'push' } = {}
) {
  const { ruleSet } = loadRuleSet({})
  return reviewChange(
    { files: [{ path: MODEL_PATH, content: baseText }] },
    { files: [{ path: MODEL_PATH, content: headText }] },
    { platform: 'local', event: extra.event ?? 'pull_request', base: { label: 'main' }, head: { label: 'HEAD' }, today: '2026-12-01' },
    {
      toolVersion: '0.0.0',
      ruleSet,
      gate: DEFAULT_GATE_SETTINGS,
      risk: { iterations: 500 },
      changedFiles,
      ...(extra.codeOwners ? { codeOwners: extra.codeOwners } : {})
    }
  )
}

describe('computeCodeDrift', () => {
  test('a changed file under a component’s code with the model untouched is drift', () => {
    const result = computeCodeDrift([driftModel()], ['services/orders/api.ts', 'README.md'])
    expect(result.items).toEqual([
      {
        modelId: 'shop',
        component: 'order-api',
        files: ['services/orders/api.ts'],
        moreFiles: 0,
        modelFile: MODEL_PATH,
        lastReviewed: '2026-09-15',
        line: 7,
        owners: ['team-orders'],
        ownersFromCodeOwners: false
      }
    ])
    expect(result.mappedComponents).toBe(2)
    expect(result.components).toBe(3)
  })

  test('touching the model file clears drift for all its components', () => {
    expect(computeCodeDrift([driftModel()], ['services/orders/api.ts', MODEL_PATH]).items).toEqual([])
    const moved: CodeDriftModel = { ...driftModel(), file: 'models/shop.threatmodel.yaml', baseFile: MODEL_PATH }
    expect(computeCodeDrift([moved], ['services/orders/api.ts', MODEL_PATH]).items).toEqual([])
  })

  test('unmapped files are never reported', () => {
    expect(computeCodeDrift([driftModel()], ['docs/a.md', 'services/other/x.ts', 'libs/money/sub/deep.ts']).items).toEqual([])
  })

  test('files are sorted, de-duplicated and capped with a count of the rest', () => {
    const files = Array.from({ length: 25 }, (_, i) => `services/billing/f${String(24 - i).padStart(2, '0')}.ts`)
    const [item] = computeCodeDrift([driftModel()], [...files, files[0], './libs/money/rate.ts']).items
    expect(item.component).toBe('billing')
    expect(item.files).toHaveLength(DRIFT_FILES_LISTED)
    expect(item.files[0]).toBe('libs/money/rate.ts')
    expect(item.files).toEqual([...item.files].sort())
    expect(item.moreFiles).toBe(26 - DRIFT_FILES_LISTED)
  })

  test('a 500-file change of unmapped files yields nothing', () => {
    const files = Array.from({ length: 500 }, (_, i) => `web/page-${i}.tsx`)
    expect(computeCodeDrift([driftModel()], files).items).toEqual([])
  })
})

describe('review with changed files', () => {
  test('code-only change: codeDrift item, a low finding on the component line, gate off by default', () => {
    const result = review(['services/orders/api.ts'])
    expect(result.codeDriftChecked).toBe(true)
    expect(result.codeDrift.map((d) => [d.component, d.files])).toEqual([['order-api', ['services/orders/api.ts']]])
    const finding = result.models[0].findings!.new.find((f) => f.ruleId === 'code-changed-model-untouched')!
    expect(finding.severity).toBe('low')
    expect(finding.elementIds).toEqual(['order-api'])
    expect(finding.position.line).toBe(8)
    expect(result.gate.reasons.map((r) => r.condition)).not.toContain('model-drift')
  })

  test('comment and job summary link the finding to its generated rule page, like any built-in rule', () => {
    const result = review(['services/orders/api.ts'])
    const page = '(https://github.com/threatloop/threatloop/blob/v1/docs/rules/code-changed-model-untouched.md)'
    for (const audience of ['comment', 'summary'] as const) {
      const markdown = renderReviewMarkdown(result, { audience })
      expect(markdown).toContain(`[code-changed-model-untouched]${page}`)
      expect(markdown).not.toContain('`code-changed-model-untouched`')
    }
  })

  test('a change that also edits the model has no drift', () => {
    const bumped = MODEL.replace('reviewed: 2026-09-15', 'reviewed: 2026-12-01')
    const result = review(['services/orders/api.ts', MODEL_PATH], bumped)
    expect(result.codeDrift).toEqual([])
    expect(result.models[0].findings!.new.some((f) => f.ruleId === 'code-changed-model-untouched')).toBe(false)
  })

  test('no changed-file list means drift was not checked', () => {
    const result = review(undefined)
    expect(result.codeDriftChecked).toBe(false)
    expect(result.codeDrift).toEqual([])
  })

  test('model-drift gate warns or fails when configured', () => {
    const drift = [{ modelId: 'shop', component: 'order-api' }]
    const base = { validationErrorCount: 0, newFindings: [], threatChanges: [], moneyChanges: [], maturityChanges: [], codeDrift: drift }
    expect(decideGate(base, { failOn: [], warnOn: ['model-drift'] }).status).toBe('warn')
    expect(decideGate(base, { failOn: ['model-drift'], warnOn: [] }).reasons[0].message).toContain('shop/order-api')
    expect(decideGate(base, DEFAULT_GATE_SETTINGS).status).toBe('pass')
  })
})

describe('schema and helpers', () => {
  test('code globs must be repository-relative', () => {
    const bad = MODEL.replace("code: ['services/orders/**']", "code: ['../secrets/**', '/etc/passwd']")
    const loaded = loadModel({ path: MODEL_PATH, content: bad })
    expect(loaded.model).toBeUndefined()
    expect(loaded.problems.filter((p) => p.severity === 'error').map((p) => p.path)).toEqual([
      'components[1].code[0]',
      'components[1].code[1]'
    ])
  })

  test('stale code globs are the ones matching no repository file', () => {
    expect(staleCodeGlobs(documentOf(MODEL), ['services/orders/api.ts', 'services/billing/x.ts'])).toEqual([
      { component: 'billing', glob: 'libs/money/*.ts' }
    ])
  })

  test('CODEOWNERS gives owners to components without one (last match wins)', () => {
    const rules = parseCodeOwners('# owners\n*.ts @acme/devs\n/services/billing/ @acme/billing @alice\n[Docs]\ndocs/ @acme/docs\n')
    const owners = deriveComponentOwners(documentOf(MODEL), rules, [
      'services/billing/a.ts',
      'services/billing/b.ts',
      'libs/money/m.ts',
      'services/orders/o.ts'
    ])
    expect(owners.get('billing')).toEqual(['@acme/billing', '@alice', '@acme/devs'])
    expect(owners.has('order-api')).toBe(false)
  })

  test('deriving owners stops at its work bound instead of matching without end', () => {
    const many = Array.from({ length: 1000 }, (_, i) => `services/billing/f${i}.ts`)
    const budget = { remaining: 1500, exhausted: false }
    const owners = deriveComponentOwners(documentOf(MODEL), parseCodeOwners('* @acme/all\n'), many, budget)
    expect(budget.exhausted).toBe(true)
    expect(owners.size).toBe(0)
    expect(CODE_OWNERS_MAX_WORK).toBeGreaterThan(1_000_000)
  })
})

describe('code_owners_file: components without an owner take theirs from CODEOWNERS', () => {
  const WITH_FILE = MODEL.replace('reviewed: 2026-09-15 }', 'reviewed: 2026-09-15, code_owners_file: .github/CODEOWNERS }')
  const CODEOWNERS = '* @acme/all\n/services/billing/ @acme/billing\n'
  const repositoryFiles = ['services/billing/a.ts', 'services/orders/o.ts', '.github/CODEOWNERS']
  const side = (read: Parameters<typeof codeOwnersOfModel>[2]) => ({
    files: new Map(read ? [['.github/CODEOWNERS', read] as const] : []),
    repositoryFiles
  })

  test('the review gives billing its CODEOWNERS owner: no component-without-owner finding, the drift line names it', () => {
    const codeOwners = { base: side({ text: CODEOWNERS }), head: side({ text: CODEOWNERS }) }
    const result = review(['services/billing/a.ts'], WITH_FILE, WITH_FILE, { codeOwners })
    expect(result.models[0].derivedOwners).toEqual({ billing: ['@acme/billing'] })
    expect(result.codeDrift.map((d) => [d.component, d.owners, d.ownersFromCodeOwners])).toEqual([['billing', ['@acme/billing'], true]])
    const head = review(null, WITH_FILE, WITH_FILE, { codeOwners })
    const unowned = (r: typeof head) => r.models[0].findings!.unchanged.filter((f) => f.ruleId === 'component-without-owner')
    expect(unowned(head)).toEqual([])
    // Without the file the same component has no owner, and the rule says so.
    expect(unowned(review(null, WITH_FILE, WITH_FILE)).map((f) => f.elementIds)).toEqual([['billing']])
    // The diff compares what the files say: owners derived on both sides are no change of the model.
    expect(head.models[0].status).toBe('unchanged')
    expect(head.models[0].head!.problems).toEqual([])
  })

  test('a CODEOWNERS that gains an owner in the change fixes the finding without changing the model', () => {
    const result = review(null, WITH_FILE, WITH_FILE, { codeOwners: { base: side({ missing: true }), head: side({ text: CODEOWNERS }) } })
    expect(result.models[0].status).toBe('unchanged')
    expect(result.models[0].findings!.fixed.map((f) => f.ruleId)).toContain('component-without-owner')
  })

  test('a missing, oversized or refused file is a warning positioned on code_owners_file (head only)', () => {
    for (const [read, code] of [
      [{ missing: true }, 'drift/code-owners-missing'],
      [{ tooLarge: 9_000_000 }, 'drift/code-owners-too-large'],
      [{ refused: 'the path leaves the repository' }, 'drift/code-owners-outside-repository']
    ] as const) {
      const result = review(null, WITH_FILE, WITH_FILE, { codeOwners: { base: side(read), head: side(read) } })
      const problems = result.models[0].head!.problems
      expect(problems.map((p) => [p.code, p.severity, p.line, p.path])).toEqual([[code, 'warning', 2, 'model.code_owners_file']])
      expect(result.models[0].base!.problems).toEqual([])
      expect(result.models[0].derivedOwners).toBeUndefined()
    }
  })

  test('owners are capped per component and a model without code_owners_file is left alone', () => {
    const wide = `/services/billing/ ${Array.from({ length: 9 }, (_, i) => `@acme/t${i}`).join(' ')}\n`
    const { owners } = codeOwnersOfModel(MODEL_PATH, documentOf(WITH_FILE), { text: wide }, repositoryFiles, () => ({ line: 1, column: 1 }))
    expect(owners.get('billing')).toHaveLength(5)
    expect(codeOwnersOfModel(MODEL_PATH, documentOf(MODEL), { missing: true }, [], () => ({ line: 1, column: 1 })).problems).toEqual([])
  })

  test('on a push drift is reported but is no gate condition', () => {
    const result = review(['services/orders/api.ts'], MODEL, MODEL, { event: 'push' })
    expect(result.codeDrift).toHaveLength(1)
    expect(result.gate.reasons.map((r) => r.condition)).not.toContain('model-drift')
  })
})
