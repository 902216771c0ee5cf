/**
 * The one pipeline every platform runs: configuration from the trusted side, discovery, review,
 * reports, comment, issue loop, gate, outputs. A platform (GitHub, GitLab, the local preview)
 * supplies context and I/O through the `Platform` interface; every rule of behaviour is here.
 */
import { nothingToSay } from '../review/nothing-to-say.js'
import { loadRepositoryConfig } from '../../core/config/load.js'
import type { RepositoryConfig } from '../../core/config/schema.js'
import { formatProblem } from '../../core/problems.js'
import { renderCodeQuality } from '../../core/report/code-quality.js'
import { renderSarif } from '../../core/report/sarif.js'
import { renderReviewMarkdown } from '../../core/render/review-markdown.js'
import { renderReviewText } from '../../core/render/review-text.js'
import { businessSummaryText } from '../../core/render/business-summary.js'
import { unobservedEvidence, type ObservedEvidence } from '../../core/review/observed.js'
import type { Review } from '../../core/review/types.js'
import { canonicalJson } from '../../core/encoding/canonical-json.js'
import { issueKey } from '../../core/tracker/plan-issue-sync.js'
import { approverTeams, type ApprovalEvidence, type ApprovalRequirement } from '../../core/value/approvals.js'
import { ruleDescriptors, selectReportFindings, type ReportScope } from '../review/report-findings.js'
import { runReview, type ConfigSource } from '../review/run-review.js'
import { today, VERSION, type IssueMode, type IssueModeSetting } from '../../core/domain.js'
import type { Snapshot } from '../review/snapshot.js'
import { planAnnotations } from './annotations.js'
import { pendingIntelExtensions } from './intel.js'
import { applyIssueOperations, ownIssues, type IssueLoopResult } from './issue-loop.js'
import { keepHistory, openIssuesAfterRun, type HistorySettings } from './history-store.js'
import { reviewOutputs } from './outputs.js'
import type { ChangeContext, CommentOutcome, Platform, RunScope, TrackedIssue } from './platform.js'

export type { IssueModeSetting } from '../../core/domain.js'

/** What the user asked for, from the platform's inputs (undefined = the configuration, else the default). */
export interface PipelineSettings {
  /** Restrict the review to model files under these repository paths; empty = every model. */
  paths: readonly string[]
  configPath: string
  /** `auto` reads the configuration from the base on pull/merge requests. */
  configFrom: 'auto' | ConfigSource
  failOn?: readonly string[]
  warnOn?: readonly string[]
  issues: { mode?: IssueModeSetting; label: string; extraLabels?: readonly string[]; assignOwners?: boolean; maxWrites?: number }
  /** Keep the one pull/merge request comment. */
  comment: boolean
  iterations?: number
  /** Report files (relative to the workspace); absent = not written. */
  reports: {
    json?: string
    sarif?: string
    /** Code scanning category written into the SARIF file; undefined = none. */
    sarifCategory?: string
    codeQuality?: string
    codeQualityScope?: ReportScope
  }
  /** Where the full report is, for the comment's size note. */
  fullReportHint: string
  /** The history store on a data branch (default-branch runs only); undefined = off. */
  history?: HistorySettings
}

export interface PipelineResult {
  /** 0 gate passed or warned, 1 gate failed, 2 configuration error. */
  exit: 0 | 1 | 2
  /** Why the run failed (gate or configuration), for the platform's failure report. */
  failure?: string
  review?: Review
  outputs: Record<string, string>
}

/** Issues written at most per run unless the inputs or configuration say otherwise. */
export const DEFAULT_MAX_ISSUE_WRITES = 30

/** What happened to the writes of this run, for the run report, the outputs and the log. */
interface RunReport {
  /** Writes left out, each with why (read-only token, no token, unknown identity). */
  skipped: { what: string; why: string }[]
  /** Writes that failed after retries (reported, never fatal: the next run reconciles). */
  failures: string[]
  warnings: string[]
  notes: string[]
  comment?: CommentOutcome
  issues?: IssueLoopResult
}

/**
 * The issue mode of this run, one rule for every platform: `auto` writes on a push to the default
 * branch and previews elsewhere; `write` writes on any default-branch run and previews on pull or
 * merge requests and other branches (the change is written once it lands).
 */
