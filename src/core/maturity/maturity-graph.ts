import type { LoadedModel } from '../model/load.js'
import type { Mitigation, Severity, Threat } from '../model/schema.js'
import type { KnowledgeBase } from '../kb/knowledge-base.js'
import { MitigationView, ModelView, RuleGraph, ThreatView } from '../rules/rule-graph.js'

/*
 * Maturity checks need a few fields the rule views leave out (a threat's story and objectives,
 * references to standards, the model's business context, mitigation cost, …). The views below
 * extend the rule views with those fields; the graph subclass makes every relation (a threat's
 * mitigations, a mitigation's threats, index lists) hand out the extended views, because the
 * CEL runtime resolves a value's type by its exact constructor.
 */

/** Severities that make a threat "high" in docs/maturity.md. */
const HIGH_SEVERITIES = new Set<string>(['high', 'critical'])
/** Threat statuses that are a decision in themselves, so the threat needs no mitigation. */
const DECIDED_STATUSES = new Set<string>(['accepted', 'transferred', 'not-applicable'])

/** The model section with its business context, references and intelligence sources. */
export class MaturityModelView extends ModelView {
  readonly #loaded: LoadedModel
  constructor(graph: MaturityGraph) {
    super(graph)
    this.#loaded = graph.loaded
  }
  get #model(): LoadedModel['document']['model'] {
    return this.#loaded.document.model
  }
  get businessDescription(): string {
    return this.#model.business?.description ?? ''
  }
  get objectives(): string[] {
    return this.#model.business?.objectives ?? []
  }
  get useCases(): string[] {
    return this.#model.business?.use_cases ?? []
  }
  get related(): string[] {
    return this.#model.related ?? []
  }
  get intelligenceSources(): string[] {
    return this.#model.intelligence_sources ?? []
  }
  /** ISO 4217 code of the model's money amounts (`risk.currency`), "" when unstated. */
  get currency(): string {
    return this.#loaded.document.risk?.currency ?? ''
  }
}

export class MaturityThreatView extends ThreatView {
  readonly #graph: MaturityGraph
  readonly #threat: Threat
  #residualSeverity: string | undefined
  constructor(graph: MaturityGraph, threat: Threat) {
    super(graph, threat)
    this.#graph = graph
    this.#threat = threat
  }
  get prerequisites(): string {
    return this.#threat.prerequisites ?? ''
  }
  get action(): string {
    return this.#threat.action ?? ''
  }
  get businessImpact(): string {
    return this.#threat.business_impact ?? ''
  }
  get objectives(): string[] {
    return this.#threat.objectives ?? []
  }
  get standards(): string[] {
    return this.#threat.references?.standards ?? []
  }
  get links(): string[] {
    return this.#threat.references?.links ?? []
  }
  get origin(): string {
    return this.#threat.origin ?? ''
  }
  /** Whether the status is written down (the rule view reads a missing status as `open`). */
  get statusStated(): boolean {
    return this.#threat.status !== undefined
  }
  /** Whether the threat is accepted, transferred or not applicable: decided without a mitigation. */
  get decided(): boolean {
    return DECIDED_STATUSES.has(this.status)
  }
  /** Whether anything rates the threat: likelihood and impact, or an imported score (CVSS, OWASP, bug bar, Threagile, DREAD). */
  get rated(): boolean {
    const risk = this.#threat.risk
    const matrix = this.likelihood !== '' && this.impact !== ''
    return (
      matrix ||
      risk?.cvss !== undefined ||
      risk?.owasp !== undefined ||
      risk?.bugbar !== undefined ||
      risk?.threagile !== undefined ||
      risk?.dread !== undefined
    )
  }
  /** Residual severity from the risk assessment when the review supplies it, otherwise the qualitative severity. */
  get residualSeverity(): string {
    // Read by most checks on high threats (`t.high`), on a graph that does not change during an assessment.
    return (this.#residualSeverity ??= this.#graph.residualSeverityOf(this.#threat) ?? this.severity)
  }
  /** Residual severity high or critical. */
  get high(): boolean {
    return HIGH_SEVERITIES.has(this.residualSeverity)
  }
}

export class MaturityMitigationView extends MitigationView {
  readonly #mitigation: Mitigation
  constructor(graph: MaturityGraph, mitigation: Mitigation) {
    super(graph, mitigation)
    this.#mitigation = mitigation
  }
  get standards(): string[] {
    return this.#mitigation.references?.standards ?? []
  }
  get links(): string[] {
    return this.#mitigation.references?.links ?? []
  }
  /** Whether the status is written down (the rule view reads a missing status as `proposed`). */
  get statusStated(): boolean {
    return this.#mitigation.status !== undefined
  }
  /** Whether some effect is a numeric reduction range (`by`), not only a strength word. */
  get quantifiedEffects(): boolean {
    return (this.#mitigation.effects ?? []).some((effect) => effect.by !== undefined)
  }
  get costed(): boolean {
    return this.#mitigation.cost !== undefined
  }
}

/** Settings of one maturity assessment graph. */
export interface MaturityGraphOptions {
  today: string
  knowledgeBase?: KnowledgeBase
  /** Residual severity per threat id from the risk assessment; null or missing falls back to the qualitative severity. */
  residualSeverities?: Readonly<Record<string, Severity | null | undefined>>
}

/** The rule graph with extended views and the path-coverage helper maturity checks use. */
export class MaturityGraph extends RuleGraph {
  readonly maturityModel: MaturityModelView
  readonly #residual: Readonly<Record<string, Severity | null | undefined>>
  readonly #threatViews = new Map<string, MaturityThreatView>()
  readonly #mitigationViews = new Map<string, MaturityMitigationView>()
  #unguarded: string[] | undefined

