import type { GitRepository } from '../git/git-repository.js'

/** A change set larger than this is not listed (code drift then says it was not checked). */
const MAX_DIFF_BYTES = 64 * 1024 * 1024

/**
 * Repository paths changed between two commits, both names of a rename, from `git diff`; undefined
 * when git cannot tell (a commit is missing, the diff is too large). Shared by every platform whose
 * checkout has both commits; a platform without one may ask its API (PR files, MR changes) instead.
 */
export async function gitChangedFiles(repo: GitRepository, base: string, head: string): Promise<string[] | undefined> {
  try {
    const out = await repo.git(['diff', '--name-status', '-z', '-M', '--no-color', '--no-ext-diff', base, head, '--'], {
      maxBuffer: MAX_DIFF_BYTES
    })
    const fields = out.split('\0').filter((f) => f !== '')
    const files = new Set<string>()
    for (let i = 0; i < fields.length;) {
      const status = fields[i++]
      const paths = /^[RC]/.test(status) ? 2 : 1
      for (let p = 0; p < paths && i < fields.length; p++) files.add(fields[i++])
    }
    return [...files].sort()
  } catch {
    return undefined
  }
}
