import { SEVERITY_RANK, type Finding } from '../../core/findings.js'
import type { Severity } from '../../core/model/schema.js'
import { VALIDATION_RULE_ID } from '../review/report-findings.js'
import type { Annotation } from './platform.js'

/** GitHub shows at most 10 annotations of each level per step (and 50 per job). */
export const ANNOTATIONS_PER_LEVEL = 10

const LEVEL_OF: Record<Severity, Annotation['level']> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: 'notice'
}

/**
 * The annotations of the selected findings (the report selector's `new` scope: new findings and
 * validation problems), most severe first, capped per level; one notice (taking the last notice
 * slot) says how many were dropped and where the rest is. Annotations need no token, so they
 * work on fork pull requests too.
 */
export function planAnnotations(findings: readonly Finding[]): { annotations: Annotation[]; dropped: number } {
  const candidates: (Annotation & { rank: number })[] = findings.map((finding) => {
    const validation = finding.ruleId === VALIDATION_RULE_ID
    return {
      // A validation problem is an error or a warning, whatever its report severity.
      level: validation ? (finding.severity === 'high' ? 'error' : 'warning') : LEVEL_OF[finding.severity],
      title: validation ? `Threatloop: ${finding.elementIds[2] ?? finding.title}` : `Threatloop ${finding.severity}: ${finding.title}`,
      message: finding.message,
      file: finding.file,
      startLine: Math.max(1, finding.position.line),
      startColumn: Math.max(1, finding.position.column),
      rank: validation ? (finding.severity === 'high' ? 10 : 2) : SEVERITY_RANK[finding.severity]
    }
  })
  candidates.sort((a, b) => b.rank - a.rank || a.file.localeCompare(b.file) || a.startLine - b.startLine)
  const used: Record<Annotation['level'], number> = { error: 0, warning: 0, notice: 0 }
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
