/**
 * One platform interface (in the spirit of danger-js): what a CI platform supplies to the one
 * pipeline (`runPipeline`). GitHub, GitLab and the local CLI preview implement it; a new CI
 * platform implements it too (see CONTRIBUTING.md: its adapter, template, docs, fake and tests).
 *
 * A platform only talks to its API and its runner. Every rule of behaviour (which issue mode
 * applies, which findings a report carries, when writes stop, what is ours) lives in the pipeline.
 */
import type { Review, ReviewContext } from '../../core/review/types.js'
import type { ExistingIssue, IssueOperation } from '../../core/tracker/types.js'
import type { Snapshot } from '../review/snapshot.js'
import type { ApprovalEvidence } from '../../core/value/approvals.js'

export type PlatformName = 'github' | 'gitlab' | 'local'

/**
 * Where log lines go (Actions log, GitLab job log, terminal). Implementations pass every line
 * through `sanitizeLogText` (src/core/render/log-text.ts) before it is written: model text must
 * never run a workflow command or a terminal escape.
 */
export interface Logger {
  info(text: string): void
  notice(text: string): void
  warning(text: string): void
  error(text: string): void
  /** A collapsible block of lines (a group in Actions, a section in the job log). */
  group(title: string, text: string): void
}

/** Where the run happens, which decides what is compared and what may be written. */
export type RunScope = 'change-request' | 'default-branch' | 'other-branch'

/** The change this run reviews, as the platform resolved it. */
export interface ChangeContext {
  event: ReviewContext['event']
  scope: RunScope
  base: Snapshot | null
  head: Snapshot
  /** `owner/repo` or the project path. */
  repository?: string
  repositoryUrl?: string
  /** Path segment of file links (`blob` on GitHub, `-/blob` on GitLab). */
  blobPath?: string
  /** Pull or merge request number. */
  number?: number
  /** Running inside a CI job. */
  inCi: boolean
  /** How the run names its event in the run report, e.g. "`pull_request` #3". */
  eventLabel: string
  /** Things said while resolving the sides (a commit read through the API, …). */
  notes: string[]
  /** Repository paths the change touched, when the platform already knows them (else `listChangedFiles` is asked). */
  changedFiles?: string[]
}

/** An issue as listed, with the account that filed it (ownership is marker plus author). */
export interface TrackedIssue extends ExistingIssue {
  author: string | null
  /** When the issue was opened (ISO 8601, as the tracker states it); null when the listing did not say. */
  createdAt: string | null
}

export type IssueListing = { issues: TrackedIssue[] } | { error: unknown }

/** A failed API request, as the platform understands it. */
export interface ApiFailure {
  /** HTTP status; undefined (or 0) for a network failure. */
  status?: number
  message: string
  /** The token may not write here (403 that is not a rate limit, 401). */
  readOnly: boolean
}

/** One edit of an existing issue: the plan's operations on it, merged. */
export interface IssueEdit {
  number: number
  /** The issue as listed (for label merging and GitLab's add/remove labels). */
  current?: TrackedIssue
  title?: string
  body?: string
  /** The labels the issue should carry: Threatloop's plus the ones people added. */
  labels?: string[]
  state?: 'open' | 'closed'
  reason?: 'completed' | 'not_planned'
}

export type CreateIssue = Extract<IssueOperation, { op: 'create' }>

/** The issue tracker of a platform: the primitives the pipeline's issue loop drives. */
export interface IssueTracker {
  /** Every issue with the label, open and closed, over all pages (pull requests left out). */
  list(label: string): Promise<IssueListing>
  /** Makes sure the label exists (colour, description) before issues use it. */
  ensureLabel?(label: string, look?: { color: string; description: string }): Promise<void>
  /** Opens an issue; the assignee only when the platform knows it as an assignable user. */
  create(operation: CreateIssue): Promise<{ number: number; unassigned?: string }>
  edit(edit: IssueEdit): Promise<void>
  comment(number: number, body: string): Promise<void>
}

export interface CommentOutcome {
  action: 'created' | 'updated' | 'unchanged' | 'not-needed'
  id?: number
  /** Older duplicates removed. */
  deleted: number
}

/** One annotation on a model line (GitHub shows them on the diff). */
export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  title: string
  message: string
  file: string
  startLine: number
  startColumn?: number
}

/**
 * Room for later features, designed now:
 * - `listChangedFiles(base, head)`: repository paths changed between two commits (PR files API,
 *   MR changes API, `git diff`), for code-drift checks (models whose code moved without them).
 * - `keepIssue(request)`: one issue per key with a marker (see below).
 */

// ── keepIssue (intelligence issues, #18) ─────────────────────────────────────────────────────
/**
 * One issue per key (e.g. one "Threat intelligence update" per model), kept by scheduled runs:
 * found by the marker `<!-- threatloop:<kind>:<key> -->` (the caller writes it into the body) among
 * the issues the token's own identity filed under the label; created when missing, rewritten only
 * when its content changed, closed (with a comment) when nothing remains. Issues with the marker
 * filed by anyone else are left alone and reported. Built from the tracker's primitives.
 */
export interface KeepIssueRequest {
  /** Marker kind, e.g. `intel`. */
  kind: string
  /** Marker key, e.g. the model id (already reduced to `[A-Za-z0-9._:/-]`). */
  key: string
  /** The label the issue carries and is listed by (listed once per run and label). */
  label: string
  /** Colour and description of the label, when the platform creates labels explicitly. */
  labelLook?: { color: string; description: string }
  title: string
  /** The wanted body; null when nothing remains: our open issue is closed with `closeComment`. */
  body: string | null
  closeComment: string
  /** Whether the current body already says what the wanted one says (default: the same text). */
  sameContent?: (current: string, wanted: string) => boolean
  /** The caller's evidence is incomplete this run: open a missing issue, but never rewrite or close one. */
  hold?: boolean
}

