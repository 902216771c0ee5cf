import { SEVERITY_RANK } from '../../core/findings.js'
import type { Severity } from '../../core/model/schema.js'
import type { Review } from '../../core/review/types.js'

export type AnnotationLevel = 'error' | 'warning' | 'notice'

/** One annotation on a model line. */
export interface Annotation {
  level: AnnotationLevel
  title: string
  message: string
  file: string
  startLine: number
  startColumn?: number
}

/** GitHub shows at most 10 annotations of each level per step (and 50 per job). */
export const ANNOTATIONS_PER_LEVEL = 10

const LEVEL_OF: Record<Severity, AnnotationLevel> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice', info: 'notice' }

/**
 * The annotations of a review, most severe first, capped per level; one notice (taking the last
 * notice slot) says how many were dropped and where the rest is. Annotations need no token, so
 * they work on fork pull requests too.
 */
export function planAnnotations(review: Review): { annotations: Annotation[]; dropped: number } {
  const candidates: (Annotation & { rank: number })[] = []
  for (const model of review.models) {
    for (const problem of model.head?.problems ?? []) {
      candidates.push({
        level: problem.severity === 'error' ? 'error' : 'warning',
        title: `Threatloop: ${problem.code}`,
        message: problem.message,
        file: problem.file,
        startLine: Math.max(1, problem.line),
        startColumn: Math.max(1, problem.column),
        rank: problem.severity === 'error' ? 10 : 2
      })
    }
    for (const finding of model.findings?.new ?? []) {
      candidates.push({
        level: LEVEL_OF[finding.severity],
        title: `Threatloop ${finding.severity}: ${finding.title}`,
        message: finding.message,
        file: finding.file,
        startLine: Math.max(1, finding.position.line),
        startColumn: Math.max(1, finding.position.column),
        rank: SEVERITY_RANK[finding.severity]
      })
    }
  }
  for (const problem of review.problems) {
    if (problem.severity !== 'error') continue
    candidates.push({ level: 'error', title: `Threatloop: ${problem.code}`, message: problem.message, file: problem.file, startLine: Math.max(1, problem.line), startColumn: Math.max(1, problem.column), rank: 10 })
  }
  candidates.sort((a, b) => b.rank - a.rank || a.file.localeCompare(b.file) || a.startLine - b.startLine)
  const used: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 }
  const kept: Annotation[] = []
  let dropped = 0
  for (const { rank: _rank, ...annotation } of candidates) {
    if (used[annotation.level] < ANNOTATIONS_PER_LEVEL) {
      used[annotation.level]++
      kept.push(annotation)
    } else dropped++
  }
  if (dropped > 0) {
    // The summary must be visible: make room in the notice level if it is full.
    if (used.notice === ANNOTATIONS_PER_LEVEL) {
      const last = kept.map((a) => a.level).lastIndexOf('notice')
      kept.splice(last, 1)
      dropped++
    }
    const firstFile = kept[0]?.file ?? candidates[0].file
    kept.push({
      level: 'notice',
      title: 'Threatloop: more findings',
      message: `${dropped} more finding${dropped === 1 ? '' : 's'} and problem${dropped === 1 ? '' : 's'} were not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level); the job summary, the SARIF file and the JSON report list them all.`,
      file: firstFile,
      startLine: 1
    })
  }
  return { annotations: kept, dropped }
}
