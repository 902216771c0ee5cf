import type { Environment, ParseResult } from '@marcbachmann/cel-js'
import { compileBuiltin, compileExpression, describeCelFailure, type BuiltinCache } from '../cel/compile.js'
import { CONFIG_FILE } from '../domain.js'
import type { SourceMap, TextPosition } from '../model/yaml-document.js'
import { compareProblems, formatDocumentPath, suggestClosest, type DocumentPath, type Problem } from '../problems.js'
import { EMBEDDED_MATURITY_CATEGORIES } from './maturity-checks.generated.js'
import { createMaturityEnvironment, type MaturityScope } from './maturity-environment.js'
import {
  MATURITY_LEVELS,
  parseMaturityCategoryFile,
  type MaturityCheck,
  type MeasureUnit,
  type PreparedCategory
} from './maturity-schema.js'

/** The fifteen categories of docs/maturity.md, in the order reports list them. */
export const MATURITY_CATEGORY_IDS = [
  'inventory',
  'architecture',
  'threat-categorization',
  'mitigation-categorization',
  'static-analysis',
  'dynamic-analysis',
  'root-cause-analysis',
  'reporting',
  'knowledge-base',
  'severity',
  'issue-tracker',
  'monitoring',
  'osint',
  'risk-management',
  'value-stream'
] as const

/** A threshold checks share by name, with its default and how a measure is compared with it. */
export interface ThresholdDefinition {
  name: string
  default: number
  unit: MeasureUnit | undefined
  direction: 'at-least' | 'at-most'
  /** `category.check` ids that use it. */
  usedBy: string[]
}

/** A check ready to evaluate. */
export interface CompiledCheck {
  id: string
  category: string
  level: number
  definition: MaturityCheck
  condition: ParseResult | undefined
  measure: ParseResult | undefined
  /** Proportion checks: the ids the check is about. */
  scope: ParseResult | undefined
  offenders: ParseResult | undefined
  file: string
  /** Document path of the check in its file, and its position there. */
  path: DocumentPath
  position: TextPosition
}

/** A category ready to assess: its checks per level (index 0 is level 1). */
export interface CompiledCategory {
  id: string
  title: string
  file: string
  assessedWhen: ParseResult | undefined
  /** Position of `assessed_when` in the file, for problems raised while it runs. */
  assessedWhenPosition: TextPosition
  notAssessed: string | undefined
  /** Per level (index 0 is level 1): what the seed asks, in our words, or null where it defines no such level. */
  seed: (string | null)[]
  interpretation: string | undefined
  levels: CompiledCheck[][]
}

/** Compiled maturity checks; compile once, assess many models. */
export interface MaturityCheckSet {
  categories: readonly CompiledCategory[]
  thresholds: ReadonlyMap<string, ThresholdDefinition>
  scope: MaturityScope
}

/** A maturity category file handed over as text: repository-relative path and content. */
export interface MaturityCheckText {
  path: string
  text: string
}

/** Category files that passed the schema, with their source maps for positioned problems. */
export function parseMaturityFiles(files: readonly MaturityCheckText[]): {
  parsed: { prepared: PreparedCategory; sourceMap: SourceMap }[]
  problems: Problem[]
} {
  const problems: Problem[] = []
  const parsed: { prepared: PreparedCategory; sourceMap: SourceMap }[] = []
  for (const file of files) {
    const result = parseMaturityCategoryFile(file.path, file.text)
    problems.push(...result.problems)
    if (!result.category) continue
    const { category, sourceMap } = result.category
    const prepared: PreparedCategory = {
      file: file.path,
      category,
      assessedWhenPosition: sourceMap.locate(['assessed_when']),
      checkPositions: MATURITY_LEVELS.map((level) =>
        (category.levels[level] ?? []).map((_, i) => sourceMap.locate(['levels', String(level), i]))
      )
    }
    parsed.push({ prepared, sourceMap })
  }
  return { parsed, problems }
}

/** Loads, validates and compiles maturity category files, with positioned problems. */
export function loadMaturityChecks(files: readonly MaturityCheckText[]): { checkSet: MaturityCheckSet; problems: Problem[] } {
  const { parsed, problems } = parseMaturityFiles(files)
  return buildCheckSet(parsed, problems, false)
}

/**
 * The embedded checks (maturity-checks.generated.ts), already parsed and validated at build time;
 * each expression compiles on first use, so checks a run never evaluates (not observable here,
 * categories not assessed, offenders of passing checks) cost nothing.
 */
