import { CEL_BUDGET, CelBudgetExceeded, createMeter, evaluateMetered, type CelMeter } from '../cel/budget.js'
import { findingId, type Finding } from '../findings.js'
import type { LoadedModel } from '../model/load.js'
import type { Suppression } from '../model/schema.js'
import type { Problem } from '../problems.js'
import type { KnowledgeBase } from '../kb/knowledge-base.js'
import { RuleGraph, type SubjectView } from './rule-graph.js'
import type { CompiledRule, MessagePart, RuleSet } from './rule-set.js'

/** Settings of one rules run. The caller supplies the date: the core never reads the clock. */
export interface RunRulesOptions {
  /** Today's date, `YYYY-MM-DD`. */
  today: string
  /** `github`, `gitlab` or `cli`; exposed as `context.platform`. */
  platform?: string
  /** Days after which `model.reviewed` is stale (default 180). */
  staleAfterDays?: number
  knowledgeBase?: KnowledgeBase
  /**
   * The CEL budget of the whole review, shared by every call of one review; each rule also has its
   * own (CEL_BUDGET.perRule per model). Without it, each call has a fresh review budget.
   */
  budget?: CelMeter
}

/** Default for `context.staleAfterDays`. */
export const DEFAULT_STALE_AFTER_DAYS = 180

/** Findings of one model, and problems with rules that failed while running (never skipped silently). */
export interface RulesResult {
  findings: Finding[]
  problems: Problem[]
}

interface EvaluationContext {
  model: SubjectView
  index: unknown
  context: unknown
  element: SubjectView
}

/** Runs every enabled rule of the set over one loaded model and applies the model's suppressions. */
export function runRules(loaded: LoadedModel, ruleSet: RuleSet, options: RunRulesOptions): RulesResult {
  const graph = new RuleGraph(loaded, {
    today: options.today,
    platform: options.platform ?? '',
    staleAfterDays: options.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS,
    knowledgeBase: options.knowledgeBase
  })
  const findings: Finding[] = []
  const problems: Problem[] = []
  const seen = new Set<string>()
  const review = options.budget ?? createMeter(CEL_BUDGET.perReview)
  // Helper functions (reachability, daysSince, kb lookups) answer about this graph while it runs.
  ruleSet.scope.graph = graph
  try {
    for (const rule of ruleSet.rules) {
      if (!rule.enabled || loaded.skippedRules?.has(rule.id)) continue
      let failures = 0
      let firstFailure: { elementId: string; message: string } | undefined
      const meter = createMeter(Math.max(0, Math.min(CEL_BUDGET.perRule, review.limit - review.used)))
      for (const subject of graph.subjects(rule.subject)) {
        const context: EvaluationContext = { model: graph.model, index: graph.indexView, context: graph.context, element: subject }
        try {
          if (evaluateMetered(rule.condition, context, meter) !== true) continue
          const finding = buildFinding(rule, subject, context, graph, loaded, meter)
          if (seen.has(finding.id)) continue
          seen.add(finding.id)
          findings.push(finding)
        } catch (error) {
          if (error instanceof CelBudgetExceeded) {
            // The rule is stopped for this model; the review goes on with the next rule.
            const finding = overBudgetFinding(rule, subject, graph, loaded, meter.limit < CEL_BUDGET.perRule)
            if (!seen.has(finding.id)) {
              seen.add(finding.id)
              findings.push(finding)
            }
            break
          }
          failures++
          firstFailure ??= {
            elementId: subject.id,
            message: error instanceof Error ? ((error as { summary?: string }).summary ?? error.message.split('\n')[0]) : String(error)
          }
        }
      }
      review.used += Math.min(meter.used, meter.limit)
      if (firstFailure) {
        const more = failures > 1 ? ` (and ${failures - 1} more elements)` : ''
        problems.push({
          file: rule.file,
          ...rule.conditionPosition,
          path: 'condition',
          severity: 'error',
          code: 'rule/evaluation-error',
          message: `rule ${rule.id} failed on ${rule.subject} ${firstFailure.elementId} of ${loaded.file}: ${firstFailure.message}${more}`,
          elementId: rule.id
        })
      }
    }
  } finally {
    ruleSet.scope.graph = undefined
  }
  applySuppressions(findings, loaded.document.suppressions ?? [], graph.index.modelId, options.today)
  findings.sort(compareFindingPositions)
  return { findings, problems }
}

