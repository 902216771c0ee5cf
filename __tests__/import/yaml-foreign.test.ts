import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { importModel } from '../../src/core/import/index.js'
import { loadModel } from '../../src/core/model/load.js'
import { DEFAULT_PARSE_LIMITS, parseYamlDocument } from '../../src/core/model/yaml-document.js'

describe('merge keys (`<<: *anchor`) in the source-mapped loader', () => {
  const text = [
    'defaults: &link', //                   1
    '  protocol: https', //                 2
    '  authentication: token', //           3
    'extra: &vpn', //                       4
    '  vpn: true', //                       5
    'links:', //                            6
    '  one:', //                            7
    '    <<: *link', //                     8
    '    target: db', //                    9
    '    protocol: http', //               10
    '  two:', //                           11
    '    <<: [*vpn, *link]', //            12
    '    target: cache', //                13
    ''
  ].join('\n')

  test('merged keys are in the value; keys written in the mapping win; the first merged mapping wins', () => {
    const parsed = parseYamlDocument('m.yaml', text)
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
    const links = (parsed.document.value as { links: Record<string, Record<string, unknown>> }).links
    expect(links.one).toEqual({ protocol: 'http', authentication: 'token', target: 'db' })
    expect(links.two).toEqual({ vpn: true, protocol: 'https', authentication: 'token', target: 'cache' })
  })

  test('a merged value is located where the anchor defines it; a written one where it is written', () => {
    const parsed = parseYamlDocument('m.yaml', text)
    if (!parsed.ok) throw new Error('not parsed')
    const map = parsed.document.sourceMap
    expect(map.locate(['links', 'one', 'authentication'])).toEqual({ line: 3, column: 19 })
    expect(map.locate(['links', 'one', 'protocol'])).toEqual({ line: 10, column: 15 })
    expect(map.locate(['links', 'two', 'vpn'])).toEqual({ line: 5, column: 8 })
    expect(map.has(['links', 'two', 'authentication'])).toBe(true)
    expect(map.has(['links', 'two', '<<'])).toBe(false)
  })

  test('a Threagile communication link built from an anchor keeps its target and protocol', () => {
    const model = [
      'threagile_version: 1.0.0',
      'title: Merge keys',
      'technical_assets:',
      '  Web:',
      '    id: web',
      '    communication_links:',
      '      Query:',
      '        <<: &db-link',
      '          target: db',
      '          protocol: jdbc-encrypted',
      '      Cache:',
      '        <<: *db-link',
      '        target: cache',
      '  Database:',
      '    id: db',
      '  Cache:',
      '    id: cache',
      ''
    ].join('\n')
    const r = importModel({ path: 'models/merge.threagile.yaml', content: model })
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(r.document?.dataflows?.map((f) => [f.id, f.to, f.protocol, f.encrypted])).toEqual([
      ['web/query', 'db', 'jdbc-encrypted', true],
      ['web/cache', 'cache', 'jdbc-encrypted', true]
    ])
    expect(r.origins.get('web/cache')?.line).toBe(12)
  })
})

describe('quoted text continued on under-indented lines', () => {
  // The OTM specification's own EXAMPLE.yaml: the closing line of a single-quoted snippet sits left of its key.
  const example = readFileSync('__tests__/fixtures/real/otm/openthreatmodel-example@2.yaml', 'utf8')

  test('a foreign file is read as PyYAML and yq read it, with a warning at the under-indented line', () => {
    const r = importModel({ path: 'EXAMPLE.yaml', content: example })
    expect(r.document).toBeDefined()
    const warning = r.problems.find((p) => p.code === 'syntax/under-indented-quote')
    expect(warning).toMatchObject({ severity: 'warning', line: 133, column: 9 })
    expect(warning?.message).toMatch(/quoted text that starts at line 128 continues on lines indented less than YAML requires/)
    // Positions after the repaired lines still point into the file as written.
    expect(r.origins.get('cc-store-in-db')).toMatchObject({ line: 148, column: 5 })
    expect(r.origins.get('22724267-be7e-44c0-8b1f-d7d33e9a34ec')).toMatchObject({ line: 200, column: 5 })
  })

  test('the value is the one PyYAML reads: lines folded, leading spaces dropped', () => {
    const parsed = parseYamlDocument('EXAMPLE.yaml', example, DEFAULT_PARSE_LIMITS, { foreign: true })
    if (!parsed.ok) throw new Error('not parsed')
    const components = (parsed.document.value as { components: { representations?: { codeSnippet?: string }[] }[] }).components
    expect(components[3].representations?.[0].codeSnippet).toBe(
      'public void createOTM(String[] args) { Scanner reader = new Scanner(System.in); System.out.print("Enter a number: "); int number = reader.nextInt() System.out.println("You entered: " + number); }'
    )
  })

  test('a native model gets the cause and the line, not "unclosed quote" where the text starts', () => {
    const text = ['threatloop: 1', 'model:', '  id: m', '  title: M', '  description:', "    'first line", "  second line'", ''].join('\n')
    const result = loadModel({ path: 'm.threatmodel.yaml', content: text })
    expect(result.model).toBeUndefined()
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]).toMatchObject({ code: 'syntax/yaml', line: 7, column: 3 })
    expect(result.problems[0].message).toMatch(
      /continues the single-quoted text that starts at line 6, column 5, but is indented less than YAML allows/
    )
  })

  test('a quote that never closes is still named as unclosed where it starts', () => {
    const text = ['threatloop: 1', 'model:', '  id: m', "  title: 'M", '  owner: x', ''].join('\n')
    const result = loadModel({ path: 'm.threatmodel.yaml', content: text })
    expect(result.problems[0]?.message).toMatch(/unclosed quote/)
    expect(result.problems[0]?.line).toBe(4)
  })
})

