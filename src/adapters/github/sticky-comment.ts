import { COMMENT_MARKER, commentHash } from '../../core/render/review-markdown.js'
import type { CommentOutcome } from '../platform/platform.js'
import { describeError, type GitHubClient } from './client.js'

export interface CommentTarget {
  owner: string
  repo: string
  number: number
}

/**
 * Creates or edits the one sticky comment. Ours = the marker plus our own identity as author (a
 * comment by any other account, bot or person, that copies the marker is left alone). Every page
 * is read; the newest of ours is kept and edited only when its content hash differs; older
 * duplicates are deleted. Nothing is started when the review has nothing to say and there is no
 * earlier comment.
 */
export async function upsertStickyComment(
  client: GitHubClient,
  target: CommentTarget,
  body: string,
  options: { identity: () => Promise<string | undefined>; worthPosting: boolean }
): Promise<CommentOutcome> {
  const { owner, repo } = target
  const marked: { id: number; body: string; author: string }[] = []
  for await (const page of client.paginate.iterator(client.rest.issues.listComments, {
    owner,
    repo,
    issue_number: target.number,
    per_page: 100
  })) {
    for (const comment of page.data)
      if (comment.body?.includes(COMMENT_MARKER))
        marked.push({ id: comment.id, body: comment.body, author: comment.user?.login.toLowerCase() ?? '' })
  }
  let mine: typeof marked = []
  if (marked.length > 0) {
    const me = await options.identity()
    if (me === undefined)
      throw new Error(
        'the identity of the token is unknown (GitHub did not say who it is), so Threatloop cannot tell its own comment from copies; set the `bot-login` input'
      )
    mine = marked.filter((c) => c.author === me.toLowerCase())
  }
  mine.sort((a, b) => b.id - a.id)
  const [newest, ...older] = mine
  let outcome: CommentOutcome
  const hash = commentHash(body)
  if (!newest) {
    if (!options.worthPosting) return { action: 'not-needed', deleted: 0 }
    const { data } = await client.rest.issues.createComment({ owner, repo, issue_number: target.number, body })
    outcome = { action: 'created', id: data.id, deleted: 0 }
  } else if (hash !== undefined && commentHash(newest.body) === hash) {
    outcome = { action: 'unchanged', id: newest.id, deleted: 0 }
  } else {
    const { data } = await client.rest.issues.updateComment({ owner, repo, comment_id: newest.id, body })
    outcome = { action: 'updated', id: data.id, deleted: 0 }
  }
  // Duplicates (from racing runs) go after the newest is current, so a failure here loses nothing.
  for (const duplicate of older) {
    try {
      await client.rest.issues.deleteComment({ owner, repo, comment_id: duplicate.id })
      outcome.deleted++
    } catch (error) {
      // Already gone (a racing run deleted it) is what we wanted anyway.
      if (describeError(error).status !== 404) throw error
    }
  }
  return outcome
}
