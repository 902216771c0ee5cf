import type { Finding } from '../../core/findings.js'
import { findingId } from '../../core/findings.js'
import type { Problem } from '../../core/problems.js'
import { describeRule } from '../../core/report/rule-descriptor.js'
import type { RuleDescriptor } from '../../core/report/rule-descriptor.js'
import type { Review } from '../../core/review/types.js'
import type { RuleSet } from '../../core/rules/rule-set.js'

/** Validation problems as findings, so SARIF and Code Quality carry them with their positions. */
const VALIDATION_RULE: RuleDescriptor = {
  id: 'model-validation',
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

/** The findings a report should carry: new, unsuppressed rule findings and head validation problems. */
export function reportableFindings(review: Review): Finding[] {
  const findings: Finding[] = []
  for (const model of review.models) {
    findings.push(...(model.findings?.new ?? []))
    for (const problem of model.head?.problems ?? []) findings.push(problemAsFinding(problem, model.modelId))
  }
  for (const problem of review.problems) if (problem.severity === 'error') findings.push(problemAsFinding(problem, 'configuration'))
  return findings
}

/** Descriptors of every enabled rule plus the validation pseudo-rule, for SARIF. */
export function ruleDescriptors(ruleSet: RuleSet): RuleDescriptor[] {
  return [VALIDATION_RULE, ...ruleSet.rules.filter((r) => r.enabled).map((r) => describeRule({ rule: r.definition, severity: r.severity }))]
}
