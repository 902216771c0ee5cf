import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, test } from '@jest/globals'
import { decodeXmlText, parseCweCatalogue, type CweCatalogue } from '../../src/core/kb/cwe-catalogue.js'

const CWE_XML = new URL('../../node_modules/cwe-sdk/raw/cwe-archive.xml', import.meta.url)
const SHARED_CWE = new URL('../fixtures/kb/cwe.json', import.meta.url)

interface SharedCwe {
  cwe_version: string
  weaknesses: {
    id: number
    name: string
    status: string
    abstraction?: string
    child_of?: Record<string, number[]>
    mapping_usage?: string
  }[]
  categories: { id: number; name: string; status: string; members?: number[] }[]
  views: { id: number; name: string; status: string }[]
}

describe('parseCweCatalogue on the real MITRE catalogue (cwe-sdk)', () => {
  let catalogue: CweCatalogue
  let shared: SharedCwe

  beforeAll(() => {
    catalogue = parseCweCatalogue(readFileSync(CWE_XML, 'utf8'), 'node_modules/cwe-sdk/raw/cwe-archive.xml')
    shared = JSON.parse(readFileSync(SHARED_CWE, 'utf8')) as SharedCwe
  })

  test('loads without problems and states its version', () => {
    expect(catalogue.problems).toEqual([])
    expect(catalogue.version).toBe(shared.cwe_version)
    expect(catalogue.date).toBe('2024-07-16')
  })

  test('well-known entries have their MITRE names and statuses', () => {
    const entries = catalogue.entries
    expect(entries?.get('CWE-79')).toMatchObject({
      name: "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
      status: 'stable',
      kind: 'weakness',
      abstraction: 'Base',
      parents: ['CWE-74'],
      mappingUsage: 'Allowed'
    })
    expect(entries?.get('CWE-89')?.name).toBe("Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')")
    expect(entries?.get('CWE-132')).toMatchObject({ name: 'DEPRECATED: Miscalculated Null Termination', status: 'deprecated' })
    expect(entries?.get('CWE-1')).toMatchObject({ kind: 'category', status: 'deprecated' })
    expect(entries?.get('CWE-1000')).toMatchObject({ name: 'Research Concepts', kind: 'view' })
    expect(entries?.get('CWE-99999')).toBeUndefined()
  })

  test('every weakness, category and view agrees with the reference extract in __tests__/fixtures/kb/cwe.json', () => {
    const entries = catalogue.entries
    // A few MITRE names end in a space (e.g. CWE-280); the loader trims names, the extract does not.
    const expected = [
      ...shared.weaknesses.map((w) => ({ id: `CWE-${w.id}`, kind: 'weakness', name: w.name.trim(), status: w.status.toLowerCase() })),
      ...shared.categories.map((c) => ({ id: `CWE-${c.id}`, kind: 'category', name: c.name.trim(), status: c.status.toLowerCase() })),
      ...shared.views.map((v) => ({ id: `CWE-${v.id}`, kind: 'view', name: v.name.trim(), status: v.status.toLowerCase() }))
    ]
    expect(entries?.size).toBe(expected.length)
    const actual = expected.map((e) => {
      const entry = entries?.get(e.id)
      return { id: e.id, kind: entry?.kind, name: entry?.name, status: entry?.status }
    })
    expect(actual).toEqual(expected)
    expect(expected.filter((e) => e.status === 'deprecated').length).toBeGreaterThan(50)
  })

  test('research-view parents, mapping usage and category members agree with the reference extract', () => {
    for (const weakness of shared.weaknesses) {
      const entry = catalogue.entries?.get(`CWE-${weakness.id}`)
      const parents = (weakness.child_of?.['1000'] ?? []).map((id) => `CWE-${id}`).sort()
      expect([weakness.id, [...(entry?.parents ?? [])].sort()]).toEqual([weakness.id, parents])
      expect([weakness.id, entry?.mappingUsage]).toEqual([weakness.id, weakness.mapping_usage])
    }
    for (const category of shared.categories) {
      const members = (category.members ?? []).map((id) => `CWE-${id}`)
      expect([category.id, [...(catalogue.entries?.get(`CWE-${category.id}`)?.members ?? [])].sort()]).toEqual([
        category.id,
        [...members].sort()
      ])
    }
  })

  test('names with escaped characters are decoded', () => {
    const ampersand = [...(catalogue.entries?.values() ?? [])].filter((e) => e.name.includes('&'))
    expect(ampersand.length).toBeGreaterThan(0)
    for (const entry of ampersand) expect(entry.name).not.toMatch(/&(amp|lt|gt|quot|apos);/)
  })
})

describe('parseCweCatalogue problems', () => {
  test('malformed XML is reported at its line and column', () => {
    const result = parseCweCatalogue(
      '<?xml version="1.0"?>\n<Weakness_Catalog Name="CWE" Version="4.15">\n  <Weaknesses>\n  </Weakness>\n</Weakness_Catalog>',
      'kb/cwe.xml'
    )
    expect(result.entries).toBeUndefined()
    expect(result.problems).toEqual([expect.objectContaining({ file: 'kb/cwe.xml', line: 4, code: 'kb/invalid-xml', severity: 'error' })])
    expect(result.problems[0].message).toContain('Weaknesses')
  })

  test('another XML document is refused with a hint where the catalogue comes from', () => {
    const result = parseCweCatalogue('<?xml version="1.0"?>\n<Attack_Pattern_Catalog Name="CAPEC"/>', 'kb/capec.xml')
    expect(result.problems).toEqual([expect.objectContaining({ code: 'kb/not-a-cwe-catalogue', line: 2, column: 1 })])
    expect(result.problems[0].message).toContain('<Attack_Pattern_Catalog>')
    expect(parseCweCatalogue('', 'x.xml').problems[0].code).toMatch(/^kb\//)
  })

  test('an entry without an ID is skipped with a positioned warning; the rest loads', () => {
    const xml = [
      '<Weakness_Catalog Name="CWE" Version="4.15" Date="2024-07-16" xmlns="http://cwe.mitre.org/cwe-7">',
      '  <Weaknesses>',
      '    <Weakness ID="79" Name="XSS &amp; friends" Abstraction="Base" Structure="Simple" Status="Stable"/>',
      '    <Weakness Name="No id" Status="Draft"/>',
      '  </Weaknesses>',
      '  <Categories><Category ID="1" Name="DEPRECATED: Location" Status="Deprecated"/></Categories>',
      '</Weakness_Catalog>'
    ].join('\n')
    const result = parseCweCatalogue(xml, 'c.xml')
    expect([...(result.entries?.keys() ?? [])]).toEqual(['CWE-79', 'CWE-1'])
    expect(result.entries?.get('CWE-79')?.name).toBe('XSS & friends')
    expect(result.problems).toEqual([expect.objectContaining({ code: 'kb/cwe-entry', line: 4, column: 5, severity: 'warning' })])
  })

  test('DOCTYPE entities are not expanded', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n<Weakness_Catalog><Weaknesses><Weakness ID="1" Name="&b;" Status="Draft"/></Weaknesses></Weakness_Catalog>'
    const result = parseCweCatalogue(bomb, 'b.xml')
    expect(result.entries?.get('CWE-1')?.name).toBe('&b;')
  })
})

describe('decodeXmlText', () => {
  test('decodes predefined entities and character references only', () => {
    expect(decodeXmlText('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233; &#x41; &custom;')).toBe('a & b <c> "d" \'e\' é A &custom;')
  })
})
