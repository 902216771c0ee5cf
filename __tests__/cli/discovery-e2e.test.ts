import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

// validate, check and review agree on which files are models, from any folder of the repository,
// and no path is followed out of it. Runs the built CLI in real git repositories.
const CLI = resolve(process.env.THREATLOOP_BUNDLE_DIR ?? 'dist', 'cli.js')
const FIXTURES = resolve('__tests__/fixtures/import')

const MODEL = `threatloop: 1
model: { id: shop, title: Shop }
components:
  - { id: web, type: service }
`
const SECRET = `threatloop: 1
model: { id: secret-outside, title: Secret outside the repository }
`

let outside: string
const repos: string[] = []

function run(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' })
  return { status: child.status, stdout: child.stdout, stderr: child.stderr }
}

/** A git repository with one commit holding `files`; the working tree equals the commit. */
function repository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'threatloop-discovery-'))
  repos.push(root)
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com'
      }
    })
  git('init', '-q', '-b', 'main')
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  git('add', '-A')
  git('commit', '-q', '--allow-empty', '-m', 'base')
  return root
}

/** The model files each command reads, as repository paths. */
function validated(cwd: string, args: string[]): string[] {
  const report = JSON.parse(run(cwd, ['validate', '--format', 'json', ...args]).stdout) as {
    files: { file: string; problems: { code: string }[] }[]
  }
  return report.files
    .filter((f) => !f.problems.some((p) => p.code.startsWith('discovery/')))
    .map((f) => f.file)
    .sort()
}
function reviewed(cwd: string, args: string[]): string[] {
  const review = JSON.parse(run(cwd, ['review', '--base', 'HEAD', '--iterations', '1000', '--format', 'json', ...args]).stdout) as {
    models: { head?: { file: string } }[]
  }
  return review.models.map((m) => m.head?.file ?? '').sort()
}
/** The files `check` reports findings in (every test model has findings: it names no owner). */
function checked(cwd: string, args: string[]): string[] {
  const report = JSON.parse(run(cwd, ['check', '--format', 'json', ...args]).stdout) as { findings: { file: string }[] }
  return [...new Set(report.findings.map((f) => f.file))].sort()
}

