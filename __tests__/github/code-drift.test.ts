/**
 * Code drift (#17), end to end through the bundle against the fake GitHub. Pull requests: the
 * changed files come from git (from the merge base) when the checkout has the history, else from
 * `GET /pulls/{n}/files`; a change with nothing to say stays within two requests and posts nothing.
 * Pushes: from git between `before` and `after`, else `GET /compare/{before}...{after}`; drift is
 * reported in the job summary only.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { COMMENT_MARKER } from '../../src/core/render/review-markdown.js'
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
import { GITHUB_BOT_LOGIN, startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js'
import { createSchemaChecker } from '../fakes/schema-check.js'
import { gitRepository, pullRequestPayload, pushPayload, runAction, type GitFixture } from './harness.js'

let fake: FakeGitHub
let repo: GitFixture
let baseSha: string

beforeEach(async () => {
  fake = await startFakeGitHub()
  repo = gitRepository()
  baseSha = repo.commit({ ...BASE_FILES }, 'base')
})
afterEach(async () => {
  const unhandled = fake.unhandled.map((r) => `${r.method} ${r.path}`)
  await fake.close()
  repo.cleanup()
  removeShallowClones()
  if (unhandled.length > 0) throw new Error(`requests no fake route handled: ${unhandled.join(', ')}`)
})

const PULL_FILES = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files'
const COMPARE = 'GET /repos/{owner}/{repo}/compare/{basehead}'
const routes = (): string[] => fake.requests.map((r) => r.route ?? `${r.method} ${r.path}`)
const comments = (n: number) => fake.state.commentsOn(n)

/**
 * A pull request from `baseSha` to a new commit with `headFiles`. `checkout`: `full` (the fixture
 * repository), `shallow` (depth 1; the base can be fetched, but no history joins the two), or
 * `detached` (depth 1 and no origin: the base is read through the contents API).
 */
async function review(
  headFiles: Record<string, string>,
  options: { checkout?: 'full' | 'shallow' | 'detached'; pullFiles?: string[]; existingComment?: boolean; base?: string } = {}
) {
  const headSha = repo.commit(headFiles, 'head')
  const base = options.base ?? baseSha
  const pr = fake.state.seedPullRequest({ title: 'Change' })
  fake.state.setPullFiles(pr.number, options.pullFiles ?? Object.keys(headFiles))
  if (options.existingComment) fake.state.seedComment(pr.number, { body: `${COMMENT_MARKER}\nearlier review`, author: GITHUB_BOT_LOGIN })
  const checkout = options.checkout ?? 'full'
  const workspace = checkout === 'full' ? repo.dir : shallowClone(repo.dir, { detached: checkout === 'detached' })
  if (checkout === 'detached') for (const [path, text] of Object.entries(BASE_FILES)) fake.state.setFile(base, path, text)
  const result = await runAction({
    fake,
    workspace,
    event: 'pull_request',
    payload: pullRequestPayload(fake, pr.number, base, headSha),
    sha: headSha,
    inputs: { 'fail-on': 'none' }
  })
  if (result.status !== 0) throw new Error(`exit ${result.status}: ${result.stdout.slice(-3000)}\n${result.stderr}`)
  return { pr, result, workspace, headSha }
}

describe('code drift on pull requests (GitHub)', () => {
  test('only mapped code changed: the comment names the component and the file (git diff, no extra request)', async () => {
    const { pr, result } = await review({ 'services/orders/api.ts': 'export const a = 2 // new auth\n' })
    expect(result.status).toBe(0)
    expect(routes()).not.toContain(PULL_FILES)
    expect(comments(pr.number)).toHaveLength(1)
    expect(comments(pr.number)[0].body).toContain(ORDER_API_DRIFT)
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
    const { pr, result } = await review({ 'services/orders/api.ts': 'export const a = 3\n' }, { checkout: 'detached' })
    expect(result.status).toBe(0)
    expect(routes()).toContain(PULL_FILES)
    expect(comments(pr.number)[0].body).toContain(ORDER_API_DRIFT)
  })

  test('shallow clone, 500 unmapped files: five pages of 100, nothing posted, schema-valid responses', async () => {
    const many = unmappedFiles(500)
    const { pr, result } = await review({ 'vendor/lib/file-000.js': 'x\n' }, { checkout: 'detached', pullFiles: many })
    expect(result.status).toBe(0)
    const pages = fake.requests.filter((r) => r.route === PULL_FILES)
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
      { checkout: 'detached', pullFiles: ['services/orders/api.ts', ...many] }
    )
    expect(fake.requests.filter((r) => r.route === PULL_FILES)).toHaveLength(30)
    expect(result.stdout).toContain('at most 3000 files')
  })

  test('shallow clone with both commits but no history between them: no merge base, so the files API', async () => {
    const { pr, result, workspace, headSha } = await review({ 'services/orders/api.ts': 'export const a = 5\n' }, { checkout: 'shallow' })
    expect(hasCommit(workspace, baseSha) && hasCommit(workspace, headSha)).toBe(true)
    expect(result.stdout).not.toContain('contents API')
    expect(routes().filter((r) => r === PULL_FILES)).toHaveLength(1)
    expect(comments(pr.number)[0].body).toContain(ORDER_API_DRIFT)
  })

  test('500 changed unmapped files with history: git lists them, nothing posted, at most 2 requests', async () => {
    const { pr, result } = await review(changed(unmappedFiles(500)), { existingComment: true })
    expect(routes()).not.toContain(PULL_FILES)
    expect(fake.requests.length).toBeLessThanOrEqual(2)
    expect(fake.writes()).toEqual([])
    expect(comments(pr.number)).toHaveLength(1)
    expect(result.stdout).toContain('left as it was')
  })

  test("a base branch that moved: its own commits are not the pull request's (merge base), nothing to say", async () => {
    repo.git('checkout', '-q', '-b', 'feature')
    const headSha = repo.commit({ 'docs/readme.md': 'feature docs\n' }, 'feature: docs')
    repo.git('checkout', '-q', 'main')
    const movedBase = repo.commit({ 'services/orders/api.ts': 'export const a = 9 // landed on main\n' }, 'main moved')
    repo.git('checkout', '-q', 'feature')
    const pr = fake.state.seedPullRequest({ title: 'Docs' })
    const result = await runAction({
      fake,
      workspace: repo.dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, pr.number, movedBase, headSha),
      sha: headSha,
      inputs: { 'fail-on': 'none' }
    })
    expect(result.status).toBe(0)
    expect(comments(pr.number)).toHaveLength(0)
    expect(result.stdout).toContain('left as it was')
    expect(fake.requests.length).toBeLessThanOrEqual(2)
  })
})

