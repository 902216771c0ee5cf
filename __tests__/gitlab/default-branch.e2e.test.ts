import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { load } from 'js-yaml'
import { type FakeGitLab, type FakeGitLabIssue, GITLAB_BOT_USERNAME, startFakeGitLab } from '../fakes/gitlab-server.js'
import { DEMO_BASE, DEMO_HEAD, defaultBranchEnv, editModel, MODEL_PATH, routesOf, runJob, TempRepo } from './harness.js'

const OPEN_STATUSES = new Set(['proposed', 'planned', 'in-progress'])
let gl: FakeGitLab
let repo: TempRepo

beforeEach(async () => {
  gl = await startFakeGitLab({ users: [{ username: 'team-payments', id: 501 }] })
  repo = new TempRepo()
})

afterEach(async () => {
  await gl.close()
  repo.remove()
})

function markerOf(issue: FakeGitLabIssue): string | undefined {
  return /<!-- threatloop:mitigation:([^\s>]+) -->/.exec(issue.description ?? '')?.[1]
}

/** The invariant of the issue loop: every open-status mitigation has exactly one open issue, and no other issue is open. */
function expectOneOpenIssuePerOpenMitigation(modelText: string): void {
  const model = load(modelText) as { model: { id: string }; mitigations: Array<{ id: string; status?: string }> }
  const wanted = model.mitigations
    .filter((m) => OPEN_STATUSES.has(m.status ?? 'proposed'))
    .map((m) => `${model.model.id}/${m.id}`)
    .sort()
  const open = [...gl.state.issues.values()]
    .filter((i) => i.state === 'opened')
    .map(markerOf)
    .filter((k) => k !== undefined)
    .sort()
  expect(open).toEqual(wanted)
}

