import { z } from 'zod'
import { issueToProblems, type SchemaContext } from '../model/zod-problems.js'
import { parseYamlDocument, type SourceMap } from '../model/yaml-document.js'
import type { Problem } from '../problems.js'

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/
const THRESHOLD_PLACEHOLDER = '{threshold}'

/** How a measure is shown: `now 55 %`, `now 200 days`, `now 3`. */
export const MEASURE_UNITS = ['percent', 'days', 'count'] as const
export type MeasureUnit = (typeof MEASURE_UNITS)[number]

const Expression = z.string().trim().min(1, { error: 'expected a CEL expression' }).max(10_000)
const KebabId = z.string().regex(KEBAB, { error: 'expected a kebab-case id: lower-case letters and digits joined by `-`' }).max(100)

/** A tunable number a check compares its measure with; organisations override it by name. */
export const CheckThreshold = z.strictObject({
  name: KebabId,
  default: z.number().int().min(0),
  /** Without a `condition`: `at-least` passes when measure ≥ threshold (default), `at-most` when measure ≤ threshold; a negative measure fails. */
  direction: z.enum(['at-least', 'at-most']).optional()
})

/** One maturity check: a one-line explanation and CEL over the model graph and the run context. */
export const MaturityCheck = z
  .strictObject({
    id: KebabId,
    explanation: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine((text) => !/[\r\n]/.test(text), { error: 'an explanation is one line' }),
    condition: Expression.optional(),
    measure: Expression.optional(),
    unit: z.enum(MEASURE_UNITS).optional(),
    threshold: CheckThreshold.optional(),
    offenders: Expression.optional()
  })
  .superRefine((check, ctx) => {
    if (check.condition === undefined && (check.measure === undefined || check.threshold === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['condition'], message: 'a check needs a `condition`, or a `measure` with a `threshold` it must reach' })
    }
    if (check.measure !== undefined && check.unit === undefined) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: 'a `measure` needs a `unit` (percent, days or count) so the report can say "now 55 %"' })
    }
    if (check.unit !== undefined && check.measure === undefined) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: '`unit` only goes with a `measure`' })
    }
    const placeholder = check.explanation.includes(THRESHOLD_PLACEHOLDER)
    if (check.threshold !== undefined && !placeholder) {
      ctx.addIssue({ code: 'custom', path: ['explanation'], message: `a check with a threshold names it in its explanation as ${THRESHOLD_PLACEHOLDER}, so tuned values show up in the report` })
    } else if (check.threshold === undefined && placeholder) {
      ctx.addIssue({ code: 'custom', path: ['explanation'], message: `${THRESHOLD_PLACEHOLDER} needs a \`threshold\` on the check` })
    }
    if (check.unit === 'percent' && check.threshold !== undefined && check.threshold.default > 100) {
      ctx.addIssue({ code: 'custom', path: ['threshold', 'default'], message: 'a percentage threshold is at most 100' })
    }
  })

const Checks = z.array(MaturityCheck)

/** One category file: id, title, the checks of levels 1–4, and when the tool can assess it at all. */
export const MaturityCategoryFile = z
  .strictObject({
    id: KebabId,
    title: z.string().trim().min(1).max(200),
    /** CEL: whether the tool can observe this category's evidence; without it the category is always assessed. */
    assessed_when: Expression.optional(),
    /** Why the category is not assessed when `assessed_when` is false. */
    not_assessed: z.string().trim().min(1).max(300).optional(),
    levels: z.strictObject({ 1: Checks, 2: Checks, 3: Checks, 4: Checks })
  })
  .superRefine((file, ctx) => {
    if ((file.assessed_when === undefined) !== (file.not_assessed === undefined)) {
      ctx.addIssue({ code: 'custom', path: [file.assessed_when === undefined ? 'not_assessed' : 'assessed_when'], message: '`assessed_when` and `not_assessed` go together' })
    }
    if (file.levels[1].length === 0) ctx.addIssue({ code: 'custom', path: ['levels', '1'], message: 'level 1 needs at least one check' })
    let undefinedFrom: number | undefined
    const seen = new Set<string>()
    for (const level of MATURITY_LEVELS) {
      const checks = file.levels[level]
      if (checks.length === 0) undefinedFrom ??= level
      else if (undefinedFrom !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['levels', String(level)], message: `level ${level} can never be reached: level ${undefinedFrom} has no checks, which ends the category there` })
      }
      checks.forEach((check, i) => {
        if (seen.has(check.id)) ctx.addIssue({ code: 'custom', path: ['levels', String(level), i, 'id'], message: `check id \`${check.id}\` is used twice in category ${file.id}` })
        seen.add(check.id)
      })
    }
  })

export const MATURITY_LEVELS = [1, 2, 3, 4] as const
export type MaturityCheck = z.infer<typeof MaturityCheck>
export type MaturityCategoryFile = z.infer<typeof MaturityCategoryFile>

/** A category file that passed the schema, with its source for positions. */
export interface ParsedCategoryFile {
  file: string
  category: MaturityCategoryFile
  sourceMap: SourceMap
}

const SCHEMA_CONTEXT: SchemaContext = {
  rootSchema: MaturityCategoryFile,
  ownerAt: (root) => {
    const id = root !== null && typeof root === 'object' ? (root as Record<string, unknown>).id : undefined
    return typeof id === 'string' ? { kind: 'maturity category', id } : undefined
  }
}

/** Parses and validates one maturity category file; problems name file, line and column. */
export function parseMaturityCategoryFile(file: string, text: string): { category: ParsedCategoryFile | undefined; problems: Problem[] } {
  const prefix = (p: Problem): Problem => ({ ...p, code: p.code.startsWith('maturity/') ? p.code : `maturity/${p.code}` })
  const parsed = parseYamlDocument(file, text)
  if (!parsed.ok) return { category: undefined, problems: parsed.problems.map(prefix) }
  const { value, sourceMap } = parsed.document
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const message = 'a maturity category file holds one mapping with `id`, `title` and `levels` (1–4, each a list of checks)'
    return { category: undefined, problems: [{ file, line: 1, column: 1, path: '', severity: 'error', code: 'maturity/not-a-mapping', message }] }
  }
  const result = MaturityCategoryFile.safeParse(value)
  if (!result.success) {
    return { category: undefined, problems: result.error.issues.flatMap((issue) => issueToProblems(file, issue, value, sourceMap, SCHEMA_CONTEXT)).map(prefix) }
  }
  return { category: { file, category: result.data, sourceMap }, problems: [] }
}

/** The explanation with its threshold filled in. */
export function explainCheck(check: MaturityCheck, threshold: number | undefined): string {
  return threshold === undefined ? check.explanation : check.explanation.split(THRESHOLD_PLACEHOLDER).join(String(threshold))
}
