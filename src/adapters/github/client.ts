import { Octokit } from '@octokit/rest'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

/**
 * Octokit from `@octokit/rest` with the retry and throttling plugins, on Node's own fetch. This is
 * the client `@actions/github` builds, without its proxy support and without loading a second copy
 * of undici, which kept the action's first request waiting (issue 6's cold-start budget).
 */
const ThreatloopOctokit = Octokit.plugin(retry, throttling)

export type GitHubClient = InstanceType<typeof ThreatloopOctokit>

/** How many times a rate-limited request is retried before it is reported as failed. */
const RATE_LIMIT_RETRIES = 2

let pendingWarnings: string[] | undefined = []
let warningSink: (message: string) => void = (message) => pendingWarnings?.push(message)

/** Where retry warnings go once `@actions/core` is loaded; warnings raised before are replayed. */
export function setClientWarningSink(sink: (message: string) => void): void {
  warningSink = sink
  for (const message of pendingWarnings ?? []) sink(message)
  pendingWarnings = undefined
}

/** Whether the runner routes HTTP through a proxy (self-hosted runners): Node's fetch ignores these. */
export function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => (env[name] ?? '') !== '')
}

function clientOptions(): Record<string, unknown> {
  const limited = (kind: string) => (after: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    warningSink(
      `GitHub ${kind} on ${options.method} ${options.url}; ${retryCount < RATE_LIMIT_RETRIES ? `retrying in ${after} s` : 'giving up'}`
    )
    return retryCount < RATE_LIMIT_RETRIES
  }
  return {
    throttle: { onRateLimit: limited('rate limit'), onSecondaryRateLimit: limited('secondary rate limit') },
    // Two retries (1 s, then 4 s) ride out a transient 5xx without stretching a real outage.
    retry: { retries: 2 }
  }
}

/**
 * The client for this run: retry (5xx, network errors) and throttling (primary and secondary rate
 * limits honour `retry-after` / `x-ratelimit-reset`), retries logged as warnings so a retried
 * hiccup never changes the step's status. `GITHUB_API_URL` gives the base URL (GHES, tests).
 */
export function createGitHubClient(token: string, baseUrl: string | undefined): GitHubClient {
  return new ThreatloopOctokit({ auth: token, userAgent: 'threatloop-action', ...(baseUrl ? { baseUrl } : {}), ...clientOptions() })
}

/** Behind a proxy: `@actions/github`'s Octokit, whose fetch honours the runner's proxy settings. */
export async function createProxiedGitHubClient(token: string, baseUrl: string | undefined): Promise<GitHubClient> {
  const { getOctokit } = await import('@actions/github')
  return getOctokit(token, { ...(baseUrl ? { baseUrl } : {}), ...clientOptions() }, retry, throttling) as unknown as GitHubClient
}

/** Status and message of an Octokit request error, or of anything thrown. */
export function describeError(error: unknown): { status?: number; message: string } {
  const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : undefined
  const message = error instanceof Error ? error.message : String(error)
  return { status, message }
}

/** A 403 that means the token may not write here (fork PR, read-only permissions), not a rate limit. */
export function isReadOnlyError(error: unknown): boolean {
  const { status, message } = describeError(error)
  return status === 403 && !/rate limit/i.test(message)
}
