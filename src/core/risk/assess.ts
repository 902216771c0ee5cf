// assessRisk: severities and money for every threat and view, and the model totals (docs/risk-engine.md §4–5).
import type { Mitigation, ModelDocument, RiskSettings, Severity, Threat } from '../model/schema.js'
import { SEVERITIES } from '../model/schema.js'
import type { ModelIndex } from '../model/model-index.js'
import { bandSeverity, bandsAreConsistent } from './calibration.js'
import { canonicalJson, compareCodeUnits, money, probability, rate } from '../encoding/canonical-json.js'
import { fnv1a, fmix32 } from './random.js'
import { effectsByThreat, inputsText, resolveEngineSettings, resolveThreat, type EngineSettings } from './resolve.js'
import { IN_PLACE_STATUSES, PLANNED_STATUSES } from '../domain.js'
import { matrixSeverity } from './scores.js'
import { exactAleMean, exactLefMean, simulateThreat, TablePool, topFactor } from './simulate.js'
import {
  runSimulationBatch,
  sumsAreExact,
  type SimulationBatch,
  type SimulationJob,
  type SimulationRunner,
  type SimulationTask
} from './simulation-jobs.js'
import { meanAndStandardError, quantileSorted, quantilesBySelection, selectKth } from './statistics.js'
import {
  ENGINE_VERSION,
  RISK_VIEWS,
  type ModelViewRisk,
  type ResolvedEffect,
  type ResolvedThreat,
  type RiskAssessment,
  type RiskView,
  type SeverityCounts,
  type ThreatRiskResult,
  type ThreatViewRisk
} from './types.js'

/** Options of one assessment. */
export interface AssessOptions {
  /** Overrides merged over the model's own `risk:` section. */
  risk?: RiskSettings
  /** The base assessment: only threats whose resolved inputs changed are simulated again. */
  previous?: RiskAssessment
  /** Node major to stamp (the adapter knows the runtime); null when omitted. */
  node?: number | null
  /**
   * Per-threat Monte Carlo figures (P50, P90, probability of loss); on by default. A review only
   * reports model totals and exact per-threat means, so it turns them off and skips ranking
   * every threat's simulated years.
   */
  threatPercentiles?: boolean
  /**
   * Random-stream identities of renamed elements (head id → base id), from the semantic diff: a
   * renamed threat or mitigation draws the same random numbers as before, so a pure rename moves
   * no figure, not even a Monte Carlo percentile.
   */
  streamIds?: { threats?: ReadonlyMap<string, string>; mitigations?: ReadonlyMap<string, string> }
  /**
   * Where a whole assessment's simulations may run (other threads, supplied by an adapter). The
   * figures are the same wherever they run; without it, or when it declines, they run here.
   */
  runner?: SimulationRunner
  /**
   * This model's whole-model simulations, handed to the runner ahead of time (`startRiskAssessment`);
   * used only when it was started for this very model object with the same settings.
   */
  started?: StartedAssessment
}

/** A whole-model assessment whose simulations are already running (see `startRiskAssessment`). */
export interface StartedAssessment {
  readonly model: ModelDocument | ModelIndex
  readonly globalText: string
  readonly resolved: ResolvedThreat[]
  readonly texts: Map<string, string>
  readonly plan: WholePlan
}

/** The stream identities an assessment drew with (see AssessOptions.streamIds). */
interface StreamIds {
  threats: ReadonlyMap<string, string>
  mitigations: ReadonlyMap<string, string>
}

/** What an assessment keeps beside its plain result, for incremental heads and paired deltas. */
export interface SimulationState {
  globalText: string
  settings: EngineSettings
  threats: Map<string, { resolved: ResolvedThreat; text: string; result: ThreatRiskResult }>
  totals: Record<RiskView, Float64Array>
  /** Threats simulated by this assessment (all of them unless incremental). */
  simulated: number
  /** The stream identities of renamed elements this assessment drew with. */
  streams: StreamIds
}

const states = new WeakMap<object, SimulationState>()

/** The simulation state behind an assessment made in this process, if any. */
export function simulationState(assessment: RiskAssessment | ResidualRiskAssessment): SimulationState | undefined {
  return states.get(assessment)
}

const HORIZON_RANK = { short: 0, mid: 1, long: 2 } as const

