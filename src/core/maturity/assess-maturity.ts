import type { ParseResult } from '@marcbachmann/cel-js'
import type { LoadedModel } from '../model/load.js'
import type { Severity } from '../model/schema.js'
import type { Problem } from '../problems.js'
import type { KnowledgeBase } from '../rules/knowledge-base.js'
import { loadMaturityChecks, resolveThresholds, type CompiledCategory, type CompiledCheck, type MaturityCheckSet } from './maturity-check-set.js'
import { MaturityContextView, type MaturityContext } from './maturity-context.js'
import { MaturityGraph } from './maturity-graph.js'
import { explainCheck, type MeasureUnit } from './maturity-schema.js'

/** Settings of one assessment. The caller supplies the date: the core never reads the clock. */
export interface MaturityOptions {
  /** Today's date, `YYYY-MM-DD`. */
  today: string
  /** Threshold overrides by name (e.g. `mapping-percent`, `stale-review-days`), from the configuration. */
  thresholds?: Readonly<Record<string, number>>
  /** Loaded CWE / CAPEC / ATT&CK catalogues, for checks that look ids up. */
  knowledgeBase?: KnowledgeBase
  /** Residual severity per threat id from the risk assessment; without it, the qualitative severity counts. */
  residualSeverities?: Readonly<Record<string, Severity | null | undefined>>
  /** A compiled check set; the embedded checks by default. */
  checks?: MaturityCheckSet
}

/** A check's progress: the measured value and the threshold it must reach. */
export interface CheckMeasure {
  value: number
  unit: MeasureUnit
  threshold?: number
}

/** The outcome of one check on one model. */
export interface CheckResult {
  /** `category.check`, stable across runs. */
  id: string
  level: number
  explanation: string
  passed: boolean
  measure?: CheckMeasure
  /** Elements that keep the check from passing, when the check names them. */
  offenders?: string[]
  /** Set when the check could not be evaluated; it then counts as failing. */
  error?: string
}

/** What would lift a category by one level. */
export interface NextStep {
  level: number
  check: CheckResult
  /** e.g. `to reach level 3: map ≥ 80 % of threats to CWE, CAPEC or ATT&CK (now 55 %)`. */
  text: string
}

export interface CategoryAssessment {
  id: string
  title: string
  /** False when the tool cannot observe the category's evidence; the level is then 0 and no checks ran. */
  assessed: boolean
  notAssessedReason?: string
  /** 0–4: the highest level whose checks, and all lower levels' checks, pass. */
  level: number
  /** Highest level the category defines checks for. */
  maxLevel: number
  passing: CheckResult[]
  failing: CheckResult[]
  nextStep?: NextStep
}

export interface MaturityReport {
  modelId: string
  file: string
  categories: CategoryAssessment[]
  /** Checks that failed to evaluate, and threshold settings that were ignored. */
  problems: Problem[]
}

interface Variables {
  model: object
  index: object
  context: MaturityContextView
  threshold: bigint
}

const MAX_OFFENDERS_SHOWN = 5

let embedded: MaturityCheckSet | undefined

/** The embedded checks, compiled once per process; they are validated by the test suite, so problems here are a build defect. */
export function embeddedMaturityChecks(): MaturityCheckSet {
  if (!embedded) {
    const { checkSet, problems } = loadMaturityChecks()
    const errors = problems.filter((p) => p.severity === 'error')
    if (errors.length > 0) throw new Error(`the embedded maturity checks are invalid: ${errors[0].file}:${errors[0].line}: ${errors[0].message}`)
    embedded = checkSet
  }
  return embedded
}

/** Scores one model on every maturity category: level, passing and failing checks, next step. */
export function assessMaturity(loaded: LoadedModel, context: MaturityContext, options: MaturityOptions): MaturityReport {
  const checkSet = options.checks ?? embeddedMaturityChecks()
  const { values: thresholds, problems } = resolveThresholds(checkSet, options.thresholds)
  const graph = new MaturityGraph(loaded, { today: options.today, knowledgeBase: options.knowledgeBase, residualSeverities: options.residualSeverities })
  const base = { model: graph.maturityModel, index: graph.indexView, context: new MaturityContextView(options.today, context) }
  const categories: CategoryAssessment[] = []
  checkSet.scope.graph = graph
  try {
    for (const category of checkSet.categories) {
      categories.push(assessCategory(category, base, thresholds, loaded.file, problems))
    }
  } finally {
    checkSet.scope.graph = undefined
  }
  return { modelId: graph.index.modelId, file: loaded.file, categories, problems }
}

