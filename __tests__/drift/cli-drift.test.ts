import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { runCli } from '../../src/adapters/cli/main.js'
import type { Review } from '../../src/core/review/types.js'
import { testRepository, type TestRepository } from '../fixtures/git-repo.js'

const MODEL = `threatloop: 1
model: { id: shop, title: Shop, owner: team, reviewed: 2026-09-15 }
zones: [{ id: core, trust: 2 }]
components:
  - { id: order-api, type: service, zone: core, owner: team, code: ['services/orders/**'] }
  - { id: web, type: service, zone: core, owner: team, code: ['web/**'] }
dataflows:
  - { id: f1, from: web, to: order-api, protocol: https, encrypted: true, authentication: oauth2 }
`
let repository: TestRepository
let repo: string
const git = (...args: string[]): string => repository.git(...args)
const write = (path: string, text: string): void => repository.write(path, text)

async function review(...args: string[]): Promise<Review> {
  let out = ''
  const code = await runCli(['review', '--format', 'json', '--iterations', '1000', '--no-fail', ...args], repo, {
    out: (t) => (out += t),
    err: () => undefined
  })
  expect(code).toBe(0)
  return JSON.parse(out) as Review
}

beforeEach(() => {
  repository = testRepository('drift')
  repo = repository.root
  write('threatmodel/shop.threatmodel.yaml', MODEL)
  write('services/orders/api.ts', 'export const a = 1\n')
  write('docs/readme.md', 'x\n')
  git('add', '.')
  git('commit', '-qm', 'base')
  git('checkout', '-q', '-b', 'feature')
})
afterEach(() => repository.remove())

describe('threatloop review reports code drift', () => {
  test('a change to mapped code only: one drift line naming the component and the file', async () => {
    write('services/orders/api.ts', 'export const a = 2 // new auth\n')
    git('commit', '-qam', 'auth')
    const result = await review('--base', 'main', '--head', 'HEAD')
    expect(result.codeDriftChecked).toBe(true)
    expect(result.codeDrift.map((d) => [d.component, d.files, d.modelFile])).toEqual([
      ['order-api', ['services/orders/api.ts'], 'threatmodel/shop.threatmodel.yaml']
    ])
    let markdown = ''
    await runCli(['review', '--base', 'main', '--head', 'HEAD', '--iterations', '1000', '--no-fail'], repo, {
      out: (t) => (markdown += t),
      err: () => undefined
    })
    expect(markdown).toContain('`order-api` code changed (1 file: `services/orders/api.ts`)')
  })

  test('uncommitted edits in the working tree count', async () => {
    write('web/new-page.tsx', 'x\n')
    const result = await review('--base', 'main')
    expect(result.codeDrift.map((d) => d.component)).toEqual(['web'])
  })

  test('editing the model in the same change, or changing only unmapped files, gives none', async () => {
    write('services/orders/api.ts', 'export const a = 3\n')
    write('threatmodel/shop.threatmodel.yaml', MODEL.replace('2026-09-15', '2026-12-01'))
    git('commit', '-qam', 'both')
    expect((await review('--base', 'main', '--head', 'HEAD')).codeDrift).toEqual([])
    git('checkout', '-q', 'main')
    git('checkout', '-q', '-b', 'docs-only')
    write('docs/readme.md', 'y\n')
    git('commit', '-qam', 'docs')
    expect((await review('--base', 'main', '--head', 'HEAD')).codeDrift).toEqual([])
  })

  test('a base branch that moved: its own commits are not the change (three-dot, from the merge base)', async () => {
    write('docs/readme.md', 'feature docs\n')
    git('commit', '-qam', 'feature: docs only')
    git('checkout', '-q', 'main')
    write('services/orders/api.ts', 'export const a = 9 // landed on main\n')
    git('commit', '-qam', 'main moved')
    git('checkout', '-q', 'feature')
    const result = await review('--base', 'main', '--head', 'HEAD')
    expect(result.codeDriftChecked).toBe(true)
    expect(result.codeDrift).toEqual([])
  })

  test('two folders: files that differ are the change', async () => {
    write('b/threatmodel/shop.threatmodel.yaml', MODEL)
    write('b/services/orders/api.ts', 'a\n')
    write('h/threatmodel/shop.threatmodel.yaml', MODEL)
    write('h/services/orders/api.ts', 'b\n')
    const result = await review('--base-dir', 'b', '--head-dir', 'h')
    expect(result.codeDrift.map((d) => d.component)).toEqual(['order-api'])
  })
})

