import type { Review } from '../../core/review/types.js'

/**
 * Nothing for a pull/merge request to hear: the change touched no model file and no code a model
 * maps, and the review found nothing else. The platforms then read and write no comment (an
 * earlier one stays as it was), so a change outside the threat models costs almost no requests.
 * False when the changed files are unknown.
 */
export function nothingToSay(review: Review, changedFiles: readonly string[] | undefined): boolean {
  if (!changedFiles) return false
  const changed = new Set(changedFiles)
  const modelFiles = review.models.flatMap((m) => [m.base?.file, m.head?.file]).filter((f): f is string => f !== undefined)
  return (
    review.models.every((m) => m.status === 'unchanged') &&
    !modelFiles.some((f) => changed.has(f)) &&
    review.codeDrift.length === 0 &&
    review.problems.length === 0 &&
    review.gate.status === 'pass' &&
    review.totals.findings.new === 0 &&
    review.totals.findings.fixed === 0
  )
}
