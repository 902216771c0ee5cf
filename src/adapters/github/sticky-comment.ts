import { COMMENT_MARKER, commentHash } from '../../core/render/review-markdown.js'
import { describeError, type GitHubClient } from './client.js'

export interface CommentTarget {
  owner: string
  repo: string
  number: number
}

export interface CommentOutcome {
  action: 'created' | 'updated' | 'unchanged'
  id: number
  /** Older duplicates removed. */
  deleted: number[]
}

interface ListedComment {
  id: number
  body?: string
  user: { login: string; type: string } | null
}

/**
 * Threatloop's own comments among the listed ones: they carry the marker and were written by a bot
 * (GITHUB_TOKEN posts as github-actions[bot], a GitHub App as `<app>[bot]`). When only people's
 * comments carry the marker, the token may be a personal one: ask who it is, once.
 */
async function ownComments(client: GitHubClient, marked: ListedComment[]): Promise<ListedComment[]> {
  const bots = marked.filter((c) => c.user?.type === 'Bot')
  if (bots.length > 0 || marked.length === 0) return bots
  try {
    const { data } = await client.rest.users.getAuthenticated()
    return marked.filter((c) => c.user?.login === data.login)
  } catch {
    // Installation tokens may not read /user: then no person's comment is ours.
    return []
  }
}

/**
 * Creates or edits the one sticky comment: found by marker and bot author over every page, the
 * newest is kept and edited only when its content hash differs; older duplicates are deleted.
 */
export async function upsertStickyComment(client: GitHubClient, target: CommentTarget, body: string): Promise<CommentOutcome> {
  const marked: ListedComment[] = []
  for await (const page of client.paginate.iterator(client.rest.issues.listComments, { ...target, issue_number: target.number, per_page: 100 })) {
    for (const comment of page.data) if (comment.body?.includes(COMMENT_MARKER)) marked.push({ id: comment.id, body: comment.body, user: comment.user ? { login: comment.user.login, type: comment.user.type } : null })
  }
  const mine = (await ownComments(client, marked)).sort((a, b) => b.id - a.id)
  const [newest, ...older] = mine
  let outcome: CommentOutcome
  const hash = commentHash(body)
  if (!newest) {
    const { data } = await client.rest.issues.createComment({ ...target, issue_number: target.number, body })
    outcome = { action: 'created', id: data.id, deleted: [] }
  } else if (hash !== undefined && commentHash(newest.body ?? '') === hash) {
    outcome = { action: 'unchanged', id: newest.id, deleted: [] }
  } else {
    const { data } = await client.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: newest.id, body })
    outcome = { action: 'updated', id: data.id, deleted: [] }
  }
  // Duplicates (from racing runs) go after the newest is current, so a failure here loses nothing.
  for (const duplicate of older) {
    try {
      await client.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: duplicate.id })
      outcome.deleted.push(duplicate.id)
    } catch (error) {
      // Already gone (a racing run deleted it) is what we wanted anyway.
      if (describeError(error).status !== 404) throw error
    }
  }
  return outcome
}
