import { Environment } from '@marcbachmann/cel-js'
import { CLASSIFICATIONS } from '../model/schema.js'
import { knowledgeName, knowledgeStatus } from './knowledge-base.js'
import { levelRank, severityRank } from './qualitative-severity.js'
import {
  AcceptanceView,
  ActorView,
  AssetView,
  AssumptionView,
  ComponentView,
  CountsView,
  DataflowView,
  IncidentView,
  IndexView,
  KnowledgeFlagsView,
  MitigationView,
  ModelView,
  RunContextView,
  SuppressionView,
  ThreatView,
  ZoneView,
  RULE_SUBJECTS,
  type RuleGraph,
  type RuleSubject
} from './rule-graph.js'

/*
 * The CEL environment rules are compiled in. Every view is a registered message type with its
 * fields declared, so a typo (`element.ownr`), a wrong operand type or an unknown variable is
 * a type error when the rule loads, not a silent `false` at review time.
 */

const S = 'string'
const B = 'bool'
const I = 'int'
const STRINGS = 'list<string>'

type Fields<T> = Record<Exclude<keyof T, symbol>, string>

const MODEL_FIELDS = {
  id: S, title: S, owner: S, description: S, criticality: S, standards: STRINGS, templates: STRINGS, reviewed: S, version: S, tags: STRINGS, counts: 'Counts'
} satisfies Fields<ModelView>
const COUNTS_FIELDS = {
  zones: I, assets: I, components: I, dataflows: I, actors: I, threats: I, mitigations: I, assumptions: I, incidents: I, suppressions: I
} satisfies Fields<CountsView>
const ZONE_FIELDS = {
  id: S, title: S, trust: I, parent: S, tags: STRINGS, components: 'list<Component>', threats: 'list<Threat>'
} satisfies Fields<ZoneView>
const ASSET_FIELDS = {
  id: S, title: S, classification: S, confidentiality: S, integrity: S, availability: S, owner: S, tags: STRINGS,
  components: 'list<Component>', dataflows: 'list<Dataflow>', threats: 'list<Threat>'
} satisfies Fields<AssetView>
const COMPONENT_FIELDS = {
  id: S, title: S, type: S, zone: S, trust: I, owner: S, technologies: STRINGS, internetFacing: B, lifecycle: S, parent: S, tags: STRINGS,
  assets: 'list<Asset>', inbound: 'list<Dataflow>', outbound: 'list<Dataflow>', threats: 'list<Threat>'
} satisfies Fields<ComponentView>
const DATAFLOW_FIELDS = {
  id: S, title: S, source: 'Component', target: 'Component', protocol: S, assets: 'list<Asset>', authentication: S, authenticated: B,
  authorization: S, authorized: B, encrypted: B, bidirectional: B, crossesBoundary: B, tags: STRINGS, threats: 'list<Threat>'
} satisfies Fields<DataflowView>
const ACTOR_FIELDS = {
  id: S, title: S, capability: S, motivation: S, insider: B, privileged: B, tags: STRINGS, threats: 'list<Threat>'
} satisfies Fields<ActorView>
const ACCEPTANCE_FIELDS = { by: S, reason: S, expires: S, date: S } satisfies Fields<AcceptanceView>
const THREAT_FIELDS = {
  id: S, title: S, description: S, category: S, targets: STRINGS, source: S, cwe: STRINGS, capec: STRINGS, attack: STRINGS,
  likelihood: S, impact: S, severity: S, quantified: B, status: S, acceptance: 'Acceptance', mitigations: 'list<Mitigation>',
  controls: 'list<Mitigation>', incidents: 'list<Incident>', tags: STRINGS
} satisfies Fields<ThreatView>
const MITIGATION_FIELDS = {
  id: S, title: S, description: S, type: S, status: S, roadmap: S, priority: S, owner: S, verification: S, issue: S, detects: STRINGS,
  cwe: STRINGS, capec: STRINGS, attack: STRINGS, hasEffects: B, tags: STRINGS, threats: 'list<Threat>'
} satisfies Fields<MitigationView>
const ASSUMPTION_FIELDS = { id: S, text: S, validated: B, owner: S, expires: S } satisfies Fields<AssumptionView>
const INCIDENT_FIELDS = {
  id: S, date: S, summary: S, techniques: STRINGS, threats: 'list<Threat>', rootCause: S, status: S
} satisfies Fields<IncidentView>
const SUPPRESSION_FIELDS = { id: S, rule: S, target: S, reason: S, approvedBy: S, expires: S } satisfies Fields<SuppressionView>
const INDEX_FIELDS = {
  zones: 'list<Zone>', assets: 'list<Asset>', components: 'list<Component>', dataflows: 'list<Dataflow>', actors: 'list<Actor>',
  threats: 'list<Threat>', mitigations: 'list<Mitigation>', assumptions: 'list<Assumption>', incidents: 'list<Incident>',
  suppressions: 'list<Suppression>'
} satisfies Fields<IndexView>
const KB_FLAG_FIELDS = { cwe: B, capec: B, attack: B } satisfies Fields<KnowledgeFlagsView>
const CONTEXT_FIELDS = { today: S, platform: S, staleAfterDays: I, kb: 'KnowledgeFlags' } satisfies Fields<RunContextView>

