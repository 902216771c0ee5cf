import { resolve } from 'node:path'
import { canonicalJson } from '../../core/encoding/canonical-json.js'
import { formatProblem } from '../../core/problems.js'
import { renderReviewMarkdown } from '../../core/render/review-markdown.js'
import { renderReviewText } from '../../core/render/review-text.js'
import { sanitizeLogText } from '../../core/render/log-text.js'
import { CONFIG_FILE } from '../../core/domain.js'
import { requestedPaths } from '../fs/discovery.js'
import { errorsOnlyLogger, localPlatform } from '../platform/local.js'
import { runPipeline } from '../platform/pipeline.js'
import { commitSnapshot, folderSnapshot, workingTreeSnapshot, type Snapshot } from '../review/snapshot.js'
import { requireNamedConfig } from './config-file.js'
import { openLocalRepository, typedToRepositoryPath } from './local-repository.js'
import { EXIT, parseCommandArgs, UsageError, type CommandOutput } from './output.js'

export const REVIEW_HELP = `Usage: threatloop review [paths…] [--base REF] [--head REF] [--format markdown|text|json]
       threatloop review --base-dir DIR --head-dir DIR [--format …]

Reviews the change to the threat models between two versions and prints what a pull request
would get: the verdict, severity, residual-loss and finding deltas, changed elements, the
data-flow diagram of the change and the mitigation issues it would open.

In a git repository (default):
  --base REF       the version before (default: the merge base with the default branch)
  --head REF       the version after (default: the working tree, uncommitted edits included)
Without git:
  --base-dir DIR   folder with the models before
  --head-dir DIR   folder with the models after
Options:
  --format F       markdown (the PR comment, default), text or json (the versioned Review)
  --config FILE    configuration file (default .threatloop.yaml on the head side)
  --iterations N   Monte Carlo iterations (default: the model's, or 10,000)
  --no-fail        exit 0 even when the gate fails (for demos and reports)
  -h, --help       show this help

Exit status: 0 gate passed or warned, 1 gate failed, 2 usage or configuration error.`

const DEFAULT_BRANCH_CANDIDATES = ['origin/HEAD', 'origin/main', 'origin/master', 'main', 'master']