/** The effects that apply to a threat in a view (docs/risk-engine.md §1 views, §2 semantics). */
export function effectsInView(effects: readonly ResolvedEffect[], view: RiskView, includeProposed: boolean): ResolvedEffect[] {
  if (view === 'inherent') return []
  return effects.filter((e) => {
    if (IN_PLACE_STATUSES.has(e.status)) return true
    if (view === 'residual') return false
    if (!PLANNED_STATUSES.has(e.status) && !(includeProposed && e.status === 'proposed')) return false
    if (view === 'what-if') return true
    const horizon = view.slice('what-if:'.length) as keyof typeof HORIZON_RANK
    return e.roadmap !== undefined && HORIZON_RANK[e.roadmap] <= HORIZON_RANK[horizon]
  })
}

/** Scratch memory for simulating threats, reused from one threat to the next. */
class Workspace {
  readonly pool = new TablePool()
  private scratchMemory: Float64Array | undefined
  private readonly buffers: Float64Array[] = []
  constructor(private readonly iterations: number) {}
  /** The losses buffer of a threat's g-th distinct simulation, allocated on first use (a whole-model run needs none). */
  buffer(g: number): Float64Array {
    while (this.buffers.length <= g) this.buffers.push(new Float64Array(this.iterations))
    return this.buffers[g]
  }
  /** Only per-threat percentiles need it: allocated on first use. */
  get scratch(): Float64Array {
    this.scratchMemory ??= new Float64Array(3 * this.iterations)
    return this.scratchMemory
  }
}

/** P50, P90 and the probability of any loss of one threat's simulated years. */
function threatPercentiles(losses: Float64Array, scratch: Float64Array): Pick<ThreatViewRisk, 'p50' | 'p90' | 'pLoss'> {
  const {
    quantiles: [p50, p90],
    positive
  } = quantilesBySelection(losses, [0.5, 0.9], scratch)
  return { p50: money(p50), p90: money(p90), pLoss: probability(positive / losses.length) }
}

/** One distinct set of effects a threat's views apply: simulated once for all those views. */
interface EffectGroup {
  /** The effects as the threat states them (for exact means) … */
  applied: ResolvedEffect[]
  /** … and with renamed mitigations under their base identity (for the random streams). */
  effects: ResolvedEffect[]
  views: number[]
}

/** The simulations a threat's views need (none without money): views with the same applied effects share one. */
function threatGroups(t: ResolvedThreat, s: EngineSettings, streams: StreamIds, riskViews: readonly RiskView[]): EffectGroup[] {
  if (!t.money) return []
  const groups: EffectGroup[] = []
  const bySignature = new Map<string, EffectGroup>()
  for (const [v, view] of riskViews.entries()) {
    const applied = effectsInView(t.effects, view, s.whatIfIncludesProposed)
    const signature = applied.map((e) => `${e.mitigation}\u0000${e.factor}`).join('\u0001')
    let group = bySignature.get(signature)
    if (!group) {
      group = {
        applied,
        // Renamed elements draw from their base identity's streams; only the keys change, never the inputs.
        effects:
          streams.mitigations.size === 0
            ? applied
            : applied.map((e) =>
                streams.mitigations.has(e.mitigation) ? { ...e, mitigation: streams.mitigations.get(e.mitigation)! } : e
              ),
        views: []
      }
      bySignature.set(signature, group)
      groups.push(group)
    }
    group.views.push(v)
  }
  return groups
}

/** Everything about a threat in every view that needs no simulation: severity, exact means, top factor. */
function threatResult(
  t: ResolvedThreat,
  text: string,
  s: EngineSettings,
  groups: readonly EffectGroup[],
  riskViews: readonly RiskView[]
): ThreatRiskResult {
  const views = {} as Record<RiskView, ThreatViewRisk>
  if (!t.money) for (const view of riskViews) views[view] = { severity: t.statedSeverity ?? null }
  for (const group of groups) {
    const aleMean = exactAleMean(t.money!, group.applied)
    const risk: ThreatViewRisk = {
      severity: threatSeverity(t, group.applied.length > 0, aleMean, s),
      lefMean: rate(exactLefMean(t.money!, group.applied)),
      aleMean: money(aleMean),
      topFactor: topFactor(t.money!, group.applied)
    }
    for (const v of group.views) views[riskViews[v]] = risk
  }
  // Views in their stated order, as the per-view loop wrote them.
  const ordered = {} as Record<RiskView, ThreatViewRisk>
  for (const view of riskViews) ordered[view] = views[view]
  return {
    id: t.id,
    title: t.title,
    applicable: t.applicable,
    provenance: t.severitySource,
    moneyProvenance: t.money?.provenance ?? null,
    likelihood: t.likelihood ?? null,
    impact: t.impact ?? null,
    imported: t.imported ?? null,
    inputHash: inputHash(text),
    views: ordered
  }
}

