import { z } from 'zod'
import { issueToProblems, type SchemaContext } from '../model/zod-problems.js'
import { parseYamlDocument, type SourceMap, type TextPosition } from '../model/yaml-document.js'
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

/** Where a check's evidence comes from (see docs/maturity.md). */
export const EVIDENCE_SOURCES = ['model', 'configuration', 'run'] as const
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number]

/**
 * What a check needs to have been observed before it can say anything: the fields of the run's
 * observed evidence, plus `knowledge-base` (catalogues loaded). When one is missing the check is
 * "not observable here" instead of passing or failing.
 */
export const OBSERVABLES = [
  'comment-posted',
  'summary-written',
  'json-report-written',
  'sarif-written',
  'code-quality-written',
  'tracker-listed',
  'tracker-drift',
  'knowledge-base-date',
  'knowledge-base',
  'in-ci'
] as const
export type Observable = (typeof OBSERVABLES)[number]

/** One maturity check: a one-line explanation and CEL over the model graph and the run context. */
export const MaturityCheck = z
  .strictObject({
    id: KebabId,
    /** Where the evidence comes from: the model file, the trusted configuration, or what this run observed. */
    evidence: z.enum(EVIDENCE_SOURCES),
    explanation: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine((text) => !/[\r\n]/.test(text), { error: 'an explanation is one line' }),
    /** Observations the check cannot do without; any of them missing makes it "not observable here". */
    needs: z.array(z.enum(OBSERVABLES)).optional(),
    condition: Expression.optional(),
    measure: Expression.optional(),
    unit: z.enum(MEASURE_UNITS).optional(),
    /** A proportion check: CEL list<string> of the ids the check is about; with `offenders`, the share that complies is the measure. */
    scope: Expression.optional(),
    threshold: CheckThreshold.optional(),
    offenders: Expression.optional()
  })
  .superRefine((check, ctx) => {
    if (check.scope !== undefined) {
      if (check.offenders === undefined || check.threshold === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['scope'],
          message: 'a proportion check (`scope`) needs `offenders` and a percent `threshold`'
        })
      }
      if (check.measure !== undefined || (check.unit !== undefined && check.unit !== 'percent')) {
        ctx.addIssue({
          code: 'custom',
          path: ['scope'],
          message: 'a proportion check (`scope`) measures a percentage itself: no `measure`, and `unit` is percent when given'
        })
      }
    } else {
      if (check.condition === undefined && (check.measure === undefined || check.threshold === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['condition'],
          message:
            'a check needs a `condition`, a `measure` with a `threshold` it must reach, or a `scope` with `offenders` and a `threshold`'
        })
      }
      if (check.measure !== undefined && check.unit === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['unit'],
          message: 'a `measure` needs a `unit` (percent, days or count) so the report can say "now 55 %"'
        })
      }
      if (check.unit !== undefined && check.measure === undefined) {
        ctx.addIssue({ code: 'custom', path: ['unit'], message: '`unit` only goes with a `measure`' })
      }
    }
    if (check.evidence === 'run' && (check.needs ?? []).length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['needs'],
        message: 'a check on run evidence names what it `needs` observed, so a run that could not observe it says so'
      })
    }
    const placeholder = check.explanation.includes(THRESHOLD_PLACEHOLDER)
    if (check.threshold !== undefined && !placeholder) {
      ctx.addIssue({
        code: 'custom',
        path: ['explanation'],
        message: `a check with a threshold names it in its explanation as ${THRESHOLD_PLACEHOLDER}, so tuned values show up in the report`
      })
    } else if (check.threshold === undefined && placeholder) {
      ctx.addIssue({ code: 'custom', path: ['explanation'], message: `${THRESHOLD_PLACEHOLDER} needs a \`threshold\` on the check` })
    }
    if ((check.unit === 'percent' || check.scope !== undefined) && check.threshold !== undefined && check.threshold.default > 100) {
      ctx.addIssue({ code: 'custom', path: ['threshold', 'default'], message: 'a percentage threshold is at most 100' })
    }
  })

const Checks = z.array(MaturityCheck)

export const MATURITY_LEVELS = [1, 2, 3, 4] as const

const SeedText = z.string().trim().min(1).max(400).nullable()

