import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js'
import { createSchemaChecker } from '../fakes/schema-check.js'
import { DEMO_BASE, DEMO_HEAD, gitRepository, MODEL_PATH, pushPayload, runAction, type GitFixture } from './harness.js'

const ZERO = '0'.repeat(40)
let fake: FakeGitHub
let repo: GitFixture
let baseSha: string
let headSha: string

beforeAll(() => {
  repo = gitRepository()
  baseSha = repo.commit({ [MODEL_PATH]: DEMO_BASE }, 'base')
  headSha = repo.commit({ [MODEL_PATH]: DEMO_HEAD }, 'merge: self-service refunds')
})
afterAll(() => repo.cleanup())
beforeEach(async () => {
  // team-payments is a real user here, so it becomes the assignee of its mitigations.
  fake = await startFakeGitHub({ users: [{ login: 'team-payments', type: 'User' }] })
})
afterEach(async () => {
  // An endpoint the fake does not serve means the action called something untested.
  const unhandled = fake.unhandled.map((r) => `${r.method} ${r.path}`)
  await fake.close()
  if (unhandled.length > 0) throw new Error(`requests no fake route handled: ${unhandled.join(', ')}`)
})

const push = (before: string, after: string, inputs: Record<string, string> = {}) =>
  runAction({
    fake,
    workspace: repo.dir,
    event: 'push',
    payload: pushPayload(fake, before, after),
    sha: after,
    ref: 'refs/heads/main',
    inputs
  })

const key = (body: string | null): string | undefined => /<!-- threatloop:mitigation:([^\s>]+) -->/.exec(body ?? '')?.[1]