/**
 * Simulates a threat in every view; views with the same applied effects share one simulation.
 * `everyView` is the running total of losses shared by all views: when this threat's views all
 * apply the same effects, its losses are added there while they are drawn (`accumulated`).
 */
function evaluateThreat(
  t: ResolvedThreat,
  text: string,
  s: EngineSettings,
  work: Workspace,
  percentiles: boolean,
  streams: StreamIds,
  everyView?: Float64Array,
  riskViews: readonly RiskView[] = RISK_VIEWS
): { result: ThreatRiskResult; losses: Map<RiskView, Float64Array>; accumulated: boolean } {
  const groups = threatGroups(t, s, streams, riskViews)
  const result = threatResult(t, text, s, groups, riskViews)
  const losses = new Map<RiskView, Float64Array>()
  const addTo = everyView && t.money && groups.length === 1 ? everyView : undefined
  for (const [g, group] of groups.entries()) {
    const out = work.buffer(g)
    simulateThreat(streams.threats.get(t.id) ?? t.id, t.money!, group.effects, s.seed, out, work.pool, addTo)
    if (percentiles) {
      const { topFactor: top, ...exact } = result.views[riskViews[group.views[0]]]
      const risk = { ...exact, ...threatPercentiles(out, work.scratch), topFactor: top }
      for (const v of group.views) result.views[riskViews[v]] = risk
    }
    for (const v of group.views) losses.set(riskViews[v], out)
  }
  return { result, losses, accumulated: addTo !== undefined }
}

/** Severity rule: FAIR-based threats by their exact mean ALE; stated ones by matrix or import, moved by applied effects. */
function threatSeverity(t: ResolvedThreat, reduced: boolean, aleMean: number, s: EngineSettings): Severity | null {
  if (t.statedSeverity === undefined) return t.money ? bandSeverity(aleMean, s.calibration.aleBands) : null
  if (t.imported?.severityOnly || !reduced) return t.statedSeverity
  return bandSeverity(aleMean, s.calibration.aleBands)
}

function inputHash(text: string): string {
  const a = fmix32(fnv1a(text))
  const b = fnv1a(`\u0001${text}`)
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')
}

function firstById<T extends { id: string }>(list: readonly T[] | undefined): T[] {
  const seen = new Set<string>()
  return (list ?? []).filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)))
}

function modelParts(model: ModelDocument | ModelIndex): { threats: Threat[]; mitigations: Mitigation[]; risk: RiskSettings | undefined } {
  if ('elements' in model && model.elements instanceof Map) {
    const index = model
    return { threats: [...index.threats.values()], mitigations: [...index.mitigations.values()], risk: index.document.risk }
  }
  const document = model as ModelDocument
  return { threats: firstById(document.threats), mitigations: firstById(document.mitigations), risk: document.risk }
}

/** The losses {1, 2, 5} × 10^k, k = 3 … 9, at which the exceedance curve is reported. */
export const EXCEEDANCE_GRID: readonly number[] = [3, 4, 5, 6, 7, 8, 9].flatMap((k) => [1, 2, 5].map((m) => m * 10 ** k))

/** Severities, money and loss distributions of a model's threats in every view (docs/risk-engine.md §4–5). */
export function assessRisk(model: ModelDocument | ModelIndex, options: AssessOptions = {}): RiskAssessment {
  return assess(model, options, RISK_VIEWS)
}

/** An assessment of the residual view alone (what is in place today): per threat, and the model's mean and P90. */
export type ResidualRiskAssessment = Omit<RiskAssessment, 'threats' | 'views'> & {
  threats: (Omit<ThreatRiskResult, 'views'> & { views: Pick<ThreatRiskResult['views'], 'residual'> })[]
  views: { residual: Pick<ModelViewRisk, 'aleMean' | 'p90'> }
}

/**
 * The residual view alone: the same figures as `assessRisk(...).views.residual` (same keyed
 * streams, exact integer sums, the same order statistic for the P90), without simulating the
 * other views or sorting the simulated years. `previous` must be a residual assessment too for
 * the run to be incremental.
 */
