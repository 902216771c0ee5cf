import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { assessMaturity } from '../../src/core/maturity/assess-maturity.js'
import { loadMaturityChecks, MATURITY_CATEGORY_IDS } from '../../src/core/maturity/maturity-check-set.js'
import { MATURITY_CHECKS_FOLDER } from '../../src/core/maturity/maturity-checks-module.js'
import { parseMaturityCategoryFile } from '../../src/core/maturity/maturity-schema.js'
import { loadValue, TODAY } from './maturity-fixtures.js'

const FOLDER = join(process.cwd(), MATURITY_CHECKS_FOLDER)
const FILES = readdirSync(FOLDER)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => ({ path: `${MATURITY_CHECKS_FOLDER}/${name}`, text: readFileSync(join(FOLDER, name), 'utf8') }))

describe.each(FILES.map((f) => [f.path, f] as const))('%s', (path, file) => {
  test('is valid, compiles, and is named after its category', () => {
    const { category, problems } = parseMaturityCategoryFile(path, file.text)
    expect(problems).toEqual([])
    expect(`${MATURITY_CHECKS_FOLDER}/${category!.category.id}.yaml`).toBe(path)
    expect(loadMaturityChecks([file]).problems).toEqual([])
  })
})

test('the check files are exactly the fifteen categories of docs/maturity.md, four levels each (OSINT one)', () => {
  const { checkSet, problems } = loadMaturityChecks(FILES)
  expect(problems).toEqual([])
  expect(checkSet.categories.map((c) => c.id)).toEqual([...MATURITY_CATEGORY_IDS])
  for (const c of checkSet.categories) {
    const defined = c.levels.map((checks) => checks.length > 0)
    expect({ id: c.id, defined }).toEqual({ id: c.id, defined: c.id === 'osint' ? [true, false, false, false] : [true, true, true, true] })
  }
})

/** A category file with one check; `check` replaces that check's lines. */
function categoryText(check: string, extra = ''): string {
  return `id: sample\ntitle: Sample\n${extra}levels:\n  1:\n${check}\n  2: []\n  3: []\n  4: []\n`
}

describe('broken check files are errors naming file, line and what was expected', () => {
  const cases: [string, string, [number, string, RegExp]][] = [
    ['unknown key', categoryText('    - id: a\n      explanation: x\n      condition: "true"\n      severity: high'), [8, 'maturity/schema/unknown-key', /unknown key `severity` in maturity category sample; expected one of: id, explanation/]],
    ['CEL type error', categoryText('    - id: a\n      explanation: x\n      condition: model.ownr != ""'), [7, 'maturity/cel-type', /`condition` of check sample\.a does not type-check/]],
    ['non-bool condition', categoryText('    - id: a\n      explanation: x\n      condition: model.owner'), [7, 'maturity/cel-type', /must be a bool expression, but it is string/]],
    ['CEL syntax', categoryText('    - id: a\n      explanation: x\n      condition: "model.owner == "'), [7, 'maturity/cel-syntax', /is not valid CEL/]],
    [
      'threshold missing from the explanation',
      categoryText('    - id: a\n      explanation: x\n      measure: "1"\n      unit: percent\n      threshold: { name: t, default: 5 }'),
      [6, 'maturity/schema/invalid', /names it in its explanation as \{threshold\}/]
    ],
    ['measure without unit', categoryText('    - id: a\n      explanation: x\n      condition: "true"\n      measure: "1"'), [5, 'maturity/schema/invalid', /needs a `unit`/]],
    ['neither condition nor threshold', categoryText('    - id: a\n      explanation: x'), [5, 'maturity/schema/invalid', /needs a `condition`, or a `measure` with a `threshold`/]],
    ['two-line explanation', categoryText('    - id: a\n      explanation: "x\\ny"\n      condition: "true"'), [6, 'maturity/schema/invalid', /one line/]],
    ['bad YAML', 'id: [unclosed\n', [1, 'maturity/syntax/yaml', /unclosed `\[`/]]
  ]
  test.each(cases)('%s', (_name, text, [line, code, message]) => {
    const { problems } = loadMaturityChecks([{ path: 'rules/maturity/sample.yaml', text }])
    expect(problems.length).toBeGreaterThan(0)
    expect(problems[0]).toMatchObject({ file: 'rules/maturity/sample.yaml', line, severity: 'error' })
    expect(problems[0].code).toBe(code)
    expect(problems[0].message).toMatch(message)
  })

  test('a level after an empty level can never be reached', () => {
    const text = 'id: sample\ntitle: Sample\nlevels:\n  1:\n    - { id: a, explanation: x, condition: "true" }\n  2: []\n  3:\n    - { id: b, explanation: y, condition: "true" }\n  4: []\n'
    expect(loadMaturityChecks([{ path: 'rules/maturity/sample.yaml', text }]).problems.map((p) => [p.line, p.message])).toEqual([
      [8, 'level 3 can never be reached: level 2 has no checks, which ends the category there in maturity category sample']
    ])
  })

  test('duplicate categories and conflicting thresholds are reported', () => {
    const check = (id: string, def: number): string =>
      `    - { id: ${id}, explanation: "x {threshold}", measure: "1", unit: percent, threshold: { name: shared, default: ${def} } }`
    const one = { path: 'rules/maturity/one.yaml', text: categoryText(check('a', 80)).replace('sample', 'one') }
    const two = { path: 'rules/maturity/two.yaml', text: categoryText(check('b', 90)).replace('sample', 'two') }
    const again = { path: 'rules/maturity/again.yaml', text: one.text }
    const { checkSet, problems } = loadMaturityChecks([one, two, again])
    expect(problems.map((p) => [p.file, p.code, p.message])).toEqual([
      ['rules/maturity/again.yaml', 'maturity/duplicate-category', 'maturity category `one` is already defined in rules/maturity/one.yaml'],
      [
        'rules/maturity/two.yaml',
        'maturity/threshold-conflict',
        'threshold `shared` of check two.b differs from its use in one.a (default, unit or direction); checks sharing a threshold name must agree'
      ]
    ])
    expect(checkSet.categories.map((c) => c.id)).toEqual(['one'])
  })
})

