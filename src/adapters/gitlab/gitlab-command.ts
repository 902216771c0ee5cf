/**
 * `threatloop gitlab`: the GitLab CI job. Reviews the change of the pipeline from git, writes the
 * Code Quality and JSON reports, prints the review to the job log, keeps one merge request note
 * up to date, and on default-branch pipelines keeps one issue per open mitigation. Anything that
 * needs write access is skipped, and said so, when the job has no usable token.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { loadRepositoryConfig } from '../../core/config/load.js'
import type { RepositoryConfig } from '../../core/config/schema.js'
import { formatProblem } from '../../core/problems.js'
import { renderCodeQuality } from '../../core/report/code-quality.js'
import { renderReviewMarkdown } from '../../core/render/review-markdown.js'
import { renderReviewText } from '../../core/render/review-text.js'
import type { Review, ReviewContext } from '../../core/review/types.js'
import { canonicalJson } from '../../core/risk/canonical-json.js'
import type { ExistingIssue } from '../../core/tracker/types.js'
import { EXIT, UsageError, type CommandOutput } from '../cli/output.js'
import { GitRepository } from '../git/git-repository.js'
import { runReview, type RunReviewResult } from '../review/run-review.js'
import { commitSnapshot, type Snapshot } from '../review/snapshot.js'
import { GitLabApiError, GitLabClient } from './gitlab-client.js'
import { applyIssueOperations, listTrackedIssues, type IssueEntity } from './issue-sync.js'
import { upsertMergeRequestNote } from './merge-request-note.js'
import { readGitLabSettings, type Environment } from './settings.js'

export const GITLAB_HELP = `Usage: threatloop gitlab

Runs inside a GitLab CI job (the Threatloop CI/CD component runs it for you). Reviews the change
to the threat models, writes the Code Quality report and the JSON report, prints the review to
the job log and exits per the gate.
  merge request pipelines: diff base → head; one merge request note, kept up to date
  default-branch pipelines: previous → new commit; one issue per open mitigation
Reads GitLab's predefined CI variables and these settings:
  THREATLOOP_PATHS            model files or folders (JSON array or comma-separated; default all)
  THREATLOOP_CONFIG           configuration file (default .threatloop.yaml, read from the target
                              branch side on merge requests)
  THREATLOOP_FAIL_ON          config (default), none, or comma-separated gate conditions
  THREATLOOP_ISSUES           config (default), auto, off, preview or write
  THREATLOOP_TOKEN_VARIABLE   variable holding an api-scoped access token (default THREATLOOP_GITLAB_TOKEN)
  THREATLOOP_CODE_QUALITY     new (default: findings new in this change) or all (every finding on head)
  THREATLOOP_CODE_QUALITY_FILE  default gl-code-quality-report.json
  THREATLOOP_REPORT_FILE      default threatloop-report.json
  THREATLOOP_ITERATIONS       Monte Carlo iterations (1000 to 1000000)

Exit status: 0 gate passed or warned, 1 gate failed, 2 usage or configuration error. Missing
write access never fails the job.`

const ISSUE_LABEL = 'threatloop'

function short(sha: string | undefined): string {
  return sha ? sha.slice(0, 7) : 'none'
}

function today(): string {
  return new Date().toISOString().slice(0, 10)
}

function hasSemanticChange(review: Review): boolean {
  return review.models.some((m) => m.status !== 'unchanged') || review.totals.findings.new > 0 || review.totals.findings.fixed > 0
}

/** A commit the shallow clone may not have: fetched by SHA, then via its branch. */
async function ensureCommit(repo: GitRepository, sha: string, branch?: string): Promise<boolean> {
  if (await repo.ensureCommit(sha)) return true
  if (branch && /^[\w./-]+$/.test(branch) && !branch.includes('..')) {
    try {
      await repo.git(['fetch', '--no-tags', '--depth=100', 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`])
    } catch {
      // Reported by the caller when the commit is still missing.
    }
  }
  return (await repo.resolveCommit(sha)) !== undefined
}

/** The commit before `head` on a branch: CI_COMMIT_BEFORE_SHA when usable, else the first parent. */
async function previousCommit(repo: GitRepository, head: string, before: string | undefined): Promise<string | undefined> {
  if (before && before !== head && (await repo.ensureCommit(before))) return before
  const parent = await repo.parentOf(head)
  if (parent) return parent
  // A depth-1 clone has no parent locally; fetch one more level of history.
  try {
    await repo.git(['fetch', '--no-tags', '--depth=2', 'origin', head])
  } catch {
    return undefined
  }
  return repo.parentOf(head)
}

async function readConfig(snapshot: Snapshot, path: string): Promise<RepositoryConfig | undefined> {
  const read = (await snapshot.readFiles([path], 1024 * 1024)).get(path)
  return loadRepositoryConfig(path, read && 'content' in read ? read.content : undefined).config?.raw
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** `threatloop gitlab` with the process environment. */
export function runGitLabCommand(args: string[], cwd: string, output: CommandOutput): Promise<number> {
  return runGitLab(args, cwd, output, process.env)
}

/** The GitLab job: review, reports, note, issues; returns the exit code. */
export async function runGitLab(args: string[], cwd: string, output: CommandOutput, env: Environment): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    output.out(GITLAB_HELP)
    return EXIT.ok
  }
  if (args.length > 0) throw new UsageError(`threatloop gitlab takes no arguments (settings come from THREATLOOP_* variables), got "${args[0]}"`)
  const { settings, problems } = readGitLabSettings(env)
  if (!settings) {
    for (const problem of problems) output.err(`threatloop gitlab: ${problem}`)
    return EXIT.usage
  }
  const log = (line: string): void => output.out(`[threatloop] ${line}`)
  const skipped: string[] = []
  const warnings: string[] = []

  // The repository: the job's clone, possibly shallow.
  const start = new GitRepository(settings.projectDir ? resolve(cwd, settings.projectDir) : cwd)
  if (!(await start.isRepository())) {
    output.err(`threatloop gitlab: ${start.root} is not a git repository; the job needs the project's clone (GIT_STRATEGY fetch or clone, not none)`)
    return EXIT.usage
  }
  const repo = new GitRepository((await start.git(['rev-parse', '--show-toplevel'])).trim())
  const pipeline = settings.pipeline
  const branchHint = pipeline.kind === 'merge-request' ? pipeline.sourceBranch : pipeline.kind === 'default-branch' ? pipeline.branch : undefined
  if (!(await ensureCommit(repo, pipeline.headSha, branchHint))) {
    output.err(`threatloop gitlab: commit ${pipeline.headSha} (CI_COMMIT_SHA) is not in the clone and could not be fetched from origin`)
    return EXIT.usage
  }
  let base: Snapshot | null
  let head: Snapshot
  let event: ReviewContext['event']
  if (pipeline.kind === 'merge-request') {
    if (!(await ensureCommit(repo, pipeline.baseSha, pipeline.targetBranch))) {
      output.err(
        `threatloop gitlab: the merge request's diff base ${pipeline.baseSha} (CI_MERGE_REQUEST_DIFF_BASE_SHA) is not in the clone and could not be fetched; set GIT_DEPTH: 0 on the job or allow fetching commits by SHA`
      )
      return EXIT.usage
    }
    base = commitSnapshot(repo, pipeline.baseSha, `${pipeline.targetBranch ?? 'target'} (${short(pipeline.baseSha)})`)
    head = commitSnapshot(repo, pipeline.headSha, `${pipeline.sourceBranch ?? 'merge request'} (${short(pipeline.headSha)})`)
    event = 'merge_request'
    log(`merge request !${pipeline.iid}: reviewing ${short(pipeline.baseSha)} (diff base) → ${short(pipeline.headSha)}`)
  } else {
    const before = await previousCommit(repo, pipeline.headSha, pipeline.beforeSha)
    const ref = pipeline.kind === 'default-branch' ? pipeline.branch : (pipeline.ref ?? 'commit')
    base = before ? commitSnapshot(repo, before, `previous commit (${short(before)})`) : null
    head = commitSnapshot(repo, pipeline.headSha, `${ref} (${short(pipeline.headSha)})`)
    event = settings.pipelineSource === 'schedule' ? 'schedule' : settings.pipelineSource === 'push' ? 'push' : 'manual'
    log(`${pipeline.kind === 'default-branch' ? 'default branch' : 'branch'} ${ref}: reviewing ${before ? short(before) : 'nothing (first commit)'} → ${short(pipeline.headSha)}`)
  }

  // Configuration and custom rules come from the trusted side: the target branch on merge requests.
  const configFrom = pipeline.kind === 'merge-request' ? 'base' : 'head'
  const configRaw = await readConfig(configFrom === 'base' && base ? base : head, settings.configPath)
  const requestedMode = settings.issueMode ?? configRaw?.issues?.mode ?? 'auto'
  let issueMode: 'off' | 'preview' | 'write' = 'off'
  if (pipeline.kind === 'merge-request') {
    issueMode = requestedMode === 'off' ? 'off' : 'preview'
    if (requestedMode === 'write') log('issue mode write: merge requests get a preview; issues are written when the change reaches the default branch')
  } else if (pipeline.kind === 'default-branch') {
    issueMode = requestedMode === 'off' ? 'off' : requestedMode === 'preview' ? 'preview' : 'write'
  } else if (requestedMode !== 'off') skipped.push('mitigation issues: only default-branch and merge request pipelines sync or preview issues')

  // The API client, when the job has a token that can write.
  let client: GitLabClient | undefined
  if (settings.token) {
    client = new GitLabClient({ apiUrl: settings.apiUrl, credentials: { kind: 'access-token', value: settings.token }, onRetry: (m) => log(m) })
  } else {
    const why = `${settings.tokenMissingReason ?? 'no access token'}${pipeline.kind === 'merge-request' && pipeline.fromFork ? '; this merge request comes from a fork, whose pipeline runs without the parent project\'s variables' : ''}`
    if (pipeline.kind === 'merge-request') skipped.push(`merge request note: ${why}. The review is in this job log and in the ${settings.codeQualityFile} and ${settings.reportFile} artifacts`)
    if (issueMode !== 'off') skipped.push(`mitigation issues (${issueMode}): ${why}. The CI job token cannot read or write issues`)
    issueMode = 'off'
  }

  const issueSettings = (existing: readonly ExistingIssue[], mode: 'off' | 'preview' | 'write') => ({
    mode,
    label: ISSUE_LABEL,
    extraLabels: (configRaw?.issues?.labels ?? []).filter((l) => l !== ISSUE_LABEL),
    assignOwners: configRaw?.issues?.assign_owners ?? true,
    maxOperations: configRaw?.issues?.max_writes_per_run,
    existing
  })
  const context: Omit<ReviewContext, 'base' | 'head'> = {
    platform: 'gitlab',
    event,
    repository: settings.projectPath,
    repositoryUrl: settings.projectUrl,
    blobPath: '-/blob',
    number: pipeline.kind === 'merge-request' ? pipeline.iid : undefined,
    today: today()
  }
  // Issue bodies are planned without the commit-pinned model link: the core hashes the whole body,
  // so a link to each new commit would rewrite every issue on every push.
  const review = (issues: ReturnType<typeof issueSettings> | undefined): Promise<RunReviewResult> =>
    runReview({
      base,
      head,
      context: issues ? { ...context, repositoryUrl: undefined } : context,
      paths: settings.paths,
      configFrom,
      configPath: settings.configPath,
      gate: settings.failOn ? { failOn: settings.failOn } : undefined,
      risk: settings.iterations ? { iterations: settings.iterations } : undefined,
      issues
    })

  const listIssues = async (): Promise<{ entities: IssueEntity[]; existing: ExistingIssue[] } | undefined> => {
    if (!client) return undefined
    try {
      return await listTrackedIssues(client, settings.projectId, ISSUE_LABEL)
    } catch (error) {
      const reason = error instanceof GitLabApiError && (error.status === 401 || error.status === 403) ? `GitLab refused to list issues (HTTP ${error.status}); the token in ${settings.tokenVariable} needs the api scope and at least the Reporter role` : describeError(error)
      skipped.push(`mitigation issues (${issueMode}): ${reason}`)
      return undefined
    }
  }

  let result: RunReviewResult
  let tracked: { entities: IssueEntity[]; existing: ExistingIssue[] } | undefined
  if (issueMode === 'write' || (issueMode === 'preview' && pipeline.kind !== 'merge-request')) {
    tracked = await listIssues()
    if (!tracked) issueMode = 'off'
    result = await review(tracked ? issueSettings(tracked.existing, issueMode) : undefined)
  } else {
    result = await review(undefined)
    // A merge request preview needs the existing issues; they are listed only when the review changed
    // something. The note keeps the first review's links and takes the plan from the second.
    if (issueMode === 'preview' && result.configurationProblems.length === 0 && hasSemanticChange(result.review)) {
      tracked = await listIssues()
      if (tracked) {
        const planned = await review(issueSettings(tracked.existing, 'preview'))
        result = { ...result, review: { ...result.review, issues: planned.review.issues } }
      }
    }
  }
  if (result.configurationProblems.length > 0) {
    for (const problem of result.configurationProblems) output.err(formatProblem(problem))
    output.err(`threatloop gitlab: the configuration (${settings.configPath}${configFrom === 'base' ? ', read from the target branch' : ''}) has errors; nothing was reviewed`)
    return EXIT.usage
  }
  const reviewed = result.review

  // Artifacts first: they are what a job without a token leaves behind.
  const findings = reviewed.models.flatMap((m) => [...(m.findings?.new ?? []), ...(settings.codeQuality === 'all' ? (m.findings?.unchanged ?? []) : [])])
  const artifacts: Array<[string, string]> = [
    [settings.codeQualityFile, JSON.stringify(renderCodeQuality(findings), null, 2) + '\n'],
    [settings.reportFile, canonicalJson(reviewed, 2) + '\n']
  ]
  for (const [file, text] of artifacts) {
    const path = join(repo.root, file)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, text)
  }

  output.out(renderReviewText(reviewed).trimEnd())
  output.out('')

  const changed = hasSemanticChange(reviewed)
  if (pipeline.kind === 'merge-request' && client) {
    const body = renderReviewMarkdown(reviewed, { audience: 'comment', fullReportHint: `The job log and the ${settings.reportFile} artifact have everything.` })
    try {
      const outcome = await upsertMergeRequestNote(client, { projectId: settings.projectId, mergeRequestIid: pipeline.iid, body, worthPosting: changed })
      if (outcome.action === 'not-needed') log(`merge request note: not posted (no semantic change to the threat models and no earlier note)`)
      else log(`merge request note ${outcome.noteId}: ${outcome.action}${outcome.duplicatesRemoved > 0 ? ` (${outcome.duplicatesRemoved} duplicate note(s) removed)` : ''}`)
    } catch (error) {
      if (error instanceof GitLabApiError && (error.status === 401 || error.status === 403)) {
        skipped.push(`merge request note: GitLab refused (HTTP ${error.status}${error.detail ? `: ${error.detail}` : ''}); the token in ${settings.tokenVariable} needs the api scope and at least the Reporter role (Developer recommended)`)
      } else warnings.push(`merge request note could not be written: ${describeError(error)}`)
    }
  }

  const plan = reviewed.issues
  if (plan && plan.mode === 'write' && client && tracked) {
    const sync = await applyIssueOperations(client, settings.projectId, plan.operations, tracked.entities)
    const parts = [`${sync.created.length} opened`, `${sync.updated.length} updated`, `${sync.closed.length} closed`, `${sync.reopened.length} reopened`, `${plan.summary.unchanged} unchanged`]
    log(`mitigation issues: ${parts.join(', ')}${plan.deferred > 0 ? `; ${plan.deferred} operation(s) left for the next run (issues.max_writes_per_run)` : ''}`)
    for (const operation of plan.operations) if (operation.op === 'close' || operation.op === 'reopen') log(`  #${operation.number}: ${operation.comment}`)
    for (const note of sync.notes) log(`  ${note}`)
    for (const failure of sync.failures) warnings.push(`mitigation issues: ${failure}`)
    if (sync.forbidden) skipped.push(`mitigation issues: ${sync.forbidden}`)
  } else if (plan && plan.mode === 'preview') {
    log(`mitigation issues (preview): ${plan.summary.create} to open, ${plan.summary.update} to update, ${plan.summary.close} to close, ${plan.summary.reopen} to reopen`)
  }
  for (const drift of plan?.drift ?? []) log(`  drift: ${drift.message}`)

  for (const line of skipped) log(`skipped ${line}`)
  for (const line of warnings) log(`WARNING: ${line}`)
  log(`wrote ${settings.codeQualityFile} (${findings.length} finding${findings.length === 1 ? '' : 's'}) and ${settings.reportFile}${client ? `; ${client.requestCount} GitLab API request(s)` : ''}`)
  const status = reviewed.gate.status
  log(`gate: ${status}${status === 'fail' ? ' — the job fails' : ''}`)
  return status === 'fail' ? EXIT.findings : EXIT.ok
}
