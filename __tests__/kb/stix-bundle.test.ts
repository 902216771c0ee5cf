import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { parseStixBundle } from '../../src/core/kb/stix-bundle.js'

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/stix/${name}`, import.meta.url), 'utf8')
const ATTACK = fixture('attack-enterprise-mini.json')
const CAPEC = fixture('capec-mini.json')

describe('parseStixBundle: ATT&CK', () => {
  const { entries, version, problems } = parseStixBundle(ATTACK, 'attack', 'kb/enterprise-attack.json')

  test('reads techniques, sub-techniques, tactics and mitigations by ATT&CK id', () => {
    expect(problems).toEqual([])
    expect(version).toBe('18.1')
    expect([...(entries?.keys() ?? [])].sort()).toEqual(
      [
        'M1030',
        'M1048',
        'T1002',
        'T1026',
        'T1078',
        'T1190',
        'T1550',
        'T1550.004',
        'T1560',
        'TA0001',
        'TA0003',
        'TA0004',
        'TA0005',
        'TA0008',
        'TA0009',
        'TA0010',
        'TA0011'
      ].sort()
    )
    expect(entries?.get('T1190')).toMatchObject({
      name: 'Exploit Public-Facing Application',
      kind: 'technique',
      status: 'active',
      tactics: ['TA0001']
    })
    expect(entries?.get('T1550.004')).toMatchObject({
      name: 'Web Session Cookie',
      kind: 'sub-technique',
      parent: 'T1550',
      tactics: ['TA0005', 'TA0008']
    })
    expect(entries?.get('TA0008')).toMatchObject({
      name: 'Lateral Movement',
      kind: 'tactic',
      shortName: 'lateral-movement',
      status: 'active'
    })
    expect(entries?.get('M1048')).toMatchObject({ name: 'Application Isolation and Sandboxing', kind: 'mitigation', status: 'active' })
  })

  test('marks revoked and deprecated techniques, with the replacement of a revoked one', () => {
    expect(entries?.get('T1002')).toMatchObject({ name: 'Data Compressed', status: 'revoked', revokedBy: 'T1560' })
    expect(entries?.get('T1026')).toMatchObject({ name: 'Multiband Communication', status: 'deprecated' })
  })

  test('a technique wins over an old course-of-action that reuses its id', () => {
    expect(entries?.get('T1026')?.kind).toBe('technique')
  })

  test('a CAPEC bundle given as ATT&CK is named as the wrong catalogue', () => {
    const result = parseStixBundle(CAPEC, 'attack', 'kb/attack.json')
    expect(result.entries).toBeUndefined()
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]).toMatchObject({ file: 'kb/attack.json', code: 'kb/wrong-catalogue', severity: 'error', path: 'objects' })
    expect(result.problems[0].message).toContain('CAPEC objects, not ATT&CK')
  })
})

describe('parseStixBundle: CAPEC', () => {
  const { entries, version, problems } = parseStixBundle(CAPEC, 'capec', 'kb/stix-capec.json')

  test('reads attack patterns with status, CWE and ATT&CK mappings', () => {
    expect(problems).toEqual([])
    expect(version).toBe('3.9')
    expect([...(entries?.keys() ?? [])].sort()).toEqual(['CAPEC-1', 'CAPEC-248', 'CAPEC-56', 'CAPEC-60', 'CAPEC-63', 'CAPEC-66'])
    expect(entries?.get('CAPEC-66')).toEqual({
      id: 'CAPEC-66',
      name: 'SQL Injection',
      kind: 'attack-pattern',
      status: 'draft',
      abstraction: 'Standard',
      likelihood: 'High',
      severity: 'High',
      cwe: ['CWE-89', 'CWE-1286']
    })
    expect(entries?.get('CAPEC-60')?.attack).toEqual(['T1134.001', 'T1550.004'])
    expect(entries?.get('CAPEC-248')?.status).toBe('stable')
  })

  test('an ATT&CK bundle given as CAPEC is named as the wrong catalogue, though its techniques cite CAPEC ids', () => {
    const result = parseStixBundle(ATTACK, 'capec', 'kb/capec.json')
    expect(result.entries).toBeUndefined()
    expect(result.problems).toEqual([expect.objectContaining({ code: 'kb/wrong-catalogue', file: 'kb/capec.json' })])
    expect(result.problems[0].message).toContain('ATT&CK objects, not CAPEC')
  })

  test('marks deprecated patterns', () => {
    expect(entries?.get('CAPEC-56')).toMatchObject({ status: 'deprecated', name: "DEPRECATED: Removing/short-circuiting 'guard logic'" })
  })

  test('a revoked pattern reads as revoked', () => {
    const bundle = JSON.parse(CAPEC) as { objects: Record<string, unknown>[] }
    const sqli = bundle.objects.find((o) => o.name === 'SQL Injection')
    if (sqli) sqli.revoked = true
    expect(parseStixBundle(JSON.stringify(bundle), 'capec').entries?.get('CAPEC-66')?.status).toBe('revoked')
  })
})

describe('parseStixBundle: problems', () => {
  test('bad JSON names the file, line and column of the error', () => {
    const broken = ATTACK.replace('"name": "Valid Accounts",', '"name": "Valid Accounts"')
    const lines = broken.split('\n')
    const line = lines.findIndex((l) => l.includes('"name": "Valid Accounts"')) + 2
    const { entries, problems } = parseStixBundle(broken, 'attack', 'kb/enterprise-attack.json')
    expect(entries).toBeUndefined()
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file: 'kb/enterprise-attack.json', line, code: 'kb/invalid-json', severity: 'error' })
    expect(problems[0].column).toBe(lines[line - 1].indexOf('"') + 1)
    expect(problems[0].message).toContain("expected ',' or '}'")
  })

  test('truncated and empty texts are reported at their end', () => {
    const truncated = parseStixBundle('{\n  "type": "bundle",\n  "objects": [', 'capec', 'c.json')
    expect(truncated.problems[0]).toMatchObject({ line: 3, column: 15, code: 'kb/invalid-json' })
    expect(parseStixBundle('', 'capec', 'c.json').problems[0]).toMatchObject({ line: 1, column: 1, code: 'kb/invalid-json' })
  })

  test('JSON that is not a bundle is refused', () => {
    for (const text of ['[]', '{"type": "attack-pattern", "objects": []}', '{"type": "bundle"}', '42']) {
      const result = parseStixBundle(text, 'attack', 'a.json')
      expect(result.entries).toBeUndefined()
      expect(result.problems).toEqual([expect.objectContaining({ code: 'kb/not-a-stix-bundle', line: 1, column: 1, file: 'a.json' })])
    }
  })

  test('a STIX 2.0 bundle is refused with a pointer to the 2.1 data', () => {
    const stix20 = '{\n  "type": "bundle",\n  "id": "bundle--1",\n  "spec_version": "2.0",\n  "objects": []\n}'
    const result = parseStixBundle(stix20, 'attack', 'a.json')
    expect(result.entries).toBeUndefined()
    expect(result.problems).toEqual([expect.objectContaining({ code: 'kb/stix-version', line: 4, column: 19, path: 'spec_version' })])
    expect(result.problems[0].message).toContain('attack-stix-data')
  })

  test('an object with another spec_version is an error at that object', () => {
    const bundle = JSON.parse(CAPEC) as { objects: Record<string, unknown>[] }
    const index = bundle.objects.findIndex((o) => o.name === 'SQL Injection')
    bundle.objects[index].spec_version = '2.0'
    const text = JSON.stringify(bundle, null, 2)
    const result = parseStixBundle(text, 'capec', 'c.json')
    expect(result.entries).toBeUndefined()
    const expectedLine = text.split('\n').findIndex((l) => l.includes('"spec_version": "2.0"')) + 1
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'kb/stix-version', line: expectedLine, path: `objects[${index}].spec_version` })
    ])
  })

  test('malformed objects are skipped with a warning; the rest still loads', () => {
    const bundle = JSON.parse(CAPEC) as { objects: unknown[] }
    bundle.objects.splice(3, 0, 'not an object', { type: 'attack-pattern' })
    const result = parseStixBundle(JSON.stringify(bundle, null, 1), 'capec', 'c.json')
    expect(result.entries?.size).toBe(6)
    expect(result.problems.map((p) => [p.severity, p.path])).toEqual([
      ['warning', 'objects[3]'],
      ['warning', 'objects[4]']
    ])
  })

  test('a bundle without any patterns says so', () => {
    const result = parseStixBundle('{"type": "bundle", "id": "bundle--x", "objects": []}', 'capec', 'c.json')
    expect(result.problems).toEqual([expect.objectContaining({ code: 'kb/empty-catalogue', severity: 'error' })])
  })

  test('a leading byte-order mark is accepted', () => {
    expect(parseStixBundle(`\ufeff${CAPEC}`, 'capec').entries?.size).toBe(6)
  })
})
