import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js'
import { DEMO_BASE, DEMO_HEAD, gitRepository, MODEL_PATH, pullRequestPayload, pushPayload, runAction, type GitFixture } from './harness.js'

const ZERO = '0'.repeat(40)

const COMMENTS = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments'
const ISSUES = 'POST /repos/{owner}/{repo}/issues'
let fake: FakeGitHub
let repo: GitFixture
let baseSha: string
let headSha: string

beforeAll(() => {
  repo = gitRepository()
  baseSha = repo.commit({ [MODEL_PATH]: DEMO_BASE }, 'base')
  headSha = repo.commit({ [MODEL_PATH]: DEMO_HEAD }, 'head')
})
afterAll(() => repo.cleanup())
beforeEach(async () => {
  fake = await startFakeGitHub()
})
afterEach(async () => {
  await fake.close()
})

const review = (pr: number, inputs: Record<string, string> = {}, workspace = repo.dir) =>
  runAction({ fake, workspace, event: 'pull_request', payload: pullRequestPayload(fake, pr, baseSha, headSha), sha: headSha, inputs })

describe('API trouble', () => {
  test('a 500 then OK, and a secondary rate limit with retry-after 1, are retried: one comment, status = the gate', async () => {
    const pr = fake.state.seedPullRequest({ title: 'Refunds' })
    fake.injectFault({ route: COMMENTS, fault: { kind: 'server-error' }, times: 1 })
    fake.injectFault({ route: 'GET /repos/{owner}/{repo}/issues', fault: { kind: 'secondary-rate-limit', retryAfter: 1 }, times: 1 })
    const result = await review(pr.number, { 'fail-on': 'none' })
    expect(fake.requests.filter((r) => r.route === COMMENTS).map((r) => r.status)).toEqual([500, 201])
    const listings = fake.requests.filter((r) => r.route === 'GET /repos/{owner}/{repo}/issues')
    expect(listings.map((r) => r.status)).toEqual([403, 200])
    expect(listings[1].at - listings[0].at).toBeGreaterThanOrEqual(900)
    expect(fake.state.commentsOn(pr.number)).toHaveLength(1)
    expect(result.outputs['api-failures']).toBe('0')
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('secondary rate limit')
  })

  test('issue writes failing persistently (5xx, after retries) stop the rest of the issue writes; reported, and the status is still the gate', async () => {
    fake.injectFault({ route: ISSUES, fault: { kind: 'server-error', status: 502 }, times: Infinity })
    const result = await runAction({
      fake,
      workspace: repo.dir,
      event: 'push',
      payload: pushPayload(fake, ZERO, baseSha),
      sha: baseSha,
      ref: 'refs/heads/main',
      inputs: { 'fail-on': 'none' }
    })
    // Two issues were planned; the first create failed three times (retries), the second was not attempted.
    expect(fake.requests.filter((r) => r.route === ISSUES).map((r) => r.status)).toEqual([502, 502, 502])
    expect(fake.state.plainIssues()).toEqual([])
    expect(result.outputs['api-failures']).toBe('2')
    expect(result.summary).toContain('Issue create for `payments-api/M-001` failed: 502')
    expect(result.summary).toContain('1 issue operation(s) were not attempted after that failure')
    expect(result.stdout).toMatch(/::warning::Threatloop: Issue create for `payments-api\/M-001` failed/)
    expect(result.status).toBe(0)
  })

  test('a comment failing persistently is reported; the reports and the status (the gate) are unaffected', async () => {
    const pr = fake.state.seedPullRequest({ title: 'Refunds' })
    fake.injectFault({ route: COMMENTS, fault: { kind: 'server-error', status: 503 }, times: Infinity })
    const result = await review(pr.number, { 'fail-on': 'none' })
    expect(fake.state.commentsOn(pr.number)).toEqual([])
    expect(result.outputs['api-failures']).toBe('1')
    expect(result.outputs.sarif).toBeDefined()
    expect(result.summary).toContain('The pull request comment could not be written')
    expect(result.status).toBe(0)
  })
})

describe('inputs and checkouts', () => {
  test('a bad input names itself and what is allowed; nothing is requested', async () => {
    const pr = fake.state.seedPullRequest({ title: 'Refunds' })
    const result = await review(pr.number, { issues: 'sometimes', 'fail-on': 'new-critcal', 'max-issue-writes': 'lots' })
    expect(result.status).toBe(1)
    expect(result.stdout).toContain('input `issues`: got "sometimes"; allowed: off, preview, write, auto')
    expect(result.stdout).toContain('input `fail-on`: "new-critcal" is not a gate condition (did you mean `new-critical`?)')
    expect(result.stdout).toContain('input `max-issue-writes`: got "lots"; allowed: a whole number from 0 to 500')
    expect(fake.requests).toEqual([])
  })

  test('a shallow checkout without the base fetches it from origin', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'threatloop-shallow-'))
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone])
      expect(() => execFileSync('git', ['cat-file', '-e', baseSha], { cwd: clone, stdio: 'pipe' })).toThrow()
      const pr = fake.state.seedPullRequest({ title: 'Refunds' })
      const result = await review(pr.number, { 'fail-on': 'none' }, clone)
      expect(result.outputs['new-findings']).toBe('6')
      expect(result.summary).not.toContain('contents API')
      expect(fake.requests.some((r) => r.route?.includes('contents'))).toBe(false)
    } finally {
      rmSync(clone, { recursive: true, force: true })
    }
  })

  test('a base that git cannot provide is read through the contents API', async () => {
    const lonely = gitRepository('threatloop-nobase-')
    try {
      lonely.commit({ [MODEL_PATH]: DEMO_HEAD }, 'head only')
      const head = lonely.git('rev-parse', 'HEAD')
      fake.state.setFile(baseSha, MODEL_PATH, DEMO_BASE)
      const pr = fake.state.seedPullRequest({ title: 'Refunds' })
      const result = await runAction({
        fake,
        workspace: lonely.dir,
        event: 'pull_request',
        payload: pullRequestPayload(fake, pr.number, baseSha, head),
        sha: head,
        inputs: { 'fail-on': 'none' }
      })
      expect(result.outputs['new-findings']).toBe('6')
      expect(result.summary).toContain('read through the contents API')
      const contents = fake.requests.filter((r) => r.route === 'GET /repos/{owner}/{repo}/contents/{path+}')
      expect(contents.map((r) => [decodeURIComponent(r.path), r.query.ref])).toEqual([
        ['/repos/octo-org/payments/contents/.threatloop.yaml', baseSha],
        [`/repos/octo-org/payments/contents/${MODEL_PATH}`, baseSha]
      ])
    } finally {
      lonely.cleanup()
    }
  })
})