/** One category file: id, title, what the seed asks per level, the checks of the levels the seed defines. */
export const MaturityCategoryFile = z
  .strictObject({
    id: KebabId,
    title: z.string().trim().min(1).max(200),
    /** Per level, what the seed asks, in our own words; `null` where the seed defines no such level (not scored). */
    seed: z.strictObject({ 1: SeedText, 2: SeedText, 3: SeedText, 4: SeedText }),
    /** How Threatloop reads the seed's row where its wording needs interpretation. */
    interpretation: z.string().trim().min(1).max(2000).optional(),
    /** CEL: whether the tool can observe this category's evidence; without it the category is always assessed. */
    assessed_when: Expression.optional(),
    /** Why the category is not assessed when `assessed_when` is false. */
    not_assessed: z.string().trim().min(1).max(300).optional(),
    /** Checks of the levels the seed defines; a defined level without checks is one Threatloop cannot evidence, and ends the category there. */
    levels: z.strictObject({ 1: Checks.optional(), 2: Checks.optional(), 3: Checks.optional(), 4: Checks.optional() })
  })
  .superRefine((file, ctx) => {
    if ((file.assessed_when === undefined) !== (file.not_assessed === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [file.assessed_when === undefined ? 'not_assessed' : 'assessed_when'],
        message: '`assessed_when` and `not_assessed` go together'
      })
    }
    const defined = MATURITY_LEVELS.filter((level) => file.seed[level] !== null)
    if (defined.length === 0)
      ctx.addIssue({ code: 'custom', path: ['seed'], message: 'the seed defines at least one level of every category' })
    for (let i = 1; i < defined.length; i++) {
      if (defined[i] !== defined[i - 1] + 1)
        ctx.addIssue({
          code: 'custom',
          path: ['seed', String(defined[i])],
          message: `the defined levels must be consecutive; level ${defined[i - 1] + 1} is missing`
        })
    }
    let endedAt: number | undefined
    const seen = new Set<string>()
    for (const level of MATURITY_LEVELS) {
      const checks = file.levels[level]
      if (file.seed[level] === null) {
        if (checks !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['levels', String(level)],
            message: `the seed does not define level ${level} of this category, so it has no checks (it is not scored)`
          })
        continue
      }
      if (checks === undefined || checks.length === 0) {
        if (level === defined[0])
          ctx.addIssue({
            code: 'custom',
            path: ['levels', String(level)],
            message: `level ${level}, the first the seed defines here, needs at least one check`
          })
        endedAt ??= level
        continue
      }
      if (endedAt !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', String(level)],
          message: `level ${level} can never be reached: level ${endedAt} has no checks, which ends the category there`
        })
      }
      checks.forEach((check, i) => {
        if (seen.has(check.id))
          ctx.addIssue({
            code: 'custom',
            path: ['levels', String(level), i, 'id'],
            message: `check id \`${check.id}\` is used twice in category ${file.id}`
          })
        seen.add(check.id)
      })
    }
  })

/** The seed's names of its four levels. */
export const SEED_LEVEL_NAMES: Readonly<Record<number, string>> = {
  1: 'No threat modeling tool',
  2: 'Threat modeling tools',
  3: 'Threat modeling patterns',
  4: 'Risk-driven knowledge base'
}

export type MaturityCheck = z.infer<typeof MaturityCheck>
export type MaturityCategoryFile = z.infer<typeof MaturityCategoryFile>

/**
 * What compiling a category needs once its file has passed the schema. The embedded checks are
 * stored in this form by `npm run generate` (maturity-checks.generated.ts): they load and compile
 * cleanly at build time, so a run needs no source map, only where each check and `assessed_when`
 * are, for problems raised while they run.
 */
export interface PreparedCategory {
  file: string
  category: MaturityCategoryFile
  assessedWhenPosition: TextPosition
  /** Position of each check in the file, per level (index 0 is level 1). */
  checkPositions: TextPosition[][]
}

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
    const message = 'a maturity category file holds one mapping with `id`, `title`, `seed` and `levels` (1–4, each a list of checks)'
    return {
      category: undefined,
      problems: [{ file, line: 1, column: 1, path: '', severity: 'error', code: 'maturity/not-a-mapping', message }]
    }
  }
  const result = MaturityCategoryFile.safeParse(value)
  if (!result.success) {
    return {
      category: undefined,
      problems: result.error.issues.flatMap((issue) => issueToProblems(file, issue, value, sourceMap, SCHEMA_CONTEXT)).map(prefix)
    }
  }
  return { category: { file, category: result.data, sourceMap }, problems: [] }
}

/** The explanation with its threshold filled in. */
export function explainCheck(check: MaturityCheck, threshold: number | undefined): string {
  return threshold === undefined ? check.explanation : check.explanation.split(THRESHOLD_PLACEHOLDER).join(String(threshold))
}
