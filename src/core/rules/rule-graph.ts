import type { LoadedModel } from '../model/load.js'
import { importedSeverity } from '../risk/resolve.js'
import type { ModelIndex } from '../model/model-index.js'
import type { Actor, Asset, Assumption, Component, Dataflow, Incident, Mitigation, Suppression, Threat, Zone } from '../model/schema.js'
import type { DocumentPath } from '../problems.js'
import type { KnowledgeBase } from '../kb/knowledge-base.js'
import { qualitativeSeverity } from './qualitative-severity.js'
import { IN_PLACE_STATUSES } from '../domain.js'

/*
 * The resolved graph rules see: one view object per model element, with every optional field
 * filled by a neutral default ("" for text, false, [] or -1 for an unknown trust level) so a CEL
 * condition never fails on a missing key. Relations (a flow's source, a component's inbound
 * flows, a threat's mitigations, …) are getters computed on first use and cached (per graph, or per
 * view for a view's own lists), because most rules read only a few of them, checks read the same
 * ones again and again, and the graph is cyclic. A cached list is never modified: CEL builds new
 * lists rather than changing the ones it reads.
 */

/** Authentication values that mean "no authentication". */
const NO_AUTHENTICATION = new Set(['', 'none', 'no', 'anonymous', 'false'])

function big(n: number): bigint {
  return BigInt(Math.trunc(n))
}

/** The model section: identity, business context and element counts. */
export class ModelView {
  readonly #graph: RuleGraph
  constructor(graph: RuleGraph) {
    this.#graph = graph
  }
  get id(): string {
    return this.#graph.index.modelId
  }
  get title(): string {
    return this.#graph.document.model.title
  }
  get owner(): string {
    return this.#graph.document.model.owner ?? ''
  }
  get description(): string {
    return this.#graph.document.model.description ?? ''
  }
  get criticality(): string {
    return this.#graph.document.model.business?.criticality ?? ''
  }
  get standards(): string[] {
    return this.#graph.document.model.standards ?? []
  }
  get templates(): string[] {
    return this.#graph.document.model.templates ?? []
  }
  get reviewed(): string {
    return this.#graph.document.model.reviewed ?? ''
  }
  get version(): string {
    return this.#graph.document.model.version ?? ''
  }
  get tags(): string[] {
    return this.#graph.document.model.tags ?? []
  }
  get counts(): CountsView {
    return this.#graph.counts
  }
}

/** How many elements of each kind the model holds. */
export class CountsView {
  constructor(
    readonly zones: bigint,
    readonly assets: bigint,
    readonly components: bigint,
    readonly dataflows: bigint,
    readonly actors: bigint,
    readonly threats: bigint,
    readonly mitigations: bigint,
    readonly assumptions: bigint,
    readonly incidents: bigint,
    readonly suppressions: bigint
  ) {}
}

