import type { FileRead, Snapshot } from '../review/snapshot.js'
import { describeError, type GitHubClient } from './client.js'
import type { RepositoryTarget } from './issue-sync.js'

/**
 * A commit read through the REST API, for when the checkout cannot provide it (no git, or the
 * commit could not be fetched). Files are listed with the recursive git tree; when that is not
 * available the `fallbackPaths` (the other side's files) are tried, so files that exist only on
 * this side are missed, which the review then reports as absent rather than guessing.
 */
export function contentsSnapshot(
  client: GitHubClient,
  target: RepositoryTarget,
  sha: string,
  label: string,
  fallbackPaths: () => Promise<string[]>
): Snapshot {
  let listing: Promise<string[]> | undefined
  // The configuration is read twice (issue settings, then the review); ask GitHub once.
  const reads = new Map<string, Promise<FileRead | undefined>>()
  const readOne = (path: string, maxBytes: number): Promise<FileRead | undefined> => {
    let read = reads.get(path)
    if (!read) {
      read = (async () => {
        try {
          const { data } = await client.rest.repos.getContent({ ...target, path, ref: sha })
          if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined
          return data.size > maxBytes ? { size: data.size } : { content: new Uint8Array(Buffer.from(data.content, 'base64')) }
        } catch (error) {
          // Absent on this side (404) is an answer; anything else is not.
          if (describeError(error).status !== 404) throw error
          return undefined
        }
      })()
      reads.set(path, read)
    }
    return read
  }
  return {
    label,
    sha,
    listFiles: () => {
      listing ??= (async () => {
        try {
          const { data } = await client.rest.git.getTree({ ...target, tree_sha: sha, recursive: 'true' })
          if (!data.truncated)
            return data.tree
              .filter((e) => e.type === 'blob' && e.path)
              .map((e) => e.path)
              .sort()
        } catch (error) {
          if (describeError(error).status === undefined) throw error
        }
        return fallbackPaths()
      })()
      return listing
    },
    readFiles: async (paths, maxBytes) => {
      const out = new Map<string, FileRead>()
      for (const path of paths) {
        const read = await readOne(path, maxBytes)
        if (read) out.set(path, 'content' in read && read.content.length > maxBytes ? { size: read.content.length } : read)
      }
      return out
    }
  }
}
