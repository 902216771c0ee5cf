import type { IssueMode } from '../domain.js'
import { diffModels, type ModelDiff } from '../diff/index.js'
import type { Finding } from '../findings.js'
import type { LoadedModel, ModelSource } from '../model/load.js'
import { SEVERITIES, type ModelDocument, type Severity } from '../model/schema.js'
import type { ParseLimits } from '../model/yaml-document.js'
import { compareProblems, type Problem } from '../problems.js'
import { decideGate, type GateInput, type GateSettings } from '../report/gate.js'
import { CEL_BUDGET, createMeter } from '../cel/budget.js'
import { assessRisk, type AssessOptions, type StartedAssessment } from '../risk/assess.js'
import type { SimulationRunner } from '../risk/simulation-jobs.js'
import { trustedRiskSettings } from '../risk/resolve.js'
import { compareRisk, type RiskDelta } from '../risk/compare.js'
import type { RiskAssessment } from '../risk/types.js'
import type { RiskSettings } from '../model/schema.js'
import type { KnowledgeBase } from '../kb/knowledge-base.js'
import { assessMaturity, compareMaturity, type MaturityContext, type MaturityReport } from '../maturity/index.js'
import { applySuppressions, compareFindings, runRules } from '../rules/run-rules.js'
import { issueKey } from '../tracker/plan-issue-sync.js'
import type { RuleSet } from '../rules/rule-set.js'
import { desiredMitigationIssues, planIssueSync, type ModelForIssues } from '../tracker/plan-issue-sync.js'
import type { ExistingIssue } from '../tracker/types.js'
import { buildChangeDiagram } from './change-diagram.js'
import { mitigationValues, sortValues, type MitigationValue } from '../value/mitigation-value.js'
import { PRIORITY_VALUE_RULE_ID, priorityContradictions } from '../value/priority-value.js'
import { modelBusinessSummary, type ModelBusinessSummary } from '../value/business-summary.js'
import {
  approvalRequirements,
  settleApprovals,
  type ApprovalEvidence,
  type ApprovalRequirement,
  type ApproverSettings
} from '../value/approvals.js'
import {
  CODE_DRIFT_RULE_ID,
  codeDriftFinding,
  codeOwnersOfModel,
  computeCodeDrift,
  type CodeDriftItem,
  type CodeDriftModel,
  type CodeOwnersSide
} from '../drift/code-drift.js'
import { newUnmodelledSurface } from './surface.js'
import { findingId } from '../findings.js'
import { loadModelFile, type ModelFileResult } from './load-model-file.js'
import type { ObservedEvidence } from './observed.js'
import {
  REVIEW_SCHEMA,
  type ModelReview,
  type ModelSide,
  type Review,
  type ReviewContext,
  type ReviewTotals,
  type RiskSummary
} from './types.js'

/** Issue-sync settings of a review: the existing issues are listed by the adapter beforehand. */
export interface ReviewIssueSettings {
  mode: IssueMode
  label: string
  extraLabels: readonly string[]
  assignOwners: boolean
  maxOperations?: number
  existing: readonly ExistingIssue[]
  /** Label the issues of the `count` mitigations of most value (`issues.top_value`). */
  topValue?: { label: string; count: number }
}

/** Everything a review needs besides the files: rules, knowledge base, gate, risk and issue settings. */
export interface ReviewSettings {
  toolVersion: string
  ruleSet: RuleSet
  knowledgeBase?: KnowledgeBase
  staleAfterDays?: number
  gate: GateSettings
  /** Overrides merged over each model's own `risk:` settings (iterations, seed). */
  risk?: RiskSettings
  /** Node major stamped on risk output (the adapter knows the runtime). */
  node?: number | null
  issues?: ReviewIssueSettings
  /** Problems found before the review (configuration, discovery, rule set). */
  problems?: readonly Problem[]
  limits?: Partial<ParseLimits>
  /**
   * Valuing mitigations not yet in place (docs/business-value.md): one-off costs are spread over
   * `amortisationYears` (trusted configuration). `false` turns it off.
   */
  mitigationValue?: { amortisationYears?: number } | false
  /**
   * Who may approve acceptances and suppressions (trusted configuration) and the approving
   * reviews the adapter read on this change (null when it could not read them). Absent: off.
   */
  approvals?: { approvers: ApproverSettings; evidence: ApprovalEvidence | null }
  /**
   * Repository paths the change touched (both names of a rename), for code drift; absent or null
   * when the adapter could not list them (then drift is reported as not checked).
   */
  changedFiles?: readonly string[] | null
  /**
   * The CODEOWNERS files the models name (`model.code_owners_file`), read by the adapter from each
   * side, with the side's repository files; absent: components get no owners from CODEOWNERS.
   */
  codeOwners?: { base?: CodeOwnersSide; head?: CodeOwnersSide }
  /**
   * Maturity thresholds from the configuration, and the template catalogue: names a `model.templates`
   * entry may resolve to besides the reviewed model files and model ids.
   */
  maturity?: { thresholds?: Readonly<Record<string, number>>; templateCatalogue?: readonly string[] }
  /** What this run actually did on its platform (built by the pipeline); a run that passes nothing observed nothing. */
  observed?: ObservedEvidence
  /** Where whole-model simulations may run (threads the adapter started); the figures do not depend on it. */
  simulation?: SimulationRunner
  /**
   * Base models' assessments the adapter started on `simulation` as soon as they loaded (with
   * `reviewRiskOptions`), keyed by model index: their simulations ran while the rest was read.
   */
  startedRisk?: ReadonlyMap<object, StartedAssessment>
}

