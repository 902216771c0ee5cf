/**
 * GitHub as a platform of the one pipeline: the event's two commits (git, else the contents API),
 * the sticky comment, the issues, annotations, the job summary, step outputs and the Actions log.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import * as core from '@actions/core'
import { sanitizeLogText } from '../../core/render/log-text.js'
import type { Review, ReviewContext } from '../../core/review/types.js'
import { GitRepository } from '../git/git-repository.js'
import { gitChangedFiles } from '../platform/changed-files.js'
import { issueKeeper } from '../platform/keep-issue.js'
import type { Annotation, ApiFailure, ChangeContext, IssueListing, Logger, Platform } from '../platform/platform.js'
import { commitSnapshot, type Snapshot } from '../review/snapshot.js'
import { comparedFiles, GITHUB_COMPARE_FILES_CAP, GITHUB_PULL_FILES_CAP, pullRequestFiles } from './changed-files.js'
import { pullRequestApprovals } from './approvals.js'
import { describeError, isReadOnlyError, type GitHubClient } from './client.js'
import { contentsSnapshot } from './contents-snapshot.js'
import type { ActionEvent } from './event.js'
import { gitHubTracker } from './issue-sync.js'
import { gitHubDataBranch } from './data-branch.js'
import { updateDataBranchWithRetries } from '../platform/history-store.js'
import { upsertStickyComment } from './sticky-comment.js'
import { summaryWithinLimit } from './summary.js'

/** The login the workflow's GITHUB_TOKEN acts as. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]'

const DOCS_REF = '`docs/github-action.md`, section "Fork pull requests", in the Threatloop repository'
const READ_ONLY_HELP =
  'The review, job summary, annotations and SARIF/JSON reports are complete. To get the comment on pull requests from forks, ' +
  'use the two-workflow pattern: this workflow uploads the JSON report as an artifact, and a `workflow_run` workflow on the default branch ' +
  `(with \`pull-requests: write\`) posts it (see ${DOCS_REF}). For same-repository runs, grant \`pull-requests: write\` and \`issues: write\`.`

/** The Actions log, every line sanitised (no workflow command or escape from model text). */
export const actionsLogger: Logger = {
  info: (text) => core.info(sanitizeLogText(text)),
  notice: (text) => core.notice(sanitizeLogText(`Threatloop: ${text}`)),
  warning: (text) => core.warning(sanitizeLogText(text.startsWith('Threatloop') ? text : `Threatloop: ${text}`)),
  error: (text) => core.error(sanitizeLogText(text)),
  group: (title, text) => {
    core.startGroup(sanitizeLogText(title))
    core.info(sanitizeLogText(text))
    core.endGroup()
  }
}

/**
 * Who the token acts as, resolved once: the `bot-login` input (GitHub App installation tokens),
 * else `github-actions[bot]` for an installation token (`ghs_…`, the workflow's GITHUB_TOKEN),
 * else `GET /user` (personal access tokens). Undefined when GitHub will not say.
 */
export function tokenIdentity(client: GitHubClient, token: string, configured: string | undefined): () => Promise<string | undefined> {
  let resolved: Promise<string | undefined> | undefined
  return () => {
    resolved ??= (async () => {
      if (configured) return configured
      if (token.startsWith('ghs_')) return ACTIONS_BOT_LOGIN
      try {
        return (await client.rest.users.getAuthenticated()).data.login
      } catch {
        return undefined
      }
    })()
    return resolved
  }
}

function contextEvent(event: ActionEvent): ReviewContext['event'] {
  if (event.kind === 'pull_request') return 'pull_request'
  if (event.kind === 'push') return 'push'
  return event.name === 'schedule' ? 'schedule' : 'manual'
}

export interface GitHubPlatformOptions {
  event: ActionEvent
  client: GitHubClient
  token: string
  workspace: string
  /** The `bot-login` input; empty = resolved from the token. */
  botLogin?: string
  /** Restricts the contents-API listing fallback. */
  paths: readonly string[]
  earlyListing?: Promise<IssueListing>
}

