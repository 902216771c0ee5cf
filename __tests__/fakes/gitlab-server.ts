/**
 * A stateful fake of the GitLab REST API v4 (merge request notes, issues, labels, users) served by
 * node:http on 127.0.0.1. Responses follow openapi/gitlab-subset.json; faults (5xx, 429 with
 * Retry-After, delays) can be injected per route.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  type CannedReply,
  FaultBook,
  type FaultEntry,
  headersWithout,
  listen,
  matchRoute,
  parseBody,
  readBody,
  type RecordedRequest,
  route,
  type Route,
  send,
  sleep,
  unknownParams
} from './fake-http.js'

import { GitObjectStore } from './git-objects.js'
import { gitLabRepositoryRoutes } from './gitlab-repository.js'

export type { RecordedRequest } from './fake-http.js'

export interface FakeGitLabToken {
  token: string
  username: string
  /**
   * `project`/`personal`: sent as PRIVATE-TOKEN or Authorization: Bearer.
   * `job`: CI_JOB_TOKEN sent as JOB-TOKEN; may only GET merge request notes, 403 elsewhere.
   */
  kind: 'project' | 'personal' | 'job'
  /** `read` gets 403 on every write (a Guest-role token). */
  access?: 'write' | 'read'
}

export interface FakeGitLabUser {
  id: number
  username: string
  name: string
  bot: boolean
}

export interface FakeGitLabOptions {
  projectId?: number
  projectPath?: string
  /** IIDs of merge requests that exist (default [1]). */
  mergeRequests?: number[]
  tokens?: FakeGitLabToken[]
  users?: Array<Pick<FakeGitLabUser, 'username'> & Partial<FakeGitLabUser>>
  /** Base for web_url fields. */
  webBase?: string
  now?: () => Date
}

export const GITLAB_PROJECT_ID = 123
export const GITLAB_BOT_USERNAME = 'project_123_bot_3f2a9c1e7b5d4a60b8e2f1c0d9a8b7c6'
export const GITLAB_MAX_NOTE = 1_000_000
const MAX_DESCRIPTION = 1_048_576

export const DEFAULT_GITLAB_TOKENS: FakeGitLabToken[] = [
  { token: 'glpat-project-bot', username: GITLAB_BOT_USERNAME, kind: 'project' },
  { token: 'glpat-maintainer', username: 'gitlab-maintainer', kind: 'personal' },
  { token: 'glpat-guest', username: 'gitlab-guest', kind: 'personal', access: 'read' },
  { token: 'ci-job-token', username: 'gitlab-maintainer', kind: 'job' }
]

export interface FakeNote {
  id: number
  /** The merge request's iid (0 for an issue note). */
  mergeRequestIid: number
  /** The issue's iid, for a note on an issue. */
  issueIid?: number
  body: string
  author: string
  system: boolean
  createdAt: string
  updatedAt: string
}

export interface FakeGitLabIssue {
  id: number
  iid: number
  title: string
  description: string | null
  state: 'opened' | 'closed'
  labels: string[]
  assigneeIds: number[]
  author: string
  createdAt: string
  updatedAt: string
  closedAt: string | null
  closedBy: string | null
}

export interface FakeGitLabLabel {
  id: number
  name: string
  color: string
  description: string | null
}

/** A line GitLab would have run as a quick action (recorded so escaping can be asserted). */
export interface QuickActionSighting {
  where: string
  line: string
}

export type GitLabFault =
  | { kind: 'server-error'; status?: 500 | 502 | 503 | 504 }
  /** 429 "Retry later" with Retry-After seconds, like Rack::Attack. */
  | { kind: 'rate-limit'; retryAfter?: number }
  | { kind: 'not-found' }
  | { kind: 'delay'; ms: number }
  | { kind: 'reply'; status: number; body?: unknown; headers?: Record<string, string> }

export interface InjectGitLabFaultOptions {
  /** Route template such as `POST /api/v4/projects/{id}/merge_requests/{iid}/notes`, or `*`. */
  route: string
  fault: GitLabFault
  times?: number
}

const QUICK_ACTION = /^\/[a-z_]+\b/

export interface FakeMergeRequestFile {
  old_path: string
  new_path: string
  new_file?: boolean
  deleted_file?: boolean
}

// ── approvals (#21): merge request approvals, authors and group members ──
export interface FakeGitLabGroup {
  id: number
  fullPath: string
  /** Usernames of the members (direct or inherited, as `members/all` lists them). */
  members: string[]
  /** When set, only these token usernames can see the group (others get 404 Group Not Found). */
  visibleTo?: string[]
}