/** The model files on one side of the change, already selected by the model globs. */
export interface ReviewSideFiles {
  files: readonly ModelSource[]
  /** Files matched only by a content-confirmed glob: left out quietly when their format is not recognised. */
  tentative?: ReadonlySet<string>
  /** The same files already loaded (`loadModelFile`, same limits), when the adapter needed them first. */
  loaded?: readonly ModelFileResult[]
}

const emptyCounts = (): Record<Severity, number> => ({ info: 0, low: 0, medium: 0, high: 0, critical: 0 })

interface Pair {
  base: ModelFileResult | undefined
  head: ModelFileResult | undefined
}

/** Pairs base and head files: by model id when both load, else by path. */
function pairModelFiles(base: ModelFileResult[], head: ModelFileResult[], problems: Problem[]): Pair[] {
  const pairs: Pair[] = []
  const baseById = new Map<string, ModelFileResult>()
  const baseByPath = new Map(base.map((b) => [b.file, b]))
  for (const b of base) if (b.model && !baseById.has(b.model.index.modelId)) baseById.set(b.model.index.modelId, b)
  const used = new Set<ModelFileResult>()
  const headIds = new Map<string, string>()
  for (const h of head) {
    const id = h.model?.index.modelId
    if (id !== undefined) {
      const other = headIds.get(id)
      if (other !== undefined) {
        problems.push({
          file: h.file,
          line: 1,
          column: 1,
          path: 'model.id',
          severity: 'error',
          code: 'review/duplicate-model-id',
          message: `model id \`${id}\` is also used by ${other}; every model file needs its own model id`
        })
      } else headIds.set(id, h.file)
    }
    let match = id !== undefined && headIds.get(id) === h.file ? baseById.get(id) : undefined
    if (match && used.has(match)) match = undefined
    if (!match) {
      const samePath = baseByPath.get(h.file)
      if (samePath && !used.has(samePath)) match = samePath
    }
    if (match) used.add(match)
    pairs.push({ base: match, head: h })
  }
  for (const b of base) if (!used.has(b)) pairs.push({ base: b, head: undefined })
  return pairs
}

function side(result: ModelFileResult | undefined): ModelSide | null {
  if (!result) return null
  return { file: result.file, format: result.format, valid: result.model !== undefined, problems: result.problems }
}

function emptyDocumentLike(model: LoadedModel): ModelDocument {
  return { threatloop: 1, model: { id: model.index.modelId, title: model.document.model.title }, risk: model.document.risk }
}

/**
 * How a review assesses a model as it stands (base models; heads of pushes): the configuration's
 * overrides, no per-threat percentiles (the review reports model totals and exact per-threat
 * means), on the adapter's simulation threads if any.
 */
export function reviewRiskOptions(settings: Pick<ReviewSettings, 'risk' | 'node' | 'simulation'>): AssessOptions {
  return { risk: settings.risk, node: settings.node ?? null, threatPercentiles: false, runner: settings.simulation }
}

function summarise(assessment: RiskAssessment, calibration: RiskSummary['money']['calibration']): RiskSummary {
  const priced = assessment.threats.filter((t) => t.applicable && t.moneyProvenance !== null)
  return {
    engine: assessment.engine,
    seed: assessment.seed,
    iterations: assessment.iterations,
    currency: assessment.currency,
    counts: assessment.counts,
    residual: assessment.views.residual,
    inherent: { aleMean: assessment.views.inherent.aleMean, severityCounts: assessment.views.inherent.severityCounts },
    whatIf: {
      short: assessment.views['what-if:short'].aleMean,
      mid: assessment.views['what-if:mid'].aleMean,
      long: assessment.views['what-if:long'].aleMean,
      all: assessment.views['what-if'].aleMean
    },
    money: {
      quantitative: priced.filter((t) => t.moneyProvenance === 'quantitative').map((t) => t.id),
      derived: priced.filter((t) => t.moneyProvenance !== 'quantitative').length,
      calibration
    }
  }
}

