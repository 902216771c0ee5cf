import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createSchemaChecker } from '../fakes/schema-check.js'
import { type FakeGitLab, GITLAB_BOT_USERNAME, startFakeGitLab } from '../fakes/gitlab-server.js'
import { call, type RawResponse } from './http-call.js'

const BOT = { 'private-token': 'glpat-project-bot' }
const BEARER = { authorization: 'Bearer glpat-maintainer' }
const JOB = { 'job-token': 'ci-job-token' }
const checker = createSchemaChecker('gitlab', { strict: true })
let gl: FakeGitLab
let project: string

function expectShape(definition: string, response: RawResponse, status: number): void {
  expect(response.status).toBe(status)
  expect(checker.problems(definition, response.json)).toEqual([])
}

function expectEach(definition: string, response: RawResponse): void {
  expect(response.status).toBe(200)
  const items = response.json as unknown[]
  expect(items.length).toBeGreaterThan(0)
  for (const item of items) expect(checker.problems(definition, item)).toEqual([])
}

beforeAll(async () => {
  gl = await startFakeGitLab({ users: [{ username: 'alice', id: 501 }] })
  project = `/api/v4/projects/${gl.projectId}`
  gl.state.seedNote(1, { body: 'added 1 commit', author: 'gitlab-maintainer', system: true })
  gl.state.seedNote(1, { body: 'Please add a threat for the webhook', author: 'gitlab-reviewer' })
  gl.state.seedIssue({
    title: 'Existing',
    description: '<!-- threatloop:mitigation:payments/M-1 -->',
    labels: ['threatloop'],
    assigneeIds: [501]
  })
})

afterAll(async () => {
  await gl.close()
})

