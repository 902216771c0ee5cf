// Lines and columns of offsets, for texts with and without carriage returns (two code paths).
import { describe, expect, test } from '@jest/globals'
import { LineIndex } from '../../src/core/model/yaml-document.js'

/** Line and column of `offset`, counted character by character (LF, CRLF and lone CR end a line). */
function counted(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

describe('LineIndex', () => {
  const texts = ['', 'a', '\n', '\n\n\n', 'a\nb', 'ab\n\ncd\n', 'a\r\nb\r\n', 'a\rb\rc', 'a\r\n\rb\n\r\nc', '\r', 'x\n\r']
  test.each(texts)('every offset of %j is placed as counting does', (text) => {
    const index = new LineIndex(text)
    for (let offset = 0; offset <= text.length; offset++) {
      // Inside a CRLF pair the '\n' belongs to the line the '\r' ends.
      if (text[offset - 1] === '\r' && text[offset] === '\n') continue
      expect(index.position(offset)).toEqual(counted(text, offset))
    }
  })

  test('a long text without carriage returns', () => {
    const text = Array.from({ length: 5000 }, (_, i) => 'x'.repeat(i % 17)).join('\n')
    const index = new LineIndex(text)
    for (const offset of [0, 1, 100, 4321, text.length - 1, text.length]) expect(index.position(offset)).toEqual(counted(text, offset))
    expect(index.position(text.length).line).toBe(5000)
  })
})