describe('duplicated keys', () => {
  const json = '{\n  "title": "first",\n  "scope": { "title": "S" },\n  "title": "second"\n}\n'

  test('a foreign file keeps the last value, as JSON.parse does, with a warning naming both lines', () => {
    const parsed = parseYamlDocument('x.json', json, DEFAULT_PARSE_LIMITS, { foreign: true })
    if (!parsed.ok) throw new Error('not parsed')
    expect((parsed.document.value as { title: string }).title).toBe((JSON.parse(json) as { title: string }).title)
    expect(parsed.warnings).toEqual([
      expect.objectContaining({
        line: 4,
        column: 3,
        severity: 'warning',
        code: 'syntax/duplicate-key',
        message: expect.stringMatching(/`title` appears again in this mapping \(first at line 2\); the last value is kept/)
      })
    ])
  })

  test('a native model refuses it with the line of both', () => {
    const parsed = parseYamlDocument('x.json', json)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        line: 4,
        column: 3,
        severity: 'error',
        code: 'syntax/yaml',
        message: 'duplicate key `title` in a mapping (first at line 2); each key may appear once'
      })
    ])
  })
})

describe('alias expansion budget (#12 item 7)', () => {
  test('a 99,000-character anchored string aliased 999 times is refused with a positioned error', () => {
    const lines = ['threatloop: 1', 'model:', '  id: m', '  title: M', `  description: &big "${'x'.repeat(99_000)}"`, 'assumptions:']
    for (let i = 0; i < 999; i++) lines.push(`  - { id: A-${i}, text: *big }`)
    const text = `${lines.join('\n')}\n`
    expect(text.length).toBeGreaterThan(110_000)
    expect(text.length).toBeLessThan(240_000)
    const parsed = parseYamlDocument('bomb.yaml', text)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.problems).toHaveLength(1)
    expect(parsed.problems[0]).toMatchObject({ code: 'limits/aliases', severity: 'error' })
    // At the alias that passes the budget.
    const line = text.split('\n')[parsed.problems[0].line - 1]
    expect(line.slice(parsed.problems[0].column - 1)).toMatch(/^\*big/)
    expect(parsed.problems[0].message).toMatch(/more than 20971520 characters of text/)
  })

  test('the same aliases within the budget are read', () => {
    const lines = ['threatloop: 1', 'model:', '  id: m', '  title: M', `  description: &text "${'x'.repeat(1_000)}"`, 'assumptions:']
    for (let i = 0; i < 999; i++) lines.push(`  - { id: A-${i}, text: *text }`)
    expect(parseYamlDocument('ok.yaml', `${lines.join('\n')}\n`).ok).toBe(true)
  })

  test('text inside an aliased collection counts once per alias', () => {
    const text = ['a: &a', `  - "${'y'.repeat(1000)}"`, `  - "${'y'.repeat(1000)}"`, 'b: [*a, *a, *a, *a, *a]', ''].join('\n')
    const parsed = parseYamlDocument('c.yaml', text, { ...DEFAULT_PARSE_LIMITS, maxExpandedBytes: 11_000 })
    expect(parsed.ok).toBe(false)
    expect(parseYamlDocument('c.yaml', text, { ...DEFAULT_PARSE_LIMITS, maxExpandedBytes: 12_100 }).ok).toBe(true)
  })
})
