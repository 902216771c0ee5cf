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
 * A rule the review computes itself rather than from a rule file (code drift, priorities against
 * value): what its generated page docs/rules/<id>.md says besides the descriptor.
 */
export interface ReviewRulePage {
  rule: RuleDescriptor
  /** Repository path of the module that defines the rule. */
  source: string
  /** What a finding sits on, e.g. "component". */
  appliesTo: string
  /** Markdown: the model fields and settings that drive the check. */
  configuration: string
  /** Whether a model's `suppressions:` entries silence its findings (`suppression-rule-not-suppressible` otherwise). */
  suppressible: boolean
  /** Markdown: how to silence a finding that was reviewed. */
  suppression: string
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

/** The parts of a rule file a descriptor is written from (see src/core/rules/rule-schema.ts). */
export interface DescribableRule {
  rule: {
    id: string
    title: string
    category?: string
    cwe?: string[]
    tags?: string[]
    rationale: string
    remediation: string
    false_positives: string
    docs?: string
  }
  /** Effective severity, after any `rules.severity` override from the configuration. */
  severity: Severity
}

/** Builds the report descriptor of a rule from its rule file: help is rationale, remediation, false positives and docs. */
export function describeRule({ rule, severity }: DescribableRule): RuleDescriptor {
  const sections: [string, string | undefined][] = [
    ['Why it matters', rule.rationale],
    ['How to fix', rule.remediation],
    ['False positives', rule.false_positives],
    ['More', rule.docs]
  ]
  const present = sections.filter((section): section is [string, string] => section[1] !== undefined && section[1].trim() !== '')
  const references = (rule.cwe ?? []).map((cwe) => ({
    cwe,
    url: `https://cwe.mitre.org/data/definitions/${cwe.replace(/^CWE-/, '')}.html`
  }))
  const markdown = present.map(([heading, text]) => `## ${heading}\n\n${text.trim()}`)
  const plain = present.map(([heading, text]) => `${heading}: ${text.trim()}`)
  if (references.length > 0) {
    markdown.push(`## References\n\n${references.map((r) => `- [${r.cwe}](${r.url})`).join('\n')}`)
    plain.push(`References: ${references.map((r) => `${r.cwe} ${r.url}`).join(', ')}`)
  }
  const descriptor: RuleDescriptor = {
    id: rule.id,
    title: rule.title,
    severity,
    description: rule.rationale.trim(),
    helpMarkdown: markdown.join('\n\n'),
    helpText: plain.join('\n\n')
  }
  if (rule.cwe !== undefined && rule.cwe.length > 0) descriptor.cwe = [...rule.cwe]
  if (rule.category !== undefined) descriptor.category = rule.category
  if (rule.tags !== undefined && rule.tags.length > 0) descriptor.tags = [...rule.tags]
  return descriptor
}
