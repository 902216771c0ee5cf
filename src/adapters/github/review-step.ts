import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import * as core from '@actions/core'
import { loadRepositoryConfig, type ResolvedConfig } from '../../core/config/load.js'
import type { Finding } from '../../core/findings.js'
import { formatProblem } from '../../core/problems.js'
import { renderReviewMarkdown } from '../../core/render/review-markdown.js'
import { renderReviewText } from '../../core/render/review-text.js'
import { describeRule } from '../../core/report/rule-descriptor.js'
import { renderSarif } from '../../core/report/sarif.js'
import type { Review, ReviewContext } from '../../core/review/types.js'
import { canonicalJson } from '../../core/risk/canonical-json.js'
import type { ExistingIssue } from '../../core/tracker/types.js'
import { GitRepository } from '../git/git-repository.js'
import { CONFIG_FILE, runReview, TOOL_VERSION } from '../review/run-review.js'
import { commitSnapshot, type Snapshot } from '../review/snapshot.js'
import { planAnnotations } from './annotations.js'
import { describeError, isReadOnlyError, type GitHubClient } from './client.js'
import { contentsSnapshot } from './contents-snapshot.js'
import type { ActionEvent } from './event.js'
import type { ActionInputs } from './inputs.js'
import { executeIssuePlan, type IssueSyncResult } from './issue-sync.js'
import { reviewOutputs } from './outputs.js'
import { upsertStickyComment, type CommentOutcome } from './sticky-comment.js'
import { summaryWithinLimit } from './summary.js'

const DEFAULT_MAX_ISSUE_WRITES = 30
const DOCS_REF = '`docs/github-action.md`, section "Fork pull requests", in the Threatloop repository'

/** What happened to the writes of this run, for the summary, the outputs and the log. */
interface RunLog {
  /** Writes left out because the token is read-only (said once, with how to enable them). */
  skipped: string[]
  readOnlyReason?: string
  /** Writes that failed after retries (reported, never fatal: the next run reconciles). */
  failures: string[]
  notes: string[]
  comment?: CommentOutcome
  issues?: IssueSyncResult
}

/**
 * One side of the change: from git when the checkout has (or can fetch) the commit, else the
 * contents API. A side read through the API lists its files with the git tree API, or else
 * borrows the listing of a side git could read, or else the `paths` input.
 */
async function resolveSides(event: ActionEvent, workspace: string, client: GitHubClient, log: RunLog, paths: readonly string[]): Promise<{ base: Snapshot | null; head: Snapshot }> {
  const repo = new GitRepository(workspace)
  const isGit = await repo.isRepository()
  const target = { owner: event.owner, repo: event.repo }
  const fromGit: { base?: Snapshot; head?: Snapshot } = {}
  const side = async (sha: string, label: string, which: 'base' | 'head'): Promise<Snapshot> => {
    if (isGit && (await repo.ensureCommit(sha))) return (fromGit[which] = commitSnapshot(repo, sha, label))
    log.notes.push(`Commit ${sha.slice(0, 7)} (${which}) is not in the checkout and could not be fetched; it was read through the contents API.`)
    const other = which === 'base' ? 'head' : 'base'
    return contentsSnapshot(client, target, sha, label, async () => (fromGit[other] ? fromGit[other].listFiles() : [...paths]))
  }
  const head = await side(event.headSha, event.headLabel, 'head')
  const base = event.baseSha ? await side(event.baseSha, event.baseLabel, 'base') : null
  return { base, head }
}

async function readConfig(snapshot: Snapshot, path: string): Promise<ResolvedConfig | undefined> {
  const read = (await snapshot.readFiles([path], 1024 * 1024)).get(path)
  const text = read && 'content' in read ? new TextDecoder().decode(read.content) : undefined
  return loadRepositoryConfig(path, text).config
}

function contextEvent(event: ActionEvent): ReviewContext['event'] {
  if (event.kind === 'pull_request') return 'pull_request'
  if (event.kind === 'push') return 'push'
  return event.name === 'schedule' ? 'schedule' : 'manual'
}

function headFindings(review: Review): Finding[] {
  return review.models.flatMap((m) => [...(m.findings?.new ?? []), ...(m.findings?.unchanged ?? [])])
}

async function writeReport(workspace: string, path: string, text: string): Promise<string> {
  const absolute = resolve(workspace, path)
  await mkdir(dirname(absolute), { recursive: true })
  await writeFile(absolute, text)
  return absolute
}

const READ_ONLY_HELP =
  'The review, job summary, annotations and SARIF/JSON reports are complete. To get the comment on pull requests from forks, ' +
  'use the two-workflow pattern: this workflow uploads the JSON report as an artifact, and a `workflow_run` workflow on the default branch ' +
  `(with \`pull-requests: write\`) posts it (see ${DOCS_REF}). For same-repository runs, grant \`pull-requests: write\` and \`issues: write\`.`

