// Compact knowledge-base extracts: what `npm run kb:update` writes into kb/ from MITRE's official
// files, and what the bundled knowledge base (and `knowledge_base:` in the configuration) reads back.
// Pure: text in, text out.
import type { Problem } from '../problems.js'
import type { KnowledgeEntry } from './knowledge-base.js'
import { parseCweCatalogue } from './cwe-catalogue.js'
import type { AttackEntry, CapecEntry, CweEntry } from './entries.js'
import { byNumber, keepPreferred, parseStixBundle } from './stix-bundle.js'

export const EXTRACT_FORMAT = 'threatloop-kb/1'
export type CatalogueKind = 'cwe' | 'capec' | 'attack'
export const CATALOGUE_KINDS: readonly CatalogueKind[] = ['cwe', 'capec', 'attack']

/** One catalogue as shipped in kb/: provenance, licence notice and the entries. */
export interface CatalogueExtract {
  format: typeof EXTRACT_FORMAT
  catalogue: CatalogueKind
  title: string
  /** MITRE's version of the catalogue, e.g. `4.15`, `3.9`, `18.1`; null when the source does not say. */
  version: string | null
  /** Release date (YYYY-MM-DD) as the source states it; null when it does not. */
  released: string | null
  /** What the extract was built from (file name and what the file says about itself). */
  source: string
  /** Licence file shipped next to the extract. */
  licence: string
  /** MITRE's copyright designation, reproduced as its licence requires. */
  notice: string
  entries: (CweEntry | CapecEntry | AttackEntry)[]
}

const TITLES: Record<CatalogueKind, string> = {
  cwe: 'MITRE Common Weakness Enumeration (CWE)',
  capec: 'MITRE Common Attack Pattern Enumeration and Classification (CAPEC)',
  attack: 'MITRE ATT&CK Enterprise'
}
const LICENCES: Record<CatalogueKind, string> = { cwe: 'LICENSE-CWE.md', capec: 'LICENSE-MITRE-CTI.txt', attack: 'LICENSE-MITRE-CTI.txt' }
const NOTICES: Record<CatalogueKind, string> = {
  cwe: 'CWE™ is a trademark of The MITRE Corporation. © The MITRE Corporation. Reproduced under the CWE Terms of Use.',
  capec:
    'CAPEC™ is a trademark of The MITRE Corporation. © The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation.',
  attack:
    'ATT&CK® is a registered trademark of The MITRE Corporation. © The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation.'
}
/** File names the extracts are written to in kb/. */
export const EXTRACT_FILES: Record<CatalogueKind, string> = { cwe: 'cwe.json', capec: 'capec.json', attack: 'attack-enterprise.json' }

/** Fields kept per entry, in this order (everything else the parsers read is left out to keep the extract small). */
const KEPT_FIELDS: Record<CatalogueKind, readonly string[]> = {
  cwe: ['id', 'name', 'kind', 'status', 'parents'],
  capec: ['id', 'name', 'status', 'likelihood', 'severity', 'cwe', 'attack'],
  attack: ['id', 'name', 'kind', 'status', 'shortName', 'parent', 'revokedBy', 'tactics', 'mitigations', 'capec']
}

export interface ReadCatalogue {
  extract?: CatalogueExtract
  problems: Problem[]
}

/**
 * Reads one catalogue file in any supported form and returns its extract: MITRE's CWE XML
 * (`cwec_v4.x.xml`, cwe-sdk's `raw/cwe-archive.xml`), the JSON form of that XML that cwe-sdk ships
 * (`raw/cwe-archive.json`), MITRE's CAPEC and ATT&CK STIX 2.1 bundles, a `threatloop-kb/1` extract, or
 * the compact reference extracts of MITRE's catalogues (`cwe_version`/`capec_version`/`tactics`+`techniques`).
 */
