import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createSchemaChecker } from '../fakes/schema-check.js'
import { type FakeGitHub, GITHUB_BOT_LOGIN, startFakeGitHub } from '../fakes/github-server.js'
import { call, type RawResponse } from './http-call.js'

const WRITE = { authorization: 'token ghs_write_token' }
const READ_ONLY = { authorization: 'Bearer ghs_read_only_token' }
const USER = { authorization: 'token ghp_maintainer_token' }
const checker = createSchemaChecker('github', { strict: true })

let gh: FakeGitHub
const repoPath = '/repos/octo-org/payments'

function expectShape(definition: string, response: RawResponse, status: number): void {
  expect(response.status).toBe(status)
  expect(checker.problems(definition, response.json)).toEqual([])
}

function expectEach(definition: string, response: RawResponse): void {
  expect(response.status).toBe(200)
  expect(Array.isArray(response.json)).toBe(true)
  const items = response.json as unknown[]
  expect(items.length).toBeGreaterThan(0)
  for (const item of items) expect(checker.problems(definition, item)).toEqual([])
}

beforeAll(async () => {
  gh = await startFakeGitHub({
    users: [{ login: 'alice' }],
    files: {
      main: { 'threatmodel/payments.yaml': 'threatloop: 1\nmodel:\n  id: payments\n' },
      abc123: { 'threatmodel/payments.yaml': 'old\n' }
    }
  })
  gh.state.seedIssue({
    title: 'Existing mitigation',
    body: '<!-- threatloop:mitigation:payments/M-1 -->',
    labels: ['threatloop'],
    assignees: ['alice']
  })
  const pr = gh.state.seedPullRequest({ title: 'Add threat model', author: 'alice' })
  gh.state.seedComment(pr.number, { body: 'Looks good', author: 'octo-reviewer' })
})

afterAll(async () => {
  await gh.close()
})