export function assessResidualRisk(
  model: ModelDocument | ModelIndex,
  options: Omit<AssessOptions, 'previous'> & { previous?: ResidualRiskAssessment } = {}
): ResidualRiskAssessment {
  return assess(model, options, ['residual'])
}

/** One threat's residual figures that need no simulation. */
export interface ExactResidualThreat {
  id: string
  applicable: boolean
  moneyProvenance: ThreatRiskResult['moneyProvenance']
  severity: Severity | null
  /** Exact mean annual loss with what is in place; null without money. */
  aleMean: number | null
}

/**
 * The residual severities and exact mean losses of a model's threats, without Monte Carlo: the
 * same severities and means as `assessResidualRisk` (both come from the closed form), for callers
 * that read no simulated figure (a valuation that may state no money).
 */
export function residualExact(model: ModelDocument | ModelIndex, options: Pick<AssessOptions, 'risk'> = {}): ExactResidualThreat[] {
  const parts = modelParts(model)
  const s = engineSettingsOf(parts, options.risk)
  return resolveThreats(parts, s).map((t) => {
    const applied = effectsInView(t.effects, 'residual', s.whatIfIncludesProposed)
    const aleMean = t.money ? exactAleMean(t.money, applied) : null
    return {
      id: t.id,
      applicable: t.applicable,
      moneyProvenance: t.money?.provenance ?? null,
      severity: t.money ? threatSeverity(t, applied.length > 0, aleMean!, s) : (t.statedSeverity ?? null),
      aleMean: aleMean === null ? null : money(aleMean)
    }
  })
}

/** The engine settings of a model: its own `risk:` section with the caller's overrides merged over it. */
function engineSettingsOf(parts: ReturnType<typeof modelParts>, overrides: RiskSettings | undefined): EngineSettings {
  return resolveEngineSettings(overrides ? { ...parts.risk, ...overrides } : parts.risk)
}

function resolveThreats(parts: ReturnType<typeof modelParts>, s: EngineSettings): ResolvedThreat[] {
  const effects = effectsByThreat(parts.mitigations)
  return parts.threats.map((threat) => resolveThreat(threat, effects.get(threat.id) ?? [], s)).sort((a, b) => compareCodeUnits(a.id, b.id))
}

function hasStreamIds(options: Pick<AssessOptions, 'streamIds'>): boolean {
  return (options.streamIds?.threats?.size ?? 0) > 0 || (options.streamIds?.mitigations?.size ?? 0) > 0
}

/** The settings text an assessment is keyed by (what forces a new simulation when it changes). */
function assessmentKey(s: EngineSettings, percentiles: boolean, riskViews: readonly RiskView[]): string {
  return canonicalJson({
    engine: ENGINE_VERSION,
    settings: { ...s, gates: undefined },
    percentiles,
    ...(riskViews === RISK_VIEWS ? {} : { views: riskViews })
  })
}

/** A whole-model run: the batch of its simulations, handed to the runner first, and what each threat's result needs. */
interface WholePlan {
  threats: { t: ResolvedThreat; text: string; groups: EffectGroup[] }[]
  batch: SimulationBatch
  /** The batch as handed to a runner; null when it runs here. */
  task: SimulationTask | null
}

/**
 * Plans the simulations of a whole model as one batch (the same draws, added in the same order
 * when run here) and hands it to the runner, if any, before anything else: the threats' results
 * (`wholeResults`) are worked out while it runs. Threats that are not counted need no simulation:
 * no figure of theirs is simulated.
 */
function planWhole(
  resolved: readonly ResolvedThreat[],
  texts: ReadonlyMap<string, string>,
  s: EngineSettings,
  streams: StreamIds,
  riskViews: readonly RiskView[],
  runner: SimulationRunner | undefined
): WholePlan {
  const everyTarget = riskViews.length
  const threats: WholePlan['threats'] = []
  const jobs: SimulationJob[] = []
  for (const t of resolved) {
    const groups = threatGroups(t, s, streams, riskViews)
    threats.push({ t, text: texts.get(t.id)!, groups })
    if (!t.applicable || !t.money) continue
    jobs.push({
      threat: streams.threats.get(t.id) ?? t.id,
      money: t.money,
      groups: groups.map((g) => ({ effects: g.effects, targets: groups.length === 1 ? [everyTarget] : g.views }))
    })
  }
  const batch: SimulationBatch = { seed: s.seed, iterations: s.iterations, targets: everyTarget + 1, jobs }
  return { threats, batch, task: runner?.start(batch) ?? null }
}

