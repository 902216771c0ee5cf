import type { ExistingIssue, IssueOperation } from '../../core/tracker/types.js'
import { GitLabApiError, type GitLabClient } from './gitlab-client.js'

/** The fields of GitLab's Issue entity this adapter reads. */
export interface IssueEntity {
  iid: number
  title: string
  description: string | null
  state: 'opened' | 'closed'
  labels: string[]
  assignees?: Array<{ username: string }>
  web_url?: string
}

/** Label prefixes Threatloop manages; other labels people put on its issues are kept. */
const MANAGED_LABEL_PREFIXES = ['severity:', 'mitigation:']

function issuesPath(projectId: string): string {
  return `/projects/${encodeURIComponent(projectId)}/issues`
}

/** Every issue with Threatloop's label, open and closed (closed ones are reopened, never recreated). */
export async function listTrackedIssues(client: GitLabClient, projectId: string, label: string): Promise<{ entities: IssueEntity[]; existing: ExistingIssue[]; pages: number }> {
  const { items, pages } = await client.list<IssueEntity>(issuesPath(projectId), { labels: label, state: 'all', scope: 'all', sort: 'asc', order_by: 'created_at' })
  return {
    entities: items,
    pages,
    existing: items.map((issue) => ({
      number: issue.iid,
      state: issue.state === 'opened' ? 'open' : 'closed',
      stateReason: null,
      title: issue.title,
      body: issue.description ?? '',
      labels: issue.labels ?? [],
      assignees: (issue.assignees ?? []).map((a) => a.username),
      url: issue.web_url
    }))
  }
}

export interface IssueSyncResult {
  created: number[]
  updated: number[]
  closed: number[]
  reopened: number[]
  /** Operations that failed, with GitLab's answer. */
  failures: string[]
  /** Things a person may want to know (unknown owners, comments not posted). */
  notes: string[]
  /** Set when the token may not write issues: the remaining operations were skipped. */
  forbidden?: string
}

/** Labels to add and remove so an issue carries the desired Threatloop labels and keeps everyone else's. */
function labelChanges(current: readonly string[], desired: readonly string[]): { add: string[]; remove: string[] } {
  const lower = (s: string): string => s.toLowerCase()
  const want = new Set(desired.map(lower))
  const have = new Set(current.map(lower))
  return {
    add: desired.filter((l) => !have.has(lower(l))),
    remove: current.filter((l) => MANAGED_LABEL_PREFIXES.some((p) => lower(l).startsWith(p)) && !want.has(lower(l)))
  }
}

interface IssueEdit {
  number: number
  title?: string
  description?: string
  labels?: string[]
  stateEvent?: 'close' | 'reopen'
  keys: Set<string>
}

/**
 * Carries out the planned operations on GitLab. Operations on the same issue are merged into one
 * edit (update + close = one PUT). Owners become assignees when GitLab knows the username.
 */
export async function applyIssueOperations(client: GitLabClient, projectId: string, operations: readonly IssueOperation[], entities: readonly IssueEntity[]): Promise<IssueSyncResult> {
  const result: IssueSyncResult = { created: [], updated: [], closed: [], reopened: [], failures: [], notes: [] }
  const byNumber = new Map(entities.map((e) => [e.iid, e]))
  const edits = new Map<number, IssueEdit>()
  const creates: Extract<IssueOperation, { op: 'create' }>[] = []
  for (const operation of operations) {
    if (operation.op === 'create') {
      creates.push(operation)
      continue
    }
    const edit = edits.get(operation.number) ?? { number: operation.number, keys: new Set<string>() }
    edit.keys.add(operation.key)
    if (operation.op === 'update') Object.assign(edit, { title: operation.title, description: operation.body, labels: operation.labels })
    else edit.stateEvent = operation.op === 'close' ? 'close' : 'reopen'
    edits.set(operation.number, edit)
  }

  const userIds = new Map<string, number | undefined>()
  const userId = async (username: string): Promise<number | undefined> => {
    if (!userIds.has(username)) {
      const { data } = await client.request<Array<{ id: number; username: string }>>('GET', '/users', { query: { username } })
      userIds.set(username, (Array.isArray(data) ? data : []).find((u) => u.username.toLowerCase() === username.toLowerCase())?.id)
    }
    return userIds.get(username)
  }

  const run = async (what: string, action: () => Promise<void>): Promise<boolean> => {
    if (result.forbidden) return false
    try {
      await action()
      return true
    } catch (error) {
      if (error instanceof GitLabApiError && (error.status === 401 || error.status === 403)) {
        result.forbidden = `GitLab refused to ${what} (HTTP ${error.status}${error.detail ? `: ${error.detail}` : ''}); the token needs the api scope and at least the Reporter role (Developer recommended)`
        return false
      }
      result.failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`)
      return false
    }
  }

  for (const edit of [...edits.values()].sort((a, b) => a.number - b.number)) {
    const current = byNumber.get(edit.number)
    const body: Record<string, unknown> = {}
    if (edit.title !== undefined) body.title = edit.title
    if (edit.description !== undefined) body.description = edit.description
    if (edit.labels) {
      const { add, remove } = labelChanges(current?.labels ?? [], edit.labels)
      if (add.length > 0) body.add_labels = add.join(',')
      if (remove.length > 0) body.remove_labels = remove.join(',')
    }
    if (edit.stateEvent) body.state_event = edit.stateEvent
    const done = await run(`edit issue #${edit.number}`, async () => {
      await client.request('PUT', `${issuesPath(projectId)}/${edit.number}`, { body })
    })
    if (!done) continue
    if (edit.stateEvent === 'close') result.closed.push(edit.number)
    else if (edit.stateEvent === 'reopen') result.reopened.push(edit.number)
    if (edit.description !== undefined) result.updated.push(edit.number)
  }

  for (const create of creates) {
    let assigneeId: number | undefined
    if (create.assignee) {
      const owner = create.assignee
      const found = await run(`look up user ${owner}`, async () => {
        assigneeId = await userId(owner)
      })
      if (found && assigneeId === undefined) result.notes.push(`owner "${owner}" of ${create.key} is not a GitLab username; the issue is unassigned`)
    }
    await run(`open the issue for ${create.key}`, async () => {
      const created = await client.request<IssueEntity>('POST', issuesPath(projectId), {
        body: { title: create.title, description: create.body, labels: create.labels.join(','), ...(assigneeId !== undefined ? { assignee_ids: [assigneeId] } : {}) }
      })
      result.created.push(created.data.iid)
    })
  }
  return result
}