/** Where the calibration of qualitative ratings comes from: trusted configuration, the model file, or the default. */
function calibrationSource(model: LoadedModel, settings: ReviewSettings): RiskSummary['money']['calibration'] {
  if (settings.risk?.calibration || settings.risk?.severity?.ale_bands) return 'configured'
  const own = model.document.risk
  return own?.calibration || own?.severity?.ale_bands ? 'model' : 'default'
}

/** New findings and new threats by the flow or component they are about, for the diagram. */
function diagramMarks(
  head: LoadedModel | undefined,
  findings: ReturnType<typeof compareFindings> | null,
  delta: RiskDelta | null
): { notes: Map<string, string[]> } {
  const notes = new Map<string, string[]>()
  const add = (id: string, note: string): void => {
    const list = notes.get(id) ?? []
    if (!list.includes(note)) list.push(note)
    notes.set(id, list)
  }
  for (const finding of findings?.new ?? []) for (const id of finding.elementIds) add(id, finding.title)
  for (const threat of delta?.threats ?? []) {
    if (threat.change !== 'added') continue
    for (const target of head?.index.threats.get(threat.id)?.targets ?? []) add(target, `new threat ${threat.id}`)
  }
  return { notes }
}

/** Renamed elements by section (base id → head id), from the semantic diff. */
function renamesOf(diff: ModelDiff | null): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {}
  for (const change of diff?.changes ?? []) {
    if (change.change === 'renamed' && change.previousId) (out[change.section] ??= {})[change.previousId] = change.id
  }
  return out
}

/**
 * Compares findings with base findings keyed by the head identity of their elements, so a
 * renamed element keeps its findings instead of showing them as fixed and new. Fixed findings
 * are reported as they were on the base.
 */
function compareFindingsThroughRenames(
  base: readonly Finding[],
  head: readonly Finding[],
  renames: Record<string, Record<string, string>>
): ReturnType<typeof compareFindings> {
  const all = new Map<string, string>()
  for (const section of Object.values(renames)) for (const [from, to] of Object.entries(section)) all.set(from, to)
  if (all.size === 0) return compareFindings(base, head)
  const original = new Map<Finding, Finding>()
  const rekeyed = base.map((f) => {
    if (!f.elementIds.some((id) => all.has(id))) return f
    const elementIds = f.elementIds.map((id) => all.get(id) ?? id)
    const copy = { ...f, id: findingId(f.ruleId, elementIds), elementIds }
    original.set(copy, f)
    return copy
  })
  const result = compareFindings(rekeyed, head)
  return { ...result, fixed: result.fixed.map((f) => original.get(f) ?? f) }
}

/**
 * Reviews a change: loads every model file on both sides, pairs them, diffs, runs the rules,
 * assesses and compares risk, decides the gate and plans the tracker. A model that fails to load
 * on the head still yields its errors and everything else that could be computed; a broken base
 * never blocks reviewing the head.
 */
