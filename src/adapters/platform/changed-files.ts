import type { GitRepository } from '../git/git-repository.js'

/** A change set larger than this is not listed (code drift then says it was not checked). */
const MAX_DIFF_BYTES = 64 * 1024 * 1024

/**
 * Which changes count as the change's own:
 * - `merge-base`: a pull/merge request's, from the merge base of the two commits to the head
 *   (`git diff base...head`), so commits that landed on a base branch that moved since are not
 *   shown as the request's changes;
 * - `direct`: a push's, from the commit before the push to the one after (`git diff before after`).
 */
export type DiffRange = 'merge-base' | 'direct'

/**
 * Repository paths changed between two commits, both names of a rename, from `git diff`; undefined
 * when git cannot tell (a commit is missing, a shallow checkout has no merge base, the diff is too
 * large). Shared by every platform whose checkout has both commits; a platform without one may ask
 * its API (PR files, MR diffs, compare) instead.
 */
export async function gitChangedFiles(
  repo: GitRepository,
  base: string,
  head: string,
  range: DiffRange = 'merge-base'
): Promise<string[] | undefined> {
  try {
    // `git diff base...head` spelled out: a shallow checkout without the merge base says so here.
    const from = range === 'merge-base' ? await repo.mergeBase(base, head) : base
    if (from === undefined) return undefined
    const out = await repo.git(['diff', '--name-status', '-z', '-M', '--no-color', '--no-ext-diff', from, head, '--'], {
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
