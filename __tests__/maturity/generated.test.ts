import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@jest/globals'
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
  const expected = renderMaturityChecksModule(files)
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
