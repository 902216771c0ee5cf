import { formatDocumentPath, type DocumentPath, type Problem, type ProblemSeverity } from '../problems.js'
import { LineIndex } from '../model/yaml-document.js'
import type { AttackEntry, CapecEntry } from './entries.js'
import { findJsonSyntaxError, locateJsonValue } from './json-text.js'

export type StixCatalogueKind = 'attack' | 'capec'

export interface StixCatalogue<Entry> {
  /** Entries keyed by the id a model writes (`T1190`, `TA0001`, `M1036`, `CAPEC-66`); absent when the bundle is unusable. */
  entries?: Map<string, Entry>
  /** Catalogue version, when the bundle states it (ATT&CK collection version, CAPEC version). */
  version?: string
  /**
   * Release date (YYYY-MM-DD): the `modified` date of ATT&CK's `x-mitre-collection` object, otherwise the
   * latest `modified` date of the catalogue's objects (CAPEC bundles carry no collection object).
   */
  date?: string
  problems: Problem[]
}

type StixObject = Record<string, unknown>
interface ExternalReference {
  source_name?: unknown
  external_id?: unknown
}

const WHERE_TO_GET: Record<StixCatalogueKind, string> = {
  attack: 'MITRE publishes ATT&CK as STIX 2.1 bundles in github.com/mitre-attack/attack-stix-data',
  capec: 'MITRE publishes CAPEC as a STIX 2.1 bundle in github.com/mitre/cti (capec/2.1/stix-capec.json)'
}
const CATALOGUE_NAME: Record<StixCatalogueKind, string> = { attack: 'ATT&CK', capec: 'CAPEC' }
/** Object-level problems reported one by one before the rest are summarised, so a broken bundle stays readable. */
const MAX_LISTED_PROBLEMS = 20