export class FakeGitLabState {
  readonly notes = new Map<number, FakeNote>()
  readonly issues = new Map<number, FakeGitLabIssue>()
  readonly labels = new Map<string, FakeGitLabLabel>()
  readonly users = new Map<string, FakeGitLabUser>()
  readonly mergeRequests = new Set<number>()
  /** Files each merge request changes (`GET /merge_requests/:iid/diffs`), in GitLab's order. */
  readonly mergeRequestFiles = new Map<number, FakeMergeRequestFile[]>()
  /** Files a comparison lists (`GET /repository/compare?from=&to=`), keyed `from...to`. */
  readonly compareFiles = new Map<string, FakeMergeRequestFile[]>()
  readonly quickActions: QuickActionSighting[] = []
  // ── approvals (#21) ──
  /** Usernames that approved each merge request, in approval order. */
  readonly approvals = new Map<number, string[]>()
  /** Author of each merge request (default `gitlab-maintainer`). */
  readonly mergeRequestAuthors = new Map<number, string>()
  /** Head commit of each merge request, its `sha` (default: a fixed commit id per merge request). */
  readonly mergeRequestShas = new Map<number, string>()
  /** Groups by full path (lower case). */
  readonly groups = new Map<string, FakeGitLabGroup>()
  private nextGroupId = 700
  private nextNoteId = 3_000_001
  private nextIssueId = 80_001
  private nextIid = 1
  private nextLabelId = 600
  private nextUserId = 40

  constructor(private readonly now: () => Date) {}

  timestamp(): string {
    return this.now().toISOString()
  }

  addUser(user: Pick<FakeGitLabUser, 'username'> & Partial<FakeGitLabUser>): FakeGitLabUser {
    const full: FakeGitLabUser = {
      id: user.id ?? this.nextUserId++,
      name: user.name ?? user.username,
      bot: user.bot ?? false,
      username: user.username
    }
    this.users.set(full.username.toLowerCase(), full)
    return full
  }

  user(username: string): FakeGitLabUser | undefined {
    return this.users.get(username.toLowerCase())
  }

  userById(id: number): FakeGitLabUser | undefined {
    return [...this.users.values()].find((u) => u.id === id)
  }

  label(name: string): FakeGitLabLabel | undefined {
    return this.labels.get(name.toLowerCase())
  }

  /** Existing label, or a new one with GitLab's default colour (issue writes create missing labels). */
  ensureLabel(name: string, color = '#6699cc', description: string | null = null): FakeGitLabLabel {
    const existing = this.label(name)
    if (existing) return existing
    const created = { id: this.nextLabelId++, name, color, description }
    this.labels.set(name.toLowerCase(), created)
    return created
  }

  addMergeRequest(iid: number): void {
    this.mergeRequests.add(iid)
  }

  // ── approvals (#21) ──
  /** `username` approves the merge request (GitLab keeps one approval per user). */
  approve(iid: number, username: string): void {
    if (!this.user(username)) this.addUser({ username })
    const list = this.approvals.get(iid) ?? []
    if (!list.some((u) => u.toLowerCase() === username.toLowerCase())) list.push(username)
    this.approvals.set(iid, list)
  }

  /** `username` withdraws their approval. */
  unapprove(iid: number, username: string): void {
    this.approvals.set(
      iid,
      (this.approvals.get(iid) ?? []).filter((u) => u.toLowerCase() !== username.toLowerCase())
    )
  }

  addGroup(fullPath: string, members: readonly string[], visibleTo?: string[]): FakeGitLabGroup {
    for (const m of members) if (!this.user(m)) this.addUser({ username: m })
    const group: FakeGitLabGroup = { id: this.nextGroupId++, fullPath, members: [...members], visibleTo }
    this.groups.set(fullPath.toLowerCase(), group)
    return group
  }

  /** The files a merge request changes, as `GET /projects/:id/merge_requests/:iid/diffs` lists them. */
  setMergeRequestFiles(iid: number, files: ReadonlyArray<string | FakeMergeRequestFile>): void {
    this.mergeRequestFiles.set(
      iid,
      files.map((f) => (typeof f === 'string' ? { old_path: f, new_path: f } : f))
    )
  }

  /** The files `GET /projects/:id/repository/compare?from=&to=` lists (other commits: 404). */
  setCompareFiles(from: string, to: string, files: ReadonlyArray<string | FakeMergeRequestFile>): void {
    this.compareFiles.set(
      `${from}...${to}`,
      files.map((f) => (typeof f === 'string' ? { old_path: f, new_path: f } : f))
    )
  }

  seedNote(mergeRequestIid: number, seed: { body: string; author?: string; system?: boolean }): FakeNote {
    const at = this.timestamp()
    const note: FakeNote = {
      id: this.nextNoteId++,
      mergeRequestIid,
      body: seed.body,
      author: seed.author ?? 'gitlab-reviewer',
      system: seed.system ?? false,
      createdAt: at,
      updatedAt: at
    }
    this.notes.set(note.id, note)
    return note
  }

  seedIssue(seed: Partial<Omit<FakeGitLabIssue, 'id' | 'iid'>> & { title: string }): FakeGitLabIssue {
    const at = this.timestamp()
    const issue: FakeGitLabIssue = {
      id: this.nextIssueId++,
      iid: this.nextIid++,
      description: null,
      state: 'opened',
      labels: [],
      assigneeIds: [],
      author: 'gitlab-maintainer',
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      closedBy: null,
      ...seed
    }
    if (issue.state === 'closed' && issue.closedAt === null) issue.closedAt = at
    issue.labels = issue.labels.map((n) => this.ensureLabel(n).name)
    this.issues.set(issue.iid, issue)
    return issue
  }

