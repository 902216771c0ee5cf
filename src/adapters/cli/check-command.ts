import { SEVERITY_RANK } from '../../core/findings.js'
import { SEVERITIES, type Severity } from '../../core/model/schema.js'
import { formatProblem } from '../../core/problems.js'
import { sanitizeLogText } from '../../core/render/log-text.js'
import { renderCodeQuality } from '../../core/report/code-quality.js'
import { renderSarif } from '../../core/report/sarif.js'
import { unobservedEvidence } from '../../core/review/observed.js'
import { requestedPaths } from '../fs/discovery.js'
import { ruleDescriptors, selectReportFindings } from '../review/report-findings.js'
import { runReview } from '../review/run-review.js'
import { today, VERSION } from '../../core/domain.js'
import { commitSnapshot, type Snapshot } from '../review/snapshot.js'
import { requireNamedConfig } from './config-file.js'
import { openLocalRepository, typedToRepositoryPath } from './local-repository.js'
import { EXIT, parseCommandArgs, UsageError, type CommandOutput } from './output.js'

export const CHECK_HELP = `Usage: threatloop check [paths…] [--base REF] [--format text|json|sarif|codequality] [--fail-on SEVERITY]

Runs the rules over the threat models (the working tree of a git repository, or the current
folder) and reports the findings with their positions. With --base, only findings that are new
since that revision are reported, as a pull request would see them.

Options:
  --base REF        report only findings new since REF (git)
  --format F        text (default), json, sarif (SARIF 2.1.0) or codequality (GitLab Code Quality)
  --fail-on S       exit 1 when a reported finding is at or above S: info, low, medium, high
                    (default), critical, or none
  --config FILE     configuration file (default .threatloop.yaml)
  -h, --help        show this help

Exit status: 0 no finding at or above --fail-on and no validation error, 1 otherwise,
2 usage or configuration error.`

/** `threatloop check`: rule findings (all, or new since a base) in text, JSON, SARIF or Code Quality. */
export async function runCheckCommand(args: string[], cwd: string, output: CommandOutput): Promise<number> {
  const parsed = parseCommandArgs(
    args,
    {
      base: { type: 'string' },
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'high' },
      config: { type: 'string' }
    },
    CHECK_HELP,
    output
  )
  if (!parsed) return EXIT.ok
  const v = parsed.values
  if (!['text', 'json', 'sarif', 'codequality'].includes(v.format))
    throw new UsageError(`--format must be text, json, sarif or codequality, got "${v.format}"`)
  const failOn = v['fail-on']
  if (failOn !== 'none' && !(SEVERITIES as readonly string[]).includes(failOn))
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')} or none, got "${failOn}"`)
  const local = await openLocalRepository(cwd)
  const head: Snapshot = local.workingTree
  let base: Snapshot | null = null
  if (v.base !== undefined) {
    if (!local.repo) throw new UsageError('--base needs a git repository')
    const sha = await local.repo.resolveCommit(v.base)
    if (!sha) throw new UsageError(`--base ${v.base} is not a commit in this repository`)
    base = commitSnapshot(local.repo, sha, `${v.base} (${sha.slice(0, 7)})`)
  }
  const requested = await requestedPaths(cwd, local.root, parsed.positionals)
  if (requested.problems.length > 0) {
    for (const problem of requested.problems) output.err(formatProblem(problem))
    return EXIT.usage
  }
  const paths = requested.paths
  const configPath = v.config === undefined ? undefined : typedToRepositoryPath(cwd, local.root, v.config)
  if (configPath !== undefined && v.config !== undefined) await requireNamedConfig(head, configPath, v.config)
  const { review, ruleSet, configurationProblems } = await runReview({
    base,
    head,
    context: { platform: 'local', event: 'manual', today: today() },
    paths,
    configFrom: 'head',
    configPath,
    risk: { iterations: 1000 },
    observed: {
      ...unobservedEvidence('local'),
      sarifWritten: v.format === 'sarif',
      codeQualityWritten: v.format === 'codequality',
      jsonReportWritten: v.format === 'json'
    }
  })
  if (configurationProblems.length > 0) {
    for (const problem of configurationProblems) output.err(formatProblem(problem))
    return EXIT.usage
  }
  // The one report selector (src/adapters/review/report-findings.ts): new findings since --base.
  const findings = selectReportFindings(review, 'new')
  if (v.format === 'sarif')
    output.out(
      JSON.stringify(
        renderSarif({
          findings,
          rules: ruleDescriptors(ruleSet),
          toolVersion: VERSION,
          fullListHint: '`threatloop check --format json` lists every finding.'
        }),
        null,
        2
      )
    )
  else if (v.format === 'codequality') output.out(JSON.stringify(renderCodeQuality(findings), null, 2))
  else if (v.format === 'json') output.out(JSON.stringify({ version: 1, findings, problems: review.problems }, null, 2))
  else {
    const sorted = [...findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.position.line - b.position.line))
    for (const f of sorted)
      output.out(sanitizeLogText(`${f.file}:${f.position.line}:${f.position.column}: ${f.severity}: ${f.message} [${f.ruleId}]`))
    for (const p of review.problems.filter((p) => !p.code.startsWith('config/'))) output.out(formatProblem(p))
    const bySeverity = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0)
    output.out(
      findings.length === 0
        ? `✔ no ${base ? 'new ' : ''}findings in ${review.models.length} model file(s)`
        : `${findings.length} ${base ? 'new ' : ''}finding(s): ${bySeverity.map(([s, n]) => `${n} ${s}`).join(', ')}`
    )
  }
  const validationErrors = review.totals.validationErrors
  const failing = failOn === 'none' ? [] : findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn as Severity])
  return validationErrors > 0 || failing.length > 0 ? EXIT.findings : EXIT.ok
}
