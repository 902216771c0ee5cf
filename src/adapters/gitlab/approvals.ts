/**
 * Approvals of a merge request (#21): `GET /projects/:id/merge_requests/:iid/approvals`
 * (`approved_by[].user.username`), the author from `GET /projects/:id/merge_requests/:iid` (their
 * own approval never counts), and the members of groups named in the configuration from
 * `GET /groups/:id/members/all` when the token may read them.
 */
import type { Approval, ApprovalEvidence } from '../../core/value/approvals.js'
import { GitLabApiError, type GitLabClient } from './gitlab-client.js'

/** Pages of group members read per group at most (100 a page). */
export const MAX_GROUP_MEMBER_PAGES = 10

interface ApprovalsEntity {
  approved_by?: { user?: { username?: string } | null }[]
}

interface MergeRequestEntity {
  author?: { username?: string } | null
}

interface MemberEntity {
  username?: string
  state?: string
}

export async function mergeRequestApprovals(
  client: GitLabClient,
  target: { projectId: string; iid: number },
  groups: readonly string[]
): Promise<ApprovalEvidence> {
  const base = `/projects/${encodeURIComponent(target.projectId)}/merge_requests/${target.iid}`
  const { data } = await client.request<ApprovalsEntity>('GET', `${base}/approvals`)
  const logins = [
    ...new Set(
      (Array.isArray(data?.approved_by) ? data.approved_by : [])
        .map((a) => a?.user?.username)
        .filter((u): u is string => typeof u === 'string' && u !== '')
    )
  ]
  if (logins.length === 0) return { approvals: [], unreadableTeams: [] }
  const author = (await client.request<MergeRequestEntity>('GET', base)).data?.author?.username
  const approvals: Approval[] = logins
    .filter((login) => author === undefined || login.toLowerCase() !== author.toLowerCase())
    .sort()
    .map((login) => ({ login, teams: [] }))
  const unreadable: string[] = []
  for (const group of groups) {
    if (approvals.length === 0) break
    let members: MemberEntity[]
    try {
      const wanted = new Set(approvals.map((a) => a.login.toLowerCase()))
      let pages = 0
      members = (
        await client.list<MemberEntity>(`/groups/${encodeURIComponent(group)}/members/all`, {}, (items) => {
          pages++
          return pages >= MAX_GROUP_MEMBER_PAGES || [...wanted].every((w) => items.some((m) => m.username?.toLowerCase() === w))
        })
      ).items
    } catch (error) {
      if (error instanceof GitLabApiError && error.status !== 0 && error.status < 500) {
        unreadable.push(group)
        continue
      }
      throw error
    }
    const active = new Set(members.filter((m) => (m.state ?? 'active') === 'active').map((m) => (m.username ?? '').toLowerCase()))
    for (const approval of approvals) if (active.has(approval.login.toLowerCase())) (approval.teams as string[]).push(group)
  }
  return { approvals, unreadableTeams: unreadable.sort() }
}