export function reviewChange(
  base: ReviewSideFiles | null,
  head: ReviewSideFiles,
  context: ReviewContext,
  settings: ReviewSettings
): Review {
  const problems: Problem[] = [...(settings.problems ?? [])]
  const load = (source: ModelSource): ModelFileResult => loadModelFile(source, { limits: settings.limits })
  const loadSide = (side: ReviewSideFiles | null): ModelFileResult[] =>
    (side?.loaded ?? (side?.files ?? []).map(load)).filter((result) => result.format !== 'unknown' || !side?.tentative?.has(result.file))
  const baseResults = loadSide(base)
  const headResults = loadSide(head)
  const pairs = pairModelFiles(baseResults, headResults, problems)
  const rulesOptions = {
    today: context.today,
    platform: context.platform,
    staleAfterDays: settings.staleAfterDays,
    knowledgeBase: settings.knowledgeBase,
    budget: createMeter(CEL_BUDGET.perReview)
  }
  const models: ModelReview[] = []
  const headRisk = new Map<string, RiskAssessment>()
  const headLoaded: LoadedModel[] = []
  const values: MitigationValue[] = []
  const issueValues: MitigationValue[] = []
  const business: ModelBusinessSummary[] = []
  const approvals: ApprovalRequirement[] = []
  const approvalsOn =
    settings.approvals !== undefined &&
    (settings.approvals.approvers.acceptance.length > 0 || settings.approvals.approvers.suppression.length > 0) &&
    (context.event === 'pull_request' || context.event === 'merge_request')
  const catalogue = settings.maturity?.templateCatalogue ?? []
  const priorityRule = settings.ruleSet.review.get(PRIORITY_VALUE_RULE_ID)
  const driftRule = settings.ruleSet.review.get(CODE_DRIFT_RULE_ID)
  const templates = { base: templateNames(baseResults, catalogue), head: templateNames(headResults, catalogue) }

  for (const pair of pairs) {
    const b = pair.base?.model
    const h = pair.head?.model
    // The diff compares what the files say; owners from CODEOWNERS are filled in afterwards, for the rest.
    const diff = (b || h) && !(pair.head && !h) ? diffModels(b, h) : null
    const derivedOwners = fillCodeOwners(h, pair.head, settings.codeOwners?.head, true)
    fillCodeOwners(b, pair.base, settings.codeOwners?.base, false)
    const baseFindings: Finding[] = b ? collect(runRules(b, settings.ruleSet, rulesOptions), problems) : []
    const headFindings: Finding[] = h ? collect(runRules(h, settings.ruleSet, rulesOptions), problems) : []
    const renames = renamesOf(diff)
    // A renamed element existed at base under its old id.
    const renamedHeadIds = new Set(Object.values(renames).flatMap((section) => Object.values(section)))
    const invert = (map: Record<string, string> | undefined): Map<string, string> =>
      new Map(Object.entries(map ?? {}).map(([from, to]) => [to, from]))
    // The review reports model totals and exact per-threat means, never per-threat percentiles.
    const riskOptions = reviewRiskOptions(settings)
    // A proposed change (pull/merge request, or its local preview) is untrusted: settings that
    // drive work or the gate come from the base model (defaults for a model the change adds),
    // never from the head. Pushes and scheduled runs review what the default branch holds.
    const headRiskOptions =
      base && h && context.event !== 'push' && context.event !== 'schedule'
        ? { ...riskOptions, risk: trustedRiskSettings(h.document.risk, b?.document.risk, settings.risk) }
        : riskOptions
    const baseAssessment = b ? assessRisk(b.index, { ...riskOptions, started: settings.startedRisk?.get(b.index) }) : undefined
    // Renamed threats and mitigations draw from their base identity's random streams: a pure rename moves nothing.
    const streamIds = { threats: invert(renames.threats), mitigations: invert(renames.mitigations) }
    const headAssessment = h ? assessRisk(h.index, { ...headRiskOptions, previous: baseAssessment, streamIds }) : undefined
    let delta: RiskDelta | null = null
    if (baseAssessment && headAssessment)
      delta = compareRisk(baseAssessment, headAssessment, {
        renames: threatRenames(diff),
        mitigationRenames: new Map(Object.entries(renames.mitigations ?? {}))
      })
    else if (headAssessment && h && !pair.base) delta = compareRisk(assessRisk(emptyDocumentLike(h), headRiskOptions), headAssessment)
    else if (baseAssessment && b && !pair.head) delta = compareRisk(baseAssessment, assessRisk(emptyDocumentLike(b), riskOptions))
    if (h && headAssessment) {
      headRisk.set(h.index.modelId, headAssessment)
      headLoaded.push(h)
      business.push(modelBusinessSummary(h.index.modelId, h.document, headAssessment))
    }
    const maturityOf = (
      model: LoadedModel | undefined,
      result: ModelFileResult | undefined,
      assessment: RiskAssessment | undefined,
      findings: readonly Finding[],
      names: ReadonlySet<string>
    ): MaturityReport | null =>
      model
        ? assessMaturity(model, maturityContext(model, result?.problems ?? [], findings, context, settings, names), {
            today: context.today,
            thresholds: settings.maturity?.thresholds,
            knowledgeBase: settings.knowledgeBase,
            residualSeverities: residualSeverities(assessment)
          })
        : null
    const baseMaturity = maturityOf(b, pair.base, baseAssessment, baseFindings, templates.base)
    const headMaturity = maturityOf(h, pair.head, headAssessment, headFindings, templates.head)
    const headInvalid = pair.head !== undefined && h === undefined
    // A head that does not load cannot be compared: showing its base as "fixed" would mislead.
    const status: ModelReview['status'] = headInvalid
      ? 'invalid'
      : !pair.base
        ? 'added'
        : !pair.head
          ? 'removed'
          : diff && !diff.isEmpty
            ? 'changed'
            : pair.base.file !== pair.head.file || (!b && h)
              ? 'changed'
              : 'unchanged'
    if (h && headAssessment && approvalsOn) {
      const severities = new Map(headAssessment.threats.map((t) => [t.id, t.views.residual.severity]))
      approvals.push(
        ...approvalRequirements(
          h.index.modelId,
          b?.document,
          h.document,
          headFindings,
          severities,
          settings.approvals!.approvers,
          settings.approvals!.evidence
        )
      )
    }
    // Reported where the change touches the model (and everywhere when the tracker is written);
    // computed too wherever issues are planned: issue bodies state the value, and a preview must
    // compute the same bodies as the write that follows.
    const touched = status === 'added' || status === 'changed' || settings.issues?.mode === 'write'
    const planned = settings.issues !== undefined && settings.issues.mode !== 'off'
    if (h && settings.mitigationValue !== false && (touched || planned)) {
      // On a proposed change the head's figures follow the trusted settings, as its assessment does.
      const own = mitigationValues(h.index.modelId, h.document, {
        risk: headRiskOptions.risk,
        amortisationYears: settings.mitigationValue?.amortisationYears
      })
      issueValues.push(...own)
      if (touched) values.push(...own)
    }
    // Priorities that contradict value per cost (review-level, like code drift; `rules.disable` and
    // `rules.severity` apply); the base is valued only when the head has some, to tell new from unchanged.
    if (h && !headInvalid && priorityRule?.enabled !== false) {
      const own = issueValues.filter((v) => v.modelId === h.index.modelId)
      const contradictions = priorityContradictions(own, h.file, (id) => h.index.positionOf(id)?.line, priorityRule?.severity)
      if (contradictions.length > 0) {
        applySuppressions(contradictions, h.document.suppressions ?? [], h.index.modelId, context.today)
        headFindings.push(...contradictions)
        if (b) {
          const baseOwn = mitigationValues(b.index.modelId, b.document, {
            risk: settings.risk,
            amortisationYears: settings.mitigationValue === false ? undefined : settings.mitigationValue?.amortisationYears
          })
          const before = priorityContradictions(baseOwn, b.file, (id) => b.index.positionOf(id)?.line, priorityRule?.severity)
          applySuppressions(before, b.document.suppressions ?? [], b.index.modelId, context.today)
          baseFindings.push(...before)
        }
      }
    }
    const findings = headInvalid ? null : h || b ? compareFindingsThroughRenames(baseFindings, headFindings, renames) : null
    const modelId = h?.index.modelId ?? b?.index.modelId ?? pair.head?.file ?? pair.base?.file ?? ''
    models.push({
      modelId,
      title: h?.document.model.title ?? b?.document.model.title ?? modelId,
      status,
      moved: pair.base !== undefined && pair.head !== undefined && pair.base.file !== pair.head.file,
      base: side(pair.base),
      head: side(pair.head),
      diff,
      diagram: diff && !diff.isEmpty ? buildChangeDiagram(b, h, diff, diagramMarks(h, findings, delta)) : null,
      findings,
      risk: {
        base: baseAssessment && b ? summarise(baseAssessment, calibrationSource(b, settings)) : null,
        head: headAssessment && h ? summarise(headAssessment, calibrationSource(h, settings)) : null,
        delta
      },
      maturity: {
        base: baseMaturity,
        head: headMaturity,
        comparison: headMaturity
          ? compareMaturity(baseMaturity ?? undefined, headMaturity, {
              existedAtBase: (id) =>
                b !== undefined && id.split('/').every((part) => b.index.elements.has(part) || renamedHeadIds.has(part))
            })
          : null
      },
      notExpressible: pair.head?.notExpressible ?? pair.base?.notExpressible ?? [],
      surface: headInvalid ? [] : newUnmodelledSurface(b, h, diff),
      renames,
      ...(derivedOwners ? { derivedOwners } : {})
    })
  }
  models.sort((x, y) => (x.modelId < y.modelId ? -1 : x.modelId > y.modelId ? 1 : 0))

  // A disabled drift rule looks for no drift at all: no line, no finding, nothing to gate on.
  const drift =
    settings.changedFiles && driftRule?.enabled !== false
      ? reviewCodeDrift(pairs, models, settings.changedFiles, driftRule?.severity)
      : null
  const totals = computeTotals(models)
  const issues = settings.issues ? planIssues(settings.issues, models, headLoaded, headRisk, context, issueValues) : null
  const gate = decideGate(gateInput({ models, totals, context, codeDrift: drift ?? [], approvals }), settings.gate)
  return {
    schema: REVIEW_SCHEMA,
    tool: { name: 'threatloop', version: settings.toolVersion },
    context,
    gate,
    problems: problems.sort(compareProblems),
    models,
    totals,
    issues,
    mitigationValue: sortValues(values),
    approvals,
    codeDrift: drift ?? [],
    codeDriftChecked: drift !== null,
    business: business.sort((x, y) => (x.modelId < y.modelId ? -1 : x.modelId > y.modelId ? 1 : 0))
  }
}

