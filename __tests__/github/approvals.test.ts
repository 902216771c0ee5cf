/**
 * Approved acceptances on pull requests (#21), end to end through the bundle against the fake
 * GitHub: the pull request's reviews are read only when the change adds or changes an acceptance,
 * the latest decisive review of a listed approver (or a member of a listed team) on the head
 * commit approves it, and `unapproved-acceptance` warns or fails per the trusted configuration.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js'
import { createSchemaChecker } from '../fakes/schema-check.js'
import { gitRepository, pullRequestPayload, readWorkspaceFile, runAction, type GitFixture } from './harness.js'

const MODEL_FILE = 'threatmodel/shop.threatmodel.yaml'
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
const RETITLED_MODEL = BASE_MODEL.replace('title: Shop,', 'title: Shop v2,')
const CONFIG = 'approvals:\n  acceptance: [alice, octo-org/security]\n'
const FAIL_CONFIG = `${CONFIG}gate:\n  fail_on: [new-critical, unapproved-acceptance]\n`

const REVIEWS_ROUTE = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews'
const MEMBERSHIP_ROUTE = 'GET /orgs/{org}/teams/{team_slug}/memberships/{username}'

let fake: FakeGitHub
let repo: GitFixture

beforeEach(async () => {
  fake = await startFakeGitHub()
  repo = gitRepository()
})
afterEach(async () => {
  const unhandled = fake.unhandled.map((r) => `${r.method} ${r.path}`)
  await fake.close()
  repo.cleanup()
  if (unhandled.length > 0) throw new Error(`requests no fake route handled: ${unhandled.join(', ')}`)
})

const routes = (): string[] => fake.requests.map((r) => r.route ?? `${r.method} ${r.path}`)

interface Setup {
  config?: string
  head?: string
  /** Reviews seeded before the run; `head`/`base` stand for the commits. */
  reviews?: { author: string; state?: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED'; on?: 'head' | 'base' }[]
  token?: string
  event?: 'pull_request' | 'pull_request_review'
}

async function run(setup: Setup = {}) {
  const baseSha = repo.commit({ [MODEL_FILE]: BASE_MODEL, '.threatloop.yaml': setup.config ?? CONFIG }, 'base')
  const headSha = repo.commit({ [MODEL_FILE]: setup.head ?? ACCEPTED_MODEL }, 'accept T-1')
  const pr = fake.state.seedPullRequest({ title: 'Accept scraping', author: 'octo-maintainer' })
  for (const r of setup.reviews ?? [])
    fake.state.seedReview(pr.number, { author: r.author, state: r.state ?? 'APPROVED', commitId: r.on === 'base' ? baseSha : headSha })
  const payload = pullRequestPayload(fake, pr.number, baseSha, headSha)
  ;(payload.pull_request as Record<string, unknown>).user = { login: 'octo-maintainer' }
  if (setup.event === 'pull_request_review') {
    payload.action = 'submitted'
    payload.review = { id: 1, state: 'approved', user: { login: 'alice' } }
  }
  const result = await runAction({
    fake,
    workspace: repo.dir,
    event: (setup.event ?? 'pull_request') as 'pull_request',
    payload,
    sha: headSha,
    token: setup.token
  })
  const comment = fake.state.commentsOn(pr.number)[0]?.body ?? ''
  const report = JSON.parse(readWorkspaceFile(repo.dir, 'threatloop-review.json') ?? '{}') as {
    approvals?: { element: string; approvedBy: string | null; note: string | null }[]
    gate?: { status: string; reasons: { condition: string; level: string }[] }
  }
  return { result, comment, report, pr }
}

