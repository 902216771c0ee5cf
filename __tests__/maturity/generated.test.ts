import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@jest/globals'
import { embeddedMaturityChecks } from '../../src/core/maturity/assess-maturity.js'
import { formatProblem } from '../../src/core/problems.js'
import {
  MATURITY_CHECKS_FOLDER,
  REGENERATE_MATURITY_COMMAND,
  renderMaturityChecksModule
} from '../../src/core/maturity/maturity-checks-module.js'

const ROOT = process.cwd()
const GENERATED = 'src/core/maturity/maturity-checks.generated.ts'

test('the embedded maturity checks match rules/maturity (regenerate with UPDATE_MATURITY=1)', () => {
  const files = readdirSync(join(ROOT, MATURITY_CHECKS_FOLDER))
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => ({ path: `${MATURITY_CHECKS_FOLDER}/${name}`, text: readFileSync(join(ROOT, MATURITY_CHECKS_FOLDER, name), 'utf8') }))
  const { module: expected, problems } = renderMaturityChecksModule(files)
  expect(problems.map(formatProblem)).toEqual([])
  const generatedPath = join(ROOT, GENERATED)
  if (process.env.UPDATE_MATURITY === '1') writeFileSync(generatedPath, expected)
  const actual = readFileSync(generatedPath, 'utf8')
  if (actual !== expected) {
    throw new Error(
      `${GENERATED} is stale: it does not match ${MATURITY_CHECKS_FOLDER}/. Regenerate it with:\n  ${REGENERATE_MATURITY_COMMAND}`
    )
  }
  expect(files.length).toBe(15)
})

test('the embedded maturity checks compile when they run (their expressions compile on first use)', () => {
  const { categories } = embeddedMaturityChecks()
  const expressions = categories.flatMap((category) => [
    { id: `${category.id} assessed_when`, expression: category.assessedWhen },
    ...category.levels.flat().flatMap((check) =>
      (['condition', 'measure', 'scope', 'offenders'] as const).map((key) => ({
        id: `${category.id}.${check.id} ${key}`,
        expression: check[key]
      }))
    )
  ])
  const present = expressions.filter((e) => e.expression !== undefined)
  expect(present.length).toBeGreaterThan(50)
  expect(present.filter((e) => !e.expression!.check().valid).map((e) => e.id)).toEqual([])
})
