import * as core from '@actions/core'
import { readFile } from 'node:fs/promises'
import { createGitHubClient } from './client.js'
import { readActionEvent } from './event.js'
import { readActionInputs, type ActionInputs } from './inputs.js'
import { listLabelledIssues } from './issue-sync.js'
import type { Listed } from './review-step.js'

async function readPayload(path: string | undefined): Promise<unknown> {
  if (!path) return {}
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown
  } catch {
    return {}
  }
}

/** The action's entry: reviews the change of this event and reports it where GitHub shows it. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const read = readActionInputs((name) => core.getInput(name))
    if (read.inputs?.token) core.setSecret(read.inputs.token)
    if (!read.inputs) {
      for (const problem of read.problems) core.error(problem)
      core.setFailed(`Threatloop: ${read.problems.length} invalid input(s): ${read.problems.join('; ')}`)
      return
    }
    await review(read.inputs, env)
  } catch (error) {
    core.setFailed(`Threatloop failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}

async function review(inputs: ActionInputs, env: NodeJS.ProcessEnv): Promise<void> {
  const event = readActionEvent(env, await readPayload(env.GITHUB_EVENT_PATH))
  if ('problem' in event) {
    core.setFailed(`Threatloop: ${event.problem}`)
    return
  }
  const client = createGitHubClient(inputs.token, env.GITHUB_API_URL)
  // Resolves when the first request leaves Octokit's queues for the network.
  const dispatched = new Promise<void>((resolve) => client.hook.before('request', () => resolve()))
  // Listing the issues needs no checkout and no review engine: start it first, then load the
  // engine (a separate chunk of the bundle) while the request is on its way.
  const listIssues = (): Promise<Listed> => listLabelledIssues(client, { owner: event.owner, repo: event.repo }, inputs.issueLabel).then((issues) => ({ issues }), (error: unknown) => ({ error }))
  const early = inputs.issues === 'off' ? undefined : listIssues()
  // Let the request reach the socket before the engine's synchronous load blocks the event loop.
  if (early) await Promise.race([dispatched.then(() => new Promise((resolve) => setTimeout(resolve, 1))), early])
  const { reviewEvent } = await import('./review-step.js')
  await reviewEvent({ inputs, event, env, client, listIssues, early })
}