describe('approved acceptances on pull requests (GitHub)', () => {
  test('an acceptance without an approving review by a listed approver: a warning naming who must approve; the run passes', async () => {
    const { result, comment, report } = await run({
      reviews: [
        { author: 'alice', state: 'COMMENTED' },
        { author: 'mallory', state: 'APPROVED' }
      ]
    })
    expect(result.status).toBe(0)
    expect(comment).toContain('**Approvals this change needs**')
    expect(comment).toContain('risk acceptance of `T-1` in `shop` needs an approving review by `alice` or `octo-org/security`')
    expect(report.gate?.reasons).toContainEqual(expect.objectContaining({ condition: 'unapproved-acceptance', level: 'warn' }))
    expect(report.approvals).toEqual([expect.objectContaining({ element: 'T-1', approvedBy: null })])
    // The reviews were read once; no approver is in a team, so no membership look-up either.
    expect(routes().filter((r) => r === REVIEWS_ROUTE)).toHaveLength(1)
    expect(fake.requests.find((r) => r.route === REVIEWS_ROUTE)?.query).toMatchObject({ per_page: '100' })
    // mallory's approval is checked against the team: the workflow token may not read teams → one warning naming it.
    expect(routes()).toContain(MEMBERSHIP_ROUTE)
    expect(result.stdout).toContain('Could not read the members of `octo-org/security`')
    // The job summary carries the business summary for readers who do not read threat models.
    expect(result.summary).toContain('#### Business summary')
    expect(result.summary).toContain('| (no objective named) | 1 |')
  })

  test('under `fail_on: [unapproved-acceptance]` in the trusted configuration the run fails', async () => {
    const { result, report } = await run({ config: FAIL_CONFIG })
    expect(result.status).toBe(1)
    expect(report.gate?.status).toBe('fail')
    expect(result.stdout + result.stderr).toContain('without an approving review by a listed approver')
  })

  test('once the listed approver approved the head commit, the run passes and the comment says by whom', async () => {
    const { result, comment, report } = await run({
      config: FAIL_CONFIG,
      reviews: [
        { author: 'alice', state: 'CHANGES_REQUESTED' },
        { author: 'alice', state: 'APPROVED' }
      ]
    })
    expect(result.status).toBe(0)
    expect(comment).toContain('✅ risk acceptance of `T-1` in `shop`: approved by `alice`')
    expect(report.approvals).toEqual([expect.objectContaining({ approvedBy: 'alice', note: null })])
    expect(report.gate?.reasons.map((r) => r.condition)).not.toContain('unapproved-acceptance')
  })

  test('a dismissed approval, an approval of an earlier commit, or the author’s own approval does not count', async () => {
    const dismissed = await run({ config: FAIL_CONFIG, reviews: [{ author: 'alice', state: 'DISMISSED' }] })
    expect(dismissed.result.status).toBe(1)
    await fake.close()
    fake = await startFakeGitHub()
    repo.cleanup()
    repo = gitRepository()
    const stale = await run({ config: FAIL_CONFIG, reviews: [{ author: 'alice', on: 'base' }] })
    expect(stale.result.status).toBe(1)
    expect(stale.comment).toContain('alice approved an earlier commit')
    await fake.close()
    fake = await startFakeGitHub()
    repo.cleanup()
    repo = gitRepository()
    const own = await run({
      config: 'approvals:\n  acceptance: [octo-maintainer]\ngate:\n  fail_on: [unapproved-acceptance]\n',
      reviews: [{ author: 'octo-maintainer' }]
    })
    expect(own.result.status).toBe(1)
  })

  test('a member of a listed team approves: resolved with a token that may read teams; schema-valid responses', async () => {
    fake.state.addTeam('octo-org', 'security', ['bob', { login: 'carol', state: 'pending' }])
    const { result, comment } = await run({ config: FAIL_CONFIG, reviews: [{ author: 'bob' }], token: 'ghp_maintainer_token' })
    expect(result.status).toBe(0)
    expect(comment).toContain('approved by `bob`')
    const membership = fake.requests.find((r) => r.route === MEMBERSHIP_ROUTE)
    expect(membership?.path).toBe('/orgs/octo-org/teams/security/memberships/bob')
    expect(result.stdout).not.toContain('Could not read the members')
  })

  test('a pending team member or a non-member does not approve; no warning when the team is readable', async () => {
    fake.state.addTeam('octo-org', 'security', ['bob', { login: 'carol', state: 'pending' }])
    const { result } = await run({
      config: FAIL_CONFIG,
      reviews: [{ author: 'carol' }, { author: 'dave' }],
      token: 'ghp_maintainer_token'
    })
    expect(result.status).toBe(1)
    expect(result.stdout).not.toContain('Could not read the members')
    expect(routes()).toContain('GET /orgs/{org}/teams/{team_slug}')
  })

  test('the `pull_request_review` event re-runs the review with the new approval', async () => {
    const { result, comment } = await run({ config: FAIL_CONFIG, reviews: [{ author: 'alice' }], event: 'pull_request_review' })
    expect(result.status).toBe(0)
    expect(comment).toContain('approved by `alice`')
    expect(result.summary).toContain('`pull_request_review`')
  })

  test('a change that accepts nothing reads no reviews (request budget unchanged)', async () => {
    const { result } = await run({ config: FAIL_CONFIG, head: RETITLED_MODEL })
    expect(result.status).toBe(0)
    expect(routes()).not.toContain(REVIEWS_ROUTE)
    expect(routes()).not.toContain(MEMBERSHIP_ROUTE)
  })
})

describe('the fake answers the review and team routes like GitHub', () => {
  test('reviews, memberships and teams match the OpenAPI subset', async () => {
    const checker = createSchemaChecker('github', { strict: true })
    fake.state.addTeam('octo-org', 'security', ['bob'])
    const pr = fake.state.seedPullRequest({ title: 'x' })
    fake.state.seedReview(pr.number, { author: 'bob', commitId: 'a'.repeat(40) })
    fake.state.seedReview(pr.number, { author: 'bob', state: 'COMMENTED', commitId: 'a'.repeat(40) })
    const get = async (path: string, token = 'ghp_maintainer_token'): Promise<{ status: number; json: unknown }> => {
      const response = await fetch(`${fake.url}${path}`, { headers: { authorization: `token ${token}` } })
      return { status: response.status, json: await response.json() }
    }
    const reviews = await get(`/repos/octo-org/payments/pulls/${pr.number}/reviews?per_page=100`)
    expect(reviews.status).toBe(200)
    expect((reviews.json as unknown[]).length).toBe(2)
    for (const item of reviews.json as unknown[]) expect(checker.problems('pull-request-review', item)).toEqual([])
    const member = await get('/orgs/octo-org/teams/security/memberships/bob')
    expect(member.status).toBe(200)
    expect(checker.problems('team-membership', member.json)).toEqual([])
    const team = await get('/orgs/octo-org/teams/security')
    expect(checker.problems('team-full', team.json)).toEqual([])
    expect((await get('/orgs/octo-org/teams/security/memberships/dave')).status).toBe(404)
    const refused = await get('/orgs/octo-org/teams/security/memberships/bob', 'ghs_write_token')
    expect(refused.status).toBe(403)
    expect(checker.problems('basic-error', refused.json)).toEqual([])
    expect((await get(`/repos/octo-org/payments/pulls/${pr.number}/reviews?state=APPROVED`)).status).toBe(422)
  })
})