export interface KeepIssueOutcome {
  /** `held`: a rewrite or close was due but `hold` kept the issue as it was; `skipped`: see `reason`. */
  action: 'created' | 'updated' | 'reopened' | 'unchanged' | 'closed' | 'none' | 'held' | 'skipped'
  number?: number
  /** Why nothing was written (`skipped`). */
  reason?: string
  /** Duplicates of ours (two runs racing) closed. */
  duplicatesClosed: number[]
  /** Issues with the marker of this key filed by someone else, left alone. */
  foreign: number[]
  /** Keys of our other open issues of this kind under the label (for callers closing keys whose subject is gone). */
  otherOpenKeys: string[]
}
// ── end keepIssue ───────────────────────────────────────────────────────────────────────────

export interface Platform {
  readonly name: PlatformName
  readonly logger: Logger
  /** How this platform calls its things, for log lines and the run report. */
  readonly terms: {
    /** e.g. `pull request comment`, `merge request note`. */
    comment: string
    /** e.g. `pull request`, `merge request`. */
    changeRequest: string
    /** Before an issue number: `#`. */
    issuePrefix: string
    /** Where the configuration of a change request is read: `the base branch`, `the target branch`. */
    baseSide: string
  }
  /** Said next to "skipped because the token is read-only": how to enable the writes. */
  readonly readOnlyHelp: string
  /** The change this run reviews. */
  context(): Promise<ChangeContext>
  /**
   * The login the token acts as, resolved once; undefined when unknown (then nothing found by
   * marker is ours, and writes that need ownership are skipped with a warning).
   */
  identity(): Promise<string | undefined>
  /** Why writes are impossible before trying (fork pull request, no token), else undefined. */
  writesBlocked(): string | undefined
  describeError(error: unknown): ApiFailure
  /**
   * The sticky comment / merge request note, found by marker and our identity (asked only when a
   * marked comment exists; unknown identity with marked comments = an error, never a guess).
   */
  upsertComment?(body: string, options: { identity: () => Promise<string | undefined>; worthPosting: boolean }): Promise<CommentOutcome>
  /** The issue tracker, when the token can read it. */
  tracker?: IssueTracker
  /** Issues listed before the pipeline started (the action's early request), if any. */
  earlyListing?: Promise<IssueListing>
  annotate?(annotations: readonly Annotation[]): void
  /** Writes the job summary; `runReport` is the run's own section (Markdown). */
  writeSummary?(review: Review, runReport: string): Promise<void>
  /** Writes a report file; returns its absolute path. */
  writeArtifact(path: string, text: string): Promise<string>
  setOutputs?(outputs: Readonly<Record<string, string>>): void
  /** API requests made so far (for the log), when the platform counts them. */
  requestCount?(): number
  listChangedFiles?(base: string, head: string): Promise<string[] | undefined>
  /** One issue per key (see KeepIssueRequest); throws the platform's error when a request fails. */
  keepIssue?(request: KeepIssueRequest): Promise<KeepIssueOutcome>
  // ── approvals (#21) ──
  /**
   * The approving reviews of the pull/merge request (the latest decisive review per reviewer; the
   * author's own approval never counts), each with the `teams` (`org/team`, GitLab groups) it
   * could confirm the reviewer belongs to. Teams it may not read come back in `unreadableTeams`.
   * Asked by the pipeline only when the change needs an approval; throws when reviews cannot be read.
   */
  listApprovals?(teams: readonly string[]): Promise<ApprovalEvidence>
}

// --- History store (issue 19): a data branch kept by the pipeline, written by the platform. ---

/** What a data branch holds before an update. */
export interface DataBranchState {
  /** Whether the branch exists (a missing branch is created on the first write). */
  exists: boolean
  /** The files asked for, as text; undefined when the branch does not have them. */
  files: Readonly<Record<string, string | undefined>>
}

/** One commit on the data branch: whole files (text) at the branch's top folder. */
export interface DataBranchWrite {
  files: Readonly<Record<string, string>>
  message: string
}

export interface DataBranchRequest {
  branch: string
  /** Files read before `update` is called. */
  read: readonly string[]
  /**
   * What to write given what the branch holds, or null to write nothing. Called again, with a
   * fresh read, after another run moved the branch between the read and the write.
   */
  update(state: DataBranchState): DataBranchWrite | null
}

export interface DataBranchOutcome {
  action: 'created' | 'updated' | 'unchanged'
  /** Reads of the branch this took (1 unless a concurrent write was retried). */
  attempts: number
  commit?: string
}

/**
 * The transport of one data-branch update (`updateDataBranch` implementations drive it through
 * `updateDataBranchWithRetries`): read the files and a token naming what was read; write a
 * commit on top of that token, answering `conflict` when the branch moved meanwhile.
 */
export interface DataBranchTransport<T> {
  read(branch: string, files: readonly string[]): Promise<{ state: DataBranchState; token: T }>
  write(branch: string, token: T, change: DataBranchWrite): Promise<{ conflict: true } | { conflict: false; commit?: string }>
}

export interface Platform {
  /** Appends to a data branch (history store): read, decide, write; retried when the branch moved. */
  updateDataBranch?(request: DataBranchRequest): Promise<DataBranchOutcome>
}
