/**
 * A stateful fake of the GitHub REST API (the endpoints Threatloop's action uses), served by
 * node:http on 127.0.0.1. Responses follow the shapes in openapi/github-subset.json; faults can be
 * injected per route to exercise retry, throttling and degraded paths.
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  type CannedReply,
  FaultBook,
  type FaultEntry,
  headersWithout,
  isoSeconds,
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

import { gitDataRoutes, storedTree } from './github-git-data.js'
import { GitObjectStore } from './git-objects.js'

export type { RecordedRequest } from './fake-http.js'

/** How a token behaves: who it acts as and whether writes are allowed. */
export interface FakeGitHubToken {
  token: string
  /** Login of the identity the token acts as (must be a known user). */
  login: string
  /** `read` answers writes with 403 "Resource not accessible by integration", like fork PR tokens. */
  access: 'write' | 'read'
  /** Installation tokens (GITHUB_TOKEN) get 403 on GET /user, as on GitHub; `user` tokens get the user. */
  kind: 'installation' | 'user'
}

export interface FakeGitHubUser {
  login: string
  id: number
  type: 'User' | 'Bot' | 'Organization'
  name?: string | null
}

export interface FakeGitHubOptions {
  owner?: string
  repo?: string
  defaultBranch?: string
  /** Replaces the default tokens (see DEFAULT_GITHUB_TOKENS). */
  tokens?: FakeGitHubToken[]
  /** Extra known users (valid assignees, comment authors). */
  users?: Array<Pick<FakeGitHubUser, 'login'> & Partial<FakeGitHubUser>>
  /** Repository files by ref (branch name or commit sha): { [ref]: { [path]: text } }. */
  files?: Record<string, Record<string, string>>
  /** x-ratelimit-limit; remaining counts down from it. */
  rateLimit?: number
  /** Base for html_url fields. */
  htmlBase?: string
  /** Clock used for timestamps (defaults to the real clock). */
  now?: () => Date
}

export const GITHUB_BOT_LOGIN = 'github-actions[bot]'

/** Tokens every fake accepts unless `options.tokens` replaces them. */
export const DEFAULT_GITHUB_TOKENS: FakeGitHubToken[] = [
  { token: 'ghs_write_token', login: GITHUB_BOT_LOGIN, access: 'write', kind: 'installation' },
  { token: 'ghs_read_only_token', login: GITHUB_BOT_LOGIN, access: 'read', kind: 'installation' },
  { token: 'ghp_maintainer_token', login: 'octo-maintainer', access: 'write', kind: 'user' }
]

export interface FakeIssue {
  id: number
  number: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  stateReason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null
  labels: string[]
  assignees: string[]
  author: string
  isPullRequest: boolean
  locked: boolean
  createdAt: string
  updatedAt: string
  closedAt: string | null
  closedBy: string | null
  /** Set by deleteIssue: every request on it answers this status. */
  deleted: 404 | 410 | null
}

export interface FakeComment {
  id: number
  issueNumber: number
  body: string
  author: string
  createdAt: string
  updatedAt: string
}

export interface FakeLabel {
  id: number
  name: string
  color: string
  description: string | null
  isDefault: boolean
}

export interface FakePullFile {
  filename: string
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged'
  previous_filename?: string
}

// ── approvals (#21): pull request reviews and organisation teams ──
export interface FakeReview {
  id: number
  pullNumber: number
  author: string
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING'
  body: string
  commitId: string | null
  submittedAt: string
}

export interface FakeTeam {
  id: number
  org: string
  slug: string
  name: string
  /** Members by login (lower case) with their membership state. */
  members: Map<string, 'active' | 'pending'>
}

/** GitHub lists at most this many files of a pull request; later pages come back empty. */
export const PULL_FILES_CAP = 3000
/** GitHub's compare API lists at most this many files for a whole comparison, on the first page only. */
export const COMPARE_FILES_CAP = 300

export type GitHubFault =
  | { kind: 'server-error'; status?: 500 | 502 | 503 | 504 }
  /** 403 with `retry-after` and the secondary-limit message. */
  | { kind: 'secondary-rate-limit'; retryAfter?: number }
  /** 403 with x-ratelimit-remaining: 0 and a reset `resetIn` seconds ahead. */
  | { kind: 'primary-rate-limit'; resetIn?: number }
  | { kind: 'not-found' }
  | { kind: 'validation'; errors?: Array<Record<string, unknown>>; message?: string }
  /** Waits, then answers normally. */
  | { kind: 'delay'; ms: number }
  | { kind: 'reply'; status: number; body?: unknown; headers?: Record<string, string> }

export interface InjectFaultOptions {
  /** Route template such as `POST /repos/{owner}/{repo}/issues/{issue_number}/comments`, or `*`. */
  route: string
  fault: GitHubFault
  /** How many matching requests the fault affects (default 1; Infinity = persistent). */
  times?: number
}

/** Mutable world of the fake; tests may seed it directly or through the helpers. */
export class FakeGitHubState {
  readonly issues = new Map<number, FakeIssue>()
  readonly comments = new Map<number, FakeComment>()
  readonly labels = new Map<string, FakeLabel>()
  readonly users = new Map<string, FakeGitHubUser>()
  readonly files = new Map<string, Map<string, string>>()
  /** Files each pull request changes (`GET /pulls/{n}/files`), in GitHub's order. */
  readonly pullFiles = new Map<number, FakePullFile[]>()
  /** Files a comparison lists (`GET /compare/{base}...{head}`), keyed `base...head`. */
  readonly compareFiles = new Map<string, FakePullFile[]>()
  // ── approvals (#21) ──
  readonly reviews: FakeReview[] = []
  /** Teams by `org/slug` (lower case). */
  readonly teams = new Map<string, FakeTeam>()
  private nextReviewId = 80_000_001
  private nextTeamId = 7_001
  rateRemaining: number
  private nextNumber = 1
  private nextIssueId = 1_000_001
  private nextCommentId = 2_200_000_001
  private nextLabelId = 5_000_001
  private nextUserId = 9_001

  constructor(
    readonly rateLimit: number,
    private readonly now: () => Date
  ) {
    this.rateRemaining = rateLimit
  }

  timestamp(): string {
    return isoSeconds(this.now())
  }