/** Reads an ATT&CK or CAPEC STIX 2.1 bundle (as MITRE publishes it) into catalogue entries. */
export function parseStixBundle(jsonText: string, kind: 'attack', file?: string): StixCatalogue<AttackEntry>
export function parseStixBundle(jsonText: string, kind: 'capec', file?: string): StixCatalogue<CapecEntry>
export function parseStixBundle(jsonText: string, kind: StixCatalogueKind, file?: string): StixCatalogue<AttackEntry | CapecEntry>
export function parseStixBundle(
  jsonText: string,
  kind: StixCatalogueKind,
  file = `${kind}.stix.json`
): StixCatalogue<AttackEntry | CapecEntry> {
  const text = jsonText.charCodeAt(0) === 0xfeff ? jsonText.slice(1) : jsonText
  let lines: LineIndex | undefined
  const problem = (
    code: string,
    message: string,
    at: { offset: number } | { path: DocumentPath },
    severity: ProblemSeverity = 'error',
    elementId?: string
  ): Problem => {
    lines ??= new LineIndex(text)
    const offset = 'offset' in at ? at.offset : (locateJsonValue(text, at.path) ?? 0)
    const position = lines.position(offset)
    const path = 'path' in at ? formatDocumentPath(at.path) : ''
    const result: Problem = { file, line: position.line, column: position.column, path, severity, code, message }
    if (elementId !== undefined) result.elementId = elementId
    return result
  }

  let bundle: unknown
  try {
    bundle = JSON.parse(text)
  } catch {
    const error = findJsonSyntaxError(text) ?? { offset: 0, message: 'the text is not valid JSON' }
    return { problems: [problem('kb/invalid-json', `invalid JSON in the ${CATALOGUE_NAME[kind]} STIX bundle: ${error.message}`, error)] }
  }
  if (!isObject(bundle) || bundle.type !== 'bundle' || !Array.isArray(bundle.objects)) {
    const found = isObject(bundle)
      ? typeof bundle.type === 'string'
        ? `an object of type "${bundle.type}"`
        : 'an object without "type": "bundle"'
      : `a JSON ${jsonKind(bundle)}`
    return {
      problems: [
        problem(
          'kb/not-a-stix-bundle',
          `expected a STIX 2.1 bundle ({"type": "bundle", "objects": [...]}) for ${CATALOGUE_NAME[kind]}, found ${found}; ${WHERE_TO_GET[kind]}`,
          { path: [] }
        )
      ]
    }
  }
  // STIX 2.0 bundles carry spec_version on the bundle; 2.1 puts it on each object.
  if (bundle.spec_version !== undefined && bundle.spec_version !== '2.1') {
    return {
      problems: [
        problem(
          'kb/stix-version',
          `the ${CATALOGUE_NAME[kind]} bundle is STIX ${JSON.stringify(bundle.spec_version)}; expected STIX 2.1 (${WHERE_TO_GET[kind]})`,
          { path: ['spec_version'] }
        )
      ]
    }
  }
  const objects = bundle.objects as unknown[]
  const problems: Problem[] = []
  let objectProblems = 0
  const objectProblem = (code: string, message: string, path: DocumentPath, severity: ProblemSeverity): void => {
    objectProblems++
    if (objectProblems <= MAX_LISTED_PROBLEMS) problems.push(problem(code, message, { path }, severity))
  }
  const usable: StixObject[] = []
  for (let index = 0; index < objects.length; index++) {
    const object = objects[index]
    if (!isObject(object) || typeof object.type !== 'string' || typeof object.id !== 'string') {
      objectProblem(
        'kb/stix-object',
        `objects[${index}] is not a STIX object (expected "type" and "id" strings); it is ignored`,
        ['objects', index],
        'warning'
      )
      continue
    }
    if (object.spec_version !== undefined && object.spec_version !== '2.1') {
      objectProblem(
        'kb/stix-version',
        `${object.id} has spec_version ${JSON.stringify(object.spec_version)}; expected "2.1" (${WHERE_TO_GET[kind]})`,
        ['objects', index, 'spec_version'],
        'error'
      )
      continue
    }
    usable.push(object)
  }
  if (objectProblems > MAX_LISTED_PROBLEMS) {
    problems.push(
      problem(
        'kb/stix-object',
        `${objectProblems - MAX_LISTED_PROBLEMS} more problems with objects of this bundle are not listed`,
        { path: ['objects'] },
        'warning'
      )
    )
  }
  if (problems.some((p) => p.severity === 'error')) return { problems }

  const read = kind === 'attack' ? readAttack(usable) : readCapec(usable)
  if (read.entries.size === 0) {
    const other: StixCatalogueKind = kind === 'attack' ? 'capec' : 'attack'
    const looksOther = usable.some(
      (o) => o.type === 'attack-pattern' && externalId(o, other === 'attack' ? ATTACK_SOURCES : CAPEC_SOURCES) !== undefined
    )
    const message = looksOther
      ? `this bundle holds ${CATALOGUE_NAME[other]} objects, not ${CATALOGUE_NAME[kind]}; check which file is configured for knowledge_base.${kind}`
      : `the bundle holds no ${CATALOGUE_NAME[kind]} attack patterns (no objects with ${kind === 'attack' ? '"mitre-attack" T ids' : '"capec" CAPEC ids'}); ${WHERE_TO_GET[kind]}`
    return { problems: [...problems, problem(looksOther ? 'kb/wrong-catalogue' : 'kb/empty-catalogue', message, { path: ['objects'] })] }
  }
  const result: StixCatalogue<AttackEntry | CapecEntry> = { entries: read.entries, problems }
  if (read.version !== undefined) result.version = read.version
  const date = releaseDate(usable)
  if (date !== undefined) result.date = date
  return result
}

const ATTACK_SOURCES = ['mitre-attack', 'mitre-mobile-attack', 'mitre-ics-attack']
const CAPEC_SOURCES = ['capec']

