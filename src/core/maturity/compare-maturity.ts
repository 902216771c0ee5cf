import { describeProgress, type CategoryAssessment, type CheckResult, type MaturityReport } from './assess-maturity.js'

export type MaturityMove = 'up' | 'down' | 'same'

/** One side of a category: the seed's level (null when no level is evidenced) and its name. */
export interface MaturitySide {
  level: number | null
  levelName: string | null
  assessed: boolean
}

/** Practice evidence the base had and the head lost: a check, and the elements that existed at base and lost it. */
export interface LostEvidence {
  check: string
  /** Elements present at base that no longer meet the check (empty for a check about the model as a whole). */
  elements: string[]
}

/** One category's level at base and head, and why it moved. */
export interface CategoryMove {
  id: string
  title: string
  /** Undefined when the base has no such model or category. */
  base?: MaturitySide
  head: MaturitySide
  move: MaturityMove
  /** Why the level moved, e.g. `no longer passes: every component names its owner (not yet: cache)`. */
  reason?: string
  /** The check that flipped (its head result), when one explains the move. */
  flipped?: CheckResult
  /**
   * Going down: the practice evidence (model or configuration, never run evidence) that was there at
   * base and is gone at head. Empty when the level fell only because new elements are not covered yet.
   */
  lostEvidence?: LostEvidence[]
}

export interface MaturityComparison {
  modelId: string
  categories: CategoryMove[]
  /** Only the categories whose level moved, in report order. */
  moved: CategoryMove[]
  /** Some category went down because practice evidence was lost: the `maturity-regression` gate condition. */
  regressed: boolean
}

export interface CompareOptions {
  /** Whether an element id existed in the base model; new elements that are not yet covered are not lost evidence. */
  existedAtBase?: (id: string) => boolean
}

/** Rank of a side for comparison: no level evidenced (or not assessed) ranks below level 1. */
function rank(category: CategoryAssessment): number {
  return category.assessed && category.level !== null ? category.level : 0
}

function side(category: CategoryAssessment): MaturitySide {
  return {
    level: category.assessed ? category.level : null,
    levelName: category.assessed ? category.levelName : null,
    assessed: category.assessed
  }
}

/**
 * Compares the maturity of a model at base and head. A category that is not assessed, or has no
 * level evidenced, ranks below level 1; a model or category that is new at head has no base and
 * does not move.
 */
export function compareMaturity(base: MaturityReport | undefined, head: MaturityReport, options: CompareOptions = {}): MaturityComparison {
  const baseById = new Map((base?.categories ?? []).map((c) => [c.id, c]))
  const categories = head.categories.map((after) => compareCategory(baseById.get(after.id), after, options))
  const moved = categories.filter((c) => c.move !== 'same')
  return { modelId: head.modelId, categories, moved, regressed: moved.some((c) => c.move === 'down' && (c.lostEvidence?.length ?? 0) > 0) }
}

function compareCategory(before: CategoryAssessment | undefined, after: CategoryAssessment, options: CompareOptions): CategoryMove {
  const result: CategoryMove = { id: after.id, title: after.title, head: side(after), move: 'same' }
  if (!before) return result
  result.base = side(before)
  const from = rank(before)
  const to = rank(after)
  if (from === to) return result
  result.move = to > from ? 'up' : 'down'
  if (before.assessed && !after.assessed) {
    result.reason = `no longer assessed: ${after.notAssessedReason ?? 'the evidence is gone'}`
    result.lostEvidence = after.notAssessedReason?.startsWith('not observable here')
      ? []
      : [{ check: `${after.id} (assessed)`, elements: [] }]
    return result
  }
  if (!before.assessed && after.assessed) {
    result.reason = 'now assessed'
    return result
  }
  const beforeResults = new Map([...before.passing, ...before.failing, ...before.notObservable].map((r) => [r.id, r]))
  if (result.move === 'down') result.lostEvidence = lostEvidence(beforeResults, after, from, options)
  // Going down, some check head fails passed at base; going up, some check head passes failed at base.
  const candidates = (result.move === 'down' ? after.failing : after.passing).filter((r) => r.level <= Math.max(from, to) + 1)
  const flipped = candidates.find((r) => beforeResults.get(r.id)?.passed === (result.move === 'down'))
  if (flipped) {
    result.flipped = flipped
    result.reason = result.move === 'down' ? `no longer passes: ${describeProgress(flipped)}` : `now passes: ${flipped.explanation}`
  }
  return result
}

/** Checks of the levels the base reached whose evidence existing elements (or the model) lost at head. */
function lostEvidence(
  beforeResults: ReadonlyMap<string, CheckResult>,
  after: CategoryAssessment,
  baseLevel: number,
  options: CompareOptions
): LostEvidence[] {
  const existed = options.existedAtBase ?? (() => true)
  const lost: LostEvidence[] = []
  for (const now of after.failing) {
    if (now.evidence === 'run' || now.level > baseLevel) continue
    const then = beforeResults.get(now.id)
    if (!then || then.status === 'not-observable') continue
    const previous = new Set(then.offenders ?? [])
    const elements = (now.offenders ?? []).filter((id) => !previous.has(id) && existed(id))
    if (elements.length > 0) lost.push({ check: now.id, elements })
    else if (then.passed && (now.offenders ?? []).length === 0 && now.measure?.unit !== 'percent')
      lost.push({ check: now.id, elements: [] })
  }
  return lost
}
