import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { loadAll } from 'js-yaml'
import { type FakeGitLab, GITLAB_BOT_USERNAME, startFakeGitLab } from '../fakes/gitlab-server.js'
import { CLI, DEMO_BASE, DEMO_HEAD, mergeRequestEnv, MODEL_PATH, TempRepo } from './harness.js'

const TEMPLATE_PATH = 'gitlab/templates/threatloop.yml'
const TEMPLATE = readFileSync(TEMPLATE_PATH, 'utf8')
/** Keywords that would change every job of the including pipeline (GitLab forbids them in components). */
const GLOBAL_KEYWORDS = [
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'pages'
]
/** The settings `threatloop gitlab` reads (src/adapters/gitlab/settings.ts). */
const CLI_SETTINGS = [
  'THREATLOOP_PATHS',
  'THREATLOOP_CONFIG',
  'THREATLOOP_FAIL_ON',
  'THREATLOOP_ISSUES',
  'THREATLOOP_TOKEN_VARIABLE',
  'THREATLOOP_CODE_QUALITY',
  'THREATLOOP_HISTORY',
  'THREATLOOP_HISTORY_BRANCH',
  'THREATLOOP_INTEL',
  'THREATLOOP_INTEL_STIX',
  'THREATLOOP_INTEL_INCIDENTS',
  'THREATLOOP_INTEL_OSV'
]

interface InputSpec {
  type?: 'string' | 'number' | 'boolean' | 'array'
  default?: unknown
  options?: unknown[]
  regex?: string
  description?: string
}
interface Job {
  stage: string
  image: string
  rules: Array<{ if: string }>
  variables: Record<string, string>
  script: string[]
  artifacts: { when: string; paths: string[]; reports: { codequality: string } }
  resource_group: string
}

const documents = loadAll(TEMPLATE) as Array<Record<string, unknown>>
const inputs = (documents[0]?.spec as { inputs: Record<string, InputSpec> } | undefined)?.inputs ?? {}
const jobText = TEMPLATE.slice(TEMPLATE.indexOf('\n---\n') + 5)

/** GitLab's interpolation of `$[[ inputs.x ]]`, with the defaults unless overridden. */
function render(overrides: Record<string, unknown> = {}): Job {
  const values = Object.fromEntries(Object.entries(inputs).map(([name, spec]) => [name, overrides[name] ?? spec.default]))
  const text = jobText.replace(/\$\[\[\s*inputs\.([\w-]+)\s*\]\]/g, (_m, name: string) => {
    const value = values[name]
    return Array.isArray(value) ? JSON.stringify(value) : String(value)
  })
  const rendered = loadAll(text) as Array<Record<string, Job>>
  return Object.values(rendered[0])[0]
}

