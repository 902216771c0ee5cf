import { compareProblems, formatProblem, type Problem } from '../../core/problems.js'
import { duplicateModelIdProblems, type DeclaredModelId } from '../../core/review/duplicate-model-ids.js'
import { loadModelFile } from '../../core/review/load-model-file.js'
import { staleCodeGlobProblems } from '../../core/drift/code-drift.js'
import { discoverModels, requestedPaths } from '../fs/discovery.js'
import { loadConfigFile } from './config-file.js'
import { openLocalRepository, typedToRepositoryPath } from './local-repository.js'
import { EXIT, parseCommandArgs, UsageError, type CommandOutput } from './output.js'

export const VALIDATE_HELP = `Usage: threatloop validate [paths…] [--format text|json] [--config FILE]

Loads every threat-model file and reports every problem at once, compiler-style:
  path:line:col: error: message (yaml.path)

Paths may be files or folders, typed from any folder of the repository; folders (default: the
whole repository) are searched with the model globs of .threatloop.yaml, matched against paths
from the repository root (default **/*.threatmodel.{yaml,yml,json}, **/threatmodel.{yaml,yml} and
the usual names of other tools' files). A file named explicitly is always read. In a git
repository the files are those git tracks or would track (ignored files are left out).

Options:
  --format text|json   output format (default text)
  --config FILE        configuration file (default .threatloop.yaml when present)
  -h, --help           show this help

Exit status: 0 all models valid, 1 invalid models, 2 usage or configuration error.`

/** Result of validating a set of files, as the JSON format prints it. */
export interface ValidationReport {
  version: 1
  files: { file: string; valid: boolean; problems: Problem[] }[]
  summary: { files: number; valid: number; invalid: number; errors: number; warnings: number }
}

/** `threatloop validate`: load every model file, print all problems, exit 0/1/2. */
export async function runValidate(args: string[], cwd: string, output: CommandOutput): Promise<number> {
  const parsed = parseCommandArgs(args, { format: { type: 'string', default: 'text' }, config: { type: 'string' } }, VALIDATE_HELP, output)
  if (!parsed) return EXIT.ok
  const format = parsed.values.format
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`)
  const local = await openLocalRepository(cwd)
  const configPath = parsed.values.config === undefined ? undefined : typedToRepositoryPath(cwd, local.root, parsed.values.config)
  const config = await loadConfigFile(local.root, configPath, output)
  if (!config) return EXIT.usage
  const requested = await requestedPaths(cwd, local.root, parsed.positionals)
  const discovery = await discoverModels(local.workingTree, config, requested.paths)
  const report: ValidationReport = { version: 1, files: [], summary: { files: 0, valid: 0, invalid: 0, errors: 0, warnings: 0 } }
  const notFound = discovery.missing.map((path): Problem => ({
    file: path,
    line: 1,
    column: 1,
    path: '',
    severity: 'error',
    code: 'discovery/not-found',
    message: `no such file or folder: ${path}`
  }))
  for (const problem of [...requested.problems, ...notFound, ...discovery.problems])
    report.files.push({ file: problem.file, valid: problem.severity !== 'error', problems: [problem] })
  const declared: DeclaredModelId[] = []
  // The repository's files, listed once when a model maps components to code (stale-glob check).
  let repositoryFiles: string[] | undefined
  for (const source of discovery.files) {
    const loaded = loadModelFile(source)
    // A broad default glob matched it, but it is no threat model: not ours to judge.
    if (loaded.format === 'unknown' && discovery.tentative.has(source.path)) continue
    const file = source.path
    if (loaded.model) declared.push({ file, modelId: loaded.model.index.modelId, position: loaded.model.sourceMap.locate(['model', 'id']) })
    const problems = [...loaded.problems]
    if (loaded.model && (loaded.model.document.components ?? []).some((c) => (c.code ?? []).length > 0)) {
      repositoryFiles ??= await local.workingTree.listFiles()
      const sourceMap = loaded.model.sourceMap
      problems.push(...staleCodeGlobProblems(file, loaded.model.document, repositoryFiles, (path) => sourceMap.locate(path)))
    }
    report.files.push({ file, valid: !problems.some((p) => p.severity === 'error'), problems })
  }
  for (const problem of duplicateModelIdProblems(declared)) report.files.find((f) => f.file === problem.file)?.problems.push(problem)
  for (const entry of report.files) {
    report.summary.files++
    if (entry.valid) report.summary.valid++
    else report.summary.invalid++
    for (const p of entry.problems) {
      if (p.severity === 'error') report.summary.errors++
      else report.summary.warnings++
    }
  }
  if (format === 'json') {
    output.out(JSON.stringify(report, null, 2))
  } else {
    const all = report.files.flatMap((f) => f.problems).sort(compareProblems)
    for (const problem of all) output.out(formatProblem(problem))
    const { files, invalid, errors, warnings } = report.summary
    if (files === 0) output.out('no threat-model files found (looked for ' + config.models.join(', ') + ')')
    else if (invalid === 0)
      output.out(
        `✔ ${files} model file${files === 1 ? '' : 's'} valid${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`
      )
    else
      output.out(
        `✖ ${invalid} of ${files} model file${files === 1 ? '' : 's'} invalid: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`
      )
  }
  if (report.summary.files === 0 && parsed.positionals.length > 0) return EXIT.usage
  return report.summary.invalid > 0 ? EXIT.findings : EXIT.ok
}
