/**
 * Code drift figures (issue 17), on the bundles (THREATLOOP_BUNDLE_DIR, default dist/) against the
 * fake servers: a pull/merge request changing 500 files no component maps, with an earlier sticky
 * comment. Requests made and time to finish, with the history in the checkout (git lists the files)
 * and in a shallow one (the platform's files API does).
 */
import { BASE_FILES, changed, removeShallowClones, shallowClone, unmappedFiles } from '../__tests__/drift/e2e-fixture.js'
import { GITHUB_BOT_LOGIN, startFakeGitHub } from '../__tests__/fakes/github-server.js'
import { type FakeGitLab, GITLAB_BOT_USERNAME, startFakeGitLab } from '../__tests__/fakes/gitlab-server.js'
import { spawn } from 'node:child_process'
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'
import { gitRepository, pullRequestPayload, runAction } from '../__tests__/github/harness.js'
import { round } from './measure.js'

// Paths from the repository root at run time (the bench is bundled, so no static paths).
function repositoryRoot(): string {
  return process.cwd()
}
const CLI = `${resolve(repositoryRoot(), process.env.THREATLOOP_BUNDLE_DIR ?? 'dist')}/cli.js`
const TOKEN = 'glpat-project-bot'

/** `node dist/cli.js gitlab` with the variables GitLab sets on a merge request pipeline. */
function runGitLabJob(dir: string, gl: FakeGitLab, base: string, head: string): Promise<{ status: number | null; output: string }> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: tmpdir(),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GITLAB_CI: 'true',
    CI: 'true',
    CI_SERVER_URL: gl.url,
    CI_API_V4_URL: gl.apiUrl,
    CI_PROJECT_ID: String(gl.projectId),
    CI_PROJECT_PATH: gl.projectPath,
    CI_PROJECT_URL: `${gl.url}/${gl.projectPath}`,
    CI_PROJECT_DIR: dir,
    CI_DEFAULT_BRANCH: 'main',
    CI_JOB_TOKEN: 'ci-job-token',
    THREATLOOP_ITERATIONS: '2000',
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_MERGE_REQUEST_IID: '1',
    CI_MERGE_REQUEST_PROJECT_ID: String(gl.projectId),
    CI_MERGE_REQUEST_SOURCE_PROJECT_ID: String(gl.projectId),
    CI_MERGE_REQUEST_DIFF_BASE_SHA: base,
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
    CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature',
    CI_MERGE_REQUEST_EVENT_TYPE: 'detached',
    CI_COMMIT_SHA: head,
    CI_COMMIT_BEFORE_SHA: '0'.repeat(40),
    CI_COMMIT_REF_NAME: 'feature',
    THREATLOOP_GITLAB_TOKEN: TOKEN,
    THREATLOOP_FAIL_ON: 'none'
  }
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [CLI, 'gitlab'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (status) => done({ status, output }))
  })
}

const RUNS = 3
const FILES = 500
const MARKER = '<!-- threatloop:sticky v1 -->'

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

interface Figures {
  requests: number
  writes: number
  ms: number
}

async function gitHubRun(dir: string, base: string, head: string, baseFiles: boolean): Promise<Figures> {
  const fake = await startFakeGitHub()
  try {
    const pr = fake.state.seedPullRequest({ title: '500 vendored files' })
    fake.state.setPullFiles(pr.number, unmappedFiles(FILES))
    fake.state.seedComment(pr.number, { body: `${MARKER}\nearlier review`, author: GITHUB_BOT_LOGIN })
    if (baseFiles) for (const [path, text] of Object.entries(BASE_FILES)) fake.state.setFile(base, path, text)
    const run = await runAction({
      fake,
      workspace: dir,
      event: 'pull_request',
      payload: pullRequestPayload(fake, pr.number, base, head),
      sha: head,
      inputs: { 'fail-on': 'none' }
    })
    if (run.status !== 0) throw new Error(`the action failed: ${run.stderr || run.stdout.slice(-2000)}`)
    return { requests: fake.requests.length, writes: fake.writes().length, ms: run.elapsedMs }
  } finally {
    await fake.close()
  }
}

