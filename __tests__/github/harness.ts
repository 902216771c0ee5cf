/**
 * Runs the action's bundle the way a runner does: `node <bundle>/index.js` in a real git checkout,
 * with GITHUB_* and INPUT_* variables, an event payload file and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY
 * files, against the fake GitHub server.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { FakeGitHub } from '../fakes/github-server.js'

// Paths from the repository root at run time (the bench bundles this file, so no static paths).
function repositoryRoot(): string {
  return process.cwd()
}
const root = repositoryRoot()
const bundleDir = resolve(root, process.env.THREATLOOP_BUNDLE_DIR ?? 'dist')
export const BUNDLE = `${bundleDir}/index.js`
export const MODEL_PATH = 'models/payments.threatmodel.yaml'
export const DEMO_BASE = readFileSync(join(root, 'examples', 'demo', 'base', 'payments.threatmodel.yaml'), 'utf8')
export const DEMO_HEAD = readFileSync(join(root, 'examples', 'demo', 'head', 'payments.threatmodel.yaml'), 'utf8')

export interface GitFixture {
  dir: string
  git: (...args: string[]) => string
  /** Writes files and commits them; returns the commit id. */
  commit: (files: Record<string, string>, message: string) => string
  cleanup: () => void
}

/** A throwaway git repository (the "checkout"). */
export function gitRepository(prefix = 'threatloop-gh-'): GitFixture {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const git = (...args: string[]): string =>
    execFileSync(
      'git',
      ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args],
      { cwd: dir, encoding: 'utf8' }
    ).trim()
  git('init', '-q')
  return {
    dir,
    git,
    commit: (files, message) => {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true })
        writeFileSync(join(dir, path), text)
      }
      git('add', '-A')
      git('commit', '-q', '--allow-empty', '-m', message)
      return git('rev-parse', 'HEAD')
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true })
  }
}

export interface RunOptions {
  fake: FakeGitHub
  workspace: string
  event: 'pull_request' | 'push' | 'workflow_dispatch' | 'schedule'
  payload: Record<string, unknown>
  inputs?: Record<string, string>
  sha?: string
  ref?: string
  token?: string
  /** Extra runner environment (proxy settings, …). */
  env?: Record<string, string>
}

export interface RunResult {
  status: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** Annotation commands the runner would turn into annotations (::error file=…::message). */
  annotations: string[]
  /** Date.now() just before the process was spawned. */
  startedAt: number
  elapsedMs: number
}

/** Parses GITHUB_OUTPUT (`name<<delimiter` heredocs, as @actions/core writes them). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i])
    if (!m) continue
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
    out[m[1]] = value.join('\n')
  }
  return out
}

/** The pull_request payload GitHub sends (the fields the action reads, and a few it ignores). */
export function pullRequestPayload(
  fake: FakeGitHub,
  number: number,
  base: string,
  head: string,
  options: { fork?: boolean } = {}
): Record<string, unknown> {
  const full = `${fake.owner}/${fake.repo}`
  const headRepo = options.fork ? `outside-contributor/${fake.repo}` : full
  return {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      state: 'open',
      title: 'Self-service refunds',
      base: { ref: 'main', sha: base, repo: { full_name: full, fork: false } },
      head: { ref: 'feature/refunds', sha: head, repo: { full_name: headRepo, fork: options.fork === true } }
    },
    repository: { full_name: full, default_branch: 'main', html_url: `https://github.com/${full}` }
  }
}

export function pushPayload(fake: FakeGitHub, before: string, after: string): Record<string, unknown> {
  const full = `${fake.owner}/${fake.repo}`
  return {
    ref: 'refs/heads/main',
    before,
    after,
    repository: { full_name: full, default_branch: 'main', master_branch: 'main', html_url: `https://github.com/${full}` }
  }
}

/** Runs the bundle once, asynchronously (the fake answers from this process's event loop). */
export async function runAction(options: RunOptions): Promise<RunResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'threatloop-runner-'))
  const eventPath = join(scratch, 'event.json')
  const outputPath = join(scratch, 'output.txt')
  const summaryPath = join(scratch, 'summary.md')
  writeFileSync(eventPath, JSON.stringify(options.payload))
  writeFileSync(outputPath, '')
  writeFileSync(summaryPath, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? scratch,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: options.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${options.fake.owner}/${options.fake.repo}`,
    GITHUB_REPOSITORY_OWNER: options.fake.owner,
    GITHUB_SHA: options.sha ?? '',
    GITHUB_REF: options.ref ?? 'refs/heads/main',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_API_URL: options.fake.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: scratch,
    'INPUT_GITHUB-TOKEN': options.token ?? 'ghs_write_token',
    INPUT_SARIF: 'threatloop.sarif',
    'INPUT_JSON-REPORT': 'threatloop-review.json',
    'INPUT_RISK-ITERATIONS': '2000'
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[`INPUT_${name.toUpperCase()}`] = value
  Object.assign(env, options.env ?? {})
  const started = Date.now()
  const child = spawn(process.execPath, [BUNDLE], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)))
  const result: RunResult = {
    status,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
    summary: readFileSync(summaryPath, 'utf8'),
    annotations: stdout.split('\n').filter((l) => /^::(error|warning|notice)/.test(l)),
    startedAt: started,
    elapsedMs: Date.now() - started
  }
  rmSync(scratch, { recursive: true, force: true })
  return result
}

/** Copies a file out of the workspace (reports the action wrote). */
export function readWorkspaceFile(workspace: string, path: string): string | undefined {
  const full = join(workspace, path)
  return existsSync(full) ? readFileSync(full, 'utf8') : undefined
}
