/**
 * End-to-end harness for `threatloop gitlab`: real git repositories in temp folders and the built
 * bundle run as a child process with the variables GitLab sets, against the fake GitLab server.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { FakeGitLab } from '../fakes/gitlab-server.js'

/** The bundle under test: the lead's dist/ by default, a scratch build when THREATLOOP_BUNDLE_DIR says so. */
export const CLI = resolve(process.env.THREATLOOP_BUNDLE_DIR ?? 'dist', 'cli.js')

export const DEMO_BASE = readFileSync('examples/demo/base/payments.threatmodel.yaml', 'utf8')
export const DEMO_HEAD = readFileSync('examples/demo/head/payments.threatmodel.yaml', 'utf8')
export const MODEL_PATH = 'threatmodels/payments.threatmodel.yaml'
export const TOKEN = 'glpat-project-bot'

/** A git repository in a temp folder; commits return their full SHA. */
export class TempRepo {
  readonly dir: string

  constructor(dir?: string) {
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'threatloop-gitlab-'))
    if (!dir) {
      this.git('init', '-q', '-b', 'main')
      this.configure()
    }
  }

  configure(): void {
    this.git('config', 'user.email', 'dev@example.com')
    this.git('config', 'user.name', 'Dev')
    this.git('config', 'commit.gpgsign', 'false')
  }

  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...gitEnv(), GIT_AUTHOR_DATE: '2026-10-01T12:00:00Z', GIT_COMMITTER_DATE: '2026-10-01T12:00:00Z' }
    }).trim()
  }

  write(files: Record<string, string | null>): void {
    for (const [path, text] of Object.entries(files)) {
      const full = join(this.dir, path)
      if (text === null) rmSync(full, { force: true })
      else {
        mkdirSync(dirname(full), { recursive: true })
        writeFileSync(full, text)
      }
    }
  }

  commit(files: Record<string, string | null>, message: string): string {
    this.write(files)
    this.git('add', '-A')
    this.git('commit', '-q', '--allow-empty', '-m', message)
    return this.git('rev-parse', 'HEAD')
  }

  read(path: string): string {
    return readFileSync(join(this.dir, path), 'utf8')
  }

  exists(path: string): boolean {
    return existsSync(join(this.dir, path))
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}

function gitEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', LANG: 'C.UTF-8' }
}

/** Variables GitLab sets for a merge request pipeline. */
export function mergeRequestEnv(
  gl: FakeGitLab,
  repo: TempRepo,
  shas: { base: string; head: string },
  extra: Record<string, string | undefined> = {}
): Record<string, string | undefined> {
  return {
    ...projectEnv(gl, repo),
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_MERGE_REQUEST_IID: '1',
    CI_MERGE_REQUEST_PROJECT_ID: String(gl.projectId),
    CI_MERGE_REQUEST_SOURCE_PROJECT_ID: String(gl.projectId),
    CI_MERGE_REQUEST_DIFF_BASE_SHA: shas.base,
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
    CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature',
    CI_MERGE_REQUEST_EVENT_TYPE: 'detached',
    CI_COMMIT_SHA: shas.head,
    CI_COMMIT_BEFORE_SHA: '0000000000000000000000000000000000000000',
    CI_COMMIT_REF_NAME: 'feature',
    THREATLOOP_GITLAB_TOKEN: TOKEN,
    ...extra
  }
}

/** Variables GitLab sets for a push pipeline on the default branch. */
export function defaultBranchEnv(
  gl: FakeGitLab,
  repo: TempRepo,
  shas: { before?: string; head: string },
  extra: Record<string, string | undefined> = {}
): Record<string, string | undefined> {
  return {
    ...projectEnv(gl, repo),
    CI_PIPELINE_SOURCE: 'push',
    CI_COMMIT_BRANCH: 'main',
    CI_COMMIT_REF_NAME: 'main',
    CI_COMMIT_SHA: shas.head,
    CI_COMMIT_BEFORE_SHA: shas.before ?? '0000000000000000000000000000000000000000',
    THREATLOOP_GITLAB_TOKEN: TOKEN,
    ...extra
  }
}

function projectEnv(gl: FakeGitLab, repo: TempRepo): Record<string, string> {
  return {
    GITLAB_CI: 'true',
    CI: 'true',
    CI_SERVER_URL: gl.url,
    CI_API_V4_URL: gl.apiUrl,
    CI_PROJECT_ID: String(gl.projectId),
    CI_PROJECT_PATH: gl.projectPath,
    CI_PROJECT_URL: `${gl.url}/${gl.projectPath}`,
    CI_PROJECT_DIR: repo.dir,
    CI_DEFAULT_BRANCH: 'main',
    CI_JOB_TOKEN: 'ci-job-token',
    THREATLOOP_ITERATIONS: '2000'
  }
}

export interface JobResult {
  status: number | null
  stdout: string
  stderr: string
}

/**
 * Runs `node <bundle>/cli.js gitlab` asynchronously (the fake answers from this process, so a
 * synchronous spawn would deadlock). Only the given variables are passed, plus PATH and HOME.
 */
export function runJob(env: Record<string, string | undefined>, cwd: string): Promise<JobResult> {
  return new Promise((resolvePromise, reject) => {
    const clean: Record<string, string> = { ...gitEnv() }
    for (const [key, value] of Object.entries(env)) if (value !== undefined) clean[key] = value
    const child = spawn(process.execPath, [CLI, 'gitlab'], { cwd, env: clean, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }))
  })
}

/** The API requests a run made, as `METHOD route` lines (retries included). */
export function routesOf(gl: FakeGitLab, from = 0): string[] {
  return gl.requests.slice(from).map((r) => r.route ?? `${r.method} ${r.path}`)
}

/** A copy of a model with a few fields replaced, as a later commit would change it. */
export function editModel(text: string, replacements: Array<[string | RegExp, string]>): string {
  let out = text
  for (const [from, to] of replacements) {
    const next = out.replace(from, to)
    if (next === out) throw new Error(`edit not applied: ${String(from)}`)
    out = next
  }
  return out
}

interface MaturityJson {
  models: { maturity: { head: { categories: { passing: { id: string }[]; failing: { id: string }[] }[] } | null } }[]
}
/** Whether a maturity check passed on the head of the first model (undefined when it did not run). */
export function checkPassed(report: unknown, id: string): boolean | undefined {
  const categories = (report as MaturityJson).models[0]?.maturity.head?.categories ?? []
  if (categories.some((c) => c.passing.some((p) => p.id === id))) return true
  if (categories.some((c) => c.failing.some((f) => f.id === id))) return false
  return undefined
}
