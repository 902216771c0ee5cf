// STIX 2.1 sighting bundles from a threat-intelligence platform: which ATT&CK techniques were seen,
// how often and when. Validated against STIX 2.1's structure; every problem carries its position.
import { findJsonSyntaxError, locateJsonValue } from '../kb/json-text.js'
import { LineIndex } from '../model/yaml-document.js'
import { formatDocumentPath, type DocumentPath, type Problem } from '../problems.js'
import type { TechniqueEvidence } from './types.js'

const STIX_ID = /^([a-z][a-z0-9-]+)--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/
const TECHNIQUE = /^T\d{4}(\.\d{3})?$/
const MAX_LISTED = 50
/** Objects of a bundle read at most (a bundle is data the run is driven by: bound it). */
export const MAX_STIX_OBJECTS = 200_000

export interface SightingsResult {
  sightings: TechniqueEvidence[]
  problems: Problem[]
}

type Obj = Record<string, unknown>

/**
 * Reads the `sighting` objects of a STIX 2.1 bundle. A sighting counts for an ATT&CK technique when
 * `sighting_of_ref` points at an `attack-pattern` with a `mitre-attack` external id, or at an
 * `indicator` or `malware` that a relationship (`indicates`, `uses`) links to such an attack pattern.
 * `knownTechnique` says whether an id exists in the ATT&CK catalogue; unknown ids are errors.
 */
