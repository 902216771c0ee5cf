// One "Threat intelligence update" issue per model, kept by scheduled CI runs: what each model's
// issue should say, and what to do with the issues already there (pure; adapters carry it out).
import { stableHash } from '../import/ids.js'
import { keptIssueKey, keptIssueKeyOf, keptIssueMarker } from '../tracker/kept-issue.js'
import { renderIntelMarkdown } from './render-markdown.js'
import type { IntelReport } from './types.js'

export const INTEL_ISSUE_TITLE = 'Threat intelligence update'
/** Marker kind of intelligence issues: `<!-- threatloop:intel:<model id> -->`. */
export const INTEL_MARKER_KIND = 'intel'
/** The label every intelligence issue carries (listed by it, so mitigation issues are never touched). */
export const INTEL_LABEL = 'threatloop-intel'
export const INTEL_CLOSE_COMMENT = 'Threatloop closes this issue: the latest intelligence run found nothing left to propose for this model.'
const HASH_PREFIX = '<!-- threatloop:intel-hash:'

/** Marker of a model's intelligence issue; the id is reduced to a safe character set first. */
export function intelMarker(modelId: string): string {
  return keptIssueMarker(INTEL_MARKER_KIND, modelId)
}

const safeKey = keptIssueKey

/** The model key a body's marker names, if any. */
export function intelIssueKey(body: string): string | undefined {
  return keptIssueKeyOf(INTEL_MARKER_KIND, body)
}

/** The title of a model's issue (the key is already reduced to a safe character set). */
export function intelIssueTitle(key: string): string {
  return `${INTEL_ISSUE_TITLE}: ${safeKey(key)}`
}

/** Two bodies say the same when their findings hash is the same (the run date is left out). */
export function sameIntelFindings(current: string, wanted: string): boolean {
  const hash = intelHash(wanted)
  return hash !== undefined && intelHash(current) === hash
}

function intelHash(body: string): string | undefined {
  const start = body.indexOf(HASH_PREFIX)
  if (start < 0) return undefined
  return body.slice(start + HASH_PREFIX.length, body.indexOf(' -->', start))
}

/** A report restricted to one model (unmodelled techniques concern every model of the repository). */
export function reportForModel(report: IntelReport, modelId: string): IntelReport {
  return {
    ...report,
    proposals: report.proposals.filter((p) => p.modelId === modelId),
    vulnerable: report.vulnerable.filter((v) => v.modelId === modelId),
    warnings: [],
    problems: []
  }
}

/**
 * The issue body of each model, or null when the model has nothing to propose. The hash covers the
 * findings only (not the date of the run), so an unchanged report is not rewritten every day.
 */
export function intelIssueBodies(report: IntelReport, modelIds: readonly string[]): Map<string, string | null> {
  const out = new Map<string, string | null>()
  for (const modelId of new Set(modelIds)) {
    const own = reportForModel(report, modelId)
    if (own.proposals.length === 0 && own.vulnerable.length === 0 && own.unmodelled.length === 0) {
      out.set(safeKey(modelId), null)
      continue
    }
    const findings = JSON.stringify({ proposals: own.proposals, unmodelled: own.unmodelled, vulnerable: own.vulnerable })
    const hash = `${stableHash(findings)}${stableHash(`${findings.length}:${findings}`)}`
    const text = renderIntelMarkdown(own, { heading: `${INTEL_ISSUE_TITLE}: ${modelId.replace(/[^A-Za-z0-9._:/ -]/g, '_').slice(0, 100)}` })
    const note =
      'Kept by Threatloop from the scheduled intelligence run: updated when the findings change, closed when none remain. Edit the model, not this issue.'
    out.set(safeKey(modelId), `${intelMarker(modelId)}\n${HASH_PREFIX}${hash} -->\n${text}\n\n${note}\n`)
  }
  return out
}
