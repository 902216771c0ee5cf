/**
 * The history store's transport on GitLab (issue 19): the repository files and commits API.
 * Read: `GET …/repository/files/:path?ref=branch` (content and the file's `last_commit_id`).
 * Write: one `POST …/repository/commits` with a create/update action per file; an update carries
 * the `last_commit_id` read, so a commit another run made meanwhile is refused (400) and re-read.
 * A missing branch is created by that same commit, started from the default branch (GitLab's API
 * cannot create a branch without history).
 */
import type { DataBranchTransport } from '../platform/platform.js'
import { GitLabApiError, type GitLabClient } from './gitlab-client.js'

interface ReadToken {
  exists: boolean
  /** The files read (present or not). */
  read: readonly string[]
  /** `last_commit_id` of each file read that exists. */
  lastCommit: Record<string, string>
}

interface RepositoryFile {
  content?: string
  encoding?: string
  last_commit_id?: string
  size?: number
}

/** Largest data file read back. */
const DATA_FILE_BYTES_MAX = 64 * 1024 * 1024
/** GitLab's answers (400) when a commit's actions no longer fit the branch: another run wrote first. */
const CONFLICT = /changed since|already exists|doesn't exist|does not exist|on a branch/i

const notFound = (error: unknown): boolean => error instanceof GitLabApiError && error.status === 404

export function gitLabDataBranch(
  client: GitLabClient,
  projectId: string,
  defaultBranch: string | undefined
): DataBranchTransport<ReadToken> {
  const project = `/projects/${encodeURIComponent(projectId)}`
  const file = (path: string): string => `${project}/repository/files/${encodeURIComponent(path)}`
  return {
    read: async (branch, files) => {
      if (branch === defaultBranch)
        throw new Error(`the history branch "${branch}" is the default branch; name a branch of its own (input history-branch)`)
      const found: Record<string, string | undefined> = {}
      const lastCommit: Record<string, string> = {}
      let missing = false
      for (const path of files) {
        try {
          const { data } = await client.request<RepositoryFile>('GET', file(path), { query: { ref: branch } })
          if ((data.size ?? 0) > DATA_FILE_BYTES_MAX)
            throw new Error(`${path} on branch ${branch} is ${data.size} bytes, more than Threatloop reads back (${DATA_FILE_BYTES_MAX})`)
          found[path] = Buffer.from(data.content ?? '', data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8')
          if (data.last_commit_id) lastCommit[path] = data.last_commit_id
        } catch (error) {
          if (!notFound(error)) throw error
          missing = true
        }
      }
      // A file is missing: the branch itself may be.
      let exists = true
      if (missing) {
        try {
          await client.request('GET', `${project}/repository/branches/${encodeURIComponent(branch)}`)
        } catch (error) {
          if (!notFound(error)) throw error
          exists = false
        }
      }
      return { state: { exists, files: found }, token: { exists, read: files, lastCommit } }
    },
    write: async (branch, token, change) => {
      const actions = []
      for (const [path, content] of Object.entries(change.files)) {
        const last = token.lastCommit[path]
        let present = last !== undefined
        if (!present && token.exists && !token.read.includes(path)) {
          // A file this update did not read: its presence decides create or update.
          try {
            await client.request('HEAD', file(path), { query: { ref: branch } })
            present = true
          } catch (error) {
            if (!notFound(error)) throw error
          }
        }
        actions.push({ action: present ? 'update' : 'create', file_path: path, content, ...(last ? { last_commit_id: last } : {}) })
      }
      try {
        const { data } = await client.request<{ id?: string }>('POST', `${project}/repository/commits`, {
          body: {
            branch,
            // The data branch starts as a copy of the default branch (with its CI configuration): no pipeline for these commits.
            commit_message: `${change.message}\n\n[skip ci]`,
            actions,
            ...(token.exists ? {} : { start_branch: defaultBranch ?? 'main' })
          }
        })
        return { conflict: false, commit: typeof data?.id === 'string' ? data.id : undefined }
      } catch (error) {
        if (error instanceof GitLabApiError && error.status === 400 && CONFLICT.test(error.detail)) return { conflict: true }
        throw error
      }
    }
  }
}