describe('threatloop gitlab on the default branch: the mitigation issue loop', () => {
  test('first pipeline opens one issue per open mitigation, with labels and the owner as assignee', async () => {
    const first = repo.commit({ [MODEL_PATH]: DEMO_BASE }, 'threat model')
    const result = await runJob(defaultBranchEnv(gl, repo, { head: first }), repo.dir)
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('mitigation issues: 2 opened, 0 updated, 0 closed, 0 reopened')
    expectOneOpenIssuePerOpenMitigation(DEMO_BASE)
    const [m1, m3] = [...gl.state.issues.values()].sort((a, b) => (markerOf(a)! < markerOf(b)! ? -1 : 1))
    expect(m1.title).toBe('Bind session tokens to the client (DPoP) (payments-api/M-001)')
    expect(m1.labels.sort()).toEqual(['mitigation:preventive', 'severity:high', 'threatloop'])
    expect(m1.assigneeIds).toEqual([501])
    expect(m1.description).toContain('A replayed token from another client is rejected')
    expect(m3.assigneeIds).toEqual([])
    expect(routesOf(gl)).toEqual([
      'GET /api/v4/projects/{id}/issues',
      'GET /api/v4/users',
      'POST /api/v4/projects/{id}/issues',
      'POST /api/v4/projects/{id}/issues'
    ])
    expect(gl.requests[1].query).toEqual({ username: 'team-payments' })
  })

  test('a mitigation implemented closes its issue with a note saying why; a re-run changes nothing; a non-model push costs two requests', async () => {
    const first = repo.commit({ [MODEL_PATH]: DEMO_BASE }, 'threat model')
    await runJob(defaultBranchEnv(gl, repo, { head: first }), repo.dir)
    const m1 = [...gl.state.issues.values()].find((i) => markerOf(i) === 'payments-api/M-001')!

    // The demo head ships M-001 (planned → implemented).
    const second = repo.commit({ [MODEL_PATH]: DEMO_HEAD }, 'self-service refunds')
    const env = defaultBranchEnv(gl, repo, { before: first, head: second })
    const before = gl.requests.length
    const merged = await runJob(env, repo.dir)
    expect(merged.status).toBe(1)
    expect(merged.stdout).toContain('1 closed')
    expect(gl.state.issues.get(m1.iid)?.state).toBe('closed')
    expect(gl.state.issues.get(m1.iid)?.description).toContain('status: implemented')
    expectOneOpenIssuePerOpenMitigation(DEMO_HEAD)
    // Update and close of the same issue are one PUT; M-003's threat was renamed, so its body changes too.
    const puts = gl.requests.slice(before).filter((r) => r.method === 'PUT')
    expect(puts.map((r) => r.path)).toEqual([`/api/v4/projects/123/issues/${m1.iid}`, expect.stringMatching(/\/issues\/\d+$/)])
    expect(puts[0].body).toMatchObject({ state_event: 'close', add_labels: 'severity:medium', remove_labels: 'severity:high' })
    expect(puts[1].body).not.toHaveProperty('state_event')
    // As on GitHub, the close explains itself in a note on the issue (posted before the close).
    expect(gl.state.issueNotesOn(m1.iid).map((n) => n.body)).toEqual([
      expect.stringContaining('the threat model says mitigation M-001 is implemented')
    ])
    const noteAt = gl.requests.findIndex((r) => r.route === 'POST /api/v4/projects/{id}/issues/{iid}/notes')
    expect(gl.requests.findIndex((r) => r.method === 'PUT' && r.path.endsWith(`/issues/${m1.iid}`))).toBeGreaterThan(noteAt)

    const rerun = gl.requests.length
    const again = await runJob(env, repo.dir)
    expect(again.stdout).toContain('0 opened, 0 updated, 0 closed, 0 reopened')
    // The listing, and who the token is (ours = marker plus author).
    expect(routesOf(gl, rerun)).toEqual(['GET /api/v4/projects/{id}/issues', 'GET /api/v4/user'])
    expectOneOpenIssuePerOpenMitigation(DEMO_HEAD)

    // A push that changes no model: the issues stay as they are; the listing and the identity.
    const third = repo.commit({ 'src/app.js': 'console.log(1)\n' }, 'code only')
    const quiet = gl.requests.length
    const code = await runJob(defaultBranchEnv(gl, repo, { before: second, head: third }), repo.dir)
    expect(code.status).toBe(0)
    expect(routesOf(gl, quiet)).toEqual(['GET /api/v4/projects/{id}/issues', 'GET /api/v4/user'])
    expect(gl.state.issues.size).toBe(2)
  })

  test('an issue closed by hand while the model still plans the work is reopened and reported as drift; foreign labels survive updates', async () => {
    const first = repo.commit({ [MODEL_PATH]: DEMO_BASE }, 'threat model')
    await runJob(defaultBranchEnv(gl, repo, { head: first }), repo.dir)
    const m3 = [...gl.state.issues.values()].find((i) => markerOf(i) === 'payments-api/M-003')!
    m3.state = 'closed'
    m3.labels.push('priority::high')
    // The severity changes with the next commit, so the labels are rewritten.
    const second = repo.commit(
      {
        [MODEL_PATH]: editModel(DEMO_BASE, [
          [/likelihood: medium( +#[^\n]*)?\n {4}impact: high\n/, 'likelihood: very-high\n    impact: very-high\n']
        ])
      },
      'worse'
    )
    const result = await runJob(defaultBranchEnv(gl, repo, { before: first, head: second }), repo.dir)
    expect(result.stdout).toContain('1 reopened')
    expect(gl.state.issueNotesOn(m3.iid).map((n) => n.body)).toEqual([expect.stringContaining('M-003')])
    expect(result.stdout).toMatch(/drift: issue #\d+ was closed, but the model still says mitigation M-003 is proposed/)
    const after = gl.state.issues.get(m3.iid)!
    expect(after.state).toBe('opened')
    expect(after.labels).toContain('priority::high')
    expect(after.labels.filter((l) => l.startsWith('severity:'))).toHaveLength(1)
    expect(after.labels).not.toContain('severity:high')
    expectOneOpenIssuePerOpenMitigation(DEMO_BASE)
  })

  test('a mitigation removed from the model closes its issue; a duplicate issue is closed too', async () => {
    const first = repo.commit({ [MODEL_PATH]: DEMO_BASE }, 'threat model')
    await runJob(defaultBranchEnv(gl, repo, { head: first }), repo.dir)
    const m3 = [...gl.state.issues.values()].find((i) => markerOf(i) === 'payments-api/M-003')!
    const m1 = [...gl.state.issues.values()].find((i) => markerOf(i) === 'payments-api/M-001')!
    const duplicate = gl.state.seedIssue({
      title: m1.title,
      description: m1.description,
      labels: ['threatloop'],
      author: GITLAB_BOT_USERNAME
    })
    const withoutM3 = editModel(DEMO_BASE, [
      ['mitigations: [M-001, M-003]', 'mitigations: [M-001]'],
      [/ {2}- id: M-003\n(?: {4}.*\n)+/, '']
    ])
    const second = repo.commit({ [MODEL_PATH]: withoutM3 }, 'drop M-003')
    await runJob(defaultBranchEnv(gl, repo, { before: first, head: second }), repo.dir)
    expect(gl.state.issues.get(m3.iid)?.state).toBe('closed')
    expect(gl.state.issues.get(duplicate.iid)?.state).toBe('closed')
    expect(gl.state.issues.get(m1.iid)?.state).toBe('opened')
    expectOneOpenIssuePerOpenMitigation(withoutM3)
  })

  test('issue listings are read to the last page (x-next-page) before anything is created', async () => {
    for (let i = 0; i < 205; i++) gl.state.seedIssue({ title: `unrelated ${i}`, labels: ['threatloop'] })
    const first = repo.commit({ [MODEL_PATH]: DEMO_BASE }, 'threat model')
    const seededM1 = gl.state.seedIssue({
      title: 'old title',
      description: '<!-- threatloop:mitigation:payments-api/M-001 -->\nold',
      labels: ['threatloop'],
      author: GITLAB_BOT_USERNAME
    })
    await runJob(defaultBranchEnv(gl, repo, { head: first }), repo.dir)
    const listing = gl.requests.filter((r) => r.route === 'GET /api/v4/projects/{id}/issues')
    expect(listing.map((r) => r.query.page)).toEqual(['1', '2', '3'])
    // The issue on the last page was found and updated, not duplicated.
    expect(gl.state.issues.get(seededM1.iid)?.title).toBe('Bind session tokens to the client (DPoP) (payments-api/M-001)')
    expectOneOpenIssuePerOpenMitigation(DEMO_BASE)
  })

  test('an issue with our marker filed by someone else is ours by marker only: left alone, reported once, and ours is opened', async () => {
    const planted = gl.state.seedIssue({
      title: 'planted',
      description: '<!-- threatloop:mitigation:payments-api/M-001 -->\nadopt me',
      labels: ['threatloop', 'severity:low'],
      author: 'gitlab-reviewer'
    })
    const first = repo.commit({ [MODEL_PATH]: DEMO_BASE }, 'threat model')
    const result = await runJob(defaultBranchEnv(gl, repo, { head: first }), repo.dir)
    expect(result.status).toBe(0)
    expect(gl.state.issues.get(planted.iid)).toMatchObject({ title: 'planted', state: 'opened', labels: ['threatloop', 'severity:low'] })
    expect(gl.requests.filter((r) => r.path.endsWith(`/issues/${planted.iid}`) && r.method !== 'GET')).toEqual([])
    expect(
      result.stdout.match(/WARNING: Left alone 1 issue\(s\) that carry Threatloop's marker but were not filed by project_123_bot/g)
    ).toHaveLength(1)
    expect(result.stdout).toContain(`#${planted.iid}`)
    // Our own issue for M-001 exists beside it.
    const ours = [...gl.state.issues.values()].filter((i) => markerOf(i) === 'payments-api/M-001' && i.author === GITLAB_BOT_USERNAME)
    expect(ours).toHaveLength(1)
  })

  test('code drift: the changed files come from the clone (git diff), so a code change without its model is seen', async () => {
    const withCode = editModel(DEMO_BASE, [
      ['    title: Payments API\n    type: service\n', '    title: Payments API\n    type: service\n    code: [src/api/**]\n']
    ])
    const first = repo.commit({ [MODEL_PATH]: withCode, 'src/api/app.js': 'one\n' }, 'model with code')
    const second = repo.commit({ 'src/api/app.js': 'two\n', 'src/other.js': 'x\n' }, 'code only')
    await runJob(defaultBranchEnv(gl, repo, { before: first, head: second }, { THREATLOOP_FAIL_ON: 'none' }), repo.dir)
    const report = JSON.parse(repo.read('threatloop-report.json')) as {
      codeDriftChecked: boolean
      codeDrift: { component: string; files: string[] }[]
    }
    expect(report.codeDriftChecked).toBe(true)
    expect(report.codeDrift).toEqual([expect.objectContaining({ component: 'api', files: ['src/api/app.js'] })])
  })
})
