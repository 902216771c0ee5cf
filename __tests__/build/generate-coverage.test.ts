// `npm run generate` regenerates every generated file: each one is named by scripts/generate.ts,
// and each has a freshness test that fails while it is stale.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { expect, test } from '@jest/globals'

function walk(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    return entry.isDirectory() ? walk(path) : [relative('.', path).split(sep).join('/')]
  })
}

const generator = readFileSync('scripts/generate.ts', 'utf8')

test('every generated source, schema and generated doc is written by scripts/generate.ts', () => {
  const generatedSources = walk('src').filter((p) => p.endsWith('.generated.ts'))
  const schemas = walk('schema').filter((p) => p.endsWith('.json'))
  const generatedDocs = walk('docs').filter((p) => p.endsWith('.md') && /^<!-- Generated from /.test(readFileSync(p, 'utf8')))
  expect(generatedSources.length).toBeGreaterThan(0)
  expect(generatedDocs.length).toBeGreaterThan(0)
  const unnamed = [...generatedSources, ...schemas].filter(
    (p) => !generator.includes(p) && !generator.includes(p.replace(/-[a-z]+\.generated\.ts$/, '-*.generated.ts'))
  )
  const docsFolders = new Set(generatedDocs.map((p) => p.slice(0, p.lastIndexOf('/'))))
  const unnamedDocs = [...docsFolders].filter((folder) => !generator.includes(`'${folder}'`))
  expect({ unnamed, unnamedDocs }).toEqual({ unnamed: [], unnamedDocs: [] })
})

test('each generated file has a freshness test', () => {
  const tests = walk('__tests__')
    .filter((p) => p.endsWith('.test.ts'))
    .map((p) => readFileSync(p, 'utf8'))
  const freshness = (needle: string): boolean => tests.some((t) => t.includes(needle))
  for (const needle of [
    'builtin-rules.generated.ts',
    'maturity-checks.generated.ts',
    'renderBundledModules',
    'modelJsonSchema',
    'configJsonSchema',
    'renderRuleDocPages',
    'renderMaturityTable'
  ])
    expect({ needle, tested: freshness(needle) }).toEqual({ needle, tested: true })
})
