/**
 * The issue loop, written once for every platform: which listed issues are ours, how the plan's
 * operations become writes, and when writes stop.
 */
import { issueKey } from '../../core/tracker/plan-issue-sync.js'
import type { IssueOperation } from '../../core/tracker/types.js'
import type { ApiFailure, IssueEdit, IssueTracker, TrackedIssue } from './platform.js'

/** Label prefixes Threatloop manages; other labels people put on its issues are kept. */
const MANAGED_LABEL_PREFIXES = ['severity:', 'mitigation:']

/** Whether an issue's author is this login (logins compare without case): half of our ownership rule, with the marker. */
export const sameLogin = (a: string | null | undefined, b: string): boolean => typeof a === 'string' && a.toLowerCase() === b.toLowerCase()

/**
 * Splits the listing: an issue is ours by marker plus author (the token's own identity). Issues
 * that carry our marker but were filed by someone else are left out of the plan (never retitled,
 * relabelled or closed) and returned so the run can say so once. Unmarked issues are passed on
 * (the plan ignores them).
 */
export function ownIssues(listed: readonly TrackedIssue[], identity: string): { ours: TrackedIssue[]; foreign: TrackedIssue[] } {
  const ours: TrackedIssue[] = []
  const foreign: TrackedIssue[] = []
  for (const issue of listed) {
    if (issueKey(issue.body) !== undefined && !sameLogin(issue.author, identity)) foreign.push(issue)
    else ours.push(issue)
  }
  return { ours, foreign }
}

/** The labels an issue ends with: the desired ones, plus every label a person added that Threatloop does not manage. */
export function mergeLabels(
  current: readonly string[],
  desired: readonly string[],
  toolLabel: string,
  managedLabels: readonly string[] = []
): string[] {
  const lower = (s: string): string => s.toLowerCase()
  const want = new Set(desired.map(lower))
  const managed = (l: string): boolean =>
    lower(l) === lower(toolLabel) ||
    managedLabels.some((m) => lower(m) === lower(l)) ||
    MANAGED_LABEL_PREFIXES.some((p) => lower(l).startsWith(p))
  return [...desired, ...current.filter((l) => !want.has(lower(l)) && !managed(l))]
}

export interface IssueLoopResult {
  created: number[]
  /** The keys of the issues in `created`, in the same order. */
  createdKeys: string[]
  updated: number[]
  closed: number[]
  reopened: number[]
  /** Operations that failed, with the platform's reason. */
  failed: { op: IssueOperation['op']; key: string; message: string }[]
  /** Operations not attempted after a stopping failure or a read-only answer. */
  notAttempted: number
  /** Set when the token turned out to be read-only: what the platform answered. */
  readOnly?: string
  /** Owners that are not assignable users here, so their issue is unassigned. */
  unassigned: string[]
}

/** One unit of work: a create, or every operation on one existing issue merged into one edit. */
type Unit =
  | { kind: 'create'; operation: Extract<IssueOperation, { op: 'create' }> }
  | { kind: 'edit'; edit: IssueEdit; operations: IssueOperation[]; comment?: { body: string; before: boolean } }

function units(
  operations: readonly IssueOperation[],
  existing: ReadonlyMap<number, TrackedIssue>,
  toolLabel: string,
  managedLabels: readonly string[]
): Unit[] {
  const out: Unit[] = []
  const byNumber = new Map<number, Extract<Unit, { kind: 'edit' }>>()
  for (const operation of operations) {
    if (operation.op === 'create') {
      out.push({ kind: 'create', operation })
      continue
    }
    let unit = byNumber.get(operation.number)
    if (!unit) {
      unit = { kind: 'edit', edit: { number: operation.number, current: existing.get(operation.number) }, operations: [] }
      byNumber.set(operation.number, unit)
      out.push(unit)
    }
    unit.operations.push(operation)
    if (operation.op === 'update')
      Object.assign(unit.edit, {
        title: operation.title,
        body: operation.body,
        labels: mergeLabels(unit.edit.current?.labels ?? [], operation.labels, toolLabel, managedLabels)
      })
    else if (operation.op === 'close') {
      Object.assign(unit.edit, { state: 'closed', reason: operation.reason })
      // The comment first, so the notification of the close says why.
      unit.comment = { body: operation.comment, before: true }
    } else {
      unit.edit.state = 'open'
      unit.comment = { body: operation.comment, before: false }
    }
  }
  return out
}

