import { describe, expect, test } from '@jest/globals'
import { BUILTIN_RULE_FILES } from '../../src/core/rules/builtin-rules.generated.js'
import { checkRuleExamples } from '../../src/core/rules/rule-examples.js'
import { parseRuleFile } from '../../src/core/rules/rule-schema.js'
import { loadRuleSet } from '../../src/core/rules/rule-set.js'
import { formatProblem } from '../../src/core/problems.js'

const { ruleSet, problems } = loadRuleSet({ builtin: true })
const builtin = ruleSet.rules.filter((r) => r.origin === 'builtin')

test('every built-in rule file loads and compiles without problems', () => {
  expect(problems.map(formatProblem)).toEqual([])
  expect(builtin).toHaveLength(BUILTIN_RULE_FILES.length)
})

test('there are at least 35 built-in rules with unique ids', () => {
  const ids = BUILTIN_RULE_FILES.map((f) => parseRuleFile(f.path, f.text).rule?.rule.id)
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
    const failures = checkRuleExamples(rule, ruleSet)
    expect(failures.map((f) => `${f.file} ${f.example}: ${f.reason}`)).toEqual([])
  })
})
