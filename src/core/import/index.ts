import { compareProblems, formatDocumentPath, type Problem } from '../problems.js'
import { buildModelIndex, type ModelIndex } from '../model/model-index.js'
import { checkModelReferences } from '../model/references.js'
import { ModelDocument, type ElementSection } from '../model/schema.js'
import { decodeModelText, DEFAULT_PARSE_LIMITS, parseYamlDocument, type ParseLimits } from '../model/yaml-document.js'
import type { Conversion, ElementOrigin, SourceFile } from './conversion.js'
import { detectFormat, type DetectedFormat } from './detect.js'
import { sanitizeId } from './ids.js'
import { formatName, importerFor, type ImportFormat } from './registry.js'
import type { IncludeRead } from './importer.js'

export { detectFormat, type DetectedFormat } from './detect.js'
export { exportOtm } from './otm-export.js'
export type { ElementOrigin } from './conversion.js'
export { formatName, importFormats, importGlobs, IMPORTERS, type ImportFormat } from './registry.js'
export type { Importer, IncludeRead } from './importer.js'

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
  /** Built-in rules skipped for this model, with the field the format cannot express. */
  skippedRules: Map<string, string>
}

/**
 * Reads a foreign threat-model file (OTM, Threagile, Threat Dragon, Threat Composer, TM-BOM),
 * converts it to a schema-valid native model and indexes it, keeping each element's origin.
 */
export function importModel(source: ImportSource, options: ImportOptions = {}): ImportResult {
  const file = source.path
  const limits = { ...DEFAULT_PARSE_LIMITS, ...options.limits }
  const empty = (detected: DetectedFormat, problems: Problem[]): ImportResult => ({
    file,
    detected,
    origins: new Map(),
    problems,
    notExpressible: [],
    skippedRules: new Map()
  })
  const unknown: DetectedFormat = { format: 'unknown', confidence: 0, reason: 'the file could not be parsed', issues: [], warnings: [] }
  const decoded = decodeModelText(file, source.content)
  if ('problem' in decoded) return empty(unknown, [decoded.problem])
  // Files of other tools are read as those tools' readers do (duplicate keys, loose indentation).
  const parsed = parseYamlDocument(file, decoded.text, limits, { foreign: true })
  if (!parsed.ok) return empty(unknown, parsed.problems)
  const main: SourceFile = { file, value: parsed.document.value, sourceMap: parsed.document.sourceMap }
  const detected = detectFormat(file, decoded.text, main.value)
  const at = main.sourceMap.locate([])
  const whole = (code: string, message: string, severity: Problem['severity'] = 'error'): Problem => ({
    file,
    line: at.line,
    column: at.column,
    path: '',
    severity,
    code,
    message
  })
  if (detected.format === 'unknown') {
    return empty(detected, [
      whole('import/unknown-format', `not a threat model this tool reads: ${detected.reason}; ${detected.issues.join('; ')}`)
    ])
  }
  if (detected.format === 'native') {
    return empty(detected, [whole('import/native', 'this is a native Threatloop model; load it with the native loader, not the importer')])
  }
  if (detected.issues.length > 0) {
    return empty(detected, [
      whole(
        'import/near-miss',
        `the file resembles ${formatName(detected.format)} (${detected.reason}) but cannot be read as it: ${detected.issues.join('; ')}`
      )
    ])
  }
  const format = detected.format
  const importer = importerFor(format)
  const { conversion, model } = importer.convert(main, format, { readInclude: options.readInclude, limits })
  const early = [
    ...parsed.warnings,
    ...detected.warnings.map((warning) => whole('import/hybrid', `read as ${formatName(format)}, but ${warning}`, 'warning'))
  ]
  return finish(file, detected, conversion, model, early, new Map(Object.entries(importer.skipRules(format))))
}

/**
 * A mitigation the source gives no status, whose every threat the source marks mitigated (or not
 * applicable), is in place (or not needed): the source's own verdict, so no tracker issue is
 * filed for work the source says is done.
 */
function settleMitigations(conversion: Conversion): void {
  const threatsOf = new Map<string, string[]>()
  const statusOf = new Map(conversion.threats.map((t) => [t.id, t.status]))
  for (const threat of conversion.threats)
    for (const m of threat.mitigations ?? []) threatsOf.set(m, [...(threatsOf.get(m) ?? []), threat.id])
  let settled = false
  for (const mitigation of conversion.mitigations) {
    if (mitigation.status !== undefined) continue
    const statuses = (threatsOf.get(mitigation.id) ?? []).map((id) => statusOf.get(id))
    if (statuses.length === 0 || !statuses.every((s) => s === 'mitigated' || s === 'not-applicable')) continue
    mitigation.status = statuses.includes('mitigated') ? 'implemented' : 'rejected'
    settled = true
  }
  if (settled)
    conversion.cannotExpress('mitigation status (a mitigation whose threats the source marks all mitigated is taken as implemented)')
}

/** One line naming the rules skipped for this model and the fields the format has no place for. */
function skippedRulesProblem(file: string, format: ImportFormat, skipped: Map<string, string>): Problem | undefined {
  if (skipped.size === 0) return undefined
  const byField = new Map<string, string[]>()
  for (const [rule, field] of [...skipped].sort(([a], [b]) => (a < b ? -1 : 1))) byField.set(field, [...(byField.get(field) ?? []), rule])
  const parts = [...byField].map(([field, rules]) => `${rules.join(', ')} (${field})`)
  return {
    file,
    line: 1,
    column: 1,
    path: '',
    severity: 'warning',
    code: 'import/rules-skipped',
    message: `${skipped.size} rules are skipped for this ${formatName(format)} model because the format has no place for what they check: ${parts.join('; ')}`
  }
}

/** Validates the converted document with the native schema and references, then indexes it. */
function finish(
  file: string,
  detected: DetectedFormat,
  conversion: Conversion,
  model: ModelDocument['model'],
  early: Problem[],
  skippedRules: Map<string, string>
): ImportResult {
  model.id = sanitizeId(model.id)
  settleMitigations(conversion)
  const document = conversion.document(model)
  const skipped = skippedRulesProblem(file, conversion.format, skippedRules)
  const problems = [...early, ...conversion.problems, ...(skipped ? [skipped] : [])]
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
      problems.push(
        problemAt(
          issue.path as (string | number)[],
          'import/invalid-conversion',
          `the converted ${formatName(conversion.format)} element is not a valid native element: ${issue.message}`
        )
      )
    }
  }
  for (const reference of checkModelReferences(document)) {
    problems.push(problemAt([...reference.path], reference.code, reference.message, reference.elementId))
  }
  problems.sort(compareProblems)
  const notExpressible = [...conversion.notExpressible].sort()
  const result: ImportResult = { file, detected, origins: conversion.origins, problems, notExpressible, skippedRules }
  if (!parsed.success || problems.some((p) => p.severity === 'error')) return result
  result.document = parsed.data
  result.index = buildModelIndex(parsed.data, (section, index) => {
    const origin = originAt(section, index)
    return origin ? { line: origin.line, column: origin.column } : { line: 1, column: 1 }
  })
  return result
}
