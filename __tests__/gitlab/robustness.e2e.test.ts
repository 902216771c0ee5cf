import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { type FakeGitLab, GITLAB_BOT_USERNAME, startFakeGitLab } from '../fakes/gitlab-server.js'
import {
  checkPassed,
  DEMO_BASE,
  DEMO_HEAD,
  defaultBranchEnv,
  mergeRequestEnv,
  MODEL_PATH,
  routesOf,
  runJob,
  TempRepo,
  TOKEN
} from './harness.js'

const MARKER = '<!-- threatloop:sticky v1 -->'
const NOTES = 'GET /api/v4/projects/{id}/merge_requests/{iid}/notes'
const ISSUES = 'GET /api/v4/projects/{id}/issues'
let gl: FakeGitLab
let repo: TempRepo
let base: string
let head: string

beforeEach(async () => {
  gl = await startFakeGitLab()
  repo = new TempRepo()
  base = repo.commit({ [MODEL_PATH]: DEMO_BASE, 'README.md': 'shop\n' }, 'base')
  repo.git('checkout', '-q', '-b', 'feature')
  head = repo.commit({ [MODEL_PATH]: DEMO_HEAD }, 'self-service refunds')
  repo.git('checkout', '-q', '--detach', head)
})

afterEach(async () => {
  await gl.close()
  repo.remove()
})

const botNotes = () => gl.state.notesOn(1).filter((n) => n.author === GITLAB_BOT_USERNAME)

describe('without a usable token the job still reviews and never fails because of it', () => {
  test('only CI_JOB_TOKEN (fork merge request): no API request, artifacts and log, the reason said', async () => {
    const env = mergeRequestEnv(gl, repo, { base, head }, { THREATLOOP_GITLAB_TOKEN: undefined, CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '999' })
    const result = await runJob(env, repo.dir)
    expect(gl.requests).toEqual([])
    expect(result.stdout).toContain(
      'skipped the merge request note: the CI/CD variable THREATLOOP_GITLAB_TOKEN is not set in this pipeline'
    )
    expect(result.stdout).toContain('this merge request comes from a fork')
    expect(result.stdout).toContain('Threatloop 0.1.0: FAIL')
    expect(repo.exists('gl-code-quality-report.json')).toBe(true)
    expect(repo.exists('threatloop-report.json')).toBe(true)
    // No note was posted, so the maturity evidence says so.
    expect(checkPassed(JSON.parse(repo.read('threatloop-report.json')), 'reporting.severity-report-published')).not.toBe(true)
    // The gate still decides: it fails here because of the new critical threat...
    expect(result.status).toBe(1)
    // ...and with the gate switched off the job passes although nothing could be written.
    expect((await runJob({ ...env, THREATLOOP_FAIL_ON: 'none' }, repo.dir)).status).toBe(0)
  })

  test('a token variable that holds the job token, and a default-branch pipeline without a token', async () => {
    const mr = await runJob(
      mergeRequestEnv(gl, repo, { base, head }, { THREATLOOP_GITLAB_TOKEN: 'ci-job-token', THREATLOOP_FAIL_ON: 'none' }),
      repo.dir
    )
    expect(mr.status).toBe(0)
    expect(mr.stdout).toContain('THREATLOOP_GITLAB_TOKEN holds the CI job token, which cannot write merge request notes or issues')
    const main = await runJob(
      defaultBranchEnv(gl, repo, { before: base, head }, { THREATLOOP_GITLAB_TOKEN: undefined, THREATLOOP_FAIL_ON: 'none' }),
      repo.dir
    )
    expect(main.status).toBe(0)
    expect(main.stdout).toContain('skipped mitigation issues (write): the CI/CD variable THREATLOOP_GITLAB_TOKEN is not set')
    expect(gl.requests).toEqual([])
  })

  test('a Guest token (403 on writes) and a revoked token (401) are reported as skipped, the job passes', async () => {
    const guest = await runJob(
      mergeRequestEnv(gl, repo, { base, head }, { THREATLOOP_GITLAB_TOKEN: 'glpat-guest', THREATLOOP_FAIL_ON: 'none' }),
      repo.dir
    )
    expect(guest.status).toBe(0)
    expect(guest.stdout).toContain('skipped the merge request note: GitLab refused POST /projects/123/merge_requests/1/notes (HTTP 403')
    expect(gl.state.notesOn(1)).toEqual([])
    const revoked = await runJob(
      defaultBranchEnv(gl, repo, { before: base, head }, { THREATLOOP_GITLAB_TOKEN: 'glpat-revoked', THREATLOOP_FAIL_ON: 'none' }),
      repo.dir
    )
    expect(revoked.status).toBe(0)
    expect(revoked.stdout).toContain('skipped mitigation issues (write): GitLab refused GET /projects/123/issues (HTTP 401')
    expect(guest.stdout + guest.stderr + revoked.stdout + revoked.stderr).not.toMatch(/glpat-(guest|revoked)/)
  })

  test('the token variable name is a setting', async () => {
    const result = await runJob(
      mergeRequestEnv(
        gl,
        repo,
        { base, head },
        { THREATLOOP_GITLAB_TOKEN: undefined, THREATLOOP_TOKEN_VARIABLE: 'SECURITY_BOT_TOKEN', SECURITY_BOT_TOKEN: TOKEN }
      ),
      repo.dir
    )
    expect(result.stdout).toContain('created')
    expect(botNotes()).toHaveLength(1)
  })
})

