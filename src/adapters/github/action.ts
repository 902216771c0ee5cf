// The action's entry. It validates the inputs, loads only Octokit and starts the one request that
// needs nothing else (the mitigation issues, listed by label); `@actions/core`, the event payload's
// schema and the review engine load while that request is on its way (issue 6's cold start).
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { createGitHubClient, proxyConfigured, type GitHubClient } from './client.js'
import { readActionInputs, type ActionInputs } from './inputs.js'
import { listIssues } from './issue-sync.js'
import type { IssueListing } from '../platform/platform.js'

const SEND_HEADERS = 'undici:client:sendHeaders'
const FALLBACK_WAIT_MS = 50

/** The issue listing started (with the validated inputs) before the rest of the action loaded. */
export interface EarlyListing {
  owner: string
  repo: string
  client: GitHubClient
  listed: Promise<IssueListing>
  /** Resolves when the request's headers are on the socket (or soon after it left Octokit). */
  sent: Promise<void>
}

/** Reads an input as `core.getInput` does: `INPUT_<NAME>` (spaces as underscores), trimmed. */
export function inputFromEnvironment(env: NodeJS.ProcessEnv): (name: string) => string {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

/**
 * Starts listing the issues once the inputs are valid, with the repository the runner names. The
 * event payload is read later; should it name another repository, this listing is not used.
 */
function startEarlyListing(env: NodeJS.ProcessEnv, inputs: ActionInputs): EarlyListing | undefined {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  if (!owner || !repo || inputs.issues === 'off' || proxyConfigured(env)) return undefined
  const client = createGitHubClient(inputs.token, env.GITHUB_API_URL)
  // Node's fetch (undici) reports on this channel when a request's headers are written to the
  // socket; loading the rest of the action blocks the event loop, so it waits for that moment.
  const sent = new Promise<void>((resolve) => {
    const done = (): void => {
      unsubscribe(SEND_HEADERS, done)
      resolve()
    }
    subscribe(SEND_HEADERS, done)
    // Should the channel stay silent (another fetch), do not wait long for it.
    client.hook.before('request', () => void setTimeout(done, FALLBACK_WAIT_MS))
  })
  return { owner, repo, client, listed: listIssues(client, { owner, repo }, inputs.issueLabel), sent }
}

/** Runs the action for this event. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  // Inputs are validated in one place, before anything is requested.
  const read = readActionInputs(inputFromEnvironment(env))
  let early: EarlyListing | undefined
  try {
    early = read.inputs ? startEarlyListing(env, read.inputs) : undefined
    if (early) await Promise.race([early.sent, early.listed])
  } catch {
    early = undefined
  }
  const { runAction } = await import('./action-main.js')
  await runAction(env, read, early)
}
