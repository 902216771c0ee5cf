/**
 * Code drift on merge requests (#17), through the bundle against the fake GitLab: the changed files
 * come from git (the job has both commits, a shallow clone fetches them), or from
 * `GET /merge_requests/:iid/diffs`; a change with nothing to say posts nothing.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mergeRequestDiffPaths } from '../../src/adapters/gitlab/changed-files.js'
import { GitLabClient } from '../../src/adapters/gitlab/gitlab-client.js'
import { type FakeGitLab, GITLAB_BOT_USERNAME, startFakeGitLab } from '../fakes/gitlab-server.js'
import { createSchemaChecker } from '../fakes/schema-check.js'
import { mergeRequestEnv, runJob, TempRepo, TOKEN } from './harness.js'

const MARKER = '<!-- threatloop:sticky v1 -->'
const MODEL_FILE = 'threatmodel/shop.threatmodel.yaml'
const MODEL = `threatloop: 1
model: { id: shop, title: Shop, owner: team, reviewed: 2026-09-15 }
zones: [{ id: core, trust: 2 }]
components:
  - { id: order-api, type: service, zone: core, owner: team, code: ['services/orders/**'] }
  - { id: web, type: service, zone: core, owner: team, code: ['web/**'] }
dataflows:
  - { id: f1, from: web, to: order-api, protocol: https, encrypted: true, authentication: oauth2 }
`
let gl: FakeGitLab
let repo: TempRepo
let base: string
const extraDirs: string[] = []

beforeEach(async () => {
  gl = await startFakeGitLab()
  repo = new TempRepo()
  base = repo.commit({ [MODEL_FILE]: MODEL, 'services/orders/api.ts': 'export const a = 1\n', 'docs/readme.md': 'x\n' }, 'base')
  repo.git('checkout', '-q', '-b', 'feature')
})
afterEach(async () => {
  await gl.close()
  repo.remove()
  for (const dir of extraDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const botNotes = () => gl.state.notesOn(1).filter((n) => n.author === GITLAB_BOT_USERNAME)
const routes = () => gl.requests.map((r) => r.route ?? `${r.method} ${r.path}`)

async function job(files: Record<string, string>, options: { shallow?: boolean } = {}) {
  const head = repo.commit(files, 'change')
  repo.git('checkout', '-q', '--detach', head)
  let dir = repo.dir
  if (options.shallow) {
    // GitLab's default: a depth-limited clone of the source branch; the job fetches the diff base.
    dir = mkdtempSync(join(tmpdir(), 'threatloop-gl-shallow-'))
    extraDirs.push(dir)
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo.dir}`, dir])
    expect(() => execFileSync('git', ['cat-file', '-e', base], { cwd: dir, stdio: 'ignore' })).toThrow()
  }
  const result = await runJob({ ...mergeRequestEnv(gl, new TempRepo(dir), { base, head }), THREATLOOP_FAIL_ON: 'none' }, dir)
  return { head, result }
}

describe('code drift on merge requests (GitLab)', () => {
  test('only mapped code changed: the note names the component and the file', async () => {
    const { result } = await job({ 'services/orders/api.ts': 'export const a = 2 // new auth\n' })
    expect(result.status).toBe(0)
    expect(botNotes()).toHaveLength(1)
    expect(botNotes()[0].body).toContain('`order-api` code changed (1 file: `services/orders/api.ts`)')
    expect(routes()).not.toContain('GET /api/v4/projects/{id}/merge_requests/{iid}/diffs')
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

  test('shallow clone: the diff base is fetched and git lists the files; drift found', async () => {
    const { result } = await job({ 'services/orders/api.ts': 'export const a = 3\n' }, { shallow: true })
    expect(result.stderr).toBe('')
    expect(botNotes()[0].body).toContain('`order-api` code changed (1 file: `services/orders/api.ts`)')
  })

  test('the diffs API (used when git cannot tell) is read, 500 files over five pages, schema-valid', async () => {
    const many = Array.from({ length: 500 }, (_, i) => `vendor/lib/file-${String(i).padStart(3, '0')}.js`)
    gl.state.setMergeRequestFiles(1, [...many.slice(0, 499), { old_path: 'services/orders/old.ts', new_path: 'services/orders/api.ts' }])
    const client = new GitLabClient({ apiUrl: gl.apiUrl, credentials: { kind: 'access-token', value: TOKEN } })
    const listed = await mergeRequestDiffPaths(client, { projectId: String(gl.projectId), iid: 1 })
    expect(listed).toHaveLength(501)
    expect(listed).toContain('services/orders/old.ts')
    const pages = gl.requests.filter((r) => r.route === 'GET /api/v4/projects/{id}/merge_requests/{iid}/diffs')
    expect(pages.map((r) => r.query.page)).toEqual(['1', '2', '3', '4', '5'])
    const checker = createSchemaChecker('gitlab', { strict: true })
    const response = await fetch(`${gl.apiUrl}/projects/${gl.projectId}/merge_requests/1/diffs?per_page=100`, { headers: { 'PRIVATE-TOKEN': TOKEN } })
    for (const entry of (await response.json()) as unknown[]) expect(checker.problems('API_Entities_Diff', entry)).toEqual([])
    await expect(mergeRequestDiffPaths(client, { projectId: String(gl.projectId), iid: 404 })).rejects.toThrow(/404/)
  })
})
