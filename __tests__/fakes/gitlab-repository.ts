/**
 * The GitLab fake's repository files and commits API (issue 19's history store), served from a
 * GitObjectStore: `GET|HEAD /projects/:id/repository/files/:file_path?ref=`,
 * `GET /projects/:id/repository/branches/:branch`, `POST /projects/:id/repository/commits` with
 * create/update/delete actions. Conflicts answer as GitLab does: 400 with "The file has changed
 * since you started editing it" (an update whose `last_commit_id` is stale), "A file with this name
 * already exists", "A file with this name doesn't exist", and 404 for a missing file or branch.
 */
import { createHash } from 'node:crypto'
import { type CannedReply, route, type Route } from './fake-http.js'
import type { GitObjectStore } from './git-objects.js'

interface RepoCtx {
  query: URLSearchParams
  body: Record<string, unknown>
  token: { username: string }
}

export interface GitLabRepositoryOptions {
  store: GitObjectStore
  projectId: number
  /** Web URL of the project, for web_url fields. */
  projectWeb: () => string
  defaultBranch: string
  now: () => Date
}

const message = (status: number, text: string): CannedReply => ({ status, body: { message: text } })

export function gitLabRepositoryRoutes(o: GitLabRepositoryOptions): Route<RepoCtx>[] {
  const { store } = o
  const P = '/api/v4/projects/{id}'
  const commitJson = (sha: string): Record<string, unknown> => {
    const c = store.commits.get(sha)!
    const [title] = c.message.split('\n')
    const email = `${c.author}@example.com`
    return {
      id: sha,
      short_id: sha.slice(0, 8),
      created_at: c.date,
      parent_ids: c.parents,
      title,
      message: c.message,
      author_name: c.author,
      author_email: email,
      authored_date: c.date,
      committer_name: c.author,
      committer_email: email,
      committed_date: c.date,
      trailers: {},
      extended_trailers: {},
      web_url: `${o.projectWeb()}/-/commit/${sha}`
    }
  }
  const fileMeta = (ref: string, path: string): { headers: Record<string, string>; body: Record<string, unknown> } | CannedReply => {
    const commit = store.commitOf(ref)
    if (!commit) return message(404, '404 Commit Not Found')
    const entry = store.trees.get(commit.tree)?.get(path)
    if (!entry) return message(404, '404 File Not Found')
    const bytes = store.blobs.get(entry.sha) ?? Buffer.alloc(0)
    const last = store.branches.has(ref) ? (store.lastCommitTouching(ref, path) ?? commit.sha) : commit.sha
    const body = {
      file_name: path.split('/').pop() ?? path,
      file_path: path,
      size: bytes.length,
      encoding: 'base64',
      content_sha256: createHash('sha256').update(bytes).digest('hex'),
      ref,
      blob_id: entry.sha,
      commit_id: commit.sha,
      last_commit_id: last,
      execute_filemode: entry.mode === '100755'
    }
    const headers: Record<string, string> = {
      'x-gitlab-encoding': 'base64',
      'x-gitlab-file-name': body.file_name,
      'x-gitlab-file-path': path,
      'x-gitlab-size': String(bytes.length),
      'x-gitlab-ref': ref,
      'x-gitlab-blob-id': entry.sha,
      'x-gitlab-commit-id': commit.sha,
      'x-gitlab-last-commit-id': last,
      'x-gitlab-content-sha256': body.content_sha256,
      'x-gitlab-execute-filemode': String(body.execute_filemode)
    }
    return { headers, body: { ...body, content: bytes.toString('base64') } }
  }
  const isReply = (x: unknown): x is CannedReply => typeof (x as CannedReply).status === 'number'

  return [
    route(
      `GET ${P}/repository/files/{file_path}`,
      (ctx, p) => {
        const ref = ctx.query.get('ref')
        if (!ref) return { status: 400, body: { error: 'ref is missing' } }
        const meta = fileMeta(ref, p.file_path)
        if (isReply(meta)) return meta
        return { status: 200, body: meta.body, headers: meta.headers }
      },
      { query: ['ref'] }
    ),

    route(
      `HEAD ${P}/repository/files/{file_path}`,
      (ctx, p) => {
        const ref = ctx.query.get('ref')
        if (!ref) return { status: 400 }
        const meta = fileMeta(ref, p.file_path)
        if (isReply(meta)) return { status: meta.status }
        return { status: 200, headers: meta.headers }
      },
      { query: ['ref'] }
    ),

    route(`GET ${P}/repository/branches/{branch}`, (_ctx, p) => {
      const sha = store.branches.get(p.branch)
      if (!sha) return message(404, '404 Branch Not Found')
      return {
        status: 200,
        body: {
          name: p.branch,
          commit: commitJson(sha),
          merged: false,
          protected: p.branch === o.defaultBranch,
          developers_can_push: false,
          developers_can_merge: false,
          can_push: true,
          default: p.branch === o.defaultBranch,
          web_url: `${o.projectWeb()}/-/tree/${encodeURIComponent(p.branch)}`
        }
      }
    }),

    route(
      `POST ${P}/repository/commits`,
      (ctx) => {
        store.fire(`POST ${P}/repository/commits`)
        const b = ctx.body
        if (typeof b.branch !== 'string' || b.branch === '') return { status: 400, body: { error: 'branch is missing' } }
        if (typeof b.commit_message !== 'string' || b.commit_message === '')
          return { status: 400, body: { error: 'commit_message is missing' } }
        if (!Array.isArray(b.actions) || b.actions.length === 0) return { status: 400, body: { error: 'actions is missing' } }
        const branch = b.branch
        const start = typeof b.start_branch === 'string' ? b.start_branch : typeof b.start_sha === 'string' ? b.start_sha : undefined
        const exists = store.branches.has(branch)
        if (!exists && start === undefined) return message(400, 'You can only create or edit files when you are on a branch')
        if (exists && start !== undefined && start !== branch)
          return message(400, `A branch called '${branch}' already exists. Switch to that branch in order to make changes`)
        if (!exists && !store.commitOf(start as string)) return message(400, `Invalid reference name: ${String(start)}`)
        const from = exists ? branch : (start as string)
        const files = store.filesAt(from) ?? new Map<string, string>()
        const changes: Record<string, string | null> = {}
        for (const raw of b.actions) {
          const a = (raw ?? {}) as Record<string, unknown>
          const path = a.file_path
          if (typeof path !== 'string' || path === '') return { status: 400, body: { error: 'actions[file_path] is missing' } }
          const present = files.has(path)
          const content =
            typeof a.content === 'string' ? (a.encoding === 'base64' ? Buffer.from(a.content, 'base64').toString('utf8') : a.content) : ''
          if (a.action === 'create') {
            if (present) return message(400, 'A file with this name already exists')
            changes[path] = content
          } else if (a.action === 'update' || a.action === 'delete') {
            if (!present) return message(400, "A file with this name doesn't exist")
            if (typeof a.last_commit_id === 'string' && exists && a.last_commit_id !== store.lastCommitTouching(branch, path))
              return message(400, `The file has changed since you started editing it: ${path}`)
            changes[path] = a.action === 'delete' ? null : content
          } else return { status: 400, body: { error: 'actions[action] does not have a valid value' } }
        }
        const sha = store.commitFiles(branch, changes, b.commit_message, { from, author: ctx.token.username })
        return { status: 201, body: commitJson(sha) }
      },
      {
        body: [
          'branch',
          'commit_message',
          'actions',
          'start_branch',
          'start_sha',
          'start_project',
          'author_email',
          'author_name',
          'stats',
          'force'
        ]
      }
    )
  ]
}
