import { describe, expect, test } from '@jest/globals'
import { findJsonSyntaxError, locateJsonValue } from '../../src/core/kb/json-text.js'

function parses(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

describe('findJsonSyntaxError', () => {
  test('agrees with JSON.parse on hand-picked texts', () => {
    const texts = [
      '{}',
      '[]',
      ' {"a": [1, -2.5e+3, true, false, null, "x\\u00e9\\n"]} ',
      '"s"',
      '0',
      '-0.1E2',
      '{',
      '{"a"}',
      '{"a":}',
      '{"a":1,}',
      '[1,]',
      '[,1]',
      '01',
      '1.',
      '.5',
      '+1',
      'tru',
      'nul',
      'true false',
      '"\\x"',
      '"\\u12"',
      '"a\nb"',
      '{"a":1 "b":2}',
      '[1 2]',
      '{a:1}',
      "{'a':1}",
      '',
      '   ',
      '[]]',
      '{"a":[}]}',
      'NaN',
      '1e',
      '-'
    ]
    for (const text of texts) expect([text, findJsonSyntaxError(text) === undefined]).toEqual([text, parses(text)])
  })

  test('agrees with JSON.parse on every single-character deletion of a realistic document', () => {
    const doc = JSON.stringify(
      { type: 'bundle', objects: [{ id: 'x--1', n: [1, 2.5, -3e2], ok: true, no: null, s: 'a"b\\c' }, {}] },
      null,
      1
    )
    for (let i = 0; i < doc.length; i++) {
      const mutated = doc.slice(0, i) + doc.slice(i + 1)
      expect([mutated, findJsonSyntaxError(mutated) === undefined]).toEqual([mutated, parses(mutated)])
    }
  })

  test('points at the offending character', () => {
    expect(findJsonSyntaxError('{"a": 1,\n "b" 2}')).toEqual({ offset: 14, message: "expected ':' after the property name" })
    expect(findJsonSyntaxError('[1, 2')?.offset).toBe(5)
  })
})

describe('locateJsonValue', () => {
  const text = '{\n  "type": "bundle",\n  "objects": [\n    {"id": "a", "x": {"y": [10, 20]}},\n    {"id": "b, \\"c\\""}\n  ]\n}'

  test('finds values by keys and indexes', () => {
    expect(text.slice(locateJsonValue(text, []))).toBe(text)
    expect(text.slice(locateJsonValue(text, ['type'])).startsWith('"bundle"')).toBe(true)
    expect(text.slice(locateJsonValue(text, ['objects', 0, 'x', 'y', 1])).startsWith('20]')).toBe(true)
    expect(text.slice(locateJsonValue(text, ['objects', 1, 'id'])).startsWith('"b, \\"c\\""')).toBe(true)
  })

  test('answers undefined for paths that do not exist', () => {
    expect(locateJsonValue(text, ['missing'])).toBeUndefined()
    expect(locateJsonValue(text, ['objects', 2])).toBeUndefined()
    expect(locateJsonValue(text, ['type', 0])).toBeUndefined()
  })
})