/** A loop result with nothing done yet. */
export function emptyIssueLoopResult(): IssueLoopResult {
  return { created: [], createdKeys: [], updated: [], closed: [], reopened: [], failed: [], notAttempted: 0, unassigned: [] }
}

/**
 * Carries out the plan's operations in order, on any platform. Operations on one issue are merged
 * into one edit (update + close = one request); close and reopen explain themselves with a
 * comment. A read-only answer stops every write; a server failure (5xx, 429, network; already
 * retried by the client) stops the rest so one outage does not cost minutes of retries; a refused
 * single operation (404, 410, 422) is recorded and the others go on. The next run reconciles
 * whatever was left: the plan is computed from state, not from the diff.
 */
export async function applyIssueOperations(
  tracker: IssueTracker,
  operations: readonly IssueOperation[],
  existing: readonly TrackedIssue[],
  toolLabel: string,
  describe: (error: unknown) => ApiFailure,
  /** Labels Threatloop sets and removes itself besides its prefixes (the `issues.top_value` label). */
  managedLabels: readonly string[] = []
): Promise<IssueLoopResult> {
  const result = emptyIssueLoopResult()
  if (operations.length === 0) return result
  const stops = (failure: ApiFailure): boolean => {
    if (failure.readOnly) {
      result.readOnly = failure.message
      return true
    }
    return failure.status === undefined || failure.status === 0 || failure.status >= 500 || failure.status === 429
  }
  const work = units(operations, new Map(existing.map((i) => [i.number, i])), toolLabel, managedLabels)
  if (tracker.ensureLabel && operations.some((o) => o.op === 'create' || o.op === 'update')) {
    try {
      await tracker.ensureLabel(toolLabel)
    } catch (error) {
      const failure = describe(error)
      result.failed.push({ op: 'create', key: toolLabel, message: `could not make sure label \`${toolLabel}\` exists: ${failure.message}` })
      if (stops(failure)) {
        if (result.readOnly) result.failed.pop()
        result.notAttempted = operations.length
        return result
      }
    }
  }
  for (let index = 0; index < work.length; index++) {
    const unit = work[index]
    try {
      if (unit.kind === 'create') {
        const created = await tracker.create(unit.operation)
        result.created.push(created.number)
        result.createdKeys.push(unit.operation.key)
        if (created.unassigned) result.unassigned.push(created.unassigned)
        continue
      }
      if (unit.comment?.before) await tracker.comment(unit.edit.number, unit.comment.body)
      await tracker.edit(unit.edit)
      if (unit.comment && !unit.comment.before) await tracker.comment(unit.edit.number, unit.comment.body)
      if (unit.edit.body !== undefined) result.updated.push(unit.edit.number)
      if (unit.edit.state === 'closed') result.closed.push(unit.edit.number)
      else if (unit.edit.state === 'open') result.reopened.push(unit.edit.number)
    } catch (error) {
      const failure = describe(error)
      const first = unit.kind === 'create' ? unit.operation : unit.operations[0]
      if (!failure.readOnly)
        result.failed.push({ op: first.op, key: first.key, message: `${failure.status ? failure.status : 'network'}: ${failure.message}` })
      if (stops(failure)) {
        const rest = work.slice(index + 1).reduce((n, u) => n + (u.kind === 'create' ? 1 : u.operations.length), 0)
        result.notAttempted = rest + (failure.readOnly ? (unit.kind === 'create' ? 1 : unit.operations.length) : 0)
        break
      }
    }
  }
  return result
}
