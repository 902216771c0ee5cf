import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { runCli } from '../../src/adapters/cli/main.js'

// Model text and file names reach the terminal and CI logs through the CLI's text output (#12):
// none of it may run a workflow command or a terminal control sequence.
let repo: string

/** The runner trims a line and then looks for `::`; `##[` counts anywhere. */
function workflowCommands(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line) => /^[\s\u0085]*::/.test(line) || line.includes('##['))
}
// eslint-disable-next-line no-control-regex -- asserting that no control character survives
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(args, repo, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') })
  return { code, out, err }
}

const HOSTILE_FILE = '::warning title=pwned::x.threatmodel.yaml'
const model = (title: string, likelihood = 'high'): string => `threatloop: 1
model: { id: shop, title: ${JSON.stringify(title)} }
components:
  - { id: web, type: service }
threats:
  - id: T-1
    title: ${JSON.stringify(title)}
    category: tampering
    targets: [web]
    likelihood: ${JSON.stringify(likelihood)}
    impact: high
`

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'threatloop-hostile-'))
  mkdirSync(join(repo, 'models'))
  mkdirSync(join(repo, 'base'))
  mkdirSync(join(repo, 'head'))
  writeFileSync(
    join(repo, 'models', HOSTILE_FILE),
    model('##[warning]Deploy key leaked', '\u001b[2J\u001b[H✔ 1 model file valid\r::error::x')
  )
  writeFileSync(join(repo, 'base/shop.threatmodel.yaml'), model('Shop'))
  writeFileSync(join(repo, 'head/shop.threatmodel.yaml'), model('##[warning]Deploy key leaked \u001b[2J\u001b]0;title\u0007 end'))
})
afterAll(() => rmSync(repo, { recursive: true, force: true }))

describe('CLI text output is safe for logs and terminals', () => {
  test('validate: hostile file name, title and values', async () => {
    const result = await cli(['validate', 'models'])
    expect(result.code).toBe(1)
    expect(result.out).toContain('x.threatmodel.yaml')
    expect(workflowCommands(result.out + result.err)).toEqual([])
    expect(result.out + result.err).not.toMatch(CONTROL)
  })

  test('review --format text and markdown: hostile title', async () => {
    for (const format of ['text', 'markdown']) {
      const result = await cli(['review', '--base-dir', 'base', '--head-dir', 'head', '--format', format, '--no-fail'])
      expect(result.out).toContain('Deploy key leaked')
      expect(workflowCommands(result.out + result.err)).toEqual([])
      expect(result.out + result.err).not.toMatch(CONTROL)
    }
  })

  test('check: hostile file name in finding lines', async () => {
    const result = await cli(['check', 'models'])
    expect(workflowCommands(result.out + result.err)).toEqual([])
    expect(result.out + result.err).not.toMatch(CONTROL)
  })
})
