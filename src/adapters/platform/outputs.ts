import { SEVERITIES, type Severity } from '../../core/model/schema.js'
import type { Review } from '../../core/review/types.js'

/** The step outputs a review yields (strings, as GITHUB_OUTPUT holds them). */
export function reviewOutputs(review: Review): Record<string, string> {
  const t = review.totals
  const delta = Object.fromEntries(SEVERITIES.map((s) => [s, t.severity.head[s] - t.severity.base[s]])) as Record<Severity, number>
  const outputs: Record<string, string> = {
    gate: review.gate.status,
    'new-findings': String(t.findings.new),
    'fixed-findings': String(t.findings.fixed),
    'severity-delta': JSON.stringify(delta),
    'severity-counts': JSON.stringify(t.severity.head),
    'residual-loss-delta': t.money ? String(Math.round(t.money.head.mean - t.money.base.mean)) : '',
    'residual-loss-currency': t.money?.currency ?? '',
    'models-changed': String(t.models.changed + t.models.added + t.models.removed),
    'validation-errors': String(t.validationErrors)
  }
  // Maturity moves per model and category (level change head − base), when maturity was assessed.
  const maturity: Record<string, number> = {}
  for (const model of review.models) {
    for (const move of model.maturity?.comparison?.moved ?? [])
      maturity[`${model.modelId}/${move.id}`] = (move.head.level ?? 0) - (move.base?.level ?? 0)
  }
  outputs['maturity-delta'] = JSON.stringify(maturity)
  outputs['maturity-up'] = String(t.maturity?.up ?? 0)
  outputs['maturity-down'] = String(t.maturity?.down ?? 0)
  const plan = review.issues
  outputs['issues-planned'] = plan ? JSON.stringify(plan.summary) : ''
  outputs['issue-drift'] = String(plan?.drift.length ?? 0)
  return outputs
}
