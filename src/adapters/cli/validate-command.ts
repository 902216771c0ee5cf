import { parseArgs } from 'node:util'
import { compareProblems, formatProblem, type Problem } from '../../core/problems.js'
import { duplicateModelIdProblems, type DeclaredModelId } from '../../core/review/duplicate-model-ids.js'
import { loadModelFile } from '../../core/review/load-model-file.js'
import { discoverModelFiles, readRepositoryFile } from '../fs/repository-files.js'
import { loadConfigFile } from './config-file.js'
import { EXIT, UsageError, type CommandOutput } from './output.js'

export const VALIDATE_HELP = `Usage: threatloop validate [paths…] [--format text|json] [--config FILE]

Loads every threat-model file and reports every problem at once, compiler-style:
  path:line:col: error: message (yaml.path)

Paths may be files or folders; folders (default: the current folder) are searched with the
model globs of .threatloop.yaml (default **/*.threatmodel.{yaml,yml,json}, **/threatmodel.{yaml,yml}).

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
  let parsed
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'text' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } } })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  if (parsed.values.help) {
    output.out(VALIDATE_HELP)
    return EXIT.ok
  }
  const format = parsed.values.format
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`)
  const config = await loadConfigFile(cwd, parsed.values.config, output)
  if (!config) return EXIT.usage
  const discovery = await discoverModelFiles(cwd, config, parsed.positionals)
  const report: ValidationReport = { version: 1, files: [], summary: { files: 0, valid: 0, invalid: 0, errors: 0, warnings: 0 } }
  for (const problem of discovery.problems) report.files.push({ file: problem.file, valid: problem.severity !== 'error', problems: [problem] })
  const declared: DeclaredModelId[] = []
  for (const file of discovery.files) {
    const read = await readRepositoryFile(cwd, file)
    const loaded = 'problem' in read ? undefined : loadModelFile({ path: file, content: read.content })
    const problems = loaded ? [...loaded.problems] : 'problem' in read ? [read.problem] : []
    if (loaded?.model) declared.push({ file, modelId: loaded.model.index.modelId, position: loaded.model.sourceMap.locate(['model', 'id']) })
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
    else if (invalid === 0) output.out(`✔ ${files} model file${files === 1 ? '' : 's'} valid${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`)
    else output.out(`✖ ${invalid} of ${files} model file${files === 1 ? '' : 's'} invalid: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`)
  }
  if (report.summary.files === 0 && parsed.positionals.length > 0) return EXIT.usage
  return report.summary.invalid > 0 ? EXIT.findings : EXIT.ok
}
