/**
 * `threatloop gitlab`: the GitLab CI job. Reviews the change of the pipeline from git, writes the
 * Code Quality and JSON reports, prints the review to the job log, keeps one merge request note
 * up to date, and on default-branch pipelines keeps one issue per open mitigation. Anything that
 * needs write access is skipped, and said so, when the job has no usable token.
 */
import { resolve } from 'node:path'
import type { ReviewContext } from '../../core/review/types.js'
import { EXIT, UsageError, type CommandOutput } from '../cli/output.js'
import { GitRepository } from '../git/git-repository.js'
import { runIntel } from '../platform/intel.js'
import { runPipeline } from '../platform/pipeline.js'
import type { ChangeContext } from '../platform/platform.js'
import { commitSnapshot, type Snapshot } from '../review/snapshot.js'
import { gitLabPlatform, jobLogger } from './platform.js'
import { INTEL_PIPELINE_SOURCES, readGitLabSettings, type Environment } from './settings.js'

export const GITLAB_HELP = `Usage: threatloop gitlab

Runs inside a GitLab CI job (the Threatloop CI/CD component runs it for you). Reviews the change
to the threat models, writes the Code Quality report and the JSON report, prints the review to
the job log and exits per the gate.
  merge request pipelines: diff base → head; one merge request note, kept up to date
  scheduled and manually started pipelines (schedule, web, api) on the default branch: also
    threat intelligence, one "Threat intelligence update" issue per model
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
  THREATLOOP_HISTORY          off (default) or branch: default-branch pipelines append their
                              snapshot to history.jsonl and write index.html on the data branch
  THREATLOOP_HISTORY_BRANCH   the data branch (default threatloop-data)
  THREATLOOP_INTEL            auto (default: scheduled and manually started pipelines keep one
                              "Threat intelligence update" issue per model) or off
  THREATLOOP_INTEL_STIX       STIX 2.1 bundles (repository paths) besides intelligence.stix
  THREATLOOP_INTEL_INCIDENTS  incident exports (repository paths) besides intelligence.incidents
  THREATLOOP_INTEL_OSV        config (default), on, off, or the URL of an OSV-compatible API

Exit status: 0 gate passed or warned, 1 gate failed, 2 usage or configuration error. Missing
write access never fails the job.`

const ISSUE_LABEL = 'threatloop'

function short(sha: string | undefined): string {
  return sha ? sha.slice(0, 7) : 'none'
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
  if (args.length > 0)
    throw new UsageError(`threatloop gitlab takes no arguments (settings come from THREATLOOP_* variables), got "${args[0]}"`)
  const { settings, problems } = readGitLabSettings(env)
  if (!settings) {
    for (const problem of problems) output.err(`threatloop gitlab: ${problem}`)
    return EXIT.usage
  }
  const log = jobLogger(output)

  // The repository: the job's clone, possibly shallow.
  const start = new GitRepository(settings.projectDir ? resolve(cwd, settings.projectDir) : cwd)
  if (!(await start.isRepository())) {
    output.err(
      `threatloop gitlab: ${start.root} is not a git repository; the job needs the project's clone (GIT_STRATEGY fetch or clone, not none)`
    )
    return EXIT.usage
  }
  const repo = new GitRepository((await start.git(['rev-parse', '--show-toplevel'])).trim())
  const pipeline = settings.pipeline
  const branchHint =
    pipeline.kind === 'merge-request' ? pipeline.sourceBranch : pipeline.kind === 'default-branch' ? pipeline.branch : undefined
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
    log.info(`merge request !${pipeline.iid}: reviewing ${short(pipeline.baseSha)} (diff base) → ${short(pipeline.headSha)}`)
  } else {
    const before = await previousCommit(repo, pipeline.headSha, pipeline.beforeSha)
    const ref = pipeline.kind === 'default-branch' ? pipeline.branch : (pipeline.ref ?? 'commit')
    base = before ? commitSnapshot(repo, before, `previous commit (${short(before)})`) : null
    head = commitSnapshot(repo, pipeline.headSha, `${ref} (${short(pipeline.headSha)})`)
    event = settings.pipelineSource === 'schedule' ? 'schedule' : settings.pipelineSource === 'push' ? 'push' : 'manual'
    log.info(
      `${pipeline.kind === 'default-branch' ? 'default branch' : 'branch'} ${ref}: reviewing ${before ? short(before) : 'nothing (first commit)'} → ${short(pipeline.headSha)}`
    )
  }
  const change: ChangeContext = {
    event,
    scope: pipeline.kind === 'merge-request' ? 'change-request' : pipeline.kind === 'default-branch' ? 'default-branch' : 'other-branch',
    base,
    head,
    repository: settings.projectPath,
    repositoryUrl: settings.projectUrl,
    blobPath: '-/blob',
    number: pipeline.kind === 'merge-request' ? pipeline.iid : undefined,
    inCi: true,
    eventLabel: pipeline.kind === 'merge-request' ? `merge request !${pipeline.iid}` : `\`${settings.pipelineSource}\` pipeline`,
    notes: []
  }
  const platform = gitLabPlatform({ settings, repo, change, root: repo.root, output })
  const result = await runPipeline(platform, {
    paths: settings.paths,
    configPath: settings.configPath,
    configFrom: 'auto',
    failOn: settings.failOn,
    issues: { mode: settings.issueMode, label: ISSUE_LABEL },
    comment: true,
    iterations: settings.iterations,
    reports: { codeQuality: settings.codeQualityFile, codeQualityScope: settings.codeQuality, json: settings.reportFile },
    fullReportHint: `The job log and the ${settings.reportFile} artifact have everything.`,
    history: { mode: settings.history, branch: settings.historyBranch }
  })
  if (result.exit === 2) {
    output.err(`threatloop gitlab: ${result.failure ?? 'the configuration has errors'}`)
    return EXIT.usage
  }
  // Scheduled and manually started pipelines keep the intelligence issues (#18); never changes the exit status.
  if (settings.intel.mode === 'auto' && INTEL_PIPELINE_SOURCES.includes(settings.pipelineSource)) {
    await runIntel(platform, {
      paths: settings.paths,
      configPath: settings.configPath,
      inputs: { stix: settings.intel.stix, incidents: settings.intel.incidents, osv: settings.intel.osv }
    })
  }
  return result.exit === 1 ? EXIT.findings : EXIT.ok
}
