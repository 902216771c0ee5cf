// One "Threat intelligence update" issue per model, kept by scheduled CI runs: what each model's
// issue should say, and what to do with the issues already there (pure; adapters carry it out).
import { stableHash } from '../import/ids.js'
import { renderIntelMarkdown } from './render-markdown.js'
import type { IntelReport } from './types.js'

export const INTEL_ISSUE_TITLE = 'Threat intelligence update'
const HASH_PREFIX = '<!-- threatloop:intel-hash:'

/** Marker of a model's intelligence issue; the id is reduced to a safe character set first. */
export function intelMarker(modelId: string): string {
  return `<!-- threatloop:intel:${safeKey(modelId)} -->`
}

function safeKey(modelId: string): string {
  return modelId.replace(/[^A-Za-z0-9._:/-]/g, '_').slice(0, 200)
}

/** The model key a body's marker names, if any. */
export function intelIssueKey(body: string): string | undefined {
  return /<!-- threatloop:intel:([A-Za-z0-9._:/-]{1,200}) -->/.exec(body)?.[1]
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

export interface ListedIntelIssue {
  number: number
  state: 'open' | 'closed'
  body: string
  /** The issue was filed by our own identity (decided by the adapter). */
  ours: boolean
}

export type IntelIssueOperation =
  | { op: 'create'; key: string; title: string; body: string }
  | { op: 'update'; key: string; number: number; body: string; reopen: boolean }
  | { op: 'close'; key: string; number: number; comment: string }

export interface IntelIssuePlan {
  operations: IntelIssueOperation[]
  unchanged: number[]
}

/**
 * Compares the wanted bodies with the issues found (ours only: marker plus our identity). One issue
 * per key: the lowest-numbered open one is kept (else the latest closed one, reopened when needed).
 * Issues of models that no longer exist are closed like models with nothing left to propose.
 */
export function planIntelIssues(wanted: ReadonlyMap<string, string | null>, listed: readonly ListedIntelIssue[]): IntelIssuePlan {
  const operations: IntelIssueOperation[] = []
  const unchanged: number[] = []
  const byKey = new Map<string, ListedIntelIssue[]>()
  for (const issue of listed) {
    if (!issue.ours) continue
    const key = intelIssueKey(issue.body)
    if (key === undefined) continue
    byKey.set(key, [...(byKey.get(key) ?? []), issue])
  }
  const keys = [...new Set([...wanted.keys(), ...byKey.keys()])].sort()
  for (const key of keys) {
    const body = wanted.get(key) ?? null
    const issues = byKey.get(key) ?? []
    const open = issues.filter((i) => i.state === 'open').sort((a, b) => a.number - b.number)
    const closed = issues.filter((i) => i.state === 'closed').sort((a, b) => b.number - a.number)
    if (body === null) {
      for (const issue of open)
        operations.push({
          op: 'close',
          key,
          number: issue.number,
          comment: 'Threatloop closes this issue: the latest intelligence run found nothing left to propose for this model.'
        })
      continue
    }
    const keep = open[0] ?? closed[0]
    if (!keep) operations.push({ op: 'create', key, title: INTEL_ISSUE_TITLE, body })
    else if (keep.state === 'open' && intelHash(keep.body) === intelHash(body)) unchanged.push(keep.number)
    else operations.push({ op: 'update', key, number: keep.number, body, reopen: keep.state === 'closed' })
    // Duplicates (two runs racing) are closed so one issue per key remains.
    for (const extra of open.slice(1))
      operations.push({
        op: 'close',
        key,
        number: extra.number,
        comment: `Threatloop closes this duplicate of #${keep?.number ?? 'the new issue'}.`
      })
  }
  return { operations, unchanged }
}
