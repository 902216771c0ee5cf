/**
 * Code drift (#17), through the bundle against the fake GitLab. Merge requests: the changed files
 * come from git, from the merge base (the job fetches the diff base of a shallow clone), or from
 * `GET /merge_requests/:iid/diffs` when the clone has no history joining the two; a change with
 * nothing to say posts nothing. Pushes: from git between the commit before and the new one, else
 * `GET /repository/compare`; drift is reported in the job log and the report, never as a note.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { comparedPaths, mergeRequestDiffPaths } from '../../src/adapters/gitlab/changed-files.js'
import { GitLabClient } from '../../src/adapters/gitlab/gitlab-client.js'
import type { Review } from '../../src/core/review/types.js'
import {
  BASE_FILES,
  changed,
  hasCommit,
  MODEL,
  CODEOWNERS,
  MODEL_FILE,
  MODEL_WITH_CODEOWNERS,
  ORDER_API_CODEOWNERS,
  ORDER_API_DRIFT,
  removeShallowClones,
  shallowClone,
  unmappedFiles
} from '../drift/e2e-fixture.js'
import { type FakeGitLab, GITLAB_BOT_USERNAME, startFakeGitLab } from '../fakes/gitlab-server.js'
import { createSchemaChecker } from '../fakes/schema-check.js'
import { defaultBranchEnv, mergeRequestEnv, runJob, TempRepo, TOKEN } from './harness.js'

const MARKER = '<!-- threatloop:sticky v1 -->'
const DIFFS = 'GET /api/v4/projects/{id}/merge_requests/{iid}/diffs'
let gl: FakeGitLab
let repo: TempRepo
let base: string

beforeEach(async () => {
  gl = await startFakeGitLab()
  repo = new TempRepo()
  base = repo.commit({ ...BASE_FILES }, 'base')
  repo.git('checkout', '-q', '-b', 'feature')
})
afterEach(async () => {
  await gl.close()
  repo.remove()
  removeShallowClones()
})

const botNotes = () => gl.state.notesOn(1).filter((n) => n.author === GITLAB_BOT_USERNAME)
const routes = () => gl.requests.map((r) => r.route ?? `${r.method} ${r.path}`)

/** A merge request pipeline from `base` to a new commit on `feature`; `shallow`: a depth-1 clone of it. */
async function job(files: Record<string, string>, options: { shallow?: boolean; diffBase?: string } = {}) {
  const head = repo.commit(files, 'change')
  repo.git('checkout', '-q', '--detach', head)
  const dir = options.shallow ? shallowClone(repo.dir, { branch: 'feature' }) : repo.dir
  if (options.shallow) expect(hasCommit(dir, base)).toBe(false)
  const result = await runJob(
    { ...mergeRequestEnv(gl, new TempRepo(dir), { base: options.diffBase ?? base, head }), THREATLOOP_FAIL_ON: 'none' },
    dir
  )
  return { head, dir, result }
}

