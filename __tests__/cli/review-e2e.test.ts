import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import ajvDraft04 from 'ajv-draft-04'
import ajvFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

// ajv's CommonJS default export seen through ESM interop.
const Ajv = ajvDraft04 as unknown as typeof ajvDraft04.default
const addFormats = ajvFormats as unknown as typeof ajvFormats.default

// Runs the committed CLI bundle in a real git repository, as a developer would.
const CLI = resolve(process.env.THREATLOOP_BUNDLE_DIR ?? 'dist', 'cli.js')
const BASE = readFileSync('examples/demo/base/payments.threatmodel.yaml', 'utf8')
const HEAD = readFileSync('examples/demo/head/payments.threatmodel.yaml', 'utf8')
let repo: string

function git(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com'
    }
  })
}
function cli(args: string[], cwd = repo): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' })
  return { status: child.status, stdout: child.stdout, stderr: child.stderr }
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'threatloop-review-'))
  git('init', '-q', '-b', 'main')
  mkdirSync(join(repo, 'models'))
  writeFileSync(join(repo, 'models/payments.threatmodel.yaml'), BASE)
  git('add', '.')
  git('commit', '-q', '-m', 'base')
  git('checkout', '-q', '-b', 'feature')
  writeFileSync(join(repo, 'models/payments.threatmodel.yaml'), HEAD)
})
afterAll(() => rmSync(repo, { recursive: true, force: true }))

describe('threatloop review (bundle)', () => {
  test('reviews the working tree against the merge base with the default branch', () => {
    const result = cli(['review', '--iterations', '2000'])
    expect(result.stdout).toContain('### 🛑 Blocks merge: new critical threat `T-003`')
    expect(result.stdout).toContain('| `T-003` Card numbers sniffed')
    expect(result.stdout).toContain('```mermaid')
    expect(result.stdout).toContain('merge base with main')
    expect(result.status).toBe(1)
  })

  test('--no-fail exits 0; --format json is the versioned Review; text has no Markdown', () => {
    expect(cli(['review', '--iterations', '2000', '--no-fail']).status).toBe(0)
    const json = JSON.parse(cli(['review', '--iterations', '2000', '--format', 'json']).stdout) as {
      schema: string
      gate: { status: string }
    }
    expect(json.schema).toBe('threatloop-review/1')
    expect(json.gate.status).toBe('fail')
    const text = cli(['review', '--iterations', '2000', '--format', 'text']).stdout
    expect(text).toContain('Threatloop 0.1.0: FAIL')
    expect(text).not.toContain('|---|')
  })

  test('committed refs can be compared, and an unchanged model passes', () => {
    const result = cli(['review', '--base', 'main', '--head', 'main', '--iterations', '2000'])
    expect(result.stdout).toContain('No semantic change')
    expect(result.status).toBe(0)
  })

  test('folders can be compared without git', () => {
    const demo = mkdtempSync(join(tmpdir(), 'threatloop-demo-'))
    try {
      cpSync(resolve('examples/demo'), demo, { recursive: true })
      const result = cli(['review', '--base-dir', 'base', '--head-dir', 'head', '--iterations', '2000', '--no-fail'], demo)
      expect(result.stdout).toContain('Self-service refund portal')
      expect(result.status).toBe(0)
    } finally {
      rmSync(demo, { recursive: true, force: true })
    }
  })

  test('usage errors exit 2', () => {
    expect(cli(['review', '--base', 'no-such-ref']).status).toBe(2)
    expect(cli(['review', '--format', 'pdf']).stderr).toContain('--format must be markdown, text or json')
    expect(cli(['review', '--base-dir', 'x']).stderr).toContain('--base-dir and --head-dir go together')
  })
})

describe('threatloop check (bundle)', () => {
  test('reports findings in text and exits 1 at high', () => {
    const result = cli(['check'])
    expect(result.stdout).toMatch(
      /models\/payments\.threatmodel\.yaml:\d+:\d+: high: Flow refund-lookup \(refund-portal → vault\) carries card-data without encryption\. \[unencrypted-sensitive-flow\]/
    )
    expect(result.status).toBe(1)
    expect(cli(['check', '--fail-on', 'none']).status).toBe(0)
  })

  test('--base reports only new findings; SARIF is valid 2.1.0', () => {
    const all = cli(['check', '--format', 'json']).stdout
    const fresh = cli(['check', '--base', 'main', '--format', 'json']).stdout
    const count = (text: string): number => (JSON.parse(text) as { findings: unknown[] }).findings.length
    expect(count(fresh)).toBeGreaterThan(0)
    expect(count(fresh)).toBeLessThan(count(all))
    const sarif = JSON.parse(cli(['check', '--base', 'main', '--format', 'sarif']).stdout) as object
    const ajv = new Ajv({ strict: false, allErrors: true })
    addFormats(ajv)
    const validate = ajv.compile(JSON.parse(readFileSync('__tests__/fixtures/schemas/sarif-schema-2.1.0.json', 'utf8')) as object)
    expect(validate(sarif) ? [] : validate.errors).toEqual([])
    const quality = JSON.parse(cli(['check', '--format', 'codequality']).stdout) as { fingerprint: string; location: { path: string } }[]
    expect(quality.length).toBe(count(all))
    expect(quality.every((q) => /^[0-9a-f]{32,64}$/.test(q.fingerprint) && q.location.path === 'models/payments.threatmodel.yaml')).toBe(
      true
    )
  })
})

describe('threatloop convert (bundle)', () => {
  test('native → OTM → native keeps the elements OTM carries', () => {
    const otm = cli(['convert', 'models/payments.threatmodel.yaml', '--to', 'otm'])
    expect(otm.status).toBe(0)
    const document = JSON.parse(otm.stdout) as { otmVersion: string; components: { id: string }[] }
    expect(document.otmVersion).toBe('0.2.0')
    writeFileSync(join(repo, 'payments.otm.json'), otm.stdout)
    try {
      const back = cli(['convert', 'payments.otm.json'])
      expect(back.status).toBe(0)
      for (const id of ['refund-portal', 'vault', 'T-003', 'M-001']) expect(back.stdout).toContain(`id: ${id}`)
    } finally {
      rmSync(join(repo, 'payments.otm.json'))
    }
  })

  test('an unknown file is reported, not converted', () => {
    writeFileSync(join(repo, 'other.json'), '{"hello": "world"}')
    try {
      const result = cli(['convert', 'other.json'])
      expect(result.stderr).toContain('not a threat model this tool reads')
      expect(result.status).toBe(1)
    } finally {
      rmSync(join(repo, 'other.json'))
    }
  })
})
