import { describeProgress, type CategoryAssessment, type CheckResult, type MaturityReport } from './assess-maturity.js'

export type MaturityMove = 'up' | 'down' | 'same'

/** One category's level at base and head, and why it moved. */
export interface CategoryMove {
  id: string
  title: string
  /** Undefined when the base has no such model or category. */
  base?: { level: number; assessed: boolean }
  head: { level: number; assessed: boolean }
  move: MaturityMove
  /** Why the level moved, e.g. `no longer passes: every component names its owner (not yet: cache)`. */
  reason?: string
  /** The check that flipped (its head result), when one explains the move. */
  flipped?: CheckResult
}

export interface MaturityComparison {
  modelId: string
  categories: CategoryMove[]
  /** Only the categories whose level moved, in report order. */
  moved: CategoryMove[]
  /** Some category went down: the `maturity-regression` gate condition. */
  regressed: boolean
}

/**
 * Compares the maturity of a model at base and head. A category that is not assessed counts as
 * level 0, so losing the evidence that made it assessable is a move down; a model or category
 * that is new at head has no base and does not move.
 */
export function compareMaturity(base: MaturityReport | undefined, head: MaturityReport): MaturityComparison {
  const baseById = new Map((base?.categories ?? []).map((c) => [c.id, c]))
  const categories = head.categories.map((after) => compareCategory(baseById.get(after.id), after))
  const moved = categories.filter((c) => c.move !== 'same')
  return { modelId: head.modelId, categories, moved, regressed: moved.some((c) => c.move === 'down') }
}

function compareCategory(before: CategoryAssessment | undefined, after: CategoryAssessment): CategoryMove {
  const result: CategoryMove = { id: after.id, title: after.title, head: { level: after.level, assessed: after.assessed }, move: 'same' }
  if (!before) return result
  result.base = { level: before.level, assessed: before.assessed }
  if (after.level === before.level) return result
  result.move = after.level > before.level ? 'up' : 'down'
  if (before.assessed && !after.assessed) {
    result.reason = `no longer assessed: ${after.notAssessedReason ?? 'the evidence is gone'}`
    return result
  }
  if (!before.assessed && after.assessed) {
    result.reason = 'now assessed'
    return result
  }
  // Going down, some check of the first level head lost passed at base; going up, some check of
  // the first level head gained failed at base.
  const level = Math.min(before.level, after.level) + 1
  const beforeResults = new Map([...before.passing, ...before.failing].map((r) => [r.id, r]))
  const candidates = (result.move === 'down' ? after.failing : after.passing).filter((r) => r.level === level)
  const flipped = candidates.find((r) => beforeResults.get(r.id)?.passed === (result.move === 'down'))
  if (flipped) {
    result.flipped = flipped
    result.reason = result.move === 'down' ? `no longer passes: ${describeProgress(flipped)}` : `now passes: ${flipped.explanation}`
  }
  return result
}
