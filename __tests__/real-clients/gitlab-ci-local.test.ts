/**
 * The GitLab component under gitlab-ci-local (shell executor), the way a pipeline runs it:
 * - the catalog project is built and pushed by the release script (scripts/gitlab-catalog.mjs)
 *   to a GitLab instance on 127.0.0.1 (git over HTTP + generic packages + the fake GitLab API);
 * - its own pipeline (.gitlab-ci.yml from gitlab/catalog-ci.yml) tests the component at its commit
 *   and publishes the bundle as a generic package;
 * - a project includes it with `include: component: …@<version>` (no inputs) and with
 *   `include: local:`, and the merge request and default-branch jobs review, write the note, the
 *   issues and the Code Quality report against the fake GitLab;
 * - every GitLab snippet of gitlab/README.md resolves (component, project, remote).
 * gitlab-ci-local needs Node ≥ 22 (see node24.ts); the jobs run the bundle with the PATH's node.
 */
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { type FakeGitLab, GITLAB_BOT_USERNAME, startFakeGitLab } from '../fakes/gitlab-server.js'
import { DEMO_BASE, DEMO_HEAD, MODEL_PATH, TempRepo, TOKEN } from '../gitlab/harness.js'
import { allSnippets, kindOf } from './doc-snippets.js'
import { type GitLabInstance, startGitLabInstance } from './gitlab-instance.js'
import { node24 } from './node24.js'

const GCL = resolve('node_modules/gitlab-ci-local/dist/index.js')
const BUNDLE = resolve(process.env.THREATLOOP_BUNDLE_DIR ?? 'dist', 'cli.js')
const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version
const CATALOG_PATH = 'threatloop/threatloop'
const CATALOG_ID = 77

let node: string
let work: string
let gl: FakeGitLab
let instance: GitLabInstance

interface Run {
  status: number | null
  output: string
}

/** gitlab-ci-local in `cwd` with the shell executor; variables as `--variable` (predefined ones allowed). */
function gitlabCiLocal(cwd: string, args: string[], variables: Record<string, string> = {}, unset: string[] = []): Promise<Run> {
  const argv = [
    GCL,
    '--force-shell-executor',
    '--no-color',
    '--ignore-predefined-vars',
    Object.keys(variables).concat(unset).join(',') || 'CI'
  ]
  for (const [key, value] of Object.entries(variables)) argv.push('--variable', `${key}=${value}`)
  for (const key of unset) argv.push('--unset-variable', key)
  argv.push(...args)
  return new Promise((resolvePromise, reject) => {
    const child = spawn(node, argv, {
      cwd,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: join(work, 'home'),
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_TERMINAL_PROMPT: '0',
        LANG: 'C.UTF-8',
        NO_COLOR: '1'
      }
    })
    let output = ''
    child.stdout.on('data', (c: Buffer) => (output += c.toString()))
    child.stderr.on('data', (c: Buffer) => (output += c.toString()))
    child.on('error', reject)
    child.on('close', (status) => resolvePromise({ status, output }))
  })
}

/** A command that talks to the in-process instance: asynchronous, or the server could not answer it. */
function exec(command: string, args: string[], options: { cwd?: string } = {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', HOME: join(work, 'home') }
    })
    let output = ''
    child.stdout.on('data', (c: Buffer) => (output += c.toString()))
    child.stderr.on('data', (c: Buffer) => (output += c.toString()))
    child.on('error', reject)
    child.on('close', (status) =>
      status === 0 ? resolvePromise(output) : reject(new Error(`${command} ${args.join(' ')} exited ${status}: ${output}`))
    )
  })
}

/** The project's origin on the instance, with origin/HEAD set as a clone has it. */
function connect(repo: TempRepo, projectPath: string, defaultSha: string): void {
  repo.git('remote', 'add', 'origin', `${instance.url}/${projectPath}.git`)
  repo.git('update-ref', 'refs/remotes/origin/main', defaultSha)
  repo.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main')
}

/** A project with the demo model on main and its change on `feature`; the CI file in both. */
function consumer(ciFile: string, extra: Record<string, string> = {}): { repo: TempRepo; base: string; head: string } {
  const repo = new TempRepo()
  const base = repo.commit({ [MODEL_PATH]: DEMO_BASE, '.gitlab-ci.yml': ciFile, ...extra }, 'base')
  repo.git('checkout', '-q', '-b', 'feature')
  const head = repo.commit({ [MODEL_PATH]: DEMO_HEAD }, 'change the model')
  connect(repo, gl.projectPath, base)
  return { repo, base, head }
}

function mergeRequestVariables(repo: TempRepo, base: string, iid = 1): Record<string, string> {
  return {
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_MERGE_REQUEST_IID: String(iid),
    CI_MERGE_REQUEST_PROJECT_ID: String(gl.projectId),
    CI_MERGE_REQUEST_SOURCE_PROJECT_ID: String(gl.projectId),
    CI_MERGE_REQUEST_DIFF_BASE_SHA: base,
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
    CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature',
    CI_MERGE_REQUEST_EVENT_TYPE: 'detached',
    ...projectVariables(repo)
  }
}