describe('the drift rule is configured like any other rule', () => {
  const changeMappedCode = (): void => {
    git('checkout', '-q', 'main')
    git('add', '.')
    git('commit', '-qm', 'configuration')
    git('checkout', '-q', '-B', 'feature')
    write('services/orders/api.ts', 'export const a = 2 // new auth\n')
    git('commit', '-qam', 'auth')
  }
  const driftFindings = (result: Review) =>
    [...result.models[0].findings!.new, ...result.models[0].findings!.unchanged].filter((f) => f.ruleId === 'code-changed-model-untouched')

  test('`rules.disable` turns drift off: no drift line, no finding, nothing to gate on, no unknown-rule warning', async () => {
    write('.threatloop.yaml', 'rules:\n  disable: [code-changed-model-untouched]\ngate:\n  fail_on: [model-drift]\n')
    changeMappedCode()
    const result = await review('--base', 'main', '--head', 'HEAD')
    expect(result.codeDrift).toEqual([])
    expect(result.codeDriftChecked).toBe(false)
    expect(driftFindings(result)).toEqual([])
    expect(result.problems.map((p) => p.code)).not.toContain('config/unknown-rule')
    // The gate still lists the condition the disabled rule would feed: the review says so.
    expect(result.problems.filter((p) => p.code === 'config/gate-condition-never-fires').map((p) => [p.file, p.line, p.path])).toEqual([
      ['.threatloop.yaml', 4, 'gate.fail_on[0]']
    ])
    expect(result.gate.status).toBe('pass')
  })

  test('`rules.severity` sets the level of its findings, which the gate counts at that level', async () => {
    write('.threatloop.yaml', 'rules:\n  severity: { code-changed-model-untouched: high }\ngate:\n  fail_on: [new-finding-high]\n')
    changeMappedCode()
    const result = await review('--base', 'main', '--head', 'HEAD')
    expect(result.codeDrift.map((d) => d.component)).toEqual(['order-api'])
    expect(driftFindings(result).map((f) => [f.elementIds, f.severity])).toEqual([[['order-api'], 'high']])
    expect(result.problems.map((p) => p.code)).not.toContain('config/unknown-rule')
    expect(result.gate.status).toBe('fail')
  })

  test("a model's suppression of drift silences nothing and is reported as such, not as an unknown rule", async () => {
    write(
      'threatmodel/shop.threatmodel.yaml',
      `${MODEL}suppressions:\n  - { rule: code-changed-model-untouched, target: order-api, reason: Refactors only, approved_by: cso }\n`
    )
    changeMappedCode()
    const result = await review('--base', 'main', '--head', 'HEAD')
    expect(result.codeDrift.map((d) => d.component)).toEqual(['order-api'])
    expect(driftFindings(result).map((f) => f.suppressed)).toEqual([undefined])
    const suppressionFindings = result.models[0]
      .findings!.unchanged.filter((f) => f.ruleId.startsWith('suppression-'))
      .map((f) => [f.ruleId, f.position.line])
    expect(suppressionFindings).toEqual([['suppression-rule-not-suppressible', 10]])
  })
})

describe('code_owners_file: owners from CODEOWNERS for components without one', () => {
  const WITH_FILE = MODEL.replace('reviewed: 2026-09-15 }', 'reviewed: 2026-09-15, code_owners_file: .github/CODEOWNERS }').replace(
    "{ id: order-api, type: service, zone: core, owner: team, code: ['services/orders/**'] }",
    "{ id: order-api, type: service, zone: core, code: ['services/orders/**'] }"
  )

  test('the drift line names the owners CODEOWNERS gives the component, read from the same commit as the model', async () => {
    write('threatmodel/shop.threatmodel.yaml', WITH_FILE)
    write('.github/CODEOWNERS', '* @acme/everyone\n/services/orders/ @acme/orders\n')
    git('add', '.')
    git('commit', '-qm', 'owners')
    git('checkout', '-q', '-b', 'change')
    write('services/orders/api.ts', 'export const a = 2\n')
    git('commit', '-qam', 'auth')
    const result = await review('--base', 'feature', '--head', 'HEAD')
    expect(result.codeDrift.map((d) => [d.component, d.owners, d.ownersFromCodeOwners])).toEqual([['order-api', ['@acme/orders'], true]])
    expect(result.models[0].derivedOwners).toEqual({ 'order-api': ['@acme/orders'] })
    let markdown = ''
    await runCli(['review', '--base', 'feature', '--head', 'HEAD', '--iterations', '1000', '--no-fail'], repo, {
      out: (t) => (markdown += t),
      err: () => undefined
    })
    expect(markdown).toContain('(1 file: `services/orders/api.ts`), owner `@acme/orders` (from CODEOWNERS) —')
  })

  test('a missing file, or one that resolves outside the repository, is a positioned warning and gives no owner', async () => {
    write('threatmodel/shop.threatmodel.yaml', WITH_FILE)
    const missing = await review('--base', 'main')
    expect(missing.models[0].head!.problems.map((p) => [p.code, p.line])).toEqual([['drift/code-owners-missing', 2]])
    const outside = mkdtempSync(join(tmpdir(), 'threatloop-outside-'))
    try {
      writeFileSync(join(outside, 'CODEOWNERS'), '* @attacker\n')
      mkdirSync(join(repo, '.github'), { recursive: true })
      symlinkSync(join(outside, 'CODEOWNERS'), join(repo, '.github', 'CODEOWNERS'))
      const refused = await review('--base', 'main')
      expect(refused.models[0].head!.problems.map((p) => p.code)).toEqual(['drift/code-owners-outside-repository'])
      expect(refused.models[0].derivedOwners).toBeUndefined()
    } finally {
      rmSync(outside, { recursive: true, force: true })
    }
  })
})

describe('threatloop validate warns about stale code globs', () => {
  test('a glob matching no file is a positioned warning; the model stays valid', async () => {
    write('threatmodel/shop.threatmodel.yaml', MODEL.replace("code: ['web/**']", "code: ['web/**', 'legacy/**']"))
    let out = ''
    const code = await runCli(['validate'], repo, { out: (t) => (out += `${t}\n`), err: (t) => (out += `${t}\n`) })
    expect(code).toBe(0)
    expect(out).toMatch(/threatmodel\/shop\.threatmodel\.yaml:6:\d+: warning: code glob `legacy\/\*\*` of component web matches no file/)
    expect(out).not.toContain('services/orders/**` of component')
  })
})