function markReadOnly(log: RunLog, reason: string): void {
  log.readOnlyReason ??= reason
}

/** The run's own section of the job summary: writes done, skipped and failed. */
function runSection(log: RunLog, event: ActionEvent): string {
  const lines: string[] = ['', '---', '', '#### This run', '']
  if (log.comment) lines.push(`- Pull request comment: ${log.comment.action}${log.comment.deleted.length > 0 ? `, ${log.comment.deleted.length} duplicate(s) removed` : ''}.`)
  if (log.issues) {
    const r = log.issues
    const done = [r.created.length && `opened ${r.created.map((n) => `#${n}`).join(', ')}`, r.updated.length && `updated ${r.updated.map((n) => `#${n}`).join(', ')}`, r.closed.length && `closed ${r.closed.map((n) => `#${n}`).join(', ')}`, r.reopened.length && `reopened ${r.reopened.map((n) => `#${n}`).join(', ')}`].filter(Boolean)
    lines.push(`- Mitigation issues: ${done.length > 0 ? done.join('; ') : 'no change needed'}.`)
    if (r.unassigned.length > 0) lines.push(`- Left unassigned (not an assignable GitHub user): ${[...new Set(r.unassigned)].map((u) => `\`${u.replace(/`/g, '')}\``).join(', ')}.`)
  }
  if (log.skipped.length > 0) lines.push(`- ⏭️ Skipped (read-only token${log.readOnlyReason ? `: ${log.readOnlyReason}` : ''}): ${log.skipped.join(', ')}. ${READ_ONLY_HELP}`)
  for (const failure of log.failures) lines.push(`- ⚠️ ${failure}`)
  for (const note of log.notes) lines.push(`- ${note}`)
  lines.push(`- Event: \`${event.name}\`${event.number ? ` #${event.number}` : ''}.`)
  return lines.join('\n') + '\n'
}

export type Listed = { issues: ExistingIssue[] } | { error: unknown }

/** What the entry prepared before loading the review engine: the run's inputs, event, client and the issue listing in flight. */
export interface Prepared {
  inputs: ActionInputs
  event: ActionEvent
  env: NodeJS.ProcessEnv
  client: GitHubClient
  listIssues: () => Promise<Listed>
  early: Promise<Listed> | undefined
}