  notesOn(mergeRequestIid: number): FakeNote[] {
    return [...this.notes.values()]
      .filter((n) => n.issueIid === undefined && n.mergeRequestIid === mergeRequestIid)
      .sort((a, b) => a.id - b.id)
  }

  /** A note (comment) on an issue. */
  seedIssueNote(issueIid: number, seed: { body: string; author?: string; system?: boolean }): FakeNote {
    const note = this.seedNote(0, seed)
    note.issueIid = issueIid
    return note
  }

  issueNotesOn(issueIid: number): FakeNote[] {
    return [...this.notes.values()].filter((n) => n.issueIid === issueIid).sort((a, b) => a.id - b.id)
  }

  /** Records lines GitLab would execute as quick actions. */
  noteQuickActions(where: string, text: string | null): void {
    for (const line of (text ?? '').split('\n')) if (QUICK_ACTION.test(line)) this.quickActions.push({ where, line })
  }
}

export interface FakeGitLab {
  /** Server root, e.g. http://127.0.0.1:PORT (CI_SERVER_URL). */
  url: string
  /** `${url}/api/v4` (CI_API_V4_URL). */
  apiUrl: string
  port: number
  projectId: number
  projectPath: string
  state: FakeGitLabState
  requests: RecordedRequest[]
  unhandled: RecordedRequest[]
  injectFault: (options: InjectGitLabFaultOptions) => FaultEntry<GitLabFault>
  clearFaults: () => void
  writes: () => RecordedRequest[]
  close: () => Promise<void>
  /** The repository behind the files and commits API: `main` holds one initial commit (see gitlab-repository.ts). */
  git: GitObjectStore
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const SECRET_HEADERS = new Set(['private-token', 'authorization', 'job-token', 'cookie'])

interface Ctx {
  query: URLSearchParams
  body: Record<string, unknown>
  token: FakeGitLabToken
  path: string
}

type Json = Record<string, unknown>

const message = (status: number, text: string): CannedReply => ({ status, body: { message: text } })
const missing = (field: string): CannedReply => ({ status: 400, body: { error: `${field} is missing` } })

function listOf(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined
  if (Array.isArray(value))
    return value
      .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
      .map((v) => v.trim())
      .filter((v) => v !== '')
  if (typeof value === 'string')
    return value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '')
  return undefined
}

function idsOf(value: unknown): number[] | undefined {
  const list = Array.isArray(value) ? value.map((v) => (typeof v === 'number' ? String(v) : String(v as string))) : listOf(value)
  return list?.map(Number).filter((n) => Number.isInteger(n) && n > 0)
}

