import { relative, resolve, sep } from 'node:path'
import { normalizeRepositoryPath } from '../../core/config/model-globs.js'
import { GitRepository } from '../git/git-repository.js'
import { folderSnapshot, workingTreeSnapshot, type Snapshot } from '../review/snapshot.js'

/** Where the CLI runs: the git work tree around the working directory, or the folder itself. */
export interface LocalRepository {
  /** The repository root: git's top level, or the working directory outside git. */
  root: string
  /** The repository, when the working directory is inside a git work tree. */
  repo: GitRepository | undefined
  /** The working tree (tracked and untracked, not ignored files), or the folder's files. */
  workingTree: Snapshot
}

/** Finds the repository the working directory belongs to. */
export async function openLocalRepository(cwd: string): Promise<LocalRepository> {
  const probe = new GitRepository(cwd)
  if (await probe.isRepository()) {
    const root = (await probe.git(['rev-parse', '--show-toplevel'])).trim()
    const repo = new GitRepository(root)
    return { root, repo, workingTree: workingTreeSnapshot(repo) }
  }
  const root = resolve(cwd)
  return { root, repo: undefined, workingTree: folderSnapshot(root, '.') }
}

/** A path typed relative to the working directory, as a repository-relative path (or as typed when it leaves the root). */
export function typedToRepositoryPath(cwd: string, root: string, typed: string): string {
  const rel = relative(resolve(root), resolve(cwd, typed)).split(sep).join('/')
  return normalizeRepositoryPath(rel) ?? typed
}