function readAttack(objects: readonly StixObject[]): { entries: Map<string, AttackEntry>; version?: string } {
  const idByStixId = new Map<string, string>()
  const tacticByShortName = new Map<string, string>()
  const candidates: { stixId: string; entry: AttackEntry; phases: string[] }[] = []
  let version: string | undefined
  for (const object of objects) {
    if (object.type === 'x-mitre-collection' && typeof object.x_mitre_version === 'string') version = object.x_mitre_version
    const kind = attackKind(object)
    if (kind === undefined) continue
    const id = externalId(object, ATTACK_SOURCES)
    if (id === undefined || typeof object.name !== 'string') continue
    const entry: AttackEntry = { id, name: object.name, kind, status: lifecycle(object) }
    if (kind === 'tactic' && typeof object.x_mitre_shortname === 'string') {
      entry.shortName = object.x_mitre_shortname
      tacticByShortName.set(object.x_mitre_shortname, id)
    }
    if (kind === 'sub-technique') entry.parent = id.slice(0, id.indexOf('.'))
    const platforms = stringArray(object.x_mitre_platforms)
    if (platforms.length > 0) entry.platforms = platforms
    const phases = Array.isArray(object.kill_chain_phases)
      ? object.kill_chain_phases
          .filter(isObject)
          .flatMap((p) => (typeof p.phase_name === 'string' && String(p.kill_chain_name).startsWith('mitre') ? [p.phase_name] : []))
      : []
    idByStixId.set(object.id as string, id)
    candidates.push({ stixId: object.id as string, entry, phases })
  }
  const revokedBy = new Map<string, string>()
  const mitigatedBy = new Map<string, Set<string>>()
  const kindByStixId = new Map(candidates.map((c) => [c.stixId, c.entry.kind]))
  for (const object of objects) {
    if (object.type !== 'relationship' || object.revoked === true || object.x_mitre_deprecated === true) continue
    const source = idByStixId.get(String(object.source_ref))
    const target = idByStixId.get(String(object.target_ref))
    if (source === undefined || target === undefined) continue
    if (object.relationship_type === 'revoked-by') revokedBy.set(String(object.source_ref), target)
    if (
      object.relationship_type === 'mitigates' &&
      kindByStixId.get(String(object.source_ref)) === 'mitigation' &&
      /^M\d{4}$/.test(source)
    ) {
      const set = mitigatedBy.get(String(object.target_ref)) ?? new Set<string>()
      set.add(source)
      mitigatedBy.set(String(object.target_ref), set)
    }
  }
  const capecByStixId = new Map<string, string[]>()
  for (const object of objects) {
    if (object.type !== 'attack-pattern' || typeof object.id !== 'string') continue
    const capec = references(object, 'capec').filter((r) => /^CAPEC-\d+$/.test(r))
    if (capec.length > 0) capecByStixId.set(object.id, capec.sort(byNumber))
  }
  const entries = new Map<string, AttackEntry>()
  for (const { stixId, entry, phases } of candidates) {
    const tactics = [...new Set(phases.flatMap((phase) => tacticByShortName.get(phase) ?? []))].sort()
    if (tactics.length > 0) entry.tactics = tactics
    const replacement = revokedBy.get(stixId)
    if (replacement !== undefined) entry.revokedBy = replacement
    const mitigations = mitigatedBy.get(stixId)
    if (mitigations !== undefined && entry.kind !== 'mitigation') entry.mitigations = [...mitigations].sort(byNumber)
    const capec = capecByStixId.get(stixId)
    if (capec !== undefined) entry.capec = capec
    keepPreferred(entries, entry)
  }
  return version === undefined ? { entries } : { entries, version }
}

function attackKind(object: StixObject): AttackEntry['kind'] | undefined {
  if (object.type === 'attack-pattern') return object.x_mitre_is_subtechnique === true ? 'sub-technique' : 'technique'
  if (object.type === 'x-mitre-tactic') return 'tactic'
  if (object.type === 'course-of-action') return 'mitigation'
  return undefined
}

function readCapec(objects: readonly StixObject[]): { entries: Map<string, CapecEntry>; version?: string } {
  const entries = new Map<string, CapecEntry>()
  let version: string | undefined
  for (const object of objects) {
    if (object.type !== 'attack-pattern' || typeof object.name !== 'string') continue
    // ATT&CK techniques cite CAPEC ids too; they are not CAPEC patterns.
    if (externalId(object, ATTACK_SOURCES) !== undefined) continue
    const id = externalId(object, CAPEC_SOURCES)
    if (id === undefined) continue
    if (typeof object.x_capec_version === 'string') version = object.x_capec_version
    const ownStatus = typeof object.x_capec_status === 'string' ? object.x_capec_status.toLowerCase() : 'active'
    const status = lifecycle(object) === 'active' ? ownStatus : lifecycle(object)
    const entry: CapecEntry = { id, name: object.name, kind: 'attack-pattern', status }
    if (typeof object.x_capec_abstraction === 'string') entry.abstraction = object.x_capec_abstraction
    if (typeof object.x_capec_likelihood_of_attack === 'string') entry.likelihood = object.x_capec_likelihood_of_attack
    if (typeof object.x_capec_typical_severity === 'string') entry.severity = object.x_capec_typical_severity
    const cwe = references(object, 'cwe').filter((r) => /^CWE-\d+$/.test(r))
    if (cwe.length > 0) entry.cwe = cwe
    // CAPEC writes ATT&CK mappings as source "ATTACK" with ids like "1574.010" (no leading T).
    const attack = references(object, 'attack').flatMap((r) => (/^T?\d{4}(\.\d{3})?$/.test(r) ? [r.startsWith('T') ? r : `T${r}`] : []))
    if (attack.length > 0) entry.attack = attack
    keepPreferred(entries, entry)
  }
  return version === undefined ? { entries } : { entries, version }
}

