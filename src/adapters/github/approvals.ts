/**
 * Approving reviews of a pull request (#21): `GET /repos/{o}/{r}/pulls/{n}/reviews` over all
 * pages, the latest decisive review per reviewer (COMMENTED and PENDING reviews decide nothing;
 * a dismissed approval turns DISMISSED), and team membership through
 * `GET /orgs/{org}/teams/{team_slug}/memberships/{username}` (state `active`).
 */
import type { Approval, ApprovalEvidence } from '../../core/value/approvals.js'
import { describeError, type GitHubClient } from './client.js'

/** At most this many membership look-ups per run (approving reviewers × teams). */
export const MAX_MEMBERSHIP_REQUESTS = 40

interface ReviewItem {
  user?: { login?: string | null } | null
  state?: string
  commit_id?: string | null
}

export interface PullRequestTarget {
  owner: string
  repo: string
  number: number
  /** The commit reviewed: approvals of earlier commits are stale. */
  headSha: string
  /** The pull request's author: their own approval never counts. */
  author?: string
}

/** Reviewers whose latest decisive review approves: those of the head commit and those of earlier ones. */
export function approvingReviewers(
  reviews: readonly ReviewItem[],
  headSha: string,
  author?: string
): { current: string[]; stale: string[] } {
  const latest = new Map<string, { login: string; state: string; commit: string | null }>()
  for (const review of reviews) {
    const login = review.user?.login
    const state = review.state ?? ''
    if (!login || state === 'COMMENTED' || state === 'PENDING') continue
    latest.set(login.toLowerCase(), { login, state, commit: review.commit_id ?? null })
  }
  const current: string[] = []
  const stale: string[] = []
  for (const { login, state, commit } of latest.values()) {
    if (state !== 'APPROVED' || (author !== undefined && login.toLowerCase() === author.toLowerCase())) continue
    if (commit === headSha) current.push(login)
    else stale.push(login)
  }
  return { current: current.sort(), stale: stale.sort() }
}

/** Lists the pull request's approvals and resolves the named teams (`org/team-slug`) for its approvers. */
export async function pullRequestApprovals(
  client: GitHubClient,
  target: PullRequestTarget,
  teams: readonly string[]
): Promise<ApprovalEvidence> {
  const reviews = (await client.paginate(client.rest.pulls.listReviews, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.number,
    per_page: 100
  })) as ReviewItem[]
  const { current, stale } = approvingReviewers(reviews, target.headSha, target.author)
  const approvals: Approval[] = current.map((login) => ({ login, teams: [] }))
  const unreadable = new Set<string>()
  let budget = MAX_MEMBERSHIP_REQUESTS
  for (const team of teams) {
    const [org, slug, extra] = team.split('/')
    if (!org || !slug || extra !== undefined) {
      unreadable.add(team)
      continue
    }
    for (const approval of approvals) {
      if (budget-- <= 0) {
        unreadable.add(team)
        break
      }
      const member = await membership(client, org, slug, approval.login)
      if (member === 'unreadable') {
        unreadable.add(team)
        break
      }
      if (member) (approval.teams as string[]).push(`${org}/${slug}`)
    }
  }
  return { approvals, staleApprovals: stale, unreadableTeams: [...unreadable].sort() }
}

/**
 * Whether the user is an active member of the team. A 404 is either "not a member" or "no such
 * team / not visible to this token": the team itself is then asked to tell them apart.
 */
async function membership(client: GitHubClient, org: string, slug: string, username: string): Promise<boolean | 'unreadable'> {
  try {
    const { data } = await client.rest.teams.getMembershipForUserInOrg({ org, team_slug: slug, username })
    return data.state === 'active'
  } catch (error) {
    const { status } = describeError(error)
    if (status !== 404) return 'unreadable'
  }
  try {
    await client.rest.teams.getByName({ org, team_slug: slug })
    return false
  } catch {
    return 'unreadable'
  }
}