export function loadEmbeddedMaturityChecks(): { checkSet: MaturityCheckSet; problems: Problem[] } {
  return buildCheckSet(
    EMBEDDED_MATURITY_CATEGORIES.map((prepared) => ({ prepared })),
    [],
    true
  )
}

/** Where a document path of a prepared category is, without its source map: its check, `assessed_when` or the file's start. */
function locateWithout(prepared: PreparedCategory, path: DocumentPath): TextPosition {
  if (path[0] === 'assessed_when') return prepared.assessedWhenPosition
  if (path[0] === 'levels' && typeof path[2] === 'number')
    return prepared.checkPositions[Number(path[1]) - 1]?.[path[2]] ?? { line: 1, column: 1 }
  return { line: 1, column: 1 }
}

/** Makes `key` of `target` a value computed on first read. */
function computeOnFirstRead<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  let value: T[K]
  let computed = false
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!computed) {
        value = compute()
        computed = true
      }
      return value
    }
  })
}

function buildCheckSet(
  parsed: readonly { prepared: PreparedCategory; sourceMap?: SourceMap }[],
  problems: Problem[],
  lazy: boolean
): { checkSet: MaturityCheckSet; problems: Problem[] } {
  const scope: MaturityScope = { graph: undefined }
  let env: Environment | undefined
  const environment = (): Environment => (env ??= createMaturityEnvironment(scope))
  // Checks share expressions (`index.threats.map(t, t.id)` is the scope of eight): the embedded ones compile each text once.
  const cache: BuiltinCache = new Map()
  const categories: CompiledCategory[] = []
  const firstFile = new Map<string, string>()
  const thresholds = new Map<string, ThresholdDefinition>()
  for (const { prepared, sourceMap } of parsed) {
    const { category, file } = prepared
    const locate = (path: DocumentPath): TextPosition => sourceMap?.locate(path) ?? locateWithout(prepared, path)
    const error = (path: DocumentPath, code: string, message: string): Problem => ({
      file,
      ...locate(path),
      path: formatDocumentPath(path),
      severity: 'error',
      code,
      message,
      elementId: category.id
    })
    const first = firstFile.get(category.id)
    if (first !== undefined) {
      problems.push(error(['id'], 'maturity/duplicate-category', `maturity category \`${category.id}\` is already defined in ${first}`))
      continue
    }
    firstFile.set(category.id, file)
    let ok = true
    const compile = (path: DocumentPath, source: string, expected: string, what: string): ParseResult | undefined => {
      const compiled = compileExpression(environment(), source, expected)
      if ('expression' in compiled) return compiled.expression
      ok = false
      const { failure } = compiled
      if (failure.stage === 'syntax')
        problems.push(error(path, 'maturity/cel-syntax', `${what} is not valid CEL: ${describeCelFailure(failure.failure)}`))
      else if (failure.stage === 'type')
        problems.push(error(path, 'maturity/cel-type', `${what} does not type-check: ${describeCelFailure(failure.failure)}`))
      else
        problems.push(
          error(path, 'maturity/cel-type', `${what} must be a ${expected} expression, but it is ${failure.actual ?? 'of unknown type'}`)
        )
      return undefined
    }
    // Sets `key` of `target` to the compiled `source`: now (positioned problems), or on first read for the embedded checks.
    const expression = <T extends object, K extends keyof T & string>(
      target: T,
      key: K,
      path: DocumentPath,
      source: string | undefined,
      expected: string,
      what: string
    ): void => {
      if (source === undefined) return
      if (lazy) computeOnFirstRead(target, key, () => compileBuiltin(environment(), source, expected, what, cache) as T[K])
      else target[key] = compile(path, source, expected, what) as T[K]
    }
    const levels = MATURITY_LEVELS.map((level) =>
      (category.levels[level] ?? []).map((check, i): CompiledCheck => {
        const at = (key: string): DocumentPath => ['levels', String(level), i, key]
        const name = `check ${category.id}.${check.id}`
        const path: DocumentPath = ['levels', String(level), i]
        const compiled: CompiledCheck = {
          id: check.id,
          category: category.id,
          level,
          definition: check,
          condition: undefined,
          measure: undefined,
          scope: undefined,
          offenders: undefined,
          file,
          path,
          position: locate(path)
        }
        expression(compiled, 'condition', at('condition'), check.condition, 'bool', `\`condition\` of ${name}`)
        expression(compiled, 'measure', at('measure'), check.measure, 'int', `\`measure\` of ${name}`)
        expression(compiled, 'scope', at('scope'), check.scope, 'list<string>', `\`scope\` of ${name}`)
        expression(compiled, 'offenders', at('offenders'), check.offenders, 'list<string>', `\`offenders\` of ${name}`)
        if (check.threshold) ok = registerThreshold(thresholds, compiled, locate, problems) && ok
        return compiled
      })
    )
    const compiledCategory: CompiledCategory = {
      id: category.id,
      title: category.title,
      file,
      assessedWhen: undefined,
      assessedWhenPosition: prepared.assessedWhenPosition,
      notAssessed: category.not_assessed,
      seed: MATURITY_LEVELS.map((level) => category.seed[level]),
      interpretation: category.interpretation,
      levels
    }
    expression(
      compiledCategory,
      'assessedWhen',
      ['assessed_when'],
      category.assessed_when,
      'bool',
      `\`assessed_when\` of category ${category.id}`
    )
    if (!ok) continue
    categories.push(compiledCategory)
  }
  categories.sort(compareCategories)
  return { checkSet: { categories, thresholds, scope }, problems: problems.sort(compareProblems) }
}

