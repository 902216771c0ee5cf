import { execFile, spawn } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** A git failure with the command and git's own words (never a token: commands carry none). */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string
  ) {
    super(`git ${args.join(' ')} failed: ${stderr.trim().split('\n').slice(-2).join(' ') || 'no output'}`)
  }
}

/** Reads files and history of a local git repository with the git command (no shell). */
export class GitRepository {
  constructor(readonly root: string) {}

  async git(args: readonly string[], options: { maxBuffer?: number } = {}): Promise<string> {
    try {
      const { stdout } = await run('git', [...args], { cwd: this.root, maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024, encoding: 'utf8' })
      return stdout
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? (error instanceof Error ? error.message : String(error))
      throw new GitError(args, stderr)
    }
  }

  /** Whether the folder is inside a git work tree. */
  async isRepository(): Promise<boolean> {
    try {
      return (await this.git(['rev-parse', '--is-inside-work-tree'])).trim() === 'true'
    } catch {
      return false
    }
  }

  /** Full commit id of a revision, or undefined when it is not in the local repository. */
  async resolveCommit(revision: string): Promise<string | undefined> {
    try {
      return (await this.git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`])).trim() || undefined
    } catch {
      return undefined
    }
  }

  /** Fetches a commit that a shallow or single-branch checkout does not have yet. */
  async ensureCommit(sha: string, remote = 'origin'): Promise<boolean> {
    if (await this.resolveCommit(sha)) return true
    try {
      await this.git(['fetch', '--no-tags', '--depth=1', remote, sha])
    } catch {
      return false
    }
    return (await this.resolveCommit(sha)) !== undefined
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    try {
      return (await this.git(['merge-base', a, b])).trim() || undefined
    } catch {
      return undefined
    }
  }

  /** The parent of a commit, or undefined for a root commit. */
  async parentOf(commit: string): Promise<string | undefined> {
    return this.resolveCommit(`${commit}^`)
  }

  /** Paths of every file at a commit (repository-relative, forward slashes). */
  async listFiles(commit: string): Promise<string[]> {
    const out = await this.git(['ls-tree', '-r', '-z', '--full-tree', '--name-only', commit])
    return out.split('\0').filter((p) => p !== '')
  }

  /** Paths of files in the working tree that git tracks or would track. */
  async listWorkingTreeFiles(): Promise<string[]> {
    const out = await this.git(['ls-files', '-z', '--cached', '--others', '--exclude-standard'])
    return [...new Set(out.split('\0').filter((p) => p !== ''))]
  }

  /**
   * Repository paths changed between a commit and another commit (or the working tree when `head`
   * is undefined: uncommitted and untracked files included). Both names of a rename are listed.
   * Undefined when git cannot tell (e.g. the base is missing from a shallow clone).
   */
  async changedFiles(base: string, head?: string): Promise<string[] | undefined> {
    try {
      const diff = await this.git(['diff', '--name-only', '--no-renames', '-z', base, ...(head ? [head] : []), '--'], {
        maxBuffer: 256 * 1024 * 1024
      })
      const files = diff.split('\0').filter((p) => p !== '')
      if (!head) files.push(...(await this.git(['ls-files', '-z', '--others', '--exclude-standard'])).split('\0').filter((p) => p !== ''))
      return [...new Set(files)].sort()
    } catch {
      return undefined
    }
  }

  /**
   * Reads many files at a commit in one `git cat-file --batch` process. Files over `maxBytes`
   * are not read: their size is returned instead, so the caller can report them.
   */
  async readFiles(
    commit: string,
    paths: readonly string[],
    maxBytes: number
  ): Promise<Map<string, { content: Uint8Array } | { size: number }>> {
    const result = new Map<string, { content: Uint8Array } | { size: number }>()
    if (paths.length === 0) return result
    // Ask sizes first (cheap), then the contents of the files within the limit.
    const sizes = await this.batch('--batch-check', commit, paths)
    const wanted = paths.filter((p) => {
      const entry = sizes.get(p)
      if (!entry) return false
      if (entry.size > maxBytes) {
        result.set(p, { size: entry.size })
        return false
      }
      return true
    })
    const contents = await this.batch('--batch', commit, wanted)
    for (const [path, entry] of contents) if (entry.content) result.set(path, { content: entry.content })
    return result
  }

  private batch(
    mode: '--batch' | '--batch-check',
    commit: string,
    paths: readonly string[]
  ): Promise<Map<string, { size: number; content?: Uint8Array }>> {
    return new Promise((resolve, reject) => {
      const child = spawn('git', ['cat-file', mode], { cwd: this.root, stdio: ['pipe', 'pipe', 'pipe'] })
      const chunks: Buffer[] = []
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      child.on('error', reject)
      child.on('close', (code) => {
        if (code !== 0) return reject(new GitError(['cat-file', mode], stderr))
        const data = Buffer.concat(chunks)
        const out = new Map<string, { size: number; content?: Uint8Array }>()
        let offset = 0
        for (const path of paths) {
          const newline = data.indexOf(10, offset)
          if (newline < 0) break
          const header = data.subarray(offset, newline).toString('utf8')
          offset = newline + 1
          const parts = header.split(' ')
          if (parts[1] === 'missing' || parts.length < 3) continue
          const size = Number(parts[2])
          if (parts[1] !== 'blob') {
            if (mode === '--batch') offset += size + 1
            continue
          }
          if (mode === '--batch') {
            out.set(path, { size, content: new Uint8Array(data.subarray(offset, offset + size)) })
            offset += size + 1
          } else out.set(path, { size })
        }
        resolve(out)
      })
      // Paths may hold spaces; cat-file reads one object name per line.
      child.stdin.end(paths.map((p) => `${commit}:${p}`).join('\n') + '\n')
    })
  }
}
