// The documentation of the built-in rules and of the review-level rules (REVIEW_RULE_PAGES, src/core/rules/review-rules.ts): what
// the review links from each finding and next step, and the generator of docs/rules/<rule-id>.md (written by `npm run generate`, checked fresh by
// __tests__/render/rule-docs.test.ts).
import { dump, load } from 'js-yaml'
import type { ReviewRulePage } from '../report/rule-descriptor.js'
import { BUILTIN_RULES } from '../rules/builtin-rules.generated.js'
import { REVIEW_RULE_PAGES } from '../rules/review-rules.js'

/** Where Threatloop's own documentation lives; pages are linked at the major version's tag. */
export const DOCS_BASE_URL = 'https://github.com/threatloop/threatloop/blob/v1/docs'

/** The parts of a built-in rule file the documentation shows. */
export interface RuleDoc {
  id: string
  title: string
  /** `rules/builtin/<group>/<id>.yaml`. */
  path: string
  group: string
  severity?: string
  likelihood?: string
  impact?: string
  category?: string
  cwe: string[]
  appliesTo: string
  rationale: string
  remediation: string
  falsePositives: string
  details?: string
  examples: { reject: unknown[]; accept: unknown[] }
}

let remediations: Map<string, string> | undefined

// The rules the review computes itself (no rule file) each have a generated page like the built-in rules.
const REVIEW_RULE_IDS: ReadonlySet<string> = new Set(REVIEW_RULE_PAGES.map((page) => page.rule.id))

/** The remediation of every built-in rule, by id (from the embedded rules; nothing is parsed). */
function builtinRemediations(): ReadonlyMap<string, string> {
  remediations ??= new Map(BUILTIN_RULES.map((r) => [r.rule.id, r.rule.remediation]))
  return remediations
}

/** Every page of docs/rules (one per rule, and README.md), by file name, from the rule files' texts. */
export function renderRuleDocPages(files: readonly { path: string; text: string }[]): Map<string, string> {
  const docs = [...ruleDocs(files).values()]
  const pages = new Map(docs.map((rule) => [`${rule.id}.md`, renderRuleDoc(rule)]))
  for (const page of REVIEW_RULE_PAGES) pages.set(`${page.rule.id}.md`, renderReviewRuleDoc(page))
  pages.set('README.md', renderRuleIndex(docs, REVIEW_RULE_PAGES))
  return pages
}

/** The documentation of the given rule files, by rule id (files that do not parse are left out). */
export function ruleDocs(files: readonly { path: string; text: string }[]): Map<string, RuleDoc> {
  const docs = new Map<string, RuleDoc>()
  for (const file of files) {
    let raw: Record<string, unknown>
    try {
      raw = load(file.text) as Record<string, unknown>
    } catch {
      continue
    }
    if (!raw || typeof raw.id !== 'string') continue
    const text = (key: string): string => (typeof raw[key] === 'string' ? raw[key].trim() : '')
    const examples = (raw.examples ?? {}) as { reject?: unknown[]; accept?: unknown[] }
    docs.set(raw.id, {
      id: raw.id,
      title: text('title'),
      path: file.path,
      group: file.path.split('/').slice(-2, -1)[0] ?? '',
      severity: text('severity') || undefined,
      likelihood: text('likelihood') || undefined,
      impact: text('impact') || undefined,
      category: text('category') || undefined,
      cwe: Array.isArray(raw.cwe) ? raw.cwe.map(String) : [],
      appliesTo: text('applies_to'),
      rationale: text('rationale'),
      remediation: text('remediation'),
      falsePositives: text('false_positives'),
      details: text('docs') || undefined,
      examples: { reject: examples.reject ?? [], accept: examples.accept ?? [] }
    })
  }
  return docs
}

/** The documentation page of a built-in or review-level rule; undefined for custom rules (they have none of ours). */
export function ruleDocsUrl(ruleId: string, base = DOCS_BASE_URL): string | undefined {
  return builtinRemediations().has(ruleId) || REVIEW_RULE_IDS.has(ruleId) ? `${base}/rules/${ruleId}.md` : undefined
}

/** The first sentence of a rule's remediation: the next step a finding suggests. */
export function remediationStep(ruleId: string): string | undefined {
  const text = builtinRemediations().get(ruleId)
  if (!text) return undefined
  const one = text.replace(/\s+/g, ' ')
  const match = /^(.+?[.;])(\s|$)/.exec(one)
  return (match ? match[1] : one).replace(/;$/, '.')
}

