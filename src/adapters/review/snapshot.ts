import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { isInsideFolder } from '../fs/repository-files.js'
import type { GitRepository } from '../git/git-repository.js'

/**
 * What a file read returned: its bytes, its size when it was over the limit, or why it was refused
 * (a path that resolves outside the tree, e.g. through a symbolic link).
 */
export type FileRead = { content: Uint8Array } | { size: number } | { refused: string }

/** One side of a change: a commit, the working tree or a plain folder. */
export interface Snapshot {
  /** How reports name this side, e.g. `main (a1b2c3d)`. */
  label: string
  sha?: string
  listFiles(): Promise<string[]>
  readFiles(paths: readonly string[], maxBytes: number): Promise<Map<string, FileRead>>
  /** The commit date (YYYY-MM-DD, committer time) when the side is a commit git can read. */
  commitDate?(): Promise<string | undefined>
}

/** A commit of a local git repository. */
export function commitSnapshot(repo: GitRepository, sha: string, label: string): Snapshot {
  return {
    label,
    sha,
    listFiles: () => repo.listFiles(sha),
    readFiles: (paths, maxBytes) => repo.readFiles(sha, paths, maxBytes),
    commitDate: async () => {
      try {
        const date = (await repo.git(['show', '-s', '--format=%cs', sha])).trim()
        return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined
      } catch {
        return undefined
      }
    }
  }
}

async function readWithin(root: string, realRoot: string, paths: readonly string[], maxBytes: number): Promise<Map<string, FileRead>> {
  const out = new Map<string, FileRead>()
  for (const path of paths) {
    try {
      const absolute = join(root, path)
      const real = await realpath(absolute)
      // Never follow a link out of the tree being reviewed: containment is checked on the resolved path.
      if (!isInsideFolder(realRoot, real)) {
        out.set(path, { refused: `${path} resolves outside the repository (symbolic link?); it is not read` })
        continue
      }
      const info = await stat(real)
      if (!info.isFile()) continue
      out.set(path, info.size > maxBytes ? { size: info.size } : { content: await readFile(real) })
    } catch {
      // Missing or unreadable files are simply absent on this side.
    }
  }
  return out
}

/** The working tree of a git repository (tracked and untracked, not ignored files). */
export function workingTreeSnapshot(repo: GitRepository, label = 'working tree'): Snapshot {
  return {
    label,
    listFiles: () => repo.listWorkingTreeFiles(),
    readFiles: async (paths, maxBytes) => readWithin(repo.root, await realpath(repo.root), paths, maxBytes)
  }
}

/** A plain folder, e.g. the demo's base and head model folders. */
export function folderSnapshot(root: string, label: string): Snapshot {
  return {
    label,
    listFiles: async () => {
      const files: string[] = []
      const walk = async (dir: string): Promise<void> => {
        for (const entry of await readdir(dir, { withFileTypes: true })) {
          if (entry.name === 'node_modules' || entry.name === '.git') continue
          const full = join(dir, entry.name)
          if (entry.isDirectory()) await walk(full)
          else if (entry.isFile()) files.push(relative(root, full).split(sep).join('/'))
        }
      }
      await walk(root)
      return files.sort()
    },
    readFiles: async (paths, maxBytes) => readWithin(root, await realpath(root), paths, maxBytes)
  }
}