export function gitHubPlatform(options: GitHubPlatformOptions): Platform {
  const { event, client, workspace } = options
  const target = { owner: event.owner, repo: event.repo }
  const identity = tokenIdentity(client, options.token, options.botLogin)
  const tracker = gitHubTracker(client, target)
  const repo = new GitRepository(workspace)
  /** Commits the checkout has (the sides read from git). */
  const inGit = new Set<string>()
  return {
    name: 'github',
    logger: actionsLogger,
    terms: { comment: 'pull request comment', changeRequest: 'pull request', issuePrefix: '#', baseSide: 'the base branch' },
    readOnlyHelp: READ_ONLY_HELP,
    context: async (): Promise<ChangeContext> => {
      const notes: string[] = []
      const isGit = await repo.isRepository()
      const fromGit: { base?: Snapshot; head?: Snapshot } = {}
      // One side: from git when the checkout has (or can fetch) the commit, else the contents API,
      // whose file listing is the git tree, else the other side's listing, else the `paths` input.
      const side = async (sha: string, label: string, which: 'base' | 'head'): Promise<Snapshot> => {
        if (isGit && (await repo.ensureCommit(sha))) {
          inGit.add(sha)
          return (fromGit[which] = commitSnapshot(repo, sha, label))
        }
        notes.push(
          `Commit ${sha.slice(0, 7)} (${which}) is not in the checkout and could not be fetched; it was read through the contents API.`
        )
        const other = which === 'base' ? 'head' : 'base'
        return contentsSnapshot(client, target, sha, label, async () => (fromGit[other] ? fromGit[other].listFiles() : [...options.paths]))
      }
      const head = await side(event.headSha, event.headLabel, 'head')
      const base = event.baseSha ? await side(event.baseSha, event.baseLabel, 'base') : null
      return {
        event: contextEvent(event),
        scope: event.kind === 'pull_request' ? 'change-request' : event.onDefaultBranch ? 'default-branch' : 'other-branch',
        base,
        head,
        repository: `${event.owner}/${event.repo}`,
        repositoryUrl: event.repositoryUrl,
        blobPath: 'blob',
        number: event.number,
        inCi: true,
        eventLabel: `\`${event.name}\`${event.number ? ` #${event.number}` : ''}`,
        notes
      }
    },
    identity,
    writesBlocked: () => (event.fork ? 'read-only token: pull request from a fork' : undefined),
    describeError: (error): ApiFailure => {
      const { status, message } = describeError(error)
      return { status, message, readOnly: isReadOnlyError(error) || status === 401 }
    },
    upsertComment:
      event.number === undefined
        ? undefined
        : (body, opts) => upsertStickyComment(client, { ...target, number: event.number as number }, body, opts),
    tracker,
    keepIssue: issueKeeper(tracker, identity),
    earlyListing: options.earlyListing,
    annotate: (annotations: readonly Annotation[]) => {
      for (const { level, message, ...properties } of annotations) {
        const text = sanitizeLogText(message)
        const props = { ...properties, title: sanitizeLogText(properties.title), file: sanitizeLogText(properties.file) }
        if (level === 'error') core.error(text, props)
        else if (level === 'warning') core.warning(text, props)
        else core.notice(text, props)
      }
    },
    writeSummary: async (review: Review, runReport: string) => {
      await core.summary.addRaw(summaryWithinLimit(review, runReport)).write()
    },
    writeArtifact: async (path, text) => {
      const absolute = resolve(workspace, path)
      await mkdir(dirname(absolute), { recursive: true })
      await writeFile(absolute, text)
      return absolute
    },
    // From git when the checkout has both commits and, on pull requests, their merge base; else from the
    // API: the pull request's files, or for a push the comparison of `before` and `after`.
    listChangedFiles: async (base, head) => {
      const range = event.kind === 'pull_request' ? 'merge-base' : 'direct'
      const fromGit = inGit.has(base) && inGit.has(head) ? await gitChangedFiles(repo, base, head, range) : undefined
      if (fromGit) return fromGit
      if (event.kind === 'pull_request' && event.number !== undefined) {
        const listed = await pullRequestFiles(client, { ...target, number: event.number })
        if (listed?.capped)
          core.warning(
            `Threatloop: GitHub lists at most ${GITHUB_PULL_FILES_CAP} files of a pull request; code drift was looked for in those only (check out with fetch-depth: 0 so git lists them all).`
          )
        return listed?.files
      }
      if (event.kind !== 'push') return undefined
      const compared = await comparedFiles(client, target, base, head)
      if (compared?.capped)
        core.warning(
          `Threatloop: GitHub's compare API lists at most ${GITHUB_COMPARE_FILES_CAP} files; code drift was looked for in those only (check out with fetch-depth: 0 so git lists them all).`
        )
      return compared?.files
    },
    setOutputs: (outputs) => {
      for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
    },
    // History store (issue 19): the Git Data API; needs `contents: write`.
    updateDataBranch: (request) => updateDataBranchWithRetries(gitHubDataBranch(client, target, event.defaultBranch), request),
    // ── approvals (#21) ──
    listApprovals:
      event.kind === 'pull_request' && event.number !== undefined
        ? (teams) =>
            pullRequestApprovals(client, { ...target, number: event.number as number, headSha: event.headSha, author: event.author }, teams)
        : undefined
  }
}
