import { Environment } from '@marcbachmann/cel-js'
import { CLASSIFICATIONS } from '../model/schema.js'
import { knowledgeName, knowledgeStatus } from '../rules/knowledge-base.js'
import { levelRank, severityRank } from '../rules/qualitative-severity.js'
import { VIEW_TYPES } from '../rules/rule-environment.js'
import type { MitigationView, ModelView, ThreatView } from '../rules/rule-graph.js'
import { KnowledgeBaseStateView, MaturityContextView, RuleCountsView, RunView, TemplatesView, TrackerSyncView } from './maturity-context.js'
import { type MaturityGraph, MaturityMitigationView, MaturityModelView, MaturityThreatView } from './maturity-graph.js'

/*
 * The CEL environment maturity checks compile in: the rule views (with the maturity extensions
 * registered under the same type names), the maturity run context, and the rules' helper
 * functions plus two of our own. Everything is declared, so a typo in a check file is a type
 * error when the checks load.
 */

const S = 'string'
const B = 'bool'
const I = 'int'
const STRINGS = 'list<string>'

type Fields<T> = Record<Exclude<keyof T, symbol>, string>
type OwnFields<T, Base> = Record<Exclude<keyof T, keyof Base | symbol>, string>

const MODEL_EXTRA = {
  businessDescription: S, objectives: STRINGS, useCases: STRINGS, related: STRINGS, intelligenceSources: STRINGS, currency: S
} satisfies OwnFields<MaturityModelView, ModelView>
const THREAT_EXTRA = {
  prerequisites: S, action: S, businessImpact: S, objectives: STRINGS, standards: STRINGS, links: STRINGS, origin: S,
  statusStated: B, decided: B, rated: B, residualSeverity: S, high: B
} satisfies OwnFields<MaturityThreatView, ThreatView>
const MITIGATION_EXTRA = {
  standards: STRINGS, links: STRINGS, statusStated: B, quantifiedEffects: B, costed: B
} satisfies OwnFields<MaturityMitigationView, MitigationView>

const TRACKER_FIELDS = { enabled: B, linkedMitigations: STRINGS } satisfies Fields<TrackerSyncView>
const RULE_COUNT_FIELDS = { builtin: I, custom: I } satisfies Fields<RuleCountsView>
const RUN_FIELDS = {
  inCi: B, commentPosted: B, summaryWritten: B, jsonReportWritten: B, sarifWritten: B, codeQualityWritten: B, trackerListed: B, trackerDrift: I
} satisfies Fields<RunView>
const KB_STATE_FIELDS = { cwe: B, capec: B, attack: B, ageDays: I, organisation: B } satisfies Fields<KnowledgeBaseStateView>
const TEMPLATE_FIELDS = { resolved: STRINGS, used: STRINGS } satisfies Fields<TemplatesView>
// `observable` is read by the engine (`needs`), not by checks.
const CONTEXT_FIELDS = {
  today: S, platform: S, event: S, run: 'Run', trackerSync: 'TrackerSync', rules: 'RuleCounts', knowledgeBase: 'KnowledgeBaseState', modelErrors: I, templates: 'Templates'
} satisfies Omit<Fields<MaturityContextView>, 'observable'>

/** Replacements of rule view types by their maturity extensions. */
const EXTENDED: Record<string, { ctor: new (...args: never[]) => object; extra: Record<string, string> }> = {
  Model: { ctor: MaturityModelView, extra: MODEL_EXTRA },
  Threat: { ctor: MaturityThreatView, extra: THREAT_EXTRA },
  Mitigation: { ctor: MaturityMitigationView, extra: MITIGATION_EXTRA }
}

/** The graph the helper functions answer about; set while one model is assessed. */
export interface MaturityScope {
  graph: MaturityGraph | undefined
}

