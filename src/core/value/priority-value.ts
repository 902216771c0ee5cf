/**
 * The second half of the "everything is high priority" anti-pattern (the first is the CEL rule
 * `everything-high-priority`): priorities that contradict what the mitigations buy. It needs the
 * risk engine's values, so it is a review-level finding, like code drift's.
 *
 * Among the open mitigations of a model whose value per cost is known (quantitative inputs and a
 * stated cost) and that state a priority — at least four of them — a `low` priority mitigation in
 * the top quartile by value per cost contradicts a `high` or `critical` one in the bottom quartile
 * when the first buys at least ten times as much risk reduction per unit of cost as the second.
 */
import { findingId, type Finding } from '../findings.js'
import type { ReviewRulePage, RuleDescriptor } from '../report/rule-descriptor.js'
import type { Severity } from '../model/schema.js'
import type { MitigationValue } from './mitigation-value.js'

export const PRIORITY_VALUE_RULE_ID = 'priority-contradicts-value'
/** Fewest priced and prioritised open mitigations the check needs (quartiles of fewer say nothing). */
export const PRIORITY_VALUE_MIN_MITIGATIONS = 4
/** How many times more value per cost the low-priority mitigation must buy. */
export const PRIORITY_VALUE_MARGIN = 10

export const PRIORITY_VALUE_RULE: RuleDescriptor = {
  id: PRIORITY_VALUE_RULE_ID,
  title: 'Priorities contradict value per cost',
  severity: 'low',
  description:
    'A low-priority mitigation is among the best value per cost of its model while a high or critical priority one is among the worst, by a factor of ten or more.',
  helpMarkdown:
    "## Why it matters\n\nPriorities that do not follow risk reduction spend the budget on the wrong work first: the whitepaper's anti-pattern of marking everything high priority, seen from the other side. When the figures say one mitigation buys ten times as much reduction of annual loss per unit of cost as another, the priorities should not say the opposite.\n\n## How to fix\n\nRaise the priority of the mitigation that buys more, lower the other, or correct the `effects` or `cost` that make the figures say so.\n\n## False positives\n\nPriorities may rest on what the figures do not capture (a regulatory deadline, a dependency between mitigations). Record the reason with a suppression of this rule on the mitigation.\n\n## More\n\nThe check needs at least four open mitigations (proposed, planned, in progress) in the model with a `priority`, quantitative (FAIR) inputs on the threats they affect and a `cost`. Value per cost is the mean reduction of residual annual loss per unit of yearly cost (one-off costs spread over `value.amortisation_years`). The top and bottom quartiles are taken over those mitigations sorted by value per cost; a pair is reported when the low-priority mitigation in the top quartile buys at least ten times the value per cost of the high or critical one in the bottom quartile.",
  helpText:
    'Why it matters: priorities that do not follow risk reduction spend the budget on the wrong work first. How to fix: raise the priority of the mitigation that buys more, lower the other, or correct its effects or cost. Needs at least four open, priced, prioritised mitigations with quantitative inputs; a pair is reported when a low-priority mitigation in the top quartile by value per cost buys ten times the value per cost of a high or critical one in the bottom quartile.',
  category: 'prioritisation',
  tags: ['business-value', 'prioritisation']
}

/** What the generated page docs/rules/priority-contradicts-value.md adds to the descriptor. */
export const PRIORITY_VALUE_RULE_PAGE: ReviewRulePage = {
  rule: PRIORITY_VALUE_RULE,
  source: 'src/core/value/priority-value.ts',
  appliesTo: 'mitigation',
  configuration: [
    '- On each mitigation: `status` (only proposed, planned and in-progress ones count), `priority`, `cost` and the `effects` it has on the threats it mitigates; those threats need quantitative (FAIR) `risk` inputs.',
    '- `value.amortisation_years` in `.threatloop.yaml` (default 3) spreads one-off costs over that many years.',
    "- The values come from the risk engine's simulation, so its `risk:` settings (iterations, seed) drive them too; see [risk-engine.md](../risk-engine.md).",
    `- Fixed in the check: at least ${PRIORITY_VALUE_MIN_MITIGATIONS} such mitigations per model, quartiles by value per cost, a factor of ${PRIORITY_VALUE_MARGIN}.`,
    '- The check runs where the review values mitigations: in the models the change adds or changes, and in every model when tracker issues are planned (previewed or written).',
    '- `rules.disable` in `.threatloop.yaml` turns the check off; `rules.severity` sets the level of its findings.',
    '',
    'See [business-value.md](../business-value.md).'
  ].join('\n'),
  suppressible: true,
  suppression: [
    'Add a `suppressions:` entry for the low-priority mitigation the finding names, with the reason the priority stands, an approver and an expiry date:',
    '',
    '```yaml',
    'suppressions:',
    '  - rule: priority-contradicts-value',
    '    target: M-1',
    '    reason: Needed first for the audit in March',
    '    approved_by: cso',
    "    expires: '2027-03-31'",
    '```'
  ].join('\n')
}

const quartile = (n: number): number => Math.max(1, Math.floor(n / 4))

/**
 * One finding per low-priority mitigation in the top quartile that a high/critical one in the
 * bottom quartile contradicts, at the rule's severity (`rules.severity` may set it).
 */
export function priorityContradictions(
  values: readonly MitigationValue[],
  file: string,
  lineOf: (mitigationId: string) => number | undefined,
  severity: Severity = PRIORITY_VALUE_RULE.severity
): Finding[] {
  const priced = values
    .filter((v) => v.valuePerCost !== null && v.priority !== null)
    .sort(
      (a, b) => (b.valuePerCost ?? 0) - (a.valuePerCost ?? 0) || (a.mitigation < b.mitigation ? -1 : a.mitigation > b.mitigation ? 1 : 0)
    )
  if (priced.length < PRIORITY_VALUE_MIN_MITIGATIONS) return []
  const size = quartile(priced.length)
  const top = priced.slice(0, size).filter((v) => v.priority === 'low')
  const bottom = priced.slice(priced.length - size).filter((v) => v.priority === 'high' || v.priority === 'critical')
  const findings: Finding[] = []
  for (const best of top) {
    const contradicted = bottom.filter((worst) => (best.valuePerCost ?? 0) >= PRIORITY_VALUE_MARGIN * Math.max(worst.valuePerCost ?? 0, 0))
    if (contradicted.length === 0) continue
    const ratio = (worst: MitigationValue): string =>
      (worst.valuePerCost ?? 0) > 0
        ? `${Math.round((best.valuePerCost ?? 0) / (worst.valuePerCost ?? 1)).toLocaleString('en-US')}×`
        : 'far more than'
    findings.push({
      id: findingId(PRIORITY_VALUE_RULE_ID, [best.mitigation]),
      ruleId: PRIORITY_VALUE_RULE_ID,
      title: PRIORITY_VALUE_RULE.title,
      severity,
      message: `mitigation ${best.mitigation} is low priority but buys ${contradicted.map((w) => `${ratio(w)} the value per cost of ${w.priority} priority ${w.mitigation}`).join(', ')}; revisit the priorities (or the effects and costs behind them)`,
      modelId: best.modelId,
      file,
      elementIds: [best.mitigation],
      position: { line: lineOf(best.mitigation) ?? 1, column: 1 },
      category: 'prioritisation'
    })
  }
  return findings
}
