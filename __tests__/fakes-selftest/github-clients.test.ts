import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { Octokit } from '@octokit/rest'
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { type FakeGitHub, startFakeGitHub } from '../fakes/github-server.js'

const owner = 'octo-org'
const repo = 'payments'
let gh: FakeGitHub

beforeEach(async () => {
  gh = await startFakeGitHub()
})

afterEach(async () => {
  await gh.close()
})

interface LimitLog {
  secondary: number[]
  primary: number[]
}

/** The client the action will build: getOctokit with retry and throttling, retries kept short for tests. */
function actionClient(token: string, log: LimitLog): ReturnType<typeof getOctokit> {
  return getOctokit(
    token,
    {
      baseUrl: gh.url,
      throttle: {
        onRateLimit: (after: number, _options: object, _octokit: object, retryCount: number) => {
          log.primary.push(after)
          return retryCount < 1
        },
        onSecondaryRateLimit: (after: number, _options: object, _octokit: object, retryCount: number) => {
          log.secondary.push(after)
          return retryCount < 1
        }
      },
      retry: { retries: 2, retryAfterBaseValue: 50 }
    },
    retry,
    throttling
  )
}

describe('@octokit/rest against the GitHub fake', () => {
  test('sticky comment upsert round trip', async () => {
    const octokit = new Octokit({ auth: 'ghs_write_token', baseUrl: gh.url })
    const pr = gh.state.seedPullRequest({ title: 'Change model' })
    gh.state.seedComment(pr.number, { body: '<!-- threatloop:sticky -->\nspoofed by a person', author: 'octo-reviewer' })

    const created = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: pr.number,
      body: '<!-- threatloop:sticky -->\nv1'
    })
    expect(created.status).toBe(201)
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: pr.number, per_page: 100 })
    const mine = comments.filter((c) => c.user?.type === 'Bot' && c.body?.includes('<!-- threatloop:sticky -->'))
    expect(mine.map((c) => c.id)).toEqual([created.data.id])
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: created.data.id, body: '<!-- threatloop:sticky -->\nv2' })
    expect(gh.state.commentsOn(pr.number).map((c) => c.body)).toEqual([
      '<!-- threatloop:sticky -->\nspoofed by a person',
      '<!-- threatloop:sticky -->\nv2'
    ])
  })

  test('issue lifecycle, labels, contents and assignee validation', async () => {
    const octokit = new Octokit({ auth: 'ghs_write_token', baseUrl: gh.url })
    const { data: repoData } = await octokit.rest.repos.get({ owner, repo })
    expect(repoData.default_branch).toBe('main')
    await octokit.rest.issues.createLabel({ owner, repo, name: 'threatloop', color: '5319e7' })
    const { data: issue } = await octokit.rest.issues.create({
      owner,
      repo,
      title: 'M-1',
      body: 'b',
      labels: ['threatloop'],
      assignees: ['octo-maintainer']
    })
    await octokit.rest.issues.update({ owner, repo, issue_number: issue.number, state: 'closed', state_reason: 'completed' })
    expect(gh.state.issues.get(issue.number)).toMatchObject({ state: 'closed', stateReason: 'completed', closedBy: 'github-actions[bot]' })
    await expect(octokit.rest.issues.create({ owner, repo, title: 'x', assignees: ['not-a-user'] })).rejects.toMatchObject({ status: 422 })
    await expect(octokit.rest.users.getByUsername({ username: 'not-a-user' })).rejects.toMatchObject({ status: 404 })

    gh.state.setFile('feature', 'tm/a.yaml', 'model: a\n')
    const { data: file } = await octokit.rest.repos.getContent({ owner, repo, path: 'tm/a.yaml', ref: 'feature' })
    expect('content' in file && Buffer.from(file.content, 'base64').toString('utf8')).toBe('model: a\n')
    await expect(octokit.rest.repos.getContent({ owner, repo, path: 'tm/a.yaml', ref: 'main' })).rejects.toMatchObject({ status: 404 })
  })
})

