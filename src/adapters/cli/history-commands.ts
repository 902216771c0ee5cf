import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import { appendSnapshot, parseHistory, type SnapshotLine } from '../../core/history/snapshot.js'
import { renderDashboardHtml } from '../../core/history/dashboard-html.js'
import { sanitizeLogText } from '../../core/render/log-text.js'
import { formatProblem } from '../../core/problems.js'
import { modelPathMatcher } from '../../core/config/model-globs.js'
import { loadRepositoryConfig } from '../../core/config/load.js'
import { GitRepository } from '../git/git-repository.js'
import { runReview } from '../review/run-review.js'
import { CONFIG_FILE, today } from '../../core/domain.js'
import { requestedPaths } from '../fs/discovery.js'
import { historyLineOf } from '../review/history-line.js'
import { commitSnapshot, folderSnapshot, type Snapshot } from '../review/snapshot.js'
import { openLocalRepository, typedToRepositoryPath } from './local-repository.js'
import { EXIT, parseCommandArgs, UsageError, type CommandOutput } from './output.js'

export const SNAPSHOT_HELP = `Usage: threatloop snapshot [paths…] [--commit REF] [--backfill N] [--history FILE.jsonl]
       threatloop snapshot [paths…] --dir DIR

Prints one JSON line (schema threatloop-snapshot/1, see docs/history.md) for a commit: per
model the residual severity counts, residual loss where it rests on quantitative inputs,
maturity levels and mitigation counts.

  --commit REF     the commit to describe (default HEAD; its commit date is the line's date)
  --backfill N     one line for each of the last N commits that touched model files, oldest first
  --history FILE   append to this JSON Lines file instead of printing (a commit already in it is
                   not added twice)
  --dir DIR        describe a plain folder instead of a commit (date: today, no commit)
  --config FILE    configuration file (default .threatloop.yaml at the commit)
  -h, --help       show this help

Exit status: 0 written, 1 a model does not load, 2 usage or configuration error.`

export const REPORT_HELP = `Usage: threatloop report [paths…] [--history FILE.jsonl] --html OUT.html [--title TEXT]

Writes the dashboard: one self-contained HTML page (inline SVG and CSS, no script, no network)
with the residual-risk trend, severity over time, a likelihood × impact heat map, maturity per
category now and a quarter ago, mitigation burn-down, top threats and the models that went
longest without review. The current models (working tree) are added as the newest snapshot.

  --history FILE   snapshot history (JSON Lines from 'threatloop snapshot')
  --html OUT       where to write the page
  --no-current     draw only the history, without a snapshot of the working tree
  --title TEXT     page title (default: the repository folder's name)
  -h, --help       show this help

Exit status: 0 written, 1 history lines were skipped, 2 usage error.`

async function commitDate(repo: GitRepository, sha: string): Promise<string> {
  return (await commitSnapshot(repo, sha, sha).commitDate?.()) ?? today()
}

/**
 * Paths and `--config` as typed from any folder of the repository, made repository-relative the
 * way `validate`, `check` and `review` make them (requestedPaths); undefined after printing why
 * a path is refused.
 */
async function typedPaths(
  cwd: string,
  root: string,
  typed: readonly string[],
  config: string | undefined,
  output: CommandOutput
): Promise<{ paths: string[]; config: string | undefined } | undefined> {
  const requested = await requestedPaths(cwd, root, typed)
  for (const problem of requested.problems) output.err(sanitizeLogText(formatProblem(problem)))
  if (requested.problems.length > 0) return undefined
  return { paths: requested.paths, config: config === undefined ? undefined : typedToRepositoryPath(cwd, root, config) }
}

