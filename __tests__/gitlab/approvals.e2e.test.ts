/**
 * Approved acceptances on merge requests (#21), end to end through the bundle against the fake
 * GitLab: the approvals API is read only when the change adds or changes an acceptance; an
 * approval by a listed approver (or a member of a listed group) approves it, never the author's own.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { type FakeGitLab, GITLAB_BOT_USERNAME, startFakeGitLab } from '../fakes/gitlab-server.js'
import { mergeRequestEnv, routesOf, runJob, TempRepo } from './harness.js'

const MODEL_FILE = 'threatmodels/shop.threatmodel.yaml'
const BASE_MODEL = `threatloop: 1
model: { id: shop, title: Shop, owner: team, reviewed: 2026-09-15 }
zones: [{ id: internet, trust: 0 }, { id: core, trust: 2 }]
components:
  - { id: web, type: service, zone: core, owner: team, internet_facing: true }
threats:
  - { id: T-1, title: Scraping of the catalogue, category: information-disclosure, targets: [web], likelihood: high, impact: high, status: open }
`
const ACCEPTED_MODEL = BASE_MODEL.replace(
  'status: open }',
  "status: accepted, acceptance: { by: alice, reason: 'public data anyway', expires: 2027-06-01 } }"
)
const CONFIG = 'approvals:\n  acceptance: [alice, acme/security]\n'
const FAIL_CONFIG = `${CONFIG}gate:\n  fail_on: [new-critical, unapproved-acceptance]\n`
const APPROVALS_ROUTE = 'GET /api/v4/projects/{id}/merge_requests/{iid}/approvals'
const MEMBERS_ROUTE = 'GET /api/v4/groups/{group_id}/members/all'

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

async function run(config: string, head = ACCEPTED_MODEL) {
  const base = repo.commit({ [MODEL_FILE]: BASE_MODEL, '.threatloop.yaml': config }, 'base')
  repo.git('checkout', '-q', '-b', 'feature')
  const headSha = repo.commit({ [MODEL_FILE]: head }, 'accept T-1')
  repo.git('checkout', '-q', '--detach', headSha)
  const result = await runJob(mergeRequestEnv(gl, repo, { base, head: headSha }), repo.dir)
  const note = gl.state.notesOn(1).find((n) => n.author === GITLAB_BOT_USERNAME)?.body ?? ''
  const report = JSON.parse(repo.read('threatloop-report.json')) as {
    approvals: { approvedBy: string | null; note: string | null }[]
    gate: { status: string }
  }
  return { result, note, report }
}

describe('approved acceptances on merge requests (GitLab)', () => {
  test('no approval by a listed approver: the note says who must approve; the job passes with a warning', async () => {
    gl.state.approve(1, 'mallory')
    const { result, note, report } = await run(CONFIG)
    expect(result.status).toBe(0)
    expect(note).toContain('risk acceptance of `T-1` in `shop` needs an approving review by `alice` or `acme/security`')
    expect(report.gate.status).toBe('warn')
    expect(routesOf(gl)).toContain(APPROVALS_ROUTE)
    // The group named in the configuration does not exist for this token: one warning naming it.
    expect(routesOf(gl)).toContain(MEMBERS_ROUTE)
    expect(result.stdout).toContain('Could not read the members of `acme/security`')
    // The job log carries the business summary.
    expect(result.stdout).toContain('shop by owner:')
    expect(result.stdout).toContain('  team: 1 threat (crit/high/med/low ')
  })

  test('under fail_on the job fails; once alice approves it passes and the note says by whom', async () => {
    const failed = await run(FAIL_CONFIG)
    expect(failed.result.status).toBe(1)
    // No approval at all: the approvals are read, nothing else (no author, no group look-up).
    expect(routesOf(gl).filter((r) => r.includes('merge_requests/{iid}') && !r.includes('notes'))).toEqual([APPROVALS_ROUTE])

    gl.state.approve(1, 'alice')
    const before = gl.requests.length
    const env = mergeRequestEnv(gl, repo, { base: repo.git('rev-parse', 'main'), head: repo.git('rev-parse', 'HEAD') })
    const passed = await runJob(env, repo.dir)
    expect(passed.status).toBe(0)
    const note = gl.state.notesOn(1).find((n) => n.author === GITLAB_BOT_USERNAME)?.body ?? ''
    expect(note).toContain('✅ risk acceptance of `T-1` in `shop`: approved by `alice`')
    expect(routesOf(gl, before)).toContain('GET /api/v4/projects/{id}/merge_requests/{iid}')
  })

  test('a member of a listed group approves; the author’s own approval does not count', async () => {
    gl.state.addGroup('acme/security', ['bob'])
    gl.state.approve(1, 'bob')
    const byMember = await run(FAIL_CONFIG)
    expect(byMember.result.status).toBe(0)
    expect(byMember.note).toContain('approved by `bob`')
    expect(byMember.result.stdout).not.toContain('Could not read the members')

    await gl.close()
    gl = await startFakeGitLab()
    repo.remove()
    repo = new TempRepo()
    gl.state.mergeRequestAuthors.set(1, 'alice')
    gl.state.approve(1, 'alice')
    const own = await run(FAIL_CONFIG)
    expect(own.result.status).toBe(1)
  })

  test('a change that accepts nothing asks no approvals', async () => {
    const { result } = await run(FAIL_CONFIG, BASE_MODEL.replace('title: Shop,', 'title: Shop v2,'))
    expect(result.status).toBe(0)
    expect(routesOf(gl)).not.toContain(APPROVALS_ROUTE)
  })
})