/** `threatloop review`: the comment a pull request would get, from git or two folders. */
export async function runReviewCommand(args: string[], cwd: string, output: CommandOutput): Promise<number> {
  const parsed = parseCommandArgs(
    args,
    {
      base: { type: 'string' },
      head: { type: 'string' },
      'base-dir': { type: 'string' },
      'head-dir': { type: 'string' },
      format: { type: 'string', default: 'markdown' },
      config: { type: 'string' },
      iterations: { type: 'string' },
      'no-fail': { type: 'boolean', default: false }
    },
    REVIEW_HELP,
    output
  )
  if (!parsed) return EXIT.ok
  const v = parsed.values
  if (!['markdown', 'text', 'json'].includes(v.format)) throw new UsageError(`--format must be markdown, text or json, got "${v.format}"`)
  let iterations: number | undefined
  if (v.iterations !== undefined) {
    iterations = Number(v.iterations)
    if (!Number.isInteger(iterations) || iterations < 1000 || iterations > 1_000_000)
      throw new UsageError(`--iterations must be a whole number from 1000 to 1000000, got "${v.iterations}"`)
  }
  let base: Snapshot | null
  let head: Snapshot
  // Paths are typed from the working directory; in git they are taken relative to the repository root.
  let root: string | undefined
  // Files the change touched, for code drift (components whose code changed while their model did not).
  let changedFiles: string[] | undefined
  if (v['base-dir'] !== undefined || v['head-dir'] !== undefined) {
    if (v['base-dir'] === undefined || v['head-dir'] === undefined) throw new UsageError('--base-dir and --head-dir go together')
    if (v.base !== undefined || v.head !== undefined)
      throw new UsageError('use either --base/--head (git) or --base-dir/--head-dir (folders), not both')
    base = folderSnapshot(resolve(cwd, v['base-dir']), v['base-dir'])
    head = folderSnapshot(resolve(cwd, v['head-dir']), v['head-dir'])
    changedFiles = await changedBetweenFolders(base, head)
  } else {
    const local = await openLocalRepository(cwd)
    if (!local.repo)
      throw new UsageError('not inside a git repository; run it in one, or compare two folders with --base-dir and --head-dir')
    root = local.root
    const top = local.repo
    if (v.head !== undefined) {
      const sha = await top.resolveCommit(v.head)
      if (!sha) throw new UsageError(`--head ${v.head} is not a commit in this repository`)
      head = commitSnapshot(top, sha, `${v.head} (${sha.slice(0, 7)})`)
    } else head = workingTreeSnapshot(top)
    let baseRef = v.base
    let baseSha: string | undefined
    if (baseRef !== undefined) {
      baseSha = await top.resolveCommit(baseRef)
      if (!baseSha) throw new UsageError(`--base ${baseRef} is not a commit in this repository`)
    } else {
      for (const candidate of DEFAULT_BRANCH_CANDIDATES) {
        if (!(await top.resolveCommit(candidate))) continue
        baseSha = await top.mergeBase(candidate, head.sha ?? 'HEAD')
        if (baseSha) {
          baseRef = `merge base with ${candidate}`
          break
        }
      }
      if (!baseSha) {
        baseSha = await top.resolveCommit('HEAD')
        baseRef = 'HEAD'
      }
    }
    base = baseSha ? commitSnapshot(top, baseSha, `${baseRef} (${baseSha.slice(0, 7)})`) : null
    // The change's own files: from the merge base (`git diff base...head`), so a base branch that moved
    // does not count its own commits as the change's.
    if (baseSha) changedFiles = await top.changedFiles((await top.mergeBase(baseSha, head.sha ?? 'HEAD')) ?? baseSha, head.sha)
  }
  let paths = parsed.positionals
  if (root !== undefined) {
    const requested = await requestedPaths(cwd, root, parsed.positionals)
    if (requested.problems.length > 0) {
      for (const problem of requested.problems) output.err(formatProblem(problem))
      return EXIT.usage
    }
    paths = requested.paths
  }
  const configPath = (v.config === undefined || root === undefined ? v.config : typedToRepositoryPath(cwd, root, v.config)) ?? CONFIG_FILE
  if (v.config !== undefined) await requireNamedConfig(head, configPath, v.config)
  // The same flow as the action and the GitLab job, on the local platform: a preview of the change
  // request (configuration from the head, issues previewed, no comment, no report files).
  const platform = localPlatform({
    change: { event: 'manual', scope: 'change-request', base, head, changedFiles },
    cwd,
    logger: errorsOnlyLogger((line) => output.err(line))
  })
  const { review } = await runPipeline(platform, {
    paths,
    configPath,
    configFrom: 'head',
    issues: { label: 'threatloop' },
    comment: false,
    iterations,
    reports: {},
    fullReportHint: 'Run with --format json for everything.'
  })
  if (!review) return EXIT.usage
  if (v.format === 'json') output.out(canonicalJson(review, 2))
  else if (v.format === 'text') output.out(renderReviewText(review).trimEnd())
  else
    output.out(
      sanitizeLogText(
        renderReviewMarkdown(review, { audience: 'summary', fullReportHint: 'Run with --format json for everything.' }).trimEnd()
      )
    )
  if (v['no-fail']) return EXIT.ok
  return review.gate.status === 'fail' ? EXIT.findings : EXIT.ok
}

/** Files that differ between two folders (added, removed or with other bytes), at most 20,000 compared. */
async function changedBetweenFolders(base: Snapshot, head: Snapshot): Promise<string[] | undefined> {
  const [before, after] = await Promise.all([base.listFiles(), head.listFiles()])
  if (before.length + after.length > 40_000) return undefined
  const beforeSet = new Set(before)
  const afterSet = new Set(after)
  const changed = new Set<string>([...before.filter((p) => !afterSet.has(p)), ...after.filter((p) => !beforeSet.has(p))])
  const common = after.filter((p) => beforeSet.has(p))
  const limit = 4 * 1024 * 1024
  const [a, b] = await Promise.all([base.readFiles(common, limit), head.readFiles(common, limit)])
  for (const path of common) {
    const x = a.get(path)
    const y = b.get(path)
    const same =
      x && y && 'content' in x && 'content' in y
        ? Buffer.from(x.content).equals(Buffer.from(y.content))
        : x && y && 'size' in x && 'size' in y
          ? x.size === y.size
          : x === y
    if (!same) changed.add(path)
  }
  return [...changed].sort()
}