function assessCategory(category: CompiledCategory, base: Omit<Variables, 'threshold'>, thresholds: ReadonlyMap<string, number>, modelFile: string, problems: Problem[]): CategoryAssessment {
  const maxLevel = category.levels.filter((checks) => checks.length > 0).length
  const assessment: CategoryAssessment = { id: category.id, title: category.title, assessed: true, level: 0, maxLevel, passing: [], failing: [] }
  if (category.assessedWhen) {
    const observable = evaluate(category.assessedWhen, { ...base, threshold: 0n })
    if (observable.error !== undefined) {
      problems.push(evaluationProblem(category.file, category.assessedWhenPosition, `\`assessed_when\` of category ${category.id}`, modelFile, observable.error, category.id))
    }
    if (observable.value !== true) {
      assessment.assessed = false
      assessment.notAssessedReason = category.notAssessed
      return assessment
    }
  }
  const results = category.levels.map((checks) => checks.map((check) => runCheck(check, base, thresholds, modelFile, problems)))
  let level = 0
  while (level < maxLevel && results[level].every((r) => r.passed)) level++
  assessment.level = level
  for (const result of results.flat()) (result.passed ? assessment.passing : assessment.failing).push(result)
  if (level < maxLevel) {
    const next = results[level].find((r) => !r.passed)!
    assessment.nextStep = { level: level + 1, check: next, text: `to reach level ${level + 1}: ${describeProgress(next)}` }
  }
  return assessment
}

function runCheck(check: CompiledCheck, base: Omit<Variables, 'threshold'>, thresholds: ReadonlyMap<string, number>, modelFile: string, problems: Problem[]): CheckResult {
  const declared = check.definition.threshold
  const threshold = declared === undefined ? undefined : (thresholds.get(declared.name) ?? declared.default)
  const variables: Variables = { ...base, threshold: BigInt(threshold ?? 0) }
  const result: CheckResult = { id: `${check.category}.${check.id}`, level: check.level, explanation: explainCheck(check.definition, threshold), passed: false }
  const fail = (what: string, error: string): CheckResult => {
    result.passed = false
    result.error = error
    problems.push(evaluationProblem(check.file, check.position, `${what} of check ${result.id}`, modelFile, error, check.category))
    return result
  }
  if (check.measure) {
    const measured = evaluate(check.measure, variables)
    if (measured.error !== undefined) return fail('`measure`', measured.error)
    // A negative measure means there is nothing to measure yet (e.g. no review date); it is not shown.
    const value = Number(measured.value)
    if (value >= 0) {
      result.measure = { value, unit: check.definition.unit! }
      if (threshold !== undefined) result.measure.threshold = threshold
    }
  }
  if (check.condition) {
    const outcome = evaluate(check.condition, variables)
    if (outcome.error !== undefined) return fail('`condition`', outcome.error)
    result.passed = outcome.value === true
  } else if (result.measure) {
    const value = result.measure.value
    result.passed = declared!.direction === 'at-most' ? value <= threshold! : value >= threshold!
  }
  if (!result.passed && check.offenders) {
    const listed = evaluate(check.offenders, variables)
    if (listed.error !== undefined) return fail('`offenders`', listed.error)
    const offenders = listed.value as string[]
    if (offenders.length > 0) result.offenders = offenders
  }
  return result
}

function evaluate(expression: ParseResult, variables: Variables): { value?: unknown; error?: string } {
  try {
    return { value: expression(variables) }
  } catch (error) {
    return { error: error instanceof Error ? ((error as { summary?: string }).summary ?? error.message.split('\n')[0]) : String(error) }
  }
}

function evaluationProblem(file: string, position: { line: number; column: number }, what: string, modelFile: string, error: string, category: string): Problem {
  return { file, ...position, path: '', severity: 'error', code: 'maturity/evaluation-error', message: `${what} failed on ${modelFile}: ${error}`, elementId: category }
}

/** The explanation with the measured progress and the first offenders: `… (now 55 %; not yet: T-3, T-4)`. */
export function describeProgress(result: CheckResult): string {
  const notes: string[] = []
  if (result.measure) notes.push(`now ${formatMeasure(result.measure)}`)
  if (result.offenders && result.offenders.length > 0) {
    const shown = result.offenders.slice(0, MAX_OFFENDERS_SHOWN).join(', ')
    const more = result.offenders.length - MAX_OFFENDERS_SHOWN
    notes.push(`not yet: ${shown}${more > 0 ? ` and ${more} more` : ''}`)
  }
  if (result.error !== undefined) notes.push(`could not be evaluated: ${result.error}`)
  return notes.length > 0 ? `${result.explanation} (${notes.join('; ')})` : result.explanation
}

function formatMeasure(measure: CheckMeasure): string {
  if (measure.unit === 'percent') return `${measure.value} %`
  if (measure.unit === 'days') return `${measure.value} ${measure.value === 1 ? 'day' : 'days'}`
  return String(measure.value)
}
