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

test('the check files are exactly the fifteen categories of the seed, with the levels the seed defines', () => {
  const { checkSet, problems } = loadMaturityChecks(FILES)
  expect(problems).toEqual([])
  expect(checkSet.categories.map((c) => c.id)).toEqual([...MATURITY_CATEGORY_IDS])
  const undefinedLevels: Record<string, number[]> = {
    'threat-categorization': [1],
    reporting: [1],
    'issue-tracker': [1, 2],
    monitoring: [1, 2]
  }
  for (const c of checkSet.categories) {
    const notDefined = c.seed.flatMap((text, i) => (text === null ? [i + 1] : []))
    expect({ id: c.id, notDefined }).toEqual({ id: c.id, notDefined: undefinedLevels[c.id] ?? [] })
    // Every level the seed defines has checks.
    const unchecked = c.levels.flatMap((checks, i) => (c.seed[i] !== null && checks.length === 0 ? [i + 1] : []))
    expect({ id: c.id, unchecked }).toEqual({ id: c.id, unchecked: [] })
    expect(c.seed.filter((text): text is string => text !== null).every((text) => text.length > 40)).toBe(true)
  }
})

test('every check names its evidence source, and every run check what it needs observed', () => {
  const { checkSet } = loadMaturityChecks(FILES)
  for (const check of checkSet.categories.flatMap((c) => c.levels.flat())) {
    expect(['model', 'configuration', 'run']).toContain(check.definition.evidence)
    const needs = (check.definition.needs ?? []).length > 0
    // A check reads the run's observations only when it says so and names what it needs observed.
    const text = [check.definition.condition, check.definition.measure, check.definition.scope, check.definition.offenders].join(' ')
    const readsRun = text.includes('context.run.')
    const run = check.definition.evidence === 'run'
    expect({ id: check.id, readsRunUndeclared: readsRun && !run, runWithoutNeeds: run && !needs }).toEqual({
      id: check.id,
      readsRunUndeclared: false,
      runWithoutNeeds: false
    })
  }
})

/** A category file with one check at level 1; `check` replaces that check's lines. */
function categoryText(check: string, extra = ''): string {
  return `id: sample\ntitle: Sample\nseed: { 1: the seed asks for something here, 2: null, 3: null, 4: null }\n${extra}levels:\n  1:\n${check}\n`
}

