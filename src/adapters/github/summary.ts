import { renderReviewMarkdown } from '../../core/render/review-markdown.js'
import type { Review } from '../../core/review/types.js'

/** GitHub rejects a step summary over 1 MiB (the upload fails with an error annotation). */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024

/**
 * The job summary: the full review plus this run's section, kept under the byte limit (the
 * renderer's budget counts characters, so the budget shrinks until the UTF-8 size fits).
 */
export function summaryWithinLimit(review: Review, runSection: string, limit = SUMMARY_LIMIT_BYTES): string {
  const room = limit - Buffer.byteLength(runSection) - 1024
  let budget = Math.min(900_000, room)
  for (;;) {
    const body = renderReviewMarkdown(review, { audience: 'summary', maxLength: budget, fullReportHint: 'The JSON report has everything.' })
    if (Buffer.byteLength(body) <= room || budget < 2_000) return body + runSection
    budget = Math.floor(budget / 2)
  }
}