function exampleYaml(example: unknown): string {
  const text = typeof example === 'string' ? example : dump(example, { lineWidth: 120, flowLevel: 3 })
  return text.trimEnd()
}

/** One rule's documentation page (docs/rules/<id>.md). */
export function renderRuleDoc(rule: RuleDoc): string {
  const rating = rule.severity
    ? `severity **${rule.severity}**`
    : `likelihood **${rule.likelihood ?? '?'}**, impact **${rule.impact ?? '?'}**`
  const facts = [
    rating,
    `applies to ${rule.appliesTo || 'the model'}`,
    rule.category ? `STRIDE category ${rule.category}` : '',
    rule.cwe.length > 0 ? rule.cwe.join(', ') : ''
  ].filter(Boolean)
  const out = [
    `<!-- Generated from ${rule.path} by npm run generate. Do not edit; edit the rule file and regenerate. -->`,
    `# \`${rule.id}\`: ${rule.title}`,
    '',
    `Built-in rule (${rule.group}), ${facts.join(' · ')}. Source: [\`${rule.path}\`](../../${rule.path}).`,
    '',
    '## Why it matters',
    '',
    rule.rationale,
    '',
    '## How to resolve it',
    '',
    rule.remediation,
    ''
  ]
  if (rule.details) out.push('## When it fires', '', rule.details, '')
  if (rule.falsePositives)
    out.push(
      '## False positives',
      '',
      rule.falsePositives,
      '',
      'To silence a finding you have reviewed, add a `suppressions:` entry with a reason, an approver and an expiry date.',
      ''
    )
  const section = (title: string, list: unknown[]): void => {
    if (list.length === 0) return
    out.push(`## ${title}`, '')
    for (const example of list) out.push('```yaml', exampleYaml(example), '```', '')
  }
  section('Example that triggers the rule', rule.examples.reject)
  section('Example that passes', rule.examples.accept)
  return out.join('\n').replace(/\n{3,}/g, '\n\n')
}

/** The page of a review-level rule (docs/rules/<id>.md), from its descriptor and page notes. */
export function renderReviewRuleDoc(page: ReviewRulePage): string {
  const { rule } = page
  const facts = [`Severity **${rule.severity}**`, `applies to ${page.appliesTo}`, rule.cwe?.length ? rule.cwe.join(', ') : ''].filter(
    Boolean
  )
  return [
    `<!-- Generated from ${page.source} by npm run generate. Do not edit; edit the rule's descriptor there and regenerate. -->`,
    `# \`${rule.id}\`: ${rule.title}`,
    '',
    `Review-level rule: the review computes it from the whole change rather than from a rule file. ${facts.join(' · ')}. Source: [\`${page.source}\`](../../${page.source}).`,
    '',
    '## What it checks',
    '',
    rule.description,
    '',
    rule.helpMarkdown.trim(),
    '',
    '## Configuration',
    '',
    page.configuration.trim(),
    '',
    '## Suppressing it',
    '',
    page.suppression.trim(),
    ''
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
}

/** The index page docs/rules/README.md. */
export function renderRuleIndex(rules: readonly RuleDoc[], reviewRules: readonly ReviewRulePage[] = []): string {
  const out = [
    "<!-- Generated from rules/builtin/** and the review-level rules' descriptors by npm run generate. Do not edit. -->",
    '# Built-in rules',
    '',
    'Every finding in a review links here. Each page says why the rule matters, how to resolve a finding and shows a model that triggers it and one that passes.',
    '',
    '| rule | rating | what it checks |',
    '|---|---|---|'
  ]
  const sorted = [...rules].sort((a, b) => a.group.localeCompare(b.group, 'en') || (a.id < b.id ? -1 : 1))
  for (const rule of sorted)
    out.push(
      `| [\`${rule.id}\`](${rule.id}.md) | ${rule.severity ?? `${rule.likelihood ?? '?'} × ${rule.impact ?? '?'}`} | ${rule.title.replace(/\|/g, '\\|')} |`
    )
  if (reviewRules.length > 0) {
    out.push(
      '',
      '## Review-level rules',
      '',
      'The review computes these from the whole change (the files it touched, the values of the mitigations) rather than from a rule file.',
      '',
      '| rule | rating | what it checks |',
      '|---|---|---|'
    )
    for (const { rule } of [...reviewRules].sort((a, b) => (a.rule.id < b.rule.id ? -1 : 1)))
      out.push(`| [\`${rule.id}\`](${rule.id}.md) | ${rule.severity} | ${rule.title.replace(/\|/g, '\\|')} |`)
  }
  return out.join('\n') + '\n'
}