/**
 * The review with its approval requirements decided on the approvals the platform read after the
 * review (read only when the change needs an approval), and the gate decided again on them.
 */
export function withApprovalEvidence(review: Review, evidence: ApprovalEvidence | null, gate: GateSettings): Review {
  if (review.approvals.length === 0) return review
  const approvals = settleApprovals(review.approvals, evidence)
  return {
    ...review,
    approvals,
    gate: decideGate(gateInput({ ...review, approvals }), gate)
  }
}

/**
 * Code drift over every head model that loads (changed or not): the code of a component changed
 * while its model file did not. Each item also becomes a new finding of its model, so SARIF,
 * Code Quality and annotations point at the component's line.
 */
function reviewCodeDrift(
  pairs: readonly Pair[],
  models: ModelReview[],
  changedFiles: readonly string[],
  severity: Severity | undefined
): CodeDriftItem[] {
  const inputs: CodeDriftModel[] = []
  for (const pair of pairs) {
    const head = pair.head?.model
    if (!head) continue
    const derived = models.find((m) => m.modelId === head.index.modelId)?.derivedOwners
    inputs.push({
      modelId: head.index.modelId,
      file: head.file,
      baseFile: pair.base?.file,
      document: head.document,
      lineOf: (id) => head.index.positionOf(id)?.line,
      derivedOwners: derived ? new Map(Object.entries(derived)) : undefined
    })
  }
  const { items } = computeCodeDrift(inputs, changedFiles)
  for (const item of items) {
    const model = models.find((m) => m.modelId === item.modelId)
    if (!model?.findings) continue
    const finding = codeDriftFinding(item, severity)
    if (!model.findings.new.some((f) => f.id === finding.id && f.ruleId === CODE_DRIFT_RULE_ID)) model.findings.new.push(finding)
  }
  return items
}