/** The finding that reports a rule stopped over its budget: named by the rule, on the model. */
function overBudgetFinding(
  rule: CompiledRule,
  subject: SubjectView,
  graph: RuleGraph,
  loaded: LoadedModel,
  reviewBudget: boolean
): Finding {
  const modelId = graph.index.modelId
  const budget = reviewBudget
    ? 'the review’s rule budget was spent'
    : `it went over its evaluation budget (${CEL_BUDGET.perRule.toLocaleString('en-US')} steps per model)`
  return {
    id: findingId(rule.id, [modelId, 'budget']),
    ruleId: rule.id,
    title: rule.title,
    severity: rule.severity,
    message: `rule ${rule.id} was stopped on ${rule.subject} ${subject.id}: ${budget}; its findings on this model are incomplete. Simplify the rule (nested comprehensions over the index grow with the model's size).`,
    modelId,
    file: loaded.file,
    elementIds: [modelId],
    position: loaded.sourceMap.locate([])
  }
}

function buildFinding(
  rule: CompiledRule,
  subject: SubjectView,
  context: EvaluationContext,
  graph: RuleGraph,
  loaded: LoadedModel,
  meter: CelMeter
): Finding {
  let elementIds = rule.elements ? (evaluateMetered(rule.elements, context, meter) as string[]) : [subject.id]
  if (elementIds.length === 0) elementIds = [subject.id]
  const path = graph.pathOf(elementIds[0]) ?? graph.pathOf(subject.id) ?? []
  const finding: Finding = {
    id: findingId(rule.id, elementIds),
    ruleId: rule.id,
    title: rule.title,
    severity: rule.severity,
    message: renderMessage(rule.message, context, meter),
    modelId: graph.index.modelId,
    file: loaded.file,
    elementIds,
    position: loaded.sourceMap.locate(path)
  }
  if (rule.definition.category) finding.category = rule.definition.category
  if (rule.definition.cwe && rule.definition.cwe.length > 0) finding.cwe = [...rule.definition.cwe]
  return finding
}

/** Fills a message template's placeholders from the evaluation context. */
export function renderMessage(parts: readonly MessagePart[], context: object, meter: CelMeter = createMeter(CEL_BUDGET.perRule)): string {
  let out = ''
  for (const part of parts) out += 'text' in part ? part.text : formatValue(evaluateMetered(part.expression, context, meter))
  return out
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map(formatValue).join(', ')
  if (typeof value === 'object') {
    const id = (value as { id?: unknown }).id
    return typeof id === 'string' ? id : JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
  }
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value)
  return ''
}

/** Whether a suppression silences a finding: same rule, and the target is the model, the finding's element ids, or one of them. */
export function suppressionMatches(suppression: Suppression, finding: Finding, modelId: string): boolean {
  if (suppression.rule !== finding.ruleId) return false
  const target = suppression.target
  return target === modelId || target === finding.elementIds.join('+') || finding.elementIds.includes(target)
}

export function applySuppressions(findings: Finding[], suppressions: readonly Suppression[], modelId: string, today: string): void {
  // An expired suppression silences nothing; the `suppression-expired` rule reports it instead.
  const active = suppressions.filter((s) => s.expires === undefined || s.expires >= today)
  if (active.length === 0) return
  for (const finding of findings) {
    const suppression = active.find((s) => suppressionMatches(s, finding, modelId))
    if (!suppression) continue
    finding.suppressed = {}
    if (suppression.reason !== undefined) finding.suppressed.reason = suppression.reason
    if (suppression.approved_by !== undefined) finding.suppressed.approvedBy = suppression.approved_by
    if (suppression.expires !== undefined) finding.suppressed.expires = suppression.expires
  }
}

function compareFindingPositions(a: Finding, b: Finding): number {
  if (a.position.line !== b.position.line) return a.position.line - b.position.line
  if (a.position.column !== b.position.column) return a.position.column - b.position.column
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** Base and head findings compared by id, like code scanning. */
export interface FindingComparison {
  /** Active in head, not active in base. */
  new: Finding[]
  /** Active in base, gone from head (neither active nor suppressed). */
  fixed: Finding[]
  /** Active in both (the head version). */
  unchanged: Finding[]
  /** Active in base, suppressed in head. */
  suppressed: Finding[]
}

/** Compares base and head findings by their stable ids; suppressed findings count as not active. */
export function compareFindings(base: readonly Finding[], head: readonly Finding[]): FindingComparison {
  const baseActive = new Map(base.filter((f) => !f.suppressed).map((f) => [f.id, f]))
  const headById = new Map(head.map((f) => [f.id, f]))
  const result: FindingComparison = { new: [], fixed: [], unchanged: [], suppressed: [] }
  for (const finding of head) {
    if (finding.suppressed) {
      if (baseActive.has(finding.id)) result.suppressed.push(finding)
    } else if (baseActive.has(finding.id)) result.unchanged.push(finding)
    else result.new.push(finding)
  }
  for (const finding of baseActive.values()) if (!headById.has(finding.id)) result.fixed.push(finding)
  return result
}
