import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { GitLabApiError, GitLabClient } from '../../src/adapters/gitlab/gitlab-client.js'
import { readGitLabSettings } from '../../src/adapters/gitlab/settings.js'
import { type FakeGitLab, startFakeGitLab } from '../fakes/gitlab-server.js'

const SHA_A = 'a'.repeat(40)
const SHA_B = 'b'.repeat(40)
const ISSUES = 'GET /api/v4/projects/{id}/issues'

describe('GitLabClient against the fake', () => {
  let gl: FakeGitLab
  const retries: string[] = []
  const client = (token = 'glpat-project-bot', attempts = 4) =>
    new GitLabClient({
      apiUrl: gl.apiUrl,
      credentials: { kind: 'access-token', value: token },
      attempts,
      backoffMs: 5,
      onRetry: (m) => retries.push(m)
    })

  beforeEach(async () => {
    gl = await startFakeGitLab()
    retries.length = 0
  })
  afterEach(async () => {
    await gl.close()
  })

  test('list follows x-next-page to the end, 100 per page, and can stop early', async () => {
    for (let i = 0; i < 250; i++) gl.state.seedIssue({ title: `issue ${i}`, labels: ['threatloop'] })
    const all = await client().list<{ iid: number }>('/projects/123/issues', { labels: 'threatloop', sort: 'asc' })
    expect(all.pages).toBe(3)
    expect(all.items.map((i) => i.iid)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1))
    const early = await client().list<{ iid: number }>('/projects/123/issues', { sort: 'asc' }, (items) => items.some((i) => i.iid === 150))
    expect(early.pages).toBe(2)
  })

  test('5xx and 429 are retried, with the reason for the log; exhausted attempts throw with the status', async () => {
    gl.injectFault({ route: ISSUES, fault: { kind: 'server-error', status: 502 } })
    expect((await client().request<unknown[]>('GET', '/projects/123/issues')).status).toBe(200)
    expect(retries[0]).toMatch(
      /^GitLab API GET \/projects\/123\/issues: HTTP 502 \(502 Bad Gateway\); retrying in 0\.0 s \(attempt 2 of 4\)$/
    )
    gl.injectFault({ route: ISSUES, fault: { kind: 'server-error' }, times: Infinity })
    const error = await client('glpat-project-bot', 2)
      .request('GET', '/projects/123/issues')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GitLabApiError)
    expect((error as GitLabApiError).status).toBe(500)
    expect((error as GitLabApiError).message).toBe('GitLab API GET /projects/123/issues failed: HTTP 500 — 500 Internal Server Error')
  })

  test('4xx is not retried; the token is masked even when a server echoes it', async () => {
    gl.injectFault({ route: ISSUES, fault: { kind: 'reply', status: 400, body: { message: 'bad token glpat-project-bot' } } })
    const error = (await client()
      .request('GET', '/projects/123/issues')
      .catch((e: unknown) => e)) as GitLabApiError
    expect(error.status).toBe(400)
    expect(error.message).toContain('bad token [masked]')
    expect(gl.requests).toHaveLength(1)
    // The token travels as PRIVATE-TOKEN (the fake accepted it); the job token as JOB-TOKEN.
    const job = new GitLabClient({ apiUrl: gl.apiUrl, credentials: { kind: 'job-token', value: 'ci-job-token' } })
    expect((await job.request<unknown[]>('GET', '/projects/123/merge_requests/1/notes')).status).toBe(200)
    expect(
      (await job
        .request('POST', '/projects/123/merge_requests/1/notes', { body: { body: 'x' } })
        .catch((e: unknown) => e)) as GitLabApiError
    ).toMatchObject({ status: 403 })
  })

  test('a server that is not there: retried, then a network error without the token', async () => {
    const url = gl.apiUrl
    await gl.close()
    const offline = new GitLabClient({
      apiUrl: url,
      credentials: { kind: 'access-token', value: 'glpat-secret-value' },
      attempts: 2,
      backoffMs: 1,
      onRetry: (m) => retries.push(m)
    })
    const error = (await offline.request('GET', '/user').catch((e: unknown) => e)) as GitLabApiError
    expect(error.status).toBe(0)
    expect(error.message).toMatch(/^GitLab API GET \/user failed: no response — /)
    expect(retries).toHaveLength(1)
    expect(error.message + retries.join('')).not.toContain('glpat-secret-value')
    gl = await startFakeGitLab()
  })
})