export class ZoneView {
  readonly #graph: RuleGraph
  readonly #zone: Zone
  constructor(graph: RuleGraph, zone: Zone) {
    this.#graph = graph
    this.#zone = zone
  }
  get id(): string {
    return this.#zone.id
  }
  get title(): string {
    return this.#zone.title ?? ''
  }
  get trust(): bigint {
    return big(this.#zone.trust)
  }
  get parent(): string {
    return this.#zone.parent ?? ''
  }
  get tags(): string[] {
    return this.#zone.tags ?? []
  }
  get components(): ComponentView[] {
    return this.#graph.componentsInZone(this.#zone.id)
  }
  get threats(): ThreatView[] {
    return this.#graph.threatsTargeting(this.#zone.id)
  }
}

export class AssetView {
  readonly #graph: RuleGraph
  readonly #asset: Asset
  constructor(graph: RuleGraph, asset: Asset) {
    this.#graph = graph
    this.#asset = asset
  }
  get id(): string {
    return this.#asset.id
  }
  get title(): string {
    return this.#asset.title ?? ''
  }
  get classification(): string {
    return this.#asset.classification ?? ''
  }
  get confidentiality(): string {
    return this.#asset.cia?.confidentiality ?? ''
  }
  get integrity(): string {
    return this.#asset.cia?.integrity ?? ''
  }
  get availability(): string {
    return this.#asset.cia?.availability ?? ''
  }
  get owner(): string {
    return this.#asset.owner ?? ''
  }
  get tags(): string[] {
    return this.#asset.tags ?? []
  }
  /** Components that store or process the asset. */
  get components(): ComponentView[] {
    return this.#graph.holdersOf(this.#asset.id).components
  }
  /** Flows that carry the asset. */
  get dataflows(): DataflowView[] {
    return this.#graph.holdersOf(this.#asset.id).dataflows
  }
  get threats(): ThreatView[] {
    return this.#graph.threatsTargeting(this.#asset.id)
  }
}

export class ComponentView {
  readonly #graph: RuleGraph
  readonly #component: Component
  #assets: AssetView[] | undefined
  #inbound: DataflowView[] | undefined
  #outbound: DataflowView[] | undefined
  constructor(graph: RuleGraph, component: Component) {
    this.#graph = graph
    this.#component = component
  }
  get id(): string {
    return this.#component.id
  }
  get title(): string {
    return this.#component.title ?? ''
  }
  get type(): string {
    return this.#component.type
  }
  /** Id of the component's zone, or "" when it names none. */
  get zone(): string {
    return this.#graph.index.zoneOf(this.#component.id)?.id ?? ''
  }
  /** Trust level of the component's zone, or -1 when it has no zone. */
  get trust(): bigint {
    const trust = this.#graph.index.trustOf(this.#component.id)
    return trust === undefined ? -1n : big(trust)
  }
  get owner(): string {
    return this.#component.owner ?? ''
  }
  get technologies(): string[] {
    return this.#component.technologies ?? []
  }
  get internetFacing(): boolean {
    return this.#component.internet_facing ?? false
  }
  get lifecycle(): string {
    return this.#component.lifecycle ?? ''
  }
  get parent(): string {
    return this.#component.parent ?? ''
  }
  get tags(): string[] {
    return this.#component.tags ?? []
  }
  /** Assets the component stores or processes. */
  get assets(): AssetView[] {
    return (this.#assets ??= this.#graph.assetViews(this.#component.assets))
  }
  get inbound(): DataflowView[] {
    return (this.#inbound ??= this.#graph.flowViews(this.#graph.index.inboundFlows.get(this.#component.id)))
  }
  get outbound(): DataflowView[] {
    return (this.#outbound ??= this.#graph.flowViews(this.#graph.index.outboundFlows.get(this.#component.id)))
  }
  get threats(): ThreatView[] {
    return this.#graph.threatsTargeting(this.#component.id)
  }
}

export class DataflowView {
  readonly #graph: RuleGraph
  readonly #flow: Dataflow
  #assets: AssetView[] | undefined
  constructor(graph: RuleGraph, flow: Dataflow) {
    this.#graph = graph
    this.#flow = flow
  }
  get id(): string {
    return this.#flow.id
  }
  get title(): string {
    return this.#flow.title ?? ''
  }
  get source(): ComponentView {
    return this.#graph.component(this.#flow.from)
  }
  get target(): ComponentView {
    return this.#graph.component(this.#flow.to)
  }
  get protocol(): string {
    return (this.#flow.protocol ?? '').toLowerCase()
  }
  get assets(): AssetView[] {
    return (this.#assets ??= this.#graph.assetViews(this.#flow.assets))
  }
  /** The authentication scheme as written, "" when none is stated. */
  get authentication(): string {
    return this.#flow.authentication ?? ''
  }
  /** Whether the flow states an authentication scheme other than `none`. */
  get authenticated(): boolean {
    return !NO_AUTHENTICATION.has((this.#flow.authentication ?? '').trim().toLowerCase())
  }
  /** The authorization as written (`true` becomes "yes"), "" when none is stated. */
  get authorization(): string {
    const value = this.#flow.authorization
    if (value === undefined || value === false) return ''
    return value === true ? 'yes' : value
  }
  get authorized(): boolean {
    const value = this.#flow.authorization
    if (typeof value === 'boolean') return value
    return !NO_AUTHENTICATION.has((value ?? '').trim().toLowerCase())
  }
  /** Whether the flow is stated to be encrypted; an unstated flow counts as not encrypted. */
  get encrypted(): boolean {
    return this.#flow.encrypted ?? false
  }
  get bidirectional(): boolean {
    return this.#flow.bidirectional ?? false
  }
  /** Whether source and target sit in different, known zones. */
  get crossesBoundary(): boolean {
    const from = this.#graph.index.zoneOf(this.#flow.from)
    const to = this.#graph.index.zoneOf(this.#flow.to)
    return from !== undefined && to !== undefined && from.id !== to.id
  }
  get tags(): string[] {
    return this.#flow.tags ?? []
  }
  get threats(): ThreatView[] {
    return this.#graph.threatsTargeting(this.#flow.id)
  }
}

export class ActorView {
  readonly #graph: RuleGraph
  readonly #actor: Actor
  constructor(graph: RuleGraph, actor: Actor) {
    this.#graph = graph
    this.#actor = actor
  }
  get id(): string {
    return this.#actor.id
  }
  get title(): string {
    return this.#actor.title ?? ''
  }
  get capability(): string {
    return this.#actor.capability ?? ''
  }
  get motivation(): string {
    return this.#actor.motivation ?? ''
  }
  get insider(): boolean {
    return this.#actor.insider ?? false
  }
  get privileged(): boolean {
    return this.#actor.privileged ?? false
  }
  get tags(): string[] {
    return this.#actor.tags ?? []
  }
  /** Threats that name this actor as their source. */
  get threats(): ThreatView[] {
    return this.#graph.threatsBySource(this.#actor.id)
  }
}

/** Who accepted a threat, why and until when; "" where the model says nothing. */
export class AcceptanceView {
  constructor(
    readonly by: string,
    readonly reason: string,
    readonly expires: string,
    readonly date: string
  ) {}
}

const NO_ACCEPTANCE = new AcceptanceView('', '', '', '')

export class ThreatView {
  readonly #graph: RuleGraph
  readonly #threat: Threat
  #acceptance: AcceptanceView | undefined
  #mitigations: MitigationView[] | undefined
  #controls: MitigationView[] | undefined
  constructor(graph: RuleGraph, threat: Threat) {
    this.#graph = graph
    this.#threat = threat
  }
  get id(): string {
    return this.#threat.id
  }
  get title(): string {
    return this.#threat.title
  }
  get description(): string {
    return this.#threat.description ?? ''
  }
  get category(): string {
    return this.#threat.category ?? ''
  }
  /** Ids of the components, flows, assets and zones the threat targets. */
  get targets(): string[] {
    return this.#threat.targets ?? []
  }
  /** Id of the threat actor, "" when none is named. */
  get source(): string {
    return this.#threat.source ?? ''
  }
  get cwe(): string[] {
    return this.#threat.references?.cwe ?? []
  }
  get capec(): string[] {
    return this.#threat.references?.capec ?? []
  }
  get attack(): string[] {
    return this.#threat.references?.attack ?? []
  }
  get likelihood(): string {
    return this.#threat.likelihood ?? this.#threat.risk?.likelihood ?? ''
  }
  get impact(): string {
    return this.#threat.impact ?? this.#threat.risk?.impact ?? ''
  }
  /** Severity from an imported rating, else likelihood × impact, or `unrated` when neither is stated. */
  get severity(): string {
    return this.#graph.severityOf(this.#threat)
  }
  /** Whether the threat carries FAIR (quantitative) inputs. */
  get quantified(): boolean {
    return this.#threat.risk?.fair !== undefined
  }
  /** The status as written; a threat without one is `open`. */
  get status(): string {
    return this.#threat.status ?? 'open'
  }
  get acceptance(): AcceptanceView {
    const a = this.#threat.acceptance
    return a ? (this.#acceptance ??= new AcceptanceView(a.by ?? '', a.reason ?? '', a.expires ?? '', a.date ?? '')) : NO_ACCEPTANCE
  }
  /** Linked mitigations that exist in the model. */
  get mitigations(): MitigationView[] {
    return (this.#mitigations ??= this.#graph.mitigationViews(this.#graph.index.mitigationsByThreat.get(this.#threat.id)))
  }
  /** Linked mitigations in place today (implemented, verified or existing). */
  get controls(): MitigationView[] {
    return (this.#controls ??= this.mitigations.filter((m) => (IN_PLACE_STATUSES as ReadonlySet<string>).has(m.status)))
  }
  /** Incidents that name this threat. */
  get incidents(): IncidentView[] {
    return this.#graph.incidentsOf(this.#threat.id)
  }
  get tags(): string[] {
    return this.#threat.tags ?? []
  }
}

export class MitigationView {
  readonly #graph: RuleGraph
  readonly #mitigation: Mitigation
  #threats: ThreatView[] | undefined
  constructor(graph: RuleGraph, mitigation: Mitigation) {
    this.#graph = graph
    this.#mitigation = mitigation
  }
  get id(): string {
    return this.#mitigation.id
  }
  get title(): string {
    return this.#mitigation.title
  }
  get description(): string {
    return this.#mitigation.description ?? ''
  }
  get type(): string {
    return this.#mitigation.type ?? ''
  }
  /** The status as written; a mitigation without one is `proposed`. */
  get status(): string {
    return this.#mitigation.status ?? 'proposed'
  }
  get roadmap(): string {
    return this.#mitigation.roadmap ?? ''
  }
  get priority(): string {
    return this.#mitigation.priority ?? ''
  }
  get owner(): string {
    return this.#mitigation.owner ?? ''
  }
  get verification(): string {
    return this.#mitigation.verification ?? ''
  }
  get issue(): string {
    return this.#mitigation.issue ?? ''
  }
  /** ATT&CK techniques the control detects. */
  get detects(): string[] {
    return this.#mitigation.detects ?? []
  }
  get cwe(): string[] {
    return this.#mitigation.references?.cwe ?? []
  }
  get capec(): string[] {
    return this.#mitigation.references?.capec ?? []
  }
  get attack(): string[] {
    return this.#mitigation.references?.attack ?? []
  }
  /** Whether the mitigation states its effect on risk. */
  get hasEffects(): boolean {
    return (this.#mitigation.effects ?? []).length > 0
  }
  get tags(): string[] {
    return this.#mitigation.tags ?? []
  }
  /** Threats that link to this mitigation. */
  get threats(): ThreatView[] {
    return (this.#threats ??= this.#graph.threatViews(this.#graph.index.threatsByMitigation.get(this.#mitigation.id)))
  }
}

export class AssumptionView {
  readonly #assumption: Assumption
  constructor(assumption: Assumption) {
    this.#assumption = assumption
  }
  get id(): string {
    return this.#assumption.id
  }
  get text(): string {
    return this.#assumption.text
  }
  get validated(): boolean {
    return this.#assumption.validated ?? false
  }
  get owner(): string {
    return this.#assumption.owner ?? ''
  }
  get expires(): string {
    return this.#assumption.expires ?? ''
  }
}

export class IncidentView {
  readonly #graph: RuleGraph
  readonly #incident: Incident
  #threats: ThreatView[] | undefined
  constructor(graph: RuleGraph, incident: Incident) {
    this.#graph = graph
    this.#incident = incident
  }
  get id(): string {
    return this.#incident.id
  }
  get date(): string {
    return this.#incident.date
  }
  get summary(): string {
    return this.#incident.summary
  }
  /** ATT&CK techniques observed. */
  get techniques(): string[] {
    return this.#incident.techniques ?? []
  }
  /** Linked threats that exist in the model. */
  get threats(): ThreatView[] {
    return (this.#threats ??= this.#graph.threatViews(
      (this.#incident.threats ?? []).flatMap((id) => this.#graph.index.threats.get(id) ?? [])
    ))
  }
  get rootCause(): string {
    return this.#incident.root_cause ?? ''
  }
  /** The status as written; an incident without one is `open`. */
  get status(): string {
    return this.#incident.status ?? 'open'
  }
}

/** A suppression entry; its id is synthetic (`suppression:<rule>:<target>`) since suppressions have none. */
export class SuppressionView {
  readonly #suppression: Suppression
  constructor(suppression: Suppression) {
    this.#suppression = suppression
  }
  get id(): string {
    return suppressionViewId(this.#suppression)
  }
  get rule(): string {
    return this.#suppression.rule
  }
  get target(): string {
    return this.#suppression.target
  }
  get reason(): string {
    return this.#suppression.reason ?? ''
  }
  get approvedBy(): string {
    return this.#suppression.approved_by ?? ''
  }
  get expires(): string {
    return this.#suppression.expires ?? ''
  }
}

/** Synthetic id of a suppression entry. */
export function suppressionViewId(suppression: Suppression): string {
  return `suppression:${suppression.rule}:${suppression.target}`
}

/** Every element list of the model, as views. */
export class IndexView {
  readonly #graph: RuleGraph
  constructor(graph: RuleGraph) {
    this.#graph = graph
  }
  get zones(): ZoneView[] {
    return this.#graph.all('zone') as ZoneView[]
  }
  get assets(): AssetView[] {
    return this.#graph.all('asset') as AssetView[]
  }
  get components(): ComponentView[] {
    return this.#graph.all('component') as ComponentView[]
  }
  get dataflows(): DataflowView[] {
    return this.#graph.all('dataflow') as DataflowView[]
  }
  get actors(): ActorView[] {
    return this.#graph.all('actor') as ActorView[]
  }
  get threats(): ThreatView[] {
    return this.#graph.all('threat') as ThreatView[]
  }
  get mitigations(): MitigationView[] {
    return this.#graph.all('mitigation') as MitigationView[]
  }
  get assumptions(): AssumptionView[] {
    return this.#graph.all('assumption') as AssumptionView[]
  }
  get incidents(): IncidentView[] {
    return this.#graph.all('incident') as IncidentView[]
  }
  get suppressions(): SuppressionView[] {
    return this.#graph.all('suppression') as SuppressionView[]
  }
}

/** Which knowledge-base catalogues are loaded. */
export class KnowledgeFlagsView {
  constructor(
    readonly cwe: boolean,
    readonly capec: boolean,
    readonly attack: boolean
  ) {}
}

/** The run context: today's date (given by the caller), platform and settings. */
export class RunContextView {
  constructor(
    readonly today: string,
    readonly platform: string,
    readonly staleAfterDays: bigint,
    readonly kb: KnowledgeFlagsView
  ) {}
}

/** The kinds of subject a rule can apply to. */
export const RULE_SUBJECTS = [
  'model',
  'zone',
  'asset',
  'component',
  'dataflow',
  'actor',
  'threat',
  'mitigation',
  'assumption',
  'incident',
  'suppression'
] as const
export type RuleSubject = (typeof RULE_SUBJECTS)[number]
type ElementSubject = Exclude<RuleSubject, 'model'>

export type SubjectView =
  | ModelView
  | ZoneView
  | AssetView
  | ComponentView
  | DataflowView
  | ActorView
  | ThreatView
  | MitigationView
  | AssumptionView
  | IncidentView
  | SuppressionView

/** Settings of one rule run. */
export interface RuleGraphOptions {
  today: string
  platform: string
  staleAfterDays: number
  knowledgeBase?: KnowledgeBase
}

const SECTION_OF: Record<ElementSubject, string> = {
  zone: 'zones',
  asset: 'assets',
  component: 'components',
  dataflow: 'dataflows',
  actor: 'actors',
  threat: 'threats',
  mitigation: 'mitigations',
  assumption: 'assumptions',
  incident: 'incidents',
  suppression: 'suppressions'
}

/** The per-run resolved graph: views of every element, relation caches and reachability. */
export class RuleGraph {
  readonly index: ModelIndex
  readonly model: ModelView
  readonly indexView: IndexView
  readonly context: RunContextView
  readonly counts: CountsView
  readonly knowledgeBase: KnowledgeBase | undefined
  readonly #lists = new Map<ElementSubject, SubjectView[]>()
  readonly #components = new Map<string, ComponentView>()
  readonly #flows = new Map<string, DataflowView>()
  readonly #assets = new Map<string, AssetView>()
  readonly #threats = new Map<string, ThreatView>()
  readonly #mitigations = new Map<string, MitigationView>()
  readonly #severities = new Map<string, string>()
  #holders: Map<string, { components: ComponentView[]; dataflows: DataflowView[] }> | undefined
  #threatsByTarget: Map<string, ThreatView[]> | undefined
  #threatsBySource: Map<string, ThreatView[]> | undefined
  #incidentsByThreat: Map<string, IncidentView[]> | undefined
  #componentsByZone: Map<string, ComponentView[]> | undefined
  #reachable: Set<string> | undefined
  #reachableUnauthenticated: Set<string> | undefined
  readonly #todayDay: number

  constructor(
    readonly loaded: LoadedModel,
    options: RuleGraphOptions
  ) {
    this.index = loaded.index
    this.knowledgeBase = options.knowledgeBase
    const d = loaded.document
    this.counts = new CountsView(
      big(this.index.zones.size),
      big(this.index.assets.size),
      big(this.index.components.size),
      big(this.index.dataflows.size),
      big(this.index.actors.size),
      big(this.index.threats.size),
      big(this.index.mitigations.size),
      big(this.index.assumptions.size),
      big(this.index.incidents.size),
      big(d.suppressions?.length ?? 0)
    )
    this.model = new ModelView(this)
    this.indexView = new IndexView(this)
    const kb = options.knowledgeBase
    this.context = new RunContextView(
      options.today,
      options.platform,
      big(options.staleAfterDays),
      new KnowledgeFlagsView(kb?.cwe !== undefined, kb?.capec !== undefined, kb?.attack !== undefined)
    )
    this.#todayDay = dayNumber(options.today) ?? 0
  }

  get document(): LoadedModel['document'] {
    return this.loaded.document
  }

  /** All views of one element kind, in document order. */
  all(kind: ElementSubject): SubjectView[] {
    let list = this.#lists.get(kind)
    if (list) return list
    const index = this.index
    switch (kind) {
      case 'zone':
        list = [...index.zones.values()].map((z) => new ZoneView(this, z))
        break
      case 'asset':
        list = [...index.assets.keys()].map((id) => this.asset(id))
        break
      case 'component':
        list = [...index.components.keys()].map((id) => this.component(id))
        break
      case 'dataflow':
        list = [...index.dataflows.keys()].map((id) => this.flow(id))
        break
      case 'actor':
        list = [...index.actors.values()].map((a) => new ActorView(this, a))
        break
      case 'threat':
        list = [...index.threats.values()].map((t) => this.threat(t))
        break
      case 'mitigation':
        list = [...index.mitigations.values()].map((m) => this.mitigation(m))
        break
      case 'assumption':
        list = [...index.assumptions.values()].map((a) => new AssumptionView(a))
        break
      case 'incident':
        list = [...index.incidents.values()].map((i) => new IncidentView(this, i))
        break
      case 'suppression':
        list = (this.document.suppressions ?? []).map((s) => new SuppressionView(s))
        break
    }
    this.#lists.set(kind, list)
    return list
  }

  /** The subjects a rule of this kind is evaluated on. */
  subjects(kind: RuleSubject): SubjectView[] {
    return kind === 'model' ? [this.model] : this.all(kind)
  }

  /** Document path of a subject id (element, model or suppression), for positions. */
  pathOf(id: string): DocumentPath | undefined {
    if (id === this.index.modelId) return ['model']
    const location = this.index.elements.get(id)
    if (location) return [location.section, location.index]
    const suppressions = this.document.suppressions ?? []
    const i = suppressions.findIndex((s) => suppressionViewId(s) === id)
    return i >= 0 ? [SECTION_OF.suppression, i] : undefined
  }

  component(id: string): ComponentView {
    let view = this.#components.get(id)
    if (!view) {
      // Schema-valid models only reference existing components; the fallback keeps views total.
      const component = this.index.components.get(id) ?? { id, type: 'external' as const }
      view = new ComponentView(this, component)
      this.#components.set(id, view)
    }
    return view
  }

  flow(id: string): DataflowView {
    let view = this.#flows.get(id)
    if (!view) {
      view = new DataflowView(this, this.index.dataflows.get(id)!)
      this.#flows.set(id, view)
    }
    return view
  }

  asset(id: string): AssetView {
    let view = this.#assets.get(id)
    if (!view) {
      view = new AssetView(this, this.index.assets.get(id) ?? { id })
      this.#assets.set(id, view)
    }
    return view
  }

  threat(threat: Threat): ThreatView {
    let view = this.#threats.get(threat.id)
    if (!view) {
      view = new ThreatView(this, threat)
      this.#threats.set(threat.id, view)
    }
    return view
  }

  mitigation(mitigation: Mitigation): MitigationView {
    let view = this.#mitigations.get(mitigation.id)
    if (!view) {
      view = new MitigationView(this, mitigation)
      this.#mitigations.set(mitigation.id, view)
    }
    return view
  }

  assetViews(ids: readonly string[] | undefined): AssetView[] {
    return (ids ?? []).filter((id) => this.index.assets.has(id)).map((id) => this.asset(id))
  }

  flowViews(flows: readonly Dataflow[] | undefined): DataflowView[] {
    return (flows ?? []).map((f) => this.flow(f.id))
  }

  threatViews(threats: readonly Threat[] | undefined): ThreatView[] {
    return (threats ?? []).map((t) => this.threat(t))
  }

  mitigationViews(mitigations: readonly Mitigation[] | undefined): MitigationView[] {
    return (mitigations ?? []).map((m) => this.mitigation(m))
  }

  severityOf(threat: Threat): string {
    let severity = this.#severities.get(threat.id)
    if (severity === undefined) {
      const likelihood = threat.likelihood ?? threat.risk?.likelihood
      const impact = threat.impact ?? threat.risk?.impact
      // An imported rating wins over stated levels, as in the risk engine (risk.md §1).
      severity = importedSeverity(threat) ?? (likelihood && impact ? qualitativeSeverity(likelihood, impact) : 'unrated')
      this.#severities.set(threat.id, severity)
    }
    return severity
  }

  threatsTargeting(id: string): ThreatView[] {
    if (!this.#threatsByTarget) {
      this.#threatsByTarget = new Map()
      for (const [target, threats] of this.index.threatsByTarget) this.#threatsByTarget.set(target, this.threatViews(threats))
    }
    return this.#threatsByTarget.get(id) ?? []
  }

  threatsBySource(actorId: string): ThreatView[] {
    if (!this.#threatsBySource) {
      this.#threatsBySource = new Map()
      for (const threat of this.index.threats.values()) {
        if (threat.source !== undefined) pushTo(this.#threatsBySource, threat.source, this.threat(threat))
      }
    }
    return this.#threatsBySource.get(actorId) ?? []
  }

  incidentsOf(threatId: string): IncidentView[] {
    if (!this.#incidentsByThreat) {
      this.#incidentsByThreat = new Map()
      for (const incident of this.all('incident') as IncidentView[]) {
        for (const threat of incident.threats) pushTo(this.#incidentsByThreat, threat.id, incident)
      }
    }
    return this.#incidentsByThreat.get(threatId) ?? []
  }

  componentsInZone(zoneId: string): ComponentView[] {
    if (!this.#componentsByZone) {
      this.#componentsByZone = new Map()
      for (const component of this.all('component') as ComponentView[]) {
        if (component.zone !== '') pushTo(this.#componentsByZone, component.zone, component)
      }
    }
    return this.#componentsByZone.get(zoneId) ?? []
  }

  holdersOf(assetId: string): { components: ComponentView[]; dataflows: DataflowView[] } {
    if (!this.#holders) {
      this.#holders = new Map()
      for (const [asset, holders] of this.index.holdersByAsset) {
        const entry = { components: [] as ComponentView[], dataflows: [] as DataflowView[] }
        for (const holder of holders) {
          if ('from' in holder) entry.dataflows.push(this.flow(holder.id))
          else entry.components.push(this.component(holder.id))
        }
        this.#holders.set(asset, entry)
      }
    }
    return this.#holders.get(assetId) ?? { components: [], dataflows: [] }
  }

  /** Whether a path of one or more flows leads from a component in an untrusted (trust 0) zone to the component. */
  reachableFromUntrusted(componentId: string): boolean {
    this.#reachable ??= this.#reachFromUntrusted(() => true)
    return this.#reachable.has(componentId)
  }

  /** Like `reachableFromUntrusted`, but only over flows without authentication. */
  unauthenticatedPathFromUntrusted(componentId: string): boolean {
    this.#reachableUnauthenticated ??= this.#reachFromUntrusted((flow) => !this.flow(flow.id).authenticated)
    return this.#reachableUnauthenticated.has(componentId)
  }

  #reachFromUntrusted(usable: (flow: Dataflow) => boolean): Set<string> {
    const edges = new Map<string, string[]>()
    for (const flow of this.index.dataflows.values()) {
      if (!usable(flow)) continue
      pushTo(edges, flow.from, flow.to)
      if (flow.bidirectional) pushTo(edges, flow.to, flow.from)
    }
    const reached = new Set<string>()
    const queue: string[] = []
    for (const id of this.index.components.keys()) if (this.index.trustOf(id) === 0) queue.push(id)
    while (queue.length > 0) {
      const next = edges.get(queue.pop()!) ?? []
      for (const id of next) {
        if (reached.has(id)) continue
        reached.add(id)
        queue.push(id)
      }
    }
    return reached
  }

  /** Whole days from a `YYYY-MM-DD` date to today (negative for future dates), or undefined when it is not a date. */
  daysSince(date: string): number | undefined {
    const day = dayNumber(date)
    return day === undefined ? undefined : this.#todayDay - day
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; calendar arithmetic only, never the clock. */
export function dayNumber(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return undefined
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return Number.isNaN(ms) ? undefined : Math.round(ms / 86_400_000)
}
