// Pending intelligence proposals for the models a pull/merge request touches, as a section of the
// review comment (the `intelligence-proposals` extension slot). Every model and feed string is escaped.
import { codeSpan, escapeInline } from '../render/escape.js'
import { count } from '../render/format.js'
import { keptIssueKey } from '../tracker/kept-issue.js'
import type { ReviewExtension } from '../render/review-markdown.js'
import type { IntelReport } from './types.js'

/** Proposals listed in the folded detail before "and N more". */
const DETAIL_ROWS = 10
/** Unmodelled techniques named in the folded detail. */
const TECHNIQUES = 5

function value(v: unknown): string {
  if (v === null || v === undefined) return 'not set'
  return codeSpan(typeof v === 'string' ? v : JSON.stringify(v), 80)
}

export interface PendingIntelOptions {
  /** Where the full report and the issue are, e.g. "the scheduled intelligence run's issue". */
  issueHint?: string
  /**
   * The open "Threat intelligence update" issues the scheduled run keeps (ours: marker plus our
   * identity), by model key (`keptIssueKey` of the model id), and the tracker's issue prefix (`#`).
   */
  issues?: { prefix: string; byModel: ReadonlyMap<string, number> }
}

/** Issues named in the folded detail before "and N more". */
const ISSUES = 10

/**
 * The comment section for pending proposals (undefined when there are none). `report` is the
 * intelligence report restricted to the models the change touches.
 */
export function pendingIntelExtension(report: IntelReport, options: PendingIntelOptions = {}): ReviewExtension | undefined {
  const proposals = report.proposals
  if (proposals.length === 0) return undefined
  const models = [...new Set(proposals.map((p) => p.modelId))]
  // An issue number is the tracker's own (a whole number from our listing), never model text.
  const issueOf = (modelId: string): string | undefined => {
    const number = options.issues?.byModel.get(keptIssueKey(modelId))
    return number !== undefined && Number.isSafeInteger(number) && number > 0 ? `${options.issues!.prefix}${number}` : undefined
  }
  const named = models
    .slice(0, 3)
    .map((m) => `${codeSpan(m, 60)}${issueOf(m) ? ` (${issueOf(m)})` : ''}`)
    .join(', ')
  const more = models.length > 3 ? ` and ${count(models.length - 3, 'more model')}` : ''
  const body: string[] = proposals
    .slice(0, DETAIL_ROWS)
    .map(
      (p) =>
        `- ${codeSpan(p.modelId, 60)} · threat ${codeSpan(p.threatId, 60)} · ${codeSpan(p.field, 40)}: ${value(p.from)} → **${value(p.to)}** — ${escapeInline(p.reason, 200)}`
    )
  if (proposals.length > DETAIL_ROWS) body.push(`- … and ${count(proposals.length - DETAIL_ROWS, 'more proposal')}`)
  if (report.unmodelled.length > 0) {
    const techniques = report.unmodelled
      .slice(0, TECHNIQUES)
      .map((u) => `${codeSpan(u.technique, 20)}${u.name ? ` ${escapeInline(u.name, 60)}` : ''} ×${u.count}`)
      .join(', ')
    body.push(
      '',
      `Seen but modelled by no threat: ${techniques}${report.unmodelled.length > TECHNIQUES ? `, and ${report.unmodelled.length - TECHNIQUES} more` : ''}.`
    )
  }
  const linked = models.flatMap((m) => {
    const issue = issueOf(m)
    return issue ? [`${issue} (${codeSpan(m, 60)})`] : []
  })
  const issues =
    linked.length > 0
      ? `; the scheduled run's "Threat intelligence update" ${linked.length === 1 ? 'issue' : 'issues'}: ${linked.slice(0, ISSUES).join(', ')}${linked.length > ISSUES ? `, and ${linked.length - ISSUES} more` : ''}`
      : options.issueHint
        ? `; ${escapeInline(options.issueHint, 200)}`
        : ''
  body.push(
    '',
    `Evidence: the sightings and incident files configured under \`intelligence:\` on the trusted side, the last ${report.windowDays} days up to ${escapeInline(report.today, 10)}. ` +
      `Run \`threatloop intel\` for the YAML to paste${issues}. Advisories (OSV) are checked by the scheduled run only.`
  )
  return {
    slot: 'intelligence-proposals',
    visible: [
      `🛰️ **Threat intelligence:** ${count(proposals.length, 'pending proposal')} for ${named}${more}, from operational evidence (see "Pending threat intelligence" below).`
    ],
    nextSteps: [
      `While this change touches ${models.length === 1 ? 'the model' : 'these models'}, consider the ${count(proposals.length, 'pending intelligence proposal')} (under "Pending threat intelligence").`
    ],
    detail: { title: `Pending threat intelligence (${proposals.length})`, body }
  }
}