describe('every GitLab fake response matches the subset', () => {
  test('users: /user and /users?username=', async () => {
    const me = await call(gl.url, 'GET', '/api/v4/user', { headers: BOT })
    // GET /user answers UserPublic, a superset of UserBasic; `bot` is the one extra field the fake sends.
    const { bot: _bot, ...basic } = me.json as Record<string, unknown>
    expectShape('API_Entities_UserBasic', { ...me, json: basic }, 200)
    expect(me.json).toMatchObject({ username: GITLAB_BOT_USERNAME, bot: true })
    expectEach('API_Entities_UserBasic', await call(gl.url, 'GET', '/api/v4/users?username=alice', { headers: BEARER }))
    expect((await call(gl.url, 'GET', '/api/v4/users?username=nobody', { headers: BOT })).json).toEqual([])
  })

  test('merge request notes: list (system and human notes), create, update, delete', async () => {
    const list = await call(gl.url, 'GET', `${project}/merge_requests/1/notes`, { headers: BOT })
    expectEach('API_Entities_Note', list)
    expect((list.json as Array<{ system: boolean }>).map((n) => n.system)).toEqual([false, true])
    const created = await call(gl.url, 'POST', `${project}/merge_requests/1/notes`, {
      headers: BOT,
      body: { body: '<!-- threatloop:sticky -->\nreview' }
    })
    expectShape('API_Entities_Note', created, 201)
    expect(created.json).toMatchObject({
      system: false,
      author: { username: GITLAB_BOT_USERNAME },
      noteable_type: 'MergeRequest',
      noteable_iid: 1
    })
    const id = (created.json as { id: number }).id
    expectShape('API_Entities_Note', await call(gl.url, 'GET', `${project}/merge_requests/1/notes/${id}`, { headers: BOT }), 200)
    const updated = await call(gl.url, 'PUT', `${project}/merge_requests/1/notes/${id}`, { headers: BOT, body: { body: 'edited' } })
    expectShape('API_Entities_Note', updated, 200)
    expect((await call(gl.url, 'DELETE', `${project}/merge_requests/1/notes/${id}`, { headers: BOT })).status).toBe(204)
    expectShape('API_Error', await call(gl.url, 'GET', `${project}/merge_requests/1/notes/${id}`, { headers: BOT }), 404)
    expectShape('API_Error', await call(gl.url, 'GET', `${project}/merge_requests/99/notes`, { headers: BOT }), 404)
  })

  test('note body limit is 1,000,000 characters', async () => {
    const atLimit = await call(gl.url, 'POST', `${project}/merge_requests/1/notes`, { headers: BOT, body: { body: 'x'.repeat(1_000_000) } })
    expect(atLimit.status).toBe(201)
    const over = await call(gl.url, 'POST', `${project}/merge_requests/1/notes`, { headers: BOT, body: { body: 'x'.repeat(1_000_001) } })
    expectShape('API_Error', over, 400)
    expect(JSON.stringify(over.json)).toContain('maximum is 1000000 characters')
    expectShape('API_Error', await call(gl.url, 'POST', `${project}/merge_requests/1/notes`, { headers: BOT, body: {} }), 400)
  })

  test('issues: list by label, create, update, close, reopen', async () => {
    expectEach('API_Entities_Issue', await call(gl.url, 'GET', `${project}/issues?labels=threatloop&state=opened`, { headers: BOT }))
    const created = await call(gl.url, 'POST', `${project}/issues`, {
      headers: BOT,
      body: { title: 'Mitigation M-2', description: 'do it', labels: 'threatloop,severity::high', assignee_ids: [501, 999999] }
    })
    expectShape('API_Entities_Issue', created, 201)
    expect(created.json).toMatchObject({
      state: 'opened',
      labels: ['severity::high', 'threatloop'],
      assignees: [{ username: 'alice' }],
      author: { username: GITLAB_BOT_USERNAME }
    })
    const iid = (created.json as { iid: number }).iid
    const closed = await call(gl.url, 'PUT', `${project}/issues/${iid}`, {
      headers: BOT,
      body: { state_event: 'close', add_labels: 'done' }
    })
    expectShape('API_Entities_Issue', closed, 200)
    expect(closed.json).toMatchObject({
      state: 'closed',
      closed_by: { username: GITLAB_BOT_USERNAME },
      labels: ['done', 'severity::high', 'threatloop']
    })
    const reopened = await call(gl.url, 'PUT', `${project}/issues/${iid}`, {
      headers: BOT,
      body: { state_event: 'reopen', description: 'new', labels: 'threatloop' }
    })
    expect(reopened.json).toMatchObject({ state: 'opened', closed_at: null, description: 'new', labels: ['threatloop'] })
    expectShape('API_Entities_Issue', await call(gl.url, 'GET', `${project}/issues/${iid}`, { headers: BOT }), 200)
    expectShape('API_Error', await call(gl.url, 'POST', `${project}/issues`, { headers: BOT, body: { description: 'no title' } }), 400)
    expectShape('API_Error', await call(gl.url, 'PUT', `${project}/issues/9999`, { headers: BOT, body: { state_event: 'close' } }), 404)
  })

  test('labels: list, create, duplicate 409; project addressed by encoded path', async () => {
    const created = await call(gl.url, 'POST', `/api/v4/projects/${encodeURIComponent(gl.projectPath)}/labels`, {
      headers: BOT,
      body: { name: 'mitigation::preventive', color: '#1d76db' }
    })
    expectShape('API_Entities_Label', created, 201)
    expect(created.json).toMatchObject({ name: 'mitigation::preventive', color: '#1d76db', description: null })
    expectEach('API_Entities_Label', await call(gl.url, 'GET', `${project}/labels`, { headers: BOT }))
    expectShape(
      'API_Error',
      await call(gl.url, 'POST', `${project}/labels`, { headers: BOT, body: { name: 'mitigation::preventive', color: '#000000' } }),
      409
    )
    expectShape('API_Error', await call(gl.url, 'POST', `${project}/labels`, { headers: BOT, body: { name: 'no-colour' } }), 400)
    expectShape('API_Error', await call(gl.url, 'GET', '/api/v4/projects/999/labels', { headers: BOT }), 404)
  })

  test('auth: 401 without a token; CI_JOB_TOKEN reads notes only; guest token cannot write', async () => {
    expectShape('API_Error', await call(gl.url, 'GET', `${project}/issues`), 401)
    expectEach('API_Entities_Note', await call(gl.url, 'GET', `${project}/merge_requests/1/notes`, { headers: JOB }))
    expectShape('API_Error', await call(gl.url, 'POST', `${project}/merge_requests/1/notes`, { headers: JOB, body: { body: 'x' } }), 403)
    expectShape('API_Error', await call(gl.url, 'GET', `${project}/issues`, { headers: JOB }), 403)
    expectShape(
      'API_Error',
      await call(gl.url, 'POST', `${project}/issues`, { headers: { 'private-token': 'glpat-guest' }, body: { title: 'x' } }),
      403
    )
    expect(JSON.stringify(gl.requests)).not.toMatch(/glpat-|ci-job-token/)
  })

  test('pagination headers', async () => {
    for (let i = 0; i < 5; i += 1) gl.state.seedNote(1, { body: `note ${i}` })
    const page1 = await call(gl.url, 'GET', `${project}/merge_requests/1/notes?per_page=2`, { headers: BOT })
    expect(page1.headers.get('x-page')).toBe('1')
    expect(page1.headers.get('x-next-page')).toBe('2')
    expect(page1.headers.get('x-per-page')).toBe('2')
    const total = Number(page1.headers.get('x-total'))
    expect(total).toBe(gl.state.notesOn(1).length)
    const lastPage = Math.ceil(total / 2)
    const last = await call(gl.url, 'GET', `${project}/merge_requests/1/notes?per_page=2&page=${lastPage}`, { headers: BOT })
    expect(last.headers.get('x-next-page')).toBe('')
    expect(last.headers.get('link')).toMatch(/rel="prev"/)
  })

  test('injected faults: 429 with Retry-After, 5xx', async () => {
    const route = 'GET /api/v4/projects/{id}/issues'
    gl.injectFault({ route, fault: { kind: 'rate-limit', retryAfter: 1 } })
    const again = await fetch(`${gl.url}${project}/issues`, { headers: BOT })
    expect(again.status).toBe(429)
    expect(again.headers.get('retry-after')).toBe('1')
    expect(await again.text()).toBe('Retry later\n')
    expect((await fetch(`${gl.url}${project}/issues`, { headers: BOT })).status).toBe(200)
    gl.injectFault({ route, fault: { kind: 'server-error', status: 502 } })
    expectShape('API_Error', await call(gl.url, 'GET', `${project}/issues`, { headers: BOT }), 502)
  })

  test('repository compare: every diff in one response; unknown commits 404', async () => {
    const from = 'a'.repeat(40)
    const to = 'b'.repeat(40)
    gl.state.setCompareFiles(from, to, [
      'src/a.ts',
      { old_path: 'old.ts', new_path: 'new.ts' },
      { old_path: 'x.ts', new_path: 'x.ts', deleted_file: true }
    ])
    const compared = await call(gl.url, 'GET', `${project}/repository/compare?from=${from}&to=${to}`, { headers: BOT })
    expectShape('API_Entities_Compare', compared, 200)
    expect((compared.json as { diffs: { new_path: string }[] }).diffs.map((d) => d.new_path)).toEqual(['src/a.ts', 'new.ts', 'x.ts'])
    expectShape('API_Error', await call(gl.url, 'GET', `${project}/repository/compare?from=${to}&to=${from}`, { headers: BOT }), 404)
  })

  test('merge request approvals: approved_by users; unknown merge request 404', async () => {
    gl.state.approve(1, 'alice')
    const approvals = await call(gl.url, 'GET', `${project}/merge_requests/1/approvals`, { headers: BOT })
    expectShape('API_Entities_MergeRequestApprovals', approvals, 200)
    expect(approvals.json).toMatchObject({ approved: true, approved_by: [{ user: { username: 'alice' } }] })
    gl.state.unapprove(1, 'alice')
    const none = await call(gl.url, 'GET', `${project}/merge_requests/1/approvals`, { headers: BOT })
    expectShape('API_Entities_MergeRequestApprovals', none, 200)
    expect(none.json).toMatchObject({ approved: false, approved_by: [] })
    expectShape('API_Error', await call(gl.url, 'GET', `${project}/merge_requests/99/approvals`, { headers: BOT }), 404)
  })

  test('single merge request: its author; unknown merge request 404', async () => {
    const mr = await call(gl.url, 'GET', `${project}/merge_requests/1`, { headers: BOT })
    expectShape('API_Entities_MergeRequest', mr, 200)
    expect(mr.json).toMatchObject({ iid: 1, author: { username: 'gitlab-maintainer' }, target_branch: 'main' })
    expectShape('API_Error', await call(gl.url, 'GET', `${project}/merge_requests/99`, { headers: BOT }), 404)
  })

  test('group members including inherited ones: by path or id, paginated; an invisible group 404', async () => {
    const group = gl.state.addGroup('acme/security', ['alice', 'gitlab-reviewer'])
    const byPath = await call(gl.url, 'GET', `/api/v4/groups/${encodeURIComponent('acme/security')}/members/all`, { headers: BOT })
    expectEach('API_Entities_Member', byPath)
    expect((byPath.json as Array<{ username: string }>).map((m) => m.username)).toEqual(['alice', 'gitlab-reviewer'])
    expectEach('API_Entities_Member', await call(gl.url, 'GET', `/api/v4/groups/${group.id}/members/all?per_page=1`, { headers: BOT }))
    gl.state.addGroup('acme/hidden', ['alice'], ['gitlab-maintainer'])
    expectShape(
      'API_Error',
      await call(gl.url, 'GET', `/api/v4/groups/${encodeURIComponent('acme/hidden')}/members/all`, { headers: BOT }),
      404
    )
    expectShape('API_Error', await call(gl.url, 'GET', '/api/v4/groups/nobody/members/all', { headers: BOT }), 404)
  })

  test('quick-action lines in bodies are recorded', async () => {
    await call(gl.url, 'POST', `${project}/merge_requests/1/notes`, { headers: BOT, body: { body: 'text\n/close\n`/label ~x`' } })
    expect(gl.state.quickActions).toEqual([{ where: 'merge request !1 note', line: '/close' }])
  })
})

