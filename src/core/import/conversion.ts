import { formatDocumentPath, type DocumentPath, type Problem, type ProblemSeverity } from '../problems.js'
import type { SourceMap } from '../model/yaml-document.js'
import type {
  Actor,
  Asset,
  Assumption,
  Component,
  Dataflow,
  Mitigation,
  ModelDocument,
  Suppression,
  Threat,
  Zone
} from '../model/schema.js'
import { IdRegistry, sanitizeId, slugify } from './ids.js'
import type { ImportFormat } from './registry.js'

// Re-exported from a type import: an `export … from` would count as a runtime edge (registry → otm → conversion).
export type { ImportFormat }

/** Where a converted element came from: the foreign file and the position of its source object. */
export interface ElementOrigin {
  format: ImportFormat
  file: string
  line: number
  column: number
  /** Path of the source object in the foreign document, e.g. `components[2]`. */
  sourcePath: string
}

/** A parsed foreign file: its repository path, value and source map. */
export interface SourceFile {
  file: string
  value: unknown
  sourceMap: SourceMap
}

/** A place in a foreign file. */
export interface SourceRef {
  source: SourceFile
  path: DocumentPath
}

type Raw = Record<string, unknown>

export function isRecord(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}
/** A non-empty trimmed string, or undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim()
    return trimmed === '' ? undefined : trimmed
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}
/** A list of non-empty strings (other items dropped); undefined when empty. */
export function strings(value: unknown): string[] | undefined {
  const out = listOf(value)
    .map(text)
    .filter((s): s is string => s !== undefined)
  return out.length > 0 ? out : undefined
}
/** A string cut to the schema's short-text limit. */
export function shortText(value: string | undefined, max = 2000): string | undefined {
  if (value === undefined) return undefined
  return value.length > max ? value.slice(0, max - 1) + '…' : value
}

/**
 * The state of one conversion: the elements produced so far, where each came from, the problems
 * found in the source and what the format cannot express. Converters fill it; `importModel`
 * validates and indexes the result.
 */
export class Conversion {
  readonly ids = new IdRegistry()
  readonly problems: Problem[] = []
  readonly origins = new Map<string, ElementOrigin>()
  readonly notExpressible = new Set<string>()
  readonly zones: Zone[] = []
  readonly assets: Asset[] = []
  readonly components: Component[] = []
  readonly dataflows: Dataflow[] = []
  readonly actors: Actor[] = []
  readonly threats: Threat[] = []
  readonly mitigations: Mitigation[] = []
  readonly assumptions: Assumption[] = []
  readonly suppressions: Suppression[] = []

  constructor(
    readonly format: ImportFormat,
    readonly main: SourceFile
  ) {}

  /** Records where an element came from. */
  origin(id: string, at: SourceRef): void {
    const position = at.source.sourceMap.locate(at.path)
    this.origins.set(id, {
      format: this.format,
      file: at.source.file,
      line: position.line,
      column: position.column,
      sourcePath: formatDocumentPath(at.path)
    })
  }

  /** Reports a problem in the source at `at`. */
  report(at: SourceRef, severity: ProblemSeverity, code: string, message: string, elementId?: string): void {
    const position = at.source.sourceMap.locate(at.path)
    const problem: Problem = {
      file: at.source.file,
      line: position.line,
      column: position.column,
      path: formatDocumentPath(at.path),
      severity,
      code,
      message
    }
    if (elementId !== undefined) problem.elementId = elementId
    this.problems.push(problem)
  }

  error(at: SourceRef, code: string, message: string, elementId?: string): void {
    this.report(at, 'error', code, message, elementId)
  }

  /**
   * A reference to something the file does not define: a warning (the file's own tool opens it),
   * and the converter drops the reference or keeps an external stub.
   */
  dangling(at: SourceRef, message: string, elementId?: string): void {
    this.report(at, 'warning', 'import/unknown-reference', message, elementId)
  }

  /**
   * An external stub component for an element a flow names but the file does not define: its id
   * is the name the file uses, so it keeps its identity when the file later defines it.
   */
  stub(name: string, at: SourceRef, what: string): string {
    const existing = this.stubs.get(name)
    if (existing !== undefined) return existing
    const id = this.ids.claim(name, 'stub')
    this.stubs.set(name, id)
    this.components.push({ id, title: shortText(`${name} (not defined in the file)`), type: 'external', tags: ['undefined-in-source'] })
    this.origin(id, at)
    this.warn(
      at,
      'import/stub',
      `${what} \`${name}\` is not defined in the file; it is kept as an external stub component \`${id}\` so the flow and its threats are reviewed`,
      id
    )
    return id
  }
  private readonly stubs = new Map<string, string>()

  warn(at: SourceRef, code: string, message: string, elementId?: string): void {
    this.report(at, 'warning', code, message, elementId)
  }

  /** A reference into the main file. */
  at(...path: DocumentPath): SourceRef {
    return { source: this.main, path }
  }

