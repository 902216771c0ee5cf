import { describe, expect, test } from '@jest/globals'
import {
  computeCodeDrift,
  deriveComponentOwners,
  parseCodeOwners,
  staleCodeGlobs,
  DRIFT_FILES_LISTED,
  type CodeDriftModel
} from '../../src/core/drift/code-drift.js'
import { loadModel } from '../../src/core/model/load.js'
import type { ModelDocument } from '../../src/core/model/schema.js'
import { decideGate, DEFAULT_GATE_SETTINGS } from '../../src/core/report/gate.js'
import { reviewChange } from '../../src/core/review/review.js'
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

function review(changedFiles: readonly string[] | null | undefined, headText = MODEL, baseText = MODEL) {
  const { ruleSet } = loadRuleSet({})
  return reviewChange(
    { files: [{ path: MODEL_PATH, content: baseText }] },
    { files: [{ path: MODEL_PATH, content: headText }] },
    { platform: 'local', event: 'pull_request', base: { label: 'main' }, head: { label: 'HEAD' }, today: '2026-12-01' },
    { toolVersion: '0.0.0', ruleSet, gate: DEFAULT_GATE_SETTINGS, risk: { iterations: 500 }, changedFiles }
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
        line: 7
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
})