/** Reviews the change of this event and reports it where GitHub shows it. */
export async function reviewEvent({ inputs, event, env, client, listIssues, early }: Prepared): Promise<void> {
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  const target = { owner: event.owner, repo: event.repo }
  const log: RunLog = { skipped: [], failures: [], notes: [] }
  if (event.fork) markReadOnly(log, 'pull request from a fork')

  const { base, head } = await resolveSides(event, workspace, client, log, inputs.paths)
  const configFrom = inputs.configFrom === 'auto' ? (event.kind === 'pull_request' && base ? 'base' : 'head') : inputs.configFrom
  const configPath = inputs.configPath || CONFIG_FILE
  const config = await readConfig(configFrom === 'base' && base ? base : head, configPath)
  const issueConfig = config?.raw.issues

  let mode = inputs.issues ?? issueConfig?.mode ?? 'auto'
  if (mode === 'auto') mode = event.kind === 'push' && event.onDefaultBranch ? 'write' : 'preview'
  let existing: ExistingIssue[] = []
  if (mode !== 'off') {
    const listed = await (early ?? listIssues())
    if ('issues' in listed) existing = listed.issues
    else {
      log.failures.push(`Could not list the \`${inputs.issueLabel}\` issues (${describeError(listed.error).message}); mitigation issues were not planned this run.`)
      mode = 'off'
    }
  } else if (early) await early

  const result = await runReview({
    base,
    head,
    context: {
      platform: 'github',
      event: contextEvent(event),
      repository: `${event.owner}/${event.repo}`,
      repositoryUrl: event.repositoryUrl,
      blobPath: 'blob',
      number: event.number,
      today: new Date().toISOString().slice(0, 10)
    },
    paths: inputs.paths,
    configFrom,
    configPath,
    gate: { ...(inputs.failOn ? { failOn: inputs.failOn } : {}), ...(inputs.warnOn ? { warnOn: inputs.warnOn } : {}) },
    risk: inputs.riskIterations ? { iterations: inputs.riskIterations } : undefined,
    outputs: { comment: event.kind === 'pull_request' && inputs.comment === 'upsert', summary: true, json: inputs.jsonReportPath !== '', sarif: inputs.sarifPath !== '' },
    issues:
      mode === 'off'
        ? undefined
        : {
            mode,
            label: inputs.issueLabel,
            extraLabels: inputs.issueExtraLabels ?? issueConfig?.labels ?? [],
            assignOwners: inputs.assignOwners ?? issueConfig?.assign_owners ?? true,
            maxOperations: inputs.maxIssueWrites ?? issueConfig?.max_writes_per_run ?? DEFAULT_MAX_ISSUE_WRITES,
            existing
          }
  })
  const { review } = result

  core.startGroup('Threatloop review')
  core.info(renderReviewText(review).trimEnd())
  core.endGroup()

  // Read-only work first: reports and annotations never depend on write access.
  const outputs = reviewOutputs(review)
  if (inputs.jsonReportPath) outputs['json-report'] = await writeReport(workspace, inputs.jsonReportPath, canonicalJson(review, 2) + '\n')
  if (inputs.sarifPath) {
    const rules = (result.ruleSet?.rules ?? []).filter((r) => r.enabled).map((r) => describeRule({ rule: r.definition, severity: r.severity }))
    const sarif = renderSarif({ findings: headFindings(review), rules, toolVersion: TOOL_VERSION, category: inputs.sarifCategory, fullListHint: 'The job summary and the JSON report list every finding.' })
    outputs.sarif = await writeReport(workspace, inputs.sarifPath, JSON.stringify(sarif, null, 2) + '\n')
  }
  for (const annotation of planAnnotations(review).annotations) {
    const { level, message, ...properties } = annotation
    if (level === 'error') core.error(message, properties)
    else if (level === 'warning') core.warning(message, properties)
    else core.notice(message, properties)
  }

  // The comment and the issues are independent: a failure of one never costs the other.
  if (event.kind === 'pull_request' && event.number !== undefined && inputs.comment === 'upsert') {
    if (log.readOnlyReason) log.skipped.push('the pull request comment')
    else {
      const body = renderReviewMarkdown(review, { audience: 'comment', fullReportHint: 'The job summary of this workflow run and the JSON report have everything.' })
      try {
        log.comment = await upsertStickyComment(client, { ...target, number: event.number }, body)
        outputs['comment-id'] = String(log.comment.id)
        outputs.comment = log.comment.action
      } catch (error) {
        if (isReadOnlyError(error)) {
          markReadOnly(log, `GitHub answered "${describeError(error).message}"`)
          log.skipped.push('the pull request comment')
        } else log.failures.push(`The pull request comment could not be written: ${describeError(error).message}`)
      }
    }
  }
  const plan = review.issues
  if (plan?.mode === 'write' && plan.operations.length > 0) {
    if (log.readOnlyReason) log.skipped.push(`${plan.operations.length} mitigation issue write(s)`)
    else {
      log.issues = await executeIssuePlan(client, target, plan, inputs.issueLabel)
      if (log.issues.readOnly) {
        markReadOnly(log, 'GitHub answered 403 to the first issue write')
        log.skipped.push(`${plan.operations.length - log.issues.created.length - log.issues.updated.length - log.issues.closed.length - log.issues.reopened.length} mitigation issue write(s)`)
      }
      for (const failure of log.issues.failed) if (!log.issues.readOnly) log.failures.push(`Issue ${failure.op} for \`${failure.key}\` failed: ${failure.message}`)
      if (log.issues.notAttempted > 0 && !log.issues.readOnly) log.failures.push(`${log.issues.notAttempted} issue operation(s) were not attempted after that failure; the next run on the default branch picks them up.`)
    }
  }
  outputs['issues-opened'] = String(log.issues?.created.length ?? 0)
  outputs['issues-closed'] = String(log.issues?.closed.length ?? 0)
  outputs['api-failures'] = String(log.failures.length)
  outputs['writes-skipped'] = String(log.skipped.length > 0)

  if (log.skipped.length > 0) core.notice(`Threatloop skipped ${log.skipped.join(' and ')} (read-only token: ${log.readOnlyReason ?? 'no write access'}). ${READ_ONLY_HELP}`)
  for (const failure of log.failures) core.warning(`Threatloop: ${failure}`)

  const summary = summaryWithinLimit(review, runSection(log, event))
  await core.summary.addRaw(summary).write()
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)

  if (result.configurationProblems.length > 0) {
    core.setFailed(`Threatloop: the configuration is unusable:\n${result.configurationProblems.map(formatProblem).join('\n')}`)
    return
  }
  if (review.gate.status === 'fail') core.setFailed(`Threatloop gate failed: ${review.gate.reasons.filter((r) => r.level === 'fail').map((r) => r.message).join('; ')}`)
  else if (review.gate.status === 'warn') core.warning(`Threatloop: ${review.gate.reasons.map((r) => r.message).join('; ')}`)
}