describe('readGitLabSettings', () => {
  const base = { CI_COMMIT_SHA: SHA_B, CI_API_V4_URL: 'https://gitlab.example.com/api/v4', CI_PROJECT_ID: '7', CI_DEFAULT_BRANCH: 'main' }

  test('merge request pipelines: iid, diff base, fork detection, notes go to the merge request project', () => {
    const { settings } = readGitLabSettings({
      ...base,
      CI_PIPELINE_SOURCE: 'merge_request_event',
      CI_MERGE_REQUEST_IID: '42',
      CI_MERGE_REQUEST_DIFF_BASE_SHA: SHA_A,
      CI_MERGE_REQUEST_PROJECT_ID: '9',
      CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '7'
    })
    expect(settings?.pipeline).toMatchObject({ kind: 'merge-request', iid: 42, baseSha: SHA_A, headSha: SHA_B, fromFork: true })
    expect(settings?.projectId).toBe('9')
    expect(settings?.token).toBeUndefined()
    expect(settings?.tokenMissingReason).toBe('the CI/CD variable THREATLOOP_GITLAB_TOKEN is not set in this pipeline')
  })

  test('default branch, other branches, and a zero CI_COMMIT_BEFORE_SHA', () => {
    const main = readGitLabSettings({
      ...base,
      CI_PIPELINE_SOURCE: 'push',
      CI_COMMIT_BRANCH: 'main',
      CI_COMMIT_BEFORE_SHA: '0'.repeat(40)
    }).settings
    expect(main?.pipeline).toEqual({ kind: 'default-branch', branch: 'main', headSha: SHA_B, beforeSha: undefined })
    const feature = readGitLabSettings({ ...base, CI_COMMIT_BRANCH: 'feature', CI_COMMIT_BEFORE_SHA: SHA_A }).settings
    expect(feature?.pipeline).toEqual({ kind: 'other', headSha: SHA_B, beforeSha: SHA_A, ref: 'feature' })
  })

  test('list inputs: JSON arrays as GitLab renders them, commas or newlines', () => {
    expect(readGitLabSettings({ ...base, THREATLOOP_PATHS: '["tm/", "services/a.yaml"]' }).settings?.paths).toEqual([
      'tm/',
      'services/a.yaml'
    ])
    expect(readGitLabSettings({ ...base, THREATLOOP_PATHS: 'tm/,\nother/' }).settings?.paths).toEqual(['tm/', 'other/'])
    expect(readGitLabSettings({ ...base, THREATLOOP_PATHS: '[]' }).settings?.paths).toEqual([])
    expect(readGitLabSettings({ ...base, THREATLOOP_PATHS: '[1, 2]' }).problems[0]).toMatch(
      /^THREATLOOP_PATHS: expected a JSON array of strings/
    )
    expect(readGitLabSettings({ ...base, THREATLOOP_FAIL_ON: 'new-critical, new-finding-high' }).settings?.failOn).toEqual([
      'new-critical',
      'new-finding-high'
    ])
    expect(readGitLabSettings({ ...base, THREATLOOP_FAIL_ON: 'none' }).settings?.failOn).toEqual([])
    expect(readGitLabSettings({ ...base, THREATLOOP_FAIL_ON: 'config' }).settings?.failOn).toBeUndefined()
  })

  test('tokens: the named variable, unexpanded references and the job token are not usable', () => {
    expect(readGitLabSettings({ ...base, THREATLOOP_TOKEN_VARIABLE: 'BOT', BOT: 'glpat-x' }).settings?.token).toBe('glpat-x')
    expect(readGitLabSettings({ ...base, THREATLOOP_GITLAB_TOKEN: '$MISSING_VARIABLE' }).settings?.tokenMissingReason).toContain(
      'unexpanded variable reference'
    )
    expect(readGitLabSettings({ ...base, THREATLOOP_GITLAB_TOKEN: 'job', CI_JOB_TOKEN: 'job' }).settings?.tokenMissingReason).toContain(
      'holds the CI job token'
    )
  })

  test('history store: off by default; branch with a data branch of its own, never the default branch', () => {
    expect(readGitLabSettings(base).settings).toMatchObject({ history: 'off', historyBranch: 'threatloop-data' })
    expect(readGitLabSettings({ ...base, THREATLOOP_HISTORY: 'branch', THREATLOOP_HISTORY_BRANCH: 'data/tm' }).settings).toMatchObject({
      history: 'branch',
      historyBranch: 'data/tm'
    })
    expect(readGitLabSettings({ ...base, THREATLOOP_HISTORY: 'yes' }).problems).toEqual([
      'THREATLOOP_HISTORY must be off or branch, got "yes"'
    ])
    expect(readGitLabSettings({ ...base, THREATLOOP_HISTORY: 'branch', THREATLOOP_HISTORY_BRANCH: 'main' }).problems[0]).toContain(
      'is the default branch'
    )
    expect(readGitLabSettings({ ...base, THREATLOOP_HISTORY_BRANCH: '-x/../y' }).problems[0]).toMatch(
      /^THREATLOOP_HISTORY_BRANCH: expected/
    )
  })

  test("threat intelligence settings (#18): the action's input names, feeds as lists, OSV as config, on, off or a URL", () => {
    expect(readGitLabSettings(base).settings?.intel).toEqual({ mode: 'auto', stix: [], incidents: [], osv: 'config' })
    expect(
      readGitLabSettings({
        ...base,
        THREATLOOP_INTEL: 'off',
        THREATLOOP_INTEL_STIX: '["intel/a.json", "intel/b.json"]',
        THREATLOOP_INTEL_INCIDENTS: 'intel/incidents.csv',
        THREATLOOP_INTEL_OSV: 'http://127.0.0.1:9/osv'
      }).settings?.intel
    ).toEqual({ mode: 'off', stix: ['intel/a.json', 'intel/b.json'], incidents: ['intel/incidents.csv'], osv: 'http://127.0.0.1:9/osv' })
    expect(readGitLabSettings({ ...base, THREATLOOP_INTEL_OSV: 'ON' }).settings?.intel.osv).toBe('on')
    expect(
      readGitLabSettings({ ...base, THREATLOOP_INTEL: 'weekly', THREATLOOP_INTEL_STIX: '../x.json', THREATLOOP_INTEL_OSV: 'osv.dev' })
        .problems
    ).toEqual([
      'THREATLOOP_INTEL must be auto or off, got "weekly"',
      'THREATLOOP_INTEL_STIX: "../x.json" must be a path inside the repository (relative, without ..)',
      'THREATLOOP_INTEL_OSV must be config, on, off, or the http(s) URL of an OSV-compatible API, got "osv.dev"'
    ])
  })

  test('predefined variables are checked too', () => {
    const { problems } = readGitLabSettings({
      CI_COMMIT_SHA: 'main',
      CI_API_V4_URL: 'gitlab',
      CI_PROJECT_ID: 'acme/x',
      CI_PIPELINE_SOURCE: 'merge_request_event',
      CI_MERGE_REQUEST_IID: '0'
    })
    expect(problems).toEqual([
      'CI_COMMIT_SHA must be a full commit SHA (40 or 64 hex digits), got "main"',
      'CI_API_V4_URL must be an http(s) URL, got "gitlab"',
      'CI_PROJECT_ID must be a numeric project id, got "acme/x"',
      'CI_MERGE_REQUEST_IID must be a positive whole number, got "0"',
      'CI_MERGE_REQUEST_DIFF_BASE_SHA is not set; threatloop gitlab runs inside a GitLab CI job, which sets it'
    ])
  })
})
