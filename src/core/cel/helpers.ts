// The helper functions rules and maturity checks share: one implementation and one description
// each, registered in both CEL environments (they had drifted as two copies).
import type { Environment } from '@marcbachmann/cel-js'
import { CLASSIFICATIONS } from '../model/schema.js'
import { knowledgeName, knowledgeStatus } from '../kb/knowledge-base.js'
import { levelRank, severityRank } from '../rules/qualitative-severity.js'
import type { RuleGraph } from '../rules/rule-graph.js'

/** A helper function: its CEL signature, a one-line description for docs, and its implementation. */
export interface HelperFunction<G> {
  signature: string
  description: string
  /** The implementation, given the graph of the model being evaluated (an error outside a run). */
  implement: (graph: () => G) => (...args: never[]) => unknown
}

const knows = (g: RuleGraph, kind: string, id: string): boolean =>
  g.knowledgeBase !== undefined && !['unknown', 'unknown-kb'].includes(knowledgeStatus(g.knowledgeBase, kind, id))

/** Helpers answered from the rule graph (maturity graphs extend it), in documentation order. */
export const SHARED_HELPERS: readonly HelperFunction<RuleGraph>[] = [
  {
    signature: 'reachableFromUntrusted(string): bool',
    description: 'a path of flows leads from a component in a trust-0 zone to the component with this id',
    implement: (graph) => (id: string) => graph().reachableFromUntrusted(id)
  },
  {
    signature: 'daysSince(string): int',
    description: 'whole days from a YYYY-MM-DD date to context.today (negative for future dates); an error for anything else',
    implement: (graph) => (date: string) => {
      const days = graph().daysSince(date)
      if (days === undefined) throw new Error(`daysSince expects a date written YYYY-MM-DD, got "${date}"`)
      return BigInt(days)
    }
  },
  {
    signature: 'classificationRank(string): int',
    description: 'public 0, internal 1, confidential 2, restricted 3, anything else -1',
    implement: () => (c: string) => BigInt((CLASSIFICATIONS as readonly string[]).indexOf(c))
  },
  {
    signature: 'severityRank(string): int',
    description: 'info 0 … critical 4, anything else (unrated) -1',
    implement: () => (s: string) => BigInt(severityRank(s))
  },
  {
    signature: 'levelRank(string): int',
    description: 'very-low 0 … very-high 4, anything else -1',
    implement: () => (l: string) => BigInt(levelRank(l))
  },
  {
    signature: 'kbStatus(string, string): string',
    description:
      'status of an id in the cwe/capec/attack catalogue: its status, "unknown", or "unknown-kb" when that catalogue is not loaded',
    implement: (graph) => (kind: string, id: string) => knowledgeStatus(graph().knowledgeBase, kind, id)
  },
  {
    signature: 'kbKnows(string, string): bool',
    description: 'the catalogue is loaded and holds the id',
    implement: (graph) => (kind: string, id: string) => knows(graph(), kind, id)
  },
  {
    signature: 'kbName(string, string): string',
    description: 'the catalogue name of an id, "" when unknown',
    implement: (graph) => (kind: string, id: string) => knowledgeName(graph().knowledgeBase, kind, id)
  }
]

/** The shared helper with this name (for environments that list their helpers in their own order). */
export function sharedHelper(name: string): HelperFunction<RuleGraph> {
  const helper = SHARED_HELPERS.find((h) => h.signature.startsWith(`${name}(`))
  if (!helper) throw new Error(`no shared helper ${name}`)
  return helper
}

/** Registers helper functions in an environment, each reading the graph through `graph`. */
export function registerHelpers<G>(env: Environment, helpers: readonly HelperFunction<G>[], graph: () => G): Environment {
  for (const helper of helpers) env.registerFunction(helper.signature, helper.implement(graph), { description: helper.description })
  return env
}