describe('faults are retried with backoff', () => {
  test('429 with Retry-After: 1 on the note is waited out; 500 then OK on the issue listing', async () => {
    gl.injectFault({ route: 'POST /api/v4/projects/{id}/merge_requests/{iid}/notes', fault: { kind: 'rate-limit', retryAfter: 1 } })
    gl.injectFault({ route: 'GET /api/v4/projects/{id}/issues', fault: { kind: 'server-error' } })
    const result = await runJob(mergeRequestEnv(gl, repo, { base, head }), repo.dir)
    expect(result.status).toBe(1)
    expect(botNotes()).toHaveLength(1)
    const posts = gl.requests.filter((r) => r.route === 'POST /api/v4/projects/{id}/merge_requests/{iid}/notes')
    expect(posts.map((r) => r.status)).toEqual([429, 201])
    // Retry-After is honoured: the second attempt came at least a second later.
    expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(950)
    expect(gl.requests.filter((r) => r.route === 'GET /api/v4/projects/{id}/issues').map((r) => r.status)).toEqual([500, 200])
    expect(result.stdout).toMatch(/HTTP 429 \(Retry later\); retrying in 1\.0 s/)
    expect(botNotes()[0].body).toContain('When this merges, Threatloop will open')
  })

  test('a persistent 503 is given up after four attempts: the job warns, keeps its artifacts and exits per the gate', async () => {
    gl.injectFault({
      route: 'POST /api/v4/projects/{id}/merge_requests/{iid}/notes',
      fault: { kind: 'server-error', status: 503 },
      times: Infinity
    })
    const result = await runJob(mergeRequestEnv(gl, repo, { base, head }, { THREATLOOP_FAIL_ON: 'none' }), repo.dir)
    expect(result.status).toBe(0)
    expect(gl.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([503, 503, 503, 503])
    expect(result.stdout).toContain('WARNING: The merge request note could not be written: GitLab API POST')
    expect(repo.exists('gl-code-quality-report.json')).toBe(true)
  })
})

describe('request budget: a review with no semantic change', () => {
  test('no model and no mapped code touched: nothing to say, at most 2 requests, nothing posted', async () => {
    repo.git('checkout', '-q', 'feature')
    const quiet = repo.commit({ [MODEL_PATH]: DEMO_BASE, 'README.md': 'shop, now with docs\n' }, 'docs only')
    const result = await runJob(mergeRequestEnv(gl, repo, { base, head: quiet }), repo.dir)
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('left as it was (no threat model and no mapped code changed)')
    expect(routesOf(gl).length).toBeLessThanOrEqual(2)
    expect(gl.requests.filter((r) => r.method !== 'GET')).toEqual([])
  })

  test('an earlier note across three pages of notes: at most 3 requests beyond the extra pages', async () => {
    for (let i = 0; i < 150; i++) gl.state.seedNote(1, { body: `discussion ${i}` })
    await runJob(mergeRequestEnv(gl, repo, { base, head }), repo.dir)
    for (let i = 0; i < 80; i++) gl.state.seedNote(1, { body: `more discussion ${i}` })
    // Back to the base model, reformatted with a comment: no semantic change to the model.
    repo.git('checkout', '-q', 'feature')
    const reformatted = repo.commit({ [MODEL_PATH]: `# reviewed again\n${DEMO_BASE.replace(/ +#[^\n]*$/gm, '')}` }, 'reformat')
    const before = gl.requests.length
    const result = await runJob(mergeRequestEnv(gl, repo, { base, head: reformatted }), repo.dir)
    expect(result.status).toBe(0)
    const made = gl.requests.slice(before)
    const listingPages = made.filter((r) => r.route === NOTES).length
    expect(listingPages).toBe(3)
    // As on GitHub, listings (issues for the preview, notes) are not counted beyond their first page.
    const beyondExtraPages = made.filter((r) => r.route !== ISSUES).length - (listingPages - 1)
    expect(beyondExtraPages).toBeLessThanOrEqual(3)
    // The stale note now says there is no semantic change.
    expect(botNotes()).toHaveLength(1)
    expect(botNotes()[0].body).toContain('No semantic change')
    const again = gl.requests.length
    await runJob(mergeRequestEnv(gl, repo, { base, head: reformatted }), repo.dir)
    expect(gl.requests.slice(again).filter((r) => r.method !== 'GET')).toEqual([])
  })
})

describe('trust, settings and git', () => {
  test('on a merge request the configuration comes from the target branch: the head cannot switch the gate off', async () => {
    repo.git('checkout', '-q', 'feature')
    const sneaky = repo.commit({ '.threatloop.yaml': 'gate:\n  fail_on: []\n  warn_on: []\n' }, 'relax the gate')
    const result = await runJob(mergeRequestEnv(gl, repo, { base, head: sneaky }), repo.dir)
    expect(result.status).toBe(1)
    // On the default branch the merged configuration applies.
    const main = await runJob(defaultBranchEnv(gl, repo, { before: base, head: sneaky }), repo.dir)
    expect(main.status).toBe(0)
  })

  test('bad settings name themselves, all at once, exit 2', async () => {
    const result = await runJob(
      mergeRequestEnv(
        gl,
        repo,
        { base, head },
        {
          THREATLOOP_FAIL_ON: 'new-critcal',
          THREATLOOP_ISSUES: 'sometimes',
          THREATLOOP_PATHS: '["../etc"]',
          THREATLOOP_TOKEN_VARIABLE: 'MY-TOKEN',
          THREATLOOP_ITERATIONS: '12'
        }
      ),
      repo.dir
    )
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('THREATLOOP_FAIL_ON: unknown gate condition "new-critcal"; did you mean new-critical?')
    expect(result.stderr).toContain('THREATLOOP_ISSUES must be config, off, preview, write or auto, got "sometimes"')
    expect(result.stderr).toContain('THREATLOOP_PATHS: "../etc" must be a path inside the repository')
    expect(result.stderr).toContain('THREATLOOP_TOKEN_VARIABLE must be the name of a CI/CD variable')
    expect(result.stderr).toContain('THREATLOOP_ITERATIONS must be a whole number from 1000 to 1000000, got "12"')
    expect(gl.requests).toEqual([])
    const outside = await runJob({ THREATLOOP_GITLAB_TOKEN: TOKEN }, repo.dir)
    expect(outside.status).toBe(2)
    expect(outside.stderr).toContain('CI_COMMIT_SHA is not set; threatloop gitlab runs inside a GitLab CI job')
  })

  test('fail-on is a list of gate conditions; a path without models is a configuration error', async () => {
    const strict = await runJob(mergeRequestEnv(gl, repo, { base, head }, { THREATLOOP_FAIL_ON: 'new-finding-low' }), repo.dir)
    expect(strict.status).toBe(1)
    expect(strict.stdout).toContain('new findings at low or above')
    // A named path that holds no model is said, not skipped in silence (one discovery path, issue 20).
    const elsewhere = await runJob(mergeRequestEnv(gl, repo, { base, head }, { THREATLOOP_PATHS: '["docs/"]' }), repo.dir)
    expect(elsewhere.status).toBe(2)
    expect(elsewhere.stderr).toContain('docs')
  })

  test('a shallow clone fetches the diff base it lacks', async () => {
    const origin = mkdtempSync(join(tmpdir(), 'threatloop-origin-'))
    const clone = mkdtempSync(join(tmpdir(), 'threatloop-clone-'))
    try {
      repo.git('clone', '-q', '--bare', repo.dir, origin)
      new TempRepo(clone).git('clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin}`, '.')
      const shallow = new TempRepo(clone)
      expect(shallow.git('rev-parse', '--is-shallow-repository')).toBe('true')
      expect(() => shallow.git('cat-file', '-e', `${base}^{commit}`)).toThrow()
      const result = await runJob(mergeRequestEnv(gl, shallow, { base, head }), clone)
      expect(result.stderr).toBe('')
      expect(result.status).toBe(1)
      expect(result.stdout).toContain('payments-api/T-003')
      expect(shallow.git('cat-file', '-t', base)).toBe('commit')
    } finally {
      rmSync(origin, { recursive: true, force: true })
      rmSync(clone, { recursive: true, force: true })
    }
  })

  test('a broken configuration on the target branch is a configuration error (exit 2), not a review', async () => {
    repo.git('checkout', '-q', 'main')
    const broken = repo.commit({ '.threatloop.yaml': 'gate:\n  fail_on: [sometimes]\n' }, 'broken config')
    repo.git('checkout', '-q', '--detach', head)
    const result = await runJob(mergeRequestEnv(gl, repo, { base: broken, head }), repo.dir)
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('.threatloop.yaml:2:')
    expect(result.stderr).toContain('read from the target branch')
    expect(botNotes()).toEqual([])
  })
})

test('the marker in a note by another user is never mistaken for ours, even with the same marker text', async () => {
  gl.state.seedNote(1, { body: `${MARKER}\n<!-- threatloop:hash:0000000000000000 -->\nfake`, author: 'gitlab-reviewer' })
  await runJob(mergeRequestEnv(gl, repo, { base, head }), repo.dir)
  expect(botNotes()).toHaveLength(1)
  expect(gl.state.notesOn(1).find((n) => n.author === 'gitlab-reviewer')?.body).toContain('fake')
})
