import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { IntelReport } from '../../src/core/intel/types.js'
import { LODASH_ADVISORIES, startFakeOsv, type FakeOsv } from '../fakes/osv-server.js'

// Runs the built CLI bundle (dist/cli.js) the way a developer or a CI job does, against the fake OSV API.
const CLI = resolve(process.env.THREATLOOP_BUNDLE_DIR ?? 'dist', 'cli.js')
const STIX = readFileSync(new URL('./fixtures/sightings.stix.json', import.meta.url), 'utf8')

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  // Asynchronous: the fake OSV server answers from this process's event loop.
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    })
  })
}

describe('dist/cli.js intel', () => {
  let osv: FakeOsv
  let dir: string
  beforeAll(async () => {
    osv = await startFakeOsv(LODASH_ADVISORIES)
    dir = mkdtempSync(join(tmpdir(), 'tl-intel-e2e-'))
    mkdirSync(join(dir, 'models'))
    writeFileSync(
      join(dir, 'models/shop.threatmodel.yaml'),
      'threatloop: 1\nmodel: { id: shop, title: Shop }\ncomponents:\n  - { id: api, type: process, technologies: ["pkg:npm/lodash@4.17.15"] }\nthreats:\n  - { id: T-1, title: Exploit, likelihood: low, references: { attack: [T1190] } }\n'
    )
    writeFileSync(join(dir, 'sightings.json'), STIX)
    writeFileSync(join(dir, 'broken.json'), STIX.slice(0, 300))
  })
  afterAll(async () => {
    await osv.close()
  })

  test('the bundled knowledge base, the STIX feed and the OSV API in one run', async () => {
    const { code, stdout, stderr } = await run(
      ['intel', '--stix', 'sightings.json', '--osv-api', osv.url, '--today', '2026-01-15', '--format', 'json'],
      dir
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as IntelReport
    expect(report.knowledgeBase.attack).toBe('18.1')
    expect(report.proposals).toEqual([expect.objectContaining({ threatId: 'T-1', field: 'likelihood', from: 'low', to: 'high' })])
    expect(report.unmodelled).toEqual([expect.objectContaining({ technique: 'T1110', name: 'Brute Force', count: 12 })])
    expect(report.vulnerable[0].advisories.map((a) => a.id)).toEqual(['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw'])
  })

  test('a truncated bundle: exit 1, the file named, no stack trace, Markdown still written', async () => {
    const { code, stdout, stderr } = await run(['intel', '--stix', 'broken.json', '--stix', 'sightings.json', '--today', '2026-01-15'], dir)
    expect(code).toBe(1)
    expect(stderr).toMatch(/^broken\.json:\d+:\d+: error: not a valid STIX bundle/m)
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(stdout).toContain('### Proposed changes (1)')
  })
})
