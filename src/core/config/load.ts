import { compareProblems, formatDocumentPath, type Problem } from '../problems.js'
import { issueToProblems } from '../model/zod-problems.js'
import { decodeModelText, parseYamlDocument } from '../model/yaml-document.js'
import { CODE_DRIFT_RULE_ID } from '../drift/code-drift.js'
import { importGlobs } from '../import/registry.js'
import type { SourceMap } from '../model/yaml-document.js'
import { CONTENT_CONFIRMED_MODEL_GLOBS, DEFAULT_IGNORE_GLOBS, DEFAULT_MODEL_GLOBS, RepositoryConfig } from './schema.js'

/** The configuration with defaults applied, as the rest of the tool reads it. */
export interface ResolvedConfig {
  models: string[]
  /** Globs whose files count only when their content is a threat model (empty when `models:` is set). */
  confirm: string[]
  ignore: string[]
  raw: RepositoryConfig
}

export interface ConfigResult {
  config: ResolvedConfig | undefined
  problems: Problem[]
}

/** Applies defaults to a validated configuration. */
export function resolveConfig(raw: RepositoryConfig = {}): ResolvedConfig {
  const models = raw.models ?? []
  const configured = models.length > 0
  return {
    models: configured ? models : [...DEFAULT_MODEL_GLOBS],
    // Every importer's own globs count too; content detection confirms what the defaults do not name.
    confirm: configured
      ? []
      : [...new Set([...CONTENT_CONFIRMED_MODEL_GLOBS, ...importGlobs()])].filter(
          (g) => !(DEFAULT_MODEL_GLOBS as readonly string[]).includes(g)
        ),
    ignore: [...DEFAULT_IGNORE_GLOBS, ...(raw.ignore ?? [])],
    raw
  }
}

/** Loads `.threatloop.yaml`; a missing file (undefined content) means all defaults. */
export function loadRepositoryConfig(file: string, content: Uint8Array | string | undefined): ConfigResult {
  if (content === undefined) return { config: resolveConfig(), problems: [] }
  const decoded = decodeModelText(file, content)
  if ('problem' in decoded) return { config: undefined, problems: [decoded.problem] }
  if (decoded.text.trim() === '' || decoded.text.split(/\r?\n/).every((line) => /^\s*(#.*)?$/.test(line))) {
    return { config: resolveConfig(), problems: [] }
  }
  const parsed = parseYamlDocument(file, decoded.text)
  if (!parsed.ok) return { config: undefined, problems: parsed.problems }
  const { value, sourceMap } = parsed.document
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      config: undefined,
      problems: [
        {
          file,
          line: 1,
          column: 1,
          path: '',
          severity: 'error',
          code: 'config/not-a-mapping',
          message: 'the configuration must be a mapping (keys such as `models:`, `rules:`, `gate:`)'
        }
      ]
    }
  }
  const schema = RepositoryConfig.unwrap()
  const result = schema.safeParse(value)
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) =>
      issueToProblems(file, issue, value, sourceMap, { rootSchema: schema, ownerAt: () => undefined })
    )
    return {
      config: undefined,
      problems: problems.map((p) => ({ ...p, code: p.code.replace(/^schema\//, 'config/') })).sort(compareProblems)
    }
  }
  return { config: resolveConfig(result.data), problems: gateProblems(file, result.data, sourceMap) }
}

/** Gate conditions that only a rule produces: listed while that rule is disabled, they can never fire. */
const CONDITION_RULES: Readonly<Record<string, string>> = { 'model-drift': CODE_DRIFT_RULE_ID }

function gateProblems(file: string, raw: RepositoryConfig, sourceMap: SourceMap): Problem[] {
  const disabled = new Set(raw.rules?.disable ?? [])
  const problems: Problem[] = []
  for (const list of ['fail_on', 'warn_on'] as const) {
    for (const [i, condition] of (raw.gate?.[list] ?? []).entries()) {
      const rule = CONDITION_RULES[condition]
      if (rule === undefined || !disabled.has(rule)) continue
      const path = ['gate', list, i]
      problems.push({
        file,
        ...sourceMap.locate(path),
        path: formatDocumentPath(path),
        severity: 'warning',
        code: 'config/gate-condition-never-fires',
        message: `gate condition \`${condition}\` can never fire: \`rules.disable\` turns off rule \`${rule}\`, which is what finds it`
      })
    }
  }
  return problems
}
