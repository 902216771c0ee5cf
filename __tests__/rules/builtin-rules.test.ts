import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { expect, test } from '@jest/globals'
import { BUILTIN_RULES_FOLDER, REGENERATE_RULES_COMMAND, renderBuiltinRulesModule } from '../../src/core/rules/builtin-rules-module.js'

const ROOT = process.cwd()
const GENERATED = 'src/core/rules/builtin-rules.generated.ts'

function ruleFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return ruleFiles(path)
    return /\.ya?ml$/.test(entry.name) ? [path] : []
  })
}

test('the embedded built-in rules match rules/builtin (regenerate with UPDATE_RULES=1)', () => {
  const files = ruleFiles(join(ROOT, BUILTIN_RULES_FOLDER)).map((path) => ({
    path: relative(ROOT, path).split(sep).join('/'),
    text: readFileSync(path, 'utf8')
  }))
  const expected = renderBuiltinRulesModule(files)
  const generatedPath = join(ROOT, GENERATED)
  if (process.env.UPDATE_RULES === '1') writeFileSync(generatedPath, expected)
  const actual = readFileSync(generatedPath, 'utf8')
  if (actual !== expected) {
    throw new Error(`${GENERATED} is stale: it does not match ${BUILTIN_RULES_FOLDER}/. Regenerate it with:\n  ${REGENERATE_RULES_COMMAND}`)
  }
  expect(files.length).toBeGreaterThan(0)
})