/**
 * Gives components with code but no `owner` the owners the model's CODEOWNERS file names for their
 * files (`model.code_owners_file`, read by the adapter from the same side as the model), so rules,
 * maturity and the drift line see them. Warnings (file missing, too large, …) go to the head side's
 * problems. Returns the owners given, or undefined when none.
 */
function fillCodeOwners(
  model: LoadedModel | undefined,
  result: ModelFileResult | undefined,
  side: CodeOwnersSide | undefined,
  warn: boolean
): Record<string, string[]> | undefined {
  const path = model?.document.model.code_owners_file
  if (!model || !result || path === undefined || !side) return undefined
  const { owners, problems } = codeOwnersOfModel(model.file, model.document, side.files.get(path), side.repositoryFiles, (at) =>
    model.sourceMap.locate(at)
  )
  if (warn) for (const problem of problems) if (!result.problems.some((p) => p.code === problem.code)) result.problems.push(problem)
  if (owners.size === 0) return undefined
  for (const component of model.document.components ?? []) {
    const given = owners.get(component.id)
    if (given) component.owner = given.join(' ')
  }
  return Object.fromEntries(owners)
}

function collect(result: { findings: Finding[]; problems: Problem[] }, problems: Problem[]): Finding[] {
  for (const problem of result.problems) {
    if (!problems.some((p) => p.code === problem.code && p.message === problem.message)) problems.push(problem)
  }
  return result.findings
}

function computeTotals(models: readonly ModelReview[]): ReviewTotals {
  const totals: ReviewTotals = {
    models: { reviewed: models.length, added: 0, removed: 0, changed: 0, unchanged: 0, invalid: 0 },
    validationErrors: 0,
    findings: { new: 0, fixed: 0, unchanged: 0, suppressed: 0, newBySeverity: emptyCounts() },
    maturity: { up: 0, down: 0 },
    severity: { base: emptyCounts(), head: emptyCounts() },
    money: null,
    surface: 0
  }
  let grounded = false
  let estimatedMean = 0
  const currencies = new Set<string>()
  let baseMean = 0
  let headMean = 0
  let baseP90 = 0
  let headP90 = 0
  for (const model of models) {
    totals.models[model.status]++
    totals.validationErrors += model.head?.problems.filter((p) => p.severity === 'error').length ?? 0
    if (model.findings) {
      totals.findings.new += model.findings.new.length
      totals.findings.fixed += model.findings.fixed.length
      totals.findings.unchanged += model.findings.unchanged.length
      totals.findings.suppressed += model.findings.suppressed.length
      for (const finding of model.findings.new) totals.findings.newBySeverity[finding.severity]++
    }
    for (const move of model.maturity.comparison?.moved ?? []) totals.maturity[move.move === 'up' ? 'up' : 'down']++
    totals.surface += model.surface.length
    // Totals compare like with like: a model whose head does not load counts on neither side.
    if (model.status === 'invalid') continue
    for (const [key, summary] of [
      ['base', model.risk.base],
      ['head', model.risk.head]
    ] as const) {
      if (!summary) continue
      currencies.add(summary.currency)
      for (const s of SEVERITIES) totals.severity[key][s] += summary.residual.severityCounts[s]
    }
    if (model.risk.base) {
      baseMean += model.risk.base.residual.aleMean
      baseP90 += model.risk.base.residual.p90
    }
    if (model.risk.head) {
      headMean += model.risk.head.residual.aleMean
      headP90 += model.risk.head.residual.p90
    }
    if (moneyIsGrounded(model)) grounded = true
    const shown = model.risk.head ?? model.risk.base
    if (shown && shown.money.calibration !== 'configured') estimatedMean += shown.residual.aleMean * shown.residual.derivedShare
  }
  // No money without quantitative inputs: a review whose models have none stays qualitative.
  if (currencies.size === 1 && grounded) {
    const reference = headMean > 0 ? headMean : baseMean
    totals.money = {
      currency: [...currencies][0],
      base: { mean: baseMean, p90: baseP90 },
      head: { mean: headMean, p90: headP90 },
      estimated:
        reference <= 0 || estimatedMean <= 0
          ? 0
          : estimatedMean >= reference
            ? 1
            : Math.min(0.999, Math.max(0.001, Math.round((estimatedMean / reference) * 1000) / 1000))
    }
  }
  return totals
}