test('a check that fails at run time counts as failing and is reported, never skipped', () => {
  const text = categoryText('    - id: dated\n      explanation: the title is a date in the past\n      condition: daysSince(model.title) > 0')
  const { checkSet, problems } = loadMaturityChecks([{ path: 'rules/maturity/sample.yaml', text }])
  expect(problems).toEqual([])
  const report = assessMaturity(loadValue({ threatloop: 1, model: { id: 'm', title: 'Not a date' } }), {}, { today: TODAY, checks: checkSet })
  const [sample] = report.categories
  expect(sample.level).toBe(0)
  expect(sample.failing[0]).toMatchObject({ id: 'sample.dated', passed: false, error: expect.stringContaining('daysSince expects a date') })
  expect(sample.nextStep?.text).toMatch(/^to reach level 1: the title is a date in the past \(could not be evaluated: .*daysSince expects a date/)
  expect(report.problems).toMatchObject([
    { file: 'rules/maturity/sample.yaml', line: 5, code: 'maturity/evaluation-error', message: expect.stringContaining('`condition` of check sample.dated failed on fixture.threatmodel.yaml') }
  ])
})

test('an `assessed_when` that fails at run time leaves the category not assessed and is reported at its line', () => {
  const text = 'id: sample\ntitle: Sample\nassessed_when: daysSince(model.title) > 0\nnot_assessed: no date in the title\nlevels:\n  1:\n    - { id: a, explanation: x, condition: "true" }\n  2: []\n  3: []\n  4: []\n'
  const { checkSet, problems } = loadMaturityChecks([{ path: 'rules/maturity/sample.yaml', text }])
  expect(problems).toEqual([])
  const report = assessMaturity(loadValue({ threatloop: 1, model: { id: 'm', title: 'Not a date' } }), {}, { today: TODAY, checks: checkSet })
  expect(report.categories[0]).toMatchObject({ assessed: false, level: 0, notAssessedReason: 'no date in the title', passing: [], failing: [] })
  expect(report.problems).toMatchObject([{ file: 'rules/maturity/sample.yaml', line: 3, code: 'maturity/evaluation-error' }])
})