/** Every threat's result of a whole-model run (nothing simulated is in them). */
function wholeResults(plan: WholePlan, s: EngineSettings, riskViews: readonly RiskView[]): SimulationState['threats'] {
  const states: SimulationState['threats'] = new Map()
  for (const { t, text, groups } of plan.threats)
    states.set(t.id, { resolved: t, text, result: threatResult(t, text, s, groups, riskViews) })
  return states
}

/**
 * Adds the batch's sums into `into` (zeros: one per target): the runner's when they are whole,
 * exact and of the right shape, else simulated here, straight into them.
 */
function finishWhole(plan: WholePlan, into: readonly Float64Array[]): void {
  const shared = plan.task?.finish() ?? null
  // Shared out, the sums are added in another order: the same only while no sum was rounded.
  if (shared && shared.length === plan.batch.targets && sumsAreExact(shared)) {
    for (const [t, sum] of shared.entries()) into[t].set(sum)
  } else runSimulationBatch(plan.batch, into)
}

/**
 * Starts the simulations of a whole-model assessment on the runner, so that they run while the
 * caller does other work; `assessRisk(model, { ...options, started })` then finishes it (and
 * gives exactly what it gives without). Undefined when there is nothing to start: no runner, or
 * per-threat percentiles, renamed streams or an incremental run asked for.
 */
export function startRiskAssessment(model: ModelDocument | ModelIndex, options: AssessOptions = {}): StartedAssessment | undefined {
  const percentiles = options.threatPercentiles ?? true
  if (!options.runner || percentiles || options.previous || hasStreamIds(options)) return undefined
  const parts = modelParts(model)
  const s = engineSettingsOf(parts, options.risk)
  const resolved = resolveThreats(parts, s)
  const texts = new Map(resolved.map((t) => [t.id, inputsText(t)]))
  const streams: StreamIds = { threats: new Map(), mitigations: new Map() }
  const plan = planWhole(resolved, texts, s, streams, RISK_VIEWS, options.runner)
  return { model, globalText: assessmentKey(s, percentiles, RISK_VIEWS), resolved, texts, plan }
}

