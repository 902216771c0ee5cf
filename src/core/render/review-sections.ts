/**
 * Comment sections for code drift, the best next mitigations and approvals, rendered from the
 * Review (one place, used by the comment, the summary and the GitLab note). Every string from a
 * model, a path or a login is escaped.
 */
import type { Review } from '../review/types.js'
import { codeSpan, escapeInline } from './escape.js'
import { formatMoney } from './format.js'

/** How many drift lines the comment shows before "and N more". */
const DRIFT_LINES = 8

/** One compact line per component whose code changed while its model did not. */
export function renderCodeDrift(review: Review): string[] {
  if (review.codeDrift.length === 0) return []
  const lines = review.codeDrift.slice(0, DRIFT_LINES).map((item) => {
    const count = item.files.length + item.moreFiles
    const files = item.files
      .slice(0, 3)
      .map((f) => codeSpan(f, 120))
      .join(', ')
    const more = count > 3 ? `, and ${count - 3} more` : ''
    const reviewed = item.lastReviewed
      ? `the model was last reviewed ${escapeInline(item.lastReviewed, 20)}`
      : 'the model has no `reviewed:` date'
    // Owners in code spans: a CODEOWNERS `@team` never notifies anyone from the comment.
    const owners =
      item.owners.length > 0
        ? `, ${item.owners.length === 1 ? 'owner' : 'owners'} ${item.owners
            .slice(0, 3)
            .map((o) => codeSpan(o, 60))
            .join(
              ', '
            )}${item.owners.length > 3 ? ` and ${item.owners.length - 3} more` : ''}${item.ownersFromCodeOwners ? ' (from CODEOWNERS)' : ''}`
        : ''
    return `- ${codeSpan(item.component, 80)} code changed (${count} ${count === 1 ? 'file' : 'files'}: ${files}${more})${owners} — ${reviewed}; update ${codeSpan(item.modelFile, 160)} or confirm nothing changed by bumping its \`reviewed:\` date`
  })
  if (review.codeDrift.length > DRIFT_LINES)
    lines.push(`- … and ${review.codeDrift.length - DRIFT_LINES} more components (see the JSON report)`)
  return lines
}

/** Top mitigations by value per cost (then by reduction), at most `limit`. */
export function renderBestMitigations(review: Review, limit = 3): string[] {
  const candidates = review.mitigationValue.filter((v) => v.aleReduction !== null || v.severityChange.length > 0).slice(0, limit)
  return candidates.map((v) => {
    const currency = review.models.find((m) => m.modelId === v.modelId)?.risk.head?.currency ?? 'USD'
    const parts: string[] = []
    if (v.aleReduction)
      parts.push(`−${formatMoney(v.aleReduction.mean, currency)}/yr mean, −${formatMoney(v.aleReduction.p90, currency)} P90`)
    if (v.severityChange.length > 0) {
      const moves = v.severityChange.slice(0, 3).map((c) => `${escapeInline(c.threat, 60)} ${c.from ?? 'unrated'} → ${c.to ?? 'unrated'}`)
      parts.push(moves.join(', ') + (v.severityChange.length > 3 ? `, +${v.severityChange.length - 3} more` : ''))
    }
    if (v.valuePerCost !== null && v.annualCost !== null)
      parts.push(
        `${v.valuePerCost.toLocaleString('en-US', { maximumFractionDigits: 1 })}× its yearly cost of ${formatMoney(v.annualCost, v.cost?.currency ?? currency)}`
      )
    const horizon = v.roadmap ? `, ${v.roadmap}-term` : ''
    return `- **${escapeInline(v.mitigation, 60)}** ${escapeInline(v.title, 120)} (${v.status}${horizon}): ${parts.join('; ')}`
  })
}

/** Who must approve which acceptance or suppression, and who did. */
export function renderApprovals(review: Review): string[] {
  return review.approvals.map((a) => {
    const what = a.kind === 'acceptance' ? `risk acceptance of ${codeSpan(a.element, 80)}` : `suppression ${codeSpan(a.element, 120)}`
    const who = a.approvers.map((name) => codeSpan(name, 80)).join(' or ')
    if (a.approvedBy) return `- ✅ ${what} in ${codeSpan(a.modelId, 80)}: approved by ${codeSpan(a.approvedBy, 80)}`
    return `- ⚠️ ${what} in ${codeSpan(a.modelId, 80)} needs an approving review by ${who}${a.note ? ` (${escapeInline(a.note, 160)})` : ''}`
  })
}

/** The roadmap as horizons: residual risk now and after short-, mid- and long-term work, per model with money. */
export function renderHorizons(review: Review): string[] {
  const lines: string[] = []
  for (const model of review.models) {
    const risk = model.risk.head
    if (!risk || risk.residual.derivedShare >= 1) continue
    const c = risk.currency
    const estimated =
      risk.residual.derivedShare > 0 ? ` (${Math.round(risk.residual.derivedShare * 100)} % estimated from qualitative ratings)` : ''
    lines.push(
      `- ${codeSpan(model.modelId, 80)}: now ${formatMoney(risk.residual.aleMean, c)}/yr → after short-term work ${formatMoney(risk.whatIf.short, c)} → mid-term ${formatMoney(risk.whatIf.mid, c)} → long-term ${formatMoney(risk.whatIf.long, c)}${estimated}`
    )
  }
  return lines
}