function registerThreshold(
  thresholds: Map<string, ThresholdDefinition>,
  check: CompiledCheck,
  locate: (path: DocumentPath) => TextPosition,
  problems: Problem[]
): boolean {
  const declared = check.definition.threshold!
  const direction = declared.direction ?? 'at-least'
  const existing = thresholds.get(declared.name)
  const usedBy = `${check.category}.${check.id}`
  const unit = check.definition.scope !== undefined ? 'percent' : check.definition.unit
  if (!existing) {
    thresholds.set(declared.name, { name: declared.name, default: declared.default, unit, direction, usedBy: [usedBy] })
    return true
  }
  if (existing.default === declared.default && existing.unit === unit && existing.direction === direction) {
    existing.usedBy.push(usedBy)
    return true
  }
  const path: DocumentPath = [...check.path, 'threshold']
  problems.push({
    file: check.file,
    ...locate(path),
    path: formatDocumentPath(path),
    severity: 'error',
    code: 'maturity/threshold-conflict',
    message: `threshold \`${declared.name}\` of check ${usedBy} differs from its use in ${existing.usedBy.join(', ')} (default, unit or direction); checks sharing a threshold name must agree`,
    elementId: check.category
  })
  return false
}

function compareCategories(a: CompiledCategory, b: CompiledCategory): number {
  const order = (id: string): number => {
    const i = (MATURITY_CATEGORY_IDS as readonly string[]).indexOf(id)
    return i < 0 ? MATURITY_CATEGORY_IDS.length : i
  }
  return order(a.id) - order(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** Threshold values for one run: the defaults with the organisation's overrides, by threshold name. */
export interface ResolvedThresholds {
  values: ReadonlyMap<string, number>
  problems: Problem[]
}

/** Where threshold overrides come from, for problems that point into the configuration. */
export interface ThresholdSource {
  configFile?: string
  configSourceMap?: SourceMap
  /** Document path of the overrides mapping in the configuration (default `maturity.thresholds`). */
  path?: DocumentPath
}

/** Applies configured threshold overrides; unknown names and out-of-range values are warnings that name the setting. */
export function resolveThresholds(
  checkSet: MaturityCheckSet,
  overrides: Readonly<Record<string, number>> = {},
  source: ThresholdSource = {}
): ResolvedThresholds {
  const values = new Map<string, number>()
  for (const [name, definition] of checkSet.thresholds) values.set(name, definition.default)
  const problems: Problem[] = []
  const base = source.path ?? ['maturity', 'thresholds']
  const warn = (name: string, message: string): void => {
    const path = [...base, name]
    problems.push({
      file: source.configFile ?? CONFIG_FILE,
      ...(source.configSourceMap?.locate(path) ?? { line: 1, column: 1 }),
      path: formatDocumentPath(path),
      severity: 'warning',
      code: 'config/maturity-threshold',
      message
    })
  }
  for (const [name, value] of Object.entries(overrides)) {
    const definition = checkSet.thresholds.get(name)
    if (!definition) {
      const suggestion = suggestClosest(name, checkSet.thresholds.keys())
      const known = [...checkSet.thresholds.keys()].sort().join(', ')
      warn(name, `unknown maturity threshold \`${name}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''} (known: ${known})`)
      continue
    }
    const max = definition.unit === 'percent' ? 100 : Number.MAX_SAFE_INTEGER
    if (!Number.isInteger(value) || value < 0 || value > max) {
      const range = definition.unit === 'percent' ? 'a whole number from 0 to 100' : 'a whole number ≥ 0'
      warn(name, `maturity threshold \`${name}\` must be ${range}, got ${String(value)}; using the default ${definition.default}`)
      continue
    }
    values.set(name, value)
  }
  return { values, problems }
}