/** Starts the fake on 127.0.0.1:<ephemeral port>. */
export async function startFakeGitLab(options: FakeGitLabOptions = {}): Promise<FakeGitLab> {
  const projectId = options.projectId ?? GITLAB_PROJECT_ID
  const projectPath = options.projectPath ?? 'acme/payments'
  const tokens = options.tokens ?? DEFAULT_GITLAB_TOKENS
  const now = options.now ?? (() => new Date())
  const state = new FakeGitLabState(now)
  const faults = new FaultBook<GitLabFault>()
  const requests: RecordedRequest[] = []
  const unhandled: RecordedRequest[] = []
  const started = Date.now()
  let root = ''
  const webBase = (): string => options.webBase ?? root

  state.addUser({ username: GITLAB_BOT_USERNAME, id: 9_123, name: 'threatloop', bot: true })
  state.addUser({ username: 'gitlab-maintainer', id: 11, name: 'GitLab Maintainer' })
  state.addUser({ username: 'gitlab-reviewer', id: 12, name: 'GitLab Reviewer' })
  state.addUser({ username: 'gitlab-guest', id: 13, name: 'GitLab Guest' })
  for (const u of options.users ?? []) state.addUser(u)
  for (const t of tokens) if (!state.user(t.username)) state.addUser({ username: t.username })
  for (const iid of options.mergeRequests ?? [1]) state.addMergeRequest(iid)

  const projectWeb = (): string => `${webBase()}/${projectPath}`
  const projectApi = (): string => `${root}/api/v4/projects/${projectId}`

  const userJson = (username: string): Json => {
    const u = state.user(username) ?? state.addUser({ username })
    return {
      id: u.id,
      username: u.username,
      name: u.name,
      state: 'active',
      locked: false,
      avatar_url: `https://secure.gravatar.com/avatar/${u.id}?s=80&d=identicon`,
      web_url: `${webBase()}/${u.username}`
    }
  }

  const noteJson = (n: FakeNote): Json => ({
    id: n.id,
    type: null,
    body: n.body,
    attachment: null,
    author: userJson(n.author),
    created_at: n.createdAt,
    updated_at: n.updatedAt,
    system: n.system,
    noteable_id: n.issueIid !== undefined ? (state.issues.get(n.issueIid)?.id ?? 0) : 70_000 + n.mergeRequestIid,
    noteable_type: n.issueIid !== undefined ? 'Issue' : 'MergeRequest',
    project_id: projectId,
    resolvable: false,
    confidential: false,
    internal: false,
    imported: false,
    imported_from: 'none',
    noteable_iid: n.issueIid ?? n.mergeRequestIid,
    commands_changes: {}
  })

  const issueJson = (i: FakeGitLabIssue): Json => {
    const assignees = i.assigneeIds
      .map((id) => state.userById(id))
      .filter((u) => u !== undefined)
      .map((u) => userJson(u.username))
    const self = `${projectApi()}/issues/${i.iid}`
    return {
      id: i.id,
      iid: i.iid,
      project_id: projectId,
      title: i.title,
      description: i.description,
      state: i.state,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      closed_at: i.closedAt,
      closed_by: i.closedBy ? userJson(i.closedBy) : null,
      labels: [...i.labels].sort((a, b) => a.localeCompare(b)),
      milestone: null,
      assignees,
      author: userJson(i.author),
      type: 'ISSUE',
      assignee: assignees[0] ?? null,
      user_notes_count: 0,
      merge_requests_count: 0,
      upvotes: 0,
      downvotes: 0,
      due_date: null,
      confidential: false,
      discussion_locked: null,
      issue_type: 'issue',
      web_url: `${projectWeb()}/-/issues/${i.iid}`,
      time_stats: { time_estimate: 0, total_time_spent: 0, human_time_estimate: null, human_total_time_spent: null },
      task_completion_status: { count: 0, completed_count: 0 },
      has_tasks: false,
      _links: { self, notes: `${self}/notes`, award_emoji: `${self}/award_emoji`, project: projectApi(), closed_as_duplicate_of: null },
      references: { short: `#${i.iid}`, relative: `#${i.iid}`, full: `${projectPath}#${i.iid}` },
      severity: 'UNKNOWN',
      moved_to_id: null,
      imported: false,
      imported_from: 'none',
      service_desk_reply_to: null
    }
  }

  // ── approvals (#21) ──
  const mergeRequestCore = (iid: number): Json => ({
    id: 70_000 + iid,
    iid,
    project_id: projectId,
    title: `Merge request !${iid}`,
    description: '',
    state: 'opened',
    created_at: '2024-01-15T10:00:00.000Z',
    updated_at: state.timestamp(),
    merge_status: 'can_be_merged'
  })

  const labelJson = (l: FakeGitLabLabel): Json => {
    const onIssues = [...state.issues.values()].filter((i) => i.labels.some((n) => n.toLowerCase() === l.name.toLowerCase()))
    return {
      id: l.id,
      name: l.name,
      description: l.description,
      description_html: l.description === null ? '' : l.description,
      text_color: '#FFFFFF',
      color: l.color,
      archived: false,
      open_issues_count: onIssues.filter((i) => i.state === 'opened').length,
      closed_issues_count: onIssues.filter((i) => i.state === 'closed').length,
      open_merge_requests_count: 0,
      subscribed: false,
      priority: null,
      is_project_label: true
    }
  }

  /** GitLab offset pagination: x-page, x-per-page, x-total, x-total-pages, x-next-page, x-prev-page and Link. */
  const paginate = (ctx: Ctx, items: Json[]): CannedReply => {
    const perPage = Math.min(Math.max(Number.parseInt(ctx.query.get('per_page') ?? '20', 10) || 20, 1), 100)
    const page = Math.max(Number.parseInt(ctx.query.get('page') ?? '1', 10) || 1, 1)
    const totalPages = Math.max(Math.ceil(items.length / perPage), 1)
    const link = (p: number): string => {
      const q = new URLSearchParams(ctx.query)
      q.set('page', String(p))
      q.set('per_page', String(perPage))
      return `<${root}${ctx.path}?${q.toString()}>`
    }
    const rels: string[] = []
    if (page > 1) rels.push(`${link(page - 1)}; rel="prev"`)
    if (page < totalPages) rels.push(`${link(page + 1)}; rel="next"`)
    rels.push(`${link(1)}; rel="first"`, `${link(totalPages)}; rel="last"`)
    return {
      status: 200,
      body: items.slice((page - 1) * perPage, page * perPage),
      headers: {
        'x-page': String(page),
        'x-per-page': String(perPage),
        'x-total': String(items.length),
        'x-total-pages': String(totalPages),
        'x-next-page': page < totalPages ? String(page + 1) : '',
        'x-prev-page': page > 1 ? String(page - 1) : '',
        link: rels.join(', ')
      }
    }
  }

  const mergeRequestOr404 = (iid: string): CannedReply | undefined =>
    state.mergeRequests.has(Number(iid)) ? undefined : message(404, '404 Merge Request Not Found')

  const noteOr404 = (mrIid: string, noteId: string): FakeNote | undefined => {
    const note = state.notes.get(Number(noteId))
    return note && note.mergeRequestIid === Number(mrIid) ? note : undefined
  }

  const noteTooLong = (): CannedReply => ({
    status: 400,
    body: { message: { note: [`is too long (maximum is ${GITLAB_MAX_NOTE} characters)`] } }
  })

  const applyIssueFields = (issue: FakeGitLabIssue, b: Record<string, unknown>, actor: string): CannedReply | undefined => {
    if (b.title !== undefined) {
      if (typeof b.title !== 'string' || b.title === '') return { status: 400, body: { error: 'title is empty' } }
      issue.title = b.title
    }
    if (b.description !== undefined) {
      if (typeof b.description === 'string' && b.description.length > MAX_DESCRIPTION) {
        return { status: 400, body: { message: { description: [`is too long (maximum is ${MAX_DESCRIPTION} characters)`] } } }
      }
      issue.description = typeof b.description === 'string' ? b.description : null
      state.noteQuickActions(`issue #${issue.iid} description`, issue.description)
    }
    const replace = listOf(b.labels)
    if (replace) issue.labels = replace.map((n) => state.ensureLabel(n).name)
    for (const n of listOf(b.add_labels) ?? []) {
      const label = state.ensureLabel(n)
      if (!issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) issue.labels.push(label.name)
    }
    const remove = (listOf(b.remove_labels) ?? []).map((n) => n.toLowerCase())
    issue.labels = issue.labels.filter((l) => !remove.includes(l.toLowerCase()))
    // GitLab silently drops assignee ids it cannot assign.
    const ids = idsOf(b.assignee_ids) ?? (b.assignee_id !== undefined ? idsOf([b.assignee_id]) : undefined)
    if (ids) issue.assigneeIds = ids.filter((id) => state.userById(id) !== undefined)
    if (b.state_event !== undefined && b.state_event !== 'close' && b.state_event !== 'reopen') {
      return { status: 400, body: { error: 'state_event does not have a valid value' } }
    }
    const at = state.timestamp()
    if (b.state_event === 'close' && issue.state === 'opened') {
      issue.state = 'closed'
      issue.closedAt = at
      issue.closedBy = actor
    } else if (b.state_event === 'reopen' && issue.state === 'closed') {
      issue.state = 'opened'
      issue.closedAt = null
      issue.closedBy = null
    }
    issue.updatedAt = at
    return undefined
  }

  const diffJson = (f: FakeMergeRequestFile): Json => ({
    diff: '@@ -1 +1 @@\n-old\n+new\n',
    new_path: f.new_path,
    old_path: f.old_path,
    a_mode: f.new_file ? '0' : '100644',
    b_mode: f.deleted_file ? '0' : '100644',
    new_file: f.new_file ?? false,
    renamed_file: f.old_path !== f.new_path,
    deleted_file: f.deleted_file ?? false,
    generated_file: false
  })

  /** A commit as the commits and compare APIs show it. */
  const commitJson = (sha: string, parent: string): Json => {
    const at = '2026-10-01T12:00:00.000Z'
    return {
      id: sha,
      short_id: sha.slice(0, 8),
      created_at: at,
      parent_ids: [parent],
      title: 'Change',
      message: 'Change\n',
      author_name: 'Dev',
      author_email: 'dev@example.com',
      authored_date: at,
      committer_name: 'Dev',
      committer_email: 'dev@example.com',
      committed_date: at,
      trailers: {},
      extended_trailers: {},
      web_url: `${projectWeb()}/-/commit/${sha}`
    }
  }

  const P = '/api/v4/projects/{id}'
  // History store (issue 19): the repository files and commits API on a small object store.
  const git = new GitObjectStore(now)
  git.commitFiles('main', { 'README.md': '# payments\n', '.gitlab-ci.yml': 'include: []\n' }, 'Initial commit', {
    author: 'gitlab-maintainer'
  })
  const routes: Route<Ctx>[] = [
    ...gitLabRepositoryRoutes({ store: git, projectId, projectWeb, defaultBranch: 'main', now }),
    route(
      'GET /api/v4/user',
      (ctx) => ({ status: 200, body: { ...userJson(ctx.token.username), bot: state.user(ctx.token.username)?.bot ?? false } }),
      {}
    ),

    route(
      'GET /api/v4/users',
      (ctx) => {
        const wanted = ctx.query.get('username')
        const found = wanted === null ? [...state.users.values()] : [state.user(wanted)].filter((u) => u !== undefined)
        return paginate(
          ctx,
          found.map((u) => userJson(u.username))
        )
      },
      { query: ['username', 'search', 'active', 'external', 'blocked', 'per_page', 'page'] }
    ),

    route(`GET ${P}/merge_requests/{iid}/diffs`, (ctx, p) => {
      const absent = mergeRequestOr404(p.iid)
      if (absent) return absent
      const files = state.mergeRequestFiles.get(Number(p.iid)) ?? []
      return paginate(ctx, files.map(diffJson))
    }),

    // ── approvals (#21) ──
    route(`GET ${P}/merge_requests/{iid}/approvals`, (_ctx, p) => {
      const absent = mergeRequestOr404(p.iid)
      if (absent) return absent
      const iid = Number(p.iid)
      const approvedBy = (state.approvals.get(iid) ?? []).map((u) => ({ user: userJson(u) }))
      return {
        status: 200,
        body: {
          ...mergeRequestCore(iid),
          approved: approvedBy.length > 0,
          approvals_required: 0,
          approvals_left: 0,
          require_password_to_approve: false,
          approved_by: approvedBy,
          suggested_approvers: [],
          approvers: [],
          approver_groups: [],
          user_has_approved: false,
          user_can_approve: true,
          approval_rules_left: [],
          has_approval_rules: false,
          merge_request_approvers_available: false,
          multiple_approval_rules_available: false,
          invalid_approvers_rules: []
        }
      }
    }),

    route(
      `GET ${P}/merge_requests/{iid}`,
      (_ctx, p) => {
        const absent = mergeRequestOr404(p.iid)
        if (absent) return absent
        const iid = Number(p.iid)
        return {
          status: 200,
          body: {
            ...mergeRequestCore(iid),
            author: userJson(state.mergeRequestAuthors.get(iid) ?? 'gitlab-maintainer'),
            assignee: null,
            assignees: [],
            reviewers: [],
            source_branch: `feature-${iid}`,
            target_branch: 'main',
            source_project_id: projectId,
            target_project_id: projectId,
            upvotes: 0,
            downvotes: 0,
            labels: [],
            draft: false,
            work_in_progress: false,
            milestone: null,
            merge_when_pipeline_succeeds: false,
            sha: state.mergeRequestShas.get(iid) ?? String(iid).padStart(40, 'a'),
            merge_commit_sha: null,
            squash_commit_sha: null,
            user_notes_count: state.notesOn(iid).length,
            should_remove_source_branch: null,
            force_remove_source_branch: true,
            discussion_locked: null,
            squash: false,
            web_url: `${projectWeb()}/-/merge_requests/${iid}`
          }
        }
      },
      { query: ['render_html', 'include_diverged_commits_count', 'include_rebase_in_progress'] }
    ),

    route(
      'GET /api/v4/groups/{group_id}/members/all',
      (ctx, p) => {
        const group = [...state.groups.values()].find(
          (g) => String(g.id) === p.group_id || g.fullPath.toLowerCase() === p.group_id.toLowerCase()
        )
        if (!group || (group.visibleTo && !group.visibleTo.includes(ctx.token.username))) return message(404, '404 Group Not Found')
        return paginate(
          ctx,
          group.members.map((u) => ({
            ...userJson(u),
            access_level: 30,
            created_at: '2024-01-15T10:00:00.000Z',
            expires_at: null,
            membership_state: 'active'
          }))
        )
      },
      { query: ['query', 'user_ids', 'state', 'show_seat_info', 'per_page', 'page'] }
    ),

    route(
      `GET ${P}/repository/compare`,
      (ctx) => {
        // Not paginated: the head commit, the commits and every diff in one response.
        const from = ctx.query.get('from') ?? ''
        const to = ctx.query.get('to') ?? ''
        const files = state.compareFiles.get(`${from}...${to}`)
        if (!files) return message(404, '404 Ref Not Found')
        const commit = commitJson(to, from)
        return {
          status: 200,
          body: {
            commit,
            commits: [commit],
            diffs: files.map(diffJson),
            compare_timeout: false,
            compare_same_ref: from === to,
            web_url: `${projectWeb()}/-/compare/${from}...${to}`
          }
        }
      },
      { query: ['from', 'to', 'straight', 'from_project_id', 'unidiff'] }
    ),

    route(
      `GET ${P}/merge_requests/{iid}/notes`,
      (ctx, p) => {
        const absent = mergeRequestOr404(p.iid)
        if (absent) return absent
        const ascending = ctx.query.get('sort') === 'asc'
        const byUpdated = ctx.query.get('order_by') === 'updated_at'
        const notes = state.notesOn(Number(p.iid)).sort((a, b) => {
          const key = byUpdated ? a.updatedAt.localeCompare(b.updatedAt) || a.id - b.id : a.id - b.id
          return ascending ? key : -key
        })
        return paginate(ctx, notes.map(noteJson))
      },
      { query: ['sort', 'order_by', 'activity_filter', 'per_page', 'page'] }
    ),

    route(
      `GET ${P}/merge_requests/{iid}/notes/{note_id}`,
      (_ctx, p) => {
        const note = noteOr404(p.iid, p.note_id)
        return note ? { status: 200, body: noteJson(note) } : message(404, '404 Note Not Found')
      },
      {}
    ),

    route(
      `POST ${P}/merge_requests/{iid}/notes`,
      (ctx, p) => {
        const absent = mergeRequestOr404(p.iid)
        if (absent) return absent
        const body = ctx.body.body
        if (typeof body !== 'string' || body === '') return missing('body')
        if (body.length > GITLAB_MAX_NOTE) return noteTooLong()
        state.noteQuickActions(`merge request !${p.iid} note`, body)
        const note = state.seedNote(Number(p.iid), { body, author: ctx.token.username })
        return { status: 201, body: noteJson(note) }
      },
      { body: ['body', 'internal', 'created_at', 'merge_request_diff_head_sha'] }
    ),

    route(
      `PUT ${P}/merge_requests/{iid}/notes/{note_id}`,
      (ctx, p) => {
        const note = noteOr404(p.iid, p.note_id)
        if (!note) return message(404, '404 Note Not Found')
        const body = ctx.body.body
        if (typeof body !== 'string' || body === '') return missing('body')
        if (body.length > GITLAB_MAX_NOTE) return noteTooLong()
        if (note.author !== ctx.token.username) return message(403, '403 Forbidden')
        state.noteQuickActions(`merge request !${p.iid} note`, body)
        note.body = body
        note.updatedAt = state.timestamp()
        return { status: 200, body: noteJson(note) }
      },
      { body: ['body', 'confidential'] }
    ),

    route(
      `DELETE ${P}/merge_requests/{iid}/notes/{note_id}`,
      (_ctx, p) => {
        const note = noteOr404(p.iid, p.note_id)
        if (!note) return message(404, '404 Note Not Found')
        state.notes.delete(note.id)
        return { status: 204 }
      },
      {}
    ),

    route(
      `GET ${P}/issues`,
      (ctx) => {
        const wantedState = ctx.query.get('state') ?? 'all'
        const labels = (listOf(ctx.query.get('labels') ?? undefined) ?? []).map((l) => l.toLowerCase())
        const search = ctx.query.get('search')?.toLowerCase()
        const ascending = ctx.query.get('sort') === 'asc'
        const items = [...state.issues.values()]
          .filter((i) => wantedState === 'all' || i.state === wantedState)
          .filter((i) => labels.every((w) => i.labels.some((l) => l.toLowerCase() === w)))
          .filter((i) => search === undefined || `${i.title}\n${i.description ?? ''}`.toLowerCase().includes(search))
          .sort((a, b) => (ascending ? a.iid - b.iid : b.iid - a.iid))
        return paginate(ctx, items.map(issueJson))
      },
      {
        query: [
          'labels',
          'state',
          'scope',
          'search',
          'in',
          'sort',
          'order_by',
          'author_id',
          'author_username',
          'assignee_id',
          'assignee_username',
          'milestone',
          'iids[]',
          'created_after',
          'created_before',
          'updated_after',
          'updated_before',
          'confidential',
          'with_labels_details',
          'per_page',
          'page'
        ]
      }
    ),

    route(
      `GET ${P}/issues/{iid}`,
      (_ctx, p) => {
        const issue = state.issues.get(Number(p.iid))
        return issue ? { status: 200, body: issueJson(issue) } : message(404, '404 Not found')
      },
      {}
    ),

    route(
      `POST ${P}/issues`,
      (ctx) => {
        const b = ctx.body
        if (typeof b.title !== 'string' || b.title === '') return missing('title')
        const issue = state.seedIssue({ title: b.title, author: ctx.token.username })
        const problem = applyIssueFields(issue, { ...b, title: undefined }, ctx.token.username)
        if (problem) {
          state.issues.delete(issue.iid)
          return problem
        }
        return { status: 201, body: issueJson(issue) }
      },
      {
        body: [
          'title',
          'description',
          'labels',
          'assignee_id',
          'assignee_ids',
          'confidential',
          'milestone_id',
          'due_date',
          'issue_type',
          'weight',
          'created_at'
        ]
      }
    ),

    route(
      `PUT ${P}/issues/{iid}`,
      (ctx, p) => {
        const issue = state.issues.get(Number(p.iid))
        if (!issue) return message(404, '404 Not found')
        const problem = applyIssueFields(issue, ctx.body, ctx.token.username)
        return problem ?? { status: 200, body: issueJson(issue) }
      },
      {
        body: [
          'title',
          'description',
          'labels',
          'assignee_id',
          'assignee_ids',
          'confidential',
          'milestone_id',
          'due_date',
          'issue_type',
          'weight',
          'add_labels',
          'remove_labels',
          'state_event',
          'discussion_locked',
          'updated_at'
        ]
      }
    ),

    route(
      `GET ${P}/issues/{iid}/notes`,
      (ctx, p) => {
        if (!state.issues.get(Number(p.iid))) return message(404, '404 Not found')
        const ascending = ctx.query.get('sort') === 'asc'
        const notes = state.issueNotesOn(Number(p.iid)).sort((a, b) => (ascending ? a.id - b.id : b.id - a.id))
        return paginate(ctx, notes.map(noteJson))
      },
      { query: ['sort', 'order_by', 'activity_filter', 'per_page', 'page'] }
    ),

    route(
      `POST ${P}/issues/{iid}/notes`,
      (ctx, p) => {
        if (!state.issues.get(Number(p.iid))) return message(404, '404 Not found')
        const body = ctx.body.body
        if (typeof body !== 'string' || body === '') return missing('body')
        if (body.length > GITLAB_MAX_NOTE) return noteTooLong()
        state.noteQuickActions(`issue #${p.iid} note`, body)
        return { status: 201, body: noteJson(state.seedIssueNote(Number(p.iid), { body, author: ctx.token.username })) }
      },
      { body: ['body', 'internal', 'confidential', 'created_at'] }
    ),

    route(
      `GET ${P}/labels`,
      (ctx) => paginate(ctx, [...state.labels.values()].sort((a, b) => a.name.localeCompare(b.name)).map(labelJson)),
      { query: ['with_counts', 'include_ancestor_groups', 'search', 'per_page', 'page'] }
    ),

    route(
      `POST ${P}/labels`,
      (ctx) => {
        const { name, color, description } = ctx.body
        if (typeof name !== 'string' || name === '') return missing('name')
        if (typeof color !== 'string' || color === '') return missing('color')
        if (state.label(name)) return message(409, 'Label already exists')
        if (!/^#[0-9a-fA-F]{6}$/.test(color)) return { status: 400, body: { message: { color: ['must be a valid color code'] } } }
        return { status: 201, body: labelJson(state.ensureLabel(name, color, typeof description === 'string' ? description : null)) }
      },
      { body: ['name', 'color', 'description', 'priority'] }
    )
  ]

  const jobTokenMay = (method: string, routeId: string | undefined): boolean =>
    method === 'GET' && (routeId === `GET ${P}/merge_requests/{iid}/notes` || routeId === `GET ${P}/merge_requests/{iid}/notes/{note_id}`)

  const faultReply = (fault: GitLabFault): CannedReply | undefined => {
    switch (fault.kind) {
      case 'server-error': {
        const status = fault.status ?? 500
        return message(status, status === 500 ? '500 Internal Server Error' : `${status} Bad Gateway`)
      }
      case 'rate-limit': {
        const after = fault.retryAfter ?? 1
        const reset = Math.floor(Date.now() / 1000) + after
        return {
          status: 429,
          text: 'Retry later\n',
          headers: {
            'retry-after': String(after),
            'ratelimit-name': 'throttle_authenticated_api',
            'ratelimit-limit': '60',
            'ratelimit-observed': '61',
            'ratelimit-remaining': '0',
            'ratelimit-reset': String(reset),
            'ratelimit-resettime': new Date(reset * 1000).toUTCString()
          }
        }
      }
      case 'not-found':
        return message(404, '404 Not found')
      case 'reply':
        return { status: fault.status, body: fault.body, headers: fault.headers }
      case 'delay':
        return undefined
    }
  }

  const answer = async (
    req: IncomingMessage,
    parsed: URL,
    method: string,
    body: unknown,
    match: ReturnType<typeof matchRoute<Ctx>>
  ): Promise<CannedReply> => {
    const job = req.headers['job-token']
    const bearer = /^bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]
    const privateToken = req.headers['private-token']
    const presented = [typeof privateToken === 'string' ? privateToken : undefined, bearer, typeof job === 'string' ? job : undefined].find(
      (t) => t !== undefined
    )
    const token = tokens.find((t) => t.token === presented && (t.kind === 'job') === (presented === job))
    if (!token) return message(401, '401 Unauthorized')
    if (match?.params.id !== undefined) {
      const id = match.params.id
      if (id !== String(projectId) && id !== projectPath) return message(404, '404 Project Not Found')
    }
    let fault = faults.take(match?.route.id ?? null)
    while (fault?.kind === 'delay') {
      await sleep(fault.ms)
      fault = faults.take(match?.route.id ?? null)
    }
    if (fault) {
      const canned = faultReply(fault)
      if (canned) return canned
    }
    if (!match) return message(404, '404 Not Found')
    if (token.kind === 'job' && !jobTokenMay(method, match.route.id)) return message(403, '403 Forbidden')
    if (token.access === 'read' && WRITE_METHODS.has(method)) return message(403, '403 Forbidden')
    // GitLab accepts a write's parameters in the query or the body: both are checked.
    const unknown = unknownParams(match.route.params, parsed.searchParams, method === 'GET' ? undefined : body)
    if (unknown.length > 0) return { status: 400, body: { error: `unknown parameter(s): ${unknown.join(', ')}` } }
    const merged: Record<string, unknown> = { ...Object.fromEntries(parsed.searchParams) }
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) Object.assign(merged, body)
    return match.route.handle(
      { query: parsed.searchParams, body: method === 'GET' ? {} : merged, token, path: parsed.pathname },
      match.params
    )
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const parsed = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = (req.method ?? 'GET').toUpperCase()
    const body = parseBody(await readBody(req), req.headers['content-type'])
    // Project paths arrive URL-encoded (acme%2Fpayments); match on the raw path so %2F stays one segment.
    const match = matchRoute(routes, method, parsed.pathname)
    const record: RecordedRequest = {
      method,
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      headers: headersWithout(req.headers, SECRET_HEADERS),
      body,
      route: match?.route.id ?? null,
      status: 0,
      at: Date.now() - started
    }
    requests.push(record)
    const reply = await answer(req, parsed, method, body, match)
    record.status = reply.status
    if (!match) unhandled.push(record)
    send(res, reply, { 'x-request-id': `fake-${requests.length}`, 'x-gitlab-meta': '{"correlation_id":"fake","version":"1"}' })
  }

  const listening = await listen((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, { status: 500, body: { message: `fake server bug: ${String(err)}` } }, {}))
  })
  root = listening.url

  return {
    url: listening.url,
    apiUrl: `${listening.url}/api/v4`,
    port: listening.port,
    projectId,
    projectPath,
    state,
    requests,
    unhandled,
    injectFault: ({ route: routeId, fault, times }) => faults.add(routeId, fault, times ?? 1),
    clearFaults: () => faults.clear(),
    writes: () => requests.filter((r) => WRITE_METHODS.has(r.method)),
    close: listening.close,
    git
  }
}
