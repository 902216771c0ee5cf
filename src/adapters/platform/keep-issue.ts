/**
 * `Platform.keepIssue`, written once from the tracker's primitives for every platform: one issue
 * per marker key, ours by marker plus the token's identity (the pipeline's ownership rule).
 */
import { keptIssueKeyOf, keptIssueMarker, planKeptIssue } from '../../core/tracker/kept-issue.js'
import { sameLogin } from './issue-loop.js'
import type { IssueTracker, KeepIssueOutcome, KeepIssueRequest, TrackedIssue } from './platform.js'

/**
 * A `keepIssue` for a tracker. Each label is listed once per run (the first request with it); the
 * run's own writes are folded into that listing, so later keys see them without asking again.
 * API errors are thrown as the tracker threw them (the caller describes them).
 */
export function issueKeeper(
  tracker: IssueTracker,
  identity: () => Promise<string | undefined>
): (request: KeepIssueRequest) => Promise<KeepIssueOutcome> {
  const listings = new Map<string, Promise<TrackedIssue[]>>()
  const labelsEnsured = new Set<string>()
  const listed = (label: string): Promise<TrackedIssue[]> => {
    let listing = listings.get(label.toLowerCase())
    if (!listing) {
      listing = tracker.list(label).then((answer) => {
        if ('error' in answer) throw answer.error
        return answer.issues
      })
      // A failed listing is asked again by the next request rather than remembered.
      listing.catch(() => listings.delete(label.toLowerCase()))
      listings.set(label.toLowerCase(), listing)
    }
    return listing
  }

  return async (request) => {
    const issues = await listed(request.label)
    const outcome: KeepIssueOutcome = { action: 'none', duplicatesClosed: [], foreign: [], otherOpenKeys: [] }
    const marker = keptIssueMarker(request.kind, request.key)
    if (request.body !== null && !request.body.includes(marker))
      throw new Error(`keepIssue: the body of ${request.kind}:${request.key} does not carry its marker`)
    const key = keptIssueKeyOf(request.kind, marker) as string
    const marked = issues.filter((i) => keptIssueKeyOf(request.kind, i.body) !== undefined)
    const login = marked.length > 0 ? await identity() : undefined
    const mine = (i: TrackedIssue): boolean => login !== undefined && sameLogin(i.author, login)
    const sameKey = marked.filter((i) => keptIssueKeyOf(request.kind, i.body) === key)
    outcome.foreign = login === undefined ? [] : sameKey.filter((i) => !mine(i)).map((i) => i.number)
    outcome.otherOpenKeys = [
      ...new Set(
        marked
          .filter((i) => mine(i) && i.state === 'open')
          .map((i) => keptIssueKeyOf(request.kind, i.body) as string)
          .filter((k) => k !== key)
      )
    ].sort()
    if (sameKey.length > 0 && login === undefined) {
      // Without knowing who we are, our issue cannot be told from a planted copy: write nothing.
      return {
        ...outcome,
        action: 'skipped',
        reason: 'the identity of the token is unknown, so Threatloop cannot tell its own issue from a copy'
      }
    }
    const ours = sameKey.filter(mine)
    const plan = planKeptIssue(
      { title: request.title, body: request.body, closeComment: request.closeComment, sameContent: request.sameContent },
      ours
    )
    outcome.number = plan.kept
    if (plan.operations.length === 0) return { ...outcome, action: request.body === null ? 'none' : 'unchanged' }
    if (request.hold && plan.operations.some((op) => op.op !== 'create'))
      return {
        ...outcome,
        action: 'held',
        number: plan.kept ?? plan.operations.flatMap((op) => (op.op === 'create' ? [] : [op.number]))[0]
      }

    for (const op of plan.operations) {
      if (op.op === 'create') {
        if (tracker.ensureLabel && !labelsEnsured.has(request.label.toLowerCase())) {
          await tracker.ensureLabel(request.label, request.labelLook)
          labelsEnsured.add(request.label.toLowerCase())
        }
        const created = await tracker.create({ op: 'create', key: request.key, title: op.title, body: op.body, labels: [request.label] })
        issues.push({
          number: created.number,
          state: 'open',
          title: op.title,
          body: op.body,
          labels: [request.label],
          assignees: [],
          author: login ?? null,
          createdAt: null
        })
        outcome.action = 'created'
        outcome.number = created.number
      } else if (op.op === 'update') {
        const current = ours.find((i) => i.number === op.number)
        await tracker.edit({
          number: op.number,
          current,
          ...(op.title !== undefined ? { title: op.title } : {}),
          body: op.body,
          ...(op.reopen ? { state: 'open' as const } : {})
        })
        if (current) Object.assign(current, { body: op.body, state: 'open', ...(op.title !== undefined ? { title: op.title } : {}) })
        outcome.action = op.reopen ? 'reopened' : 'updated'
      } else {
        // The comment first, so the notification of the close says why.
        await tracker.comment(op.number, op.comment)
        await tracker.edit({ number: op.number, current: ours.find((i) => i.number === op.number), state: 'closed', reason: 'completed' })
        const current = ours.find((i) => i.number === op.number)
        if (current) current.state = 'closed'
        if (op.duplicate) outcome.duplicatesClosed.push(op.number)
        else {
          outcome.action = 'closed'
          outcome.number = op.number
        }
      }
    }
    if (outcome.action === 'none' && plan.unchanged) outcome.action = 'unchanged'
    return outcome
  }
}

/**
 * Our open issues of a kind under its label, by key (the lowest-numbered, as `planKeptIssue` keeps
 * it): ours by marker plus the token's identity, as `issueKeeper` decides. Read-only, one listing.
 * Empty when the listing fails or the identity is unknown (a planted copy cannot be told from ours).
 */
export async function openKeptIssues(
  tracker: IssueTracker,
  identity: () => Promise<string | undefined>,
  kind: string,
  label: string
): Promise<Map<string, number>> {
  const byKey = new Map<string, number>()
  const listing = await tracker.list(label)
  if ('error' in listing) return byKey
  const marked = listing.issues.filter((i) => i.state === 'open' && keptIssueKeyOf(kind, i.body) !== undefined)
  const login = marked.length > 0 ? await identity() : undefined
  if (login === undefined) return byKey
  for (const issue of marked) {
    if (!sameLogin(issue.author, login)) continue
    const key = keptIssueKeyOf(kind, issue.body) as string
    const kept = byKey.get(key)
    if (kept === undefined || issue.number < kept) byKey.set(key, issue.number)
  }
  return byKey
}
