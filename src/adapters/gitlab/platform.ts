/**
 * GitLab as a platform of the one pipeline: the pipeline's two commits (from the job's clone), the
 * merge request note, the issues, report artifacts and the job log.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { sanitizeLogText } from '../../core/render/log-text.js'
import type { CommandOutput } from '../cli/output.js'
import type { GitRepository } from '../git/git-repository.js'
import { gitChangedFiles } from '../platform/changed-files.js'
import { issueKeeper } from '../platform/keep-issue.js'
import type { ApiFailure, ChangeContext, Logger, Platform } from '../platform/platform.js'
import { comparedPaths, mergeRequestDiffPaths } from './changed-files.js'
import { mergeRequestApprovals } from './approvals.js'
import { GitLabApiError, GitLabClient } from './gitlab-client.js'
import { gitLabTracker } from './issue-sync.js'
import { gitLabDataBranch } from './data-branch.js'
import { updateDataBranchWithRetries } from '../platform/history-store.js'
import { upsertMergeRequestNote } from './merge-request-note.js'
import type { GitLabSettings } from './settings.js'

/** The job log: `[threatloop]` lines on stdout, errors on stderr, every line sanitised. */
export function jobLogger(output: CommandOutput): Logger {
  const line = (text: string): void => output.out(sanitizeLogText(`[threatloop] ${text}`))
  return {
    info: line,
    notice: line,
    warning: (text) => line(`WARNING: ${text}`),
    error: (text) => output.err(sanitizeLogText(text)),
    group: (_title, text) => {
      output.out(sanitizeLogText(text))
      output.out('')
    }
  }
}

export interface GitLabPlatformOptions {
  settings: GitLabSettings
  /** The job's clone (both commits are in it by the time the platform is built). */
  repo: GitRepository
  change: ChangeContext
  /** The clone's top folder: artifacts are written there. */
  root: string
  output: CommandOutput
}

export function gitLabPlatform({ settings, repo, change, root, output }: GitLabPlatformOptions): Platform {
  const logger = jobLogger(output)
  const pipeline = settings.pipeline
  const client = settings.token
    ? new GitLabClient({
        apiUrl: settings.apiUrl,
        credentials: { kind: 'access-token', value: settings.token },
        onRetry: (m) => logger.info(m)
      })
    : undefined
  const blocked = client
    ? undefined
    : `${settings.tokenMissingReason ?? 'no access token'}${pipeline.kind === 'merge-request' && pipeline.fromFork ? "; this merge request comes from a fork, whose pipeline runs without the parent project's variables" : ''}`
  let identity: Promise<string | undefined> | undefined
  const whoAmI = (): Promise<string | undefined> => {
    identity ??= client
      ? client.request<{ username: string }>('GET', '/user').then(
          ({ data }) => (typeof data?.username === 'string' ? data.username : undefined),
          () => undefined
        )
      : Promise.resolve(undefined)
    return identity
  }
  const tracker = client ? gitLabTracker(client, settings.projectId) : undefined
  return {
    name: 'gitlab',
    logger,
    terms: { comment: 'merge request note', changeRequest: 'merge request', issuePrefix: '#', baseSide: 'the target branch' },
    readOnlyHelp: `The review is in this job log and in the ${settings.codeQualityFile} and ${settings.reportFile} artifacts. To get the note and the issues, put a project or group access token with the api scope (Reporter role or higher) in the CI/CD variable ${settings.tokenVariable} (the CI job token cannot write notes or issues).`,
    context: () => Promise.resolve(change),
    identity: whoAmI,
    writesBlocked: () => blocked,
    describeError: (error): ApiFailure => {
      if (error instanceof GitLabApiError) {
        if (error.status === 401 || error.status === 403) {
          return {
            status: error.status,
            readOnly: true,
            message: `GitLab refused ${error.method} ${error.path} (HTTP ${error.status}${error.detail ? `: ${error.detail}` : ''}); the token in ${settings.tokenVariable} needs the api scope and at least the Reporter role (Developer recommended)`
          }
        }
        return { status: error.status, message: error.message, readOnly: false }
      }
      return { message: error instanceof Error ? error.message : String(error), readOnly: false }
    },
    upsertComment:
      pipeline.kind === 'merge-request'
        ? (body, options) => {
            // Without a client the pipeline never calls this (writesBlocked says why).
            if (!client) return Promise.reject(new Error(blocked))
            return upsertMergeRequestNote(client, {
              projectId: settings.projectId,
              mergeRequestIid: pipeline.iid,
              body,
              worthPosting: options.worthPosting,
              identity: options.identity
            })
          }
        : undefined,
    tracker,
    keepIssue: tracker ? issueKeeper(tracker, whoAmI) : undefined,
    writeArtifact: async (file, text) => {
      const path = join(root, file)
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, text)
      return path
    },
    // From git (the job has both commits; a merge request's from their merge base); when git cannot tell
    // (a shallow clone without the merge base), the merge request's diffs or, on pushes, the compare API.
    listChangedFiles: async (base, head) => {
      const fromGit = await gitChangedFiles(repo, base, head, pipeline.kind === 'merge-request' ? 'merge-base' : 'direct')
      if (fromGit || !client) return fromGit
      const listed =
        pipeline.kind === 'merge-request'
          ? mergeRequestDiffPaths(client, { projectId: settings.projectId, iid: pipeline.iid })
          : comparedPaths(client, { projectId: settings.projectId, from: base, to: head })
      return listed.catch(() => undefined)
    },
    requestCount: client ? () => client.requestCount : undefined,
    // History store (issue 19): the repository files and commits API; needs the access token.
    updateDataBranch: client
      ? (request) => updateDataBranchWithRetries(gitLabDataBranch(client, settings.projectId, settings.defaultBranch), request)
      : undefined,
    // ── approvals (#21) ──
    listApprovals:
      client && pipeline.kind === 'merge-request'
        ? (groups) => mergeRequestApprovals(client, { projectId: settings.projectId, iid: pipeline.iid }, groups)
        : undefined
  }
}