function assess(
  model: ModelDocument | ModelIndex,
  options: Omit<AssessOptions, 'previous'> & { previous?: object },
  riskViews: readonly RiskView[]
): RiskAssessment {
  const parts = modelParts(model)
  const s = engineSettingsOf(parts, options.risk)
  // Gates only read the result, so changing them never forces a new simulation.
  const percentiles = options.threatPercentiles ?? true
  const globalText = assessmentKey(s, percentiles, riskViews)
  const started = options.started
  const reuse =
    started && started.model === model && started.globalText === globalText && !options.previous && !percentiles && !hasStreamIds(options)
      ? started
      : undefined
  const resolved = reuse ? reuse.resolved : resolveThreats(parts, s)

  const work = new Workspace(s.iterations)
  const previous = options.previous ? states.get(options.previous) : undefined
  const incremental = previous !== undefined && previous.globalText === globalText
  const streams: StreamIds = { threats: options.streamIds?.threats ?? new Map(), mitigations: options.streamIds?.mitigations ?? new Map() }
  const streamText = (ids: StreamIds, t: ResolvedThreat): string =>
    `${ids.threats.get(t.id) ?? t.id}\u0000${t.effects.map((e) => ids.mitigations.get(e.mitigation) ?? e.mitigation).join('\u0001')}`
  const totals = {} as Record<RiskView, Float64Array>
  for (const view of riskViews) totals[view] = incremental ? previous.totals[view].slice() : new Float64Array(s.iterations)
  // Most threats lose the same in every view (no mitigation effects); their losses go once into
  // `everyView`, which is added to each view's total at the end. Sums of integer losses are exact,
  // so the grouping changes no total.
  const everyView = new Float64Array(s.iterations)
  const addInto = (total: Float64Array, source: Float64Array, sign: 1 | -1): void => {
    if (sign === 1) for (let i = 0; i < total.length; i++) total[i] += source[i]
    else for (let i = 0; i < total.length; i++) total[i] -= source[i]
  }
  const accumulate = (losses: Map<RiskView, Float64Array>, sign: 1 | -1): void => {
    const shared = losses.get(riskViews[0])
    if (shared && riskViews.every((view) => losses.get(view) === shared)) {
      addInto(everyView, shared, sign)
      return
    }
    for (const view of riskViews) {
      const source = losses.get(view)
      if (source) addInto(totals[view], source, sign)
    }
  }

  const threatStates: SimulationState['threats'] = new Map()
  const texts = reuse ? reuse.texts : new Map(resolved.map((t) => [t.id, inputsText(t)]))
  const resolvedById = new Map(resolved.map((t) => [t.id, t]))
  let simulated = 0
  if (incremental) {
    // Take out the base contribution of every threat that changed or disappeared.
    for (const [id, before] of previous.threats) {
      const now = resolvedById.get(id)
      if (
        (now && texts.get(id) === before.text && streamText(previous.streams, before.resolved) === streamText(streams, now)) ||
        !before.resolved.applicable ||
        !before.resolved.money
      )
        continue
      accumulate(evaluateThreat(before.resolved, before.text, s, work, false, previous.streams, undefined, riskViews).losses, -1)
    }
  }
  if (!incremental && !percentiles) {
    // The whole model is simulated and only the model's sums are read: one batch of jobs, which a
    // runner may share out (and may have started already).
    const plan = reuse ? reuse.plan : planWhole(resolved, texts, s, streams, riskViews, options.runner)
    // Worked out while the runner simulates.
    for (const [id, state] of wholeResults(plan, s, riskViews)) threatStates.set(id, state)
    simulated = plan.threats.length
    // Not incremental: the totals and the every-view sum are still zero, and take the sums as they are.
    finishWhole(plan, [...riskViews.map((view) => totals[view]), everyView])
  }
  for (const t of incremental || percentiles ? resolved : []) {
    const text = texts.get(t.id)!
    const before = incremental ? previous.threats.get(t.id) : undefined
    if (before && before.text === text && streamText(previous!.streams, before.resolved) === streamText(streams, t)) {
      // Same inputs, same numbers; only the title may have changed.
      const result = before.result.title === t.title ? before.result : { ...before.result, title: t.title }
      threatStates.set(t.id, { resolved: t, text, result })
      continue
    }
    const counted = t.applicable && t.money !== undefined
    const { result, losses, accumulated } = evaluateThreat(
      t,
      text,
      s,
      work,
      percentiles,
      streams,
      counted ? everyView : undefined,
      riskViews
    )
    simulated++
    if (counted && !accumulated) accumulate(losses, 1)
    threatStates.set(t.id, { resolved: t, text, result })
  }

  for (const view of riskViews) addInto(totals[view], everyView, 1)
  const threats = resolved.map((t) => threatStates.get(t.id)!.result)
  const views = {} as Record<RiskView, ModelViewRisk>
  // Views with the same simulated years (no effect differs between them) share one sort.
  const sortedTotals: { total: Float64Array; sorted: Float64Array }[] = []
  const sortedOf = (total: Float64Array): Float64Array => {
    for (const known of sortedTotals) if (sameValues(known.total, total)) return known.sorted
    const sorted = total.slice().sort()
    sortedTotals.push({ total, sorted })
    return sorted
  }
  if (riskViews === RISK_VIEWS)
    for (const view of riskViews) views[view] = modelViewRisk(view, resolved, threats, totals[view], sortedOf(totals[view]), s)
  else for (const view of riskViews) views[view] = meanAndP90(view, resolved, totals[view], s) as ModelViewRisk

  const applicable = resolved.filter((t) => t.applicable)
  const assessment: RiskAssessment = {
    engine: ENGINE_VERSION,
    seed: s.seed,
    iterations: s.iterations,
    // The core never inspects its runtime: the adapter passes the Node major to stamp.
    node: options.node ?? null,
    currency: s.currency,
    calibration: {
      step: s.calibration.step,
      lambda: s.calibration.lambda,
      c: rate(s.calibration.c),
      aleBands: {
        info: money(s.calibration.aleBands.info),
        low: money(s.calibration.aleBands.low),
        medium: money(s.calibration.aleBands.medium),
        high: money(s.calibration.aleBands.high),
        critical: money(s.calibration.aleBands.critical)
      },
      bandsSource: s.calibration.bandsSource,
      consistent: bandsAreConsistent(s.calibration, matrixSeverity)
    },
    counts: {
      threats: resolved.length,
      applicable: applicable.length,
      priced: applicable.filter((t) => t.money).length,
      unpriced: applicable.filter((t) => !t.money && t.severitySource !== 'unrated').length,
      unrated: applicable.filter((t) => t.severitySource === 'unrated').length,
      notApplicable: resolved.length - applicable.length
    },
    threats,
    views
  }
  states.set(assessment, { globalText, settings: s, threats: threatStates, totals, simulated, streams })
  return assessment
}