  addUser(user: Pick<FakeGitHubUser, 'login'> & Partial<FakeGitHubUser>): FakeGitHubUser {
    const full: FakeGitHubUser = { id: user.id ?? this.nextUserId++, type: user.type ?? 'User', name: user.name ?? null, login: user.login }
    this.users.set(full.login.toLowerCase(), full)
    return full
  }

  user(login: string): FakeGitHubUser | undefined {
    return this.users.get(login.toLowerCase())
  }

  label(name: string): FakeLabel | undefined {
    return this.labels.get(name.toLowerCase())
  }

  /** Returns the existing label or creates it with GitHub's default colour, as issue writes do. */
  ensureLabel(name: string, color = 'ededed', description: string | null = null): FakeLabel {
    const existing = this.label(name)
    if (existing) return existing
    const created: FakeLabel = { id: this.nextLabelId++, name, color, description, isDefault: false }
    this.labels.set(name.toLowerCase(), created)
    return created
  }

  seedIssue(seed: Partial<Omit<FakeIssue, 'id' | 'number'>> & { title: string }): FakeIssue {
    const at = this.timestamp()
    const issue: FakeIssue = {
      id: this.nextIssueId++,
      number: this.nextNumber++,
      body: null,
      state: 'open',
      stateReason: null,
      labels: [],
      assignees: [],
      author: 'octo-maintainer',
      isPullRequest: false,
      locked: false,
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      closedBy: null,
      deleted: null,
      ...seed
    }
    if (issue.state === 'closed' && issue.closedAt === null) issue.closedAt = at
    issue.labels = issue.labels.map((name) => this.ensureLabel(name).name)
    this.issues.set(issue.number, issue)
    return issue
  }

  /** A pull request shares the issue number space and appears in issue listings with `pull_request`. */
  seedPullRequest(seed: Partial<Omit<FakeIssue, 'id' | 'number' | 'isPullRequest'>> & { title: string }): FakeIssue {
    return this.seedIssue({ ...seed, isPullRequest: true })
  }

  /** The files a pull request changes, as `GET /repos/{o}/{r}/pulls/{n}/files` lists them. */
  setPullFiles(number: number, files: ReadonlyArray<string | FakePullFile>): void {
    this.pullFiles.set(
      number,
      files.map((f) => (typeof f === 'string' ? { filename: f, status: 'modified' } : f))
    )
  }

  /** The files `GET /repos/{o}/{r}/compare/{base}...{head}` lists (commits of seeded refs otherwise 404). */
  setCompareFiles(base: string, head: string, files: ReadonlyArray<string | FakePullFile>): void {
    this.compareFiles.set(
      `${base}...${head}`,
      files.map((f) => (typeof f === 'string' ? { filename: f, status: 'modified' } : f))
    )
  }

  seedComment(issueNumber: number, seed: { body: string; author?: string }): FakeComment {
    const at = this.timestamp()
    const comment: FakeComment = {
      id: this.nextCommentId++,
      issueNumber,
      body: seed.body,
      author: seed.author ?? 'octo-reviewer',
      createdAt: at,
      updatedAt: at
    }
    this.comments.set(comment.id, comment)
    return comment
  }

  // ── approvals (#21) ──
  /** A review on a pull request (GitHub lists them oldest first); `APPROVED` on `commitId`. */
  seedReview(
    pullNumber: number,
    seed: { author: string; state?: FakeReview['state']; commitId?: string | null; body?: string }
  ): FakeReview {
    if (!this.user(seed.author)) this.addUser({ login: seed.author })
    const review: FakeReview = {
      id: this.nextReviewId++,
      pullNumber,
      author: seed.author,
      state: seed.state ?? 'APPROVED',
      body: seed.body ?? '',
      commitId: seed.commitId === undefined ? null : seed.commitId,
      submittedAt: this.timestamp()
    }
    this.reviews.push(review)
    return review
  }

  /** An organisation team with its members (`active` unless said otherwise). */
  addTeam(org: string, slug: string, members: ReadonlyArray<string | { login: string; state: 'active' | 'pending' }>): FakeTeam {
    const team: FakeTeam = { id: this.nextTeamId++, org, slug, name: slug, members: new Map() }
    for (const m of members) {
      const login = typeof m === 'string' ? m : m.login
      if (!this.user(login)) this.addUser({ login })
      team.members.set(login.toLowerCase(), typeof m === 'string' ? 'active' : m.state)
    }
    this.teams.set(`${org}/${slug}`.toLowerCase(), team)
    return team
  }

  /** Later requests on this issue get 404 (or 410 Gone, as github.com answers for deleted issues). */
  deleteIssue(number: number, status: 404 | 410 = 404): void {
    const issue = this.issues.get(number)
    if (issue) issue.deleted = status
  }

  setFile(ref: string, path: string, content: string): void {
    let tree = this.files.get(ref)
    if (!tree) {
      tree = new Map()
      this.files.set(ref, tree)
    }
    tree.set(path, content)
  }

  commentsOn(issueNumber: number): FakeComment[] {
    return [...this.comments.values()].filter((c) => c.issueNumber === issueNumber).sort((a, b) => a.id - b.id)
  }

  /** Issues only (no pull requests), in number order. */
  plainIssues(): FakeIssue[] {
    return [...this.issues.values()].filter((i) => !i.isPullRequest && i.deleted === null).sort((a, b) => a.number - b.number)
  }
}

export interface FakeGitHub {
  url: string
  port: number
  owner: string
  repo: string
  state: FakeGitHubState
  requests: RecordedRequest[]
  /** Requests no route handled (useful to spot an adapter calling an endpoint the fake lacks). */
  unhandled: RecordedRequest[]
  injectFault: (options: InjectFaultOptions) => FaultEntry<GitHubFault>
  clearFaults: () => void
  /** Requests made with a write method (POST/PATCH/PUT/DELETE). */
  writes: () => RecordedRequest[]
  close: () => Promise<void>
  /** Git objects and branches written through the Git Data API (see github-git-data.ts). */
  git: GitObjectStore
}

const DOCS = 'https://docs.github.com/rest'
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'x-github-token'])
const MAX_BODY = 65536
const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.'

interface Ctx {
  req: IncomingMessage
  query: URLSearchParams
  body: unknown
  token: FakeGitHubToken
  path: string
}