export function readCatalogueFile(file: string, rawText: string): ReadCatalogue {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText
  const first = text.trimStart()[0]
  const problem = (code: string, message: string): Problem => ({ file, line: 1, column: 1, path: '', severity: 'error', code, message })
  if (first === '<') {
    const cwe = parseCweCatalogue(text, file)
    if (!cwe.entries) return { problems: cwe.problems }
    return {
      extract: makeExtract(
        'cwe',
        [...cwe.entries.values()],
        cwe.version,
        cwe.date,
        `${baseName(file)} (CWE XML${cwe.version ? ` ${cwe.version}` : ''})`
      ),
      problems: cwe.problems
    }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    // The STIX reader positions JSON syntax errors.
    return { problems: parseStixBundle(text, 'attack', file).problems }
  }
  if (!isObject(json))
    return {
      problems: [
        problem('kb/unknown-format', `${file} is neither a CWE catalogue (XML/JSON), a STIX 2.1 bundle nor a knowledge-base extract`)
      ]
    }
  if (json.format === EXTRACT_FORMAT) {
    const parsed = parseExtract(text, file)
    return parsed.extract ? { extract: parsed.extract, problems: parsed.problems } : { problems: parsed.problems }
  }
  if (json.type === 'bundle') {
    const isAttack =
      Array.isArray(json.objects) &&
      json.objects.some(
        (o) =>
          isObject(o) &&
          Array.isArray(o.external_references) &&
          o.external_references.some((r) => isObject(r) && r.source_name === 'mitre-attack')
      )
    const kind = isAttack ? 'attack' : 'capec'
    const bundle = parseStixBundle(text, kind, file)
    if (!bundle.entries) return { problems: bundle.problems }
    return {
      extract: makeExtract(
        kind,
        [...bundle.entries.values()],
        bundle.version,
        bundle.date,
        `${baseName(file)} (STIX 2.1 bundle${bundle.version ? `, ${kind === 'attack' ? 'ATT&CK' : 'CAPEC'} ${bundle.version}` : ''})`
      ),
      problems: bundle.problems
    }
  }
  if (isObject(json.Weakness_Catalog)) return readCweJson(file, json.Weakness_Catalog)
  if (typeof json.cwe_version === 'string' && Array.isArray(json.weaknesses)) return { extract: readReferenceCwe(file, json), problems: [] }
  if (Array.isArray(json.attack_patterns) && json.capec_version !== undefined)
    return { extract: readReferenceCapec(file, json), problems: [] }
  if (Array.isArray(json.techniques) && Array.isArray(json.tactics)) return { extract: readReferenceAttack(file, json), problems: [] }
  return {
    problems: [
      problem('kb/unknown-format', `${file} is neither a CWE catalogue (XML/JSON), a STIX 2.1 bundle nor a knowledge-base extract`)
    ]
  }
}

/** Deterministic text of an extract: header fields, then one entry per line (small, reviewable diffs). */
export function renderExtract(extract: CatalogueExtract): string {
  const header = { ...extract, entries: undefined }
  const head = JSON.stringify(header, null, 2).replace(/\n}$/, '')
  const lines = extract.entries.map(
    (entry) => '    ' + JSON.stringify(pick(entry as unknown as Record<string, unknown>, KEPT_FIELDS[extract.catalogue]))
  )
  return `${head},\n  "entries": [\n${lines.join(',\n')}\n  ]\n}\n`
}

export interface ParsedExtract {
  extract?: CatalogueExtract
  entries?: Map<string, KnowledgeEntry>
  problems: Problem[]
}

/** Reads a `threatloop-kb/1` extract back into catalogue entries keyed by id. */
export function parseExtract(text: string, file: string): ParsedExtract {
  const fail = (message: string): ParsedExtract => ({
    problems: [{ file, line: 1, column: 1, path: '', severity: 'error', code: 'kb/invalid-extract', message }]
  })
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return fail(`${file} is not valid JSON`)
  }
  if (!isObject(json) || json.format !== EXTRACT_FORMAT) return fail(`${file} is not a ${EXTRACT_FORMAT} knowledge-base extract`)
  if (!CATALOGUE_KINDS.includes(json.catalogue as CatalogueKind) || !Array.isArray(json.entries))
    return fail(`${file}: "catalogue" must be cwe, capec or attack and "entries" a list`)
  const entries = new Map<string, KnowledgeEntry>()
  for (const entry of json.entries) {
    if (isObject(entry) && typeof entry.id === 'string' && typeof entry.name === 'string' && typeof entry.status === 'string')
      entries.set(entry.id, entry as unknown as KnowledgeEntry)
  }
  if (entries.size === 0) return fail(`${file} holds no entries`)
  return { extract: json as unknown as CatalogueExtract, entries, problems: [] }
}

