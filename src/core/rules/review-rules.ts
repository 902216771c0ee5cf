// The review-level rules: computed by the review itself (they need the whole change or the risk
// engine's values), not loaded from a rule file, yet configured like every other rule —
// `rules.disable` and `rules.severity` in the trusted configuration apply to them, their ids are
// known to suppressions, and no custom rule may take their ids.
import { CODE_DRIFT_RULE_PAGE } from '../drift/code-drift.js'
import type { Severity } from '../model/schema.js'
import type { ReviewRulePage } from '../report/rule-descriptor.js'
import { PRIORITY_VALUE_RULE_PAGE } from '../value/priority-value.js'

/** Every review-level rule, with what its generated page docs/rules/<id>.md says. */
export const REVIEW_RULE_PAGES: readonly ReviewRulePage[] = [CODE_DRIFT_RULE_PAGE, PRIORITY_VALUE_RULE_PAGE]

/** A review-level rule as this run's configuration leaves it. */
export interface ReviewRuleSetting {
  enabled: boolean
  /** Effective severity, after any `rules.severity` override. */
  severity: Severity
}

/** The review-level rule with this id, or undefined. */
export function reviewRulePage(id: string): ReviewRulePage | undefined {
  return REVIEW_RULE_PAGES.find((page) => page.rule.id === id)
}

/** Each review-level rule's setting under the configuration's `disable` and `severity` lists. */
export function reviewRuleSettings(
  disable: readonly string[] = [],
  severity: Readonly<Record<string, Severity>> = {}
): ReadonlyMap<string, ReviewRuleSetting> {
  const disabled = new Set(disable)
  return new Map(
    REVIEW_RULE_PAGES.map(({ rule }) => [
      rule.id,
      { enabled: !disabled.has(rule.id), severity: Object.hasOwn(severity, rule.id) ? severity[rule.id] : rule.severity }
    ])
  )
}
