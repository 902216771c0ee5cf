/**
 * The one report selector: which findings go into SARIF, GitLab Code Quality and GitHub
 * annotations, for every entry point (the action, the GitLab job, `threatloop check`).
 *
 * - Validation problems of the head models (and configuration errors) are always included, as
 *   findings of the `model-validation` pseudo-rule, with their positions: a model that does not
 *   load is the first thing a reviewer must see.
 * - Suppressed findings are never included.
 * - Scope `new`: rule findings new in this change (everything on the head when there is no base).
 * - Scope `all`: every rule finding on the head (new and unchanged).
 *
 * Defaults per output (docs/github-action.md, gitlab/README.md): SARIF `all` (code scanning keeps
 * alerts open only while each analysis still reports them), Code Quality the job setting
 * (default `new`), annotations `new`, `threatloop check` `new` (`all` without `--base`).
 */
import type { Finding } from '../../core/findings.js'
import { findingId } from '../../core/findings.js'
import type { Problem } from '../../core/problems.js'
import { describeRule } from '../../core/report/rule-descriptor.js'
import type { RuleDescriptor } from '../../core/report/rule-descriptor.js'
import type { Review } from '../../core/review/types.js'
import type { RuleSet } from '../../core/rules/rule-set.js'
import { REVIEW_RULE_PAGES } from '../../core/rules/review-rules.js'

export type ReportScope = 'new' | 'all'

/** Rule id of validation problems carried as findings. */
export const VALIDATION_RULE_ID = 'model-validation'

/** Validation problems as findings, so SARIF and Code Quality carry them with their positions. */
const VALIDATION_RULE: RuleDescriptor = {
  id: VALIDATION_RULE_ID,
  title: 'Threat model does not load',
  severity: 'high',
  description: 'The model file has syntax, schema or reference errors; it cannot be reviewed until they are fixed.',
  helpText: 'Fix the error at the reported position; `threatloop validate` lists every error with its line and column.',
  helpMarkdown: 'Fix the error at the reported position; `threatloop validate` lists every error with its line and column.',
  tags: ['threat-model', 'validation']
}

function problemAsFinding(problem: Problem, modelId: string): Finding {
  const elements = [problem.elementId ?? modelId, `${problem.line}:${problem.column}`, problem.code]
  return {
    id: findingId(VALIDATION_RULE.id, elements),
    ruleId: VALIDATION_RULE.id,
    title: VALIDATION_RULE.title,
    severity: problem.severity === 'error' ? 'high' : 'low',
    message: problem.path ? `${problem.message} (${problem.path})` : problem.message,
    modelId,
    file: problem.file,
    elementIds: elements,
    position: { line: problem.line, column: problem.column }
  }
}

/** The findings a report carries for `scope` (see the module comment for the contract). */
export function selectReportFindings(review: Review, scope: ReportScope): Finding[] {
  const findings: Finding[] = []
  for (const model of review.models) {
    for (const finding of model.findings?.new ?? []) if (!finding.suppressed) findings.push(finding)
    if (scope === 'all') for (const finding of model.findings?.unchanged ?? []) if (!finding.suppressed) findings.push(finding)
    for (const problem of model.head?.problems ?? []) findings.push(problemAsFinding(problem, model.modelId))
  }
  for (const problem of review.problems) if (problem.severity === 'error') findings.push(problemAsFinding(problem, 'configuration'))
  return findings
}

/** Descriptors of every enabled rule plus the review's own findings (validation, enabled review-level rules), for SARIF. */
export function ruleDescriptors(ruleSet: RuleSet | undefined): RuleDescriptor[] {
  const review = REVIEW_RULE_PAGES.flatMap(({ rule }) => {
    const setting = ruleSet?.review.get(rule.id)
    if (setting?.enabled === false) return []
    return [setting && setting.severity !== rule.severity ? { ...rule, severity: setting.severity } : rule]
  })
  return [
    VALIDATION_RULE,
    ...review,
    ...(ruleSet?.rules ?? []).filter((r) => r.enabled).map((r) => describeRule({ rule: r.definition, severity: r.severity }))
  ]
}