/** Reviews one side alone and turns it into a snapshot line. */
async function snapshotOf(
  side: Snapshot,
  date: string,
  commit: string | null,
  paths: readonly string[],
  configPath: string | undefined,
  output: CommandOutput
): Promise<{ line: SnapshotLine; invalid: number } | undefined> {
  const { review, configurationProblems } = await runReview({
    base: null,
    head: side,
    context: { platform: 'local', event: 'manual', today: date },
    paths,
    configFrom: 'head',
    configPath
  })
  if (configurationProblems.length > 0) {
    for (const problem of configurationProblems) output.err(sanitizeLogText(formatProblem(problem)))
    return undefined
  }
  const invalid = review.models.filter((m) => m.status === 'invalid').length
  for (const model of review.models.filter((m) => m.status === 'invalid'))
    output.err(
      sanitizeLogText(
        `threatloop snapshot: ${model.head?.file ?? model.modelId} does not load at ${commit?.slice(0, 7) ?? 'this folder'}; left out of the snapshot`
      )
    )
  return { line: await historyLineOf(review, side, date, commit), invalid }
}

async function emit(lines: readonly SnapshotLine[], historyFile: string | undefined, cwd: string, output: CommandOutput): Promise<void> {
  if (historyFile === undefined) {
    for (const line of lines) output.out(JSON.stringify(line))
    return
  }
  const path = resolve(cwd, historyFile)
  let text = ''
  try {
    text = await readFile(path, 'utf8')
  } catch {
    // A new history file.
  }
  let added = 0
  for (const line of lines) {
    const next = appendSnapshot(text, line)
    text = next.text
    if (next.added) added++
  }
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, text)
  output.err(
    `threatloop snapshot: ${added} line${added === 1 ? '' : 's'} added to ${sanitizeLogText(historyFile)}${added < lines.length ? ` (${lines.length - added} already there)` : ''}`
  )
}

/** Commits among the newest `scan` that touched model files, newest first. */
async function commitsTouchingModels(
  repo: GitRepository,
  matches: (path: string) => boolean,
  wanted: number,
  scan = 2_000
): Promise<string[]> {
  const log = await repo.git(['log', `-n${scan}`, '--format=%x00%H', '--name-only', '--no-renames', 'HEAD'], {
    maxBuffer: 256 * 1024 * 1024
  })
  const commits: string[] = []
  for (const block of log.split('\0')) {
    const [sha, ...files] = block.trim().split('\n')
    if (!sha || !/^[0-9a-f]{40}$/.test(sha.trim())) continue
    if (files.some((f) => matches(f.trim()))) commits.push(sha.trim())
    if (commits.length >= wanted) break
  }
  return commits
}

