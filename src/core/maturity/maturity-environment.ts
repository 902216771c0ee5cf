import type { Environment } from '@marcbachmann/cel-js'
import { CEL, celEnvironment, type CelFields } from '../cel/compile.js'
import { registerHelpers, SHARED_HELPERS, type HelperFunction } from '../cel/helpers.js'
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

const { string: S, bool: B, int: I, strings: STRINGS } = CEL

type Fields<T> = CelFields<T>
type OwnFields<T, Base> = Record<Exclude<keyof T, keyof Base | symbol>, string>

const MODEL_EXTRA = {
  businessDescription: S,
  objectives: STRINGS,
  useCases: STRINGS,
  related: STRINGS,
  intelligenceSources: STRINGS,
  currency: S
} satisfies OwnFields<MaturityModelView, ModelView>
const THREAT_EXTRA = {
  prerequisites: S,
  action: S,
  businessImpact: S,
  objectives: STRINGS,
  standards: STRINGS,
  links: STRINGS,
  origin: S,
  statusStated: B,
  decided: B,
  rated: B,
  residualSeverity: S,
  high: B
} satisfies OwnFields<MaturityThreatView, ThreatView>
const MITIGATION_EXTRA = {
  standards: STRINGS,
  links: STRINGS,
  statusStated: B,
  quantifiedEffects: B,
  costed: B
} satisfies OwnFields<MaturityMitigationView, MitigationView>

const TRACKER_FIELDS = { enabled: B, linkedMitigations: STRINGS } satisfies Fields<TrackerSyncView>
const RULE_COUNT_FIELDS = { builtin: I, custom: I } satisfies Fields<RuleCountsView>
const RUN_FIELDS = {
  inCi: B,
  commentPosted: B,
  summaryWritten: B,
  jsonReportWritten: B,
  sarifWritten: B,
  codeQualityWritten: B,
  trackerListed: B,
  trackerDrift: I
} satisfies Fields<RunView>
const KB_STATE_FIELDS = { cwe: B, capec: B, attack: B, ageDays: I, organisation: B } satisfies Fields<KnowledgeBaseStateView>
const TEMPLATE_FIELDS = { resolved: STRINGS, used: STRINGS } satisfies Fields<TemplatesView>
// `observable` is read by the engine (`needs`), not by checks.
const CONTEXT_FIELDS = {
  today: S,
  platform: S,
  event: S,
  run: 'Run',
  trackerSync: 'TrackerSync',
  rules: 'RuleCounts',
  knowledgeBase: 'KnowledgeBaseState',
  modelErrors: I,
  templates: 'Templates'
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

/** The checks' helper functions: two of their own and the ones rules share (src/core/cel/helpers.ts). */
const HELPERS: readonly HelperFunction<MaturityGraph>[] = [
  {
    signature: 'percent(int, int): int',
    description: 'part × 100 / whole, rounded down; 0 when the whole is 0',
    implement: () => (part: bigint, whole: bigint) => (whole === 0n ? 0n : (part * 100n) / whole)
  },
  {
    signature: 'unguardedPathsToRestricted(): list<string>',
    description: '`component/asset` pairs holding restricted data that an untrusted zone reaches without crossing a mitigated threat',
    implement: (graph) => () => graph().unguardedPathsToRestricted()
  },
  ...SHARED_HELPERS
]

/** Helper functions available to checks, with a one-line description each (for docs). */
export const MATURITY_HELPERS: readonly { signature: string; description: string }[] = HELPERS.map(({ signature, description }) => ({
  signature,
  description
}))

function activeGraph(scope: MaturityScope): MaturityGraph {
  if (!scope.graph) throw new Error('helper functions are only available while maturity checks run')
  return scope.graph
}

/** Builds the environment maturity checks are compiled in; helper functions read `scope.graph`. */
export function createMaturityEnvironment(scope: MaturityScope): Environment {
  const env = celEnvironment()
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
    .registerVariable('context', 'MaturityContext', {
      description: 'what the run observed (run), and what the configuration loaded: tracker sync, rules, knowledge base, templates'
    })
    .registerVariable('threshold', 'int', { description: "the check's threshold, after any configured override (0 when it has none)" })
  registerHelpers(env, HELPERS, () => activeGraph(scope))
  return env
}
