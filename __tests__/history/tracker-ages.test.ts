/**
 * Tracker issue ages in history lines: both platforms' issue listings carry the date each issue
 * was opened (GitHub and GitLab `created_at`), and the open issues per model are taken as the run
 * leaves the tracker. The end-to-end runs of the built action and job are in
 * __tests__/github/history-store.test.ts and __tests__/gitlab/history-store.e2e.test.ts.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { createGitHubClient } from '../../src/adapters/github/client.js'
import { listLabelledIssues } from '../../src/adapters/github/issue-sync.js'
import { GitLabClient } from '../../src/adapters/gitlab/gitlab-client.js'
import { listTrackedIssues } from '../../src/adapters/gitlab/issue-sync.js'
import { openIssuesAfterRun } from '../../src/adapters/platform/history-store.js'
import { emptyIssueLoopResult, type IssueLoopResult } from '../../src/adapters/platform/issue-loop.js'
import type { TrackedIssue } from '../../src/adapters/platform/platform.js'
import type { Review } from '../../src/core/review/types.js'
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js'
import { startFakeGitLab, type FakeGitLab } from '../fakes/gitlab-server.js'

const OPENED = '2026-03-02T08:15:00Z'
const marker = (key: string): string => `<!-- threatloop:mitigation:${key} -->\nbody`

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

describe('issue listings carry when each issue was opened', () => {
  test('GitHub: created_at of every listed issue', async () => {
    const gh: FakeGitHub = await startFakeGitHub()
    close = () => gh.close()
    gh.state.seedIssue({ title: 'M-1', body: marker('shop/M-1'), labels: ['threatloop'], createdAt: OPENED })
    gh.state.seedIssue({ title: 'M-2', body: marker('shop/M-2'), labels: ['threatloop'], state: 'closed' })
    const issues = await listLabelledIssues(createGitHubClient('ghs_write_token', gh.url), { owner: gh.owner, repo: gh.repo }, 'threatloop')
    expect(issues.map((i) => [i.title, i.createdAt]).sort()).toEqual([
      ['M-1', OPENED],
      ['M-2', gh.state.plainIssues()[1].createdAt]
    ])
  })

  test('GitLab: created_at of every listed issue', async () => {
    const gl: FakeGitLab = await startFakeGitLab()
    close = () => gl.close()
    const at = '2026-03-02T08:15:00.000Z'
    gl.state.seedIssue({ title: 'M-1', description: marker('shop/M-1'), labels: ['threatloop'], createdAt: at })
    const client = new GitLabClient({ apiUrl: gl.apiUrl, credentials: { kind: 'access-token', value: 'glpat-project-bot' }, attempts: 1 })
    const issues = await listTrackedIssues(client, String(gl.projectId), 'threatloop')
    expect(issues.map((i) => [i.title, i.createdAt])).toEqual([['M-1', at]])
  })
})

describe('open issues per model, as the run leaves the tracker', () => {
  const review = { models: [{ modelId: 'shop' }, { modelId: 'shop/eu' }, { modelId: 'billing' }] } as unknown as Review
  const issue = (number: number, key: string, state: 'open' | 'closed', createdAt: string | null = OPENED): TrackedIssue => ({
    number,
    state,
    title: key,
    body: marker(key),
    labels: ['threatloop'],
    assignees: [],
    author: 'github-actions[bot]',
    createdAt
  })
  const sync = (changes: Partial<IssueLoopResult>): IssueLoopResult => ({ ...emptyIssueLoopResult(), ...changes })

  test('closed by the run out, reopened in, opened by the run dated today; ids with a slash go to the longest model id', () => {
    const listed = [
      issue(1, 'shop/M-1', 'open'),
      issue(2, 'shop/M-2', 'open'),
      issue(3, 'shop/M-3', 'closed', '2026-01-10T00:00:00Z'),
      issue(4, 'shop/eu/M-1', 'open', '2026-02-01T00:00:00Z'),
      { ...issue(5, 'x', 'open'), body: 'not ours' }
    ]
    const after = openIssuesAfterRun(
      review,
      listed,
      sync({ closed: [2], reopened: [3], created: [6], createdKeys: ['billing/M-9'] }),
      '2026-12-05'
    )
    expect(Object.fromEntries(after)).toEqual({
      shop: [{ createdAt: OPENED }, { createdAt: '2026-01-10T00:00:00Z' }],
      'shop/eu': [{ createdAt: '2026-02-01T00:00:00Z' }],
      billing: [{ createdAt: '2026-12-05' }]
    })
  })

  test('a model with no open issue has an empty list (known: none); one with an undated open issue has none (unknown)', () => {
    const after = openIssuesAfterRun(
      review,
      [issue(1, 'shop/M-1', 'open', null), issue(2, 'billing/M-1', 'closed')],
      undefined,
      '2026-12-05'
    )
    expect(after.has('shop')).toBe(false)
    expect(after.get('billing')).toEqual([])
    expect(after.get('shop/eu')).toEqual([])
  })
})
