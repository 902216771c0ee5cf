import { z } from 'zod'

/** What the workflow run asks the action to review, read from GITHUB_* variables and the event payload. */
export interface ActionEvent {
  kind: 'pull_request' | 'push' | 'full'
  /** The raw GITHUB_EVENT_NAME. */
  name: string
  owner: string
  repo: string
  repositoryUrl: string
  defaultBranch: string | undefined
  /** Commit before the change; null = review the head as new (first push, schedule, dispatch). */
  baseSha: string | null
  baseLabel: string
  headSha: string
  headLabel: string
  /** Pull request number, when there is one. */
  number?: number
  /** Pull request from a fork: its token is read-only. */
  fork: boolean
  /** Login of the pull request's author (their own approval never counts). */
  author?: string
  /** A push to (or a run on) the default branch. */
  onDefaultBranch: boolean
}

const Sha = z.string().regex(/^[0-9a-f]{40}$/)
const RepoRef = z.object({ full_name: z.string().optional(), fork: z.boolean().optional() }).nullish()
const PullRequestPayload = z.object({
  pull_request: z.object({
    number: z.number().int().positive(),
    user: z.object({ login: z.string() }).nullish(),
    base: z.object({ sha: Sha, ref: z.string(), repo: RepoRef }),
    head: z.object({ sha: Sha, ref: z.string(), repo: RepoRef })
  }),
  repository: z.object({ default_branch: z.string().optional(), html_url: z.string().optional() }).optional()
})
const PushPayload = z.object({
  before: Sha.optional(),
  after: Sha.optional(),
  ref: z.string().optional(),
  repository: z
    .object({ default_branch: z.string().optional(), master_branch: z.string().optional(), html_url: z.string().optional() })
    .optional()
})
const AnyPayload = z.object({ repository: z.object({ default_branch: z.string().optional(), html_url: z.string().optional() }).optional() })

const ZERO_SHA = /^0{40}$/
const short = (sha: string): string => sha.slice(0, 7)

/**
 * Reads the event: pull_request and pull_request_review (base.sha → head.sha), push (before → after; an all-zero `before`
 * is a first push), workflow_dispatch and schedule (the current commit, no base). Returns a message
 * instead when the run cannot be understood.
 */
export function readActionEvent(env: NodeJS.ProcessEnv, payload: unknown): ActionEvent | { problem: string } {
  const name = env.GITHUB_EVENT_NAME ?? ''
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  if (!owner || !repo)
    return { problem: 'GITHUB_REPOSITORY is not set (expected owner/repo); run the action inside a GitHub Actions workflow' }
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '')
  const any = AnyPayload.safeParse(payload)
  const repositoryUrl = (any.success ? any.data.repository?.html_url : undefined) ?? `${server}/${owner}/${repo}`
  const defaultBranch = any.success ? any.data.repository?.default_branch : undefined
  const ref = env.GITHUB_REF ?? ''
  const onDefault = defaultBranch !== undefined && ref === `refs/heads/${defaultBranch}`
  const common = { name, owner, repo, repositoryUrl, defaultBranch }

  // `pull_request_review` re-runs the review when a review is submitted or dismissed (approvals, #21).
  if (name === 'pull_request' || name === 'pull_request_target' || name === 'pull_request_review') {
    const parsed = PullRequestPayload.safeParse(payload)
    if (!parsed.success)
      return {
        problem: `the ${name} event payload has no pull_request with base.sha and head.sha (${parsed.error.issues[0]?.path.join('.') ?? 'payload'})`
      }
    const pr = parsed.data.pull_request
    const baseName = pr.base.repo?.full_name
    const headName = pr.head.repo?.full_name
    const fork =
      pr.head.repo?.fork === true || (baseName !== undefined && headName !== undefined && baseName.toLowerCase() !== headName.toLowerCase())
    return {
      ...common,
      kind: 'pull_request',
      baseSha: pr.base.sha,
      baseLabel: `${pr.base.ref} (${short(pr.base.sha)})`,
      headSha: pr.head.sha,
      headLabel: `#${pr.number} ${pr.head.ref} (${short(pr.head.sha)})`,
      number: pr.number,
      fork,
      ...(pr.user?.login ? { author: pr.user.login } : {}),
      onDefaultBranch: false
    }
  }
  if (name === 'push') {
    const parsed = PushPayload.safeParse(payload)
    const data = parsed.success ? parsed.data : {}
    const after = data.after ?? env.GITHUB_SHA
    if (!after || ZERO_SHA.test(after)) return { problem: 'the push deleted the branch (after is all zeros); there is nothing to review' }
    const branch = (data.ref ?? ref).replace(/^refs\/heads\//, '')
    const before = data.before && !ZERO_SHA.test(data.before) ? data.before : null
    return {
      ...common,
      kind: 'push',
      baseSha: before,
      baseLabel: before ? `${branch} before (${short(before)})` : 'nothing (first push)',
      headSha: after,
      headLabel: `${branch} (${short(after)})`,
      fork: false,
      onDefaultBranch: defaultBranch !== undefined && (data.ref ?? ref) === `refs/heads/${defaultBranch}`
    }
  }
  const sha = env.GITHUB_SHA
  if (!sha) return { problem: `GITHUB_SHA is not set for the ${name || 'unknown'} event` }
  const branch = ref.replace(/^refs\/(heads|tags)\//, '')
  return {
    ...common,
    kind: 'full',
    baseSha: null,
    baseLabel: 'nothing (full review)',
    headSha: sha,
    headLabel: `${branch || 'HEAD'} (${short(sha)})`,
    fork: false,
    onDefaultBranch: onDefault
  }
}