describe('code drift on merge requests (GitLab)', () => {
  test('only mapped code changed: the note names the component and the file', async () => {
    const { result } = await job({ 'services/orders/api.ts': 'export const a = 2 // new auth\n' })
    expect(result.status).toBe(0)
    expect(botNotes()).toHaveLength(1)
    expect(botNotes()[0].body).toContain(ORDER_API_DRIFT)
    expect(routes()).not.toContain(DIFFS)
  })

  test('the model changed too: no drift line', async () => {
    await job({ 'services/orders/api.ts': 'export const a = 2\n', [MODEL_FILE]: MODEL.replace('title: Shop', 'title: Shop v2') })
    expect(botNotes()).toHaveLength(1)
    expect(botNotes()[0].body).not.toContain('code changed (')
  })

  test('only unmapped files changed: nothing posted, the earlier note left alone, at most 2 requests', async () => {
    const earlier = gl.state.seedNote(1, { body: `${MARKER}\nearlier review`, author: GITLAB_BOT_USERNAME })
    const { result } = await job({ 'docs/readme.md': 'y\n' })
    expect(result.status).toBe(0)
    expect(gl.state.notesOn(1).map((n) => [n.id, n.body])).toEqual([[earlier.id, earlier.body]])
    expect(gl.requests.length).toBeLessThanOrEqual(2)
    expect(gl.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(result.stdout).toContain('left as it was')
  })

  test('500 changed unmapped files with history: git lists them, nothing posted, at most 2 requests', async () => {
    const { result } = await job(changed(unmappedFiles(500)))
    expect(result.status).toBe(0)
    expect(routes()).not.toContain(DIFFS)
    expect(gl.requests.length).toBeLessThanOrEqual(2)
    expect(botNotes()).toHaveLength(0)
  })

  test('shallow clone: the diff base is fetched but no history joins it to the head, so the diffs API lists the files', async () => {
    gl.state.setMergeRequestFiles(1, ['services/orders/api.ts'])
    const { result, dir } = await job({ 'services/orders/api.ts': 'export const a = 3\n' }, { shallow: true })
    expect(result.stderr).toBe('')
    expect(hasCommit(dir, base)).toBe(true)
    expect(routes().filter((r) => r === DIFFS)).toHaveLength(1)
    expect(botNotes()[0].body).toContain(ORDER_API_DRIFT)
  })

  test('shallow clone, 500 unmapped files: five pages of 100 from the diffs API, nothing posted, no write', async () => {
    const many = unmappedFiles(500)
    gl.state.setMergeRequestFiles(1, many)
    const { result } = await job(changed(many.slice(0, 3)), { shallow: true })
    expect(result.status).toBe(0)
    const pages = gl.requests.filter((r) => r.route === DIFFS)
    expect(pages.map((r) => r.query.page)).toEqual(['1', '2', '3', '4', '5'])
    expect(pages.every((r) => r.query.per_page === '100')).toBe(true)
    expect(gl.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(botNotes()).toHaveLength(0)
  })

  test("a target branch that moved: its own commits are not the merge request's (merge base)", async () => {
    repo.git('checkout', '-q', 'main')
    const moved = repo.commit({ 'services/orders/api.ts': 'export const a = 9 // landed on main\n' }, 'main moved')
    repo.git('checkout', '-q', 'feature')
    const { result } = await job({ 'docs/readme.md': 'feature docs\n' }, { diffBase: moved })
    expect(result.status).toBe(0)
    expect(botNotes()).toHaveLength(0)
    expect(result.stdout).toContain('left as it was')
  })

  test('the diffs API (used when git cannot tell) is read, 500 files over five pages, schema-valid', async () => {
    const many = unmappedFiles(500)
    gl.state.setMergeRequestFiles(1, [...many.slice(0, 499), { old_path: 'services/orders/old.ts', new_path: 'services/orders/api.ts' }])
    const client = new GitLabClient({ apiUrl: gl.apiUrl, credentials: { kind: 'access-token', value: TOKEN } })
    const listed = await mergeRequestDiffPaths(client, { projectId: String(gl.projectId), iid: 1 })
    expect(listed).toHaveLength(501)
    expect(listed).toContain('services/orders/old.ts')
    const pages = gl.requests.filter((r) => r.route === DIFFS)
    expect(pages.map((r) => r.query.page)).toEqual(['1', '2', '3', '4', '5'])
    const checker = createSchemaChecker('gitlab', { strict: true })
    const response = await fetch(`${gl.apiUrl}/projects/${gl.projectId}/merge_requests/1/diffs?per_page=100`, {
      headers: { 'PRIVATE-TOKEN': TOKEN }
    })
    for (const entry of (await response.json()) as unknown[]) expect(checker.problems('API_Entities_Diff', entry)).toEqual([])
    await expect(mergeRequestDiffPaths(client, { projectId: String(gl.projectId), iid: 404 })).rejects.toThrow(/404/)
  })
})

describe('code_owners_file (GitLab)', () => {
  test('a component without an owner takes the one CODEOWNERS gives its code; the drift line names it', async () => {
    repo.git('checkout', '-q', 'main')
    base = repo.commit({ [MODEL_FILE]: MODEL_WITH_CODEOWNERS, '.github/CODEOWNERS': CODEOWNERS }, 'owners')
    repo.git('checkout', '-q', '-B', 'feature')
    const { result } = await job({ 'services/orders/api.ts': 'export const a = 8\n' })
    expect(result.status).toBe(0)
    expect(botNotes()[0].body).toContain(ORDER_API_CODEOWNERS)
  })

  test('a CODEOWNERS file the commit lacks is a warning on the model line that names it', async () => {
    repo.git('checkout', '-q', 'main')
    base = repo.commit({ [MODEL_FILE]: MODEL_WITH_CODEOWNERS }, 'owners file named, not there')
    repo.git('checkout', '-q', '-B', 'feature')
    const { result } = await job({ 'services/orders/api.ts': 'export const a = 9\n' })
    expect(result.stdout).toContain(`${MODEL_FILE}:2:`)
    expect(result.stdout).toContain('code_owners_file `.github/CODEOWNERS` is not a file of the repository at this commit')
    expect(botNotes()[0].body).toContain(ORDER_API_DRIFT)
  })
})

describe('code drift on pushes (GitLab): informative, in the job log and the report', () => {
  test('mapped code changed on the default branch: reported, no note, the model-drift gate does not fail a push', async () => {
    repo.git('checkout', '-q', 'main')
    const head = repo.commit({ 'services/orders/api.ts': 'export const a = 6\n' }, 'push')
    const result = await runJob({ ...defaultBranchEnv(gl, repo, { before: base, head }), THREATLOOP_FAIL_ON: 'model-drift' }, repo.dir)
    expect(result.status).toBe(0)
    const report = JSON.parse(readFileSync(join(repo.dir, 'threatloop-report.json'), 'utf8')) as Review
    expect(report.codeDrift.map((d) => [d.component, d.files])).toEqual([['order-api', ['services/orders/api.ts']]])
    expect(report.gate.status).toBe('pass')
    expect(gl.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(routes()).not.toContain('GET /api/v4/projects/{id}/repository/compare')
  })

  test('the compare API (used when git cannot tell) lists both names of a rename in one request', async () => {
    const after = 'c'.repeat(40)
    gl.state.setCompareFiles(base, after, ['services/orders/api.ts', { old_path: 'web/old.tsx', new_path: 'web/new.tsx' }])
    const client = new GitLabClient({ apiUrl: gl.apiUrl, credentials: { kind: 'access-token', value: TOKEN } })
    const listed = await comparedPaths(client, { projectId: String(gl.projectId), from: base, to: after })
    expect(listed).toEqual(['services/orders/api.ts', 'web/new.tsx', 'web/old.tsx'])
    const calls = gl.requests.filter((r) => r.route === 'GET /api/v4/projects/{id}/repository/compare')
    expect(calls.map((r) => [r.query.from, r.query.to])).toEqual([[base, after]])
    await expect(comparedPaths(client, { projectId: String(gl.projectId), from: after, to: base })).rejects.toThrow(/404/)
  })
})
