/**
 * Code drift on pull requests (#17), end to end through the bundle against the fake GitHub: the
 * changed files come from git when the checkout has both commits, else from
 * `GET /pulls/{n}/files`; a change with nothing to say stays within two requests and posts nothing.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { COMMENT_MARKER } from '../../src/core/render/review-markdown.js'
import { GITHUB_BOT_LOGIN, startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js'
import { createSchemaChecker } from '../fakes/schema-check.js'
import { gitRepository, pullRequestPayload, runAction, type GitFixture } from './harness.js'

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

let fake: FakeGitHub
let repo: GitFixture
let baseSha: string
const shallowDirs: string[] = []

beforeEach(async () => {
  fake = await startFakeGitHub()
  repo = gitRepository()
  baseSha = repo.commit(BASE_FILES, 'base')
})
afterEach(async () => {
  const unhandled = fake.unhandled.map((r) => `${r.method} ${r.path}`)
  await fake.close()
  repo.cleanup()
  for (const dir of shallowDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  if (unhandled.length > 0) throw new Error(`requests no fake route handled: ${unhandled.join(', ')}`)
})

const routes = (): string[] => fake.requests.map((r) => r.route ?? `${r.method} ${r.path}`)
const comments = (n: number) => fake.state.commentsOn(n)

const BASE_FILES = { [MODEL_FILE]: MODEL, 'services/orders/api.ts': 'export const a = 1\n', 'docs/readme.md': 'x\n' }

async function review(
  headFiles: Record<string, string>,
  options: { shallow?: boolean; pullFiles?: string[]; existingComment?: boolean } = {}
) {
  const headSha = repo.commit(headFiles, 'head')
  const pr = fake.state.seedPullRequest({ title: 'Change' })
  fake.state.setPullFiles(pr.number, options.pullFiles ?? Object.keys(headFiles))
  if (options.existingComment) fake.state.seedComment(pr.number, { body: `${COMMENT_MARKER}\nearlier review`, author: GITHUB_BOT_LOGIN })
  let workspace = repo.dir
  if (options.shallow) {
    // A depth-1 checkout that cannot fetch the base: both git diff and git reads of the base fail.
    workspace = mkdtempSync(join(tmpdir(), 'threatloop-shallow-'))
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, workspace])
    execFileSync('git', ['remote', 'remove', 'origin'], { cwd: workspace })
    shallowDirs.push(workspace)
    for (const [path, text] of Object.entries(BASE_FILES)) fake.state.setFile(baseSha, path, text)
  }
  const result = await runAction({
    fake,
    workspace,
    event: 'pull_request',
    payload: pullRequestPayload(fake, pr.number, baseSha, headSha),
    sha: headSha,
    inputs: { 'fail-on': 'none' }
  })
  if (result.status !== 0) throw new Error(`exit ${result.status}: ${result.stdout.slice(-3000)}\n${result.stderr}`)
  return { pr, result }
}

describe('code drift on pull requests (GitHub)', () => {
  test('only mapped code changed: the comment names the component and the file (git diff, no extra request)', async () => {
    const { pr, result } = await review({ 'services/orders/api.ts': 'export const a = 2 // new auth\n' })
    expect(result.status).toBe(0)
    expect(routes()).not.toContain('GET /repos/{owner}/{repo}/pulls/{pull_number}/files')
    expect(comments(pr.number)).toHaveLength(1)
    expect(comments(pr.number)[0].body).toContain('`order-api` code changed (1 file: `services/orders/api.ts`)')
    expect(result.summary).toContain('services/orders/api.ts')
  })

  test('the model changed too: no drift line', async () => {
    const { pr } = await review({
      'services/orders/api.ts': 'export const a = 2\n',
      [MODEL_FILE]: MODEL.replace('title: Shop', 'title: Shop v2')
    })
    expect(comments(pr.number)).toHaveLength(1)
    expect(comments(pr.number)[0].body).not.toContain('code changed (')
  })

  test('only unmapped files changed: nothing posted, an existing comment left alone, one request', async () => {
    const { pr, result } = await review({ 'docs/readme.md': 'y\n' }, { existingComment: true })
    expect(result.status).toBe(0)
    expect(comments(pr.number).map((c) => c.body)).toEqual([`${COMMENT_MARKER}\nearlier review`])
    expect(fake.writes()).toEqual([])
    expect(fake.requests.length).toBeLessThanOrEqual(2)
    expect(result.stdout).toContain('left as it was')
  })

  test('shallow clone (base commit missing): the files come from the API, drift is found, within budget', async () => {
    const { pr, result } = await review({ 'services/orders/api.ts': 'export const a = 3\n' }, { shallow: true })
    expect(result.status).toBe(0)
    expect(routes()).toContain('GET /repos/{owner}/{repo}/pulls/{pull_number}/files')
    expect(comments(pr.number)[0].body).toContain('`order-api` code changed (1 file: `services/orders/api.ts`)')
  })

  test('shallow clone, 500 unmapped files: five pages of 100, nothing posted, schema-valid responses', async () => {
    const many = Array.from({ length: 500 }, (_, i) => `vendor/lib/file-${String(i).padStart(3, '0')}.js`)
    const { pr, result } = await review({ 'vendor/lib/file-000.js': 'x\n' }, { shallow: true, pullFiles: many })
    expect(result.status).toBe(0)
    const pages = fake.requests.filter((r) => r.route === 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files')
    expect(pages.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3', '4', '5'])
    expect(pages.every((r) => r.query.per_page === '100')).toBe(true)
    expect(comments(pr.number)).toHaveLength(0)
    expect(fake.writes()).toEqual([])
    const checker = createSchemaChecker('github', { strict: true })
    const response = await fetch(`${fake.url}/repos/${fake.owner}/${fake.repo}/pulls/${pr.number}/files?per_page=100`, {
      headers: { authorization: 'token ghs_write_token' }
    })
    for (const entry of (await response.json()) as unknown[]) expect(checker.problems('diff-entry', entry)).toEqual([])
  })

  test('more than 3000 files: GitHub stops at 3000 and the summary says so', async () => {
    const many = Array.from({ length: 3100 }, (_, i) => `vendor/f${i}.js`)
    const { result } = await review(
      { 'services/orders/api.ts': 'export const a = 4\n' },
      { shallow: true, pullFiles: ['services/orders/api.ts', ...many] }
    )
    expect(fake.requests.filter((r) => r.route === 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files')).toHaveLength(30)
    expect(result.stdout).toContain('at most 3000 files')
  })
})
