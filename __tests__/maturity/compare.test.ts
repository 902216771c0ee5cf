import { expect, test } from '@jest/globals'
import { compareMaturity } from '../../src/core/maturity/compare-maturity.js'
import type { MaturityContext } from '../../src/core/maturity/maturity-context.js'
import { assess, byId, FULL_CONTEXT, matureModel } from './maturity-fixtures.js'

function move(comparison: ReturnType<typeof compareMaturity>, id: string): ReturnType<typeof compareMaturity>['categories'][number] {
  const found = comparison.categories.find((c) => c.id === id)
  if (!found) throw new Error(`no category ${id}`)
  return found
}

test('an unchanged model moves nowhere and does not regress', () => {
  const comparison = compareMaturity(assess(matureModel()), assess(matureModel()))
  expect(comparison.modelId).toBe('shop')
  expect(comparison.moved).toEqual([])
  expect(comparison.regressed).toBe(false)
  expect(comparison.categories).toHaveLength(15)
  expect(comparison.categories.every((c) => c.move === 'same' && c.base?.level === c.head.level)).toBe(true)
})

test('a head that loses evidence regresses, naming the check that flipped', () => {
  const head = matureModel()
  delete byId(head.components, 'api').owner
  head.model.reviewed = '2025-06-01'
  const comparison = compareMaturity(assess(matureModel()), assess(head))
  expect(comparison.regressed).toBe(true)
  expect(comparison.moved.map((c) => [c.id, c.base?.level, c.head.level, c.move, c.reason])).toEqual([
    ['inventory', 4, 0, 'down', 'no longer passes: every component of ours (not users or external entities) names its owner (now 75 %; not yet: api)'],
    ['root-cause-analysis', 4, 2, 'down', 'no longer passes: the model was reviewed on or after the date of every incident (not yet: INC-1)'],
    ['risk-management', 4, 2, 'down', 'no longer passes: the model was reviewed in the last 180 days (now 228 days)']
  ])
  expect(move(comparison, 'inventory').flipped?.id).toBe('inventory.component-owners')
})

test('a head that adds evidence moves up with the check that now passes, and does not regress', () => {
  const base = matureModel()
  byId(base.mitigations, 'M-2').type = 'preventive'
  delete byId(base.mitigations, 'M-2').detects
  const comparison = compareMaturity(assess(base), assess(matureModel()))
  expect(comparison.regressed).toBe(false)
  expect(comparison.moved.map((c) => [c.id, c.base?.level, c.head.level, c.move, c.reason])).toEqual([
    [
      'mitigation-categorization',
      2,
      4,
      'up',
      'now passes: every high threat has mitigations of two or more types, one of them detective or corrective'
    ],
    ['monitoring', 0, 4, 'up', 'now passes: at least one detective mitigation is modelled']
  ])
})

test('a context change (push instead of pull request) moves the CI category', () => {
  const pushContext: MaturityContext = { ...FULL_CONTEXT, event: 'push' }
  const comparison = compareMaturity(assess(matureModel()), assess(matureModel(), pushContext))
  expect(comparison.moved.map((c) => [c.id, c.move, c.reason])).toEqual([
    ['static-analysis', 'down', 'no longer passes: the review runs in CI on pull or merge requests and feeds back (comment or issues)']
  ])
})

test('losing the evidence that makes a category observable is a move down; gaining it a move up', () => {
  const blind = matureModel()
  delete blind.model.intelligence_sources
  const lost = move(compareMaturity(assess(matureModel()), assess(blind)), 'osint')
  expect(lost).toMatchObject({ base: { level: 1, assessed: true }, head: { level: 0, assessed: false }, move: 'down' })
  expect(lost.reason).toMatch(/^no longer assessed: the model lists no intelligence sources/)
  const gained = move(compareMaturity(assess(blind), assess(matureModel())), 'osint')
  expect(gained).toMatchObject({ base: { level: 0, assessed: false }, head: { level: 1, assessed: true }, move: 'up', reason: 'now assessed' })
})

test('a model new at head has no base and never regresses', () => {
  const comparison = compareMaturity(undefined, assess({ threatloop: 1, model: { id: 'fresh', title: 'Fresh' } }, {}))
  expect(comparison.regressed).toBe(false)
  expect(comparison.moved).toEqual([])
  expect(comparison.categories.every((c) => c.base === undefined && c.move === 'same')).toBe(true)
})