describe('@actions/github getOctokit with plugin-retry and plugin-throttling', () => {
  test('paginates 250 issues by label and drops pull requests', async () => {
    for (let i = 0; i < 250; i += 1)
      gh.state.seedIssue({ title: `issue ${i}`, labels: ['threatloop'], state: i % 5 === 0 ? 'closed' : 'open' })
    gh.state.seedPullRequest({ title: 'a PR', labels: ['threatloop'] })
    gh.state.seedIssue({ title: 'unrelated' })
    const octokit = actionClient('ghs_write_token', { secondary: [], primary: [] })
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, labels: 'threatloop', state: 'all', per_page: 100 })
    expect(all).toHaveLength(251)
    expect(all.filter((i) => i.pull_request === undefined)).toHaveLength(250)
    const pages = gh.requests.filter((r) => r.route === 'GET /repos/{owner}/{repo}/issues')
    expect(pages.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3'])
    expect(pages[0].headers['user-agent']).toMatch(/octokit/i)
  })

  test('secondary rate limit: waits retry-after (1 s) and retries once', async () => {
    const pr = gh.state.seedPullRequest({ title: 'PR' })
    gh.injectFault({
      route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      fault: { kind: 'secondary-rate-limit', retryAfter: 1 }
    })
    const log: LimitLog = { secondary: [], primary: [] }
    const octokit = actionClient('ghs_write_token', log)
    const started = Date.now()
    const { status } = await octokit.rest.issues.createComment({ owner, repo, issue_number: pr.number, body: 'hello' })
    expect(status).toBe(201)
    expect(log.secondary).toEqual([1])
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(gh.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([403, 201])
    expect(gh.state.commentsOn(pr.number)).toHaveLength(1)
  })

  test('primary rate limit: onRateLimit sees the reset and the retry succeeds', async () => {
    gh.injectFault({ route: 'GET /repos/{owner}/{repo}', fault: { kind: 'primary-rate-limit', resetIn: 0 } })
    const log: LimitLog = { secondary: [], primary: [] }
    const octokit = actionClient('ghs_write_token', log)
    const { data } = await octokit.rest.repos.get({ owner, repo })
    expect(data.full_name).toBe('octo-org/payments')
    expect(log.primary).toHaveLength(1)
    expect(log.primary[0]).toBeLessThanOrEqual(2)
  })

  test('500 then success is retried by plugin-retry', async () => {
    const issue = gh.state.seedIssue({ title: 'flaky' })
    gh.injectFault({ route: 'GET /repos/{owner}/{repo}/issues/{issue_number}', fault: { kind: 'server-error' } })
    gh.injectFault({ route: 'GET /repos/{owner}/{repo}/issues/{issue_number}', fault: { kind: 'server-error', status: 502 } })
    const octokit = actionClient('ghs_write_token', { secondary: [], primary: [] })
    const { data } = await octokit.rest.issues.get({ owner, repo, issue_number: issue.number })
    expect(data.title).toBe('flaky')
    expect(gh.requests.map((r) => r.status)).toEqual([500, 502, 200])
  })

  test('a persistent 500 fails after the configured retries', async () => {
    gh.injectFault({ route: 'GET /repos/{owner}/{repo}/labels', fault: { kind: 'server-error' }, times: Infinity })
    const octokit = actionClient('ghs_write_token', { secondary: [], primary: [] })
    await expect(octokit.rest.issues.listLabelsForRepo({ owner, repo })).rejects.toMatchObject({ status: 500 })
    expect(gh.requests).toHaveLength(3)
  })

  test('read-only token: 403 "Resource not accessible by integration", not retried', async () => {
    const pr = gh.state.seedPullRequest({ title: 'fork PR' })
    const log: LimitLog = { secondary: [], primary: [] }
    const octokit = actionClient('ghs_read_only_token', log)
    await expect(octokit.rest.issues.createComment({ owner, repo, issue_number: pr.number, body: 'x' })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration') as unknown
    })
    expect(gh.requests).toHaveLength(1)
    expect(log).toEqual({ secondary: [], primary: [] })
    const { data } = await octokit.rest.issues.listComments({ owner, repo, issue_number: pr.number })
    expect(data).toEqual([])
  })

  test('requests carry the token as "authorization: token" but the record hides it', async () => {
    const octokit = actionClient('ghs_write_token', { secondary: [], primary: [] })
    await octokit.rest.repos.get({ owner, repo })
    expect(gh.requests[0].headers.authorization).toBeUndefined()
    await expect(getOctokit('nope', { baseUrl: gh.url }).rest.repos.get({ owner, repo })).rejects.toMatchObject({ status: 401 })
  })
})
