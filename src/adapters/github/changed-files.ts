import type { GitHubClient } from './client.js'

/** GitHub lists at most this many files of a pull request (REST `pulls/{n}/files`). */
export const GITHUB_PULL_FILES_CAP = 3000

/**
 * Files a pull request changes, from `GET /repos/{o}/{r}/pulls/{n}/files` (100 a page, both names of
 * a rename), for checkouts without both commits. `capped` when GitHub's 3000-file limit was reached.
 * Undefined when the API refuses (drift is then not looked for).
 */
export async function pullRequestFiles(
  client: GitHubClient,
  target: { owner: string; repo: string; number: number }
): Promise<{ files: string[]; capped: boolean } | undefined> {
  try {
    const files = new Set<string>()
    let listed = 0
    for await (const page of client.paginate.iterator(client.rest.pulls.listFiles, {
      owner: target.owner,
      repo: target.repo,
      pull_number: target.number,
      per_page: 100
    })) {
      for (const file of page.data) {
        listed++
        files.add(file.filename)
        if (file.previous_filename) files.add(file.previous_filename)
      }
      if (listed >= GITHUB_PULL_FILES_CAP) break
    }
    return { files: [...files].sort(), capped: listed >= GITHUB_PULL_FILES_CAP }
  } catch {
    return undefined
  }
}
