import { compareProblems, formatDocumentPath, type Problem } from '../problems.js'
import { buildModelIndex, type ModelIndex } from '../model/model-index.js'
import { checkModelReferences } from '../model/references.js'
import { ModelDocument, type ElementSection } from '../model/schema.js'
import { decodeModelText, DEFAULT_PARSE_LIMITS, parseYamlDocument, type ParseLimits } from '../model/yaml-document.js'
import { FORMAT_NAMES, type Conversion, type ElementOrigin, type ImportFormat, type SourceFile } from './conversion.js'
import { detectFormat, type DetectedFormat } from './detect.js'
import { sanitizeId } from './ids.js'
import { convertOtm } from './otm.js'
import { convertThreagile, type IncludeRead } from './threagile.js'
import { convertThreatComposer } from './threat-composer.js'
import { convertThreatDragon } from './threat-dragon.js'
import { convertTmBom } from './tm-bom.js'

export { detectFormat, type DetectedFormat } from './detect.js'
export { exportOtm } from './otm-export.js'
export type { IncludeRead } from './threagile.js'
export { FORMAT_NAMES, IMPORT_FORMATS, type ElementOrigin, type ImportFormat } from './conversion.js'

/** A foreign model file as read by an adapter. */
export interface ImportSource {
  path: string
  content: Uint8Array | string
}

export interface ImportOptions {
  /**
   * Reads a file another model includes (Threagile `includes`), by repository-relative path;
   * undefined when it does not exist. Paths are checked to stay inside the repository first.
   */
  readInclude?: (path: string) => IncludeRead
  limits?: Partial<ParseLimits>
}

/** The outcome of importing one foreign file. */
export interface ImportResult {
  file: string
  /** What the file was recognised as. */
  detected: DetectedFormat
  /** The converted native model, when the file could be read without errors. */
  document?: ModelDocument
  index?: ModelIndex
  /** Where each converted element came from, by native element id. */
  origins: Map<string, ElementOrigin>
  problems: Problem[]
  /** What the source format cannot express, so maturity and reports can say it is absent. */
  notExpressible: string[]
}

/**
 * Reads a foreign threat-model file (OTM, Threagile, Threat Dragon, Threat Composer, TM-BOM),
 * converts it to a schema-valid native model and indexes it, keeping each element's origin.
 */
export function importModel(source: ImportSource, options: ImportOptions = {}): ImportResult {
  const file = source.path
  const limits = { ...DEFAULT_PARSE_LIMITS, ...options.limits }
  const empty = (detected: DetectedFormat, problems: Problem[]): ImportResult => ({ file, detected, origins: new Map(), problems, notExpressible: [] })
  const unknown: DetectedFormat = { format: 'unknown', confidence: 0, reason: 'the file could not be parsed', issues: [] }
  const decoded = decodeModelText(file, source.content)
  if ('problem' in decoded) return empty(unknown, [decoded.problem])
  const parsed = parseYamlDocument(file, decoded.text, limits)
  if (!parsed.ok) return empty(unknown, parsed.problems)
  const main: SourceFile = { file, value: parsed.document.value, sourceMap: parsed.document.sourceMap }
  const detected = detectFormat(file, decoded.text, main.value)
  const at = main.sourceMap.locate([])
  const whole = (code: string, message: string): Problem => ({ file, line: at.line, column: at.column, path: '', severity: 'error', code, message })
  if (detected.format === 'unknown') {
    return empty(detected, [whole('import/unknown-format', `not a threat model this tool reads: ${detected.reason}; ${detected.issues.join('; ')}`)])
  }
  if (detected.format === 'native') {
    return empty(detected, [whole('import/native', 'this is a native Threatloop model; load it with the native loader, not the importer')])
  }
  if (detected.issues.length > 0) {
    return empty(detected, [
      whole('import/near-miss', `the file resembles ${FORMAT_NAMES[detected.format]} (${detected.reason}) but cannot be read as it: ${detected.issues.join('; ')}`)
    ])
  }
  const { conversion, model } = convert(detected.format, main, options, limits)
  return finish(file, detected, conversion, model)
}

function convert(format: ImportFormat, main: SourceFile, options: ImportOptions, limits: ParseLimits): { conversion: Conversion; model: ModelDocument['model'] } {
  switch (format) {
    case 'otm':
      return convertOtm(main)
    case 'threagile':
      return convertThreagile(main, { readInclude: options.readInclude, limits })
    case 'threat-dragon-v1':
    case 'threat-dragon-v2':
      return convertThreatDragon(main, format)
    case 'threat-composer':
      return convertThreatComposer(main)
    case 'tm-bom':
      return convertTmBom(main)
  }
}

/** Validates the converted document with the native schema and references, then indexes it. */
function finish(file: string, detected: DetectedFormat, conversion: Conversion, model: ModelDocument['model']): ImportResult {
  model.id = sanitizeId(model.id)
  const document = conversion.document(model)
  const problems = [...conversion.problems]
  const originAt = (section: string, index: number): ElementOrigin | undefined => {
    const list = document[section as ElementSection]
    const id = list?.[index]?.id
    return id === undefined ? undefined : conversion.origins.get(id)
  }
  const problemAt = (path: (string | number)[], code: string, message: string, elementId?: string): Problem => {
    const origin = typeof path[1] === 'number' ? originAt(String(path[0]), path[1]) : undefined
    const problem: Problem = {
      file: origin?.file ?? file,
      line: origin?.line ?? 1,
      column: origin?.column ?? 1,
      path: origin?.sourcePath ?? '',
      severity: 'error',
      code,
      message: `${message} (converted ${formatDocumentPath(path)})`
    }
    if (elementId !== undefined) problem.elementId = elementId
    return problem
  }
  const parsed = ModelDocument.safeParse(document)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(problemAt(issue.path as (string | number)[], 'import/invalid-conversion', `the converted ${FORMAT_NAMES[conversion.format]} element is not a valid native element: ${issue.message}`))
    }
  }
  for (const reference of checkModelReferences(document)) {
    problems.push(problemAt([...reference.path], reference.code, reference.message, reference.elementId))
  }
  problems.sort(compareProblems)
  const notExpressible = [...conversion.notExpressible].sort()
  const result: ImportResult = { file, detected, origins: conversion.origins, problems, notExpressible }
  if (!parsed.success || problems.some((p) => p.severity === 'error')) return result
  result.document = parsed.data
  result.index = buildModelIndex(parsed.data, (section, index) => {
    const origin = originAt(section, index)
    return origin ? { line: origin.line, column: origin.column } : { line: 1, column: 1 }
  })
  return result
}