export function parseStixSightings(jsonText: string, file: string, knownTechnique: (id: string) => boolean): SightingsResult {
  const text = jsonText.charCodeAt(0) === 0xfeff ? jsonText.slice(1) : jsonText
  let lines: LineIndex | undefined
  const problems: Problem[] = []
  let listed = 0
  const at = (path: DocumentPath, offset?: number): { line: number; column: number } => {
    lines ??= new LineIndex(text)
    return lines.position(offset ?? locateJsonValue(text, path) ?? 0)
  }
  const report = (code: string, message: string, path: DocumentPath, severity: 'error' | 'warning' = 'error', offset?: number): void => {
    if (++listed > MAX_LISTED) return
    problems.push({ file, ...at(path, offset), path: formatDocumentPath(path), severity, code, message })
  }
  let bundle: unknown
  try {
    bundle = JSON.parse(text)
  } catch {
    const error = findJsonSyntaxError(text) ?? { offset: 0, message: 'the text is not valid JSON' }
    const truncated = error.offset >= text.trimEnd().length || error.message === 'unterminated string'
    const note = text.trim() === '' ? ' (the file is empty)' : truncated ? ' (the file ends early: truncated?)' : ''
    report('intel/invalid-json', `not a valid STIX bundle: ${error.message}${note}`, [], 'error', error.offset)
    return { sightings: [], problems }
  }
  if (!isObj(bundle) || bundle.type !== 'bundle' || !Array.isArray(bundle.objects)) {
    report('intel/not-stix', 'expected a STIX 2.1 bundle: {"type": "bundle", "id": "bundle--<uuid>", "objects": [...]}', [])
    return { sightings: [], problems }
  }
  if (typeof bundle.id !== 'string' || !bundle.id.startsWith('bundle--') || !STIX_ID.test(bundle.id))
    report('intel/stix-structure', 'the bundle needs an "id" of the form bundle--<uuid>', ['id'], 'warning')
  const objects = bundle.objects as unknown[]
  if (objects.length > MAX_STIX_OBJECTS) {
    report('intel/too-large', `the bundle holds ${objects.length} objects; at most ${MAX_STIX_OBJECTS} are read`, ['objects'])
    return { sightings: [], problems }
  }
  const byId = new Map<string, { object: Obj; index: number }>()
  for (let index = 0; index < objects.length; index++) {
    const object = objects[index]
    const path: DocumentPath = ['objects', index]
    if (!isObj(object)) {
      report('intel/stix-structure', `objects[${index}] is not a STIX object`, path)
      continue
    }
    if (typeof object.type !== 'string' || typeof object.id !== 'string') {
      report('intel/stix-structure', `objects[${index}] needs "type" and "id" strings`, path)
      continue
    }
    const match = STIX_ID.exec(object.id)
    if (!match || match[1] !== object.type) {
      report(
        'intel/stix-structure',
        `objects[${index}].id must be "${object.type}--<uuid>", got ${JSON.stringify(object.id).slice(0, 80)}`,
        [...path, 'id']
      )
      continue
    }
    if (object.type !== 'marking-definition' && object.spec_version !== '2.1') {
      report('intel/stix-version', `${object.id} has spec_version ${JSON.stringify(object.spec_version ?? null)}; expected "2.1"`, [
        ...path,
        object.spec_version === undefined ? 'type' : 'spec_version'
      ])
      continue
    }
    byId.set(object.id, { object, index })
  }
  // attack-pattern stix id → technique id
  const techniqueOf = new Map<string, string>()
  for (const [id, { object, index }] of byId) {
    if (object.type !== 'attack-pattern') continue
    const refs = Array.isArray(object.external_references) ? object.external_references : []
    const refIndex = refs.findIndex((r) => isObj(r) && r.source_name === 'mitre-attack')
    if (refIndex < 0) continue
    const external = (refs[refIndex] as Obj).external_id
    const path: DocumentPath = ['objects', index, 'external_references', refIndex, 'external_id']
    if (typeof external !== 'string' || !TECHNIQUE.test(external)) {
      report(
        'intel/unknown-technique',
        `${id} names ATT&CK id ${JSON.stringify(external ?? null)}, which is not a technique id (T1234 or T1234.001)`,
        path
      )
      continue
    }
    if (!knownTechnique(external)) {
      report('intel/unknown-technique', `${id} names ATT&CK technique ${external}, which the ATT&CK catalogue does not know`, path)
      continue
    }
    techniqueOf.set(id, external)
  }
  // indicator/malware → attack patterns, through `indicates` and `uses` relationships
  const linked = new Map<string, Set<string>>()
  for (const { object } of byId.values()) {
    if (object.type !== 'relationship' || !['indicates', 'uses'].includes(String(object.relationship_type))) continue
    const technique = techniqueOf.get(String(object.target_ref))
    if (technique === undefined) continue
    const set = linked.get(String(object.source_ref)) ?? new Set<string>()
    set.add(technique)
    linked.set(String(object.source_ref), set)
  }
  const sightings: TechniqueEvidence[] = []
  for (const [id, { object, index }] of byId) {
    if (object.type !== 'sighting') continue
    const path: DocumentPath = ['objects', index]
    const ref = object.sighting_of_ref
    if (typeof ref !== 'string' || !STIX_ID.test(ref)) {
      report('intel/stix-structure', `${id} needs "sighting_of_ref" (the id of what was sighted)`, path)
      continue
    }
    let count = 1
    if (object.count !== undefined) {
      if (typeof object.count !== 'number' || !Number.isInteger(object.count) || object.count < 0 || object.count > 999_999_999) {
        report('intel/stix-structure', `${id}: "count" must be a whole number from 0 to 999999999`, [...path, 'count'])
        continue
      }
      count = object.count
    }
    const times: Record<'first_seen' | 'last_seen', string | null> = { first_seen: null, last_seen: null }
    let badTime = false
    for (const key of ['first_seen', 'last_seen'] as const) {
      const value = object[key]
      if (value === undefined) continue
      if (typeof value !== 'string' || !TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
        report('intel/stix-structure', `${id}: "${key}" must be a STIX timestamp such as 2025-01-31T12:00:00Z`, [...path, key])
        badTime = true
        continue
      }
      times[key] = value.slice(0, 10)
    }
    if (badTime) continue
    if (times.first_seen && times.last_seen && times.last_seen < times.first_seen) {
      report('intel/stix-structure', `${id}: "last_seen" is before "first_seen"`, [...path, 'last_seen'])
      continue
    }
    const target = byId.get(ref)
    const techniques = techniqueOf.has(ref) ? [techniqueOf.get(ref) as string] : [...(linked.get(ref) ?? [])]
    if (techniques.length === 0) {
      if (target === undefined)
        report(
          'intel/unresolved-sighting',
          `${id}: sighting_of_ref ${ref} is not in the bundle, so its technique is unknown; the sighting is ignored`,
          [...path, 'sighting_of_ref'],
          'warning'
        )
      else if (target.object.type !== 'attack-pattern')
        report(
          'intel/unresolved-sighting',
          `${id}: ${ref} is not related to an ATT&CK attack pattern (by "indicates" or "uses"); the sighting is ignored`,
          [...path, 'sighting_of_ref'],
          'warning'
        )
      continue
    }
    const lastSeen =
      times.last_seen ??
      times.first_seen ??
      (typeof object.modified === 'string' && TIMESTAMP.test(object.modified) ? object.modified.slice(0, 10) : null)
    for (const technique of techniques)
      sightings.push({ kind: 'sighting', id, technique, count, firstSeen: times.first_seen, lastSeen, file })
  }
  if (listed > MAX_LISTED)
    problems.push({
      file,
      line: 1,
      column: 1,
      path: '',
      severity: 'warning',
      code: 'intel/stix-structure',
      message: `${listed - MAX_LISTED} more problems are not listed`
    })
  return { sightings, problems }
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
