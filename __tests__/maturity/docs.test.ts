import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@jest/globals'
import { embeddedMaturityChecks } from '../../src/core/maturity/assess-maturity.js'
import { MATURITY_TABLE_END, MATURITY_TABLE_START, renderMaturityTable } from '../../src/core/maturity/maturity-docs.js'

const DOC = join(process.cwd(), 'docs/maturity.md')

test('docs/maturity.md carries the mapping table of the shipped checks (regenerate with UPDATE_MATURITY=1)', () => {
  const text = readFileSync(DOC, 'utf8')
  const start = text.indexOf(MATURITY_TABLE_START)
  const end = text.indexOf(MATURITY_TABLE_END)
  expect(start).toBeGreaterThan(0)
  expect(end).toBeGreaterThan(start)
  const table = renderMaturityTable(embeddedMaturityChecks())
  const expected = `${text.slice(0, start + MATURITY_TABLE_START.length)}\n\n${table}\n\n${text.slice(end)}`
  if (process.env.UPDATE_MATURITY === '1') writeFileSync(DOC, expected)
  else if (expected !== text)
    throw new Error('docs/maturity.md is stale: regenerate it with UPDATE_MATURITY=1 npm test -- __tests__/maturity')
})

test('the table has a row for every level of every category, and every check', () => {
  const checkSet = embeddedMaturityChecks()
  const table = renderMaturityTable(checkSet)
  const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| category') && !line.startsWith('|---'))
  const checks = checkSet.categories.flatMap((c) => c.levels.flat())
  const empty = checkSet.categories.flatMap((c) => c.levels.filter((l, i) => l.length === 0 || c.seed[i] === null))
  expect(rows).toHaveLength(checks.length + empty.length)
  for (const check of checks) expect(table).toContain(`\`${check.category}.${check.id}\``)
  expect(table.match(/not defined by the seed: not scored/g)).toHaveLength(6)
})
