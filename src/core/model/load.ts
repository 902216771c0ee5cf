import { compareProblems, formatDocumentPath, type DocumentPath, type Problem } from '../problems.js'
import { issueToProblems, valueAt, type SchemaContext } from './zod-problems.js'
import { buildModelIndex, type ModelIndex } from './model-index.js'
import { ELEMENT_SECTIONS, ModelDocument, type ElementSection } from './schema.js'
import { checkModelReferences } from './references.js'
import {
  DEFAULT_PARSE_LIMITS,
  decodeModelText,
  fileSizeProblem,
  parseYamlDocument,
  type ParseLimits,
  type SourceMap,
  type TextPosition
} from './yaml-document.js'

/** A model file as read by an adapter: its repository-relative path and its bytes or text. */
export interface ModelSource {
  path: string
  content: Uint8Array | string
}

/** Anything that can point a document path back into the model's source file. */
export interface DocumentLocator {
  locate(path: DocumentPath, options?: { key?: boolean }): TextPosition
}

/** A model that loaded without errors. */
export interface LoadedModel {
  file: string
  document: ModelDocument
  index: ModelIndex
  /** Maps document paths to positions in the file the model came from (native or imported). */
  sourceMap: DocumentLocator
  /**
   * Built-in rules not run on this model, with the field its source format cannot express
   * (imported models only: a model is not faulted for what its tool has no place for).
   */
  skippedRules?: ReadonlyMap<string, string>
}

/** The outcome of loading one file: the model when valid, and every problem found. */
export interface LoadResult {
  file: string
  model: LoadedModel | undefined
  problems: Problem[]
}

export interface LoadOptions {
  limits?: Partial<ParseLimits>
}

/** Loads, validates and indexes a native model file, reporting every problem at once. */
export function loadModel(source: ModelSource, options: LoadOptions = {}): LoadResult {
  const file = source.path
  const limits = { ...DEFAULT_PARSE_LIMITS, ...options.limits }
  // Check the size before decoding, so a huge file costs nothing.
  const tooLarge = typeof source.content === 'string' ? undefined : fileSizeProblem(file, source.content.length, limits)
  if (tooLarge) return { file, model: undefined, problems: [tooLarge] }
  const decoded = decodeModelText(file, source.content)
  if ('problem' in decoded) return { file, model: undefined, problems: [decoded.problem] }
  const parsed = parseYamlDocument(file, decoded.text, limits)
  if (!parsed.ok) return { file, model: undefined, problems: parsed.problems }
  return validateModelValue(file, parsed.document.value, parsed.document.sourceMap)
}

/** Validates an already-parsed document value against the schema and its references. */
export function validateModelValue(file: string, value: unknown, sourceMap: SourceMap): LoadResult {
  const problems: Problem[] = []
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const position = sourceMap.locate([])
    problems.push({
      file,
      ...position,
      path: '',
      severity: 'error',
      code: 'structure/not-a-mapping',
      message: `the document is ${Array.isArray(value) ? 'a list' : value === null ? 'empty' : `a ${typeof value}`}; a model is a mapping that starts with \`threatloop: 1\``
    })
    return { file, model: undefined, problems }
  }
  const result = ModelDocument.safeParse(value)
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(...issueToProblems(file, issue, value, sourceMap, MODEL_SCHEMA_CONTEXT))
  }
  for (const reference of checkModelReferences(value as Record<string, unknown>, (path) => sourceMap.locate(path))) {
    const position = sourceMap.locate(reference.path)
    problems.push({
      file,
      ...position,
      path: formatDocumentPath(reference.path),
      severity: 'error',
      code: reference.code,
      message: reference.message,
      elementId: reference.elementId
    })
  }
  const unique = dedupeProblems(problems).sort(compareProblems)
  if (!result.success || unique.some((p) => p.severity === 'error')) return { file, model: undefined, problems: unique }
  const document = result.data
  const index = buildModelIndex(document, (section: ElementSection, i: number) => sourceMap.locate([section, i]))
  return { file, model: { file, document, index, sourceMap }, problems: unique }
}

function dedupeProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>()
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.code}:${p.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** The id of the element a path points into, e.g. `T-001` for `threats[0].likelihood`. */
export function elementIdAt(root: unknown, path: DocumentPath): string | undefined {
  if (path.length < 2 || typeof path[1] !== 'number') return undefined
  if (!ELEMENT_SECTIONS.some(([section]) => section === path[0])) return undefined
  const id = valueAt(root, [path[0], path[1], 'id'])
  return typeof id === 'string' ? id : undefined
}

function kindAt(path: DocumentPath): string {
  const section = ELEMENT_SECTIONS.find(([name]) => name === path[0])
  return section ? section[1] : 'element'
}

const MODEL_SCHEMA_CONTEXT: SchemaContext = {
  rootSchema: ModelDocument,
  ownerAt: (root, path) => {
    const id = elementIdAt(root, path)
    return id === undefined ? undefined : { kind: kindAt(path), id }
  }
}
