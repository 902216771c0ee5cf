import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

// Runs the committed bundle the way a user does: `node dist/cli.js validate` in a repository folder.
const CLI = resolve(process.env.THREATLOOP_BUNDLE_DIR ?? 'dist', 'cli.js')
let repo: string
let outside: string

function cli(args: string[], cwd = repo): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' })
  return { status: child.status, stdout: child.stdout, stderr: child.stderr }
}

const VALID = `threatloop: 1
model: { id: shop, title: Shop }
components:
  - { id: web, type: service }
`
const INVALID = `threatloop: 1
model:
  id: shop
  title: Shop
threats:
  - id: T-1
    title: Replay
    likelihood: hihg
    mitigations: [M-404]
`

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'threatloop-cli-'))
  outside = mkdtempSync(join(tmpdir(), 'threatloop-outside-'))
  mkdirSync(join(repo, 'models'))
  writeFileSync(join(repo, 'models/good.threatmodel.yaml'), VALID)
  writeFileSync(join(outside, 'secret.threatmodel.yaml'), VALID)
})
afterAll(() => {
  rmSync(repo, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
})

describe('threatloop validate (bundle)', () => {
  test('valid models exit 0 with a summary', () => {
    const result = cli(['validate'])
    expect(result.stdout).toContain('✔ 1 model file valid')
    expect(result.status).toBe(0)
  })

  test('invalid model prints compiler-style lines with positions and exits 1', () => {
    writeFileSync(join(repo, 'models/bad.threatmodel.yaml'), INVALID)
    try {
      const result = cli(['validate', 'models'])
      expect(result.stdout).toContain(
        'models/bad.threatmodel.yaml:8:17: error: expected one of very-low, low, medium, high or very-high in threat T-1, got "hihg"; did you mean `high`? (threats[0].likelihood)'
      )
      expect(result.stdout).toContain(
        'models/bad.threatmodel.yaml:9:19: error: unknown mitigation `M-404` in `mitigations` of threat T-1 (threats[0].mitigations[0])'
      )
      expect(result.stdout).toContain('✖ 1 of 2 model files invalid: 2 errors, 0 warnings')
      expect(result.status).toBe(1)
      const json = cli(['validate', '--format', 'json'])
      const report = JSON.parse(json.stdout) as { summary: { invalid: number; errors: number }; files: { file: string; valid: boolean }[] }
      expect(report.summary).toMatchObject({ invalid: 1, errors: 2 })
      expect(report.files.map((f) => [f.file, f.valid])).toEqual([
        ['models/bad.threatmodel.yaml', false],
        ['models/good.threatmodel.yaml', true]
      ])
      expect(json.status).toBe(1)
    } finally {
      rmSync(join(repo, 'models/bad.threatmodel.yaml'))
    }
  })

  test('two files declaring one model id: a warning on the later file naming both, still valid', () => {
    writeFileSync(join(repo, 'models/shop-copy.threatmodel.yaml'), VALID)
    try {
      const result = cli(['validate', 'models'])
      expect(result.stdout).toContain(
        'models/shop-copy.threatmodel.yaml:2:14: warning: model id `shop` of models/shop-copy.threatmodel.yaml is also declared by models/good.threatmodel.yaml; reviews pair models and mitigation issues by model id, so give each file its own id (model.id)'
      )
      expect(result.stdout).toContain('✔ 2 model files valid, 1 warning')
      expect(result.status).toBe(0)
      const json = JSON.parse(cli(['validate', 'models', '--format', 'json']).stdout) as {
        files: Array<{ file: string; problems: Array<{ code: string }> }>
      }
      expect(json.files.find((f) => f.file === 'models/shop-copy.threatmodel.yaml')?.problems.map((p) => p.code)).toEqual([
        'model/duplicate-model-id'
      ])
      expect(json.files.find((f) => f.file === 'models/good.threatmodel.yaml')?.problems).toEqual([])
    } finally {
      rmSync(join(repo, 'models/shop-copy.threatmodel.yaml'))
    }
  })

  test("files in other tools' formats are validated through their importer, not as native models", () => {
    copyFileSync(resolve('__tests__/fixtures/import/otm/minimal.otm.json'), join(repo, 'models/minimal.otm.json'))
    try {
      const result = cli(['validate', '--format', 'json'])
      const report = JSON.parse(result.stdout) as { files: { file: string; valid: boolean }[] }
      expect(report.files.find((f) => f.file === 'models/minimal.otm.json')).toEqual(expect.objectContaining({ valid: true }))
      expect(result.status).toBe(0)
    } finally {
      rmSync(join(repo, 'models/minimal.otm.json'))
    }
  })

  test('a symbolic link out of the repository is not followed', () => {
    symlinkSync(join(outside, 'secret.threatmodel.yaml'), join(repo, 'models/link.threatmodel.yaml'))
    try {
      const result = cli(['validate', '--format', 'json'])
      const report = JSON.parse(result.stdout) as { files: { file: string; valid: boolean; problems: { severity: string }[] }[] }
      // The link is either skipped by discovery or reported as a warning; it is never read as a model.
      const link = report.files.find((f) => f.file === 'models/link.threatmodel.yaml')
      expect(link === undefined || link.problems.every((p) => p.severity === 'warning')).toBe(true)
      expect(report.files.filter((f) => f.valid && f.problems.length === 0).map((f) => f.file)).toEqual(['models/good.threatmodel.yaml'])
    } finally {
      rmSync(join(repo, 'models/link.threatmodel.yaml'))
    }
  })

  test('usage and configuration errors exit 2 with a clear message', () => {
    expect(cli(['validate', '--format', 'xml']).stderr).toContain('--format must be text or json, got "xml"')
    expect(cli(['validate', '--format', 'xml']).status).toBe(2)
    expect(cli(['frobnicate']).status).toBe(2)
    expect(cli(['validate', 'missing-folder']).stdout).toContain('no such file or folder: missing-folder')
    writeFileSync(join(repo, '.threatloop.yaml'), 'modles: ["**/*.yaml"]\n')
    try {
      const result = cli(['validate'])
      expect(result.stderr).toContain('.threatloop.yaml:1:1: error: unknown key `modles`; did you mean `models`? (modles)')
      expect(result.status).toBe(2)
    } finally {
      rmSync(join(repo, '.threatloop.yaml'))
    }
  })

  test('--help is available for the tool and for each command', () => {
    expect(cli(['--help']).stdout).toContain('Usage: threatloop <command>')
    const help = cli(['validate', '--help'])
    expect(help.stdout).toContain('Usage: threatloop validate')
    expect(help.status).toBe(0)
  })
})