describe('every GitHub fake response matches the OpenAPI subset', () => {
  test('repository and identities', async () => {
    const repo = await call(gh.url, 'GET', repoPath, { headers: WRITE })
    expectShape('full-repository', repo, 200)
    expect(repo.json).toMatchObject({ default_branch: 'main', permissions: { push: true } })
    const readOnlyRepo = await call(gh.url, 'GET', repoPath, { headers: READ_ONLY })
    expect(readOnlyRepo.json).toMatchObject({ permissions: { push: false, pull: true } })

    expectShape('simple-user', await call(gh.url, 'GET', '/user', { headers: USER }), 200)
    expectShape('basic-error', await call(gh.url, 'GET', '/user', { headers: WRITE }), 403)
    const bot = await call(gh.url, 'GET', `/users/${encodeURIComponent(GITHUB_BOT_LOGIN)}`, { headers: WRITE })
    expectShape('simple-user', bot, 200)
    expect(bot.json).toMatchObject({ login: GITHUB_BOT_LOGIN, type: 'Bot' })
    expectShape('basic-error', await call(gh.url, 'GET', '/users/nobody-here', { headers: WRITE }), 404)
  })

  test('issue listing includes pull requests with a pull_request key', async () => {
    const list = await call(gh.url, 'GET', `${repoPath}/issues?state=all`, { headers: WRITE })
    expectEach('issue', list)
    const items = list.json as Array<{ pull_request?: unknown; title: string }>
    expect(items.filter((i) => i.pull_request !== undefined).map((i) => i.title)).toEqual(['Add threat model'])
    const labelled = await call(gh.url, 'GET', `${repoPath}/issues?labels=THREATLOOP&state=all`, { headers: WRITE })
    expect((labelled.json as unknown[]).length).toBe(1)
  })

  test('issue create, read, update, close and reopen', async () => {
    const created = await call(gh.url, 'POST', `${repoPath}/issues`, {
      headers: WRITE,
      body: { title: 'Mitigation M-2', body: 'do it', labels: ['threatloop', 'severity:high'], assignees: ['alice'] }
    })
    expectShape('issue', created, 201)
    const number = (created.json as { number: number }).number
    expect(created.json).toMatchObject({ user: { login: GITHUB_BOT_LOGIN, type: 'Bot' }, assignees: [{ login: 'alice' }], state: 'open' })

    expectShape('issue', await call(gh.url, 'GET', `${repoPath}/issues/${number}`, { headers: WRITE }), 200)
    const closed = await call(gh.url, 'PATCH', `${repoPath}/issues/${number}`, {
      headers: WRITE,
      body: { state: 'closed', state_reason: 'not_planned' }
    })
    expectShape('issue', closed, 200)
    expect(closed.json).toMatchObject({ state: 'closed', state_reason: 'not_planned', closed_by: { login: GITHUB_BOT_LOGIN } })
    const reopened = await call(gh.url, 'PATCH', `${repoPath}/issues/${number}`, {
      headers: WRITE,
      body: { state: 'open', body: 'changed', labels: ['threatloop'] }
    })
    expectShape('issue', reopened, 200)
    expect(reopened.json).toMatchObject({
      state: 'open',
      state_reason: 'reopened',
      closed_at: null,
      body: 'changed',
      labels: [{ name: 'threatloop' }]
    })
    const completed = await call(gh.url, 'PATCH', `${repoPath}/issues/${number}`, { headers: WRITE, body: { state: 'closed' } })
    expect(completed.json).toMatchObject({ state_reason: 'completed' })
  })

  test('validation errors: invalid assignee, body too long, missing title', async () => {
    const badAssignee = await call(gh.url, 'POST', `${repoPath}/issues`, {
      headers: WRITE,
      body: { title: 't', assignees: ['ghost-user'] }
    })
    expectShape('validation-error', badAssignee, 422)
    expect(badAssignee.json).toMatchObject({ errors: [{ field: 'assignees', code: 'invalid', value: 'ghost-user' }] })
    const tooLong = await call(gh.url, 'POST', `${repoPath}/issues/1/comments`, { headers: WRITE, body: { body: 'x'.repeat(65537) } })
    expectShape('validation-error', tooLong, 422)
    expect(JSON.stringify(tooLong.json)).toContain('maximum is 65536 characters')
    const atLimit = await call(gh.url, 'POST', `${repoPath}/issues/1/comments`, { headers: WRITE, body: { body: 'x'.repeat(65536) } })
    expect(atLimit.status).toBe(201)
    expectShape('validation-error', await call(gh.url, 'POST', `${repoPath}/issues`, { headers: WRITE, body: { body: 'no title' } }), 422)
  })

  test('comments: list, create as the bot, edit, delete', async () => {
    const pr = gh.state.plainIssues().length + 1
    const prNumber = [...gh.state.issues.values()].find((i) => i.isPullRequest)?.number ?? pr
    expectEach('issue-comment', await call(gh.url, 'GET', `${repoPath}/issues/${prNumber}/comments`, { headers: WRITE }))
    const created = await call(gh.url, 'POST', `${repoPath}/issues/${prNumber}/comments`, {
      headers: WRITE,
      body: { body: '<!-- threatloop:sticky -->\nhello' }
    })
    expectShape('issue-comment', created, 201)
    expect(created.json).toMatchObject({ user: { login: 'github-actions[bot]', type: 'Bot' } })
    const id = (created.json as { id: number }).id
    expect(id).toBeGreaterThan(2 ** 31)
    const edited = await call(gh.url, 'PATCH', `${repoPath}/issues/comments/${id}`, { headers: WRITE, body: { body: 'edited' } })
    expectShape('issue-comment', edited, 200)
    expectShape('issue-comment', await call(gh.url, 'GET', `${repoPath}/issues/comments/${id}`, { headers: WRITE }), 200)
    const deleted = await call(gh.url, 'DELETE', `${repoPath}/issues/comments/${id}`, { headers: WRITE })
    expect(deleted.status).toBe(204)
    expectShape(
      'basic-error',
      await call(gh.url, 'PATCH', `${repoPath}/issues/comments/${id}`, { headers: WRITE, body: { body: 'x' } }),
      404
    )
  })

  test('labels: list, create, duplicate, get by name, add to an issue', async () => {
    expectEach('label', await call(gh.url, 'GET', `${repoPath}/labels`, { headers: WRITE }))
    const created = await call(gh.url, 'POST', `${repoPath}/labels`, {
      headers: WRITE,
      body: { name: 'mitigation:preventive', color: '#1d76db', description: 'Preventive control' }
    })
    expectShape('label', created, 201)
    expect(created.json).toMatchObject({ color: '1d76db' })
    expectShape(
      'validation-error',
      await call(gh.url, 'POST', `${repoPath}/labels`, { headers: WRITE, body: { name: 'MITIGATION:preventive' } }),
      422
    )
    expectShape(
      'label',
      await call(gh.url, 'GET', `${repoPath}/labels/${encodeURIComponent('mitigation:preventive')}`, { headers: WRITE }),
      200
    )
    expectShape('basic-error', await call(gh.url, 'GET', `${repoPath}/labels/absent`, { headers: WRITE }), 404)
    const added = await call(gh.url, 'POST', `${repoPath}/issues/1/labels`, { headers: WRITE, body: { labels: ['severity:critical'] } })
    expectEach('label', added)
    expect((added.json as Array<{ name: string }>).map((l) => l.name)).toEqual(['threatloop', 'severity:critical'])
  })

  test('contents: base64 file at a ref, 404 when missing', async () => {
    const file = await call(gh.url, 'GET', `${repoPath}/contents/threatmodel/payments.yaml?ref=abc123`, { headers: WRITE })
    expectShape('content-file', file, 200)
    const { content, encoding } = file.json as { content: string; encoding: string }
    expect(encoding).toBe('base64')
    expect(Buffer.from(content, 'base64').toString('utf8')).toBe('old\n')
    const head = await call(gh.url, 'GET', `${repoPath}/contents/threatmodel/payments.yaml`, { headers: WRITE })
    expect(Buffer.from((head.json as { content: string }).content, 'base64').toString('utf8')).toContain('id: payments')
    expectShape('basic-error', await call(gh.url, 'GET', `${repoPath}/contents/missing.yaml?ref=main`, { headers: WRITE }), 404)
  })

  test('auth: 401 without a token, 403 for writes with the read-only token', async () => {
    expectShape('basic-error', await call(gh.url, 'GET', `${repoPath}/issues`), 401)
    expectShape('basic-error', await call(gh.url, 'GET', `${repoPath}/issues`, { headers: { authorization: 'token wrong' } }), 401)
    const denied = await call(gh.url, 'POST', `${repoPath}/issues/1/comments`, { headers: READ_ONLY, body: { body: 'x' } })
    expectShape('basic-error', denied, 403)
    expect(denied.json).toMatchObject({ message: 'Resource not accessible by integration' })
    expect((await call(gh.url, 'GET', `${repoPath}/issues/1`, { headers: READ_ONLY })).status).toBe(200)
  })

  test('pagination: Link header with next and last, per_page capped at 100', async () => {
    const first = await call(gh.url, 'GET', `${repoPath}/issues?state=all&per_page=1`, { headers: WRITE })
    const link = first.headers.get('link') ?? ''
    expect(link).toMatch(/[?&]page=2[^>]*>; rel="next"/)
    expect(link).toMatch(/rel="last"/)
    const capped = await call(gh.url, 'GET', `${repoPath}/issues?state=all&per_page=500`, { headers: WRITE })
    expect(capped.headers.get('link')).toBeNull()
    expect(first.headers.get('x-ratelimit-limit')).toBe('1000')
    expect(Number(first.headers.get('x-ratelimit-remaining'))).toBeLessThan(1000)
  })

  test('deleted issue answers 404 (or 410 when asked)', async () => {
    const victim = gh.state.seedIssue({ title: 'to delete' })
    gh.state.deleteIssue(victim.number)
    expectShape(
      'basic-error',
      await call(gh.url, 'PATCH', `${repoPath}/issues/${victim.number}`, { headers: WRITE, body: { state: 'closed' } }),
      404
    )
    gh.state.deleteIssue(victim.number, 410)
    expectShape('basic-error', await call(gh.url, 'GET', `${repoPath}/issues/${victim.number}`, { headers: WRITE }), 410)
    expect(gh.state.plainIssues().map((i) => i.number)).not.toContain(victim.number)
  })

  test('injected faults keep GitHub shapes and headers', async () => {
    const route = 'GET /repos/{owner}/{repo}/issues/{issue_number}'
    gh.injectFault({ route, fault: { kind: 'secondary-rate-limit', retryAfter: 1 } })
    const secondary = await call(gh.url, 'GET', `${repoPath}/issues/1`, { headers: WRITE })
    expectShape('basic-error', secondary, 403)
    expect(secondary.headers.get('retry-after')).toBe('1')
    expect((secondary.json as { message: string }).message).toMatch(/You have exceeded a secondary rate limit/)

    gh.injectFault({ route, fault: { kind: 'primary-rate-limit' } })
    const primary = await call(gh.url, 'GET', `${repoPath}/issues/1`, { headers: WRITE })
    expectShape('basic-error', primary, 403)
    expect(primary.headers.get('x-ratelimit-remaining')).toBe('0')

    gh.injectFault({ route, fault: { kind: 'server-error' } })
    expectShape('basic-error', await call(gh.url, 'GET', `${repoPath}/issues/1`, { headers: WRITE }), 500)
    gh.injectFault({ route, fault: { kind: 'server-error', status: 502 } })
    expect((await call(gh.url, 'GET', `${repoPath}/issues/1`, { headers: WRITE })).status).toBe(502)
    gh.injectFault({ route, fault: { kind: 'validation' } })
    expectShape('validation-error', await call(gh.url, 'GET', `${repoPath}/issues/1`, { headers: WRITE }), 422)
    gh.injectFault({ route, fault: { kind: 'not-found' } })
    expectShape('basic-error', await call(gh.url, 'GET', `${repoPath}/issues/1`, { headers: WRITE }), 404)

    gh.injectFault({ route, fault: { kind: 'delay', ms: 150 } })
    const started = Date.now()
    expectShape('issue', await call(gh.url, 'GET', `${repoPath}/issues/1`, { headers: WRITE }), 200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect((await call(gh.url, 'GET', `${repoPath}/issues/1`, { headers: WRITE })).status).toBe(200)
  })

  test('compare: files (at most 300) on the first page only, commits paged, unknown comparisons 404', async () => {
    const base = 'a'.repeat(40)
    const head = 'b'.repeat(40)
    gh.state.setCompareFiles(base, head, [
      ...Array.from({ length: 320 }, (_, i) => `src/f${i}.ts`),
      { filename: 'new.ts', previous_filename: 'old.ts', status: 'renamed' }
    ])
    const first = await call(gh.url, 'GET', `${repoPath}/compare/${base}...${head}?per_page=1`, { headers: WRITE })
    expectShape('commit-comparison', first, 200)
    expect((first.json as { files: unknown[] }).files).toHaveLength(300)
    const second = await call(gh.url, 'GET', `${repoPath}/compare/${base}...${head}?per_page=1&page=2`, { headers: WRITE })
    expectShape('commit-comparison', second, 200)
    expect((second.json as { files?: unknown[] }).files).toBeUndefined()
    expectShape('basic-error', await call(gh.url, 'GET', `${repoPath}/compare/${head}...${base}`, { headers: WRITE }), 404)
  })

  test('requests are recorded without secrets', async () => {
    const before = gh.requests.length
    await call(gh.url, 'POST', `${repoPath}/labels`, { headers: WRITE, body: { name: 'recorded', color: 'ffffff' } })
    const recorded = gh.requests.slice(before)
    expect(recorded).toHaveLength(1)
    expect(recorded[0]).toMatchObject({
      method: 'POST',
      route: 'POST /repos/{owner}/{repo}/labels',
      status: 201,
      body: { name: 'recorded' }
    })
    expect(JSON.stringify(gh.requests)).not.toContain('ghs_write_token')
    expect(recorded[0].headers.authorization).toBeUndefined()
  })
})

describe('the schema check can fail', () => {
  test('rejects a string id, a missing required field and (strict) an undeclared field', async () => {
    const issue = (await call(gh.url, 'GET', `${repoPath}/issues/1`, { headers: WRITE })).json as Record<string, unknown>
    expect(checker.problems('issue', { ...issue, id: String(issue.id) }).join()).toMatch(/\/id must be integer/)
    const { node_id: _dropped, ...withoutNodeId } = issue
    expect(checker.problems('issue', withoutNodeId).join()).toMatch(/node_id/)
    expect(checker.problems('issue', { ...issue, state_reasn: 'completed' }).join()).toMatch(/additional properties/)
    expect(checker.problems('issue', { ...issue, html_url: 'not a uri' }).join()).toMatch(/format/)
    expect(checker.problems('issue', { ...issue, state_reason: 'finished' }).join()).toMatch(/allowed values/)
  })
})