export function effectiveIssueMode(requested: IssueModeSetting, scope: RunScope, event: ChangeContext['event']): IssueMode {
  if (requested === 'off' || requested === 'preview') return requested
  if (scope !== 'default-branch') return 'preview'
  return requested === 'write' || event === 'push' ? 'write' : 'preview'
}

/** Whether the review has anything to say: a new comment is only started then. */
export function hasSemanticChange(review: Review): boolean {
  return (
    review.models.some((m) => m.status !== 'unchanged') ||
    review.totals.findings.new > 0 ||
    review.totals.findings.fixed > 0 ||
    review.totals.validationErrors > 0 ||
    review.codeDrift.length > 0
  )
}

async function readConfig(snapshot: Snapshot, path: string): Promise<RepositoryConfig | undefined> {
  const read = (await snapshot.readFiles([path], 1024 * 1024)).get(path)
  return loadRepositoryConfig(path, read && 'content' in read ? read.content : undefined).config?.raw
}

function list(numbers: readonly number[], prefix: string): string {
  return numbers.map((n) => `${prefix}${n}`).join(', ')
}

/** The run's own section of the job summary: writes done, skipped and failed. */
function runSection(platform: Platform, report: RunReport, change: ChangeContext): string {
  const lines: string[] = ['', '---', '', '#### This run', '']
  const p = platform.terms.issuePrefix
  const comment = report.comment
  if (comment && comment.action !== 'not-needed')
    lines.push(
      `- ${capital(platform.terms.comment)}: ${comment.action}${comment.deleted > 0 ? `, ${comment.deleted} duplicate(s) removed` : ''}.`
    )
  else if (comment) lines.push(`- ${capital(platform.terms.comment)}: not posted (no semantic change and no earlier one).`)
  if (report.issues) {
    const r = report.issues
    const done = [
      r.created.length && `opened ${list(r.created, p)}`,
      r.updated.length && `updated ${list(r.updated, p)}`,
      r.closed.length && `closed ${list(r.closed, p)}`,
      r.reopened.length && `reopened ${list(r.reopened, p)}`
    ].filter(Boolean)
    lines.push(`- Mitigation issues: ${done.length > 0 ? done.join('; ') : 'no change needed'}.`)
    if (r.unassigned.length > 0)
      lines.push(
        `- Left unassigned (not an assignable user here): ${[...new Set(r.unassigned)].map((u) => `\`${u.replace(/`/g, '')}\``).join(', ')}.`
      )
  }
  for (const { what, why } of report.skipped) lines.push(`- ⏭️ Skipped ${what}: ${why}.`)
  if (report.skipped.length > 0) lines.push(`- ${platform.readOnlyHelp}`)
  for (const failure of [...report.failures, ...report.warnings]) lines.push(`- ⚠️ ${failure}`)
  for (const note of report.notes) lines.push(`- ${note}`)
  lines.push(`- Event: ${change.eventLabel}.`)
  return lines.join('\n') + '\n'
}

/**
 * Reads the approving reviews when the review asks (a change request that adds or changes an
 * acceptance or suppression needing approval); a failure or an unreadable team is a warning and the
 * approval stays unproven.
 */
function approvalReader(
  platform: Platform,
  change: ChangeContext,
  report: RunReport
): ((requirements: readonly ApprovalRequirement[]) => Promise<ApprovalEvidence | null>) | undefined {
  const list = platform.listApprovals?.bind(platform)
  if (!list || change.scope !== 'change-request') return undefined
  return async (requirements) => {
    try {
      const evidence = await list(approverTeams(requirements))
      for (const team of evidence.unreadableTeams ?? [])
        report.warnings.push(
          `Could not read the members of \`${team.replace(/`/g, '')}\` with this token; an approval by one of its members stays unproven (name the approvers by login, or give the token read access to the team).`
        )
      return evidence
    } catch (error) {
      const failure = platform.describeError(error)
      report.warnings.push(
        `Could not read the approving reviews of this ${platform.terms.changeRequest} (${failure.message}); acceptances and suppressions stay unapproved.`
      )
      return null
    }
  }
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** Reviews the change the platform names and reports it where the platform shows it. */
export async function runPipeline(platform: Platform, settings: PipelineSettings): Promise<PipelineResult> {
  const log = platform.logger
  const terms = platform.terms
  const change = await platform.context()
  const report: RunReport = { skipped: [], failures: [], warnings: [], notes: [...change.notes] }
  let blocked = platform.writesBlocked()
  const label = settings.issues.label

  // Configuration and custom rules come from the trusted side: the base on pull/merge requests.
  const configFrom: ConfigSource =
    settings.configFrom === 'auto' ? (change.scope === 'change-request' && change.base ? 'base' : 'head') : settings.configFrom
  const config = await readConfig(configFrom === 'base' && change.base ? change.base : change.head, settings.configPath)
  const requested = settings.issues.mode ?? config?.issues?.mode ?? 'auto'
  let mode = effectiveIssueMode(requested, change.scope, change.event)
  if (requested === 'write' && mode === 'preview' && change.scope === 'change-request')
    report.notes.push(
      `Issue mode write: the ${terms.changeRequest} gets a preview; issues are written when the change reaches the default branch.`
    )

  // The tracker's issues, read back; ours are those with our marker filed by our own identity.
  let existing: TrackedIssue[] = []
  let listed = false
  const tracker = platform.tracker
  if (mode !== 'off' && !tracker) {
    report.skipped.push({ what: `mitigation issues (${mode})`, why: blocked ?? 'the platform cannot read issues' })
    mode = 'off'
  }
  if (mode !== 'off' && tracker) {
    const listing = await (platform.earlyListing ?? tracker.list(label))
    if ('error' in listing) {
      const failure = platform.describeError(listing.error)
      if (failure.readOnly) report.skipped.push({ what: `mitigation issues (${mode})`, why: failure.message })
      else report.failures.push(`Could not list the \`${label}\` issues (${failure.message}); mitigation issues were not planned this run.`)
      mode = 'off'
    } else {
      listed = true
      existing = listing.issues
      if (listing.issues.some((i) => issueKey(i.body) !== undefined)) {
        const identity = await platform.identity()
        if (identity === undefined) {
          if (mode === 'write')
            report.skipped.push({
              what: 'mitigation issue writes',
              why: 'the identity of the token is unknown, so Threatloop cannot tell its own issues from copies (issues are previewed instead)'
            })
          mode = mode === 'write' ? 'preview' : mode
        } else {
          const { ours, foreign } = ownIssues(listing.issues, identity)
          existing = ours
          if (foreign.length > 0)
            report.warnings.push(
              `Left alone ${foreign.length} issue(s) that carry Threatloop's marker but were not filed by ${identity}: ${list(
                foreign.map((i) => i.number),
                terms.issuePrefix
              )}.`
            )
        }
      }
    }
  } else if (platform.earlyListing) await platform.earlyListing

  // What this run does, for the maturity checks: decided from settings and permissions now. Outside
  // CI (the local preview) what a CI run would publish is not observed: the evidence stays unknown.
  const willComment = change.scope === 'change-request' && settings.comment && platform.upsertComment !== undefined && blocked === undefined
  const observed: ObservedEvidence = !change.inCi
    ? unobservedEvidence(platform.name)
    : {
        platform: platform.name,
        inCi: change.inCi,
        commentPosted: change.scope === 'change-request' ? willComment : null,
        sarifWritten: settings.reports.sarif !== undefined,
        codeQualityWritten: settings.reports.codeQuality !== undefined,
        jsonReportWritten: settings.reports.json !== undefined,
        summaryWritten: platform.writeSummary !== undefined,
        trackerListed: tracker ? listed : null,
        trackerDrift: null,
        knowledgeBaseDate: null
      }

  // The paths the change touched, for code drift (models whose code moved without them).
  const changedFiles =
    change.changedFiles ??
    (change.base?.sha && change.head.sha && platform.listChangedFiles
      ? await platform.listChangedFiles(change.base.sha, change.head.sha)
      : undefined)

  const result = await runReview({
    base: change.base,
    head: change.head,
    context: {
      platform: platform.name,
      event: change.event,
      repository: change.repository,
      repositoryUrl: change.repositoryUrl,
      blobPath: change.blobPath,
      number: change.number,
      today: today()
    },
    paths: settings.paths,
    configFrom,
    configPath: settings.configPath,
    gate: { ...(settings.failOn ? { failOn: settings.failOn } : {}), ...(settings.warnOn ? { warnOn: settings.warnOn } : {}) },
    risk: settings.iterations ? { iterations: settings.iterations } : undefined,
    observed,
    changedFiles,
    approvalEvidence: approvalReader(platform, change, report),
    issues:
      mode === 'off'
        ? undefined
        : {
            mode,
            label,
            extraLabels: (settings.issues.extraLabels ?? config?.issues?.labels ?? []).filter(
              (l) => l.toLowerCase() !== label.toLowerCase()
            ),
            assignOwners: settings.issues.assignOwners ?? config?.issues?.assign_owners ?? true,
            maxOperations: settings.issues.maxWrites ?? config?.issues?.max_writes_per_run ?? DEFAULT_MAX_ISSUE_WRITES,
            existing,
            topValue: config?.issues?.top_value
          }
  })
  if (result.configurationProblems.length > 0) {
    for (const problem of result.configurationProblems) log.error(formatProblem(problem))
    const failure = `the configuration (${settings.configPath}${configFrom === 'base' ? `, read from ${terms.baseSide}` : ''}) has errors; nothing was reviewed`
    return { exit: 2, failure, outputs: {} }
  }
  const { review } = result
  log.group('Threatloop review', renderReviewText(review).trimEnd())
  const business = businessSummaryText(review)
  if (business !== '') log.group('Business summary: residual risk by objective and by owner', business)

  // Read-only work first: reports and annotations never depend on write access.
  const outputs = reviewOutputs(review)
  const written: string[] = []
  const { json, sarif, codeQuality } = settings.reports
  if (json !== undefined) {
    outputs['json-report'] = await platform.writeArtifact(json, canonicalJson(review, 2) + '\n')
    written.push(json)
  }
  if (sarif !== undefined) {
    const log = renderSarif({
      findings: selectReportFindings(review, 'all'),
      rules: ruleDescriptors(result.ruleSet),
      toolVersion: VERSION,
      category: settings.reports.sarifCategory,
      fullListHint: platform.writeSummary
        ? 'The job summary and the JSON report list every finding.'
        : 'The JSON report lists every finding.'
    })
    outputs.sarif = await platform.writeArtifact(sarif, JSON.stringify(log, null, 2) + '\n')
    written.push(`${sarif} (${log.runs[0].results.length} result${log.runs[0].results.length === 1 ? '' : 's'})`)
  }
  if (codeQuality !== undefined) {
    const issues = renderCodeQuality(selectReportFindings(review, settings.reports.codeQualityScope ?? 'new'))
    outputs['code-quality'] = await platform.writeArtifact(codeQuality, JSON.stringify(issues, null, 2) + '\n')
    written.push(`${codeQuality} (${issues.length} finding${issues.length === 1 ? '' : 's'})`)
  }
  platform.annotate?.(planAnnotations(selectReportFindings(review, 'new')).annotations)

  // The comment and the issues are independent: a failure of one never costs the other.
  if (change.scope === 'change-request' && settings.comment && platform.upsertComment && nothingToSay(review, changedFiles)) {
    // Cheap when there is nothing to say: no comment read or written, an earlier one stays as it was.
    log.info(`${terms.comment}: left as it was (no threat model and no mapped code changed)`)
  } else if (change.scope === 'change-request' && settings.comment && platform.upsertComment) {
    if (blocked !== undefined) report.skipped.push({ what: `the ${terms.comment}`, why: blocked })
    else {
      {
        // Pending intelligence for the models the change touches (#18): repository feeds, trusted side, offline.
        const extensions = await pendingIntelExtensions(
          change,
          configFrom === 'base' && change.base ? change.base : change.head,
          settings.configPath,
          review,
          platform
        )
        const body = renderReviewMarkdown(review, { audience: 'comment', fullReportHint: settings.fullReportHint, extensions })
        try {
          report.comment = await platform.upsertComment(body, {
            identity: () => platform.identity(),
            worthPosting: hasSemanticChange(review)
          })
          if (report.comment.action === 'not-needed')
            log.info(`${terms.comment}: not posted (no semantic change to the threat models and no earlier one)`)
          else {
            log.info(
              `${terms.comment} ${report.comment.id ?? ''}: ${report.comment.action}${report.comment.deleted > 0 ? ` (${report.comment.deleted} duplicate(s) removed)` : ''}`
            )
            outputs.comment = report.comment.action
            if (report.comment.id !== undefined) outputs['comment-id'] = String(report.comment.id)
          }
        } catch (error) {
          const failure = platform.describeError(error)
          if (failure.readOnly) {
            blocked ??= failure.message
            report.skipped.push({ what: `the ${terms.comment}`, why: failure.message })
          } else report.failures.push(`The ${terms.comment} could not be written: ${failure.message}`)
        }
      }
    }
  }

  const plan = review.issues
  if (plan?.mode === 'write' && plan.operations.length > 0 && tracker) {
    if (blocked !== undefined) report.skipped.push({ what: `${plan.operations.length} mitigation issue write(s)`, why: blocked })
    else {
      const topLabel = config?.issues?.top_value?.label
      const sync = await applyIssueOperations(
        tracker,
        plan.operations,
        existing,
        label,
        (error) => platform.describeError(error),
        topLabel ? [topLabel] : []
      )
      report.issues = sync
      if (sync.readOnly !== undefined) report.skipped.push({ what: `${sync.notAttempted} mitigation issue write(s)`, why: sync.readOnly })
      for (const failure of sync.failed) report.failures.push(`Issue ${failure.op} for \`${failure.key}\` failed: ${failure.message}`)
      if (sync.notAttempted > 0 && sync.readOnly === undefined)
        report.failures.push(
          `${sync.notAttempted} issue operation(s) were not attempted after that failure; the next run on the default branch picks them up.`
        )
    }
  }
  if (plan?.mode === 'write') {
    const s = report.issues
    const parts = [
      `${s?.created.length ?? 0} opened`,
      `${s?.updated.length ?? 0} updated`,
      `${s?.closed.length ?? 0} closed`,
      `${s?.reopened.length ?? 0} reopened`,
      `${plan.summary.unchanged} unchanged`
    ]
    log.info(
      `mitigation issues: ${parts.join(', ')}${plan.deferred > 0 ? `; ${plan.deferred} operation(s) left for the next run (issues.max_writes_per_run)` : ''}`
    )
  } else if (plan?.mode === 'preview') {
    log.info(
      `mitigation issues (preview): ${plan.summary.create} to open, ${plan.summary.update} to update, ${plan.summary.close} to close, ${plan.summary.reopen} to reopen`
    )
  }
  for (const drift of plan?.drift ?? []) log.info(`  drift: ${drift.message}`)

  // History store: after the review's own writes, never fatal (a failure is a warning).
  // Issue ages in the history line: known when this run listed the tracker.
  const openIssues = listed ? openIssuesAfterRun(review, existing, report.issues, today()) : undefined
  const history = await keepHistory(platform, change, review, settings.history, today(), openIssues)
  if (history?.warning) report.warnings.push(history.warning)
  for (const line of platform.writeSummary ? (history?.log.slice(0, 1) ?? []) : (history?.log ?? [])) log.info(line)

  outputs['issues-opened'] = String(report.issues?.created.length ?? 0)
  outputs['issues-closed'] = String(report.issues?.closed.length ?? 0)
  outputs['api-failures'] = String(report.failures.length)
  outputs['writes-skipped'] = String(report.skipped.length > 0)

  for (const { what, why } of report.skipped) log.notice(`skipped ${what}: ${why}`)
  if (report.skipped.length > 0) log.notice(platform.readOnlyHelp)
  for (const failure of [...report.failures, ...report.warnings]) log.warning(failure)
  for (const note of change.notes) log.info(note)
  if (written.length > 0)
    log.info(`wrote ${written.join(', ')}${platform.requestCount ? `; ${platform.requestCount()} API request(s)` : ''}`)

  await platform.writeSummary?.(review, runSection(platform, report, change) + (history?.summary ?? ''))
  platform.setOutputs?.(outputs)

  const status = review.gate.status
  log.info(`gate: ${status}${status === 'fail' ? ' — the job fails' : ''}`)
  if (status === 'fail')
    return {
      exit: 1,
      failure: `Threatloop gate failed: ${review.gate.reasons
        .filter((r) => r.level === 'fail')
        .map((r) => r.message)
        .join('; ')}`,
      review,
      outputs
    }
  if (status === 'warn') log.warning(`Threatloop: ${review.gate.reasons.map((r) => r.message).join('; ')}`)
  return { exit: 0, review, outputs }
}