async function gitLabRun(dir: string, base: string, head: string): Promise<Figures> {
  const gl = await startFakeGitLab()
  try {
    gl.state.setMergeRequestFiles(1, unmappedFiles(FILES))
    gl.state.seedNote(1, { body: `${MARKER}\nearlier review`, author: GITLAB_BOT_USERNAME })
    const t0 = Date.now()
    const run = await runGitLabJob(dir, gl, base, head)
    const ms = Date.now() - t0
    if (run.status !== 0) throw new Error(`the job failed: ${run.output.slice(-2000)}`)
    return { requests: gl.requests.length, writes: gl.requests.filter((r) => r.method !== 'GET').length, ms }
  } finally {
    await gl.close()
  }
}

async function repeat(run: () => Promise<Figures>): Promise<Figures & { runsMs: string }> {
  const all: Figures[] = []
  for (let i = 0; i < RUNS; i++) all.push(await run())
  return {
    requests: Math.max(...all.map((f) => f.requests)),
    writes: Math.max(...all.map((f) => f.writes)),
    ms: round(median(all.map((f) => f.ms)), 0),
    runsMs: all.map((f) => f.ms).join(' ')
  }
}

export async function benchDrift(): Promise<Record<string, unknown>> {
  // GitHub: base → head changing 500 unmapped files on one branch.
  const repo = gitRepository('threatloop-bench-drift-')
  // GitLab: the same on a feature branch, the job's clone detached at the head.
  const gitlab = gitRepository('threatloop-bench-drift-gl-')
  try {
    const base = repo.commit({ ...BASE_FILES, ...changed(unmappedFiles(FILES), 'v1\n') }, 'base')
    const head = repo.commit(changed(unmappedFiles(FILES), 'v2\n'), '500 vendored files')
    const history = await repeat(() => gitHubRun(repo.dir, base, head, false))
    const shallow = await repeat(() => gitHubRun(shallowClone(repo.dir), base, head, false))

    const glBase = gitlab.commit({ ...BASE_FILES, ...changed(unmappedFiles(FILES), 'v1\n') }, 'base')
    gitlab.git('checkout', '-q', '-b', 'feature')
    const glHead = gitlab.commit(changed(unmappedFiles(FILES), 'v2\n'), '500 vendored files')
    gitlab.git('checkout', '-q', '--detach', glHead)
    const glHistory = await repeat(() => gitLabRun(gitlab.dir, glBase, glHead))
    const glShallow = await repeat(() => gitLabRun(shallowClone(gitlab.dir, { branch: 'feature' }), glBase, glHead))

    return {
      changedUnmappedFiles: FILES,
      githubHistoryRequests: history.requests,
      githubHistoryWrites: history.writes,
      githubHistoryMsMedian: history.ms,
      githubHistoryRunsMs: history.runsMs,
      githubHistoryBudgetMet: history.requests <= 2 && history.writes === 0,
      githubShallowRequests: shallow.requests,
      githubShallowWrites: shallow.writes,
      githubShallowMsMedian: shallow.ms,
      githubShallowRunsMs: shallow.runsMs,
      githubShallowBudgetMet: shallow.requests <= 2 + FILES / 100 && shallow.writes === 0,
      gitlabHistoryRequests: glHistory.requests,
      gitlabHistoryWrites: glHistory.writes,
      gitlabHistoryMsMedian: glHistory.ms,
      gitlabHistoryRunsMs: glHistory.runsMs,
      gitlabHistoryBudgetMet: glHistory.requests <= 2 && glHistory.writes === 0,
      gitlabShallowRequests: glShallow.requests,
      gitlabShallowWrites: glShallow.writes,
      gitlabShallowMsMedian: glShallow.ms,
      gitlabShallowRunsMs: glShallow.runsMs,
      gitlabShallowBudgetMet: glShallow.requests <= 2 + FILES / 100 && glShallow.writes === 0
    }
  } finally {
    repo.cleanup()
    gitlab.cleanup()
    removeShallowClones()
  }
}