describe('the component template', () => {
  test('is valid YAML with two documents: the spec header, then the jobs', () => {
    expect(documents).toHaveLength(2)
    expect(Object.keys(documents[0])).toEqual(['spec'])
    expect(Object.keys(documents[0].spec as object)).toEqual(['inputs'])
    expect(TEMPLATE).toMatch(/\n---\n/)
  })

  test('defines one job and no global keyword', () => {
    const keys = Object.keys(documents[1])
    expect(keys).toEqual(['$[[ inputs.job-name ]]'])
    for (const keyword of GLOBAL_KEYWORDS) expect(keys).not.toContain(keyword)
  })

  test('every input is used, and the job references only declared inputs', () => {
    const referenced = new Set([...jobText.matchAll(/\$\[\[\s*inputs\.([\w-]+)\s*\]\]/g)].map((m) => m[1]))
    expect([...referenced].sort()).toEqual(Object.keys(inputs).sort())
    // No other interpolation (component.*, a misspelt prefix) sneaks in.
    expect(jobText.match(/\$\[\[/g)).toHaveLength([...jobText.matchAll(/\$\[\[\s*inputs\.[\w-]+\s*\]\]/g)].length)
  })

  test('inputs are well formed: known types, defaults within options and regex, a description each', () => {
    for (const [name, spec] of Object.entries(inputs)) {
      expect({ name, type: ['string', 'number', 'boolean', 'array'].includes(spec.type ?? 'string') }).toEqual({ name, type: true })
      expect({ name, hasDefault: 'default' in spec }).toEqual({ name, hasDefault: true })
      expect({ name, withinOptions: spec.options === undefined || spec.options.includes(spec.default) }).toEqual({
        name,
        withinOptions: true
      })
      expect({ name, matchesRegex: spec.regex === undefined || new RegExp(spec.regex).test(String(spec.default)) }).toEqual({
        name,
        matchesRegex: true
      })
      expect({ name, described: (spec.description ?? '').length > 10 }).toEqual({ name, described: true })
    }
    expect(Object.keys(inputs)).toEqual(
      expect.arrayContaining(['stage', 'job-name', 'paths', 'config', 'fail-on', 'issue-mode', 'token-variable', 'version', 'image'])
    )
  })

  test('the version input defaults to this release (package.json), a semantic version without prefix as the catalog tags it', () => {
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version
    expect(inputs.version.default).toBe(version)
    expect(version).toMatch(/^\d+\.\d+\.\d+$/)
  })

  test('renders into a job that runs on merge requests and the default branch and uploads the Code Quality report', () => {
    const job = render({ stage: 'security', 'job-name': 'threat-review', paths: ['threatmodels/', 'services/api/tm.yaml'] })
    expect(job.stage).toBe('security')
    expect(job.image).toMatch(/^node:(20|22|24)/)
    expect(job.rules.map((r) => r.if)).toEqual(['$CI_PIPELINE_SOURCE == "merge_request_event"', '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH'])
    expect(job.artifacts.reports.codequality).toBe('gl-code-quality-report.json')
    expect(job.artifacts.paths).toEqual(['threatloop-report.json', 'gl-code-quality-report.json'])
    expect(job.artifacts.when).toBe('always')
    expect(job.resource_group).toBe('threat-review')
    expect(JSON.parse(job.variables.THREATLOOP_PATHS)).toEqual(['threatmodels/', 'services/api/tm.yaml'])
    for (const setting of CLI_SETTINGS) expect(Object.keys(job.variables)).toContain(setting)
    expect(job.script[job.script.length - 1]).toBe('node "${TMPDIR:-/tmp}/threatloop-cli.mjs" gitlab')
  })

  test('the intelligence inputs render into the settings threatloop gitlab reads (#18)', () => {
    const job = render({ 'intel-stix': ['intel/sightings.json'], 'intel-osv': 'off' })
    expect(JSON.parse(job.variables.THREATLOOP_INTEL_STIX)).toEqual(['intel/sightings.json'])
    expect(JSON.parse(job.variables.THREATLOOP_INTEL_INCIDENTS)).toEqual([])
    expect(job.variables.THREATLOOP_INTEL).toBe('auto')
    expect(job.variables.THREATLOOP_INTEL_OSV).toBe('off')
  })
})

// --- The job's own script, run as the runner would: sh, the job's variables, a bundle server. ---

interface Served {
  url: string
  seen: Array<{ path: string; jobToken: string | undefined }>
  close: () => Promise<void>
}

/** Serves the bundle like GitLab: generic package (job token), raw file at the tag, object-storage redirects. */
async function serveBundle(bundle: Buffer, behaviour: { packageStatus?: number[]; redirect?: boolean }): Promise<Served> {
  const seen: Served['seen'] = []
  const statuses = [...(behaviour.packageStatus ?? [])]
  const server: Server = createServer((req: IncomingMessage, res) => {
    const path = req.url ?? '/'
    seen.push({ path, jobToken: req.headers['job-token'] as string | undefined })
    if (path === '/api/v4/projects/threatloop%2Fthreatloop/packages/generic/threatloop/0.1.0/cli.js') {
      const status = statuses.shift() ?? 200
      if (status !== 200) return void res.writeHead(status).end('{"message":"no"}')
      if (req.headers['job-token'] !== 'ci-job-token') return void res.writeHead(401).end('{"message":"401 Unauthorized"}')
      if (behaviour.redirect) return void res.writeHead(302, { location: '/storage/cli.js?signature=x' }).end()
      return void res.writeHead(200).end(bundle)
    }
    if (path === '/storage/cli.js?signature=x') return void res.writeHead(200).end(bundle)
    if (path === '/api/v4/projects/threatloop%2Fthreatloop/repository/files/dist%2Fcli.js/raw?ref=0.1.0')
      return void res.writeHead(200).end(bundle)
    res.writeHead(404).end('{"message":"404 Not Found"}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

function sh(
  script: string,
  env: Record<string, string | undefined>,
  cwd: string
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const clean: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir() }
    for (const [key, value] of Object.entries(env)) if (value !== undefined) clean[key] = value
    const child = spawn('sh', ['-e', '-c', script], { cwd, env: clean })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

describe('the job script (download step and run step)', () => {
  const bundle = existsSync(CLI) ? readFileSync(CLI) : Buffer.from('')
  const digest = createHash('sha256').update(bundle).digest('hex')
  let temp: string

  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), 'threatloop-job-'))
  })
  afterAll(() => rmSync(temp, { recursive: true, force: true }))

  const download = async (served: Served, overrides: Record<string, unknown> = {}, extraEnv: Record<string, string> = {}) => {
    const job = render(overrides)
    rmSync(join(temp, 'threatloop-cli.mjs'), { force: true })
    return sh(
      job.script[0],
      { ...job.variables, CI_API_V4_URL: `${served.url}/api/v4`, CI_JOB_TOKEN: 'ci-job-token', TMPDIR: temp, ...extraEnv },
      temp
    )
  }

  test('fetches the generic package with the job token, then the job runs the downloaded bundle against GitLab', async () => {
    const served = await serveBundle(bundle, {})
    const gl: FakeGitLab = await startFakeGitLab()
    const repo = new TempRepo()
    try {
      const fetched = await download(served)
      expect(fetched.stderr).toBe('')
      expect(fetched.stdout).toContain(`threatloop 0.1.0: bundle sha256 ${digest}`)
      expect(readFileSync(join(temp, 'threatloop-cli.mjs')).equals(bundle)).toBe(true)
      expect(served.seen.map((s) => s.path)).toEqual(['/api/v4/projects/threatloop%2Fthreatloop/packages/generic/threatloop/0.1.0/cli.js'])

      const base = repo.commit({ [MODEL_PATH]: DEMO_BASE }, 'base')
      repo.git('checkout', '-q', '-b', 'feature')
      const head = repo.commit({ [MODEL_PATH]: DEMO_HEAD }, 'head')
      const job = render()
      const env = { ...mergeRequestEnv(gl, repo, { base, head }), ...job.variables, TMPDIR: temp, GIT_CONFIG_NOSYSTEM: '1' }
      const run = await sh(job.script[1], env, repo.dir)
      expect(run.stderr).toBe('')
      expect(run.status).toBe(1)
      expect(gl.state.notesOn(1).filter((n) => n.author === GITLAB_BOT_USERNAME)).toHaveLength(1)
      expect(repo.exists('gl-code-quality-report.json')).toBe(true)
    } finally {
      await served.close()
      await gl.close()
      repo.remove()
    }
  })

  test('falls back to dist/cli.js at the tag when the package is not there; follows storage redirects without the token', async () => {
    const missing = await serveBundle(bundle, { packageStatus: [404] })
    try {
      const fetched = await download(missing)
      expect(fetched.stderr).toBe('')
      expect(missing.seen.map((s) => s.path)[1]).toBe(
        '/api/v4/projects/threatloop%2Fthreatloop/repository/files/dist%2Fcli.js/raw?ref=0.1.0'
      )
      expect(missing.seen[1].jobToken).toBeUndefined()
    } finally {
      await missing.close()
    }
    const redirected = await serveBundle(bundle, { redirect: true })
    try {
      expect((await download(redirected)).stderr).toBe('')
      expect(redirected.seen.map((s) => [s.path, s.jobToken])).toEqual([
        ['/api/v4/projects/threatloop%2Fthreatloop/packages/generic/threatloop/0.1.0/cli.js', 'ci-job-token'],
        ['/storage/cli.js?signature=x', undefined]
      ])
    } finally {
      await redirected.close()
    }
  })

  test('retries a 503, refuses a bundle with the wrong SHA-256, and explains a download that fails', async () => {
    const flaky = await serveBundle(bundle, { packageStatus: [503] })
    try {
      const fetched = await download(flaky, { 'bundle-sha256': digest })
      expect(fetched.stderr).toBe('')
      expect(flaky.seen).toHaveLength(2)
      const wrong = await download(flaky, { 'bundle-sha256': '0'.repeat(64) })
      expect(wrong.status).toBe(2)
      expect(wrong.stderr).toContain(`the bundle has SHA-256 ${digest}, not the expected ${'0'.repeat(64)}; refusing to run it`)
      expect(existsSync(join(temp, 'threatloop-cli.mjs'))).toBe(false)
      const nowhere = await download(flaky, { 'bundle-url': `${flaky.url}/nothing/here.js` })
      expect(nowhere.status).toBe(2)
      expect(nowhere.stderr).toContain(`could not download the bundle 0.1.0; tried ${flaky.url}/nothing/here.js: 404`)
      expect(nowhere.stderr + nowhere.stdout).not.toContain('ci-job-token')
    } finally {
      await flaky.close()
    }
  })
})
