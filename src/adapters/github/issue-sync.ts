import type { ExistingIssue, IssueOperation, IssueSyncPlan } from '../../core/tracker/types.js'
import { describeError, isReadOnlyError, type GitHubClient } from './client.js'
import type { Listed } from './review-step.js'

export interface RepositoryTarget {
  owner: string
  repo: string
}

/** Colour and description of the label every Threatloop issue carries (others GitHub creates on use). */
const TOOL_LABEL = { color: '5319e7', description: 'Mitigation tracked by Threatloop from the threat model' }

/** The labelled issues, or the error that stopped the listing (never a rejected promise). */
export function listIssues(client: GitHubClient, target: RepositoryTarget, label: string): Promise<Listed> {
  return listLabelledIssues(client, target, label).then(
    (issues): Listed => ({ issues }),
    (error: unknown): Listed => ({ error })
  )
}

/** Every issue with the tool's label, open and closed, over all pages; pull requests are dropped. */
export async function listLabelledIssues(client: GitHubClient, target: RepositoryTarget, label: string): Promise<ExistingIssue[]> {
  const issues: ExistingIssue[] = []
  for await (const page of client.paginate.iterator(client.rest.issues.listForRepo, { ...target, labels: label, state: 'all', per_page: 100 })) {
    for (const item of page.data) {
      if (item.pull_request) continue
      issues.push({
        number: item.number,
        state: item.state === 'closed' ? 'closed' : 'open',
        stateReason: item.state_reason ?? null,
        title: item.title,
        body: item.body ?? '',
        labels: item.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter((l) => l !== ''),
        assignees: (item.assignees ?? []).map((a) => a.login),
        url: item.html_url
      })
    }
  }
  return issues
}

export interface IssueSyncResult {
  created: number[]
  updated: number[]
  closed: number[]
  reopened: number[]
  /** Operations that failed, with GitHub's reason. */
  failed: { op: IssueOperation['op']; key: string; message: string }[]
  /** Operations not attempted after a persistent failure or a read-only answer. */
  notAttempted: number
  /** The token turned out to be read-only (403 on the first write). */
  readOnly: boolean
  /** Owners that are not GitHub users (or not assignable), so the issue has no assignee. */
  unassigned: string[]
}

/** Looks a login up once per run: only real users (not organisations or teams) become assignees. */
function userChecker(client: GitHubClient): (login: string) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>()
  return (login) => {
    let answer = known.get(login.toLowerCase())
    if (!answer) {
      answer = client.rest.users.getByUsername({ username: login }).then(
        ({ data }) => data.type === 'User',
        () => false
      )
      known.set(login.toLowerCase(), answer)
    }
    return answer
  }
}

async function ensureToolLabel(client: GitHubClient, target: RepositoryTarget, label: string): Promise<void> {
  for await (const page of client.paginate.iterator(client.rest.issues.listLabelsForRepo, { ...target, per_page: 100 })) {
    if (page.data.some((l) => l.name.toLowerCase() === label.toLowerCase())) return
  }
  try {
    await client.rest.issues.createLabel({ ...target, name: label, ...TOOL_LABEL })
  } catch (error) {
    // A racing run created it first: fine. Anything else surfaces on the issue writes.
    if (describeError(error).status !== 422) throw error
  }
}

/**
 * Carries out the plan's operations in order. A read-only answer stops all writes; a persistent
 * server failure (already retried) stops the rest so one outage does not cost minutes of retries;
 * a refused single operation (404 deleted issue, 422) is recorded and the others go on. The next
 * run reconciles whatever was left, because the plan is computed from state, not from the diff.
 */
export async function executeIssuePlan(client: GitHubClient, target: RepositoryTarget, plan: IssueSyncPlan, label: string): Promise<IssueSyncResult> {
  const result: IssueSyncResult = { created: [], updated: [], closed: [], reopened: [], failed: [], notAttempted: 0, readOnly: false, unassigned: [] }
  const operations = plan.operations
  if (operations.length === 0) return result
  const isUser = userChecker(client)
  let index = 0
  const stop = (error: unknown): boolean => {
    if (isReadOnlyError(error)) {
      result.readOnly = true
      return true
    }
    const { status } = describeError(error)
    return status === undefined || status >= 500 || status === 403 || status === 429
  }
  try {
    if (operations.some((o) => o.op === 'create' || o.op === 'update')) await ensureToolLabel(client, target, label)
  } catch (error) {
    result.failed.push({ op: 'create', key: label, message: `could not make sure label \`${label}\` exists: ${describeError(error).message}` })
    if (stop(error)) {
      result.notAttempted = operations.length
      return result
    }
  }
  for (; index < operations.length; index++) {
    const op = operations[index]
    try {
      await execute(client, target, op, result, isUser)
    } catch (error) {
      const { status, message } = describeError(error)
      result.failed.push({ op: op.op, key: op.key, message: `${status ?? 'network'}: ${message}` })
      if (stop(error)) {
        result.notAttempted = operations.length - index - 1
        break
      }
    }
  }
  return result
}

async function execute(client: GitHubClient, target: RepositoryTarget, op: IssueOperation, result: IssueSyncResult, isUser: (login: string) => Promise<boolean>): Promise<void> {
  switch (op.op) {
    case 'create': {
      let assignees: string[] = []
      if (op.assignee) {
        if (await isUser(op.assignee)) assignees = [op.assignee]
        else result.unassigned.push(op.assignee)
      }
      try {
        const { data } = await client.rest.issues.create({ ...target, title: op.title, body: op.body, labels: op.labels, assignees })
        result.created.push(data.number)
      } catch (error) {
        // A real user who cannot be assigned here (not a collaborator): create it unassigned.
        if (assignees.length === 0 || describeError(error).status !== 422) throw error
        result.unassigned.push(...assignees)
        const { data } = await client.rest.issues.create({ ...target, title: op.title, body: op.body, labels: op.labels })
        result.created.push(data.number)
      }
      return
    }
    case 'update':
      await client.rest.issues.update({ ...target, issue_number: op.number, title: op.title, body: op.body, labels: op.labels })
      result.updated.push(op.number)
      return
    case 'close':
      // The comment first, so the notification of the close says why.
      await client.rest.issues.createComment({ ...target, issue_number: op.number, body: op.comment })
      await client.rest.issues.update({ ...target, issue_number: op.number, state: 'closed', state_reason: op.reason })
      result.closed.push(op.number)
      return
    case 'reopen':
      await client.rest.issues.update({ ...target, issue_number: op.number, state: 'open' })
      await client.rest.issues.createComment({ ...target, issue_number: op.number, body: op.comment })
      result.reopened.push(op.number)
      return
  }
}