/** CEL type name, view class and declared fields of every view, for registration and docs. */
export const VIEW_TYPES = [
  { name: 'Model', ctor: ModelView, fields: MODEL_FIELDS },
  { name: 'Counts', ctor: CountsView, fields: COUNTS_FIELDS },
  { name: 'Zone', ctor: ZoneView, fields: ZONE_FIELDS },
  { name: 'Asset', ctor: AssetView, fields: ASSET_FIELDS },
  { name: 'Component', ctor: ComponentView, fields: COMPONENT_FIELDS },
  { name: 'Dataflow', ctor: DataflowView, fields: DATAFLOW_FIELDS },
  { name: 'Actor', ctor: ActorView, fields: ACTOR_FIELDS },
  { name: 'Acceptance', ctor: AcceptanceView, fields: ACCEPTANCE_FIELDS },
  { name: 'Threat', ctor: ThreatView, fields: THREAT_FIELDS },
  { name: 'Mitigation', ctor: MitigationView, fields: MITIGATION_FIELDS },
  { name: 'Assumption', ctor: AssumptionView, fields: ASSUMPTION_FIELDS },
  { name: 'Incident', ctor: IncidentView, fields: INCIDENT_FIELDS },
  { name: 'Suppression', ctor: SuppressionView, fields: SUPPRESSION_FIELDS },
  { name: 'Index', ctor: IndexView, fields: INDEX_FIELDS },
  { name: 'KnowledgeFlags', ctor: KnowledgeFlagsView, fields: KB_FLAG_FIELDS },
  { name: 'RunContext', ctor: RunContextView, fields: CONTEXT_FIELDS }
] as const

/** CEL type of `element` for each subject kind. */
export const SUBJECT_TYPE: Record<RuleSubject, string> = {
  model: 'Model',
  zone: 'Zone',
  asset: 'Asset',
  component: 'Component',
  dataflow: 'Dataflow',
  actor: 'Actor',
  threat: 'Threat',
  mitigation: 'Mitigation',
  assumption: 'Assumption',
  incident: 'Incident',
  suppression: 'Suppression'
}

/** The graph the helper functions answer about; set by the rule runner for the duration of one run. */
export interface RuleScope {
  graph: RuleGraph | undefined
}

/** Signature and one-line description of each helper function, for docs. */
export const HELPER_FUNCTIONS: readonly { signature: string; description: string }[] = [
  { signature: 'reachableFromUntrusted(string): bool', description: 'a path of flows leads from a component in a trust-0 zone to the component with this id' },
  { signature: 'unauthenticatedPathFromUntrusted(string): bool', description: 'such a path exists using only flows without authentication' },
  { signature: 'daysSince(string): int', description: 'whole days from a YYYY-MM-DD date to context.today (negative for future dates); an error for anything else' },
  { signature: 'classificationRank(string): int', description: 'public 0, internal 1, confidential 2, restricted 3, anything else -1' },
  { signature: 'severityRank(string): int', description: 'info 0 … critical 4, anything else (unrated) -1' },
  { signature: 'levelRank(string): int', description: 'very-low 0 … very-high 4, anything else -1' },
  { signature: 'kbStatus(string, string): string', description: 'status of an id in the cwe/capec/attack catalogue: its status, "unknown", or "unknown-kb" when that catalogue is not loaded' },
  { signature: 'kbKnows(string, string): bool', description: 'the catalogue is loaded and holds the id' },
  { signature: 'kbName(string, string): string', description: 'the catalogue name of an id, "" when unknown' },
  { signature: 'ruleExists(string): bool', description: 'a rule with this id is loaded (built-in or custom, enabled or not)' }
]

function activeGraph(scope: RuleScope): RuleGraph {
  if (!scope.graph) throw new Error('helper functions are only available while rules run')
  return scope.graph
}

/** Builds one CEL environment per subject kind, sharing types, variables and helper functions. */
export function createRuleEnvironments(scope: RuleScope, knownRuleIds: ReadonlySet<string>): Record<RuleSubject, Environment> {
  const base = new Environment({ limits: { maxAstNodes: 5000, maxDepth: 64 } })
  for (const type of VIEW_TYPES) base.registerType(type.name, { ctor: type.ctor, fields: type.fields })
  base
    .registerVariable('model', 'Model', { description: 'the model section and element counts' })
    .registerVariable('index', 'Index', { description: 'every element of the model, by kind' })
    .registerVariable('context', 'RunContext', { description: 'today, platform and settings of this run' })
  const days = (date: string): bigint => {
    const value = activeGraph(scope).daysSince(date)
    if (value === undefined) throw new Error(`daysSince expects a date written YYYY-MM-DD, got "${date}"`)
    return BigInt(value)
  }
  const handlers: Record<string, (...args: string[]) => unknown> = {
    reachableFromUntrusted: (id) => activeGraph(scope).reachableFromUntrusted(id),
    unauthenticatedPathFromUntrusted: (id) => activeGraph(scope).unauthenticatedPathFromUntrusted(id),
    daysSince: days,
    classificationRank: (c) => BigInt((CLASSIFICATIONS as readonly string[]).indexOf(c)),
    severityRank: (s) => BigInt(severityRank(s)),
    levelRank: (l) => BigInt(levelRank(l)),
    kbStatus: (kind, id) => knowledgeStatus(activeGraph(scope).knowledgeBase, kind, id),
    kbKnows: (kind, id) => activeGraph(scope).knowledgeBase !== undefined && !['unknown', 'unknown-kb'].includes(knowledgeStatus(activeGraph(scope).knowledgeBase, kind, id)),
    kbName: (kind, id) => knowledgeName(activeGraph(scope).knowledgeBase, kind, id),
    ruleExists: (id) => knownRuleIds.has(id)
  }
  for (const fn of HELPER_FUNCTIONS) {
    const name = fn.signature.slice(0, fn.signature.indexOf('('))
    base.registerFunction(fn.signature, handlers[name], { description: fn.description })
  }
  const environments = {} as Record<RuleSubject, Environment>
  for (const subject of RULE_SUBJECTS) {
    environments[subject] = base.clone().registerVariable('element', SUBJECT_TYPE[subject], { description: `the ${subject} under test` })
  }
  return environments
}