  constructor(loaded: LoadedModel, options: MaturityGraphOptions) {
    super(loaded, { today: options.today, platform: '', staleAfterDays: 0, knowledgeBase: options.knowledgeBase })
    this.#residual = options.residualSeverities ?? {}
    this.maturityModel = new MaturityModelView(this)
  }

  override threat(threat: Threat): MaturityThreatView {
    let view = this.#threatViews.get(threat.id)
    if (!view) {
      view = new MaturityThreatView(this, threat)
      this.#threatViews.set(threat.id, view)
    }
    return view
  }

  override mitigation(mitigation: Mitigation): MaturityMitigationView {
    let view = this.#mitigationViews.get(mitigation.id)
    if (!view) {
      view = new MaturityMitigationView(this, mitigation)
      this.#mitigationViews.set(mitigation.id, view)
    }
    return view
  }

  residualSeverityOf(threat: Threat): string | undefined {
    return Object.hasOwn(this.#residual, threat.id) ? (this.#residual[threat.id] ?? undefined) : undefined
  }

  /**
   * Components holding a restricted asset that a path of flows from an untrusted (trust 0) zone
   * reaches without crossing any element (component, its zone, flow, or the asset itself) that
   * a mitigated threat targets. Sorted ids, `component/asset`.
   */
  unguardedPathsToRestricted(): string[] {
    this.#unguarded ??= this.#findUnguarded()
    return this.#unguarded
  }

  #findUnguarded(): string[] {
    const index = this.index
    const guarded = new Set<string>()
    for (const threat of index.threats.values()) {
      if ((index.mitigationsByThreat.get(threat.id) ?? []).length === 0) continue
      for (const target of threat.targets ?? []) guarded.add(target)
    }
    const componentGuarded = (id: string): boolean => guarded.has(id) || guarded.has(index.zoneOf(id)?.id ?? '')
    const edges = new Map<string, string[]>()
    const addEdge = (from: string, to: string): void => {
      const list = edges.get(from)
      if (list) list.push(to)
      else edges.set(from, [to])
    }
    for (const flow of index.dataflows.values()) {
      if (guarded.has(flow.id)) continue
      addEdge(flow.from, flow.to)
      if (flow.bidirectional) addEdge(flow.to, flow.from)
    }
    const reached = new Set<string>()
    const queue = [...index.components.keys()].filter((id) => index.trustOf(id) === 0 && !componentGuarded(id))
    while (queue.length > 0) {
      for (const next of edges.get(queue.pop()!) ?? []) {
        if (reached.has(next) || componentGuarded(next)) continue
        reached.add(next)
        queue.push(next)
      }
    }
    const unguarded: string[] = []
    for (const id of reached) {
      for (const assetId of index.components.get(id)?.assets ?? []) {
        const asset = index.assets.get(assetId)
        if (asset?.classification === 'restricted' && !guarded.has(assetId)) unguarded.push(`${id}/${assetId}`)
      }
    }
    return unguarded.sort()
  }
}