function makeExtract(
  kind: CatalogueKind,
  entries: (CweEntry | CapecEntry | AttackEntry)[],
  version: string | undefined,
  released: string | undefined,
  source: string
): CatalogueExtract {
  // Ids are reused in MITRE's data (old mitigations carry technique ids): one entry per id, the live technique first.
  const unique = new Map<string, CweEntry | CapecEntry | AttackEntry>()
  for (const entry of entries) keepPreferred(unique, entry)
  const kept = [...unique.values()].map(
    (e) => pick(e as unknown as Record<string, unknown>, KEPT_FIELDS[kind]) as unknown as CweEntry | CapecEntry | AttackEntry
  )
  kept.sort((a, b) => byNumber(a.id, b.id))
  return {
    format: EXTRACT_FORMAT,
    catalogue: kind,
    title: TITLES[kind],
    version: version ?? null,
    released: released ?? null,
    source,
    licence: LICENCES[kind],
    notice: NOTICES[kind],
    entries: kept
  }
}

/** cwe-sdk's `raw/cwe-archive.json`: the XML converted element by element, attributes under `attr` as `@_Name`. */
function readCweJson(file: string, catalog: Record<string, unknown>): ReadCatalogue {
  const attrs = (element: unknown): Record<string, unknown> =>
    isObject(element) && isObject(element.attr) ? element.attr : isObject(element) ? element : {}
  const list = (container: unknown, tag: string): unknown[] => {
    if (!isObject(container)) return []
    const items = container[tag]
    return Array.isArray(items) ? items : items === undefined ? [] : [items]
  }
  const attr = (element: unknown, name: string): string | undefined => {
    const a = attrs(element)
    const value = a[`@_${name}`] ?? a[name]
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined
  }
  const entries: CweEntry[] = []
  const add = (element: unknown, kind: CweEntry['kind']): void => {
    const id = attr(element, 'ID')
    const name = attr(element, 'Name')
    if (id === undefined || !/^\d+$/.test(id) || name === undefined) return
    const entry: CweEntry = { id: `CWE-${id}`, name: name.trim(), kind, status: (attr(element, 'Status') ?? 'unknown').toLowerCase() }
    if (kind === 'weakness' && isObject(element)) {
      const parents = list(element.Related_Weaknesses, 'Related_Weakness')
        .filter((r) => attr(r, 'Nature') === 'ChildOf' && attr(r, 'View_ID') === '1000')
        .map((r) => `CWE-${attr(r, 'CWE_ID')}`)
      if (parents.length > 0) entry.parents = [...new Set(parents)]
    }
    entries.push(entry)
  }
  for (const w of list(catalog.Weaknesses, 'Weakness')) add(w, 'weakness')
  for (const c of list(catalog.Categories, 'Category')) add(c, 'category')
  for (const v of list(catalog.Views, 'View')) add(v, 'view')
  if (entries.length === 0)
    return {
      problems: [
        {
          file,
          line: 1,
          column: 1,
          path: '',
          severity: 'error',
          code: 'kb/empty-catalogue',
          message: `${file}: the CWE catalogue holds no weaknesses, categories or views`
        }
      ]
    }
  const version = attr(catalog, 'Version')
  return {
    extract: makeExtract('cwe', entries, version, attr(catalog, 'Date'), `${baseName(file)} (CWE JSON${version ? ` ${version}` : ''})`),
    problems: []
  }
}

type Json = Record<string, unknown>

function readReferenceCwe(file: string, json: Json): CatalogueExtract {
  const entries: CweEntry[] = []
  const add = (items: unknown, kind: CweEntry['kind']): void => {
    for (const item of Array.isArray(items) ? items : []) {
      if (!isObject(item) || typeof item.id !== 'number' || typeof item.name !== 'string') continue
      const entry: CweEntry = { id: `CWE-${item.id}`, name: item.name.trim(), kind, status: str(item.status, 'unknown').toLowerCase() }
      const parents =
        isObject(item.child_of) && Array.isArray(item.child_of['1000']) ? item.child_of['1000'].map((p) => `CWE-${String(p)}`) : []
      if (kind === 'weakness' && parents.length > 0) entry.parents = parents
      entries.push(entry)
    }
  }
  add(json.weaknesses, 'weakness')
  add(json.categories, 'category')
  add(json.views, 'view')
  const date = typeof json.cwe_date === 'string' ? json.cwe_date : undefined
  return makeExtract(
    'cwe',
    entries,
    json.cwe_version as string,
    date,
    `${baseName(file)} (reference extract of ${str(json.source, 'the CWE catalogue')} ${String(json.cwe_version)})`
  )
}

