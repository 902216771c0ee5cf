import * as core from '@actions/core'
import { readFile } from 'node:fs/promises'
import type { EarlyListing } from './action.js'
import { createGitHubClient, createProxiedGitHubClient, proxyConfigured, setClientWarningSink } from './client.js'
import { readActionEvent } from './event.js'
import { listIssues } from './issue-sync.js'
import type { ActionInputs } from './inputs.js'
import type { Listed } from './review-step.js'

async function readPayload(path: string | undefined): Promise<unknown> {
  if (!path) return {}
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown
  } catch {
    return {}
  }
}

/** Reports invalid inputs, or reviews the change of this event and reports it where GitHub shows it. */
export async function runAction(env: NodeJS.ProcessEnv, read: { inputs?: ActionInputs; problems: string[] }, early: EarlyListing | undefined): Promise<void> {
  try {
    if (read.inputs?.token) core.setSecret(read.inputs.token)
    setClientWarningSink((message) => core.warning(message))
    if (!read.inputs) {
      for (const problem of read.problems) core.error(problem)
      core.setFailed(`Threatloop: ${read.problems.length} invalid input(s): ${read.problems.join('; ')}`)
      return
    }
    await review(read.inputs, env, early)
  } catch (error) {
    core.setFailed(`Threatloop failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}

async function review(inputs: ActionInputs, env: NodeJS.ProcessEnv, early: EarlyListing | undefined): Promise<void> {
  const event = readActionEvent(env, await readPayload(env.GITHUB_EVENT_PATH))
  if ('problem' in event) {
    core.setFailed(`Threatloop: ${event.problem}`)
    return
  }
  // The early listing was made with these inputs; it counts when the event names the same repository.
  const reusable = early !== undefined && early.owner === event.owner && early.repo === event.repo
  const client = reusable ? early.client : proxyConfigured(env) ? await createProxiedGitHubClient(inputs.token, env.GITHUB_API_URL) : createGitHubClient(inputs.token, env.GITHUB_API_URL)
  const listAgain = (): Promise<Listed> => listIssues(client, { owner: event.owner, repo: event.repo }, inputs.issueLabel)
  const listing = inputs.issues === 'off' ? undefined : reusable ? early.listed : listAgain()
  const { reviewEvent } = await import('./review-step.js')
  await reviewEvent({ inputs, event, env, client, listIssues: listAgain, early: listing })
}