type Json = Record<string, unknown>

function error(status: number, message: string, doc = DOCS): CannedReply {
  return { status, body: { message, documentation_url: doc, status: String(status) } }
}

function validationFailed(errors: Array<Record<string, unknown>>, doc = DOCS, message = 'Validation Failed'): CannedReply {
  return { status: 422, body: { message, errors, documentation_url: doc } }
}

function asObject(body: unknown): Json {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : {}
}

/** A request value as text for error messages (strings as-is, anything else as JSON). */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '')
}

function gitBlobSha(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex')
}

/** Starts the fake on 127.0.0.1:<ephemeral port>. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const owner = options.owner ?? 'octo-org'
  const repo = options.repo ?? 'payments'
  const defaultBranch = options.defaultBranch ?? 'main'
  const htmlBase = options.htmlBase ?? 'https://github.com'
  const tokens = options.tokens ?? DEFAULT_GITHUB_TOKENS
  const now = options.now ?? (() => new Date())
  const started = Date.now()
  const state = new FakeGitHubState(options.rateLimit ?? 1000, now)
  const faults = new FaultBook<GitHubFault>()
  const requests: RecordedRequest[] = []
  const unhandled: RecordedRequest[] = []
  let api = ''

  state.addUser({ login: GITHUB_BOT_LOGIN, id: 41898282, type: 'Bot' })
  state.addUser({ login: owner, id: 5_000, type: 'Organization' })
  state.addUser({ login: 'octo-maintainer', id: 1_001, name: 'Octo Maintainer' })
  state.addUser({ login: 'octo-reviewer', id: 1_002, name: 'Octo Reviewer' })
  for (const user of options.users ?? []) state.addUser(user)
  for (const t of tokens) if (!state.user(t.login)) state.addUser({ login: t.login })
  for (const [ref, tree] of Object.entries(options.files ?? {})) for (const [p, text] of Object.entries(tree)) state.setFile(ref, p, text)

  const repoApi = (): string => `${api}/repos/${owner}/${repo}`
  // History store (issue 19): the Git Data API on a small object store.
  const git = new GitObjectStore(now)
  const gitData = {
    store: git,
    api: () => api,
    owner,
    repo,
    htmlBase,
    onBranchChange: (branch: string, files: Map<string, string>) => void state.files.set(branch, new Map(files))
  }
  const repoHtml = (): string => `${htmlBase}/${owner}/${repo}`

  const userJson = (login: string): Json => {
    const u = state.user(login) ?? state.addUser({ login })
    const apiUser = `${api}/users/${encodeURIComponent(u.login)}`
    const isBot = u.type === 'Bot'
    return {
      login: u.login,
      id: u.id,
      node_id: Buffer.from(`04:${u.type}${u.id}`).toString('base64'),
      avatar_url: isBot ? 'https://avatars.githubusercontent.com/in/15368?v=4' : `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
      gravatar_id: '',
      url: apiUser,
      html_url: isBot ? `${htmlBase}/apps/${u.login.replace(/\[bot\]$/, '')}` : `${htmlBase}/${u.login}`,
      followers_url: `${apiUser}/followers`,
      following_url: `${apiUser}/following{/other_user}`,
      gists_url: `${apiUser}/gists{/gist_id}`,
      starred_url: `${apiUser}/starred{/owner}{/repo}`,
      subscriptions_url: `${apiUser}/subscriptions`,
      organizations_url: `${apiUser}/orgs`,
      repos_url: `${apiUser}/repos`,
      events_url: `${apiUser}/events{/privacy}`,
      received_events_url: `${apiUser}/received_events`,
      type: u.type,
      user_view_type: 'public',
      site_admin: false
    }
  }

  const labelJson = (l: FakeLabel): Json => ({
    id: l.id,
    node_id: Buffer.from(`010:Label${l.id}`).toString('base64'),
    url: `${repoApi()}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: l.isDefault,
    description: l.description
  })

  const reactions = (url: string): Json => ({
    url: `${url}/reactions`,
    total_count: 0,
    '+1': 0,
    '-1': 0,
    laugh: 0,
    hooray: 0,
    confused: 0,
    heart: 0,
    rocket: 0,
    eyes: 0
  })

  const association = (login: string): string => {
    if (state.user(login)?.type === 'Bot') return 'NONE'
    return login === 'octo-maintainer' ? 'MEMBER' : 'CONTRIBUTOR'
  }

  const issueJson = (i: FakeIssue, single: boolean): Json => {
    const url = `${repoApi()}/issues/${i.number}`
    const assignees = i.assignees.map(userJson)
    const json: Json = {
      url,
      repository_url: repoApi(),
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: `${repoHtml()}/${i.isPullRequest ? 'pull' : 'issues'}/${i.number}`,
      id: i.id,
      node_id: `${i.isPullRequest ? 'PR' : 'I'}_kwDOFake${i.id}`,
      number: i.number,
      title: i.title,
      user: userJson(i.author),
      labels: i.labels.map((name) => labelJson(state.ensureLabel(name))),
      state: i.state,
      locked: i.locked,
      assignee: assignees[0] ?? null,
      assignees,
      milestone: null,
      comments: state.commentsOn(i.number).length,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      closed_at: i.closedAt,
      author_association: association(i.author),
      active_lock_reason: null,
      body: i.body,
      reactions: reactions(url),
      timeline_url: `${url}/timeline`,
      performed_via_github_app: null,
      state_reason: i.stateReason
    }
    if (i.isPullRequest) {
      json.draft = false
      json.pull_request = {
        url: `${repoApi()}/pulls/${i.number}`,
        html_url: `${repoHtml()}/pull/${i.number}`,
        diff_url: `${repoHtml()}/pull/${i.number}.diff`,
        patch_url: `${repoHtml()}/pull/${i.number}.patch`,
        merged_at: null
      }
    }
    if (single) json.closed_by = i.closedBy ? userJson(i.closedBy) : null
    return json
  }

  const commentJson = (c: FakeComment): Json => {
    const url = `${repoApi()}/issues/comments/${c.id}`
    const issue = state.issues.get(c.issueNumber)
    return {
      url,
      html_url: `${repoHtml()}/${issue?.isPullRequest ? 'pull' : 'issues'}/${c.issueNumber}#issuecomment-${c.id}`,
      issue_url: `${repoApi()}/issues/${c.issueNumber}`,
      id: c.id,
      node_id: `IC_kwDOFake${c.id}`,
      user: userJson(c.author),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: association(c.author),
      body: c.body,
      reactions: reactions(url),
      performed_via_github_app: null
    }
  }

  // ── approvals (#21) ──
  const reviewJson = (r: FakeReview): Json => {
    const pull = `${repoApi()}/pulls/${r.pullNumber}`
    const html = `${repoHtml()}/pull/${r.pullNumber}#pullrequestreview-${r.id}`
    return {
      id: r.id,
      node_id: `PRR_kwDOFake${r.id}`,
      user: userJson(r.author),
      body: r.body,
      state: r.state,
      html_url: html,
      pull_request_url: pull,
      author_association: association(r.author),
      _links: { html: { href: html }, pull_request: { href: pull } },
      ...(r.state === 'PENDING' ? {} : { submitted_at: r.submittedAt }),
      commit_id: r.commitId
    }
  }

  const repositoryJson = (token: FakeGitHubToken): Json => {
    const base = repoApi()
    const html = repoHtml()
    const at = '2024-01-15T10:00:00Z'
    const write = token.access === 'write'
    return {
      id: 700_001,
      node_id: 'R_kgDOFake700001',
      name: repo,
      full_name: `${owner}/${repo}`,
      private: false,
      owner: userJson(owner),
      html_url: html,
      description: 'Fake repository served by the Threatloop test fake',
      fork: false,
      url: base,
      archive_url: `${base}/{archive_format}{/ref}`,
      assignees_url: `${base}/assignees{/user}`,
      blobs_url: `${base}/git/blobs{/sha}`,
      branches_url: `${base}/branches{/branch}`,
      collaborators_url: `${base}/collaborators{/collaborator}`,
      comments_url: `${base}/comments{/number}`,
      commits_url: `${base}/commits{/sha}`,
      compare_url: `${base}/compare/{base}...{head}`,
      contents_url: `${base}/contents/{+path}`,
      contributors_url: `${base}/contributors`,
      deployments_url: `${base}/deployments`,
      downloads_url: `${base}/downloads`,
      events_url: `${base}/events`,
      forks_url: `${base}/forks`,
      git_commits_url: `${base}/git/commits{/sha}`,
      git_refs_url: `${base}/git/refs{/sha}`,
      git_tags_url: `${base}/git/tags{/sha}`,
      git_url: `git://github.com/${owner}/${repo}.git`,
      issue_comment_url: `${base}/issues/comments{/number}`,
      issue_events_url: `${base}/issues/events{/number}`,
      issues_url: `${base}/issues{/number}`,
      keys_url: `${base}/keys{/key_id}`,
      labels_url: `${base}/labels{/name}`,
      languages_url: `${base}/languages`,
      merges_url: `${base}/merges`,
      milestones_url: `${base}/milestones{/number}`,
      notifications_url: `${base}/notifications{?since,all,participating}`,
      pulls_url: `${base}/pulls{/number}`,
      releases_url: `${base}/releases{/id}`,
      ssh_url: `git@github.com:${owner}/${repo}.git`,
      stargazers_url: `${base}/stargazers`,
      statuses_url: `${base}/statuses/{sha}`,
      subscribers_url: `${base}/subscribers`,
      subscription_url: `${base}/subscription`,
      tags_url: `${base}/tags`,
      teams_url: `${base}/teams`,
      trees_url: `${base}/git/trees{/sha}`,
      clone_url: `${html}.git`,
      mirror_url: null,
      hooks_url: `${base}/hooks`,
      svn_url: html,
      homepage: null,
      language: 'TypeScript',
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      size: 128,
      default_branch: defaultBranch,
      open_issues_count: state.plainIssues().filter((i) => i.state === 'open').length,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: true,
      has_wiki: false,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: 'public',
      pushed_at: at,
      created_at: at,
      updated_at: at,
      permissions: { admin: false, maintain: false, push: write, triage: write, pull: true },
      license: null,
      forks: 0,
      open_issues: state.plainIssues().filter((i) => i.state === 'open').length,
      watchers: 0,
      network_count: 0,
      subscribers_count: 0
    }
  }

  /** One entry of a file listing (pull request files, comparisons): GitHub's diff-entry. */
  const diffEntry = (f: FakePullFile, key: string, i: number): Json => {
    const sha = createHash('sha1').update(`${key}:${f.filename}:${i}`).digest('hex')
    const path = f.filename.split('/').map(encodeURIComponent).join('/')
    return {
      sha,
      filename: f.filename,
      status: f.status,
      additions: f.status === 'removed' ? 0 : 1,
      deletions: f.status === 'added' ? 0 : 1,
      changes: f.status === 'added' || f.status === 'removed' ? 1 : 2,
      blob_url: `https://github.com/${owner}/${repo}/blob/${sha}/${path}`,
      raw_url: `https://github.com/${owner}/${repo}/raw/${sha}/${path}`,
      contents_url: `${repoApi()}/contents/${path}?ref=${sha}`,
      patch: '@@ -1 +1 @@\n-old\n+new',
      ...(f.previous_filename ? { previous_filename: f.previous_filename } : {})
    }
  }

  /** A commit as the commits and compare APIs show it (`parent` when one is named). */
  const commitJson = (sha: string, parent?: string): Json => {
    const at = '2026-10-01T12:00:00Z'
    const person = { name: 'Octo Dev', email: 'dev@example.com', date: at }
    return {
      url: `${repoApi()}/commits/${sha}`,
      sha,
      node_id: Buffer.from(`Commit:${sha}`).toString('base64'),
      html_url: `https://github.com/${owner}/${repo}/commit/${sha}`,
      comments_url: `${repoApi()}/commits/${sha}/comments`,
      commit: {
        url: `${repoApi()}/git/commits/${sha}`,
        author: person,
        committer: person,
        message: 'Change',
        comment_count: 0,
        tree: { sha: createHash('sha1').update(`tree:${sha}`).digest('hex'), url: `${repoApi()}/git/trees/${sha}` }
      },
      author: null,
      committer: null,
      parents: parent
        ? [{ sha: parent, url: `${repoApi()}/commits/${parent}`, html_url: `https://github.com/${owner}/${repo}/commit/${parent}` }]
        : []
    }
  }

  /** Pages a listing and sets the Link header the way GitHub does (no last/next on the last page). */
  const paginate = (ctx: Ctx, items: Json[]): CannedReply => {
    const perPage = Math.min(Math.max(Number.parseInt(ctx.query.get('per_page') ?? '30', 10) || 30, 1), 100)
    const page = Math.max(Number.parseInt(ctx.query.get('page') ?? '1', 10) || 1, 1)
    const last = Math.max(Math.ceil(items.length / perPage), 1)
    const slice = items.slice((page - 1) * perPage, page * perPage)
    const link = (p: number): string => {
      const q = new URLSearchParams(ctx.query)
      q.set('per_page', String(perPage))
      q.set('page', String(p))
      return `<${api}${ctx.path}?${q.toString()}>`
    }
    const rels: string[] = []
    if (page > 1) rels.push(`${link(page - 1)}; rel="prev"`)
    if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`)
    if (page > 1) rels.push(`${link(1)}; rel="first"`)
    return { status: 200, body: slice, headers: rels.length > 0 ? { link: rels.join(', ') } : {} }
  }

  const issueOr404 = (numberText: string): FakeIssue | CannedReply => {
    const issue = state.issues.get(Number(numberText))
    if (!issue) return error(404, 'Not Found', `${DOCS}/issues/issues#get-an-issue`)
    if (issue.deleted === 410) return error(410, 'This issue was deleted', `${DOCS}/issues/issues#get-an-issue`)
    if (issue.deleted === 404) return error(404, 'Not Found', `${DOCS}/issues/issues#get-an-issue`)
    return issue
  }
  const isReply = (x: FakeIssue | CannedReply): x is CannedReply => 'status' in x && !('number' in x)

  const bodyTooLong = (resource: string, doc: string): CannedReply =>
    validationFailed([{ resource, code: 'custom', field: 'body', message: `body is too long (maximum is ${MAX_BODY} characters)` }], doc)

  /** Validates assignees against known users, as GitHub does for non-collaborators. */
  const invalidAssignees = (names: unknown, doc: string): CannedReply | undefined => {
    if (names === undefined) return undefined
    if (!Array.isArray(names)) return validationFailed([{ resource: 'Issue', code: 'invalid', field: 'assignees' }], doc)
    const bad: unknown = names.find((n) => typeof n !== 'string' || state.user(n)?.type !== 'User')
    if (bad === undefined) return undefined
    return validationFailed(
      [{ value: JSON.stringify(bad).replace(/^"|"$/g, ''), resource: 'Issue', field: 'assignees', code: 'invalid' }],
      doc
    )
  }

  const labelNames = (raw: unknown): string[] | undefined => {
    if (!Array.isArray(raw)) return undefined
    return raw.map((l) => (typeof l === 'string' ? l : textOf(asObject(l).name))).filter((n) => n !== '')
  }

  const routes: Route<Ctx>[] = [
    ...gitDataRoutes(gitData),
    route('GET /repos/{owner}/{repo}', (ctx) => ({ status: 200, body: repositoryJson(ctx.token) }), {}),

    route(
      'GET /user',
      (ctx) => {
        if (ctx.token.kind === 'installation')
          return error(403, 'Resource not accessible by integration', `${DOCS}/users/users#get-the-authenticated-user`)
        return { status: 200, body: userJson(ctx.token.login) }
      },
      {}
    ),

    route(
      'GET /users/{username}',
      (_ctx, p) => {
        const u = state.user(p.username)
        if (!u) return error(404, 'Not Found', `${DOCS}/users/users#get-a-user`)
        return { status: 200, body: userJson(u.login) }
      },
      {}
    ),

    route(
      'GET /repos/{owner}/{repo}/issues',
      (ctx) => {
        const wantedState = ctx.query.get('state') ?? 'open'
        const wantedLabels = (ctx.query.get('labels') ?? '')
          .split(',')
          .map((l) => l.trim().toLowerCase())
          .filter((l) => l !== '')
        const creator = ctx.query.get('creator')?.toLowerCase()
        const sort = ctx.query.get('sort') ?? 'created'
        const direction = ctx.query.get('direction') ?? 'desc'
        const items = [...state.issues.values()]
          .filter((i) => i.deleted === null)
          .filter((i) => wantedState === 'all' || i.state === wantedState)
          .filter((i) => wantedLabels.every((w) => i.labels.some((l) => l.toLowerCase() === w)))
          .filter((i) => creator === undefined || i.author.toLowerCase() === creator)
          .sort((a, b) => {
            const key = sort === 'updated' ? a.updatedAt.localeCompare(b.updatedAt) : 0
            const order = key !== 0 ? key : a.number - b.number
            return direction === 'asc' ? order : -order
          })
        return paginate(
          ctx,
          items.map((i) => issueJson(i, false))
        )
      },
      {
        query: [
          'milestone',
          'state',
          'assignee',
          'type',
          'creator',
          'mentioned',
          'labels',
          'sort',
          'direction',
          'since',
          'per_page',
          'page'
        ]
      }
    ),

    route(
      'POST /repos/{owner}/{repo}/issues',
      (ctx) => {
        const doc = `${DOCS}/issues/issues#create-an-issue`
        const b = asObject(ctx.body)
        if (typeof b.title !== 'string' || b.title === '')
          return validationFailed([{ resource: 'Issue', code: 'missing_field', field: 'title' }], doc)
        if (typeof b.body === 'string' && b.body.length > MAX_BODY) return bodyTooLong('Issue', doc)
        const assignees = b.assignees ?? (typeof b.assignee === 'string' ? [b.assignee] : undefined)
        const invalid = invalidAssignees(assignees, doc)
        if (invalid) return invalid
        const issue = state.seedIssue({
          title: b.title,
          body: typeof b.body === 'string' ? b.body : null,
          labels: labelNames(b.labels) ?? [],
          assignees: (assignees as string[] | undefined)?.map((a) => state.user(a)?.login ?? a) ?? [],
          author: ctx.token.login
        })
        return { status: 201, body: issueJson(issue, true), headers: { location: `${repoApi()}/issues/${issue.number}` } }
      },
      { body: ['title', 'body', 'assignee', 'milestone', 'labels', 'assignees', 'type'] }
    ),

    route(
      'GET /repos/{owner}/{repo}/issues/{issue_number}',
      (_ctx, p) => {
        const issue = issueOr404(p.issue_number)
        return isReply(issue) ? issue : { status: 200, body: issueJson(issue, true) }
      },
      {}
    ),

    route(
      'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
      (ctx, p) => {
        const doc = `${DOCS}/issues/issues#update-an-issue`
        const issue = issueOr404(p.issue_number)
        if (isReply(issue)) return issue
        const b = asObject(ctx.body)
        if (b.title !== undefined && (typeof b.title !== 'string' || b.title === '')) {
          return validationFailed([{ resource: 'Issue', code: 'missing_field', field: 'title' }], doc)
        }
        if (typeof b.body === 'string' && b.body.length > MAX_BODY) return bodyTooLong('Issue', doc)
        if (b.state !== undefined && b.state !== 'open' && b.state !== 'closed') {
          return validationFailed([{ resource: 'Issue', code: 'invalid', field: 'state', value: textOf(b.state) }], doc)
        }
        const reasons = ['completed', 'not_planned', 'reopened', 'duplicate', null]
        if (b.state_reason !== undefined && !reasons.includes(b.state_reason as string | null)) {
          return validationFailed([{ resource: 'Issue', code: 'invalid', field: 'state_reason', value: textOf(b.state_reason) }], doc)
        }
        const invalid = invalidAssignees(b.assignees, doc)
        if (invalid) return invalid
        const at = state.timestamp()
        if (typeof b.title === 'string') issue.title = b.title
        if (b.body !== undefined) issue.body = typeof b.body === 'string' ? b.body : null
        const labels = labelNames(b.labels)
        if (labels) issue.labels = labels.map((n) => state.ensureLabel(n).name)
        if (Array.isArray(b.assignees)) issue.assignees = (b.assignees as string[]).map((a) => state.user(a)?.login ?? a)
        if (b.state === 'closed' && issue.state === 'open') {
          issue.state = 'closed'
          issue.closedAt = at
          issue.closedBy = ctx.token.login
          issue.stateReason = (b.state_reason as FakeIssue['stateReason'] | undefined) ?? 'completed'
        } else if (b.state === 'open' && issue.state === 'closed') {
          issue.state = 'open'
          issue.closedAt = null
          issue.closedBy = null
          issue.stateReason = 'reopened'
        } else if (b.state_reason !== undefined && issue.state === 'closed') {
          issue.stateReason = b.state_reason as FakeIssue['stateReason']
        }
        issue.updatedAt = at
        return { status: 200, body: issueJson(issue, true) }
      },
      { body: ['title', 'body', 'assignee', 'state', 'state_reason', 'milestone', 'labels', 'assignees', 'type'] }
    ),

    route(
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      (ctx, p) => {
        const issue = issueOr404(p.issue_number)
        if (isReply(issue)) return issue
        const since = ctx.query.get('since')
        const items = state.commentsOn(issue.number).filter((c) => since === null || c.updatedAt >= since)
        return paginate(ctx, items.map(commentJson))
      },
      { query: ['since', 'per_page', 'page'] }
    ),

    route(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      (ctx, p) => {
        const doc = `${DOCS}/issues/comments#create-an-issue-comment`
        const issue = issueOr404(p.issue_number)
        if (isReply(issue)) return issue
        const b = asObject(ctx.body)
        if (typeof b.body !== 'string' || b.body === '')
          return validationFailed([{ resource: 'IssueComment', code: 'missing_field', field: 'body' }], doc)
        if (b.body.length > MAX_BODY) return bodyTooLong('IssueComment', doc)
        const comment = state.seedComment(issue.number, { body: b.body, author: ctx.token.login })
        issue.updatedAt = comment.createdAt
        return { status: 201, body: commentJson(comment), headers: { location: `${repoApi()}/issues/comments/${comment.id}` } }
      },
      { body: ['body'] }
    ),

    route(
      'GET /repos/{owner}/{repo}/issues/comments/{comment_id}',
      (_ctx, p) => {
        const comment = state.comments.get(Number(p.comment_id))
        if (!comment) return error(404, 'Not Found', `${DOCS}/issues/comments#get-an-issue-comment`)
        return { status: 200, body: commentJson(comment) }
      },
      {}
    ),

    route(
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
      (ctx, p) => {
        const doc = `${DOCS}/issues/comments#update-an-issue-comment`
        const comment = state.comments.get(Number(p.comment_id))
        if (!comment) return error(404, 'Not Found', doc)
        const b = asObject(ctx.body)
        if (typeof b.body !== 'string' || b.body === '')
          return validationFailed([{ resource: 'IssueComment', code: 'missing_field', field: 'body' }], doc)
        if (b.body.length > MAX_BODY) return bodyTooLong('IssueComment', doc)
        comment.body = b.body
        comment.updatedAt = state.timestamp()
        return { status: 200, body: commentJson(comment) }
      },
      { body: ['body'] }
    ),

    route(
      'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
      (_ctx, p) => {
        if (!state.comments.delete(Number(p.comment_id))) return error(404, 'Not Found', `${DOCS}/issues/comments#delete-an-issue-comment`)
        return { status: 204 }
      },
      {}
    ),

    route('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', (ctx, p) => {
      const stored = storedTree(gitData, p.tree_sha)
      if (stored) return stored
      // Trees are served for refs seeded with files (a commit SHA names its tree here); only recursive listings.
      const tree = state.files.get(p.tree_sha)
      if (!tree) return error(404, 'Not Found', `${DOCS}/git/trees#get-a-tree`)
      const blob = (path: string, text: string): Json => {
        const sha = createHash('sha1')
          .update(`blob ${Buffer.byteLength(text)}\0${text}`)
          .digest('hex')
        return { path, mode: '100644', type: 'blob', sha, size: Buffer.byteLength(text), url: `${repoApi()}/git/blobs/${sha}` }
      }
      const entries = [...tree.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([path, text]) => blob(path, text))
      return {
        status: 200,
        body: {
          sha: p.tree_sha,
          url: `${repoApi()}/git/trees/${p.tree_sha}`,
          tree: ctx.query.get('recursive') ? entries : entries.filter((e) => !String((e as { path: string }).path).includes('/')),
          truncated: false
        }
      }
    }),

    route('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', (ctx, p) => {
      const number = Number(p.pull_number)
      const pr = state.issues.get(number)
      if (!pr || !pr.isPullRequest || pr.deleted !== null) return error(404, 'Not Found', `${DOCS}/pulls/pulls#list-pull-requests-files`)
      const files = (state.pullFiles.get(number) ?? []).slice(0, PULL_FILES_CAP)
      return paginate(
        ctx,
        files.map((f, i) => diffEntry(f, String(number), i))
      )
    }),

    // ── approvals (#21) ──
    route(
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      (ctx, p) => {
        const number = Number(p.pull_number)
        const pr = state.issues.get(number)
        if (!pr || !pr.isPullRequest || pr.deleted !== null)
          return error(404, 'Not Found', `${DOCS}/pulls/reviews#list-reviews-for-a-pull-request`)
        // Pending reviews are visible to their author only.
        const items = state.reviews.filter((r) => r.pullNumber === number && (r.state !== 'PENDING' || r.author === ctx.token.login))
        return paginate(
          ctx,
          items.map((r) => reviewJson(r))
        )
      },
      { query: ['per_page', 'page'] }
    ),

    route('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', (ctx, p) => {
      const doc = `${DOCS}/teams/members#get-team-membership-for-a-user`
      // The workflow's GITHUB_TOKEN (an installation token without organisation permissions) may not read teams.
      if (ctx.token.kind === 'installation') return error(403, 'Resource not accessible by integration', doc)
      const team = state.teams.get(`${p.org}/${p.team_slug}`.toLowerCase())
      const membership = team?.members.get(p.username.toLowerCase())
      if (!team || !membership) return error(404, 'Not Found', doc)
      return {
        status: 200,
        body: { url: `${api}/organizations/${5_000}/team/${team.id}/memberships/${p.username}`, role: 'member', state: membership }
      }
    }),

    route('GET /orgs/{org}/teams/{team_slug}', (ctx, p) => {
      const doc = `${DOCS}/teams/teams#get-a-team-by-name`
      if (ctx.token.kind === 'installation') return error(403, 'Resource not accessible by integration', doc)
      const team = state.teams.get(`${p.org}/${p.team_slug}`.toLowerCase())
      if (!team) return error(404, 'Not Found', doc)
      const url = `${api}/organizations/5000/team/${team.id}`
      return {
        status: 200,
        body: {
          id: team.id,
          node_id: Buffer.from(`04:Team${team.id}`).toString('base64'),
          url,
          html_url: `${htmlBase}/orgs/${team.org}/teams/${team.slug}`,
          name: team.name,
          slug: team.slug,
          description: null,
          privacy: 'closed',
          notification_setting: 'notifications_enabled',
          permission: 'pull',
          members_url: `${url}/members{/member}`,
          repositories_url: `${url}/repos`,
          parent: null,
          members_count: [...team.members.values()].filter((m) => m === 'active').length,
          repos_count: 1,
          created_at: '2024-01-15T10:00:00Z',
          updated_at: '2024-01-15T10:00:00Z',
          organization: { login: team.org, id: 5_000, node_id: 'O_kgDOFake5000', url: `${api}/orgs/${team.org}`, type: 'Organization' },
          type: 'organization',
          organization_id: 5_000
        }
      }
    }),

    route(
      'GET /repos/{owner}/{repo}/compare/{basehead}',
      (ctx, p) => {
        // Three-dot comparisons of commits seeded with setCompareFiles. With paging parameters the
        // commits are paged and the files (at most 300 for the whole comparison) come on page 1 only.
        const files = state.compareFiles.get(p.basehead)
        const [base, head] = p.basehead.split('...')
        if (!files || !base || !head) return error(404, 'Not Found', `${DOCS}/commits/commits#compare-two-commits`)
        const page = Math.max(Number.parseInt(ctx.query.get('page') ?? '1', 10) || 1, 1)
        const perPage = Math.min(Math.max(Number.parseInt(ctx.query.get('per_page') ?? '250', 10) || 250, 1), 250)
        const commits = [commitJson(head, base)].slice((page - 1) * perPage, page * perPage)
        return {
          status: 200,
          body: {
            url: `${repoApi()}/compare/${p.basehead}`,
            html_url: `https://github.com/${owner}/${repo}/compare/${p.basehead}`,
            permalink_url: `https://github.com/${owner}/${repo}/compare/${owner}:${base}...${owner}:${head}`,
            diff_url: `https://github.com/${owner}/${repo}/compare/${p.basehead}.diff`,
            patch_url: `https://github.com/${owner}/${repo}/compare/${p.basehead}.patch`,
            base_commit: commitJson(base),
            merge_base_commit: commitJson(base),
            status: 'ahead',
            ahead_by: 1,
            behind_by: 0,
            total_commits: 1,
            commits,
            ...(page === 1 ? { files: files.slice(0, COMPARE_FILES_CAP).map((f, i) => diffEntry(f, p.basehead, i)) } : {})
          }
        }
      },
      { query: ['per_page', 'page'] }
    ),

    route(
      'GET /repos/{owner}/{repo}/labels',
      (ctx) => paginate(ctx, [...state.labels.values()].sort((a, b) => a.name.localeCompare(b.name)).map(labelJson)),
      { query: ['per_page', 'page'] }
    ),

    route(
      'POST /repos/{owner}/{repo}/labels',
      (ctx) => {
        const doc = `${DOCS}/issues/labels#create-a-label`
        const b = asObject(ctx.body)
        if (typeof b.name !== 'string' || b.name === '')
          return validationFailed([{ resource: 'Label', code: 'missing_field', field: 'name' }], doc)
        if (state.label(b.name)) return validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }], doc)
        const color = typeof b.color === 'string' ? b.color.replace(/^#/, '') : 'ededed'
        if (!/^[0-9a-fA-F]{6}$/.test(color)) return validationFailed([{ resource: 'Label', code: 'invalid', field: 'color' }], doc)
        const label = state.ensureLabel(b.name, color.toLowerCase(), typeof b.description === 'string' ? b.description : null)
        return { status: 201, body: labelJson(label), headers: { location: `${repoApi()}/labels/${encodeURIComponent(label.name)}` } }
      },
      { body: ['name', 'color', 'description'] }
    ),

    route('GET /repos/{owner}/{repo}/labels/{name}', (_ctx, p) => {
      const label = state.label(p.name)
      if (!label) return error(404, 'Not Found', `${DOCS}/issues/labels#get-a-label`)
      return { status: 200, body: labelJson(label) }
    }),

    route('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', (ctx, p) => {
      const issue = issueOr404(p.issue_number)
      if (isReply(issue)) return issue
      const raw = Array.isArray(ctx.body) ? ctx.body : asObject(ctx.body).labels
      const names = labelNames(raw)
      if (!names)
        return validationFailed([{ resource: 'Label', code: 'invalid', field: 'labels' }], `${DOCS}/issues/labels#add-labels-to-an-issue`)
      for (const name of names) {
        const label = state.ensureLabel(name)
        if (!issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) issue.labels.push(label.name)
      }
      issue.updatedAt = state.timestamp()
      return { status: 200, body: issue.labels.map((n) => labelJson(state.ensureLabel(n))) }
    }),

    route(
      'GET /repos/{owner}/{repo}/contents/{path+}',
      (ctx, p) => {
        const ref = ctx.query.get('ref') ?? defaultBranch
        const text = state.files.get(ref)?.get(p.path)
        if (text === undefined) return error(404, 'Not Found', `${DOCS}/repos/contents#get-repository-content`)
        const bytes = Buffer.from(text, 'utf8')
        const sha = gitBlobSha(bytes)
        const self = `${repoApi()}/contents/${p.path}?ref=${encodeURIComponent(ref)}`
        const html = `${repoHtml()}/blob/${ref}/${p.path}`
        const git = `${repoApi()}/git/blobs/${sha}`
        // GitHub wraps the base64 payload at 60 characters per line.
        const content = (bytes.toString('base64').match(/.{1,60}/g) ?? []).join('\n') + '\n'
        return {
          status: 200,
          body: {
            type: 'file',
            encoding: 'base64',
            size: bytes.length,
            name: p.path.split('/').pop() ?? p.path,
            path: p.path,
            content,
            sha,
            url: self,
            git_url: git,
            html_url: html,
            download_url: `https://raw.githubusercontent.com/${owner}/${repo}/${ref}/${p.path}`,
            _links: { self, git, html }
          }
        }
      },
      { query: ['ref'] }
    )
  ]

  const rateHeaders = (): Record<string, string> => ({
    'x-ratelimit-limit': String(state.rateLimit),
    'x-ratelimit-remaining': String(Math.max(state.rateRemaining, 0)),
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-ratelimit-used': String(state.rateLimit - Math.max(state.rateRemaining, 0)),
    'x-ratelimit-resource': 'core'
  })

  const faultReply = (fault: GitHubFault): CannedReply | undefined => {
    switch (fault.kind) {
      case 'server-error': {
        const status = fault.status ?? 500
        return status === 500 ? error(500, 'Server Error') : { status, body: { message: 'Server Error' } }
      }
      case 'secondary-rate-limit':
        return {
          status: 403,
          body: {
            message: SECONDARY_MESSAGE,
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
            status: '403'
          },
          headers: { 'retry-after': String(fault.retryAfter ?? 1) }
        }
      case 'primary-rate-limit':
        return {
          status: 403,
          body: {
            message: 'API rate limit exceeded for installation ID 4242.',
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit',
            status: '403'
          },
          headers: {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-used': String(state.rateLimit),
            'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + (fault.resetIn ?? 1))
          }
        }
      case 'not-found':
        return error(404, 'Not Found')
      case 'validation':
        return validationFailed(
          fault.errors ?? [{ resource: 'Issue', code: 'custom', field: 'body', message: 'injected validation failure' }],
          DOCS,
          fault.message
        )
      case 'reply':
        return { status: fault.status, body: fault.body, headers: fault.headers }
      case 'delay':
        return undefined
    }
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const parsed = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = (req.method ?? 'GET').toUpperCase()
    const text = await readBody(req)
    const body = parseBody(text, req.headers['content-type'])
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
    state.rateRemaining -= 1
    const reply = await answer(req, parsed, method, body, match)
    record.status = reply.status
    if (!match) unhandled.push(record)
    send(res, reply, {
      ...rateHeaders(),
      'x-github-request-id': `FAKE:${requests.length}`,
      'x-github-media-type': 'github.v3; format=json'
    })
  }

  const answer = async (
    req: IncomingMessage,
    parsed: URL,
    method: string,
    body: unknown,
    match: ReturnType<typeof matchRoute<Ctx>>
  ): Promise<CannedReply> => {
    const auth = req.headers.authorization ?? ''
    const presented = /^(?:token|bearer)\s+(.+)$/i.exec(auth)?.[1]
    const token = tokens.find((t) => t.token === presented)
    if (!token) return error(401, presented ? 'Bad credentials' : 'Requires authentication')
    if (match && (match.params.owner !== undefined || match.params.repo !== undefined)) {
      if (match.params.owner.toLowerCase() !== owner.toLowerCase() || match.params.repo.toLowerCase() !== repo.toLowerCase()) {
        return error(404, 'Not Found')
      }
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
    if (!match) return error(404, 'Not Found')
    const unknown = unknownParams(match.route.params, parsed.searchParams, body)
    if (unknown.length > 0)
      return validationFailed(
        unknown.map((field) => ({ resource: 'Request', code: 'invalid', field, message: `unknown parameter ${field}` })),
        DOCS,
        `Unknown parameter(s): ${unknown.join(', ')}`
      )
    if (WRITE_METHODS.has(method) && token.access === 'read') {
      return error(403, 'Resource not accessible by integration', `${DOCS}/issues`)
    }
    return match.route.handle({ req, query: parsed.searchParams, body, token, path: parsed.pathname }, match.params)
  }

  const listening = await listen((req, res) => {
    handle(req, res).catch((err: unknown) => {
      send(res, { status: 500, body: { message: `fake server bug: ${String(err)}` } }, {})
    })
  })
  api = listening.url

  return {
    url: listening.url,
    port: listening.port,
    owner,
    repo,
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
