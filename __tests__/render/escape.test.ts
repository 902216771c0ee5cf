import { describe, expect, test } from '@jest/globals'
import { codeSpan, escapeBlock, escapeInline, escapeMermaidLabel, escapeTableCell, mermaidId } from '../../src/core/render/escape.js'

// Hostile strings a pull request could put into a model file.
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '</details><details open><summary>pwned',
  '</td></tr></table><h1>x</h1>',
  '@octocat please approve',
  'fixes #123 and closes GH-7 and !45 ~bug %v1 &epic $snip',
  '/close\n/merge\n  /label ~security',
  'a | b | c',
  '`code` ``` fence',
  '[click](javascript:alert(1))',
  '![img](http://evil.example/track.png)',
  '**bold** _em_ ~~strike~~',
  '# heading\n- list\n> quote',
  '<!-- threatloop:mitigation:x/y -->',
  'line\r\nbreak\rcarriage',
  'rtl \u202e override',
  'null \u0000 byte'
]

describe('escapeInline', () => {
  test.each(HOSTILE)('neutralises %p', (input) => {
    const out = escapeInline(input)
    expect(out).not.toMatch(/<[A-Za-z/!]/)
    expect(out).not.toMatch(/(^|[^\\])\|/)
    expect(out).not.toMatch(/[\r\n]/)
    expect(out).not.toMatch(/@[A-Za-z]/)
    expect(out).not.toMatch(/[~%@][0-9A-Za-z]|[#!&$][0-9]/)
    expect(out).not.toMatch(/(^|[^\\])[[\]`*_]/)
    // eslint-disable-next-line no-control-regex -- asserting control characters are gone
    expect(out).not.toMatch(/[\u0000\u202e]/)
  })

  test('keeps ordinary text readable', () => {
    expect(escapeInline('Session token replay')).toBe('Session token replay')
    expect(escapeInline('A & B')).toBe('A &amp; B')
    expect(escapeInline('ATT&CK #tag')).toBe('ATT&amp;CK #tag')
    expect(escapeInline('payments-api/T-003 (v1.2): "quoted"')).toBe('payments-api/T-003 (v1.2): "quoted"')
    expect(escapeInline('a*b_c')).toBe('a\\*b\\_c')
  })

  test('truncates long text with an ellipsis', () => {
    expect(escapeInline('x'.repeat(1000), 10)).toBe(`${'x'.repeat(9)}…`)
  })
})

describe('escapeBlock', () => {
  test('no line can run a GitLab quick action', () => {
    const out = escapeBlock('/close\n  /merge\ntext /label ~x')
    for (const line of out.split('\n')) expect(line.trimStart().startsWith('/')).toBe(false)
  })
  test('no line can open a heading, list or quote', () => {
    expect(escapeBlock('# title\n- item\n> quote\n1. first')).toBe('\\# title  \n\\- item  \n&gt; quote  \n1\\. first')
  })
  test('keeps line breaks as Markdown hard breaks', () => {
    expect(escapeBlock('one\ntwo')).toBe('one  \ntwo')
  })
})

describe('codeSpan', () => {
  test('cannot be closed early by backticks inside', () => {
    expect(codeSpan('a`b')).toBe('``a`b``')
    expect(codeSpan('`x`')).toBe('`` `x` ``')
  })
  test('pipes cannot split a table row', () => {
    expect(codeSpan('a|b')).not.toContain('|')
  })
})

describe('table cells and Mermaid', () => {
  test('table cell escapes pipes', () => {
    expect(escapeTableCell('a | b')).toBe('a \\| b')
  })
  test('Mermaid labels have no quote, bracket or HTML', () => {
    const out = escapeMermaidLabel('"a" [b] <c> (d) {e}')
    expect(out).not.toMatch(/["[\]<>(){}]/)
  })
  test('Mermaid ids are safe and distinct', () => {
    expect(mermaidId('c', 'api-gw')).toBe('c_api_2d_gw')
    expect(mermaidId('c', 'api-gw')).not.toBe(mermaidId('c', 'api_gw'))
  })
})

describe('references and URLs from model text stay dead (#12)', () => {
  // What GitHub and GitLab would link on their own: GH-n references, bare URLs, <…> autolinks, www. hosts.
  const live = [/\bGH-\d/i, /[A-Za-z0-9]:\/\//, /\bwww\./i]
  test.each([
    'see GH-3 and gh-12',
    'https://github.com/acme/shop/issues/3',
    'ftp://files.example/x and HTTP://EXAMPLE.COM',
    '<https://gitlab.com/acme/shop/-/merge_requests/4>',
    'visit www.example.com/issues/9',
    'line one\nhttps://github.com/acme/shop/pull/5'
  ])('%p', (input) => {
    for (const out of [escapeInline(input), escapeBlock(input), escapeTableCell(input)]) {
      for (const pattern of live) expect(out).not.toMatch(pattern)
      // Still readable: only zero-width spaces were added.
      expect(out.replace(/\u200b/g, '')).toMatch(/GH-|:\/\/|www\./i)
    }
  })
  test('ordinary words keep their shape', () => {
    expect(escapeInline('GHz and THE-1 and a: b // c')).toBe('GHz and THE-1 and a: b // c')
  })
})
