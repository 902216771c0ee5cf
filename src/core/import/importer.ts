import type { ModelDocument } from '../model/schema.js'
import type { ParseLimits } from '../model/yaml-document.js'
import type { Conversion, SourceFile } from './conversion.js'

/** How much a parsed document looks like one format, and what keeps it from being read. */
export interface FormatProbe<F extends string = string> {
  format: F
  /** 0 when the value does not resemble the format at all; 1 for a file the format's own tool opens. */
  score: number
  reason: string
  /** What is missing or malformed for the file to be read as `format` (the file is refused). */
  issues: string[]
  /** What is odd but readable, e.g. a hand-edited mix of two versions (the file is read, with a warning). */
  warnings?: string[]
}

/** What reading an included file gave: its text or bytes, nothing (missing), or why it was refused (outside the model's folder). */
export type IncludeRead = string | Uint8Array | { refused: string } | undefined

/** What a converter needs besides the parsed file. */
export interface ConvertOptions {
  /** Reads a file another model includes (Threagile `includes`), by repository-relative path. */
  readInclude?: (path: string) => IncludeRead
  limits: ParseLimits
}

/** The result of converting one foreign document: the elements, problems and origins, and the model header. */
export interface Converted {
  conversion: Conversion
  model: ModelDocument['model']
}

/**
 * One foreign format (or a family of versions of it): everything the importer needs to recognise,
 * convert and explain it. Adding a format is a module exporting one of these, one entry in
 * `IMPORTERS` (registry.ts) and its tests.
 */
export interface Importer<F extends string = string> {
  /** Short name of the module, e.g. `threat-dragon`. */
  name: string
  /** The format names it reads (several for a family with incompatible versions), with their human names. */
  formats: Readonly<Record<F, string>>
  /** Recognises a parsed document by its content; the file name only breaks ties. */
  detect(value: Record<string, unknown>, path: string): FormatProbe<F>
  /** Converts a document `detect` accepted into native elements. */
  convert(main: SourceFile, format: F, options: ConvertOptions): Converted
  /** Globs (relative to the repository root) that find the format's files under their common names. */
  globs: readonly string[]
  /** What the format never expresses, whatever the file says; conversions add what a file leaves out. */
  cannotExpress: readonly string[]
  /**
   * Built-in rules that check a field the format cannot express, with that field: they are skipped
   * for models of this format (a model cannot be faulted for what its tool has no place for).
   */
  skipRules(format: F): Readonly<Record<string, string>>
}
