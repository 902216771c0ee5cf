import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@jest/globals'
import { BUILTIN_RULES_FOLDER, REGENERATE_RULES_COMMAND, renderBuiltinRulesModule } from '../../src/core/rules/builtin-rules-module.js'
import { formatProblem } from '../../src/core/problems.js'
import { BUILTIN_RULE_TEXTS } from './builtin-rule-files.js'

const ROOT = process.cwd()
const GENERATED = 'src/core/rules/builtin-rules.generated.ts'

test('the embedded built-in rules match rules/builtin (regenerate with UPDATE_RULES=1)', () => {
  const { module: expected, problems } = renderBuiltinRulesModule(BUILTIN_RULE_TEXTS)
  expect(problems.map(formatProblem)).toEqual([])
  const generatedPath = join(ROOT, GENERATED)
  if (process.env.UPDATE_RULES === '1') writeFileSync(generatedPath, expected)
  const actual = readFileSync(generatedPath, 'utf8')
  if (actual !== expected) {
    throw new Error(`${GENERATED} is stale: it does not match ${BUILTIN_RULES_FOLDER}/. Regenerate it with:\n  ${REGENERATE_RULES_COMMAND}`)
  }
  expect(BUILTIN_RULE_TEXTS.length).toBeGreaterThan(0)
})
