import { describe, expect, test } from '@jest/globals'
import { sanitizeLogText } from '../../src/core/render/log-text.js'

/** Would the Actions runner read this line as a workflow command? (it trims the line first) */
function isWorkflowCommand(line: string): boolean {
  return /^[\s\u0085]*::/.test(line) || line.includes('##[')
}

// eslint-disable-next-line no-control-regex -- asserting that no control character survives
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/

describe('sanitizeLogText (#12)', () => {
  test.each([
    ['model title', '##[warning]Your deployment key leaked'],
    ['title mid-line', 'Threat: ##[group]hidden'],
    ['file name', '::warning title=pwned::models/a.yaml'],
    ['file name after spaces', '   ::add-mask::secret'],
    ['file name after a tab and a BOM', '\t\ufeff::error::x'],
    ['after a carriage return', 'models/a.yaml\r::set-output name=x::y'],
    ['after a newline and CR', 'ok\n\r  ::stop-commands::token'],
    ['joined by a removed control', ':\u0000:warning::x and #\u0007#[error]y'],
    ['joined by a removed ESC sequence', '#\u001b[0m#[debug]z'],
    ['after a non-breaking space', '\u00a0::notice::x']
  ])('%s cannot run a workflow command', (_what, input) => {
    const out = sanitizeLogText(input)
    for (const line of out.split('\n')) expect(isWorkflowCommand(line)).toBe(false)
    expect(out).not.toMatch(CONTROL)
  })

  test.each([
    ['clear screen and fake result', '\u001b[2J\u001b[H✔ 1 model file valid'],
    ['OSC window title', '\u001b]0;owned\u0007title'],
    ['OSC hyperlink with ST', '\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\'],
    ['8-bit CSI', '\u009b2J\u009b31mred'],
    ['bell and backspace', 'ding\u0007\u0008\u0008ok'],
    ['GitLab section marker', 'section_start:1:x\r\u001b[0Ksection'],
    ['charset switch', '\u001b(0lqqk\u001b(B'],
    ['bidi override', 'abc\u202edcba']
  ])('%s: no control characters reach the terminal', (_what, input) => {
    const out = sanitizeLogText(input)
    expect(out).not.toMatch(CONTROL)
    expect(out).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/)
    expect(out).not.toContain('[2J')
  })

  test('ordinary text is unchanged', () => {
    const text =
      'models/payments.threatmodel.yaml:12:3: error: expected one of low, medium, high (threats[0].likelihood)\n\tnext: a::b, C# ##, [x]'
    expect(sanitizeLogText(text)).toBe(text)
    expect(sanitizeLogText('✔ 3 model files valid — café ü 日本')).toBe('✔ 3 model files valid — café ü 日本')
  })

  test('neutralised text stays readable', () => {
    expect(sanitizeLogText('::warning::x').replace(/\u200b/g, '')).toBe('::warning::x')
    expect(sanitizeLogText('a ##[b').replace(/\u200b/g, '')).toBe('a ##[b')
    expect(sanitizeLogText('\u001b[2Jclear')).toBe('clear')
  })
})
