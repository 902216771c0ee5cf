/**
 * The history store's transports (issue 19) against the fake servers: GitHub's Git Data API and
 * GitLab's files/commits API, driven through the one retry loop. The end-to-end runs of the built
 * action and job are in __tests__/github/history-store.test.ts and __tests__/gitlab/history-store.e2e.test.ts.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { createGitHubClient } from '../../src/adapters/github/client.js'
import { gitHubDataBranch } from '../../src/adapters/github/data-branch.js'
import { GitLabClient } from '../../src/adapters/gitlab/gitlab-client.js'
import { gitLabDataBranch } from '../../src/adapters/gitlab/data-branch.js'
import { updateDataBranchWithRetries } from '../../src/adapters/platform/history-store.js'
import type { DataBranchRequest, DataBranchTransport } from '../../src/adapters/platform/platform.js'
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js'
import { startFakeGitLab, type FakeGitLab } from '../fakes/gitlab-server.js'

const BRANCH = 'threatloop-data'

/** Appends `line` to log.txt unless it is there; writes page.html beside it. */
function appendLine(line: string): DataBranchRequest {
  return {
    branch: BRANCH,
    read: ['log.txt'],
    update: (state) => {
      const text = state.files['log.txt'] ?? ''
      if (text.split('\n').includes(line)) return null
      const next = `${text}${line}\n`
      return { files: { 'log.txt': next, 'page.html': `<p>${next.trim().split('\n').length} lines</p>` }, message: `add ${line}` }
    }
  }
}

interface Harness {
  transport: () => DataBranchTransport<unknown>
  files: () => Map<string, string> | undefined
  writes: () => number
  /** Another run appends a line directly on the branch. */
  concurrent: (line: string) => void
  /** Runs `run` once, just before the write that can conflict (ref update, commit) reaches the server. */
  beforeWrite: (run: () => void) => void
  readOnly: () => DataBranchTransport<unknown>
  close: () => Promise<void>
}

async function gitHub(): Promise<Harness> {
  const gh: FakeGitHub = await startFakeGitHub()
  const target = { owner: gh.owner, repo: gh.repo }
  return {
    transport: () => gitHubDataBranch(createGitHubClient('ghs_write_token', gh.url), target, 'main'),
    readOnly: () => gitHubDataBranch(createGitHubClient('ghs_read_only_token', gh.url), target, 'main'),
    files: () => gh.git.filesAt(BRANCH),
    writes: () => gh.writes().length,
    concurrent: (line) => gh.git.commitFiles(BRANCH, { 'log.txt': `${gh.git.filesAt(BRANCH)?.get('log.txt') ?? ''}${line}\n` }),
    beforeWrite: (run) => gh.git.beforeNext('PATCH /repos/{owner}/{repo}/git/refs/{ref+}', run),
    close: () => gh.close()
  }
}

async function gitLab(): Promise<Harness> {
  const gl: FakeGitLab = await startFakeGitLab()
  const client = (token: string) =>
    new GitLabClient({ apiUrl: gl.apiUrl, credentials: { kind: 'access-token', value: token }, attempts: 1 })
  return {
    transport: () => gitLabDataBranch(client('glpat-project-bot'), String(gl.projectId), 'main'),
    readOnly: () => gitLabDataBranch(client('glpat-guest'), String(gl.projectId), 'main'),
    files: () => gl.git.filesAt(BRANCH),
    writes: () => gl.writes().length,
    concurrent: (line) => gl.git.commitFiles(BRANCH, { 'log.txt': `${gl.git.filesAt(BRANCH)?.get('log.txt') ?? ''}${line}\n` }),
    beforeWrite: (run) => gl.git.beforeNext('POST /api/v4/projects/{id}/repository/commits', run),
    close: () => gl.close()
  }
}

let open: Harness | undefined
afterEach(async () => {
  await open?.close()
  open = undefined
})

describe.each([
  ['GitHub', gitHub],
  ['GitLab', gitLab]
])('%s data branch', (_name, start) => {
  test('the first write creates the branch; the same line again writes nothing; a new line is appended', async () => {
    const h = (open = await start())
    expect(await updateDataBranchWithRetries(h.transport(), appendLine('a'))).toMatchObject({ action: 'created', attempts: 1 })
    expect(h.files()?.get('log.txt')).toBe('a\n')
    expect(h.files()?.get('page.html')).toBe('<p>1 lines</p>')
    const writes = h.writes()
    expect(await updateDataBranchWithRetries(h.transport(), appendLine('a'))).toMatchObject({ action: 'unchanged' })
    expect(h.writes()).toBe(writes)
    expect(await updateDataBranchWithRetries(h.transport(), appendLine('b'))).toMatchObject({ action: 'updated', attempts: 1 })
    expect(h.files()?.get('log.txt')).toBe('a\nb\n')
    expect(h.files()?.get('page.html')).toBe('<p>2 lines</p>')
  })

  test('another run writing between the read and the write: re-read, retried, no line lost or doubled', async () => {
    const h = (open = await start())
    await updateDataBranchWithRetries(h.transport(), appendLine('a'))
    let fired = 0
    // The concurrent run lands just before our write reaches the server.
    h.beforeWrite(() => {
      fired++
      h.concurrent('other')
    })
    const outcome = await updateDataBranchWithRetries(h.transport(), appendLine('b'))
    expect(fired).toBe(1)
    expect(outcome).toMatchObject({ action: 'updated', attempts: 2 })
    expect(h.files()?.get('log.txt')).toBe('a\nother\nb\n')
  })

  test('a branch that keeps moving gives up after the bounded attempts with a clear error', async () => {
    const h = (open = await start())
    await updateDataBranchWithRetries(h.transport(), appendLine('a'))
    for (let i = 0; i < 3; i++) h.beforeWrite(() => h.concurrent(`other-${i}`))
    await expect(updateDataBranchWithRetries(h.transport(), appendLine('b'), 3)).rejects.toThrow(/kept moving.*3 attempts/)
    expect(h.files()?.get('log.txt')).toBe('a\nother-0\nother-1\nother-2\n')
  })

  test('a token that may not write: the error carries the 403 and nothing is written', async () => {
    const h = (open = await start())
    await expect(updateDataBranchWithRetries(h.readOnly(), appendLine('a'))).rejects.toMatchObject({ status: 403 })
    expect(h.files()).toBeUndefined()
  })

  test('the default branch is refused as the history branch', async () => {
    const h = (open = await start())
    await expect(updateDataBranchWithRetries(h.transport(), { ...appendLine('a'), branch: 'main' })).rejects.toThrow(
      /is the default branch/
    )
  })
})