/** `revoked` wins over deprecated; STIX `revoked`, ATT&CK `x_mitre_deprecated` and CAPEC status all count. */
function lifecycle(object: StixObject): AttackEntry['status'] {
  if (object.revoked === true) return 'revoked'
  if (object.x_mitre_deprecated === true) return 'deprecated'
  if (typeof object.x_capec_status === 'string' && object.x_capec_status.toLowerCase() === 'deprecated') return 'deprecated'
  return 'active'
}

/**
 * Ids are reused in real bundles (a revoked technique next to its replacement, old mitigations
 * carrying technique ids): keep techniques over mitigations, then the live object.
 */
export function keepPreferred<Entry extends { id: string; status: string; kind: string }>(entries: Map<string, Entry>, entry: Entry): void {
  const existing = entries.get(entry.id)
  if (existing === undefined || preference(entry) > preference(existing)) entries.set(entry.id, entry)
}

function preference(entry: { status: string; kind: string }): number {
  const live = entry.status === 'revoked' ? 0 : entry.status === 'deprecated' ? 1 : 2
  // A T id in a model names the technique, even a revoked one, never an old mitigation that reused the id.
  return (entry.kind === 'mitigation' ? 0 : 3) + live
}

function externalId(object: StixObject, sources: readonly string[]): string | undefined {
  if (!Array.isArray(object.external_references)) return undefined
  for (const reference of object.external_references as ExternalReference[]) {
    if (
      isObject(reference) &&
      typeof reference.source_name === 'string' &&
      sources.includes(reference.source_name) &&
      typeof reference.external_id === 'string'
    ) {
      return reference.external_id
    }
  }
  return undefined
}

function references(object: StixObject, source: string): string[] {
  if (!Array.isArray(object.external_references)) return []
  const ids = (object.external_references as ExternalReference[]).flatMap((r) =>
    isObject(r) && typeof r.source_name === 'string' && r.source_name.toLowerCase() === source && typeof r.external_id === 'string'
      ? [r.external_id]
      : []
  )
  return [...new Set(ids)]
}

/** Orders catalogue ids by prefix, then by their numbers (`M1013` < `T1003` < `T1003.001` < `T1021` < `TA0001`, `CAPEC-9` < `CAPEC-10`). */
export function byNumber(a: string, b: string): number {
  const pa = /^\D*/.exec(a)?.[0] ?? ''
  const pb = /^\D*/.exec(b)?.[0] ?? ''
  if (pa !== pb) return pa < pb ? -1 : 1
  const na = a.match(/\d+/g)?.map(Number) ?? []
  const nb = b.match(/\d+/g)?.map(Number) ?? []
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const d = (na[i] ?? -1) - (nb[i] ?? -1)
    if (d !== 0) return d
  }
  return a < b ? -1 : a > b ? 1 : 0
}

function releaseDate(objects: readonly StixObject[]): string | undefined {
  const day = (value: unknown): string | undefined =>
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : undefined
  const collection = objects.find((o) => o.type === 'x-mitre-collection')
  if (collection !== undefined) {
    const date = day(collection.modified)
    if (date !== undefined) return date
  }
  let latest: string | undefined
  for (const object of objects) {
    if (object.type === 'relationship' || object.type === 'marking-definition' || object.type === 'identity') continue
    const date = day(object.modified)
    if (date !== undefined && (latest === undefined || date > latest)) latest = date
  }
  return latest
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array'
  if (value === null) return 'null'
  return typeof value
}