  /** Notes something the source format cannot express, so reports can say it is absent, not forgotten. */
  cannotExpress(what: string): void {
    this.notExpressible.add(what)
  }

  /** The native document built so far; empty sections are left out. */
  document(model: ModelDocument['model']): ModelDocument {
    const doc: ModelDocument = { threatloop: 1, model }
    if (this.zones.length > 0) doc.zones = this.zones
    if (this.assets.length > 0) doc.assets = this.assets
    if (this.components.length > 0) doc.components = this.components
    if (this.dataflows.length > 0) doc.dataflows = this.dataflows
    if (this.actors.length > 0) doc.actors = this.actors
    if (this.threats.length > 0) doc.threats = this.threats
    if (this.mitigations.length > 0) doc.mitigations = this.mitigations
    if (this.assumptions.length > 0) doc.assumptions = this.assumptions
    if (this.suppressions.length > 0) doc.suppressions = this.suppressions
    return doc
  }
}

/**
 * The model id for a format that gives its models no id of their own: the file's path without
 * its extension (a title edit keeps the id; the path is what pairs the two sides of a review).
 */
export function modelIdFromPath(file: string): string {
  const withoutExtension = file.replace(/\\/g, '/').replace(/(\.(threat-dragon|tc|otm|tmbom|threagile))?\.(json|ya?ml)$/i, '')
  return sanitizeId(
    withoutExtension
      .split('/')
      .map((part) => slugify(part, 60) || 'model')
      .join('/')
  )
}

/** Drops keys whose value is undefined, so converted elements hold only what the source said. */
export function compact<T extends object>(value: T): T {
  // A fresh object rather than `delete`, which would push V8 objects into slow dictionary mode.
  const out: Record<string, unknown> = {}
  const source = value as Record<string, unknown>
  for (const key in source) if (source[key] !== undefined) out[key] = source[key]
  return out as T
}

/** Maps a 0–100 score onto five levels (0–19, 20–39, 40–59, 60–79, 80–100). */
export function percentToLevel(value: unknown): 'very-low' | 'low' | 'medium' | 'high' | 'very-high' | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined
  const clamped = Math.min(100, Math.max(0, value))
  if (clamped < 20) return 'very-low'
  if (clamped < 40) return 'low'
  if (clamped < 60) return 'medium'
  if (clamped < 80) return 'high'
  return 'very-high'
}

/** Maps a 0–100 CIA score onto the native CIA levels (0 is none). */
export function percentToCia(value: unknown): 'none' | 'low' | 'medium' | 'high' | 'very-high' | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined
  if (value <= 0) return 'none'
  if (value < 35) return 'low'
  if (value < 65) return 'medium'
  if (value < 90) return 'high'
  return 'very-high'
}

const STRIDE_WORDS: [RegExp, Threat['category']][] = [
  [/^s(poof(ing)?)?$/, 'spoofing'],
  [/^t(amper(ing)?)?$/, 'tampering'],
  [/^r(epudiation)?$/, 'repudiation'],
  [/^(i|info(rmation)?[- ]?disclosure|disclosure)$/, 'information-disclosure'],
  [/^(d|dos|denial[- ]?of[- ]?service)$/, 'denial-of-service'],
  [/^(e|eop|elevation[- ]?of[- ]?privileges?|privilege[- ]?escalation)$/, 'elevation-of-privilege'],
  [/^linking$|^linkability$/, 'linking'],
  [/^identifying$|^identifiability$/, 'identifying'],
  [/^non[- ]?repudiation$/, 'non-repudiation'],
  [/^detecting$|^detectability$/, 'detecting'],
  [/^(data[- ]?disclosure|disclosure[- ]?of[- ]?information)$/, 'data-disclosure'],
  [/^unawareness$/, 'unawareness'],
  [/^non[- ]?compliance$/, 'non-compliance']
]

/** A STRIDE or LINDDUN category from a foreign label (`Spoofing`, `S`, `Information disclosure`, …). */
export function threatCategory(label: unknown): Threat['category'] | undefined {
  const word = text(label)?.toLowerCase()
  if (word === undefined) return undefined
  for (const [pattern, category] of STRIDE_WORDS) if (pattern.test(word)) return category
  return undefined
}

/** CWE ids as `CWE-n` from numbers, `CWE-n` or `n` strings; other values are returned as rejects. */
export function cweIds(values: unknown[]): { ids: string[]; rejected: unknown[] } {
  const ids: string[] = []
  const rejected: unknown[] = []
  for (const value of values) {
    const match =
      typeof value === 'number' && Number.isInteger(value) && value > 0
        ? [String(value), String(value)]
        : typeof value === 'string'
          ? /^\s*(?:CWE[- ]?)?(\d+)\s*$/i.exec(value)
          : null
    if (match) {
      const id = `CWE-${Number(match[1])}`
      if (!ids.includes(id)) ids.push(id)
    } else if (value !== null && value !== undefined) rejected.push(value)
  }
  return { ids, rejected }
}

/** Lists ids uniquely, keeping order. */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)]
}
