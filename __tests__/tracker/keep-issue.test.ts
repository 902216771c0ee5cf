import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { createGitHubClient } from '../../src/adapters/github/client.js'
import { gitHubTracker } from '../../src/adapters/github/issue-sync.js'
import { issueKeeper, openKeptIssues } from '../../src/adapters/platform/keep-issue.js'
import type { KeepIssueRequest } from '../../src/adapters/platform/platform.js'
import { keptIssueMarker } from '../../src/core/tracker/kept-issue.js'
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js'

// Platform.keepIssue's one implementation, over GitHub's tracker against the fake GitHub API.
const BOT = 'github-actions[bot]'
let fake: FakeGitHub
beforeEach(async () => {
  fake = await startFakeGitHub()
})
afterEach(async () => {
  await fake.close()
})

const keeper = (identity: string | undefined) =>
  issueKeeper(gitHubTracker(createGitHubClient('ghs_write_token', fake.url), { owner: fake.owner, repo: fake.repo }), () =>
    Promise.resolve(identity)
  )
const request = (key: string, body: string | null, over: Partial<KeepIssueRequest> = {}): KeepIssueRequest => ({
  kind: 'intel',
  key,
  label: 'threatloop-intel',
  title: `Threat intelligence update: ${key}`,
  body: body === null ? null : `${keptIssueMarker('intel', key)}\n${body}`,
  closeComment: 'nothing left',
  ...over
})
const seed = (key: string, body: string, author = BOT, state: 'open' | 'closed' = 'open') =>
  fake.state.seedIssue({
    title: `Threat intelligence update: ${key}`,
    body: `${keptIssueMarker('intel', key)}\n${body}`,
    labels: ['threatloop-intel'],
    author,
    state
  })

describe('keepIssue (one issue per marker key, ours by marker plus identity)', () => {
  test('lists the label once per run; the run sees its own writes; other open keys are reported', async () => {
    const keep = keeper(BOT)
    const billing = seed('billing', 'old')
    const created = await keep(request('shop', 'findings'))
    expect(created).toMatchObject({ action: 'created', otherOpenKeys: ['billing'] })
    const closed = await keep(request('billing', null))
    expect(closed).toMatchObject({ action: 'closed', number: billing.number })
    const again = await keep(request('shop', 'findings'))
    expect(again).toMatchObject({ action: 'unchanged', number: created.number, otherOpenKeys: [] })
    expect(fake.requests.filter((r) => r.route === 'GET /repos/{owner}/{repo}/issues')).toHaveLength(1)
    expect(fake.state.commentsOn(billing.number).map((c) => c.body)).toEqual(['nothing left'])
    expect(fake.state.plainIssues().find((i) => i.number === created.number)?.labels).toEqual(['threatloop-intel'])
  })

  test('an unknown identity writes nothing where a marked issue exists, and may open a missing one', async () => {
    seed('shop', 'old')
    const keep = keeper(undefined)
    expect(await keep(request('shop', 'new'))).toMatchObject({ action: 'skipped', reason: expect.stringContaining('identity') })
    expect(await keep(request('billing', 'new'))).toMatchObject({ action: 'created' })
    expect(fake.writes().filter((w) => w.method === 'PATCH')).toHaveLength(0)
  })

  test("someone else's marked issue is left alone (ours is opened beside it); duplicates are closed; hold keeps issues as they are", async () => {
    const planted = seed('shop', 'planted', 'octo-reviewer')
    const keep = keeper(BOT)
    const opened = await keep(request('shop', 'findings'))
    expect(opened).toMatchObject({ action: 'created', foreign: [planted.number] })
    const twin = seed('shop', 'findings')
    const next = keeper(BOT)
    expect(await next(request('shop', 'findings'))).toMatchObject({ action: 'unchanged', duplicatesClosed: [twin.number] })
    const held = keeper(BOT)
    expect(await held(request('shop', null, { hold: true }))).toMatchObject({ action: 'held', number: opened.number })
    expect(await held(request('shop', 'other', { hold: true }))).toMatchObject({ action: 'held' })
    expect(fake.state.plainIssues().find((i) => i.number === opened.number)).toMatchObject({ state: 'open' })
    expect(fake.state.plainIssues().find((i) => i.number === planted.number)).toMatchObject({
      state: 'open',
      body: expect.stringContaining('planted')
    })
  })

  test('a closed issue of ours is reopened with the new body; a body without its marker is refused', async () => {
    const old = seed('shop', 'old', BOT, 'closed')
    const keep = keeper(BOT)
    expect(await keep(request('shop', 'back'))).toMatchObject({ action: 'reopened', number: old.number })
    expect(fake.state.plainIssues().find((i) => i.number === old.number)).toMatchObject({
      state: 'open',
      body: expect.stringContaining('back')
    })
    await expect(keep({ ...request('shop', 'x'), body: 'no marker' })).rejects.toThrow(/does not carry its marker/)
  })
})

describe('openKeptIssues (the open issue of each key, read only)', () => {
  const tracker = () => gitHubTracker(createGitHubClient('ghs_write_token', fake.url), { owner: fake.owner, repo: fake.repo })
  const open = (identity: string | undefined) => openKeptIssues(tracker(), () => Promise.resolve(identity), 'intel', 'threatloop-intel')

  test('ours and open only, the lowest number of a key (as keepIssue keeps it), one listing and no write', async () => {
    seed('shop', 'planted', 'octo-reviewer')
    seed('shop', 'closed', BOT, 'closed')
    const shop = seed('shop', 'ours')
    seed('shop', 'a duplicate', BOT)
    const billing = seed('billing', 'ours', BOT.toUpperCase())
    fake.state.seedIssue({ title: 'Not kept', body: 'no marker', labels: ['threatloop-intel'], author: BOT })
    expect(Object.fromEntries(await open(BOT))).toEqual({ shop: shop.number, billing: billing.number })
    expect(fake.requests.map((r) => r.route)).toEqual(['GET /repos/{owner}/{repo}/issues'])
  })

  test('an unknown identity or a listing that fails links nothing', async () => {
    seed('shop', 'ours')
    expect((await open(undefined)).size).toBe(0)
    const failing = openKeptIssues(
      { ...tracker(), list: () => Promise.resolve({ error: new Error('HTTP 500') }) },
      () => Promise.resolve(BOT),
      'intel',
      'threatloop-intel'
    )
    expect((await failing).size).toBe(0)
  })
})