/** True when a model's money rests on something quantitative: FAIR inputs or the trusted configuration's calibration. */
export function moneyIsGrounded(model: ModelReview): boolean {
  return [model.risk.base, model.risk.head].some(
    (side) => side !== null && (side.money.quantitative.length > 0 || (side.money.calibration === 'configured' && side.money.derived > 0))
  )
}

/** What the gate looks at in a review (its models, totals, drift and approvals). */
function gateInput({
  models,
  totals,
  context,
  codeDrift,
  approvals
}: Pick<Review, 'models' | 'totals' | 'context' | 'codeDrift' | 'approvals'>): GateInput {
  const input: GateInput = {
    validationErrorCount: totals.validationErrors,
    newFindings: [],
    threatChanges: [],
    moneyChanges: [],
    maturityChanges: [],
    // On a push the change has landed: drift is reported (summary, reports) but is no gate condition.
    codeDrift: context.event === 'push' || context.event === 'schedule' ? [] : codeDrift,
    unapproved: approvals.filter((a) => a.approvedBy === null)
  }
  const newFindings: GateInput['newFindings'][number][] = []
  const threatChanges: GateInput['threatChanges'][number][] = []
  const moneyChanges: GateInput['moneyChanges'][number][] = []
  const maturityChanges: GateInput['maturityChanges'][number][] = []
  const newSurface: NonNullable<GateInput['newSurface']>[number][] = []
  for (const model of models) {
    for (const surface of model.surface) newSurface.push({ modelId: model.modelId, kind: surface.kind, id: surface.id })
    // The gate fires only on lost practice evidence, never on new, honestly recorded elements not covered yet.
    for (const move of model.maturity.comparison?.moved ?? []) {
      if (move.base && move.move === 'down' && (move.lostEvidence?.length ?? 0) > 0) {
        maturityChanges.push({ category: move.id, modelId: model.modelId, base: move.base.level ?? 0, head: move.head.level ?? 0 })
      }
    }
    for (const finding of model.findings?.new ?? [])
      newFindings.push({ id: finding.id, severity: finding.severity, modelId: model.modelId })
    const delta = model.risk.delta
    if (!delta) continue
    for (const threat of delta.threats) {
      threatChanges.push({
        modelId: model.modelId,
        threatId: threat.id,
        base: threat.severity.base ?? undefined,
        head: threat.severity.head ?? undefined
      })
    }
    // Money gates only on money the review would show: never on figures invented from default calibration alone.
    if (!moneyIsGrounded(model)) continue
    const residual = delta.views.residual
    moneyChanges.push({
      metric: 'ale-mean',
      modelId: model.modelId,
      base: residual.aleMean.base,
      head: residual.aleMean.head,
      material: residual.aleMean.material
    })
    moneyChanges.push({
      metric: 'ale-p90',
      modelId: model.modelId,
      base: residual.p90.base,
      head: residual.p90.head,
      material: residual.p90.material
    })
  }
  return { ...input, newFindings, threatChanges, moneyChanges, maturityChanges, newSurface }
}

