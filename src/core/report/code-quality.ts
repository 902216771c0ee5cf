import type { Finding } from '../findings.js'
import type { Severity } from '../model/schema.js'
import { findingFingerprint, repositoryPath } from './fingerprint.js'

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker'

/** One entry of a GitLab Code Quality report (`artifacts:reports:codequality`). */
export interface CodeQualityIssue {
  description: string
  check_name: string
  fingerprint: string
  severity: CodeQualitySeverity
  location: { path: string; lines: { begin: number } }
  type: 'issue'
  categories: string[]
  engine_name: string
}

/** GitLab's five levels per severity; one step per level, so the ordering is preserved. */
export const CODE_QUALITY_SEVERITY: Record<Severity, CodeQualitySeverity> = {
  info: 'info',
  low: 'minor',
  medium: 'major',
  high: 'critical',
  critical: 'blocker'
}

/** Renders findings as a GitLab Code Quality report: a JSON array, one issue per finding. */
export function renderCodeQuality(findings: readonly Finding[]): CodeQualityIssue[] {
  return [...findings]
    .sort(
      (a, b) =>
        compareText(repositoryPath(a.file), repositoryPath(b.file)) ||
        a.position.line - b.position.line ||
        compareText(a.modelId, b.modelId) ||
        compareText(a.id, b.id)
    )
    .map((finding) => ({
      description: finding.message,
      check_name: finding.ruleId,
      // 32 hex digits (128 bits), the length GitLab's own examples use; GitLab collapses equal
      // fingerprints, so the file's path is part of it (two files may share a model id).
      fingerprint: findingFingerprint(finding).slice(0, 32),
      severity: CODE_QUALITY_SEVERITY[finding.severity],
      // GitLab matches the path literally against the repository tree, so it is not URI-escaped.
      location: { path: repositoryPath(finding.file), lines: { begin: Math.max(1, finding.position.line) } },
      type: 'issue',
      categories: ['Security'],
      engine_name: 'threatloop'
    }))
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
