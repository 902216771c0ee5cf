import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { runCli } from '../../src/adapters/cli/main.js'
import { importModel } from '../../src/core/import/index.js'
import { loadModelFile } from '../../src/core/review/load-model-file.js'

// Seeded, bounded fuzzing (#12): mutants of real model files go through the loader, the importers
// and the CLI's validate/convert/review entry points in-process. Whatever the input, nothing may
// throw, no stack trace may be printed, and exit codes stay in {0, 1, 2}. The seed is fixed so a
// failure reproduces; FUZZ_SEED and FUZZ_SCALE explore further by hand.

const SEED = Number(process.env.FUZZ_SEED ?? 20261205)
const SCALE = Number(process.env.FUZZ_SCALE ?? 1)

/** mulberry32: a small deterministic generator. */
function generator(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const TOKENS = [
  ':',
  '::',
  '{',
  '}',
  '[',
  ']',
  ',',
  '-',
  '- ',
  '&a ',
  '*a',
  '!!binary ',
  '!!js/function ',
  '? ',
  '|',
  '>',
  '#',
  '"',
  "'",
  '\\',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  '\u001b[2J',
  '\u202e',
  '\ufeff',
  '\ud800',
  '💥',
  '<<: *a',
  '~',
  'null',
  'true',
  '0x1F',
  '1e309',
  '-1',
  '99999999999999999999',
  'NaN',
  '.inf',
  '##[warning]',
  '::error::',
  '@admin',
  '#1',
  '../../etc/passwd',
  '/close',
  '"\\u0000"',
  '$ref',
  '__proto__',
  'constructor'
]

/** One mutant of `text`: a few edits (delete, duplicate, insert a token, swap lines, truncate). */
function mutate(text: string, random: () => number): string {
  let out = text
  const edits = 1 + Math.floor(random() * 4)
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (out.length + 1))
    const span = Math.floor(random() * 40)
    switch (Math.floor(random() * 6)) {
      case 0:
        out = out.slice(0, at) + out.slice(at + span)
        break
      case 1:
        out = out.slice(0, at) + out.slice(at, at + span).repeat(2 + Math.floor(random() * 3)) + out.slice(at)
        break
      case 2:
        out = out.slice(0, at) + TOKENS[Math.floor(random() * TOKENS.length)] + out.slice(at)
        break
      case 3: {
        const lines = out.split('\n')
        const i = Math.floor(random() * lines.length)
        const j = Math.floor(random() * lines.length)
        ;[lines[i], lines[j]] = [lines[j], lines[i]]
        out = lines.join('\n')
        break
      }
      case 4:
        out = out.replace(/\d+(\.\d+)?/, () => ['0', '-5', '1e12', '1000000000', '0.0000001', '2.5'][Math.floor(random() * 6)])
        break
      default:
        out = out.slice(0, at)
    }
  }
  return out
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

const NATIVE = [
  'examples/demo/base/payments.threatmodel.yaml',
  'examples/demo/head/payments.threatmodel.yaml',
  'examples/payments-api.threatmodel.yaml'
]
const FOREIGN = filesUnder('__tests__/fixtures/import').filter((f) => /\.(ya?ml|json)$/.test(f))
const count = (n: number): number => Math.max(1, Math.round(n * SCALE))

// eslint-disable-next-line no-control-regex -- asserting that no control character survives
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/

function expectNoStack(text: string): void {
  expect(text).not.toMatch(/\n\s+at .+[:(]\d+:\d+\)?/)
  expect(text).not.toMatch(/internal error/)
}

describe('fuzzing the loader and the importers', () => {
  test(`native loader: ${count(300)} mutants`, () => {
    const random = generator(SEED)
    for (let k = 0; k < count(300); k++) {
      const source = NATIVE[k % NATIVE.length]
      const content = mutate(readFileSync(source, 'utf8'), random)
      let result
      try {
        result = loadModelFile({ path: 'models/fuzz.threatmodel.yaml', content })
      } catch (error) {
        throw new Error(`mutant ${k} of ${source} (seed ${SEED}) threw: ${String(error)}`, { cause: error })
      }
      for (const p of result.problems) {
        expect(p.line).toBeGreaterThanOrEqual(1)
        expect(p.column).toBeGreaterThanOrEqual(1)
        expect(typeof p.message).toBe('string')
      }
    }
  })

  test(`importers: ${count(300)} mutants`, () => {
    const random = generator(SEED + 1)
    for (let k = 0; k < count(300); k++) {
      const source = FOREIGN[k % FOREIGN.length]
      const content = mutate(readFileSync(source, 'utf8'), random)
      const path = source.replace('__tests__/fixtures/import/', '')
      try {
        const result = importModel({ path, content }, { readInclude: () => ({ refused: 'includes are not read while fuzzing' }) })
        expect(Array.isArray(result.problems)).toBe(true)
      } catch (error) {
        throw new Error(`mutant ${k} of ${source} (seed ${SEED}) threw: ${String(error)}`, { cause: error })
      }
    }
  })
})

describe('fuzzing the CLI entry points in-process', () => {
  let repo: string
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'threatloop-fuzz-'))
    mkdirSync(join(repo, 'base'))
    mkdirSync(join(repo, 'head'))
    writeFileSync(join(repo, 'base/payments.threatmodel.yaml'), readFileSync(NATIVE[0]))
    // Fewer Monte Carlo iterations: the review's shape is fuzzed here, not its numbers.
    writeFileSync(join(repo, '.threatloop.yaml'), 'risk:\n  iterations: 1000\n')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  async function cli(args: string[]): Promise<{ code: number; text: string }> {
    let text = ''
    const started = performance.now()
    const code = await runCli(args, repo, { out: (t) => (text += t + '\n'), err: (t) => (text += t + '\n') })
    if (process.env.FUZZ_TIMING) console.log(args[0], Math.round(performance.now() - started))
    return { code, text }
  }

  test(`validate and convert: ${count(60)} mutants each; review: every tenth`, async () => {
    const random = generator(SEED + 2)
    for (let k = 0; k < count(60); k++) {
      const native = mutate(readFileSync(NATIVE[k % NATIVE.length], 'utf8'), random)
      const foreignSource = FOREIGN[k % FOREIGN.length]
      const foreign = mutate(readFileSync(foreignSource, 'utf8'), random)
      const foreignName = `foreign-${k}${foreignSource.slice(foreignSource.lastIndexOf('.'))}`
      writeFileSync(join(repo, 'head/payments.threatmodel.yaml'), native)
      writeFileSync(join(repo, foreignName), foreign)
      const validate = await cli(['validate', 'head'])
      const runs = [
        validate,
        await cli(['convert', foreignName]),
        await cli(['convert', foreignName, '--to', 'otm']),
        ...(k % 10 === 0
          ? [await cli(['review', '--base-dir', 'base', '--head-dir', 'head', '--format', k % 20 ? 'json' : 'text', '--no-fail'])]
          : [])
      ]
      for (const run of runs) {
        expect([0, 1, 2]).toContain(run.code)
        expectNoStack(run.text)
      }
      // Text output reaches terminals and CI logs: no control sequences, no workflow commands.
      for (const run of [validate, ...(k % 20 === 0 ? [runs[3]] : [])]) {
        expect(run.text).not.toMatch(CONTROL)
        for (const line of run.text.split('\n')) expect(/^\s*::/.test(line) || line.includes('##[')).toBe(false)
      }
      rmSync(join(repo, foreignName))
    }
  })
})
