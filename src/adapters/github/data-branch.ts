/**
 * The history store's transport on GitHub (issue 19): the Git Data API. Read: the branch's ref,
 * its tree, the blobs asked for. Write: a tree on the old one (the files inline), a commit whose
 * parent is the commit read, then a fast-forward-only ref update (422 = another run moved the branch). A
 * missing branch is created as an orphan commit holding only the data files.
 */
import type { DataBranchTransport } from '../platform/platform.js'
import { describeError, type GitHubClient } from './client.js'

/** Largest data file read back (GitHub's blob API serves up to 100 MB). */
const DATA_FILE_BYTES_MAX = 64 * 1024 * 1024

interface ReadToken {
  /** The commit the branch pointed at when read; undefined when the branch did not exist. */
  parent?: string
  tree?: string
}

const statusOf = (error: unknown): number | undefined => describeError(error).status

export function gitHubDataBranch(
  client: GitHubClient,
  target: { owner: string; repo: string },
  defaultBranch: string | undefined
): DataBranchTransport<ReadToken> {
  return {
    read: async (branch, files) => {
      if (branch === defaultBranch)
        throw new Error(`the history branch "${branch}" is the default branch; name a branch of its own (input history-branch)`)
      let parent: string
      try {
        parent = (await client.rest.git.getRef({ ...target, ref: `heads/${branch}` })).data.object.sha
      } catch (error) {
        if (statusOf(error) === 404) return { state: { exists: false, files: {} }, token: {} }
        throw error
      }
      const tree = (await client.rest.git.getTree({ ...target, tree_sha: parent })).data
      const found: Record<string, string | undefined> = {}
      for (const path of files) {
        const entry = tree.tree.find((e) => e.path === path && e.type === 'blob' && e.sha)
        if (!entry?.sha) continue
        if ((entry.size ?? 0) > DATA_FILE_BYTES_MAX)
          throw new Error(`${path} on branch ${branch} is ${entry.size} bytes, more than Threatloop reads back (${DATA_FILE_BYTES_MAX})`)
        const blob = (await client.rest.git.getBlob({ ...target, file_sha: entry.sha })).data
        found[path] = Buffer.from(blob.content, blob.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8')
      }
      return { state: { exists: true, files: found }, token: { parent, tree: tree.sha } }
    },
    write: async (branch, token, change) => {
      // The files go inline in the tree (GitHub writes their blobs): Octokit spaces writes a second apart.
      const entries = Object.entries(change.files).map(([path, content]) => ({
        path,
        mode: '100644' as const,
        type: 'blob' as const,
        content
      }))
      const tree = await client.rest.git.createTree({ ...target, tree: entries, ...(token.tree ? { base_tree: token.tree } : {}) })
      const commit = await client.rest.git.createCommit({
        ...target,
        message: change.message,
        tree: tree.data.sha,
        parents: token.parent ? [token.parent] : []
      })
      try {
        if (token.parent) await client.rest.git.updateRef({ ...target, ref: `heads/${branch}`, sha: commit.data.sha, force: false })
        else await client.rest.git.createRef({ ...target, ref: `refs/heads/${branch}`, sha: commit.data.sha })
      } catch (error) {
        // 422: not a fast forward, the reference already exists or no longer exists — the branch moved.
        if (statusOf(error) === 422) return { conflict: true }
        throw error
      }
      return { conflict: false, commit: commit.data.sha }
    }
  }
}