/** Helper functions available to checks, with a one-line description each (for docs). */
export const MATURITY_HELPERS: readonly { signature: string; description: string }[] = [
  { signature: 'percent(int, int): int', description: 'part × 100 / whole, rounded down; 0 when the whole is 0' },
  { signature: 'unguardedPathsToRestricted(): list<string>', description: '`component/asset` pairs holding restricted data that an untrusted zone reaches without crossing a mitigated threat' },
  { signature: 'reachableFromUntrusted(string): bool', description: 'a path of flows leads from a component in a trust-0 zone to the component with this id' },
  { signature: 'daysSince(string): int', description: 'whole days from a YYYY-MM-DD date to today (negative for future dates); an error for anything else' },
  { signature: 'classificationRank(string): int', description: 'public 0, internal 1, confidential 2, restricted 3, anything else -1' },
  { signature: 'severityRank(string): int', description: 'info 0 … critical 4, anything else (unrated) -1' },
  { signature: 'levelRank(string): int', description: 'very-low 0 … very-high 4, anything else -1' },
  { signature: 'kbStatus(string, string): string', description: 'status of an id in the cwe/capec/attack catalogue: its status, "unknown", or "unknown-kb" when not loaded' },
  { signature: 'kbKnows(string, string): bool', description: 'the catalogue is loaded and holds the id' },
  { signature: 'kbName(string, string): string', description: 'the catalogue name of an id, "" when unknown' }
]

function activeGraph(scope: MaturityScope): MaturityGraph {
  if (!scope.graph) throw new Error('helper functions are only available while maturity checks run')
  return scope.graph
}

/** Builds the environment maturity checks are compiled in; helper functions read `scope.graph`. */
export function createMaturityEnvironment(scope: MaturityScope): Environment {
  const env = new Environment({ limits: { maxAstNodes: 5000, maxDepth: 64 } })
  for (const type of VIEW_TYPES) {
    // The rules' run context is replaced by the maturity context below.
    if (type.name === 'RunContext') continue
    const extended = EXTENDED[type.name]
    const fields: Record<string, string> = extended ? { ...type.fields, ...extended.extra } : type.fields
    env.registerType(type.name, { ctor: extended ? extended.ctor : type.ctor, fields })
  }
  env
    .registerType('TrackerSync', { ctor: TrackerSyncView, fields: TRACKER_FIELDS })
    .registerType('RuleCounts', { ctor: RuleCountsView, fields: RULE_COUNT_FIELDS })
    .registerType('Run', { ctor: RunView, fields: RUN_FIELDS })
    .registerType('Templates', { ctor: TemplatesView, fields: TEMPLATE_FIELDS })
    .registerType('KnowledgeBaseState', { ctor: KnowledgeBaseStateView, fields: KB_STATE_FIELDS })
    .registerType('MaturityContext', { ctor: MaturityContextView, fields: CONTEXT_FIELDS })
    .registerVariable('model', 'Model', { description: 'the model section, its business context and element counts' })
    .registerVariable('index', 'Index', { description: 'every element of the model, by kind' })
    .registerVariable('context', 'MaturityContext', { description: 'what the run observed (run), and what the configuration loaded: tracker sync, rules, knowledge base, templates' })
    .registerVariable('threshold', 'int', { description: "the check's threshold, after any configured override (0 when it has none)" })
  const handlers: Record<string, (...args: never[]) => unknown> = {
    percent: (part: bigint, whole: bigint) => (whole === 0n ? 0n : (part * 100n) / whole),
    unguardedPathsToRestricted: () => activeGraph(scope).unguardedPathsToRestricted(),
    reachableFromUntrusted: (id: string) => activeGraph(scope).reachableFromUntrusted(id),
    daysSince: (date: string) => {
      const days = activeGraph(scope).daysSince(date)
      if (days === undefined) throw new Error(`daysSince expects a date written YYYY-MM-DD, got "${date}"`)
      return BigInt(days)
    },
    classificationRank: (c: string) => BigInt((CLASSIFICATIONS as readonly string[]).indexOf(c)),
    severityRank: (s: string) => BigInt(severityRank(s)),
    levelRank: (l: string) => BigInt(levelRank(l)),
    kbStatus: (kind: string, id: string) => knowledgeStatus(activeGraph(scope).knowledgeBase, kind, id),
    kbKnows: (kind: string, id: string) => !['unknown', 'unknown-kb'].includes(knowledgeStatus(activeGraph(scope).knowledgeBase, kind, id)),
    kbName: (kind: string, id: string) => knowledgeName(activeGraph(scope).knowledgeBase, kind, id)
  }
  for (const helper of MATURITY_HELPERS) {
    const name = helper.signature.slice(0, helper.signature.indexOf('('))
    env.registerFunction(helper.signature, handlers[name], { description: helper.description })
  }
  return env
}
