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

/** GitHub's compare API lists at most this many files for a whole comparison (first page only). */
export const GITHUB_COMPARE_FILES_CAP = 300

/**
 * Files changed between two commits, from `GET /repos/{o}/{r}/compare/{base}...{head}` (three-dot:
 * from their merge base), for pushes whose checkout lacks a commit. The file list comes on the
 * first page only and stops at 300 for the whole comparison, so one request is enough; `per_page=1`
 * keeps the commit list of that page small. `capped` when the 300 were reached. Undefined when the
 * API refuses.
 */
export async function comparedFiles(
  client: GitHubClient,
  target: { owner: string; repo: string },
  base: string,
  head: string
): Promise<{ files: string[]; capped: boolean } | undefined> {
  try {
    const { data } = await client.rest.repos.compareCommitsWithBasehead({
      owner: target.owner,
      repo: target.repo,
      basehead: `${base}...${head}`,
      per_page: 1
    })
    const files = new Set<string>()
    for (const file of data.files ?? []) {
      files.add(file.filename)
      if (file.previous_filename) files.add(file.previous_filename)
    }
    return { files: [...files].sort(), capped: (data.files ?? []).length >= GITHUB_COMPARE_FILES_CAP }
  } catch {
    return undefined
  }
}
