import { COMMENT_MARKER, commentHash } from '../../core/render/review-markdown.js'
import type { CommentOutcome } from '../platform/platform.js'
import type { GitLabClient } from './gitlab-client.js'

/** The fields of GitLab's Note entity this adapter reads. */
interface NoteEntity {
  id: number
  body: string
  system: boolean
  author: { username: string }
}

export interface UpsertNoteOptions {
  projectId: string
  mergeRequestIid: number
  /** The rendered note, starting with COMMENT_MARKER and carrying its content hash. */
  body: string
  /** False when the review found no semantic change: then no new note is started. */
  worthPosting: boolean
  /** The username the token acts as, asked only when a marked note exists. */
  identity: () => Promise<string | undefined>
}

/**
 * Keeps exactly one Threatloop note on the merge request: found by its hidden marker among
 * user (non-system) notes written by the token's own user, edited only when its content hash
 * changed, created when missing. Notes by anyone else that copy the marker are left alone.
 */
export async function upsertMergeRequestNote(client: GitLabClient, options: UpsertNoteOptions): Promise<CommentOutcome> {
  const notesPath = `/projects/${encodeURIComponent(options.projectId)}/merge_requests/${options.mergeRequestIid}/notes`
  // Oldest first, so the note kept is the first one ever posted; every page is read to catch duplicates.
  const { items } = await client.list<NoteEntity>(notesPath, { sort: 'asc', order_by: 'created_at' })
  const marked = items.filter((note) => note.system === false && typeof note.body === 'string' && note.body.includes(COMMENT_MARKER))
  let mine: NoteEntity[] = []
  if (marked.length > 0) {
    // Only now is the token's identity needed: most runs without an earlier note never ask.
    const me = await options.identity()
    if (me === undefined)
      throw new Error('the identity of the token is unknown (GET /user failed), so Threatloop cannot tell its own note from copies')
    mine = marked.filter((note) => note.author?.username?.toLowerCase() === me.toLowerCase())
  }
  if (mine.length === 0) {
    if (!options.worthPosting) return { action: 'not-needed', deleted: 0 }
    const created = await client.request<NoteEntity>('POST', notesPath, { body: { body: options.body } })
    return { action: 'created', id: created.data.id, deleted: 0 }
  }
  const [primary, ...duplicates] = mine
  // A retried POST can leave a second note behind; remove the extras so there is one note.
  for (const duplicate of duplicates) await client.request('DELETE', `${notesPath}/${duplicate.id}`)
  if (commentHash(primary.body) === commentHash(options.body)) return { action: 'unchanged', id: primary.id, deleted: duplicates.length }
  await client.request('PUT', `${notesPath}/${primary.id}`, { body: { body: options.body } })
  return { action: 'updated', id: primary.id, deleted: duplicates.length }
}
