import type { Severity } from '../model/schema.js'

/** What a report needs to know about a rule: the text and metadata behind every finding of it. */
export interface RuleDescriptor {
  id: string
  /** One-line title, e.g. "Unencrypted flow carries confidential data". */
  title: string
  /** Default severity of the rule's findings (a finding may carry a configured override). */
  severity: Severity
  /** What the rule checks and why it matters, as plain text. */
  description: string
  /** Full help (rationale, remediation, false positives) as Markdown. */
  helpMarkdown: string
  /** The same help as plain text, for consumers that do not render Markdown. */
  helpText: string
  /** CWE ids such as `CWE-319`. */
  cwe?: string[]
  /** STRIDE (or LINDDUN) category, or the rule family. */
  category?: string
  tags?: string[]
}

/**
 * GitHub's numeric `security-severity` per severity. GitHub buckets the number into
 * low (< 4.0), medium (< 7.0), high (< 9.0) and critical (≥ 9.0); each value sits inside the band
 * of its own name, away from the edges, so the bucket GitHub shows always matches ours.
 * `info` has no GitHub band of its own and lands in "low".
 */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0'
}

/** SARIF result level per severity: error for high and critical, warning for medium, note below. */
export const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note'
}