function planIssues(
  settings: ReviewIssueSettings,
  models: readonly ModelReview[],
  headLoaded: readonly LoadedModel[],
  headRisk: ReadonlyMap<string, RiskAssessment>,
  context: ReviewContext,
  values: readonly MitigationValue[]
) {
  const forIssues: ModelForIssues[] = headLoaded.map((loaded) => {
    const assessment = headRisk.get(loaded.index.modelId)
    const own = values.filter((v) => v.modelId === loaded.index.modelId)
    return {
      values: new Map(own.map((v) => [v.mitigation, v])),
      currency: assessment?.currency,
      modelId: loaded.index.modelId,
      file: loaded.file,
      document: loaded.document,
      threatSeverity: new Map((assessment?.threats ?? []).map((t) => [t.id, t.views.residual.severity])),
      lineOf: (id: string) => loaded.index.positionOf(id)?.line
    }
  })
  // The top N by value (per cost, then reduction), among those whose value is known at all.
  const topValue = settings.topValue
    ? {
        label: settings.topValue.label,
        keys: new Set(
          sortValues([...values])
            .filter((v) => v.aleReduction !== null || v.severityChange.length > 0)
            .slice(0, settings.topValue.count)
            .map((v) => `${v.modelId}/${v.mitigation}`)
        )
      }
    : undefined
  const desired = desiredMitigationIssues(
    forIssues,
    { ...settings, topValue },
    {
      repositoryUrl: context.repositoryUrl,
      commit: context.head.sha,
      blobPath: context.blobPath
    }
  )
  const modelsInScope = new Set<string>()
  const changedKeys = new Set<string>()
  for (const model of models) {
    if (model.status === 'invalid') continue
    modelsInScope.add(model.modelId)
    for (const derived of model.diff?.derived ?? []) {
      if (derived.kind === 'mitigation-status-moved') changedKeys.add(`${model.modelId}/${derived.elementId}`)
    }
  }
  return planIssueSync(desired, settings.existing, {
    mode: settings.mode,
    modelsInScope,
    changedKeys,
    maxOperations: settings.maxOperations
  })
}

function residualSeverities(assessment: RiskAssessment | undefined): Record<string, Severity | null> | undefined {
  if (!assessment) return undefined
  return Object.fromEntries(assessment.threats.map((t) => [t.id, t.views.residual.severity]))
}

/** What this run observed and what the configuration loaded, for the maturity checks. */
function maturityContext(
  model: LoadedModel,
  fileProblems: readonly Problem[],
  findings: readonly Finding[],
  context: ReviewContext,
  settings: ReviewSettings,
  templates: ReadonlySet<string>
): MaturityContext {
  const issues = settings.issues
  const modelId = model.index.modelId
  const linked = new Set<string>()
  for (const issue of issues?.existing ?? []) {
    const key = issueKey(issue.body)
    if (key?.startsWith(`${modelId}/`)) linked.add(key.slice(modelId.length + 1))
  }
  const kb = settings.knowledgeBase
  const event = context.event === 'merge_request' ? 'pull_request' : context.event
  const modelQuality = new Set(
    settings.ruleSet.rules.filter((r) => r.origin === 'builtin' && r.file.includes('/model-quality/')).map((r) => r.id)
  )
  const modelErrors =
    fileProblems.filter((p) => p.severity === 'error').length +
    findings.filter((f) => !f.suppressed && modelQuality.has(f.ruleId) && (f.severity === 'high' || f.severity === 'critical')).length
  return {
    platform: context.platform,
    event,
    observed: settings.observed,
    trackerSync: { enabled: issues !== undefined && issues.mode !== 'off', linkedMitigations: [...linked] },
    rules: {
      builtin: settings.ruleSet.rules.filter((r) => r.enabled && r.origin === 'builtin').length,
      custom: settings.ruleSet.rules.filter((r) => r.enabled && r.origin === 'custom').length
    },
    knowledgeBase: kb ? { cwe: kb.cwe !== undefined, capec: kb.capec !== undefined, attack: kb.attack !== undefined } : undefined,
    modelErrors,
    resolvedTemplates: (model.document.model.templates ?? []).filter(
      (entry) => entry !== modelId && templateKey(entry, model.file) !== model.file && templates.has(templateKey(entry, model.file))
    )
  }
}

/** A template entry as a repository path when it names a file (relative to the model's folder unless it starts with `/`), else as written. */
function templateKey(entry: string, modelFile: string): string {
  if (!/[/\\]|\.ya?ml$|\.json$/i.test(entry)) return entry
  const parts = entry.startsWith('/') ? [] : modelFile.split('/').slice(0, -1)
  for (const part of entry.split(/[/\\]/)) {
    if (part === '' || part === '.') continue
    if (part === '..') parts.pop()
    else parts.push(part)
  }
  return parts.join('/')
}

/** Names a template entry can resolve to on one side: that side's model files (paths), their model ids, and the catalogue. */
function templateNames(results: readonly ModelFileResult[], catalogue: readonly string[]): ReadonlySet<string> {
  const names = new Set(catalogue)
  for (const result of results) {
    names.add(result.file)
    if (result.model) names.add(result.model.index.modelId)
  }
  return names
}

/** Threats the semantic diff found renamed (base id → head id), so risk compares them as one. */
function threatRenames(diff: ModelDiff | null): Map<string, string> {
  const renames = new Map<string, string>()
  for (const change of diff?.changes ?? []) {
    if (change.section === 'threats' && change.change === 'renamed' && change.previousId) renames.set(change.previousId, change.id)
  }
  return renames
}
