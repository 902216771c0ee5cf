import { readFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import ajvDraft04 from 'ajv-draft-04'
import ajvFormats from 'ajv-formats'
import { COMMENT_MARKER } from '../../src/core/render/review-markdown.js'
import { GITHUB_BOT_LOGIN, startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js'
import { createSchemaChecker } from '../fakes/schema-check.js'
import { checkPassed } from '../gitlab/harness.js'
import {
  DEMO_BASE,
  DEMO_HEAD,
  gitRepository,
  MODEL_PATH,
  pullRequestPayload,
  readWorkspaceFile,
  runAction,
  type GitFixture
} from './harness.js'

const AjvDraft04 = ajvDraft04 as unknown as typeof ajvDraft04.default
const addFormats = ajvFormats as unknown as typeof ajvFormats.default
const SARIF_SCHEMA = new URL('../fixtures/schemas/sarif-schema-2.1.0.json', import.meta.url)

let fake: FakeGitHub
let repo: GitFixture
let baseSha: string
let headSha: string
/** The head with one more semantic change (a new assumption). */
let updatedSha: string
/** The base with only a YAML comment changed: no semantic change. */
let cosmeticSha: string

beforeAll(() => {
  repo = gitRepository()
  baseSha = repo.commit({ [MODEL_PATH]: DEMO_BASE }, 'base')
  headSha = repo.commit({ [MODEL_PATH]: DEMO_HEAD }, 'head')
  updatedSha = repo.commit(
    {
      [MODEL_PATH]: DEMO_HEAD.replace(
        'assumptions:\n',
        'assumptions:\n  - { id: A-2, text: Refund requests are rate limited per shopper., validated: false }\n'
      )
    },
    'head 2'
  )
  cosmeticSha = repo.commit({ [MODEL_PATH]: `# reviewed by the platform team\n${DEMO_BASE}` }, 'comment only')
})
afterAll(() => repo.cleanup())
beforeEach(async () => {
  fake = await startFakeGitHub()
})
afterEach(async () => {
  // An endpoint the fake does not serve means the action called something untested.
  const unhandled = fake.unhandled.map((r) => `${r.method} ${r.path}`)
  await fake.close()
  if (unhandled.length > 0) throw new Error(`requests no fake route handled: ${unhandled.join(', ')}`)
})

const writes = (): string[] => fake.writes().map((r) => `${r.route ?? `${r.method} ${r.path}`} ${r.status}`)

/** Every JSON response of the fake's requests of this kind must match GitHub's published schema. */
async function responsesMatchSchema(): Promise<void> {
  const checker = createSchemaChecker('github')
  const pr = fake.state.issues.values().next().value
  if (!pr) return
  const response = await fetch(`${fake.url}/repos/${fake.owner}/${fake.repo}/issues/${pr.number}/comments`, {
    headers: { authorization: 'token ghs_write_token' }
  })
  for (const comment of (await response.json()) as unknown[]) expect(checker.problems('issue-comment', comment)).toEqual([])
}

describe('pull_request, end to end through the bundle', () => {
  test('first review: one sticky comment, reports, annotations, outputs; exit follows the gate', async () => {
    const pr = fake.state.seedPullRequest({ title: 'Self-service refunds' })
    const result = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, pr.number, baseSha, headSha),
      sha: headSha
    })
    const comments = fake.state.commentsOn(pr.number)
    expect(comments).toHaveLength(1)
    expect(comments[0].author).toBe(GITHUB_BOT_LOGIN)
    expect(comments[0].body.startsWith(COMMENT_MARKER)).toBe(true)
    expect(comments[0].body).toContain('T-003')
    expect(comments[0].body).toContain('When this merges, Threatloop will open 1 issue')
    // Preview on pull requests: nothing but the comment is written.
    expect(writes()).toEqual(['POST /repos/{owner}/{repo}/issues/{issue_number}/comments 201'])
    expect(fake.requests.map((r) => r.route)).toEqual([
      'GET /repos/{owner}/{repo}/issues',
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments'
    ])
    expect(fake.requests[0].query).toMatchObject({ labels: 'threatloop', state: 'all', per_page: '100' })

    // The demo PR adds a critical threat: the default gate fails the step.
    expect(result.outputs.gate).toBe('fail')
    expect(result.status).toBe(1)
    expect(result.outputs['new-findings']).toBe('6')
    expect(JSON.parse(result.outputs['severity-delta'])).toEqual({ info: 0, low: 0, medium: 1, high: -1, critical: 1 })
    expect(Number(result.outputs['residual-loss-delta'])).toBeGreaterThan(0)
    expect(JSON.parse(result.outputs['issues-planned'])).toMatchObject({ create: 1 })
    expect(result.outputs.comment).toBe('created')
    expect(result.outputs['comment-id']).toBe(String(comments[0].id))
    // What the run did reaches the review as maturity evidence: a comment and a SARIF file.
    const reviewJson = JSON.parse(readWorkspaceFile(repo.dir, 'threatloop-review.json') ?? '{}') as unknown
    expect(checkPassed(reviewJson, 'reporting.severity-report-published')).toBe(true)
    expect(result.stdout).toContain('::error::Threatloop gate failed: 1 new critical threat: payments-api/T-003')
    // The token appears once: in the mask command, so the runner hides it everywhere else.
    expect(result.stdout.split('ghs_write_token').length - 1).toBe(1)
    expect(result.stdout).toContain('::add-mask::ghs_write_token')

    // Annotations point at model lines.
    expect(result.annotations.some((a) => a.startsWith('::error title=Threatloop high') && a.includes(`file=${MODEL_PATH},line=99`))).toBe(
      true
    )

    // The job summary has the review and this run's section.
    expect(result.summary).toContain('Threatloop')
    expect(result.summary).toContain('Pull request comment: created.')

    // JSON report: the canonical Review.
    const json = JSON.parse(readWorkspaceFile(repo.dir, 'threatloop-review.json') ?? '{}') as {
      schema: string
      gate: { status: string }
      context: { number: number; head: { sha: string } }
    }
    expect(json).toMatchObject({
      schema: 'threatloop-review/1',
      gate: { status: 'fail' },
      context: { number: pr.number, head: { sha: headSha } }
    })
    expect(result.outputs['json-report']).toMatch(/threatloop-review\.json$/)

    // SARIF: valid against the SARIF 2.1.0 schema, with the head's findings.
    const ajv = new AjvDraft04({ strict: false, allErrors: true })
    addFormats(ajv)
    const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as object)
    const sarif = JSON.parse(readWorkspaceFile(repo.dir, 'threatloop.sarif') ?? '{}') as {
      runs: {
        results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]
        tool: { driver: { rules: unknown[] } }
      }[]
    }
    expect(validate(sarif) ? [] : validate.errors).toEqual([])
    expect(sarif.runs[0].results.length).toBe(19)
    expect(sarif.runs[0].tool.driver.rules.length).toBeGreaterThan(10)
    expect(new Set(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri))).toEqual(new Set([MODEL_PATH]))
    await responsesMatchSchema()
  })

  test('PR updated: the comment is edited, not duplicated; an unchanged re-run writes nothing', async () => {
    const pr = fake.state.seedPullRequest({ title: 'Self-service refunds' })
    await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, pr.number, baseSha, headSha),
      sha: headSha
    })
    const first = fake.state.commentsOn(pr.number)[0]
    const second = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, pr.number, baseSha, updatedSha),
      sha: updatedSha
    })
    expect(second.outputs.comment).toBe('updated')
    const comments = fake.state.commentsOn(pr.number)
    expect(comments.map((c) => c.id)).toEqual([first.id])
    expect(comments[0].body).toContain('A-2')
    const before = fake.requests.length
    const third = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, pr.number, baseSha, updatedSha),
      sha: updatedSha
    })
    expect(third.outputs.comment).toBe('unchanged')
    expect(fake.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([])
    expect(writes()).toEqual([
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments 201',
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id} 200'
    ])
  })

  test('marker comments by people are ignored; the newest bot comment is kept and older duplicates deleted (over several pages)', async () => {
    const pr = fake.state.seedPullRequest({ title: 'Self-service refunds' })
    const spoof = fake.state.seedComment(pr.number, { body: `${COMMENT_MARKER}\nlooks official`, author: 'octo-reviewer' })
    const older = fake.state.seedComment(pr.number, { body: `${COMMENT_MARKER}\nold run`, author: GITHUB_BOT_LOGIN })
    for (let i = 0; i < 120; i++) fake.state.seedComment(pr.number, { body: `discussion ${i}`, author: 'octo-maintainer' })
    const newer = fake.state.seedComment(pr.number, { body: `${COMMENT_MARKER}\nracing run`, author: GITHUB_BOT_LOGIN })
    const result = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, pr.number, baseSha, headSha),
      sha: headSha
    })
    expect(result.outputs.comment).toBe('updated')
    expect(result.outputs['comment-id']).toBe(String(newer.id))
    const ids = fake.state.commentsOn(pr.number).map((c) => c.id)
    expect(ids).toContain(spoof.id)
    expect(ids).toContain(newer.id)
    expect(ids).not.toContain(older.id)
    expect(fake.state.comments.get(spoof.id)?.body).toBe(`${COMMENT_MARKER}\nlooks official`)
    expect(fake.requests.filter((r) => r.route === 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments')).toHaveLength(2)
  })

  test('a comment by another Bot account carrying our marker is not ours: left alone, ours is created beside it', async () => {
    fake.state.addUser({ login: 'evil-app[bot]', type: 'Bot' })
    const pr = fake.state.seedPullRequest({ title: 'Self-service refunds' })
    const planted = fake.state.seedComment(pr.number, { body: `${COMMENT_MARKER}\nTrust me, approved.`, author: 'evil-app[bot]' })
    const result = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, pr.number, baseSha, headSha),
      sha: headSha
    })
    expect(result.outputs.comment).toBe('created')
    const comments = fake.state.commentsOn(pr.number)
    expect(comments.map((c) => c.author)).toEqual(['evil-app[bot]', GITHUB_BOT_LOGIN])
    expect(fake.state.comments.get(planted.id)?.body).toBe(`${COMMENT_MARKER}\nTrust me, approved.`)
    // The workflow's GITHUB_TOKEN (ghs_…) is github-actions[bot]: no request to find out.
    expect(fake.requests.filter((r) => r.route === 'GET /user')).toEqual([])
  })

  test('identity: a personal token is asked once (GET /user); a GitHub App is named by the bot-login input', async () => {
    fake.state.addUser({ login: 'threatloop-app[bot]', type: 'Bot' })
    const pr = fake.state.seedPullRequest({ title: 'Self-service refunds' })
    const botComment = fake.state.seedComment(pr.number, { body: `${COMMENT_MARKER}\nby the workflow token`, author: GITHUB_BOT_LOGIN })
    const appComment = fake.state.seedComment(pr.number, { body: `${COMMENT_MARKER}\nby the app`, author: 'threatloop-app[bot]' })
    // A personal token acts as octo-maintainer: neither marked comment is its own.
    const personal = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, pr.number, baseSha, headSha),
      sha: headSha,
      token: 'ghp_maintainer_token'
    })
    expect(personal.outputs.comment).toBe('created')
    expect(fake.requests.filter((r) => r.route === 'GET /user')).toHaveLength(1)
    const mine = fake.state.commentsOn(pr.number).find((c) => c.author === 'octo-maintainer')
    expect(mine).toBeDefined()
    // Named explicitly, the app's comment is found and edited (with the workflow token here, so the edit is allowed by the fake).
    fake.requests.length = 0
    const named = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, pr.number, baseSha, headSha),
      sha: headSha,
      inputs: { 'bot-login': 'threatloop-app[bot]' }
    })
    expect(named.outputs['comment-id']).toBe(String(appComment.id))
    expect(fake.state.comments.get(botComment.id)?.body).toBe(`${COMMENT_MARKER}\nby the workflow token`)
    expect(fake.requests.filter((r) => r.route === 'GET /user')).toEqual([])
  })

  test('fork PR: nothing is written, the summary says what was skipped and how to enable it, exit follows the gate', async () => {
    const pr = fake.state.seedPullRequest({ title: 'From a fork' })
    const result = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, pr.number, baseSha, headSha, { fork: true }),
      sha: headSha,
      token: 'ghs_read_only_token'
    })
    expect(fake.writes()).toEqual([])
    expect(result.outputs['writes-skipped']).toBe('true')
    expect(result.summary).toContain('Skipped the pull request comment: read-only token: pull request from a fork.')
    expect(result.summary).toContain('two-workflow pattern')
    expect(result.stdout.match(/^::notice::Threatloop: skipped/gm)).toHaveLength(1)
    expect(result.outputs.gate).toBe('fail')
    expect(result.status).toBe(1)
    expect(readWorkspaceFile(repo.dir, 'threatloop.sarif')).toBeDefined()
    // No comment could be posted from the fork: no maturity credit for one.
    expect(
      checkPassed(JSON.parse(readWorkspaceFile(repo.dir, 'threatloop-review.json') ?? '{}'), 'reporting.reviewer-and-owner-reports')
    ).not.toBe(true)
  })

  test('read-only token on a same-repository PR: one 403, then no further writes; passing gate exits 0', async () => {
    const pr = fake.state.seedPullRequest({ title: 'Dependabot-like' })
    const result = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, pr.number, baseSha, headSha),
      sha: headSha,
      token: 'ghs_read_only_token',
      inputs: { 'fail-on': 'none' }
    })
    expect(writes()).toEqual(['POST /repos/{owner}/{repo}/issues/{issue_number}/comments 403'])
    expect(result.summary).toContain('Resource not accessible by integration')
    expect(result.summary).toContain('the pull request comment')
    expect(result.outputs['api-failures']).toBe('0')
    expect(result.outputs.gate).toBe('warn')
    expect(result.status).toBe(0)
  })

  test("the first request is the issue listing, made by the action's own client, and the review uses that one listing", async () => {
    const pr = fake.state.seedPullRequest({ title: 'Comment only' })
    const result = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, pr.number, baseSha, cosmeticSha),
      sha: cosmeticSha
    })
    expect(result.status).toBe(0)
    expect(fake.requests[0].method).toBe('GET')
    expect(fake.requests[0].path).toMatch(/\/repos\/[^/]+\/[^/]+\/issues$/)
    expect(String(fake.requests[0].headers['user-agent'])).toMatch(/^threatloop-action /)
    // One listing only: the early one was used by the review.
    expect(fake.requests.filter((r) => r.method === 'GET' && /\/issues$/.test(r.path)).length).toBe(1)
  })

  test('behind a proxy (HTTPS_PROXY set) the action uses the proxy-aware client and still reviews', async () => {
    const pr = fake.state.seedPullRequest({ title: 'Via proxy settings' })
    // NO_PROXY covers the fake server, so the proxy-aware client reaches it directly.
    const result = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, pr.number, baseSha, headSha),
      sha: headSha,
      inputs: { 'fail-on': 'none' },
      env: { HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1,localhost' }
    })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(fake.state.commentsOn(pr.number)).toHaveLength(1)
    // No early request: every request comes from @actions/github's client.
    for (const request of fake.requests) expect(String(request.headers['user-agent'])).toMatch(/^octokit-core/)
    expect(fake.requests.filter((r) => r.method === 'GET' && /\/issues$/.test(r.path)).length).toBe(1)
  })

  test('no semantic change: no new comment is started (as on GitLab), and the review makes at most 3 requests beyond listing pages', async () => {
    const pr = fake.state.seedPullRequest({ title: 'Comment only' })
    const quiet = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, pr.number, baseSha, cosmeticSha),
      sha: cosmeticSha
    })
    expect(quiet.outputs.gate).toBe('pass')
    expect(quiet.outputs.comment).toBeUndefined()
    expect(fake.writes()).toEqual([])
    expect(quiet.summary).toContain('Pull request comment: not posted (no semantic change and no earlier one).')
    // An earlier comment of ours is brought up to date instead.
    fake.state.seedComment(pr.number, { body: `${COMMENT_MARKER}\nan earlier review`, author: GITHUB_BOT_LOGIN })
    fake.requests.length = 0
    const result = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, pr.number, baseSha, cosmeticSha),
      sha: cosmeticSha
    })
    expect(result.outputs.gate).toBe('pass')
    expect(result.status).toBe(0)
    expect(result.outputs['new-findings']).toBe('0')
    expect(result.outputs.comment).toBe('updated')
    expect(fake.state.commentsOn(pr.number)[0].body).toContain('No semantic change')
    const nonListing = fake.requests.filter((r) => !(r.method === 'GET' && /\/(issues|comments|labels)$/.test(r.path)))
    expect(nonListing.length).toBeLessThanOrEqual(3)
  })
})
