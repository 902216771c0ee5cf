import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from '@jest/globals'
import ajv2020 from 'ajv/dist/2020.js'
import ajvDraft07 from 'ajv'
import { load } from 'js-yaml'
import { loadModel, type LoadedModel } from '../../src/core/model/load.js'
import { modelJsonSchema } from '../../src/core/model/json-schema.js'
import { formatProblem } from '../../src/core/problems.js'

// ajv is CommonJS: at runtime the default import is the class itself; its types describe the namespace.
const Ajv2020 = ajv2020 as unknown as typeof ajv2020.default
const AjvDraft07 = ajvDraft07 as unknown as typeof ajvDraft07.default

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

function modelFilesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.threatmodel\.(ya?ml|json)$/.test(name))
    .map((name) => join(folder, name))
    .sort()
}

function loadExample(file: string): LoadedModel {
  const result = loadModel({ path: file, content: readFileSync(join(ROOT, file)) })
  expect(result.problems.map(formatProblem)).toEqual([])
  if (!result.model) throw new Error(`${file} did not load`)
  return result.model
}

const EXAMPLES = modelFilesUnder('examples')

test('examples hold at least three systems and the demo pair', () => {
  expect(EXAMPLES).toEqual(
    expect.arrayContaining([
      'examples/payments-api.threatmodel.yaml',
      'examples/k8s-saas.threatmodel.yaml',
      'examples/mobile-banking.threatmodel.yaml',
      'examples/demo/base/payments.threatmodel.yaml',
      'examples/demo/head/payments.threatmodel.yaml'
    ])
  )
})

describe('every example is valid', () => {
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(modelJsonSchema())

  test.each(EXAMPLES)('%s loads without problems', (file) => {
    const model = loadExample(file)
    expect(model.index.modelId).toBe(model.document.model.id)
  })

  test.each(EXAMPLES)('%s is accepted by the JSON Schema', (file) => {
    const valid = validate(load(readFileSync(join(ROOT, file), 'utf8')))
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })

  test.each(EXAMPLES)('%s is accepted by the JSON Schema read as draft-07, as editors read it', (file) => {
    const { $schema: _dialect, ...rest } = modelJsonSchema()
    const draft07 = new AjvDraft07({ allErrors: true, strict: true }).compile({
      ...rest,
      $schema: 'http://json-schema.org/draft-07/schema#'
    })
    expect(draft07(load(readFileSync(join(ROOT, file), 'utf8')))).toBe(true)
  })

  test.each(EXAMPLES)('%s points editors at the schema', (file) => {
    const firstLine = readFileSync(join(ROOT, file), 'utf8').split('\n')[0]
    const schemaPath = relative(join(ROOT, file, '..'), join(ROOT, 'schema/threatloop.schema.json'))
    expect(firstLine).toBe(`# yaml-language-server: $schema=${schemaPath}`)
  })

  test.each(['examples/k8s-saas.threatmodel.yaml', 'examples/mobile-banking.threatmodel.yaml'])('%s is a realistic model', (file) => {
    const { document } = loadExample(file)
    const threats = document.threats ?? []
    const mitigations = document.mitigations ?? []
    expect(document.components?.length).toBeGreaterThanOrEqual(8)
    expect(document.components?.length).toBeLessThanOrEqual(15)
    expect(threats.length).toBeGreaterThanOrEqual(8)
    expect(threats.length).toBeLessThanOrEqual(15)
    expect(threats.every((t) => (t.references?.cwe?.length ?? 0) > 0)).toBe(true)
    expect(threats.some((t) => t.references?.capec?.length)).toBe(true)
    expect(threats.some((t) => t.references?.attack?.length)).toBe(true)
    expect(threats.some((t) => t.risk?.fair)).toBe(true)
    expect(new Set(mitigations.map((m) => m.type)).size).toBeGreaterThanOrEqual(4)
    expect(new Set(mitigations.map((m) => m.status)).size).toBeGreaterThanOrEqual(5)
    expect(new Set(mitigations.map((m) => m.roadmap).filter(Boolean)).size).toBe(3)
    expect(mitigations.every((m) => m.verification)).toBe(true)
    expect(mitigations.some((m) => m.effects?.some((e) => e.by)) && mitigations.some((m) => m.effects?.some((e) => e.strength))).toBe(true)
    for (const section of ['zones', 'assets', 'dataflows', 'actors', 'assumptions', 'incidents', 'suppressions'] as const) {
      expect(document[section]?.length).toBeGreaterThan(0)
    }
  })
})

describe('examples cite real catalogue ids', () => {
  const kb = (name: string): unknown => JSON.parse(readFileSync(join(ROOT, '__tests__/fixtures/kb', name), 'utf8'))
  const cwe = new Set((kb('cwe.json') as { weaknesses: { id: number }[] }).weaknesses.map((w) => `CWE-${w.id}`))
  const capec = new Set(
    (kb('capec.json') as { attack_patterns: { id: number; status: string }[] }).attack_patterns
      .filter((p) => p.status !== 'Deprecated')
      .map((p) => `CAPEC-${p.id}`)
  )
  const attack = kb('attack-enterprise.json') as {
    techniques: { id: string; revoked?: boolean; deprecated?: boolean }[]
    mitigations: { id: string }[]
  }
  const techniques = new Set(attack.techniques.filter((t) => !t.revoked && !t.deprecated).map((t) => t.id))
  const attackIds = new Set([...techniques, ...attack.mitigations.map((m) => m.id)])

  test.each(EXAMPLES)('%s', (file) => {
    const { document } = loadExample(file)
    const unknown: string[] = []
    for (const threat of document.threats ?? []) {
      for (const id of threat.references?.cwe ?? []) if (!cwe.has(id)) unknown.push(id)
      for (const id of threat.references?.capec ?? []) if (!capec.has(id)) unknown.push(id)
      for (const id of threat.references?.attack ?? []) if (!attackIds.has(id)) unknown.push(id)
    }
    for (const id of [
      ...(document.mitigations ?? []).flatMap((m) => m.detects ?? []),
      ...(document.incidents ?? []).flatMap((i) => i.techniques ?? [])
    ]) {
      if (!techniques.has(id)) unknown.push(id)
    }
    expect(unknown).toEqual([])
  })
})