/** The exact mean and the simulated P90 of a view, as `modelViewRisk` states them, by selection instead of a sort. */
function meanAndP90(
  view: RiskView,
  resolved: readonly ResolvedThreat[],
  total: Float64Array,
  s: EngineSettings
): Pick<ModelViewRisk, 'aleMean' | 'p90'> {
  let exact = 0
  for (const t of resolved)
    if (t.applicable && t.money) exact += exactAleMean(t.money, effectsInView(t.effects, view, s.whatIfIncludesProposed))
  return { aleMean: money(exact), p90: money(quantileBySelection(total, 0.9)) }
}

/** `quantileSorted` of the sorted values, from two order statistics found by selection on a copy. */
function quantileBySelection(values: Float64Array, p: number): number {
  const n = values.length
  if (n === 0) return 0
  const h = (n - 1) * p
  const lo = Math.floor(h)
  const hi = Math.min(n - 1, lo + 1)
  const copy = values.slice()
  const low = selectKth(copy, lo)
  // After selection everything right of `lo` is at least as large: the next order statistic is their minimum.
  let high = low
  if (hi > lo) {
    high = Infinity
    for (let i = lo + 1; i < n; i++) if (copy[i] < high) high = copy[i]
  }
  return low + (h - lo) * (high - low)
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function modelViewRisk(
  view: RiskView,
  resolved: readonly ResolvedThreat[],
  threats: readonly ThreatRiskResult[],
  total: Float64Array,
  sorted: Float64Array,
  s: EngineSettings
): ModelViewRisk {
  let exact = 0
  let derived = 0
  const severityCounts = Object.fromEntries(SEVERITIES.map((sev) => [sev, 0])) as SeverityCounts
  for (let k = 0; k < resolved.length; k++) {
    const t = resolved[k]
    if (!t.applicable) continue
    const risk = threats[k].views[view]
    if (risk.severity) severityCounts[risk.severity]++
    if (!t.money) continue
    const mean = exactAleMean(t.money, effectsInView(t.effects, view, s.whatIfIncludesProposed))
    exact += mean
    if (t.money.provenance !== 'quantitative') derived += mean
  }
  const { mean: mcMean, se } = meanAndStandardError(total)
  const n = sorted.length
  const exceeding = (x: number): number => {
    let lo = 0
    let hi = n
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (sorted[mid] > x) hi = mid
      else lo = mid + 1
    }
    return (n - lo) / n
  }
  const mcCheck = Math.abs(mcMean - exact) <= 5 * se || mcMean === exact ? 'ok' : 'deviates'
  const derivedShare = exact > 0 ? derived / exact : 0
  const warnings: string[] = []
  if (s.iterations < 100000) warnings.push(`P99 rests on ${s.iterations} iterations; 100,000 or more make it stable`)
  if (mcCheck === 'deviates')
    warnings.push(`the Monte Carlo mean ${money(mcMean)} differs from the exact mean ${money(exact)} by more than 5 standard errors`)
  if (derivedShare > 0.5)
    warnings.push(`${Math.round(derivedShare * 100)}% of the mean ALE rests on values derived from qualitative or imported ratings`)
  return {
    aleMean: money(exact),
    mcMean: money(mcMean),
    mcStandardError: money(se),
    mcCheck,
    p50: money(quantileSorted(sorted, 0.5)),
    p90: money(quantileSorted(sorted, 0.9)),
    p95: money(quantileSorted(sorted, 0.95)),
    p99: money(quantileSorted(sorted, 0.99)),
    pAnyLoss: probability(exceeding(0)),
    exceedance: EXCEEDANCE_GRID.map((loss) => ({ loss, probability: probability(exceeding(loss)) })),
    returnPeriods: {
      '1-in-2': money(quantileSorted(sorted, 0.5)),
      '1-in-5': money(quantileSorted(sorted, 0.8)),
      '1-in-10': money(quantileSorted(sorted, 0.9)),
      '1-in-20': money(quantileSorted(sorted, 0.95)),
      '1-in-100': money(quantileSorted(sorted, 0.99))
    },
    severityCounts,
    derivedShare: probability(derivedShare),
    warnings
  }
}
