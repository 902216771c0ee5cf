import { describe, expect, it } from '@jest/globals'
import { constructFromEvents, CORE_SCHEMA, EVENT_ID, mergeTag, parseEvents, type Event } from 'js-yaml'
import { parseYamlDocument, type SourceMap } from '../../src/core/model/yaml-document.js'
import { parseInPieces, PIECES_FROM_CHARS } from '../../src/core/model/yaml-pieces.js'
import type { DocumentPath } from '../../src/core/problems.js'

const SCHEMA = CORE_SCHEMA.withTags(mergeTag)

/** A native model large enough to be read in pieces, with the YAML forms models use. */
function largeModel(threats: number, lineBreak = '\n'): string {
  const lines = ['# A generated model', 'threatloop: 1', 'model:', '  id: pieces', "  title: 'Pieces: a test'", 'components:']
  for (let i = 0; i < 20; i++) lines.push(`  - id: c-${i}`, `    title: Component ${i}`, '    type: service')
  lines.push('threats:')
  for (let i = 0; i < threats; i++) {
    lines.push(
      `  - id: T-${i}`,
      `    title: "Threat ${i}: \\"quoted\\""`,
      '    description: |',
      '      Literal text',
      '      - that looks like an item',
      ''
    )
    if (i % 7 === 0) lines.push('# a comment at column 0 between items')
    lines.push(
      `    targets: [c-${i % 20}, c-${(i + 1) % 20}]`,
      '    likelihood: medium',
      '    prerequisites: >-',
      '      folded',
      '      text'
    )
    lines.push('    tags:', '      - one', `      - 'two ${i}'`, '    action: plain text', '      continued on a second line')
  }
  lines.push('mitigations:')
  for (let i = 0; i < 10; i++) lines.push(`- id: M-${i}`, `  title: Compact item ${i}`)
  lines.push('risk:', '  currency: EUR', '')
  return lines.join(lineBreak)
}

function allPaths(value: unknown, path: DocumentPath = [], out: DocumentPath[] = []): DocumentPath[] {
  out.push(path)
  if (Array.isArray(value)) value.forEach((item, i) => allPaths(item, [...path, i], out))
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) allPaths(item, [...path, key], out)
  return out
}

function expectSamePositions(a: SourceMap, b: SourceMap, paths: DocumentPath[]): void {
  const differences: string[] = []
  paths.forEach((path, n) => {
    // Every path, and beside every tenth one a key and an item that do not exist.
    for (const probe of n % 10 === 0 ? [path, [...path, 'missing'], [...path, 3]] : [path]) {
      const x = [a.locate(probe), a.locate(probe, { key: true }), a.has(probe)]
      const y = [b.locate(probe), b.locate(probe, { key: true }), b.has(probe)]
      if (JSON.stringify(x) !== JSON.stringify(y)) differences.push(`${JSON.stringify(probe)}: ${JSON.stringify(x)} ≠ ${JSON.stringify(y)}`)
    }
  })
  expect(differences).toEqual([])
}

/** The events of a whole read in the compact form the pieces write. */
function compactWhole(text: string): { value: unknown; events: number[] } {
  const events: Event[] = parseEvents(text, { maxDepth: 64 })
  const out: number[] = []
  for (const e of events) {
    if (e.type === EVENT_ID.SCALAR)
      out.push(e.type | (e.style << 3) | ((e.chomping ?? 0) << 6) | (e.fast ? 1 << 8 : 0), e.valueStart, e.valueEnd, e.indent ?? 0)
    else if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) out.push(e.type | (e.style << 3), e.start, 0, 0)
    else out.push(e.type, 0, 0, 0)
  }
  return { value: constructFromEvents(events, { source: text, schema: SCHEMA, maxAliases: 1000, json: false })[0], events: out }
}

function readPieces(text: string, pieceChars: number): { value: unknown; events: number[] } | undefined {
  const events: number[] = []
  const read = parseInPieces(
    'm.yaml',
    text,
    { maxDepth: 64, maxAliases: 1000, schema: SCHEMA, pieceChars },
    {
      push: (head, start, end, indent) => events.push(head, start, end, indent)
    }
  )
  return read && { value: read.value, events }
}

