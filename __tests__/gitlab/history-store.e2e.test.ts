/**
 * The history store (issue 19) end to end: the built `threatloop gitlab` job on default-branch
 * and merge request pipelines against the fake GitLab's files and commits API.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import type { SnapshotLine } from '../../src/core/history/snapshot.js'
import { type FakeGitLab, startFakeGitLab } from '../fakes/gitlab-server.js'
import { DEMO_BASE, DEMO_HEAD, defaultBranchEnv, mergeRequestEnv, MODEL_PATH, routesOf, runJob, TempRepo } from './harness.js'

const BRANCH = 'threatloop-data'
const SETTINGS = { THREATLOOP_HISTORY: 'branch', THREATLOOP_ISSUES: 'off', THREATLOOP_FAIL_ON: 'none' }
const COMMITS = 'POST /api/v4/projects/{id}/repository/commits'

let gl: FakeGitLab
let repo: TempRepo

beforeEach(async () => {
  gl = await startFakeGitLab()
  repo = new TempRepo()
})
afterEach(async () => {
  const unhandled = gl.unhandled.map((r) => `${r.method} ${r.path}`)
  await gl.close()
  repo.remove()
  if (unhandled.length > 0) throw new Error(`requests no fake route handled: ${unhandled.join(', ')}`)
})

const historyLines = (): SnapshotLine[] =>
  (gl.git.filesAt(BRANCH)?.get('history.jsonl') ?? '')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as SnapshotLine)
const repositoryRoutes = (from: number): string[] => routesOf(gl, from).filter((r) => r.includes('/repository/'))

describe('history store on GitLab (dist)', () => {
  test('first pipeline creates the branch from the default branch with one line and index.html; a re-run writes nothing; the next commit adds a line', async () => {
    const first = repo.commit({ [MODEL_PATH]: DEMO_BASE }, 'threat model')
    const mainTip = gl.git.branches.get('main')!
    const run1 = await runJob(defaultBranchEnv(gl, repo, { head: first }, SETTINGS), repo.dir)
    expect(run1.stderr).toBe('')
    expect(run1.status).toBe(0)
    expect(run1.stdout).toContain(`[threatloop] history: created branch \`${BRANCH}\`: history.jsonl (1 snapshot) and index.html`)
    const tip = gl.git.commitOf(BRANCH)!
    expect(tip.parents).toEqual([mainTip])
    expect(tip.message).toBe(`Threatloop history: ${first.slice(0, 12)} (2026-10-01)\n\n[skip ci]`)
    expect(tip.author).toBe(gl.state.user('project_123_bot_3f2a9c1e7b5d4a60b8e2f1c0d9a8b7c6')!.username)
    expect(historyLines().map((l) => l.commit)).toEqual([first])
    const html = gl.git.filesAt(BRANCH)!.get('index.html')!
    expect(html).toContain('acme/payments')
    expect(html).toMatch(/<svg /)
    expect(gl.requests.find((r) => r.route === COMMITS)?.body).toMatchObject({
      branch: BRANCH,
      start_branch: 'main',
      actions: [
        { action: 'create', file_path: 'history.jsonl' },
        { action: 'create', file_path: 'index.html' }
      ]
    })

    // The same commit again: one read, no write.
    const writes = gl.writes().length
    const from = gl.requests.length
    const again = await runJob(defaultBranchEnv(gl, repo, { head: first }, SETTINGS), repo.dir)
    expect(again.status).toBe(0)
    expect(gl.writes().length).toBe(writes)
    expect(repositoryRoutes(from)).toEqual(['GET /api/v4/projects/{id}/repository/files/{file_path}'])
    expect(again.stdout).toContain('is already in history.jsonl')

    // The next commit: updates carry the last_commit_id read.
    const second = repo.commit({ [MODEL_PATH]: DEMO_HEAD }, 'self-service refunds')
    const run2 = await runJob(defaultBranchEnv(gl, repo, { before: first, head: second }, SETTINGS), repo.dir)
    expect(run2.status).toBe(0)
    expect(historyLines().map((l) => l.commit)).toEqual([first, second])
    const update = gl.requests.filter((r) => r.route === COMMITS).at(-1)?.body as {
      actions: Array<Record<string, unknown>>
      start_branch?: string
    }
    expect(update.start_branch).toBeUndefined()
    expect(update.actions).toEqual([
      expect.objectContaining({ action: 'update', file_path: 'history.jsonl', last_commit_id: tip.sha }),
      expect.objectContaining({ action: 'update', file_path: 'index.html' })
    ])
    expect(run2.stdout).toContain('history trend (threats all/high and above): 2026-10-01')
  })

  test('another pipeline commits between the read and the write: GitLab refuses the stale last_commit_id (400), the job re-reads; no line lost or doubled', async () => {
    const first = repo.commit({ [MODEL_PATH]: DEMO_BASE }, 'threat model')
    await runJob(defaultBranchEnv(gl, repo, { head: first }, SETTINGS), repo.dir)
    const other = 'e'.repeat(40)
    gl.git.beforeNext(COMMITS, () => {
      const text = gl.git.filesAt(BRANCH)!.get('history.jsonl')!
      gl.git.commitFiles(BRANCH, { 'history.jsonl': `${text}${JSON.stringify({ ...historyLines()[0], commit: other })}\n` })
    })
    const second = repo.commit({ [MODEL_PATH]: DEMO_HEAD }, 'self-service refunds')
    const run = await runJob(defaultBranchEnv(gl, repo, { before: first, head: second }, SETTINGS), repo.dir)
    expect(run.status).toBe(0)
    expect(gl.requests.filter((r) => r.route === COMMITS).map((r) => r.status)).toEqual([201, 400, 201])
    expect(historyLines().map((l) => l.commit)).toEqual([first, other, second])
    expect(run.stdout).toContain('after 1 retry')
  })

  test("with mitigation issues on, each line carries the open issues' ages from their creation dates, as the job leaves the tracker", async () => {
    const withIssues = { ...SETTINGS, THREATLOOP_ISSUES: 'write' }
    const first = repo.commit({ [MODEL_PATH]: DEMO_BASE }, 'threat model')
    expect((await runJob(defaultBranchEnv(gl, repo, { head: first }, withIssues), repo.dir)).status).toBe(0)
    const opened = [...gl.state.issues.values()].filter((i) => i.state === 'opened')
    expect(opened).toHaveLength(2)
    // Opened by this very job, after the commit it describes: 0 days old on that commit's line.
    expect(historyLines()[0].models[0].tracker).toEqual({ open: 2, ages: [0, 0] })

    // GitLab states when each issue was opened (created_at); the next line counts from there.
    const SEPTEMBER_FIRST = '2026-09-01T09:30:00.000Z'
    for (const issue of opened) issue.createdAt = SEPTEMBER_FIRST
    const second = repo.commit({ [MODEL_PATH]: DEMO_HEAD }, 'self-service refunds')
    expect((await runJob(defaultBranchEnv(gl, repo, { before: first, head: second }, withIssues), repo.dir)).status).toBe(0)
    const open = [...gl.state.issues.values()].filter((i) => i.state === 'opened')
    const older = open.filter((i) => i.createdAt === SEPTEMBER_FIRST).length
    // The demo head implements M-001: its issue was closed by this job and no longer counts.
    expect(older).toBe(1)
    expect(historyLines()[1].date).toBe('2026-10-01')
    expect(historyLines()[1].models[0].tracker).toEqual({
      open: open.length,
      ages: [...Array<number>(open.length - older).fill(0), ...Array<number>(older).fill(30)]
    })
  })

  test('a merge request pipeline never touches the repository API, even with history on', async () => {
    const base = repo.commit({ [MODEL_PATH]: DEMO_BASE }, 'threat model')
    repo.git('checkout', '-q', '-b', 'feature')
    const head = repo.commit({ [MODEL_PATH]: DEMO_HEAD }, 'change')
    const run = await runJob(mergeRequestEnv(gl, repo, { base, head }, SETTINGS), repo.dir)
    expect(run.status).toBe(0)
    expect(repositoryRoutes(0)).toEqual([])
    expect(gl.git.branches.has(BRANCH)).toBe(false)
  })

  test('a token that may not write: a warning in the job log, and the job still passes', async () => {
    const first = repo.commit({ [MODEL_PATH]: DEMO_BASE }, 'threat model')
    const run = await runJob(defaultBranchEnv(gl, repo, { head: first }, { ...SETTINGS, THREATLOOP_GITLAB_TOKEN: 'glpat-guest' }), repo.dir)
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/WARNING: History was not written to branch `threatloop-data`: .*403/)
    expect(gl.git.branches.has(BRANCH)).toBe(false)
  })
})
