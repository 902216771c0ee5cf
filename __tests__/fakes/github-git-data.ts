/**
 * The GitHub fake's Git Data API (issue 19's history store), served from a GitObjectStore:
 * `GET /git/ref/{ref}`, `GET /git/trees/{sha}` (tree, commit or branch), `GET /git/blobs/{sha}`,
 * `POST /git/blobs|trees|commits|refs`, `PATCH /git/refs/{ref}`. Status codes and bodies as
 * GitHub answers: 404 for a missing ref, 422 "Update is not a fast forward",
 * "Reference already exists", "Reference does not exist".
 */
import { type CannedReply, route, type Route } from './fake-http.js'
import type { GitObjectStore, TreeEntry } from './git-objects.js'

interface GitCtx {
  query: URLSearchParams
  body: unknown
  token: { login: string }
}

type Json = Record<string, unknown>

const DOCS = 'https://docs.github.com/rest/git'

const fail = (status: number, message: string, doc: string): CannedReply => ({
  status,
  body: { message, documentation_url: `${DOCS}/${doc}`, status: String(status) }
})

const asObject = (body: unknown): Json => (body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : {})

export interface GitDataOptions {
  store: GitObjectStore
  /** API root, e.g. http://127.0.0.1:port (known once the server listens). */
  api: () => string
  owner: string
  repo: string
  htmlBase: string
  /** Told when a branch moves, so other routes (contents API) see its files. */
  onBranchChange: (branch: string, files: Map<string, string>) => void
}

