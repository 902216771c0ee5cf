/**
 * The history store (issue 19) end to end: the built action (dist/) on push, pull_request and
 * read-only runs against the fake GitHub's Git Data API.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import type { SnapshotLine } from '../../src/core/history/snapshot.js'
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js'
import { DEMO_BASE, DEMO_HEAD, gitRepository, MODEL_PATH, pullRequestPayload, pushPayload, runAction, type GitFixture } from './harness.js'

const ZERO = '0'.repeat(40)
const BRANCH = 'threatloop-data'
const INPUTS = { history: 'branch', issues: 'off', comment: 'off', 'fail-on': 'none' }
const HOSTILE_TITLE = '<script>alert(1)</script> & <img src=x onerror=alert(2)>'

let fake: FakeGitHub
let repo: GitFixture
let first: string
let second: string
let hostile: string

/** Commits on a given day, so snapshot lines have distinct dates (the trend needs two). */
function commitOn(day: string, files: Record<string, string>, message: string): string {
  for (const [path, text] of Object.entries(files)) writeFileSync(join(repo.dir, path), text)
  const date = `${day}T12:00:00Z`
  // Jest gives the test its own process.env; child processes get the real one, so pass it explicitly.
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: repo.dir, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }
    }).trim()
  git('add', '-A')
  git('commit', '-q', '-m', message)
  return git('rev-parse', 'HEAD')
}

beforeAll(() => {
  repo = gitRepository('threatloop-history-')
  mkdirSync(join(repo.dir, 'models'), { recursive: true })
  first = commitOn('2026-09-01', { [MODEL_PATH]: DEMO_BASE }, 'threat model')
  second = commitOn('2026-10-01', { [MODEL_PATH]: DEMO_HEAD }, 'self-service refunds')
  hostile = commitOn('2026-11-01', { [MODEL_PATH]: DEMO_HEAD.replace('title: Payments API', `title: "${HOSTILE_TITLE}"`) }, 'hostile title')
})
afterAll(() => repo.cleanup())
beforeEach(async () => {
  fake = await startFakeGitHub()
})
afterEach(async () => {
  const unhandled = fake.unhandled.map((r) => `${r.method} ${r.path}`)
  await fake.close()
  if (unhandled.length > 0) throw new Error(`requests no fake route handled: ${unhandled.join(', ')}`)
})

const push = (before: string, after: string, options: { token?: string; inputs?: Record<string, string> } = {}) =>
  runAction({
    fake,
    workspace: repo.dir,
    event: 'push',
    payload: pushPayload(fake, before, after),
    sha: after,
    ref: 'refs/heads/main',
    token: options.token,
    inputs: { ...INPUTS, ...options.inputs }
  })

const historyLines = (): SnapshotLine[] =>
  (fake.git.filesAt(BRANCH)?.get('history.jsonl') ?? '')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as SnapshotLine)
const gitRoutes = (from: number): string[] =>
  fake.requests
    .slice(from)
    .map((r) => r.route ?? '')
    .filter((r) => r.includes('/git/'))

