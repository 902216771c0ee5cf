/**
 * The history store in CI (issue 19), one rule for every platform: on default-branch runs only
 * (never on a pull or merge request, whose author controls the models), append this commit's
 * snapshot line to `history.jsonl` on a data branch — no write at all when the commit already has
 * a line — and write the dashboard page `index.html` beside it from the full history. Platforms
 * only carry the files (`Platform.updateDataBranch`); the retry loop is here too.
 */
import { renderDashboardHtml, trendMermaid } from '../../core/history/dashboard-html.js'
import { appendSnapshot, parseHistory, type SnapshotLine } from '../../core/history/snapshot.js'
import type { Review } from '../../core/review/types.js'
import { issueKey } from '../../core/tracker/plan-issue-sync.js'
import { historyLineOf, openIssuesByModel, type OpenIssuesByModel } from '../review/history-line.js'
import type { IssueLoopResult } from './issue-loop.js'
export { dataBranchProblem } from './data-branch-name.js'
import type {
  ChangeContext,
  DataBranchOutcome,
  DataBranchRequest,
  DataBranchState,
  DataBranchTransport,
  Platform,
  TrackedIssue
} from './platform.js'

export const HISTORY_FILE = 'history.jsonl'
export const DASHBOARD_FILE = 'index.html'
export const DEFAULT_HISTORY_BRANCH = 'threatloop-data'
/** A history file larger than this is left alone (read, never rewritten): split or trim it. */
export const HISTORY_BYTES_MAX = 50 * 1024 * 1024
/** Reads and writes of one update, the first included, before giving up on a busy branch. */
export const DATA_BRANCH_ATTEMPTS = 5

export interface HistorySettings {
  mode: 'off' | 'branch'
  branch: string
}

/** Waits a little longer before each retry (100, 200, 400, 800 ms, with jitter). */
const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1) + Math.floor(Math.random() * 100)))

/**
 * Read, decide, write; on a conflict (the branch moved between the read and the write) read again
 * and decide again, at most `DATA_BRANCH_ATTEMPTS` times. Errors other than conflicts propagate.
 */
export async function updateDataBranchWithRetries<T>(
  transport: DataBranchTransport<T>,
  request: DataBranchRequest,
  attempts = DATA_BRANCH_ATTEMPTS
): Promise<DataBranchOutcome> {
  for (let attempt = 1; ; attempt++) {
    const { state, token } = await transport.read(request.branch, request.read)
    const change = request.update(state)
    if (change === null) return { action: 'unchanged', attempts: attempt }
    const written = await transport.write(request.branch, token, change)
    if (!written.conflict) return { action: state.exists ? 'updated' : 'created', attempts: attempt, commit: written.commit }
    if (attempt >= attempts)
      throw new Error(
        `branch ${request.branch} kept moving while Threatloop wrote to it; gave up after ${attempts} attempts (the next run tries again)`
      )
    await backoff(attempt)
  }
}

export interface HistoryResult {
  /** Markdown for the job summary ("Dashboard" section), when there is a summary to add. */
  summary?: string
  /** Plain lines for platforms without a job summary (the GitLab job log). */
  log: string[]
  /** A warning for the run report (history could not be written); the run goes on. */
  warning?: string
}

/**
 * Keeps the history on the data branch when the settings ask for it and the run is on the default
 * branch. Never throws: a failure becomes a warning and the review goes on. `tracker`: the open
 * mitigation issues per model when the run listed the tracker (the line's issue ages).
 */