export function gitDataRoutes(o: GitDataOptions): Route<GitCtx>[] {
  const { store } = o
  const repoApi = (): string => `${o.api()}/repos/${o.owner}/${o.repo}`
  const refJson = (branch: string, sha: string): Json => ({
    ref: `refs/heads/${branch}`,
    node_id: `REF_kwDOFake${Buffer.from(branch).toString('hex').slice(0, 16)}`,
    url: `${repoApi()}/git/refs/heads/${branch}`,
    object: { type: 'commit', sha, url: `${repoApi()}/git/commits/${sha}` }
  })
  const treeJson = (sha: string): Json => ({
    sha,
    url: `${repoApi()}/git/trees/${sha}`,
    tree: [...(store.trees.get(sha) ?? new Map<string, TreeEntry>()).entries()].map(([path, e]) => ({
      path,
      mode: e.mode,
      type: 'blob',
      sha: e.sha,
      size: store.blobs.get(e.sha)?.length ?? 0,
      url: `${repoApi()}/git/blobs/${e.sha}`
    })),
    truncated: false
  })
  const person = (login: string, date: string): Json => ({
    name: login,
    email: `${login.replace(/\[bot\]$/, '')}@users.noreply.github.com`,
    date
  })
  const commitJson = (sha: string): Json => {
    const c = store.commits.get(sha)!
    return {
      sha,
      node_id: `C_kwDOFake${sha.slice(0, 12)}`,
      url: `${repoApi()}/git/commits/${sha}`,
      html_url: `${o.htmlBase}/${o.owner}/${o.repo}/commit/${sha}`,
      author: person(c.author, c.date),
      committer: person(c.author, c.date),
      message: c.message,
      tree: { sha: c.tree, url: `${repoApi()}/git/trees/${c.tree}` },
      parents: c.parents.map((p) => ({
        sha: p,
        url: `${repoApi()}/git/commits/${p}`,
        html_url: `${o.htmlBase}/${o.owner}/${o.repo}/commit/${p}`
      })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null }
    }
  }
  const moved = (branch: string): void => o.onBranchChange(branch, store.filesAt(branch) ?? new Map<string, string>())
  const branchOf = (ref: string): string | undefined => /^(?:refs\/)?heads\/(.+)$/.exec(ref)?.[1]

  return [
    route('GET /repos/{owner}/{repo}/git/ref/{ref+}', (_ctx, p) => {
      store.fire('GET /repos/{owner}/{repo}/git/ref/{ref+}')
      const branch = branchOf(p.ref)
      const sha = branch === undefined ? undefined : store.branches.get(branch)
      if (!branch || !sha) return fail(404, 'Not Found', 'refs#get-a-reference')
      return { status: 200, body: refJson(branch, sha) }
    }),

    route('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', (_ctx, p) => {
      const bytes = store.blobs.get(p.file_sha)
      if (!bytes) return fail(404, 'Not Found', 'blobs#get-a-blob')
      const content = (bytes.toString('base64').match(/.{1,60}/g) ?? []).join('\n') + '\n'
      return {
        status: 200,
        body: {
          sha: p.file_sha,
          node_id: `B_kwDOFake${p.file_sha.slice(0, 12)}`,
          size: bytes.length,
          url: `${repoApi()}/git/blobs/${p.file_sha}`,
          content,
          encoding: 'base64'
        }
      }
    }),

    route(
      'POST /repos/{owner}/{repo}/git/blobs',
      (ctx) => {
        const b = asObject(ctx.body)
        if (typeof b.content !== 'string') return fail(422, 'Invalid request.\n\n"content" wasn\'t supplied.', 'blobs#create-a-blob')
        const encoding = b.encoding ?? 'utf-8'
        if (encoding !== 'utf-8' && encoding !== 'base64') return fail(422, `encoding must be utf-8 or base64`, 'blobs#create-a-blob')
        const sha = store.putBlob(encoding === 'base64' ? Buffer.from(b.content, 'base64') : Buffer.from(b.content, 'utf8'))
        return { status: 201, body: { url: `${repoApi()}/git/blobs/${sha}`, sha }, headers: { location: `${repoApi()}/git/blobs/${sha}` } }
      },
      { body: ['content', 'encoding'] }
    ),

    route(
      'POST /repos/{owner}/{repo}/git/trees',
      (ctx) => {
        const b = asObject(ctx.body)
        const doc = 'trees#create-a-tree'
        if (!Array.isArray(b.tree)) return fail(422, 'Invalid request.\n\n"tree" wasn\'t supplied.', doc)
        let entries = new Map<string, { mode: string; sha: string }>()
        if (b.base_tree !== undefined) {
          const base = typeof b.base_tree === 'string' ? store.trees.get(b.base_tree) : undefined
          if (!base) return fail(422, 'Invalid tree info', doc)
          entries = new Map(base)
        }
        for (const raw of b.tree) {
          const e = asObject(raw)
          if (
            typeof e.path !== 'string' ||
            e.path === '' ||
            e.path.startsWith('/') ||
            e.type !== 'blob' ||
            !['100644', '100755'].includes(String(e.mode))
          )
            return fail(422, 'Invalid tree info', doc)
          if (e.sha === null) entries.delete(e.path)
          else if (typeof e.content === 'string') entries.set(e.path, { mode: String(e.mode), sha: store.putBlob(e.content) })
          else if (typeof e.sha === 'string' && store.blobs.has(e.sha)) entries.set(e.path, { mode: String(e.mode), sha: e.sha })
          else return fail(422, `tree.sha ${JSON.stringify(e.sha)} is not a valid blob`, doc)
        }
        const sha = store.putTree(entries)
        return { status: 201, body: treeJson(sha), headers: { location: `${repoApi()}/git/trees/${sha}` } }
      },
      { body: ['tree', 'base_tree'] }
    ),

    route(
      'POST /repos/{owner}/{repo}/git/commits',
      (ctx) => {
        const b = asObject(ctx.body)
        const doc = 'commits#create-a-commit'
        if (typeof b.message !== 'string' || b.message === '') return fail(422, 'Invalid request.\n\n"message" wasn\'t supplied.', doc)
        if (typeof b.tree !== 'string' || !store.trees.has(b.tree)) return fail(422, 'Tree SHA does not exist', doc)
        const parents = b.parents === undefined ? [] : b.parents
        if (!Array.isArray(parents) || parents.some((p) => typeof p !== 'string' || !store.commits.has(p)))
          return fail(422, 'Parent SHA does not exist or is not a commit object', doc)
        const sha = store.putCommit(b.tree, parents as string[], b.message, ctx.token.login)
        return { status: 201, body: commitJson(sha), headers: { location: `${repoApi()}/git/commits/${sha}` } }
      },
      { body: ['message', 'tree', 'parents', 'author', 'committer', 'signature'] }
    ),

    route(
      'POST /repos/{owner}/{repo}/git/refs',
      (ctx) => {
        store.fire('POST /repos/{owner}/{repo}/git/refs')
        const b = asObject(ctx.body)
        const doc = 'refs#create-a-reference'
        const branch = typeof b.ref === 'string' && b.ref.startsWith('refs/') ? branchOf(b.ref) : undefined
        if (!branch) return fail(422, `${String(b.ref)} is not a valid ref name.`, doc)
        if (typeof b.sha !== 'string' || !store.commits.has(b.sha)) return fail(422, 'Object does not exist', doc)
        if (store.branches.has(branch)) return fail(422, 'Reference already exists', doc)
        store.branches.set(branch, b.sha)
        moved(branch)
        return { status: 201, body: refJson(branch, b.sha), headers: { location: `${repoApi()}/git/refs/heads/${branch}` } }
      },
      { body: ['ref', 'sha'] }
    ),

    route(
      'PATCH /repos/{owner}/{repo}/git/refs/{ref+}',
      (ctx, p) => {
        store.fire('PATCH /repos/{owner}/{repo}/git/refs/{ref+}')
        const b = asObject(ctx.body)
        const doc = 'refs#update-a-reference'
        const branch = branchOf(p.ref)
        const current = branch === undefined ? undefined : store.branches.get(branch)
        if (!branch || !current) return fail(422, 'Reference does not exist', doc)
        if (typeof b.sha !== 'string' || !store.commits.has(b.sha)) return fail(422, 'Object does not exist', doc)
        if (b.force !== true && !store.isAncestor(current, b.sha)) return fail(422, 'Update is not a fast forward', doc)
        store.branches.set(branch, b.sha)
        moved(branch)
        return { status: 200, body: refJson(branch, b.sha) }
      },
      { body: ['sha', 'force'] }
    )
  ]
}

/** The store's answer to `GET /git/trees/{sha}` for a tree, commit or branch it holds; undefined otherwise. */
export function storedTree(o: Pick<GitDataOptions, 'store' | 'api' | 'owner' | 'repo'>, treeish: string): CannedReply | undefined {
  const sha = o.store.trees.has(treeish) ? treeish : o.store.commitOf(treeish)?.tree
  const tree = sha === undefined ? undefined : o.store.trees.get(sha)
  if (sha === undefined || !tree) return undefined
  const repoApi = `${o.api()}/repos/${o.owner}/${o.repo}`
  return {
    status: 200,
    body: {
      sha,
      url: `${repoApi}/git/trees/${sha}`,
      tree: [...tree.entries()].map(([path, e]) => ({
        path,
        mode: e.mode,
        type: 'blob',
        sha: e.sha,
        size: o.store.blobs.get(e.sha)?.length ?? 0,
        url: `${repoApi}/git/blobs/${e.sha}`
      })),
      truncated: false
    }
  }
}
