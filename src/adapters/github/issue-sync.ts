import type { CreateIssue, IssueEdit, IssueListing, IssueTracker, TrackedIssue } from '../platform/platform.js'
import { describeError, type GitHubClient } from './client.js'

export interface RepositoryTarget {
  owner: string
  repo: string
}

/** Colour and description of the label every Threatloop issue carries (others GitHub creates on use). */
const TOOL_LABEL = { color: '5319e7', description: 'Mitigation tracked by Threatloop from the threat model' }

/** The labelled issues, or the error that stopped the listing (never a rejected promise). */
export function listIssues(client: GitHubClient, target: RepositoryTarget, label: string): Promise<IssueListing> {
  return listLabelledIssues(client, target, label).then(
    (issues): IssueListing => ({ issues }),
    (error: unknown): IssueListing => ({ error })
  )
}

/** Every issue with the tool's label, open and closed, over all pages; pull requests are dropped. */
export async function listLabelledIssues(client: GitHubClient, target: RepositoryTarget, label: string): Promise<TrackedIssue[]> {
  const issues: TrackedIssue[] = []
  for await (const page of client.paginate.iterator(client.rest.issues.listForRepo, {
    owner: target.owner,
    repo: target.repo,
    labels: label,
    state: 'all',
    per_page: 100
  })) {
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
        url: item.html_url,
        author: item.user?.login ?? null,
        createdAt: item.created_at ?? null
      })
    }
  }
  return issues
}

/** GitHub's issues as the pipeline's tracker: listing, label, create, edit, comment. */
export function gitHubTracker(client: GitHubClient, target: RepositoryTarget): IssueTracker {
  const { owner, repo } = target
  // Looks a login up once per run: only real users (not organisations or teams) become assignees.
  const known = new Map<string, Promise<boolean>>()
  const isUser = (login: string): Promise<boolean> => {
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
  return {
    list: (label) => listIssues(client, target, label),
    ensureLabel: async (label, look) => {
      for await (const page of client.paginate.iterator(client.rest.issues.listLabelsForRepo, { owner, repo, per_page: 100 })) {
        if (page.data.some((l) => l.name.toLowerCase() === label.toLowerCase())) return
      }
      try {
        await client.rest.issues.createLabel({ owner, repo, name: label, ...(look ?? TOOL_LABEL) })
      } catch (error) {
        // A racing run created it first: fine. Anything else surfaces on the issue writes.
        if (describeError(error).status !== 422) throw error
      }
    },
    create: async (op: CreateIssue) => {
      const assignee = op.assignee && (await isUser(op.assignee)) ? op.assignee : undefined
      try {
        const { data } = await client.rest.issues.create({
          owner,
          repo,
          title: op.title,
          body: op.body,
          labels: op.labels,
          ...(assignee ? { assignees: [assignee] } : {})
        })
        return { number: data.number, unassigned: assignee ? undefined : op.assignee }
      } catch (error) {
        // A real user who cannot be assigned here (not a collaborator): create it unassigned.
        if (!assignee || describeError(error).status !== 422) throw error
        const { data } = await client.rest.issues.create({ owner, repo, title: op.title, body: op.body, labels: op.labels })
        return { number: data.number, unassigned: assignee }
      }
    },
    edit: async (edit: IssueEdit) => {
      await client.rest.issues.update({
        owner,
        repo,
        issue_number: edit.number,
        ...(edit.title !== undefined ? { title: edit.title } : {}),
        ...(edit.body !== undefined ? { body: edit.body } : {}),
        ...(edit.labels !== undefined ? { labels: edit.labels } : {}),
        ...(edit.state !== undefined ? { state: edit.state } : {}),
        ...(edit.state === 'closed' && edit.reason ? { state_reason: edit.reason } : {})
      })
    },
    comment: async (number, body) => {
      await client.rest.issues.createComment({ owner, repo, issue_number: number, body })
    }
  }
}
