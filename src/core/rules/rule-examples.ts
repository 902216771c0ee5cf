import { dump } from 'js-yaml'
import { loadModel } from '../model/load.js'
import { formatProblem } from '../problems.js'
import type { KnowledgeBase, KnowledgeEntry } from '../kb/knowledge-base.js'
import { EXAMPLE_TODAY, type RuleExamples } from './rule-schema.js'
import type { CompiledRule, RuleSet } from './rule-set.js'
import { runRules } from './run-rules.js'

/** One example that did not behave: which, and why. */
export interface ExampleFailure {
  ruleId: string
  file: string
  example: string
  reason: string
}

/**
 * Runs a rule's own examples with the whole rule set: every `reject` model must produce an
 * active finding of the rule, every `accept` model none. Rules without examples fail. The embedded
 * built-in rules carry no examples (their files do): pass the definition parsed from the file.
 */
export function checkRuleExamples(rule: CompiledRule, ruleSet: RuleSet): ExampleFailure[] {
  const examples = rule.definition.examples
  const fail = (example: string, reason: string): ExampleFailure => ({ ruleId: rule.id, file: rule.file, example, reason })
  if (!examples) return [fail('examples', 'the rule has no `examples` (at least one `reject` and one `accept` model)')]
  const failures: ExampleFailure[] = []
  const knowledgeBase = exampleKnowledgeBase(examples)
  const today = examples.today ?? EXAMPLE_TODAY
  for (const expectation of ['reject', 'accept'] as const) {
    examples[expectation].forEach((model, i) => {
      const name = `examples.${expectation}[${i}]`
      const text = typeof model === 'string' ? model : dump(model)
      const loaded = loadModel({ path: `${rule.file}#${name}`, content: text })
      if (!loaded.model) {
        failures.push(fail(name, `the example model is invalid:\n${loaded.problems.map(formatProblem).join('\n')}`))
        return
      }
      const result = runRules(loaded.model, ruleSet, { today, knowledgeBase, platform: 'cli' })
      if (result.problems.length > 0) failures.push(fail(name, result.problems.map(formatProblem).join('\n')))
      const fired = result.findings.filter((f) => f.ruleId === rule.id && !f.suppressed)
      if (expectation === 'reject' && fired.length === 0) failures.push(fail(name, 'the rule did not fire on this reject example'))
      if (expectation === 'accept' && fired.length > 0)
        failures.push(fail(name, `the rule fired on this accept example: ${fired.map((f) => f.message).join('; ')}`))
    })
  }
  return failures
}

function exampleKnowledgeBase(examples: RuleExamples): KnowledgeBase | undefined {
  const fixture = examples.knowledge_base
  if (!fixture) return undefined
  const toMap = (entries: Record<string, KnowledgeEntry> | undefined): Map<string, KnowledgeEntry> | undefined =>
    entries === undefined ? undefined : new Map(Object.entries(entries))
  return { cwe: toMap(fixture.cwe), capec: toMap(fixture.capec), attack: toMap(fixture.attack) }
}
