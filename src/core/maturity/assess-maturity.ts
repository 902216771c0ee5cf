import type { ParseResult } from '@marcbachmann/cel-js'
import { CEL_BUDGET, createMeter, evaluateMetered } from '../cel/budget.js'
import type { LoadedModel } from '../model/load.js'
import type { Severity } from '../model/schema.js'
import type { Problem } from '../problems.js'
import type { KnowledgeBase } from '../kb/knowledge-base.js'
import {
  loadEmbeddedMaturityChecks,
  resolveThresholds,
  type CompiledCategory,
  type CompiledCheck,
  type MaturityCheckSet
} from './maturity-check-set.js'
import { MaturityContextView, OBSERVABLE_LABELS, TemplatesView, type MaturityContext } from './maturity-context.js'
import { MaturityGraph } from './maturity-graph.js'
import { explainCheck, MATURITY_LEVELS, SEED_LEVEL_NAMES, type EvidenceSource, type MeasureUnit } from './maturity-schema.js'

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

/** `passed`/`failed`, or `not-observable` when the run could not observe the evidence the check needs. */
export type CheckStatus = 'passed' | 'failed' | 'not-observable'

/** The outcome of one check on one model. */
export interface CheckResult {
  /** `category.check`, stable across runs. */
  id: string
  level: number
  explanation: string
  evidence: EvidenceSource
  status: CheckStatus
  /** `status === 'passed'`. */
  passed: boolean
  /** Failed by one element or one count only: the practice is there, short of the threshold (see docs/maturity.md). */
  oneShort?: boolean
  /** What the run could not observe, when not observable. */
  unobserved?: string
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

/** One of the seed's four levels of a category, and how this model stands on it. */
export interface LevelAssessment {
  level: number
  /** The seed's name of the level. */
  name: string
  /** False where the seed defines no such level for the category: not scored. */
  defined: boolean
  /**
   * `met`: every check passes; `short`: the practice is there but one element or count short of a threshold;
   * `not-met`; `not-observable`: some evidence could not be observed here; `no-check`: defined, but Threatloop
   * has no evidence for it; `not-scored`: not defined by the seed.
   */
  status: 'met' | 'short' | 'not-met' | 'not-observable' | 'no-check' | 'not-scored'
}

export interface CategoryAssessment {
  id: string
  title: string
  /** False when the tool cannot observe the category's evidence here; the level is then null and no checks ran. */
  assessed: boolean
  notAssessedReason?: string
  /** The seed's level the evidence supports, or null when not even the first level the seed defines is evidenced (there is no level 0). */
  level: number | null
  /** The seed's name of `level`. */
  levelName: string | null
  /** First and last level the seed defines for the category (and Threatloop has checks for). */
  minLevel: number
  maxLevel: number
  levels: LevelAssessment[]
  /** Set when the level holds although one of its checks, or one below, is one element short (practice, not perfection). */
  heldShort?: CheckResult
  passing: CheckResult[]
  failing: CheckResult[]
  notObservable: CheckResult[]
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

type Outcome = { value?: unknown; error?: string }

const outcomes = new WeakMap<MaturityContextView, Map<string, Outcome>>()
const idSets = new WeakMap<Outcome, ReadonlySet<string>>()

/** The ids of a `scope` outcome as a set, built once per outcome (checks that share a scope share its outcome). */
function idSet(outcome: Outcome): ReadonlySet<string> {
  let ids = idSets.get(outcome)
  if (!ids) idSets.set(outcome, (ids = new Set(outcome.value as string[])))
  return ids
}

const MAX_OFFENDERS_SHOWN = 5

let embedded: MaturityCheckSet | undefined

export { SEED_LEVEL_NAMES }

/** The embedded checks, compiled once per process; they are validated by the test suite, so problems here are a build defect. */
export function embeddedMaturityChecks(): MaturityCheckSet {
  if (!embedded) {
    const { checkSet, problems } = loadEmbeddedMaturityChecks()
    const errors = problems.filter((p) => p.severity === 'error')
    if (errors.length > 0)
      throw new Error(`the embedded maturity checks are invalid: ${errors[0].file}:${errors[0].line}: ${errors[0].message}`)
    embedded = checkSet
  }
  return embedded
}

/** Scores one model on every maturity category: level, passing and failing checks, next step. */
export function assessMaturity(loaded: LoadedModel, context: MaturityContext, options: MaturityOptions): MaturityReport {
  const checkSet = options.checks ?? embeddedMaturityChecks()
  const { values: thresholds, problems } = resolveThresholds(checkSet, options.thresholds)
  const graph = new MaturityGraph(loaded, {
    today: options.today,
    knowledgeBase: options.knowledgeBase,
    residualSeverities: options.residualSeverities
  })
  const contextView = new MaturityContextView(options.today, context, templatesOf(loaded, context.resolvedTemplates ?? []))
  const base = { model: graph.maturityModel, index: graph.indexView, context: contextView }
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

/** The model's template entries that resolve, and those of them some threat names as its origin. */
function templatesOf(loaded: LoadedModel, resolvedEntries: readonly string[]): TemplatesView {
  const resolvable = new Set(resolvedEntries)
  const resolved = [...new Set(loaded.document.model.templates ?? [])].filter((entry) => resolvable.has(entry))
  const origins = new Set((loaded.document.threats ?? []).map((t) => t.origin).filter((o): o is string => o !== undefined))
  return new TemplatesView(
    resolved,
    resolved.filter((entry) => origins.has(entry))
  )
}

function levelName(level: number | null): string | null {
  return level === null ? null : (SEED_LEVEL_NAMES[level] ?? null)
}

function assessCategory(
  category: CompiledCategory,
  base: Omit<Variables, 'threshold'>,
  thresholds: ReadonlyMap<string, number>,
  modelFile: string,
  problems: Problem[]
): CategoryAssessment {
  const definedLevels = MATURITY_LEVELS.filter((level) => category.seed[level - 1] !== null)
  const minLevel = definedLevels[0]
  const checkedLevels = definedLevels.filter((level) => category.levels[level - 1].length > 0)
  const maxLevel = checkedLevels[checkedLevels.length - 1] ?? minLevel
  const levels: LevelAssessment[] = MATURITY_LEVELS.map((level) => ({
    level,
    name: SEED_LEVEL_NAMES[level],
    defined: category.seed[level - 1] !== null,
    status: category.seed[level - 1] === null ? 'not-scored' : 'no-check'
  }))
  const assessment: CategoryAssessment = {
    id: category.id,
    title: category.title,
    assessed: true,
    level: null,
    levelName: null,
    minLevel,
    maxLevel,
    levels,
    passing: [],
    failing: [],
    notObservable: []
  }
  if (category.assessedWhen) {
    const observable = evaluate(category.assessedWhen, { ...base, threshold: 0n })
    if (observable.error !== undefined) {
      problems.push(
        evaluationProblem(
          category.file,
          category.assessedWhenPosition,
          `\`assessed_when\` of category ${category.id}`,
          modelFile,
          observable.error,
          category.id
        )
      )
    }
    if (observable.value !== true) {
      assessment.assessed = false
      assessment.notAssessedReason = category.notAssessed
      return assessment
    }
  }
  const results = category.levels.map((checks) => checks.map((check) => runCheck(check, base, thresholds, modelFile, problems)))
  for (const level of checkedLevels) {
    const own = results[level - 1]
    levels[level - 1].status = own.every((r) => r.status === 'passed')
      ? 'met'
      : own.some((r) => r.status === 'failed' && !r.oneShort)
        ? 'not-met'
        : own.some((r) => r.status === 'not-observable')
          ? 'not-observable'
          : 'short'
  }
  // Strict: every level up to it met. Practised: every level up to it met or one short. A level
  // one short costs the category one level at most, never the whole ladder (practice, not perfection).
  // Practised: every level up to it met or short, where one and the same element would lift every
  // short level (fixing it meets their thresholds). A single new element never costs more than one level.
  const climb = (forgive: boolean): number | null => {
    let reached: number | null = null
    let common: Set<string> | undefined
    for (const level of checkedLevels) {
      const status = levels[level - 1].status
      if (status === 'short' && forgive) {
        for (const check of results[level - 1].filter((r) => r.status === 'failed')) {
          const candidates = new Set(check.offenders ?? [`#${check.id}`])
          common = new Set([...(common ?? candidates)].filter((id) => candidates.has(id)))
        }
        if (common !== undefined && common.size === 0) break
      } else if (status !== 'met') break
      reached = level
    }
    return reached
  }
  const strict = climb(false)
  const practised = climb(true)
  let level = strict
  if (practised !== null && (strict === null || practised - 1 > strict)) level = practised - 1 >= minLevel ? practised - 1 : null
  assessment.level = level
  assessment.levelName = levelName(level)
  if (level !== null && level !== strict) {
    assessment.heldShort = results.flat().find((r) => r.oneShort && r.level <= level + 1)
  }
  for (const result of results.flat()) {
    if (result.status === 'passed') assessment.passing.push(result)
    else if (result.status === 'failed') assessment.failing.push(result)
    else assessment.notObservable.push(result)
  }
  // The next step names the first level above what is strictly met that is not met: a level held
  // despite a shortfall is one "to secure", a higher one "to reach".
  const blocking = checkedLevels.find((l) => l > (strict ?? 0) && levels[l - 1].status !== 'met')
  if (blocking !== undefined) {
    const own = results[blocking - 1]
    const next = own.find((r) => r.status === 'failed') ?? own.find((r) => r.status === 'not-observable')
    const verb = level !== null && blocking <= level ? 'to secure' : 'to reach'
    if (next) assessment.nextStep = { level: blocking, check: next, text: `${verb} level ${blocking}: ${describeProgress(next)}` }
  }
  if (strict === null && practised === null && results[minLevel - 1].length > 0) {
    const first = results[minLevel - 1]
    if (!first.some((r) => r.status === 'failed') && first.some((r) => r.status === 'not-observable')) {
      assessment.assessed = false
      assessment.notAssessedReason = `not observable here: ${first.find((r) => r.status === 'not-observable')!.unobserved}`
    }
  }
  return assessment
}

function runCheck(
  check: CompiledCheck,
  base: Omit<Variables, 'threshold'>,
  thresholds: ReadonlyMap<string, number>,
  modelFile: string,
  problems: Problem[]
): CheckResult {
  const declared = check.definition.threshold
  const threshold = declared === undefined ? undefined : (thresholds.get(declared.name) ?? declared.default)
  const variables: Variables = { ...base, threshold: BigInt(threshold ?? 0) }
  const result: CheckResult = {
    id: `${check.category}.${check.id}`,
    level: check.level,
    explanation: explainCheck(check.definition, threshold),
    evidence: check.definition.evidence,
    status: 'failed',
    passed: false
  }
  const missing = (check.definition.needs ?? []).filter((need) => !base.context.observable.has(need))
  if (missing.length > 0) {
    result.status = 'not-observable'
    result.unobserved = missing.map((need) => OBSERVABLE_LABELS[need]).join('; ')
    return result
  }
  const fail = (what: string, error: string): CheckResult => {
    result.status = 'failed'
    result.passed = false
    result.error = error
    problems.push(evaluationProblem(check.file, check.position, `${what} of check ${result.id}`, modelFile, error, check.category))
    return result
  }
  let passed = true
  let oneShort = false
  let listedOffenders: string[] | undefined
  if (check.scope) {
    const scoped = evaluate(check.scope, variables)
    if (scoped.error !== undefined) return fail('`scope`', scoped.error)
    const listed = evaluate(check.offenders!, variables)
    if (listed.error !== undefined) return fail('`offenders`', listed.error)
    const inScope = idSet(scoped)
    // The offenders in scope, each once, in the order listed.
    const offending = new Set<string>()
    for (const id of listed.value as string[]) if (inScope.has(id)) offending.add(id)
    listedOffenders = [...offending]
    const compliant = inScope.size - listedOffenders.length
    const value = inScope.size === 0 ? 100 : Math.floor((compliant * 100) / inScope.size)
    result.measure = { value, unit: 'percent', threshold }
    passed = value >= threshold!
    oneShort = !passed && inScope.size > 1 && Math.floor(((compliant + 1) * 100) / inScope.size) >= threshold!
  } else if (check.measure) {
    const measured = evaluate(check.measure, variables)
    if (measured.error !== undefined) return fail('`measure`', measured.error)
    // A negative measure means there is nothing to measure yet (e.g. no review date); it is not shown.
    const value = Number(measured.value)
    if (value >= 0) {
      result.measure = { value, unit: check.definition.unit! }
      if (threshold !== undefined) result.measure.threshold = threshold
    }
    if (!check.condition) {
      if (!result.measure) passed = false
      else if (declared!.direction === 'at-most') {
        passed = value <= threshold!
        oneShort = !passed && check.definition.unit === 'count' && value <= threshold! + 1
      } else passed = value >= threshold!
    }
  }
  if (check.condition) {
    const outcome = evaluate(check.condition, variables)
    if (outcome.error !== undefined) return fail('`condition`', outcome.error)
    passed = passed && outcome.value === true
    if (outcome.value !== true) oneShort = false
  }
  result.status = passed ? 'passed' : 'failed'
  result.passed = passed
  if (oneShort && !passed) result.oneShort = true
  if (!passed && check.offenders) {
    if (listedOffenders === undefined) {
      const listed = evaluate(check.offenders, variables)
      if (listed.error !== undefined) return fail('`offenders`', listed.error)
      listedOffenders = [...(listed.value as string[])]
    }
    if (listedOffenders.length > 0) result.offenders = listedOffenders
  }
  return result
}

/**
 * Evaluates one expression of a check on its own budget. Checks repeat expressions (`index.threats.map(t, t.id)`
 * is the scope of eight): one assessment evaluates each source text once per threshold. The outcome is the same
 * either way: the checks share one environment, the graph and context do not change during an assessment, and
 * each evaluation has a fresh meter of its own, so a repeated one would spend and report exactly the same.
 */
function evaluate(expression: ParseResult, variables: Variables): Outcome {
  const source = (expression as { ast?: { input?: unknown } }).ast?.input
  const key = typeof source === 'string' ? `${variables.threshold}\u0000${source}` : undefined
  // The context view is made anew for each assessment: it keys that assessment's outcomes.
  let memo = outcomes.get(variables.context)
  if (!memo) outcomes.set(variables.context, (memo = new Map<string, Outcome>()))
  const known = key === undefined ? undefined : memo.get(key)
  if (known) return known
  let outcome: Outcome
  try {
    // Checks run over the model's size like rules do: the same per-rule budget bounds each one.
    outcome = { value: evaluateMetered(expression, variables, createMeter(CEL_BUDGET.perRule)) }
  } catch (error) {
    outcome = { error: error instanceof Error ? ((error as { summary?: string }).summary ?? error.message.split('\n')[0]) : String(error) }
  }
  if (key !== undefined) memo.set(key, outcome)
  return outcome
}

function evaluationProblem(
  file: string,
  position: { line: number; column: number },
  what: string,
  modelFile: string,
  error: string,
  category: string
): Problem {
  return {
    file,
    ...position,
    path: '',
    severity: 'error',
    code: 'maturity/evaluation-error',
    message: `${what} failed on ${modelFile}: ${error}`,
    elementId: category
  }
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
  if (result.status === 'not-observable') notes.push(`not observable here: ${result.unobserved ?? 'the run did not observe it'}`)
  return notes.length > 0 ? `${result.explanation} (${notes.join('; ')})` : result.explanation
}

function formatMeasure(measure: CheckMeasure): string {
  if (measure.unit === 'percent') return `${measure.value} %`
  if (measure.unit === 'days') return `${measure.value} ${measure.value === 1 ? 'day' : 'days'}`
  return String(measure.value)
}