describe('large native models read in pieces', () => {
  for (const [name, lineBreak] of [
    ['LF', '\n'],
    ['CRLF', '\r\n']
  ] as const) {
    it(`gives the value and positions of a whole read (${name})`, () => {
      const text = largeModel(900, lineBreak)
      expect(text.length).toBeGreaterThan(PIECES_FROM_CHARS)
      expect(readPieces(text, 16 * 1024)).toBeDefined()
      const pieces = parseYamlDocument('m.yaml', text)
      // A foreign read is always whole; for a valid file it reads the same.
      const whole = parseYamlDocument('m.yaml', text, undefined, { foreign: true })
      if (!pieces.ok || !whole.ok) throw new Error('expected both reads to succeed')
      expect(JSON.stringify(pieces.document.value)).toBe(JSON.stringify(whole.document.value))
      const paths = allPaths(whole.document.value)
      expect(paths.length).toBeGreaterThan(10_000)
      expectSamePositions(pieces.document.sourceMap, whole.document.sourceMap, paths)
    })
  }

  it('writes exactly the events of a whole read, cut at every item', () => {
    const text = largeModel(30)
    for (const pieceChars of [1, 100, 5000]) expect(readPieces(text, pieceChars)).toEqual(compactWhole(text))
  })

  it.each([
    ['a block scalar holding an item-like line', 'threats:\n  - id: x\n    d: |\n      - not an item\n  - id: y\n'],
    ['a compact sequence', 'threats:\n- id: x\n- - nested\n  - list\n-\nnext: 1\n'],
    ['scalar items', 'list:\n  - a\n  - \'b\'\n  - "c"\n  -\n  - |\n    literal\n'],
    ['a flow collection over several lines', 'list:\n  - {a: 1,\n     b: [2,\n       3]}\n  - id: y\n'],
    ['an item continued on a deeper line', 'list:\n  - a\n   - b\n  - c\n'],
    ['a key whose value is a mapping, then a list', 'outer:\n  inner:\n    - a\nlist: # comment\n\n  - c\n# end\n']
  ])('reads %s as a whole read does', (_name, text) => {
    expect(readPieces(text, 1)).toEqual(compactWhole(text))
  })

  it.each([
    ['an anchor and alias', 'base: &b\n  x: 1\nlist:\n  - *b\n'],
    ['a merge key', 'list:\n  - <<: {a: 1}\n    b: 2\n'],
    ['a tag', 'list:\n  - !!str 1\n'],
    ['a second document', 'list:\n  - a\n---\nb: 2\n'],
    ['a repeated top-level key', 'true: 1\nlist:\n  - a\nTrue: 2\n'],
    ['a quoted key', '"q": 1\nlist:\n  - a\n'],
    ['a flow collection cut by an item-like line', 'list:\n  - [a,\n  - b]\n'],
    ['a tab indentation', 'list:\n\t- a\n'],
    ['an item indented less than the first', 'list:\n    - a\n  - b\n'],
    ['a JSON document', '{"list": [1, 2]}\n'],
    ['lone carriage returns', 'list:\r  - a\r']
  ])('leaves %s to a whole read', (_name, text) => {
    expect(readPieces(text, 1)).toBeUndefined()
  })

  it('reads a file of many tiny sequences whole', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `k${i}:\n  - x\n`).join('')
    expect(text.length).toBeGreaterThan(PIECES_FROM_CHARS)
    expect(readPieces(text, 16 * 1024)).toBeUndefined()
    const result = parseYamlDocument('m.yaml', text)
    expect(result.ok).toBe(true)
  })

  it('reports the errors of a whole read when a piece does not parse', () => {
    const text = largeModel(900).replace('  - id: T-500\n', '  - id: T-500\n    title: "unclosed\n')
    const line = text.slice(0, text.indexOf('    title: "unclosed')).split('\n').length
    const result = parseYamlDocument('m.yaml', text)
    expect(result.ok).toBe(false)
    if (result.ok) return
    // Lines of the whole file, and the whole file's explanation.
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'syntax/yaml',
        line: line + 1,
        message: expect.stringContaining(`double-quoted text that starts at line ${line}, column 12`)
      })
    ])
  })

  it('reports a duplicated key inside an item as an error, as a whole read does', () => {
    const text = largeModel(900).replace('  - id: T-500\n', '  - id: T-500\n    id: again\n')
    const result = parseYamlDocument('m.yaml', text)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.map((p) => [p.code, p.line])).toEqual([
      ['syntax/yaml', text.slice(0, text.indexOf('    id: again')).split('\n').length]
    ])
  })
})
