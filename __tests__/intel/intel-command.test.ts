import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { runCli } from '../../src/adapters/cli/main.js'
import type { IntelReport } from '../../src/core/intel/types.js'
import { LODASH_ADVISORIES, startFakeOsv, type FakeOsv } from '../fakes/osv-server.js'

const STIX = readFileSync(new URL('./fixtures/sightings.stix.json', import.meta.url), 'utf8')
const TODAY = '2026-01-15'

const MODEL = `threatloop: 1
model: { id: shop, title: Shop }
components:
  - id: api
    type: process
    technologies: [node, "pkg:npm/lodash@4.17.15", "pkg:npm/express@4.21.2"]
threats:
  - id: T-1
    title: Exploit of the public API
    targets: [api]
    likelihood: medium
    impact: high
    references: { attack: [T1190] }
  - id: T-2
    title: Injection through a dependency
    targets: [api]
    references: { cwe: [CWE-77] }
  - id: T-3
    title: Fraud through the API
    references: { attack: [T1190] }
    risk:
      fair:
        tef: { min: 10, likely: 50, max: 100 }
`

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tl-intel-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

async function intel(dir: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(['intel', '--today', TODAY, ...args], dir, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('threatloop intel', () => {
  let osv: FakeOsv
  beforeAll(async () => {
    osv = await startFakeOsv(LODASH_ADVISORIES)
  })
  afterAll(async () => {
    await osv.close()
  })

  test('sightings of T1190 raise the likelihood of the threat that lists it, T1110 is unmodelled, lodash gets its advisories', async () => {
    const dir = workspace({ 'models/shop.threatmodel.yaml': MODEL, 'feeds/sightings.json': STIX })
    const { code, out, err } = await intel(dir, ['--stix', 'feeds/sightings.json', '--osv-api', osv.url, '--format', 'json'])
    expect(err).toBe('')
    expect(code).toBe(0)
    const report = JSON.parse(out) as IntelReport
    const t1 = report.proposals.find((p) => p.threatId === 'T-1')
    expect(t1).toEqual({
      modelId: 'shop',
      file: 'models/shop.threatmodel.yaml',
      threatId: 'T-1',
      field: 'likelihood',
      from: 'medium',
      to: 'high',
      reason: expect.stringContaining('37 sighting(s) in 90 days → at least high'),
      evidence: [
        { kind: 'sighting', id: 'sighting--0c2b6a3e-76a1-4f43-9d2e-3b7f5b9a2c11', count: 7, lastSeen: '2026-01-11' },
        { kind: 'sighting', id: 'sighting--ee20065d-2555-424f-ad9e-0f8428623c75', count: 30, lastSeen: '2026-01-09' }
      ]
    })
    // FAIR inputs: the sightings raise the threat event frequency instead (37 in 90 days ≈ 150 a year).
    expect(report.proposals.find((p) => p.threatId === 'T-3')).toMatchObject({
      field: 'risk.fair.tef',
      from: { min: 10, likely: 50, max: 100 },
      to: { min: 10, likely: 150, max: 150 }
    })
    // A lodash advisory's CWE (CWE-77) is one T-2 lists, on the component it targets.
    expect(report.proposals.find((p) => p.threatId === 'T-2')).toMatchObject({
      field: 'likelihood',
      from: null,
      to: 'high',
      evidence: [{ kind: 'vulnerability', id: 'GHSA-35jh-r3h4-6jhm', count: 1, lastSeen: '2024-02-01' }]
    })
    expect(report.unmodelled).toEqual([
      {
        technique: 'T1110',
        name: 'Brute Force',
        count: 12,
        evidence: [{ kind: 'sighting', id: 'sighting--b8a3e0c4-1f1e-4d5c-9d7b-6a4f2e3c1d00', count: 12, lastSeen: '2026-01-12' }]
      }
    ])
    expect(report.vulnerable).toEqual([
      {
        modelId: 'shop',
        file: 'models/shop.threatmodel.yaml',
        component: 'api',
        purl: 'pkg:npm/lodash@4.17.15',
        advisories: [
          expect.objectContaining({
            id: 'GHSA-35jh-r3h4-6jhm',
            aliases: ['CVE-2021-23337'],
            severity: 'HIGH',
            cwe: ['CWE-77', 'CWE-94'],
            fixed: ['4.17.21']
          }),
          expect.objectContaining({
            id: 'GHSA-p6mc-m468-83gw',
            aliases: ['CVE-2020-8203'],
            severity: 'HIGH',
            cwe: ['CWE-1321', 'CWE-770'],
            fixed: ['4.17.19']
          })
        ]
      }
    ])
    // One batch for both purls, then one detail request per advisory.
    const batch = osv.requests.find((r) => r.path === '/v1/querybatch')
    expect(batch?.body).toEqual({
      queries: [{ package: { purl: 'pkg:npm/lodash@4.17.15' } }, { package: { purl: 'pkg:npm/express@4.21.2' } }]
    })
    expect(
      osv.requests
        .filter((r) => r.path.startsWith('/v1/vulns/'))
        .map((r) => r.path)
        .sort()
    ).toEqual(['/v1/vulns/GHSA-35jh-r3h4-6jhm', '/v1/vulns/GHSA-p6mc-m468-83gw'])
  })

  test('Markdown shows the same for people, with the YAML to paste and feed text escaped', async () => {
    const hostile = STIX.replace('"name": "Scanner probing /admin"', '"name": "x"').replace(
      '"count": 12',
      '"count": 12, "description": "@team #1"'
    )
    const dir = workspace({
      'models/shop.threatmodel.yaml': MODEL.replace('title: Exploit of the public API', 'title: "<img src=x> @admins"'),
      'feeds/s.json': hostile
    })
    const { code, out } = await intel(dir, ['--stix', 'feeds/s.json', '--osv-api', osv.url])
    expect(code).toBe(0)
    expect(out).toContain('## Threat intelligence update')
    expect(out).toContain('### Proposed changes (3)')
    expect(out).toContain(['  ```yaml', '  # models/shop.threatmodel.yaml: threat T-1', '  likelihood: high', '  ```'].join('\n'))
    expect(out).toContain(
      [
        '  ```yaml',
        '  # models/shop.threatmodel.yaml: threat T-3',
        '  risk:',
        '    fair:',
        '      tef: { min: 10, likely: 150, max: 150 }',
        '  ```'
      ].join('\n')
    )
    expect(out).toContain('### Techniques seen that no threat covers (1)')
    expect(out).toMatch(/\| `T1110` \| Brute Force \| 12 \| 2026-01-12 \|/)
    expect(out).toContain('### Components with known advisories (1)')
    expect(out).toContain('GHSA-35jh-r3h4-6jhm (CVE-2021-23337)')
    expect(out).not.toMatch(/<img|@admins/)
  })

  test('incident exports (CSV with mapped columns, JSON) count as incidents', async () => {
    const csv =
      'Ticket;Created;MITRE;Title\nINC-7;2026-01-05T10:00:00Z;T1190, T1110.001;"Web shell on ""api"""\nINC-8;2025-06-01;T1190;old\n'
    const json = JSON.stringify({ incidents: [{ Ticket: 'SIEM-1', Created: '2026-01-10', MITRE: ['T1190'], Title: 'SQLi' }] })
    const dir = workspace({ 'models/shop.threatmodel.yaml': MODEL, 'feeds/inc.csv': csv, 'feeds/inc.json': json })
    const { code, out, err } = await intel(dir, [
      '--incidents',
      'feeds/inc.csv',
      '--columns',
      'id=Ticket,date=Created,techniques=MITRE,summary=Title',
      '--incidents',
      'feeds/inc.json',
      '--format',
      'json'
    ])
    expect(err).not.toContain('error')
    expect(code).toBe(0)
    expect(err).toContain('not counted')
    const report = JSON.parse(out) as IntelReport
    expect(report.proposals.find((p) => p.threatId === 'T-1')).toMatchObject({
      from: 'medium',
      to: 'high',
      evidence: [
        { kind: 'incident', id: 'SIEM-1', count: 1, lastSeen: '2026-01-10' },
        { kind: 'incident', id: 'INC-7', count: 1, lastSeen: '2026-01-05' }
      ]
    })
    expect(report.unmodelled.map((u) => u.technique)).toEqual(['T1110.001'])
    expect(report.warnings.join('\n')).toMatch(/OSV is off/)
  })

  test('configured feeds (intelligence: in .threatloop.yaml) and an offline OSV export', async () => {
    const dir = workspace({
      '.threatloop.yaml': 'intelligence:\n  stix: [intel/sightings.json]\n  osv_file: intel/osv.json\n  window_days: 30\n',
      'models/shop.threatmodel.yaml': MODEL,
      'intel/sightings.json': STIX,
      'intel/osv.json': JSON.stringify(LODASH_ADVISORIES)
    })
    const { code, out } = await intel(dir, ['--format', 'json'])
    expect(code).toBe(0)
    const report = JSON.parse(out) as IntelReport
    expect(report.windowDays).toBe(30)
    // 30 days: the sighting last seen 2026-01-09 and the one of 2026-01-11 both count.
    expect(report.proposals.find((p) => p.threatId === 'T-1')?.to).toBe('high')
    expect(report.vulnerable[0].advisories.map((a) => a.id).sort()).toEqual(['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw'])
  })

  test('a truncated bundle, a non-STIX file and an unknown technique: exit 1, messages name the file, the report is still written', async () => {
    const unknown = STIX.replace('"external_id": "T1110"', '"external_id": "T9999"')
    const dir = workspace({
      'models/shop.threatmodel.yaml': MODEL,
      'a.json': STIX.slice(0, 700),
      'b.json': '{"type": "report", "objects": []}',
      'c.json': unknown,
      'd.json': STIX
    })
    const { code, out, err } = await intel(dir, [
      '--stix',
      'a.json',
      '--stix',
      'b.json',
      '--stix',
      'c.json',
      '--stix',
      'd.json',
      '--format',
      'json'
    ])
    expect(code).toBe(1)
    expect(err).toMatch(/^a\.json:\d+:\d+: error: not a valid STIX bundle: .*\(the file ends early: truncated\?\)$/m)
    expect(err).toMatch(/^b\.json:1:1: error: expected a STIX 2\.1 bundle/m)
    expect(err).toMatch(
      /^c\.json:\d+:\d+: error: attack-pattern--a93494bb-4b80-4ea1-8695-3236a49916fd names ATT&CK technique T9999, which the ATT&CK catalogue does not know/m
    )
    expect(err).not.toMatch(/\n\s+at /)
    const report = JSON.parse(out) as IntelReport
    expect(report.proposals.find((p) => p.threatId === 'T-1')?.to).toBe('high')
    expect(report.problems.map((p) => p.file)).toEqual(['a.json', 'b.json', 'c.json'])
  })

  test('a configured feed that resolves outside the repository is refused', async () => {
    const outside = workspace({ 'secret.json': STIX })
    const dir = workspace({ '.threatloop.yaml': 'intelligence:\n  stix: [intel/link.json]\n', 'models/shop.threatmodel.yaml': MODEL })
    mkdirSync(join(dir, 'intel'))
    symlinkSync(join(outside, 'secret.json'), join(dir, 'intel/link.json'))
    const { code, err, out } = await intel(dir, ['--format', 'json'])
    expect(code).toBe(1)
    expect(err).toMatch(/^intel\/link\.json:1:1: error: intel\/link\.json resolves outside the repository/m)
    expect((JSON.parse(out) as IntelReport).proposals).toEqual([])
  })

  test('a missing feed file is bad input naming it', async () => {
    const dir = workspace({ 'models/shop.threatmodel.yaml': MODEL })
    const { code, err } = await intel(dir, ['--stix', 'nope.json'])
    expect(code).toBe(1)
    expect(err).toContain('nope.json:1:1: error: no such file')
  })

  test('OSV: a transient failure is retried; an outage ends as a warning and the rest of the report is written', async () => {
    const dir = workspace({ 'models/shop.threatmodel.yaml': MODEL, 's.json': STIX })
    osv.requests.length = 0
    osv.failNext(1)
    const retried = await intel(dir, ['--stix', 's.json', '--osv-api', osv.url, '--format', 'json'])
    expect(retried.code).toBe(0)
    expect((JSON.parse(retried.out) as IntelReport).vulnerable).toHaveLength(1)
    expect(osv.requests.filter((r) => r.path === '/v1/querybatch')).toHaveLength(2)

    osv.requests.length = 0
    osv.setDown(true)
    try {
      const outage = await intel(dir, ['--stix', 's.json', '--osv-api', osv.url, '--format', 'json'])
      expect(outage.code).toBe(0)
      expect(outage.err).toMatch(
        /warning: OSV could not be queried at http:\/\/127\.0\.0\.1:\d+ \(POST \/v1\/querybatch failed after 3 attempts \(HTTP 503\)\); vulnerable components are not reported/
      )
      expect(osv.requests).toHaveLength(3)
      const report = JSON.parse(outage.out) as IntelReport
      expect(report.vulnerable).toEqual([])
      expect(report.proposals.find((p) => p.threatId === 'T-1')?.to).toBe('high')
      expect(report.warnings.join('\n')).toContain('OSV could not be queried')
    } finally {
      osv.setDown(false)
    }
  }, 20_000)

  test('usage errors exit 2', async () => {
    const dir = workspace({})
    expect((await intel(dir, ['--format', 'xml'])).code).toBe(2)
    expect((await intel(dir, ['--osv', '--osv-file', 'x.json'])).code).toBe(2)
    expect((await intel(dir, ['--osv-api', 'ftp://x'])).code).toBe(2)
    expect((await intel(dir, ['--window-days', '0'])).code).toBe(2)
    expect((await intel(dir, ['--columns', 'when=Created'])).code).toBe(2)
    expect((await intel(dir, ['--bogus'])).code).toBe(2)
  })
})
