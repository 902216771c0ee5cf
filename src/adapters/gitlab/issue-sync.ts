import type { CreateIssue, IssueEdit, IssueTracker, TrackedIssue } from '../platform/platform.js'
import type { GitLabClient } from './gitlab-client.js'

/** The fields of GitLab's Issue entity this adapter reads. */
export interface IssueEntity {
  iid: number
  title: string
  description: string | null
  state: 'opened' | 'closed'
  labels: string[]
  assignees?: Array<{ username: string }>
  author?: { username: string } | null
  web_url?: string
  created_at?: string
}

function issuesPath(projectId: string): string {
  return `/projects/${encodeURIComponent(projectId)}/issues`
}

/** Every issue with Threatloop's label, open and closed (closed ones are reopened, never recreated). */
export async function listTrackedIssues(client: GitLabClient, projectId: string, label: string): Promise<TrackedIssue[]> {
  const { items } = await client.list<IssueEntity>(issuesPath(projectId), {
    labels: label,
    state: 'all',
    scope: 'all',
    sort: 'asc',
    order_by: 'created_at'
  })
  return items.map((issue) => ({
    number: issue.iid,
    state: issue.state === 'opened' ? 'open' : 'closed',
    stateReason: null,
    title: issue.title,
    body: issue.description ?? '',
    labels: issue.labels ?? [],
    assignees: (issue.assignees ?? []).map((a) => a.username),
    url: issue.web_url,
    author: issue.author?.username ?? null,
    createdAt: issue.created_at ?? null
  }))
}

/** Labels to add and remove so an issue ends with `wanted` (GitLab edits labels by difference). */
function labelChanges(current: readonly string[], wanted: readonly string[]): { add: string[]; remove: string[] } {
  const lower = (s: string): string => s.toLowerCase()
  const want = new Set(wanted.map(lower))
  const have = new Set(current.map(lower))
  return { add: wanted.filter((l) => !have.has(lower(l))), remove: current.filter((l) => !want.has(lower(l))) }
}

/** GitLab's issues as the pipeline's tracker. Owners become assignees when GitLab knows the username. */
export function gitLabTracker(client: GitLabClient, projectId: string): IssueTracker {
  const userIds = new Map<string, Promise<number | undefined>>()
  const userId = (username: string): Promise<number | undefined> => {
    let id = userIds.get(username.toLowerCase())
    if (!id) {
      id = client
        .request<Array<{ id: number; username: string }>>('GET', '/users', { query: { username } })
        .then(({ data }) => (Array.isArray(data) ? data : []).find((u) => u.username.toLowerCase() === username.toLowerCase())?.id)
      userIds.set(username.toLowerCase(), id)
    }
    return id
  }
  return {
    list: (label) =>
      listTrackedIssues(client, projectId, label).then(
        (issues) => ({ issues }),
        (error: unknown) => ({ error })
      ),
    create: async (op: CreateIssue) => {
      const assigneeId = op.assignee ? await userId(op.assignee) : undefined
      const created = await client.request<IssueEntity>('POST', issuesPath(projectId), {
        body: {
          title: op.title,
          description: op.body,
          labels: op.labels.join(','),
          ...(assigneeId !== undefined ? { assignee_ids: [assigneeId] } : {})
        }
      })
      return { number: created.data.iid, unassigned: op.assignee && assigneeId === undefined ? op.assignee : undefined }
    },
    edit: async (edit: IssueEdit) => {
      const body: Record<string, unknown> = {}
      if (edit.title !== undefined) body.title = edit.title
      if (edit.body !== undefined) body.description = edit.body
      if (edit.labels) {
        const { add, remove } = labelChanges(edit.current?.labels ?? [], edit.labels)
        if (add.length > 0) body.add_labels = add.join(',')
        if (remove.length > 0) body.remove_labels = remove.join(',')
      }
      if (edit.state) body.state_event = edit.state === 'closed' ? 'close' : 'reopen'
      await client.request('PUT', `${issuesPath(projectId)}/${edit.number}`, { body })
    },
    comment: async (number, body) => {
      await client.request('POST', `${issuesPath(projectId)}/${number}/notes`, { body: { body } })
    }
  }
}
