import * as core from '@actions/core'
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

export type GitHubClient = ReturnType<typeof getOctokit>

/** How many times a rate-limited request is retried before it is reported as failed. */
const RATE_LIMIT_RETRIES = 2

/**
 * Octokit from `@actions/github` with retry (5xx, network errors) and throttling (primary and
 * secondary rate limits honour `retry-after` / `x-ratelimit-reset`). Retries are logged as
 * warnings: a retried hiccup never changes the step's status.
 */
export function createGitHubClient(token: string, baseUrl: string | undefined): GitHubClient {
  return getOctokit(
    token,
    {
      ...(baseUrl ? { baseUrl } : {}),
      throttle: {
        onRateLimit: (after: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          core.warning(`GitHub rate limit on ${options.method} ${options.url}; ${retryCount < RATE_LIMIT_RETRIES ? `retrying in ${after} s` : 'giving up'}`)
          return retryCount < RATE_LIMIT_RETRIES
        },
        onSecondaryRateLimit: (after: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          core.warning(`GitHub secondary rate limit on ${options.method} ${options.url}; ${retryCount < RATE_LIMIT_RETRIES ? `retrying in ${after} s` : 'giving up'}`)
          return retryCount < RATE_LIMIT_RETRIES
        }
      },
      // Two retries (1 s, then 4 s) ride out a transient 5xx without stretching a real outage.
      retry: { retries: 2 }
    },
    retry,
    throttling
  )
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
