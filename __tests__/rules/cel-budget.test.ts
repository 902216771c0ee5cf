import { describe, expect, test } from '@jest/globals'
import { CEL_BUDGET, re2Matches } from '../../src/core/cel/budget.js'
import { loadModel, type LoadedModel } from '../../src/core/model/load.js'
import { formatProblem } from '../../src/core/problems.js'
import { loadRuleSet, type RuleText } from '../../src/core/rules/rule-set.js'
import { runRules } from '../../src/core/rules/run-rules.js'

// #12: custom rules (and the model sizes they run over) must not be able to hang a review.

function load(text: string): LoadedModel {
  const result = loadModel({ path: 'm.threatmodel.yaml', content: text })
  if (!result.model) throw new Error(result.problems.map(formatProblem).join('\n'))
  return result.model
}

function rule(id: string, appliesTo: string, condition: string): RuleText {
  const text = [
    `id: ${id}`,
    `title: Rule ${id}`,
    'severity: medium',
    'rationale: Because.',
    'remediation: Fix it.',
    'false_positives: None.',
    `applies_to: ${appliesTo}`,
    `condition: ${JSON.stringify(condition)}`,
    'message: "{{ element.id }} matched."'
  ].join('\n')
  return { path: `rules/custom/${id}.yaml`, text: `${text}\n` }
}

function modelWith(components: number, title = 'Ordinary title'): LoadedModel {
  let text = 'threatloop: 1\nmodel: { id: big, title: Big }\ncomponents:\n'
  for (let i = 0; i < components; i++) text += `  - { id: c${i}, type: service }\n`
  text += `threats:\n  - { id: T-1, title: ${JSON.stringify(title)}, category: tampering, targets: [c0] }\n`
  return load(text)
}

function run(model: LoadedModel, rules: RuleText[]) {
  const { ruleSet, problems } = loadRuleSet({ builtin: false, custom: rules })
  expect(problems.map(formatProblem)).toEqual([])
  return runRules(model, ruleSet, { today: '2026-11-27' })
}

// A rule that goes on working after the expensive one: the review must go on.
const CONTROL = rule('still-runs', 'threat', 'element.id == "T-1"')

describe('CEL evaluation budget', () => {
  test('nested map over components (cubic) is stopped and reported as a finding naming the rule', () => {
    const cubic = rule(
      'cubic',
      'model',
      'index.components.map(a, index.components.map(b, index.components.map(c, a.id + b.id + c.id))).size() > 0'
    )
    const { findings, problems } = run(modelWith(400), [cubic, CONTROL])
    expect(problems).toEqual([])
    const stopped = findings.find((f) => f.ruleId === 'cubic')
    expect(stopped?.message).toContain('rule cubic was stopped')
    expect(stopped?.message).toContain('evaluation budget')
    expect(findings.some((f) => f.ruleId === 'still-runs')).toBe(true)
  })

  test('a cel.bind chain that doubles a list is stopped before it exhausts memory', () => {
    let expression = 'v30.size() > 0'
    for (let i = 30; i >= 1; i--) expression = `cel.bind(v${i}, v${i - 1} + v${i - 1}, ${expression})`
    expression = `cel.bind(v0, [1, 2, 3, 4], ${expression})`
    const { findings } = run(modelWith(1), [rule('doubling', 'model', expression), CONTROL])
    expect(findings.find((f) => f.ruleId === 'doubling')?.message).toContain('was stopped')
    expect(findings.some((f) => f.ruleId === 'still-runs')).toBe(true)
  })

  test('string doubling is charged by size too', () => {
    let expression = 'v28.size() > 0'
    for (let i = 28; i >= 1; i--) expression = `cel.bind(v${i}, v${i - 1} + v${i - 1}, ${expression})`
    expression = `cel.bind(v0, element.title, ${expression})`
    const { findings } = run(modelWith(1), [rule('strings', 'threat', expression)])
    expect(findings.find((f) => f.ruleId === 'strings')?.message).toContain('was stopped')
  })

  test('the review budget is shared: once spent, later rules are stopped too', () => {
    const cubic = (id: string): RuleText => rule(id, 'model', 'index.components.map(a, index.components.map(b, a.id + b.id)).size() > 0')
    const { ruleSet } = loadRuleSet({ builtin: false, custom: [cubic('q1'), cubic('q2')] })
    const budget = { used: CEL_BUDGET.perReview - 10, limit: CEL_BUDGET.perReview }
    const { findings } = runRules(modelWith(50), ruleSet, { today: '2026-11-27', budget })
    expect(findings.filter((f) => f.message.includes('review’s rule budget')).map((f) => f.ruleId)).toEqual(['q1', 'q2'])
  })

  test('ordinary rules are not affected', () => {
    const { findings } = run(modelWith(20), [rule('plain', 'component', 'element.id.startsWith("c1")')])
    expect(findings.map((f) => f.elementIds[0]).sort()).toEqual([
      'c1',
      'c10',
      'c11',
      'c12',
      'c13',
      'c14',
      'c15',
      'c16',
      'c17',
      'c18',
      'c19'
    ])
  })
})

describe('matches runs in linear time (RE2)', () => {
  test("'^(a+)+$' on a 41-character title answers at once", () => {
    const title = `${'a'.repeat(40)}!`
    const { findings, problems } = run(modelWith(1, title), [
      rule('redos', 'threat', "element.title.matches('^(a+)+$')"),
      rule('redos-yes', 'threat', "element.title.matches('^(a+)+!$')")
    ])
    expect(problems).toEqual([])
    expect(findings.map((f) => f.ruleId)).toEqual(['redos-yes'])
  })

  test('RE2 semantics: partial match, and an invalid pattern is an evaluation error', () => {
    expect(re2Matches('hello world', 'o w')).toBe(true)
    expect(re2Matches('hello', '^world')).toBe(false)
    expect(() => re2Matches('x', '(')).toThrow(/invalid regular expression/)
    const { problems } = run(modelWith(1), [rule('bad-pattern', 'threat', "element.title.matches('(')")])
    expect(problems.map((p) => p.code)).toEqual(['rule/evaluation-error'])
  })
})
