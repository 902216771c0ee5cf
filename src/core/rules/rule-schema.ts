import { z } from 'zod'
import { CalendarDate, LEVELS, SEVERITIES, STRIDE_CATEGORIES, type Severity } from '../model/schema.js'
import { issueToProblems, type SchemaContext } from '../model/zod-problems.js'
import { parseYamlDocument, type SourceMap, type TextPosition } from '../model/yaml-document.js'
import type { Problem } from '../problems.js'
import { qualitativeSeverity } from './qualitative-severity.js'
import { RULE_SUBJECTS } from './rule-graph.js'

const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/

const Prose = z.string().trim().min(1, { error: 'expected some text' }).max(20_000)
const Expression = z.string().trim().min(1, { error: 'expected a CEL expression' }).max(10_000)

const KnowledgeFixture = z.record(z.string(), z.strictObject({ name: z.string(), status: z.string() }))

/** An example model: YAML text, or the model written inline as a mapping. */
const ExampleModel = z.union([z.string().min(1), z.record(z.string(), z.unknown())], {
  error: 'expected a model: YAML text (e.g. a `|` block) or an inline mapping starting with `threatloop: 1`'
})

/** Examples a rule must satisfy: each `reject` model fires it, each `accept` model does not. */
export const RuleExamples = z.strictObject({
  /** Date the examples are evaluated on; defaults to EXAMPLE_TODAY. */
  today: CalendarDate.optional(),
  /** Knowledge-base catalogues the examples run with (id → name and status). */
  knowledge_base: z
    .strictObject({ cwe: KnowledgeFixture.optional(), capec: KnowledgeFixture.optional(), attack: KnowledgeFixture.optional() })
    .optional(),
  reject: z.array(ExampleModel).min(1, { error: 'expected at least one `reject` example model' }),
  accept: z.array(ExampleModel).min(1, { error: 'expected at least one `accept` example model' })
})

/** One rule file: metadata, the CEL condition and message, docs and examples. */
export const RuleFile = z
  .strictObject({
    id: z
      .string({ error: 'a rule needs an `id`' })
      .regex(RULE_ID, { error: 'a rule id is kebab-case: lower-case letters and digits joined by `-`, e.g. `threat-without-mitigation`' })
      .max(100),
    title: z.string().trim().min(1).max(200),
    severity: z.enum(SEVERITIES).optional(),
    likelihood: z.enum(LEVELS).optional(),
    impact: z.enum(LEVELS).optional(),
    category: z.enum(STRIDE_CATEGORIES).optional(),
    cwe: z.array(z.string().regex(/^CWE-\d+$/, { error: 'expected a CWE id such as CWE-319' })).optional(),
    tags: z.array(z.string().min(1).max(100)).optional(),
    rationale: Prose,
    remediation: Prose,
    false_positives: Prose,
    applies_to: z.enum(RULE_SUBJECTS),
    condition: Expression,
    elements: Expression.optional(),
    message: z.string().trim().min(1, { error: 'expected a message template' }).max(2_000),
    docs: Prose.optional(),
    examples: RuleExamples.optional()
  })
  .superRefine((rule, ctx) => {
    const rated = rule.likelihood !== undefined || rule.impact !== undefined
    if (rule.severity !== undefined && rated) {
      ctx.addIssue({ code: 'custom', path: ['severity'], message: 'state either `severity` or `likelihood` and `impact`, not both' })
    } else if (rule.severity === undefined && !rated) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'a rule needs `severity` (info, low, medium, high or critical) or `likelihood` and `impact`'
      })
    } else if (rated && (rule.likelihood === undefined || rule.impact === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [rule.likelihood === undefined ? 'impact' : 'likelihood'],
        message: '`likelihood` and `impact` go together; state both'
      })
    }
  })

export type RuleFile = z.infer<typeof RuleFile>
export type RuleExamples = z.infer<typeof RuleExamples>

/** Date rule examples are evaluated on unless a rule's examples state `today`. */
export const EXAMPLE_TODAY = '2026-01-15'

/**
 * What loading a rule needs once its file has passed the schema. The built-in rules are stored in
 * this form by `npm run generate` (builtin-rules.generated.ts), without their `examples` (only the
 * tests and docs/rules run or show them) and without a source map (they compile cleanly at build
 * time, so no problem of theirs can need one, except the position of `condition`).
 */
export interface PreparedRule {
  file: string
  rule: RuleFile
  severity: Severity
  /** Position of the `condition` key, for problems raised while the rule runs. */
  conditionPosition: TextPosition
}

/** A rule file that passed the schema, with its source for positions. */
export interface ParsedRule {
  file: string
  rule: RuleFile
  severity: Severity
  sourceMap: SourceMap
  text: string
}

const RULE_SCHEMA_CONTEXT: SchemaContext = {
  rootSchema: RuleFile,
  ownerAt: (root) => {
    const id = root !== null && typeof root === 'object' ? (root as Record<string, unknown>).id : undefined
    return typeof id === 'string' ? { kind: 'rule', id } : undefined
  }
}

/** Parses and validates one rule file; the problems name file, line and column. */
export function parseRuleFile(file: string, text: string): { rule: ParsedRule | undefined; problems: Problem[] } {
  const parsed = parseYamlDocument(file, text)
  if (!parsed.ok)
    return {
      rule: undefined,
      problems: parsed.problems.map((p) => ({ ...p, code: p.code.startsWith('rule/') ? p.code : `rule/${p.code}` }))
    }
  const { value, sourceMap } = parsed.document
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      rule: undefined,
      problems: [
        {
          file,
          line: 1,
          column: 1,
          path: '',
          severity: 'error',
          code: 'rule/not-a-mapping',
          message: 'a rule file holds one mapping with `id`, `title`, `applies_to`, `condition`, `message`, …'
        }
      ]
    }
  }
  const result = RuleFile.safeParse(value)
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => issueToProblems(file, issue, value, sourceMap, RULE_SCHEMA_CONTEXT))
    return { rule: undefined, problems: problems.map((p) => ({ ...p, code: `rule/${p.code}` })) }
  }
  const rule = result.data
  const severity = rule.severity ?? qualitativeSeverity(rule.likelihood!, rule.impact!)
  return { rule: { file, rule, severity, sourceMap, text }, problems: [] }
}