export async function keepHistory(
  platform: Platform,
  change: ChangeContext,
  review: Review,
  settings: HistorySettings | undefined,
  today: string,
  tracker?: OpenIssuesByModel
): Promise<HistoryResult | undefined> {
  if (!settings || settings.mode === 'off') return undefined
  // Only what landed on the default branch is history; a change request's author controls its models.
  if (change.scope !== 'default-branch' || change.event === 'pull_request' || change.event === 'merge_request') return undefined
  const sha = change.head.sha
  if (!platform.updateDataBranch || !sha)
    return {
      log: [],
      warning: `History was not kept: ${sha ? (platform.writesBlocked() ?? 'this platform cannot write a data branch') : 'the head commit is unknown'}.`
    }
  const branch = settings.branch
  const line = await historyLineOf(review, change.head, (await change.head.commitDate?.()) ?? today, sha, tracker)
  let lines: SnapshotLine[] = [line]
  let tooLarge = false
  const update = (state: DataBranchState) => {
    const text = state.files[HISTORY_FILE] ?? ''
    tooLarge = text.length > HISTORY_BYTES_MAX
    if (tooLarge) return null
    const next = appendSnapshot(text, line)
    const history = parseHistory(next.text)
    lines = history.lines
    if (!next.added) return null
    const notes = history.problems.map((p) => `${HISTORY_FILE}:${p.line}: ${p.message}`)
    const html = renderDashboardHtml(history.lines, { title: change.repository ?? 'Threat models', today, notes })
    return {
      files: { [HISTORY_FILE]: next.text, [DASHBOARD_FILE]: html },
      message: `Threatloop history: ${sha.slice(0, 12)} (${line.date})`
    }
  }
  let outcome: DataBranchOutcome
  try {
    outcome = await platform.updateDataBranch({ branch, read: [HISTORY_FILE], update })
  } catch (error) {
    const failure = platform.describeError(error)
    const why = failure.readOnly
      ? `the token may not write to the repository (${failure.message}); ${platform.name === 'github' ? 'grant `contents: write` to the job' : 'the access token needs the api scope and the Developer role, and may push to the branch'}`
      : failure.message
    const warning = `History was not written to branch \`${branch}\`: ${why}.`
    return { summary: dashboardSection(lines, today, warning), log: [], warning }
  }
  const what = tooLarge
    ? `${HISTORY_FILE} on \`${branch}\` is over ${HISTORY_BYTES_MAX / 1024 / 1024} MiB; it was left as it is (trim or split it)`
    : outcome.action === 'unchanged'
      ? `commit ${sha.slice(0, 7)} is already in ${HISTORY_FILE} on \`${branch}\`; nothing written`
      : `${outcome.action === 'created' ? 'created branch' : 'updated'} \`${branch}\`: ${HISTORY_FILE} (${lines.length} snapshot${lines.length === 1 ? '' : 's'}) and ${DASHBOARD_FILE}${outcome.attempts > 1 ? ` after ${outcome.attempts - 1} retr${outcome.attempts === 2 ? 'y' : 'ies'} (another run wrote meanwhile)` : ''}`
  const where = tooLarge ? '' : ` The dashboard is \`${DASHBOARD_FILE}\` on that branch (serve it with GitHub Pages or GitLab Pages).`
  const summary = dashboardSection(lines, today, `History: ${what}.${where}`)
  const log = [`history: ${what}`, ...textTrend(lines)]
  return { summary, log, warning: tooLarge ? `History: ${what}.` : undefined }
}

/**
 * The open mitigation issues per model as this run leaves the tracker: the issues listed (ours),
 * minus those it closed, plus those it reopened and those it opened (dated `today`).
 */
export function openIssuesAfterRun(
  review: Review,
  listed: readonly TrackedIssue[],
  sync: IssueLoopResult | undefined,
  today: string
): OpenIssuesByModel {
  const closed = new Set(sync?.closed ?? [])
  const reopened = new Set(sync?.reopened ?? [])
  const issues = listed.map((issue) => ({
    key: issueKey(issue.body),
    state: closed.has(issue.number) ? ('closed' as const) : reopened.has(issue.number) ? ('open' as const) : issue.state,
    createdAt: issue.createdAt
  }))
  for (const key of sync?.createdKeys ?? []) issues.push({ key, state: 'open', createdAt: today })
  return openIssuesByModel(review, issues)
}

/** The job summary's "Dashboard" section: the trend as a Mermaid chart, and what happened. */
function dashboardSection(lines: readonly SnapshotLine[], today: string, status: string): string {
  const chart = trendMermaid(lines, today)
  const count = `${lines.length} snapshot${lines.length === 1 ? '' : 's'}`
  return ['', '### Dashboard', '', chart ?? `_${count} so far: the trend is drawn once there are two dates._`, '', status, ''].join('\n')
}

/** The newest points of the trend as one log line (for logs that draw no charts). */
function textTrend(lines: readonly SnapshotLine[], points = 8): string[] {
  if (lines.length < 2) return []
  const recent = lines.slice(-points).map((l) => {
    const all = l.models.reduce((n, m) => n + Object.values(m.severity).reduce((a, b) => a + b, 0), 0)
    const high = l.models.reduce((n, m) => n + m.severity.critical + m.severity.high, 0)
    return `${l.date} ${all}/${high}`
  })
  return [`history trend (threats all/high and above): ${recent.join(', ')}`]
}
