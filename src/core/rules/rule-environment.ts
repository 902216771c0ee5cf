import type { Environment } from '@marcbachmann/cel-js'
import { CEL, celEnvironment, type CelFields } from '../cel/compile.js'
import { registerHelpers, SHARED_HELPERS, sharedHelper, type HelperFunction } from '../cel/helpers.js'
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
import { REVIEW_RULE_PAGES } from './review-rules.js'

/*
 * The CEL environment rules are compiled in. Every view is a registered message type with its
 * fields declared, so a typo (`element.ownr`), a wrong operand type or an unknown variable is
 * a type error when the rule loads, not a silent `false` at review time.
 */

const { string: S, bool: B, int: I, strings: STRINGS } = CEL

type Fields<T> = CelFields<T>

const MODEL_FIELDS = {
  id: S,
  title: S,
  owner: S,
  description: S,
  criticality: S,
  standards: STRINGS,
  templates: STRINGS,
  reviewed: S,
  version: S,
  tags: STRINGS,
  counts: 'Counts'
} satisfies Fields<ModelView>
const COUNTS_FIELDS = {
  zones: I,
  assets: I,
  components: I,
  dataflows: I,
  actors: I,
  threats: I,
  mitigations: I,
  assumptions: I,
  incidents: I,
  suppressions: I
} satisfies Fields<CountsView>
const ZONE_FIELDS = {
  id: S,
  title: S,
  trust: I,
  parent: S,
  tags: STRINGS,
  components: 'list<Component>',
  threats: 'list<Threat>'
} satisfies Fields<ZoneView>
const ASSET_FIELDS = {
  id: S,
  title: S,
  classification: S,
  confidentiality: S,
  integrity: S,
  availability: S,
  owner: S,
  tags: STRINGS,
  components: 'list<Component>',
  dataflows: 'list<Dataflow>',
  threats: 'list<Threat>'
} satisfies Fields<AssetView>
const COMPONENT_FIELDS = {
  id: S,
  title: S,
  type: S,
  zone: S,
  trust: I,
  owner: S,
  technologies: STRINGS,
  internetFacing: B,
  lifecycle: S,
  parent: S,
  tags: STRINGS,
  assets: 'list<Asset>',
  inbound: 'list<Dataflow>',
  outbound: 'list<Dataflow>',
  threats: 'list<Threat>'
} satisfies Fields<ComponentView>
const DATAFLOW_FIELDS = {
  id: S,
  title: S,
  source: 'Component',
  target: 'Component',
  protocol: S,
  assets: 'list<Asset>',
  authentication: S,
  authenticated: B,
  authorization: S,
  authorized: B,
  encrypted: B,
  bidirectional: B,
  crossesBoundary: B,
  tags: STRINGS,
  threats: 'list<Threat>'
} satisfies Fields<DataflowView>
const ACTOR_FIELDS = {
  id: S,
  title: S,
  capability: S,
  motivation: S,
  insider: B,
  privileged: B,
  tags: STRINGS,
  threats: 'list<Threat>'
} satisfies Fields<ActorView>
const ACCEPTANCE_FIELDS = { by: S, reason: S, expires: S, date: S } satisfies Fields<AcceptanceView>
const THREAT_FIELDS = {
  id: S,
  title: S,
  description: S,
  category: S,
  targets: STRINGS,
  source: S,
  cwe: STRINGS,
  capec: STRINGS,
  attack: STRINGS,
  likelihood: S,
  impact: S,
  severity: S,
  quantified: B,
  status: S,
  acceptance: 'Acceptance',
  mitigations: 'list<Mitigation>',
  controls: 'list<Mitigation>',
  incidents: 'list<Incident>',
  tags: STRINGS
} satisfies Fields<ThreatView>
const MITIGATION_FIELDS = {
  id: S,
  title: S,
  description: S,
  type: S,
  status: S,
  roadmap: S,
  priority: S,
  owner: S,
  verification: S,
  issue: S,
  detects: STRINGS,
  cwe: STRINGS,
  capec: STRINGS,
  attack: STRINGS,
  hasEffects: B,
  tags: STRINGS,
  threats: 'list<Threat>'
} satisfies Fields<MitigationView>
const ASSUMPTION_FIELDS = { id: S, text: S, validated: B, owner: S, expires: S } satisfies Fields<AssumptionView>
const INCIDENT_FIELDS = {
  id: S,
  date: S,
  summary: S,
  techniques: STRINGS,
  threats: 'list<Threat>',
  rootCause: S,
  status: S
} satisfies Fields<IncidentView>
const SUPPRESSION_FIELDS = { id: S, rule: S, target: S, reason: S, approvedBy: S, expires: S } satisfies Fields<SuppressionView>
const INDEX_FIELDS = {
  zones: 'list<Zone>',
  assets: 'list<Asset>',
  components: 'list<Component>',
  dataflows: 'list<Dataflow>',
  actors: 'list<Actor>',
  threats: 'list<Threat>',
  mitigations: 'list<Mitigation>',
  assumptions: 'list<Assumption>',
  incidents: 'list<Incident>',
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

/**
 * Review-level rules (computed by the review, not loaded from a rule file) are known rules; a
 * model's suppressions silence the findings of those whose page says so (code drift's finding
 * belongs to one change and is not suppressible).
 */
const REVIEW_RULE_IDS: ReadonlySet<string> = new Set(REVIEW_RULE_PAGES.map((page) => page.rule.id))
const UNSUPPRESSIBLE_RULE_IDS: ReadonlySet<string> = new Set(
  REVIEW_RULE_PAGES.filter((page) => !page.suppressible).map((page) => page.rule.id)
)

/** The rules' helper functions: the shared ones (src/core/cel/helpers.ts) and two of their own. */
const RULE_HELPERS = (knownRuleIds: ReadonlySet<string>): readonly HelperFunction<RuleGraph>[] => [
  sharedHelper('reachableFromUntrusted'),
  {
    signature: 'unauthenticatedPathFromUntrusted(string): bool',
    description: 'such a path exists using only flows without authentication',
    implement: (graph) => (id: string) => graph().unauthenticatedPathFromUntrusted(id)
  },
  ...SHARED_HELPERS.filter((h) => !h.signature.startsWith('reachableFromUntrusted(')),
  {
    signature: 'ruleExists(string): bool',
    description: 'a rule with this id is loaded (built-in or custom, enabled or not) or is a review-level rule',
    implement: () => (id: string) => knownRuleIds.has(id) || REVIEW_RULE_IDS.has(id)
  },
  {
    signature: 'ruleSuppressible(string): bool',
    description: "a rule with this id exists and a model's suppressions silence its findings (every rule but code drift)",
    implement: () => (id: string) => (knownRuleIds.has(id) || REVIEW_RULE_IDS.has(id)) && !UNSUPPRESSIBLE_RULE_IDS.has(id)
  }
]

/** Signature and one-line description of each helper function, for docs. */
export const HELPER_FUNCTIONS: readonly { signature: string; description: string }[] = RULE_HELPERS(new Set()).map(
  ({ signature, description }) => ({ signature, description })
)

function activeGraph(scope: RuleScope): RuleGraph {
  if (!scope.graph) throw new Error('helper functions are only available while rules run')
  return scope.graph
}

/** Builds one CEL environment per subject kind, sharing types, variables and helper functions. */
export function createRuleEnvironments(scope: RuleScope, knownRuleIds: ReadonlySet<string>): Record<RuleSubject, Environment> {
  const base = celEnvironment()
  for (const type of VIEW_TYPES) base.registerType(type.name, { ctor: type.ctor, fields: type.fields })
  base
    .registerVariable('model', 'Model', { description: 'the model section and element counts' })
    .registerVariable('index', 'Index', { description: 'every element of the model, by kind' })
    .registerVariable('context', 'RunContext', { description: 'today, platform and settings of this run' })
  registerHelpers(base, RULE_HELPERS(knownRuleIds), () => activeGraph(scope))
  const environments = {} as Record<RuleSubject, Environment>
  for (const subject of RULE_SUBJECTS) {
    environments[subject] = base.clone().registerVariable('element', SUBJECT_TYPE[subject], { description: `the ${subject} under test` })
  }
  return environments
}
