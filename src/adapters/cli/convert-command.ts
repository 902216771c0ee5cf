import { readFileSync, realpathSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { dirname, relative, resolve, sep } from 'node:path'
import { dump } from 'js-yaml'
import { exportOtm } from '../../core/import/index.js'
import { DEFAULT_PARSE_LIMITS } from '../../core/model/yaml-document.js'
import { formatProblem } from '../../core/problems.js'
import { loadModelFile } from '../../core/review/load-model-file.js'
import { isInsideFolder } from '../fs/repository-files.js'
import { EXIT, parseCommandArgs, UsageError, type CommandOutput } from './output.js'

export const CONVERT_HELP = `Usage: threatloop convert <file> [--to native|otm]

Reads a threat model in any supported format (native, Open Threat Model, Threagile, OWASP Threat
Dragon, AWS Threat Composer, OWASP Threat Model Library) and writes it to standard output as a
native Threatloop model (YAML) or as Open Threat Model 0.2 (JSON).

Options:
  --to native|otm   output format (default native)
  -h, --help        show this help

Exit status: 0 converted, 1 the file has errors (listed on standard error), 2 usage error.`

/** `threatloop convert`: any supported format to native YAML or OTM JSON. */
export async function runConvertCommand(args: string[], cwd: string, output: CommandOutput): Promise<number> {
  const parsed = parseCommandArgs(args, { to: { type: 'string', default: 'native' } }, CONVERT_HELP, output)
  if (!parsed) return EXIT.ok
  const to = parsed.values.to
  if (to !== 'native' && to !== 'otm') throw new UsageError(`--to must be native or otm, got "${to}"`)
  if (parsed.positionals.length !== 1) throw new UsageError('name exactly one model file to convert')
  const file = resolve(cwd, parsed.positionals[0])
  let content: Uint8Array
  try {
    const info = await stat(file)
    if (info.size > DEFAULT_PARSE_LIMITS.maxFileBytes)
      throw new UsageError(`${parsed.positionals[0]} is ${info.size} bytes, over the limit of ${DEFAULT_PARSE_LIMITS.maxFileBytes}`)
    content = await readFile(file)
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`cannot read ${parsed.positionals[0]}`)
  }
  const root = dirname(file)
  const realRoot = realpathSync(root)
  const display = relative(cwd, file).split(sep).join('/')
  const result = loadModelFile(
    { path: display, content },
    {
      // Threagile includes are resolved next to the model and never outside its folder: the check
      // is made on the resolved path, so a symbolic link out of the folder is refused too.
      readInclude: (path) => {
        try {
          const real = realpathSync(resolve(root, path))
          if (!isInsideFolder(realRoot, real))
            return { refused: `${path} resolves outside the model's folder (symbolic link?); it is not read` }
          return readFileSync(real)
        } catch {
          return undefined
        }
      }
    }
  )
  for (const problem of result.problems) output.err(formatProblem(problem))
  if (!result.model) return EXIT.findings
  if (result.notExpressible.length > 0)
    output.err(`note: ${display} (${result.format}) cannot express: ${result.notExpressible.join('; ')}`)
  if (to === 'otm') output.out(JSON.stringify(exportOtm(result.model.document), null, 2))
  else
    output.out(
      `# Converted by threatloop convert from ${display} (${result.format}).\n${dump(result.model.document, { lineWidth: 120, noRefs: true })}`.trimEnd()
    )
  return EXIT.ok
}
