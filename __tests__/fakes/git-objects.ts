/**
 * A small git object store for the fakes' repository-write APIs (the history store of issue 19):
 * blobs, flat trees (path → blob), commits with parents and branches. GitHub's Git Data API and
 * GitLab's files/commits API are served from it. Tests can play "another run" by committing to a
 * branch directly, or by registering a hook that runs just before a given route is handled (to
 * move a branch between an adapter's read and its write).
 */
import { createHash } from 'node:crypto'

export interface TreeEntry {
  mode: string
  sha: string
}

export interface StoredCommit {
  sha: string
  tree: string
  parents: string[]
  message: string
  author: string
  date: string
}

export class GitObjectStore {
  readonly blobs = new Map<string, Buffer>()
  readonly trees = new Map<string, Map<string, TreeEntry>>()
  readonly commits = new Map<string, StoredCommit>()
  /** Branch name → commit sha. */
  readonly branches = new Map<string, string>()
  private readonly hooks: Array<{ route: string; run: () => void }> = []
  private clock = 0

  constructor(private readonly now: () => Date = () => new Date()) {}

  putBlob(content: Buffer | string): string {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
    const sha = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
    this.blobs.set(sha, bytes)
    return sha
  }

  putTree(entries: ReadonlyMap<string, TreeEntry>): string {
    const sorted = [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const sha = createHash('sha1')
      .update(`tree ${sorted.map(([path, e]) => `${e.mode} ${path}\0${e.sha}`).join('')}`)
      .digest('hex')
    this.trees.set(sha, new Map(sorted))
    return sha
  }

  putCommit(tree: string, parents: readonly string[], message: string, author: string): string {
    const date = this.now().toISOString()
    const sha = createHash('sha1')
      .update(`commit ${tree}\n${parents.join(',')}\n${author}\n${date}\n${this.clock++}\n${message}`)
      .digest('hex')
    this.commits.set(sha, { sha, tree, parents: [...parents], message, author, date })
    return sha
  }

  /** The commit a branch name or commit sha names. */
  commitOf(refOrSha: string): StoredCommit | undefined {
    return this.commits.get(this.branches.get(refOrSha) ?? refOrSha)
  }

  /** The files (text) of a branch or commit; undefined when neither exists. */
  filesAt(refOrSha: string): Map<string, string> | undefined {
    const commit = this.commitOf(refOrSha)
    if (!commit) return undefined
    const tree = this.trees.get(commit.tree) ?? new Map<string, TreeEntry>()
    return new Map([...tree.entries()].map(([path, e]) => [path, (this.blobs.get(e.sha) ?? Buffer.alloc(0)).toString('utf8')]))
  }

  isAncestor(ancestor: string, descendant: string): boolean {
    const seen = new Set<string>()
    const queue = [descendant]
    while (queue.length > 0) {
      const sha = queue.shift() as string
      if (sha === ancestor) return true
      if (seen.has(sha)) continue
      seen.add(sha)
      queue.push(...(this.commits.get(sha)?.parents ?? []))
    }
    return false
  }

  /** The newest commit on a branch's first-parent line that changed `path` (GitLab's last_commit_id). */
  lastCommitTouching(branch: string, path: string): string | undefined {
    let commit = this.commitOf(branch)
    while (commit) {
      const here = this.trees.get(commit.tree)?.get(path)?.sha
      const parent = commit.parents[0] ? this.commits.get(commit.parents[0]) : undefined
      const before = parent ? this.trees.get(parent.tree)?.get(path)?.sha : undefined
      if (here !== before) return here === undefined ? undefined : commit.sha
      commit = parent
    }
    return undefined
  }

  /**
   * Commits files to a branch the way a push would (null deletes a file); a new branch starts
   * from `from` (a branch or commit) or, without it, has no parent. Returns the commit sha.
   */
  commitFiles(
    branch: string,
    files: Readonly<Record<string, string | null>>,
    message = 'commit',
    options: { from?: string; author?: string } = {}
  ): string {
    const head = this.branches.get(branch) ?? (options.from ? this.commitOf(options.from)?.sha : undefined)
    const entries = new Map(head ? this.trees.get(this.commits.get(head)!.tree) : undefined)
    for (const [path, text] of Object.entries(files)) {
      if (text === null) entries.delete(path)
      else entries.set(path, { mode: '100644', sha: this.putBlob(text) })
    }
    const sha = this.putCommit(this.putTree(entries), head ? [head] : [], message, options.author ?? 'someone-else')
    this.branches.set(branch, sha)
    return sha
  }

  /** Runs `run` once, just before the next request on `route` (a route template) is handled. */
  beforeNext(route: string, run: () => void): void {
    this.hooks.push({ route, run })
  }

  /** Called by the fakes' handlers: fires the first hook registered for this route. */
  fire(route: string): void {
    const index = this.hooks.findIndex((h) => h.route === route)
    if (index < 0) return
    const [hook] = this.hooks.splice(index, 1)
    hook.run()
  }
}