describe('history store on GitHub (dist)', () => {
  test('first run creates the branch (orphan: history.jsonl + index.html); a re-run writes nothing; the next commit adds a line and a trend', async () => {
    const run1 = await push(ZERO, first)
    expect(run1.status).toBe(0)
    const tip = fake.git.commitOf(BRANCH)!
    expect(tip.parents).toEqual([])
    expect([...fake.git.filesAt(BRANCH)!.keys()].sort()).toEqual(['history.jsonl', 'index.html'])
    expect(historyLines().map((l) => [l.commit, l.date])).toEqual([[first, '2026-09-01']])
    expect(historyLines()[0].models[0].modelId).toBe('payments-api')
    const html = fake.git.filesAt(BRANCH)!.get('index.html')!
    expect(html).toContain('octo-org/payments')
    expect(html).toContain('payments-api')
    expect(html).toMatch(/<svg /)
    expect(html).not.toMatch(/<script|<link|url\(/)
    expect(run1.summary).toContain('### Dashboard')
    expect(run1.summary).toContain(`created branch \`${BRANCH}\``)
    expect(tip.message).toBe(`Threatloop history: ${first.slice(0, 12)} (2026-09-01)`)

    // The same commit again: three reads (ref, tree, blob), no write at all.
    const writes = fake.writes().length
    const from = fake.requests.length
    const again = await push(ZERO, first)
    expect(again.status).toBe(0)
    expect(fake.writes().length).toBe(writes)
    expect(gitRoutes(from)).toEqual([
      'GET /repos/{owner}/{repo}/git/ref/{ref+}',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
      'GET /repos/{owner}/{repo}/git/blobs/{file_sha}'
    ])
    expect(fake.git.commitOf(BRANCH)!.sha).toBe(tip.sha)
    expect(again.summary).toContain('is already in history.jsonl')

    // The next commit: a second line on top of the first commit of the branch, and the trend chart.
    const run2 = await push(first, second)
    expect(run2.status).toBe(0)
    expect(historyLines().map((l) => l.commit)).toEqual([first, second])
    expect(fake.git.commitOf(BRANCH)!.parents).toEqual([tip.sha])
    expect(run2.summary).toMatch(/### Dashboard\n\n```mermaid\nxychart-beta\n/)
    expect(run2.summary).toContain('x-axis ["09-01", "10-01"]')
  })

  test('another run appends between the read and the write: the ref update is refused (422), re-read and retried; no line lost or doubled', async () => {
    await push(ZERO, first)
    const other = 'f'.repeat(40)
    let moved = 0
    fake.git.beforeNext('PATCH /repos/{owner}/{repo}/git/refs/{ref+}', () => {
      moved++
      const text = fake.git.filesAt(BRANCH)!.get('history.jsonl')!
      fake.git.commitFiles(BRANCH, {
        'history.jsonl': `${text}${JSON.stringify({ ...historyLines()[0], commit: other, date: '2026-09-15' })}\n`
      })
    })
    const run = await push(first, second)
    expect(moved).toBe(1)
    expect(run.status).toBe(0)
    expect(historyLines().map((l) => l.commit)).toEqual([first, other, second])
    const patches = fake.requests.filter((r) => r.route === 'PATCH /repos/{owner}/{repo}/git/refs/{ref+}').map((r) => r.status)
    expect(patches).toEqual([422, 200])
    expect(run.summary).toContain('after 1 retry')
    // The page is drawn from the full history, the concurrent line included.
    expect(fake.git.filesAt(BRANCH)!.get('index.html')).toContain('3 snapshots')
  })

  test("with mitigation issues on, each line carries the open issues' ages from their creation dates, as the run leaves the tracker", async () => {
    const withIssues = { inputs: { issues: 'write' } }
    expect((await push(ZERO, first, withIssues)).status).toBe(0)
    const opened = fake.state.plainIssues().filter((i) => i.state === 'open')
    expect(opened).toHaveLength(2)
    // Opened by this very run, after the commit it describes: 0 days old on that commit's line.
    expect(historyLines()[0].models[0].tracker).toEqual({ open: 2, ages: [0, 0] })

    // GitHub states when each issue was opened (created_at); the next line counts from there.
    const AUGUST_FIRST = '2026-08-01T09:30:00Z'
    for (const issue of opened) issue.createdAt = AUGUST_FIRST
    expect((await push(first, second, withIssues)).status).toBe(0)
    const open = fake.state.plainIssues().filter((i) => i.state === 'open')
    const older = open.filter((i) => i.createdAt === AUGUST_FIRST).length
    // The demo head implements M-001: its issue was closed by this run and no longer counts.
    expect(older).toBe(1)
    expect(historyLines()[1].date).toBe('2026-10-01')
    expect(historyLines()[1].models[0].tracker).toEqual({
      open: open.length,
      ages: [...Array<number>(open.length - older).fill(0), ...Array<number>(older).fill(61)]
    })
  })

  test('a pull request never reads or writes the history, even with history: branch', async () => {
    const run = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, 7, first, second),
      sha: second,
      ref: 'refs/pull/7/merge',
      inputs: INPUTS
    })
    expect(run.status).toBe(0)
    expect(gitRoutes(0)).toEqual([])
    expect(fake.writes()).toEqual([])
    expect(fake.git.branches.has(BRANCH)).toBe(false)
    expect(run.summary).not.toContain('### Dashboard')
  })

  test('a token without contents: write: a warning saying what to grant, and the review still passes', async () => {
    const run = await push(ZERO, first, { token: 'ghs_read_only_token' })
    expect(run.status).toBe(0)
    expect(fake.git.branches.has(BRANCH)).toBe(false)
    expect(run.annotations.join('\n')).toMatch(/::warning::.*History was not written to branch `threatloop-data`.*contents: write/)
    expect(run.outputs.gate).toBeDefined()
    expect(run.summary).toContain('### Dashboard')
  })

  test('hostile model text reaches the dashboard page only escaped', async () => {
    await push(ZERO, first)
    const run = await push(second, hostile)
    expect(run.status).toBe(0)
    const html = fake.git.filesAt(BRANCH)!.get('index.html')!
    expect(historyLines().at(-1)?.models[0].title).toBe(HOSTILE_TITLE)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;')
    expect(html).not.toMatch(/<script|<img/i)
  })
})
