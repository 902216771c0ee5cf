import type { Review } from '../review/types.js'
import { count, formatMoney, severityCountChanges, severityCountsText } from './format.js'
import { sanitizeLogText } from './log-text.js'
import { reviewHeadline } from './review-markdown.js'

function plain(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex -- terminals must not receive escape sequences from a model
  const one = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim()
  return one.length > max ? `${one.slice(0, max - 1)}…` : one
}

/**
 * Renders the review as plain text for a terminal or a CI log: no Markdown, no escape sequences
 * and no workflow commands from models or file names (see sanitizeLogText).
 */
export function renderReviewText(review: Review): string {
  const out: string[] = []
  const status = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' }[review.gate.status]
  out.push(`Threatloop ${review.tool.version}: ${status} — ${review.context.base?.label ?? '(no base)'} → ${review.context.head.label}`)
  // The comment's headline, without Markdown: code spans and escapes dropped, joiners removed.
  out.push(
    plain(
      reviewHeadline(review)
        .replace(/`+/g, '')
        .replace(/\\([\\`*_{}[\]|~$])/g, '$1')
        .replace(/\u2060/g, ''),
      300
    )
  )
  for (const reason of review.gate.reasons) out.push(`  ${reason.level === 'fail' ? '✖' : '!'} ${plain(reason.message)}`)
  const t = review.totals
  out.push(
    '',
    `Models: ${t.models.reviewed} (${t.models.changed} changed, ${t.models.added} added, ${t.models.removed} removed, ${t.models.invalid} invalid)`
  )
  out.push(
    `Threats crit/high/med/low/info: ${severityCountsText(t.severity.base)} → ${severityCountsText(t.severity.head)} (${severityCountChanges(t.severity.base, t.severity.head)})`
  )
  if (t.money) {
    const est = t.money.estimated > 0 ? ' est.' : ''
    out.push(
      `Residual annual loss (mean): ${formatMoney(t.money.base.mean, t.money.currency)}${est} → ${formatMoney(t.money.head.mean, t.money.currency)}${est} (${formatMoney(t.money.head.mean - t.money.base.mean, t.money.currency, true)})`
    )
    if (est)
      out.push(
        `  est.: ${Math.max(1, Math.floor(t.money.estimated * 100))}% of this money is estimated from likelihood/impact ratings through a calibration, not FAIR inputs`
      )
  } else out.push('Residual annual loss: not shown (no threat has quantitative inputs, or the models use different currencies)')
  if (t.surface > 0) {
    for (const model of review.models)
      for (const s of model.surface)
        out.push(
          `  ! new attack surface without threats: ${s.kind} ${plain(s.id, 80)}${s.fromZone ? ` (${plain(s.fromZone, 40)} → ${plain(s.toZone ?? '', 40)})` : ''}`
        )
  }
  out.push(`Findings: ${t.findings.new} new, ${t.findings.fixed} fixed, ${t.findings.unchanged} unchanged`)
  for (const problem of review.problems)
    out.push(`${problem.file}:${problem.line}:${problem.column}: ${problem.severity}: ${plain(problem.message, 400)}`)
  for (const model of review.models) {
    if (model.status === 'unchanged' && (model.findings?.new.length ?? 0) === 0) continue
    out.push(
      '',
      `== ${plain(model.title, 80)} [${plain(model.modelId, 80)}] — ${model.status} (${plain(model.head?.file ?? model.base?.file ?? '')})`
    )
    for (const p of model.head?.problems ?? []) out.push(`  ${p.file}:${p.line}:${p.column}: ${p.severity}: ${plain(p.message, 400)}`)
    for (const f of model.findings?.new ?? [])
      out.push(`  + [${f.severity}] ${f.ruleId}: ${plain(f.message)} (${f.file}:${f.position.line})`)
    for (const f of model.findings?.fixed ?? []) out.push(`  - fixed [${f.severity}] ${f.ruleId}: ${plain(f.message)}`)
    for (const threat of model.risk.delta?.threats ?? []) {
      if (threat.change === 'changed' && threat.severity.base === threat.severity.head && threat.aleMean.change === 0) continue
      out.push(
        `  threat ${plain(threat.id, 60)}: ${threat.severity.base ?? 'new'} → ${threat.severity.head ?? 'removed'} (${plain(threat.reason)})`
      )
    }
    // The risk engine's residual severities are authoritative over the diff's qualitative moves.
    for (const derived of model.diff?.derived ?? []) {
      if (model.risk.delta && derived.kind === 'threat-severity-moved') continue
      out.push(`  * ${plain(derived.message, 300)}`)
    }
    if (model.diff && !model.diff.isEmpty) {
      const s = model.diff.summary.total
      out.push(`  elements: ${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.renamed} renamed`)
    }
  }
  if (review.issues && review.issues.mode !== 'off') {
    const s = review.issues.summary
    out.push(
      '',
      `Mitigation issues (${review.issues.mode}): ${s.create} to open, ${s.update} to update, ${s.close} to close, ${s.reopen} to reopen`
    )
    for (const drift of review.issues.drift) out.push(`  drift: ${plain(drift.message, 300)}`)
  }
  out.push('', `${count(review.models.length, 'model')} reviewed.`)
  return sanitizeLogText(out.join('\n') + '\n')
}