function readReferenceCapec(file: string, json: Json): CatalogueExtract {
  const versions = Array.isArray(json.capec_version) ? json.capec_version.map(String) : [String(json.capec_version)]
  const entries: CapecEntry[] = []
  for (const item of json.attack_patterns as unknown[]) {
    if (!isObject(item) || typeof item.id !== 'number' || typeof item.name !== 'string') continue
    const entry: CapecEntry = {
      id: `CAPEC-${item.id}`,
      name: item.name.trim(),
      kind: 'attack-pattern',
      status: str(item.status, 'unknown').toLowerCase()
    }
    if (typeof item.likelihood === 'string') entry.likelihood = item.likelihood
    if (typeof item.severity === 'string') entry.severity = item.severity
    if (Array.isArray(item.cwe) && item.cwe.length > 0) entry.cwe = item.cwe.map((c) => `CWE-${String(c)}`)
    if (Array.isArray(item.attack) && item.attack.length > 0) entry.attack = item.attack.map(String)
    entries.push(entry)
  }
  // The reference extract states the CAPEC version but not its release date: the date stays unknown.
  return makeExtract(
    'capec',
    entries,
    versions.join(', '),
    undefined,
    `${baseName(file)} (reference extract of ${str(json.source, 'CAPEC')}${provenance(json)})`
  )
}

function readReferenceAttack(file: string, json: Json): CatalogueExtract {
  const entries: AttackEntry[] = []
  for (const item of json.tactics as unknown[]) {
    if (!isObject(item) || typeof item.id !== 'string' || typeof item.name !== 'string') continue
    const entry: AttackEntry = { id: item.id, name: item.name, kind: 'tactic', status: 'active' }
    if (typeof item.shortname === 'string') entry.shortName = item.shortname
    entries.push(entry)
  }
  const mitigationsOf = new Map<string, string[]>()
  for (const item of Array.isArray(json.mitigations) ? json.mitigations : []) {
    if (!isObject(item) || typeof item.id !== 'string' || typeof item.name !== 'string') continue
    entries.push({
      id: item.id,
      name: item.name,
      kind: 'mitigation',
      status: item.revoked === true ? 'revoked' : item.deprecated === true ? 'deprecated' : 'active'
    })
    if (item.revoked === true || item.deprecated === true) continue
    for (const technique of Array.isArray(item.techniques) ? item.techniques : []) {
      const list = mitigationsOf.get(String(technique)) ?? []
      list.push(item.id)
      mitigationsOf.set(String(technique), list)
    }
  }
  for (const item of json.techniques as unknown[]) {
    if (!isObject(item) || typeof item.id !== 'string' || typeof item.name !== 'string') continue
    const entry: AttackEntry = {
      id: item.id,
      name: item.name,
      kind: typeof item.parent === 'string' ? 'sub-technique' : 'technique',
      status: item.revoked === true ? 'revoked' : item.deprecated === true ? 'deprecated' : 'active'
    }
    if (typeof item.parent === 'string') entry.parent = item.parent
    if (Array.isArray(item.tactics) && item.tactics.length > 0) entry.tactics = item.tactics.map(String).sort()
    const mitigations = mitigationsOf.get(item.id)
    if (mitigations !== undefined) entry.mitigations = [...new Set(mitigations)].sort(byNumber)
    if (Array.isArray(item.capec) && item.capec.length > 0) entry.capec = item.capec.map(String).sort(byNumber)
    entries.push(entry)
  }
  const cti = isObject(json.cti) ? json.cti : {}
  const subject = typeof cti.commit_subject === 'string' ? cti.commit_subject : ''
  const version = /ATT&CK v(\d+(?:\.\d+)*)/.exec(subject)?.[1]
  // The reference extract comes from the commit that published this ATT&CK release: its date is the release date.
  const released =
    typeof cti.commit_date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(cti.commit_date) ? cti.commit_date.slice(0, 10) : undefined
  return makeExtract(
    'attack',
    entries,
    version,
    released,
    `${baseName(file)} (reference extract of ${str(json.source, 'ATT&CK')}${provenance(json)})`
  )
}

function provenance(json: Json): string {
  const cti = isObject(json.cti) ? json.cti : undefined
  return cti && typeof cti.commit === 'string'
    ? `, commit ${cti.commit.slice(0, 12)}${typeof cti.commit_subject === 'string' ? ` "${cti.commit_subject}"` : ''}`
    : ''
}

function pick(entry: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const field of fields) {
    const value = entry[field]
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue
    out[field] = value
  }
  return out
}

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback
}

function baseName(file: string): string {
  return file.replace(/\\/g, '/').split('/').pop() ?? file
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