describe('broken check files are errors naming file, line and what was expected', () => {
  const cases: [string, string, [number, string, RegExp]][] = [
    [
      'unknown key',
      categoryText('    - id: a\n      evidence: model\n      explanation: x\n      condition: "true"\n      severity: high'),
      [10, 'maturity/schema/unknown-key', /unknown key `severity` in maturity category sample; expected one of: id, evidence, explanation/]
    ],
    [
      'CEL type error',
      categoryText('    - id: a\n      evidence: model\n      explanation: x\n      condition: model.ownr != ""'),
      [9, 'maturity/cel-type', /`condition` of check sample\.a does not type-check/]
    ],
    [
      'non-bool condition',
      categoryText('    - id: a\n      evidence: model\n      explanation: x\n      condition: model.owner'),
      [9, 'maturity/cel-type', /must be a bool expression, but it is string/]
    ],
    [
      'CEL syntax',
      categoryText('    - id: a\n      evidence: model\n      explanation: x\n      condition: "model.owner == "'),
      [9, 'maturity/cel-syntax', /is not valid CEL/]
    ],
    [
      'threshold missing from the explanation',
      categoryText(
        '    - id: a\n      evidence: model\n      explanation: x\n      measure: "1"\n      unit: percent\n      threshold: { name: t, default: 5 }'
      ),
      [8, 'maturity/schema/invalid', /names it in its explanation as \{threshold\}/]
    ],
    [
      'measure without unit',
      categoryText('    - id: a\n      evidence: model\n      explanation: x\n      condition: "true"\n      measure: "1"'),
      [6, 'maturity/schema/invalid', /needs a `unit`/]
    ],
    [
      'neither condition nor threshold',
      categoryText('    - id: a\n      evidence: model\n      explanation: x'),
      [6, 'maturity/schema/invalid', /needs a `condition`, a `measure` with a `threshold` it must reach, or a `scope`/]
    ],
    [
      'two-line explanation',
      categoryText('    - id: a\n      evidence: model\n      explanation: "x\\ny"\n      condition: "true"'),
      [8, 'maturity/schema/invalid', /one line/]
    ],
    [
      'run check without needs',
      categoryText('    - id: a\n      evidence: run\n      explanation: x\n      condition: context.run.commentPosted'),
      [6, 'maturity/schema/invalid', /names what it `needs` observed/]
    ],
    [
      'proportion without a threshold',
      categoryText(
        '    - id: a\n      evidence: model\n      explanation: x\n      scope: index.threats.map(t, t.id)\n      offenders: "[]"'
      ),
      [9, 'maturity/schema/invalid', /needs `offenders` and a percent `threshold`/]
    ],
    [
      'checks on a level the seed does not define',
      'id: sample\ntitle: Sample\nseed: { 1: null, 2: the seed asks for something here, 3: null, 4: null }\nlevels:\n  1:\n    - { id: a, evidence: model, explanation: x, condition: "true" }\n  2:\n    - { id: b, evidence: model, explanation: x, condition: "true" }\n',
      [6, 'maturity/schema/invalid', /the seed does not define level 1 of this category, so it has no checks/]
    ],
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
    const seed = 'seed: { 1: the seed asks for one thing, 2: the seed asks for another, 3: and a third, 4: and a fourth }\n'
    const text = `id: sample\ntitle: Sample\n${seed}levels:\n  1:\n    - { id: a, evidence: model, explanation: x, condition: "true" }\n  2: []\n  3:\n    - { id: b, evidence: model, explanation: y, condition: "true" }\n  4: []\n`
    expect(loadMaturityChecks([{ path: 'rules/maturity/sample.yaml', text }]).problems.map((p) => [p.line, p.message])).toEqual([
      [9, 'level 3 can never be reached: level 2 has no checks, which ends the category there in maturity category sample']
    ])
  })

  test('duplicate categories and conflicting thresholds are reported', () => {
    const check = (id: string, def: number): string =>
      `    - { id: ${id}, evidence: model, explanation: "x {threshold}", measure: "1", unit: percent, threshold: { name: shared, default: ${def} } }`
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
  const text = categoryText(
    '    - id: dated\n      evidence: model\n      explanation: the title is a date in the past\n      condition: daysSince(model.title) > 0'
  )
  const { checkSet, problems } = loadMaturityChecks([{ path: 'rules/maturity/sample.yaml', text }])
  expect(problems).toEqual([])
  const report = assessMaturity(
    loadValue({ threatloop: 1, model: { id: 'm', title: 'Not a date' } }),
    {},
    { today: TODAY, checks: checkSet }
  )
  const [sample] = report.categories
  expect(sample.level).toBe(null)
  expect(sample.failing[0]).toMatchObject({ id: 'sample.dated', passed: false, error: expect.stringContaining('daysSince expects a date') })
  expect(sample.nextStep?.text).toMatch(
    /^to reach level 1: the title is a date in the past \(could not be evaluated: .*daysSince expects a date/
  )
  expect(report.problems).toMatchObject([
    {
      file: 'rules/maturity/sample.yaml',
      line: 6,
      code: 'maturity/evaluation-error',
      message: expect.stringContaining('`condition` of check sample.dated failed on fixture.threatmodel.yaml')
    }
  ])
})

test('an `assessed_when` that fails at run time leaves the category not assessed and is reported at its line', () => {
  const text =
    'id: sample\ntitle: Sample\nassessed_when: daysSince(model.title) > 0\nnot_assessed: no date in the title\nseed: { 1: the seed asks for something here, 2: null, 3: null, 4: null }\nlevels:\n  1:\n    - { id: a, evidence: model, explanation: x, condition: "true" }\n'
  const { checkSet, problems } = loadMaturityChecks([{ path: 'rules/maturity/sample.yaml', text }])
  expect(problems).toEqual([])
  const report = assessMaturity(
    loadValue({ threatloop: 1, model: { id: 'm', title: 'Not a date' } }),
    {},
    { today: TODAY, checks: checkSet }
  )
  expect(report.categories[0]).toMatchObject({
    assessed: false,
    level: null,
    notAssessedReason: 'no date in the title',
    passing: [],
    failing: []
  })
  expect(report.problems).toMatchObject([{ file: 'rules/maturity/sample.yaml', line: 3, code: 'maturity/evaluation-error' }])
})