describe('the GitLab schema check can fail', () => {
  test('rejects a string id, a missing author and an undeclared field', async () => {
    const note = (
      (await call(gl.url, 'GET', `${project}/merge_requests/1/notes`, { headers: BOT })).json as Array<Record<string, unknown>>
    )[0]
    expect(checker.problems('API_Entities_Note', { ...note, id: String(note.id) }).join()).toMatch(/\/id must be integer/)
    const { author: _gone, ...withoutAuthor } = note
    expect(checker.problems('API_Entities_Note', withoutAuthor).join()).toMatch(/author/)
    expect(checker.problems('API_Entities_Note', { ...note, bodyy: 'x' }).join()).toMatch(/additional properties/)
  })

  test('rejects approvals without approved_by, a member without access_level and a merge request with a string iid', async () => {
    const approvals = (await call(gl.url, 'GET', `${project}/merge_requests/1/approvals`, { headers: BOT })).json as Record<string, unknown>
    const { approved_by: _none, ...withoutApprovers } = approvals
    expect(checker.problems('API_Entities_MergeRequestApprovals', withoutApprovers).join()).toMatch(/approved_by/)
    gl.state.addGroup('acme/checked', ['alice'])
    const [member] = (await call(gl.url, 'GET', '/api/v4/groups/acme%2Fchecked/members/all', { headers: BOT })).json as Array<
      Record<string, unknown>
    >
    const { access_level: _level, ...withoutLevel } = member
    expect(checker.problems('API_Entities_Member', withoutLevel).join()).toMatch(/access_level/)
    const mr = (await call(gl.url, 'GET', `${project}/merge_requests/1`, { headers: BOT })).json as Record<string, unknown>
    expect(checker.problems('API_Entities_MergeRequest', { ...mr, iid: '1' }).join()).toMatch(/\/iid must be integer/)
  })
})
