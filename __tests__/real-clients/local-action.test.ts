/**
 * GitHub's `@github/local-action` runs the action's entry (src/adapters/github/action.ts) the way
 * its README describes — its own @actions/core and @actions/github stand-ins, inputs from a .env
 * file, action.yml read for metadata — against the fake GitHub, on a pull request of a real git
 * checkout. The files and outputs action.yml promises must appear.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { load } from 'js-yaml'
import { type FakeGitHub, startFakeGitHub } from '../fakes/github-server.js'
import { DEMO_BASE, DEMO_HEAD, gitRepository, MODEL_PATH, pullRequestPayload, type GitFixture } from '../github/harness.js'

const LOCAL_ACTION = resolve('node_modules/@github/local-action/bin/local-action.js')
const action = load(readFileSync('action.yml', 'utf8')) as { outputs: Record<string, unknown> }

let fake: FakeGitHub
let checkout: GitFixture
let scratch: string

beforeAll(async () => {
  fake = await startFakeGitHub()
  checkout = gitRepository('threatloop-local-action-')
  scratch = mkdtempSync(join(tmpdir(), 'threatloop-local-action-env-'))
})
afterAll(async () => {
  await fake?.close()
  checkout?.cleanup()
  rmSync(scratch, { recursive: true, force: true })
})

function localAction(envFile: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [LOCAL_ACTION, '.', 'src/adapters/github/action.ts', envFile], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: scratch, NO_COLOR: '1', FORCE_COLOR: '0' }
    })
    let output = ''
    child.stdout.on('data', (c: Buffer) => (output += c.toString()))
    child.stderr.on('data', (c: Buffer) => (output += c.toString()))
    child.on('error', reject)
    child.on('close', (status) => resolvePromise({ status, output }))
  })
}

describe('the action under @github/local-action', () => {
  test('a pull request: comment on the fake GitHub, SARIF and JSON report written, outputs set', async () => {
    const base = checkout.commit({ [MODEL_PATH]: DEMO_BASE }, 'base')
    checkout.git('checkout', '-q', '-b', 'feature')
    const head = checkout.commit({ [MODEL_PATH]: DEMO_HEAD }, 'head')
    const eventPath = join(scratch, 'event.json')
    const outputPath = join(scratch, 'output.txt')
    const summaryPath = join(scratch, 'summary.md')
    const pr = fake.state.seedPullRequest({ title: 'Self-service refunds' })
    writeFileSync(eventPath, JSON.stringify(pullRequestPayload(fake, pr.number, base, head)))
    writeFileSync(outputPath, '')
    writeFileSync(summaryPath, '')
    const env = {
      'INPUT_GITHUB-TOKEN': 'ghs_write_token',
      // No INPUT_SARIF / INPUT_JSON-REPORT: the files below must come from the action's own defaults.
      'INPUT_RISK-ITERATIONS': '2000',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`,
      GITHUB_REPOSITORY_OWNER: fake.owner,
      GITHUB_SHA: head,
      GITHUB_REF: `refs/pull/${pr.number}/merge`,
      GITHUB_WORKSPACE: checkout.dir,
      GITHUB_API_URL: fake.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '4242',
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      RUNNER_TEMP: scratch
    }
    const envFile = join(scratch, '.env')
    writeFileSync(
      envFile,
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n') + '\n'
    )
    const run = await localAction(envFile)
    // local-action's core stand-in prints outputs as workflow commands and in a table.
    const outputs = Object.fromEntries([...run.output.matchAll(/^::set-output name=([\w-]+)::(.*)$/gm)].map((m) => [m[1], m[2]]))
    expect(run.output).toContain('Action Outputs')
    for (const name of Object.keys(outputs)) expect({ name, declared: name in action.outputs }).toEqual({ name, declared: true })
    expect(outputs).toMatchObject({
      gate: 'fail',
      comment: 'created',
      'models-changed': '1',
      'api-failures': '0',
      'writes-skipped': 'false'
    })
    // The files action.yml promises, where the outputs say.
    expect(outputs.sarif).toBe(join(checkout.dir, 'threatloop.sarif'))
    expect(outputs['json-report']).toBe(join(checkout.dir, 'threatloop-review.json'))
    const sarif = JSON.parse(readFileSync(outputs.sarif, 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> }
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0].results.length).toBeGreaterThanOrEqual(Math.max(1, Number(outputs['new-findings'])))
    expect(existsSync(outputs['json-report'])).toBe(true)
    // The sticky comment reached the fake GitHub, written by the token's bot.
    const comments = fake.state.commentsOn(pr.number)
    expect(comments).toHaveLength(1)
    expect(String(outputs['comment-id'])).toBe(String(comments[0].id))
    expect(run.output).toContain('::error::Threatloop gate failed: 1 new critical threat')
  }, 300_000)
})