describe('the model index of the Kubernetes SaaS example', () => {
  const file = 'examples/k8s-saas.threatmodel.yaml'
  const { index } = loadExample(file)
  const ids = (list: readonly { id: string }[] | undefined): string[] => (list ?? []).map((e) => e.id).sort()

  test('resolves flows in and out of a component', () => {
    expect(ids(index.inboundFlows.get('tenant-api'))).toEqual(['ingress-to-api'])
    expect(ids(index.outboundFlows.get('tenant-api'))).toEqual(['api-secrets', 'api-sso', 'api-to-db', 'api-to-queue'])
    expect(ids(index.inboundFlows.get('registry'))).toEqual(['argocd-pull-images', 'ci-push-image'])
    expect(index.inboundFlows.get('customer')).toBeUndefined()
  })

  test('resolves a flow’s ends to zones and trust', () => {
    const flow = index.dataflows.get('worker-webhooks')
    expect(flow).toMatchObject({ from: 'worker', to: 'webhook-targets' })
    expect(index.zoneOf('worker')?.id).toBe('tenant-workloads')
    expect(index.trustOf('worker')).toBe(2)
    expect(index.zoneOf('webhook-targets')?.id).toBe('internet')
    expect(index.trustOf('webhook-targets')).toBe(0)
    expect(index.zones.get('platform-system')?.parent).toBe('cluster')
  })

  test('resolves assets per flow and per component, and holders per asset', () => {
    expect(ids(index.assetsOnFlow('ci-push-image'))).toEqual(['container-images', 'deploy-credentials'])
    expect(ids(index.assetsOfComponent('vault'))).toEqual(['deploy-credentials', 'user-credentials'])
    expect(ids(index.holdersByAsset.get('deploy-credentials'))).toEqual(['argocd', 'ci-push-image', 'ci-runner', 'vault'])
  })

  test('links threats to targets and mitigations both ways', () => {
    expect(ids(index.threatsByTarget.get('worker'))).toEqual(['KS-005', 'KS-007'])
    expect(ids(index.threatsByTarget.get('tenant-workloads'))).toEqual(['KS-005'])
    expect(ids(index.mitigationsByThreat.get('KS-001'))).toEqual(['KM-001', 'KM-002', 'KM-010'])
    expect(ids(index.threatsByMitigation.get('KM-004'))).toEqual(['KS-002', 'KS-003'])
    expect(ids(index.threatsByMitigation.get('KM-009'))).toEqual(['KS-006', 'KS-011'])
    expect(index.mitigationsByThreat.get('KS-008')?.map((m) => m.status)).toEqual(['proposed'])
  })

  test('finds every element by id with its kind and source position', () => {
    expect(index.elements.get('KS-007')).toMatchObject({ kind: 'threat', section: 'threats', index: 6 })
    expect(index.elements.get('ingress')).toMatchObject({ kind: 'component', section: 'components' })
    const text = readFileSync(join(ROOT, file), 'utf8').split('\n')
    const position = index.positionOf('KS-007')
    expect(position).toBeDefined()
    expect(text[(position?.line ?? 0) - 1]).toBe('  - id: KS-007')
    expect(position?.column).toBe(5)
  })
})

describe('the demo pull request', () => {
  const base = loadExample('examples/demo/base/payments.threatmodel.yaml').index
  const head = loadExample('examples/demo/head/payments.threatmodel.yaml').index

  test('adds an internet-facing component and a flow carrying card data unencrypted', () => {
    const added = [...head.components.keys()].filter((id) => !base.components.has(id))
    expect(added).toEqual(['refund-portal'])
    expect(head.components.get('refund-portal')?.internet_facing).toBe(true)
    const unencrypted = [...head.dataflows.values()].filter((f) => !base.dataflows.has(f.id) && f.encrypted === false)
    expect(unencrypted.map((f) => [f.id, f.assets])).toEqual([['refund-lookup', ['card-data']]])
  })

  test('adds a high threat, ships a mitigation, raises a likelihood and renames a threat', () => {
    expect(head.threats.get('T-003')).toMatchObject({ likelihood: 'high', impact: 'high' })
    expect([base.mitigations.get('M-001')?.status, head.mitigations.get('M-001')?.status]).toEqual(['planned', 'implemented'])
    expect([base.threats.get('T-002')?.likelihood, head.threats.get('T-002')?.likelihood]).toEqual(['low', 'medium'])
    const { id: _oldId, ...before } = base.threats.get('T-001') ?? { id: '' }
    const { id: _newId, ...after } = head.threats.get('SPOOF-001') ?? { id: '' }
    expect(head.threats.has('T-001')).toBe(false)
    expect(after).toEqual(before)
    expect(head.document.model.description).not.toBe(base.document.model.description)
  })
})