describe('code_owners_file (GitHub)', () => {
  test('a component without an owner takes the one CODEOWNERS gives its code; the drift line names it', async () => {
    baseSha = repo.commit({ [MODEL_FILE]: MODEL_WITH_CODEOWNERS, '.github/CODEOWNERS': CODEOWNERS }, 'owners')
    const { pr } = await review({ 'services/orders/api.ts': 'export const a = 8\n' })
    expect(comments(pr.number)[0].body).toContain(ORDER_API_CODEOWNERS)
    expect(comments(pr.number)[0].body).not.toContain('@acme/everyone')
  })

  test('a CODEOWNERS file the commit lacks is a warning on the model line that names it', async () => {
    baseSha = repo.commit({ [MODEL_FILE]: MODEL_WITH_CODEOWNERS }, 'owners file named, not there')
    const { pr, result } = await review({ 'services/orders/api.ts': 'export const a = 9\n' })
    expect(result.stdout).toContain(`${MODEL_FILE}:2:`)
    expect(result.stdout).toContain('code_owners_file `.github/CODEOWNERS` is not a file of the repository at this commit')
    expect(comments(pr.number)[0].body).toContain(ORDER_API_DRIFT)
    expect(comments(pr.number)[0].body).not.toContain('(from CODEOWNERS)')
  })
})

describe('the drift rule in the configuration (GitHub): read from the base only', () => {
  const DISABLED = 'rules:\n  disable: [code-changed-model-untouched]\n'

  test('the base configuration disables it: no drift line, nothing posted', async () => {
    baseSha = repo.commit({ '.threatloop.yaml': DISABLED }, 'drift off')
    const { pr, result } = await review({ 'services/orders/api.ts': 'export const a = 10\n' })
    expect(result.status).toBe(0)
    expect(comments(pr.number)).toHaveLength(0)
    expect(result.summary).not.toContain('code changed (')
    expect(result.stdout).not.toContain('unknown rule')
  })

  test('the pull request disables it in its own configuration: the drift is reported all the same', async () => {
    const { pr } = await review({ 'services/orders/api.ts': 'export const a = 11\n', '.threatloop.yaml': DISABLED })
    expect(comments(pr.number)).toHaveLength(1)
    expect(comments(pr.number)[0].body).toContain(ORDER_API_DRIFT)
  })
})

describe('code drift on pushes (GitHub): informative, in the job summary', () => {
  async function push(files: Record<string, string>, checkout: 'full' | 'detached') {
    const after = repo.commit(files, 'push')
    const workspace = checkout === 'full' ? repo.dir : shallowClone(repo.dir, { detached: true })
    if (checkout === 'detached') for (const [path, text] of Object.entries(BASE_FILES)) fake.state.setFile(baseSha, path, text)
    fake.state.setCompareFiles(baseSha, after, Object.keys(files))
    return runAction({
      fake,
      workspace,
      event: 'push',
      payload: pushPayload(fake, baseSha, after),
      sha: after,
      ref: 'refs/heads/main',
      inputs: { 'fail-on': 'model-drift' }
    })
  }

  test('mapped code changed on a push: the summary says so, no comment, the model-drift gate does not fail a push', async () => {
    const result = await push({ 'services/orders/api.ts': 'export const a = 6\n' }, 'full')
    expect(result.status).toBe(0)
    expect(result.summary).toContain(ORDER_API_DRIFT)
    expect(routes()).not.toContain(COMPARE)
    expect(fake.writes()).toEqual([])
  })

  test('the checkout lacks the commit before the push: the compare API lists the files (one request)', async () => {
    const result = await push({ 'services/orders/api.ts': 'export const a = 7\n', 'docs/readme.md': 'z\n' }, 'detached')
    expect(result.status).toBe(0)
    const compares = fake.requests.filter((r) => r.route === COMPARE)
    expect(compares).toHaveLength(1)
    expect(compares[0].path).toContain(`/compare/${baseSha}...`)
    expect(result.summary).toContain(ORDER_API_DRIFT)
  })
})