describe('push to the default branch: the mitigation issue loop', () => {
  test('first push opens one issue per open mitigation (labels, assignee, marker); a re-run writes nothing', async () => {
    const first = await push(ZERO, baseSha)
    const issues = fake.state.plainIssues()
    expect(issues.map((i) => key(i.body))).toEqual(['payments-api/M-001', 'payments-api/M-003'])
    expect(issues.every((i) => i.state === 'open' && i.labels.includes('threatloop') && i.author === 'github-actions[bot]')).toBe(true)
    expect(issues[0].labels).toEqual(expect.arrayContaining(['threatloop', 'mitigation:preventive']))
    expect(issues[0].assignees).toEqual(['team-payments'])
    expect(issues[0].body).toContain(`https://github.com/octo-org/payments/blob/${baseSha}/${MODEL_PATH}#L`)
    expect(fake.state.label('threatloop')).toMatchObject({ color: '5319e7' })
    expect(first.outputs['issues-opened']).toBe('2')
    expect(first.summary).toMatch(/Mitigation issues: opened #\d+, #\d+/)
    // A base-less review of the whole model: the gate still decides the status.
    expect(first.status).toBe(first.outputs.gate === 'fail' ? 1 : 0)
    // Every response the action saw matches GitHub's schema.
    const checker = createSchemaChecker('github')
    const listed = (await (
      await fetch(`${fake.url}/repos/octo-org/payments/issues?state=all&labels=threatloop`, {
        headers: { authorization: 'token ghs_write_token' }
      })
    ).json()) as unknown[]
    for (const issue of listed) expect(checker.problems('issue', issue)).toEqual([])

    const writesBefore = fake.writes().length
    const again = await push(ZERO, baseSha)
    expect(fake.writes().length).toBe(writesBefore)
    expect(fake.state.plainIssues()).toHaveLength(2)
    expect(again.outputs['issues-opened']).toBe('0')
    expect(JSON.parse(again.outputs['issues-planned'])).toMatchObject({ create: 0, update: 0, close: 0, unchanged: 2 })
  })

  test('merge implementing a mitigation closes its issue as completed, with a comment; re-running the same push is idempotent', async () => {
    await push(ZERO, baseSha)
    const m001 = fake.state.plainIssues().find((i) => key(i.body) === 'payments-api/M-001')
    expect(m001).toBeDefined()
    const merged = await push(baseSha, headSha)
    expect(fake.state.issues.get(m001!.number)).toMatchObject({ state: 'closed', stateReason: 'completed' })
    expect(fake.state.commentsOn(m001!.number).map((c) => c.body)).toEqual([
      expect.stringContaining('the threat model says mitigation M-001 is implemented')
    ])
    expect(merged.outputs['issues-closed']).toBe('1')
    expect(merged.outputs.gate).toBe('fail')
    expect(merged.status).toBe(1)
    const open = fake.state.plainIssues().filter((i) => i.state === 'open')
    expect(open.map((i) => key(i.body))).toEqual(['payments-api/M-003'])

    const writesBefore = fake.writes().length
    await push(baseSha, headSha)
    expect(fake.writes().length).toBe(writesBefore)
    // Exactly one issue per mitigation, whatever ran.
    expect(
      fake.state
        .plainIssues()
        .map((i) => key(i.body))
        .sort()
    ).toEqual(['payments-api/M-001', 'payments-api/M-003'])
  })

  test('a push to another branch only previews; a scheduled run reports drift without writing', async () => {
    const side = await runAction({
      fake,
      workspace: repo.dir,
      event: 'push',
      payload: { ...pushPayload(fake, ZERO, baseSha), ref: 'refs/heads/feature' },
      sha: baseSha,
      ref: 'refs/heads/feature'
    })
    expect(fake.writes()).toEqual([])
    expect(JSON.parse(side.outputs['issues-planned'])).toMatchObject({ create: 2 })

    await push(ZERO, baseSha)
    const m003 = fake.state.plainIssues().find((i) => key(i.body) === 'payments-api/M-003')!
    // A person closes the issue while the model still says proposed.
    Object.assign(m003, { state: 'closed', stateReason: 'completed', closedAt: '2026-01-01T00:00:00Z', closedBy: 'octo-maintainer' })
    const writesBefore = fake.writes().length
    const scheduled = await runAction({
      fake,
      workspace: repo.dir,
      event: 'schedule',
      payload: { repository: { default_branch: 'main' } },
      sha: baseSha,
      ref: 'refs/heads/main'
    })
    expect(fake.writes().length).toBe(writesBefore)
    expect(scheduled.outputs['issue-drift']).toBe('1')
    expect(scheduled.summary).toContain('was closed, but the model still says mitigation M-003 is proposed')
    expect(scheduled.summary).toContain(`reopen #${m003.number}`)
  })

  test('an issue with our marker filed by another account (a Bot too) is left alone and reported once; ours is opened beside it', async () => {
    fake.state.addUser({ login: 'evil-app[bot]', type: 'Bot' })
    const planted = fake.state.seedIssue({
      title: 'planted',
      body: '<!-- threatloop:mitigation:payments-api/M-001 -->\nadopt me',
      labels: ['threatloop', 'severity:low'],
      author: 'evil-app[bot]'
    })
    const result = await push(ZERO, baseSha)
    expect(fake.state.issues.get(planted.number)).toMatchObject({ title: 'planted', state: 'open', labels: ['threatloop', 'severity:low'] })
    expect(fake.writes().filter((r) => r.path.includes(`/issues/${planted.number}`))).toEqual([])
    expect(
      result.stdout.match(
        /^::warning::Threatloop: Left alone 1 issue\(s\) that carry Threatloop's marker but were not filed by github-actions\[bot\]: #\d+/gm
      )
    ).toHaveLength(1)
    expect(result.summary).toContain(`#${planted.number}`)
    const ours = fake.state.plainIssues().filter((i) => key(i.body) === 'payments-api/M-001' && i.author === 'github-actions[bot]')
    expect(ours).toHaveLength(1)
  })

  test("people's labels on our issues survive an update (as on GitLab)", async () => {
    await push(ZERO, baseSha)
    const m003 = fake.state.plainIssues().find((i) => key(i.body) === 'payments-api/M-003')!
    m003.labels.push('priority:high')
    const result = await push(baseSha, headSha)
    expect(result.status).toBe(1)
    const after = fake.state.issues.get(m003.number)!
    expect(after.labels).toContain('priority:high')
    expect(after.labels).toContain('threatloop')
  })
})