function projectVariables(repo: TempRepo): Record<string, string> {
  return {
    CI_PROJECT_ID: String(gl.projectId),
    CI_PROJECT_DIR: repo.dir,
    CI_DEFAULT_BRANCH: 'main',
    CI_JOB_TOKEN: 'ci-job-token',
    THREATLOOP_GITLAB_TOKEN: TOKEN,
    THREATLOOP_ITERATIONS: '2000'
  }
}

const botNotes = (iid = 1): number => gl.state.notesOn(iid).filter((n) => n.author === GITLAB_BOT_USERNAME).length

beforeAll(async () => {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run package`)
  node = node24()
  work = mkdtempSync(join(tmpdir(), 'threatloop-gcl-'))
  gl = await startFakeGitLab()
  instance = await startGitLabInstance(gl, join(work, 'git'))
  instance.createProject(gl.projectPath, gl.projectId)
  const catalogUrl = instance.createProject(CATALOG_PATH, CATALOG_ID)
  // The release job's step: build the catalog project and push it with the version tag.
  await exec(process.execPath, ['scripts/gitlab-catalog.mjs', '--version', VERSION, '--out', join(work, 'release'), '--push', catalogUrl])
}, 300_000)

afterAll(async () => {
  await instance?.close()
  await gl?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('the catalog project (as the release script publishes it)', () => {
  test('has templates/ at its root, a README, a licence and a semantic-version tag without prefix', async () => {
    const clone = join(work, 'catalog-check')
    await exec('git', ['clone', '--quiet', '--branch', VERSION, `${instance.url}/${CATALOG_PATH}.git`, clone])
    for (const file of ['templates/threatloop.yml', 'README.md', 'LICENSE', '.gitlab-ci.yml', 'dist/cli.js', 'dist/cli.js.sha256'])
      expect({ file, exists: existsSync(join(clone, file)) }).toEqual({ file, exists: true })
    expect(readFileSync(join(clone, 'templates/threatloop.yml'), 'utf8')).toContain(`    version:\n      default: ${VERSION}\n`)
    expect(readFileSync(join(clone, 'dist/cli.js')).equals(readFileSync(BUNDLE))).toBe(true)
    expect(execFileSync('git', ['tag', '--list'], { cwd: clone, encoding: 'utf8' }).trim()).toBe(VERSION)
  })

  test('its pipeline tests the component at its own commit and, on the tag, publishes the bundle', async () => {
    const catalog = new TempRepo(join(work, 'catalog'))
    await exec('git', ['clone', '--quiet', '--branch', VERSION, `${instance.url}/${CATALOG_PATH}.git`, catalog.dir])
    catalog.configure()
    const sha = catalog.git('rev-parse', 'HEAD')
    catalog.git('update-ref', 'refs/remotes/origin/main', sha)
    catalog.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main')
    const tag = {
      CI_COMMIT_TAG: VERSION,
      CI_PROJECT_ID: String(CATALOG_ID),
      CI_JOB_TOKEN: 'ci-job-token',
      CI_PROJECT_DIR: catalog.dir,
      CI_DEFAULT_BRANCH: 'main',
      THREATLOOP_ITERATIONS: '2000'
    }

    const listed = await gitlabCiLocal(catalog.dir, ['--list'], tag, ['CI_COMMIT_BRANCH'])
    expect(listed.output).toMatch(/component-self-test\s+test/)
    expect(listed.output).toMatch(/publish-bundle\s+publish/)
    expect(listed.output).toMatch(/create-release\s+release/)
    expect(listed.status).toBe(0)

    const selfTest = await gitlabCiLocal(catalog.dir, ['component-self-test'], tag, ['CI_COMMIT_BRANCH'])
    expect(selfTest.output).toContain(`bundle sha256 ${createHash('sha256').update(readFileSync(BUNDLE)).digest('hex')}`)
    expect(selfTest.output).toContain('PASS  component-self-test')
    expect(instance.handled).toContain(`GET /api/v4/projects/${CATALOG_ID}/repository/files/dist%2Fcli.js/raw`)

    const publish = await gitlabCiLocal(catalog.dir, ['publish-bundle'], tag, ['CI_COMMIT_BRANCH'])
    expect(publish.output).toContain('dist/cli.js: OK')
    expect(publish.output).toContain('PASS  publish-bundle')
    expect(instance.packages.get(`${CATALOG_PATH}/threatloop/${VERSION}/cli.js`)?.equals(readFileSync(BUNDLE))).toBe(true)
  }, 300_000)
})

describe('a project that includes the component', () => {
  test(`include: component: …/threatloop@${VERSION} (no inputs): the merge request job downloads the published bundle, notes and reports; the default-branch job opens issues`, async () => {
    const { repo, base } = consumer(`include:\n  - component: $CI_SERVER_FQDN/${CATALOG_PATH}/threatloop@${VERSION}\n`)
    try {
      expect(botNotes()).toBe(0)
      const run = await gitlabCiLocal(repo.dir, ['threatloop'], mergeRequestVariables(repo, base), ['CI_COMMIT_BRANCH'])
      expect(run.output).toContain(`downloaded ${CATALOG_PATH} ${VERSION}`)
      expect(run.output).toContain(`threatloop ${VERSION}: bundle sha256`)
      // The demo change adds a critical threat: the default gate fails the job, after the note and the report.
      expect(run.output).toContain('FAIL 1')
      expect(botNotes()).toBe(1)
      expect(instance.handled).toContain(
        `GET /api/v4/projects/${encodeURIComponent(CATALOG_PATH)}/packages/generic/threatloop/${VERSION}/cli.js`
      )
      const report = JSON.parse(repo.read('gl-code-quality-report.json')) as Array<{ fingerprint: string }>
      expect(report.length).toBeGreaterThan(0)
      expect(new Set(report.map((r) => r.fingerprint)).size).toBe(report.length)

      // Merged: the default-branch pipeline of the same include writes the mitigation issues.
      repo.git('checkout', '-q', 'main')
      repo.git('merge', '-q', '--ff-only', 'feature')
      const issuesBefore = gl.state.issues.size
      const push = await gitlabCiLocal(repo.dir, ['threatloop'], {
        CI_PIPELINE_SOURCE: 'push',
        CI_COMMIT_BRANCH: 'main',
        CI_COMMIT_BEFORE_SHA: base,
        ...projectVariables(repo)
      })
      expect(push.output).toContain(`threatloop ${VERSION}: bundle sha256`)
      expect(gl.state.issues.size).toBeGreaterThan(issuesBefore)
    } finally {
      repo.remove()
    }
  }, 300_000)

  test('include: local: the merge request job and the default-branch job (issues) run against the fake GitLab', async () => {
    const template = readFileSync('gitlab/templates/threatloop.yml', 'utf8')
    const ci = `include:\n  - local: ci/threatloop.yml\n    inputs:\n      source-project: ${CATALOG_PATH}\n      version: ${VERSION}\n      fail-on: none\n`
    const { repo, base, head } = consumer(ci, { 'ci/threatloop.yml': template })
    try {
      gl.state.addMergeRequest(2)
      const mergeRequest = await gitlabCiLocal(repo.dir, ['threatloop'], mergeRequestVariables(repo, base, 2), ['CI_COMMIT_BRANCH'])
      expect(mergeRequest.output).toContain('PASS  threatloop')
      expect(botNotes(2)).toBe(1)
      // A project without Threatloop issues yet (the component test above wrote some to this fake).
      gl.state.issues.clear()

      // The change merged: a push pipeline on the default branch writes the mitigation issues.
      repo.git('checkout', '-q', 'main')
      repo.git('merge', '-q', '--ff-only', 'feature')
      const push = await gitlabCiLocal(repo.dir, ['threatloop'], {
        CI_PIPELINE_SOURCE: 'push',
        CI_COMMIT_BRANCH: 'main',
        CI_COMMIT_BEFORE_SHA: base,
        ...projectVariables(repo)
      })
      expect(repo.git('rev-parse', 'HEAD')).toBe(head)
      expect(push.output).toContain('PASS  threatloop')
      expect(gl.state.issues.size).toBeGreaterThan(0)
    } finally {
      repo.remove()
    }
  }, 300_000)
})

describe('gitlab/README.md snippets resolve under gitlab-ci-local', () => {
  const snippets = allSnippets().filter((s) => s.file === 'gitlab/README.md' && kindOf(s) === 'gitlab-ci')
  test('the component, project and remote includes are all documented', () => {
    const text = snippets.map((s) => s.text).join('\n')
    for (const kind of ['component:', 'project:', 'remote:']) expect(text).toContain(kind)
  })
  test.each(snippets.filter((s) => s.text.includes('include:')).map((s) => [s.where, s] as const))(
    '%s',
    async (_where, snippet) => {
      const digest = createHash('sha256').update(readFileSync(BUNDLE)).digest('hex')
      const text = snippet.text
        .replaceAll('https://gitlab.com/', `${instance.url}/`)
        .replaceAll('<the SHA-256 published with the release>', digest)
      const repo = new TempRepo()
      try {
        const sha = repo.commit({ '.gitlab-ci.yml': text, [MODEL_PATH]: DEMO_BASE }, 'ci')
        connect(repo, gl.projectPath, sha)
        const listed = await gitlabCiLocal(repo.dir, ['--list'], { CI_PIPELINE_SOURCE: 'merge_request_event' }, ['CI_COMMIT_BRANCH'])
        expect(listed.output).toMatch(/\nthreatloop\s+\S*\s*test\s+on_success/)
        expect(listed.status).toBe(0)
      } finally {
        repo.remove()
      }
    },
    120_000
  )
})