/** `threatloop snapshot`: one history line per commit. */
export async function runSnapshotCommand(args: string[], cwd: string, output: CommandOutput): Promise<number> {
  const parsed = parseCommandArgs(
    args,
    {
      commit: { type: 'string' },
      backfill: { type: 'string' },
      history: { type: 'string' },
      dir: { type: 'string' },
      config: { type: 'string' }
    },
    SNAPSHOT_HELP,
    output
  )
  if (!parsed) return EXIT.ok
  const v = parsed.values
  let backfill: number | undefined
  if (v.backfill !== undefined) {
    backfill = Number(v.backfill)
    if (!Number.isInteger(backfill) || backfill < 1 || backfill > 1000)
      throw new UsageError(`--backfill must be a whole number from 1 to 1000, got "${v.backfill}"`)
  }
  if (v.dir !== undefined) {
    if (v.commit !== undefined || backfill !== undefined)
      throw new UsageError('--dir describes a folder: it does not go with --commit or --backfill')
    const result = await snapshotOf(folderSnapshot(resolve(cwd, v.dir), v.dir), today(), null, parsed.positionals, v.config, output)
    if (!result) return EXIT.usage
    await emit([result.line], v.history, cwd, output)
    return result.invalid > 0 ? EXIT.findings : EXIT.ok
  }
  const repo = new GitRepository(cwd)
  if (!(await repo.isRepository())) throw new UsageError('not inside a git repository; run it in one, or describe a folder with --dir')
  const topDir = (await repo.git(['rev-parse', '--show-toplevel'])).trim()
  const top = new GitRepository(topDir)
  const typed = await typedPaths(cwd, topDir, parsed.positionals, v.config, output)
  if (!typed) return EXIT.usage
  const configPath = typed.config ?? CONFIG_FILE
  let commits: string[]
  if (backfill !== undefined) {
    if (v.commit !== undefined) throw new UsageError('--backfill walks back from HEAD: it does not go with --commit')
    const headSha = await top.resolveCommit('HEAD')
    const configText = headSha ? (await top.readFiles(headSha, [configPath], 1024 * 1024)).get(configPath) : undefined
    const config = loadRepositoryConfig(
      configPath,
      configText && 'content' in configText ? new TextDecoder().decode(configText.content) : undefined
    ).config
    if (!config) throw new UsageError(`the configuration ${configPath} at HEAD is invalid; run 'threatloop validate'`)
    commits = (await commitsTouchingModels(top, modelPathMatcher(config), backfill)).reverse()
  } else {
    const sha = await top.resolveCommit(v.commit ?? 'HEAD')
    if (!sha) throw new UsageError(`--commit ${v.commit ?? 'HEAD'} is not a commit in this repository`)
    commits = [sha]
  }
  const lines: SnapshotLine[] = []
  let invalid = 0
  for (const sha of commits) {
    const result = await snapshotOf(
      commitSnapshot(top, sha, sha.slice(0, 7)),
      await commitDate(top, sha),
      sha,
      typed.paths,
      typed.config,
      output
    )
    if (!result) return EXIT.usage
    lines.push(result.line)
    invalid += result.invalid
  }
  await emit(lines, v.history, cwd, output)
  return invalid > 0 ? EXIT.findings : EXIT.ok
}

/** `threatloop report --html`: the dashboard page. */
export async function runReportCommand(args: string[], cwd: string, output: CommandOutput): Promise<number> {
  const parsed = parseCommandArgs(
    args,
    {
      history: { type: 'string' },
      html: { type: 'string' },
      title: { type: 'string' },
      'no-current': { type: 'boolean', default: false },
      config: { type: 'string' }
    },
    REPORT_HELP,
    output
  )
  if (!parsed) return EXIT.ok
  const v = parsed.values
  if (v.html === undefined) throw new UsageError('--html OUT.html is required')
  const notes: string[] = []
  let lines: SnapshotLine[] = []
  if (v.history !== undefined) {
    let text: string
    try {
      text = await readFile(resolve(cwd, v.history), 'utf8')
    } catch (error) {
      throw new UsageError(`cannot read --history ${v.history}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
    }
    const history = parseHistory(text)
    lines = history.lines
    for (const problem of history.problems) {
      const note = `${v.history}:${problem.line}: ${problem.message}`
      notes.push(note)
      output.err(sanitizeLogText(`threatloop report: ${note}`))
    }
  }
  if (!v['no-current']) {
    const local = await openLocalRepository(cwd)
    const typed = await typedPaths(cwd, local.root, parsed.positionals, v.config, output)
    if (!typed) return EXIT.usage
    const current = await snapshotOf(local.workingTree, today(), null, typed.paths, typed.config, output)
    if (!current) return EXIT.usage
    // The working tree is the newest point: it replaces a history line of the same date.
    lines = [...lines.filter((l) => l.date < current.line.date), ...lines.filter((l) => l.date > current.line.date), current.line].sort(
      (a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)
    )
  }
  const html = renderDashboardHtml(lines, { title: v.title ?? basename(cwd), today: today(), notes })
  const out = resolve(cwd, v.html)
  await mkdir(dirname(out), { recursive: true })
  await writeFile(out, html)
  output.err(`threatloop report: wrote ${sanitizeLogText(v.html)} (${lines.length} snapshots, ${lines.at(-1)?.models.length ?? 0} models)`)
  return notes.length > 0 ? EXIT.findings : EXIT.ok
}