beforeAll(() => {
  outside = mkdtempSync(join(tmpdir(), 'threatloop-outside-'))
  writeFileSync(join(outside, 'secret.threatmodel.yaml'), SECRET)
  writeFileSync(join(outside, 'team.yaml'), SECRET)
})
afterAll(() => {
  for (const root of repos) rmSync(root, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
})

describe('one discovery path for validate, check and review', () => {
  test('configured globs are matched from the repository root, whatever folder is named or the command runs in', () => {
    const root = repository({
      '.threatloop.yaml': "models: ['threatmodels/**/*.yaml']\n",
      'threatmodels/a.yaml': MODEL,
      'other/b.yaml': MODEL
    })
    expect(validated(root, ['threatmodels'])).toEqual(['threatmodels/a.yaml'])
    expect(validated(root, [])).toEqual(['threatmodels/a.yaml'])
    expect(reviewed(root, ['threatmodels'])).toEqual(['threatmodels/a.yaml'])
    expect(checked(root, ['threatmodels'])).toEqual(['threatmodels/a.yaml'])
    const sub = join(root, 'threatmodels')
    expect(validated(sub, ['a.yaml'])).toEqual(['threatmodels/a.yaml'])
    expect(validated(sub, ['.'])).toEqual(['threatmodels/a.yaml'])
    expect(validated(sub, [])).toEqual(['threatmodels/a.yaml'])
    expect(reviewed(sub, ['a.yaml'])).toEqual(['threatmodels/a.yaml'])
    expect(checked(sub, ['a.yaml'])).toEqual(['threatmodels/a.yaml'])
    expect(checked(sub, ['../other'])).toEqual([])
  })

  test('a file named explicitly is read even when no glob matches it; an unrecognised one is an error, never skipped', () => {
    const root = repository({ 'notes/model.yaml': MODEL, 'notes/data.json': '{ "name": "not a model" }\n' })
    expect(validated(root, ['notes/model.yaml'])).toEqual(['notes/model.yaml'])
    expect(reviewed(root, ['notes/model.yaml'])).toEqual(['notes/model.yaml'])
    expect(checked(root, ['notes/model.yaml'])).toEqual(['notes/model.yaml'])
    for (const args of [
      ['validate', 'notes/data.json'],
      ['check', 'notes/data.json'],
      ['review', '--base', 'HEAD', '--iterations', '1000', 'notes/data.json']
    ]) {
      const result = run(root, args)
      expect([args[0], result.stdout + result.stderr]).toEqual([
        args[0],
        expect.stringMatching(/notes\/data\.json[^\n]*not a threat model this tool reads/)
      ])
      expect([args[0], result.status]).toEqual([args[0], 1])
    }
    for (const command of ['validate', 'check']) {
      const missing = run(join(root, 'notes'), [command, 'nowhere.yaml'])
      expect(missing.stdout + missing.stderr).toContain('no such file or folder: notes/nowhere.yaml')
      expect(missing.status).not.toBe(0)
    }
  })

  test('default globs find the common real names, and content decides for the broad ones', () => {
    const otm = readFileSync(join(FIXTURES, 'otm/minimal.otm.json'), 'utf8')
    const root = repository({
      'models/service.otm': otm,
      'models/payments-threat-model.json': otm,
      'docs/ThreatModel.json': otm,
      'design/app.threat-dragon.json': readFileSync(join(FIXTURES, 'threat-dragon/minimal-v2.json'), 'utf8'),
      'config/threat-model-settings.json': '{ "theme": "dark" }\n',
      'threat-models/notes.yaml': 'todo: write the model\n'
    })
    const expected = ['design/app.threat-dragon.json', 'docs/ThreatModel.json', 'models/payments-threat-model.json', 'models/service.otm']
    expect(validated(root, [])).toEqual(expected)
    const result = run(root, ['validate'])
    expect(result.stdout).not.toContain('threat-model-settings')
    expect(result.stdout).not.toContain('notes.yaml')
    expect(result.status).toBe(0)
    expect(reviewed(root, [])).toEqual(expected)
    expect(expected).toEqual(expect.arrayContaining(checked(root, [])))
    expect(checked(root, [])).toContain('models/payments-threat-model.json')
    // Named explicitly, the same unrecognised file is an error.
    expect(run(root, ['validate', 'config/threat-model-settings.json']).status).toBe(1)
  })
})

describe('containment on resolved paths', () => {
  test('a folder that is a symbolic link out of the repository is not followed', () => {
    const root = repository({ 'models/good.threatmodel.yaml': MODEL })
    symlinkSync(outside, join(root, 'linked'), 'dir')
    const named = run(root, ['validate', '--format', 'json', 'linked'])
    expect(named.stdout + named.stderr).toContain('linked resolves outside the repository')
    expect(named.stdout).not.toContain('secret')
    expect(named.status).not.toBe(0)
    const all = run(root, ['validate', '--format', 'json'])
    expect(all.stdout).not.toContain('secret')
    for (const command of [
      ['check', 'linked'],
      ['review', '--base', 'HEAD', 'linked']
    ]) {
      const result = run(root, command)
      expect([command[0], result.stderr]).toEqual([command[0], expect.stringContaining('linked resolves outside the repository')])
      expect([command[0], result.status]).toEqual([command[0], 2])
    }
  })

  test('a model file that is a symbolic link out of the repository is refused, with a message', () => {
    const root = repository({ 'models/good.threatmodel.yaml': MODEL })
    symlinkSync(join(outside, 'secret.threatmodel.yaml'), join(root, 'models/link.threatmodel.yaml'))
    const named = run(root, ['validate', 'models/link.threatmodel.yaml'])
    expect(named.stdout + named.stderr).toContain('resolves outside the repository')
    expect(named.status).not.toBe(0)
    const review = run(root, ['review', '--base', 'HEAD', '--iterations', '1000', '--format', 'json'])
    expect(review.stdout).not.toContain('secret-outside')
    expect(review.stdout).toContain('models/link.threatmodel.yaml resolves outside the repository')
  })

  test('configuration, custom rules and knowledge-base paths that resolve outside the repository are refused', () => {
    const config = repository({ 'models/good.threatmodel.yaml': MODEL })
    symlinkSync(join(outside, 'team.yaml'), join(config, '.threatloop.yaml'))
    for (const command of [['check'], ['validate'], ['review', '--base', 'HEAD']]) {
      const result = run(config, command)
      expect([command[0], result.stderr]).toEqual([command[0], expect.stringContaining('.threatloop.yaml resolves outside the repository')])
      expect([command[0], result.status]).toEqual([command[0], 2])
    }

    const rules = repository({ 'models/good.threatmodel.yaml': MODEL, '.threatloop.yaml': 'rules:\n  custom: [security/rules]\n' })
    mkdirSync(join(rules, 'security'))
    symlinkSync(outside, join(rules, 'security/rules'), 'dir')
    const ruled = run(rules, ['check'])
    expect(ruled.stderr).toContain('custom rules folder refused: security/rules resolves outside the repository')
    expect(ruled.status).toBe(2)

    const kb = repository({ 'models/good.threatmodel.yaml': MODEL, '.threatloop.yaml': 'knowledge_base:\n  cwe: kb/cwe.xml\n' })
    mkdirSync(join(kb, 'kb'))
    symlinkSync(join(outside, 'team.yaml'), join(kb, 'kb/cwe.xml'))
    const known = run(kb, ['check'])
    expect(known.stderr).toContain('kb/cwe.xml resolves outside the repository')
    expect(known.status).toBe(2)
  })

  test('a configuration file named with --config is always read: one that does not exist is a usage error for every command', () => {
    const root = repository({ 'models/good.threatmodel.yaml': MODEL, 'team.yaml': 'models: [models/**/*.yaml]\n' })
    for (const command of [['check'], ['validate'], ['review', '--base', 'HEAD', '--iterations', '1000']]) {
      const missing = run(root, [...command, '--config', 'nope.yaml'])
      expect([command[0], missing.status]).toEqual([command[0], 2])
      expect([command[0], missing.stderr]).toEqual([command[0], expect.stringContaining('nope.yaml')])
      expect([command[0], missing.stdout]).toEqual([command[0], ''])
      const present = run(root, [...command, '--config', 'team.yaml'])
      expect([command[0], present.status, present.stderr]).toEqual([command[0], 0, ''])
    }
  })

  test('a Threagile include that is a symbolic link out of the model folder is refused', () => {
    const root = repository({})
    mkdirSync(join(root, 'parts'))
    copyFileSync(join(FIXTURES, 'threagile/shop-v1.threagile.yaml'), join(root, 'shop.threagile.yaml'))
    copyFileSync(join(FIXTURES, 'threagile/parts/data-assets.yaml'), join(root, 'parts/data-assets.yaml'))
    copyFileSync(join(FIXTURES, 'threagile/parts/risks.yaml'), join(outside, 'risks.yaml'))
    symlinkSync(join(outside, 'risks.yaml'), join(root, 'parts/risks.yaml'))
    const result = run(root, ['convert', 'shop.threagile.yaml'])
    expect(result.stderr).toContain('parts/risks.yaml resolves outside the model')
    expect(result.stdout).not.toContain('SQL Injection in the shop')
  })
})
