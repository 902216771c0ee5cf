import { describe, expect, test } from '@jest/globals'
import { BUILTIN_RULES } from '../../src/core/rules/builtin-rules.generated.js'
import { checkRuleExamples } from '../../src/core/rules/rule-examples.js'
import { parseRuleFile } from '../../src/core/rules/rule-schema.js'
import { loadRuleSet } from '../../src/core/rules/rule-set.js'
import { formatProblem } from '../../src/core/problems.js'
import { BUILTIN_RULE_TEXTS } from './builtin-rule-files.js'

const { ruleSet, problems } = loadRuleSet({ builtin: true })
const builtin = ruleSet.rules.filter((r) => r.origin === 'builtin')
const fromFiles = new Map(BUILTIN_RULE_TEXTS.map((f) => [f.path, parseRuleFile(f.path, f.text).rule?.rule]))

test('every built-in rule file loads and compiles without problems', () => {
  // The full path a custom rule takes: YAML, schema and CEL compile, with positioned problems.
  expect(loadRuleSet({ builtin: false, custom: BUILTIN_RULE_TEXTS }).problems.map(formatProblem)).toEqual([])
  expect(problems.map(formatProblem)).toEqual([])
  expect(builtin).toHaveLength(BUILTIN_RULE_TEXTS.length)
  expect(BUILTIN_RULES).toHaveLength(BUILTIN_RULE_TEXTS.length)
})

test('the embedded built-in rules compile when they run (their expressions compile on first use)', () => {
  const failing = builtin.flatMap((rule) =>
    [rule.condition, rule.elements, ...rule.message.map((part) => ('expression' in part ? part.expression : undefined))]
      .filter((expression) => expression !== undefined && !expression.check().valid)
      .map(() => rule.id)
  )
  expect(failing).toEqual([])
  expect(builtin.every((rule) => rule.message.length > 0)).toBe(true)
})

test('there are at least 35 built-in rules with unique ids', () => {
  const ids = [...fromFiles.values()].map((rule) => rule?.id)
  expect(new Set(ids).size).toBe(ids.length)
  expect(ids.length).toBeGreaterThanOrEqual(35)
})

describe.each(builtin.map((rule) => [rule.id, rule] as const))('built-in rule %s', (id, rule) => {
  test('lives in rules/builtin/<family>/<id>.yaml', () => {
    expect(rule.file).toMatch(new RegExp(`^rules/builtin/(model-quality|design-risk)/${id}\\.yaml$`))
  })
  test('has docs, rationale, remediation and false positives', () => {
    const d = rule.definition
    expect(d.docs?.trim().length ?? 0).toBeGreaterThan(30)
    for (const text of [d.rationale, d.remediation, d.false_positives]) expect(text.trim().length).toBeGreaterThan(10)
  })
  test('its reject examples fire it and its accept examples do not', () => {
    // The embedded rule runs; its examples live in its file only.
    const failures = checkRuleExamples({ ...rule, definition: fromFiles.get(rule.file)! }, ruleSet)
    expect(failures.map((f) => `${f.file} ${f.example}: ${f.reason}`)).toEqual([])
  })
})
