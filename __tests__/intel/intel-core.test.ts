import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { parseCsv, parseIncidents } from '../../src/core/intel/incidents.js'
import { affectsVersion, compareVersions, parsePurl } from '../../src/core/intel/osv.js'
import { parseStixSightings } from '../../src/core/intel/stix-sightings.js'
import { LODASH_ADVISORIES } from '../fakes/osv-server.js'

const STIX = readFileSync(new URL('./fixtures/sightings.stix.json', import.meta.url), 'utf8')
const known = (id: string): boolean => ['T1190', 'T1110', 'T1110.001'].includes(id)

describe('STIX sightings', () => {
  test('resolves sightings of attack patterns and of indicators that indicate one', () => {
    const { sightings, problems } = parseStixSightings(STIX, 's.json', known)
    expect(problems).toEqual([])
    expect(sightings.map((s) => [s.technique, s.count, s.firstSeen, s.lastSeen])).toEqual([
      ['T1190', 30, '2025-11-20', '2026-01-09'],
      ['T1190', 7, '2026-01-02', '2026-01-11'],
      ['T1110', 12, '2026-01-01', '2026-01-12']
    ])
  })

  test('structure errors are positioned at the offending value', () => {
    const broken = STIX.replace('"count": 30', '"count": -3')
      .replace('"spec_version": "2.1", "id": "indicator', '"spec_version": "2.0", "id": "indicator')
      .replace('"last_seen": "2026-01-12T00:00:00Z"', '"last_seen": "yesterday"')
    const { sightings, problems } = parseStixSightings(broken, 's.json', known)
    const lines = broken.split('\n')
    const lineOf = (needle: string): number => lines.findIndex((l) => l.includes(needle)) + 1
    expect(problems).toEqual([
      expect.objectContaining({
        line: lineOf('"spec_version": "2.0"'),
        path: 'objects[3].spec_version',
        severity: 'error',
        message: expect.stringContaining('expected "2.1"')
      }),
      expect.objectContaining({
        line: lineOf('"count": -3'),
        path: 'objects[5].count',
        message: expect.stringContaining('"count" must be a whole number')
      }),
      expect.objectContaining({
        line: lineOf('"last_seen": "yesterday"'),
        path: 'objects[7].last_seen',
        message: expect.stringContaining('STIX timestamp')
      })
    ])
    // The invalid objects are left out; the valid sighting (through the indicates relationship) still counts.
    expect(sightings.map((x) => x.id)).toEqual(['sighting--0c2b6a3e-76a1-4f43-9d2e-3b7f5b9a2c11'])
  })
})

describe('incident exports', () => {
  test('CSV quoting, separators and a truncated quoted field', () => {
    expect(parseCsv('a,b\n"x, ""y""",2\n')).toEqual({
      rows: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['x, "y"', '2'] }
      ]
    })
    expect(parseCsv('a;b\n"open;1\n')).toEqual({
      error: 'a quoted field opened on line 2 is never closed (the file may be truncated)',
      line: 2
    })
    const { incidents, problems } = parseIncidents(
      'id,date,techniques,summary,count\nI-1,2026-01-02,T1190 T1110,x,4\nI-2,02/01/2026,T1190,y,\nI-3,2026-01-03,T9999,z,\n',
      'inc.csv',
      {},
      known
    )
    expect(incidents.map((i) => [i.id, i.technique, i.count])).toEqual([
      ['I-1', 'T1190', 4],
      ['I-1', 'T1110', 4]
    ])
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'line 3 (I-2): "date" must be a date (YYYY-MM-DD or an ISO 8601 timestamp), got "02/01/2026"'],
      [4, 'line 4 (I-3): ATT&CK technique T9999 is not in the ATT&CK catalogue']
    ])
  })

  test('a missing column names the mapping to set', () => {
    const { problems } = parseIncidents('Ticket,When\nA,2026-01-01\n', 'inc.csv')
    expect(problems[0].message).toMatch(/no "id" column .* Map the column names under intelligence\.incidents\[\]\.columns/)
  })
})

describe('OSV helpers', () => {
  test('purls with versions; offline version matching', () => {
    expect(parsePurl('pkg:npm/%40scope/pkg@1.2.3')).toMatchObject({
      namespace: '@scope',
      name: 'pkg',
      version: '1.2.3',
      ecosystem: 'npm',
      osvName: '@scope/pkg'
    })
    expect(parsePurl('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar')).toMatchObject({
      osvName: 'org.apache.logging.log4j:log4j-core',
      query: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'
    })
    expect(parsePurl('pkg:npm/lodash')).toBeUndefined()
    expect(parsePurl('lodash 4')).toBeUndefined()
    const lodash = parsePurl('pkg:npm/lodash@4.17.20')!
    expect(affectsVersion(LODASH_ADVISORIES[0], lodash)).toBe(false)
    expect(affectsVersion(LODASH_ADVISORIES[1], lodash)).toBe(true)
    expect(compareVersions('4.17.9', '4.17.19')).toBeLessThan(0)
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBeLessThan(0)
  })
})
