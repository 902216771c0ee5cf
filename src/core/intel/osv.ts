// OSV (osv.dev) advisories for the components of a model: which purls to ask about, what the
// answers mean. The HTTP calls live in the adapter (src/adapters/osv/osv-client.ts).
import type { Component } from '../model/schema.js'
import type { Advisory } from './types.js'

export interface Purl {
  /** The purl as written in the model. */
  text: string
  type: string
  namespace: string | null
  name: string
  version: string
  /** `pkg:type/namespace/name@version` without qualifiers and subpath: what OSV is asked. */
  query: string
  /** OSV ecosystem and package name, when the purl type has one. */
  ecosystem: string | null
  osvName: string
}

const ECOSYSTEMS: Record<string, string> = {
  npm: 'npm',
  pypi: 'PyPI',
  maven: 'Maven',
  golang: 'Go',
  cargo: 'crates.io',
  gem: 'RubyGems',
  nuget: 'NuGet',
  composer: 'Packagist',
  hex: 'Hex',
  pub: 'Pub',
  swift: 'SwiftURL',
  cocoapods: 'CocoaPods',
  hackage: 'Hackage',
  cran: 'CRAN'
}

/** Parses a package URL (purl) that carries a version; undefined for anything else. */
export function parsePurl(text: string): Purl | undefined {
  const match = /^pkg:([a-zA-Z][a-zA-Z0-9.+-]*)\/([^@?#]+)@([^?#]+)(?:\?[^#]*)?(?:#.*)?$/.exec(text.trim())
  if (!match) return undefined
  const type = match[1].toLowerCase()
  let segments: string[]
  let version: string
  try {
    segments = match[2]
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s))
    version = decodeURIComponent(match[3])
  } catch {
    return undefined
  }
  if (segments.length === 0 || version === '') return undefined
  const name = segments[segments.length - 1]
  const namespace = segments.length > 1 ? segments.slice(0, -1).join('/') : null
  let osvName = namespace ? `${namespace}/${name}` : name
  if (type === 'maven' && namespace) osvName = `${namespace}:${name}`
  if (type === 'pypi') osvName = name.toLowerCase().replace(/[-_.]+/g, '-')
  const query = `pkg:${type}/${match[2]}@${match[3]}`
  return { text: text.trim(), type, namespace, name, version, query, ecosystem: ECOSYSTEMS[type] ?? null, osvName }
}

/** The versioned purls among a component's technologies. */
export function componentPurls(component: Component): Purl[] {
  return (component.technologies ?? []).flatMap((t) => parsePurl(t) ?? [])
}

type Obj = Record<string, unknown>

/** Summarises an OSV vulnerability record for one package. */
export function advisoryFromOsv(vuln: unknown, purl: Purl | undefined): Advisory | undefined {
  if (!isObj(vuln) || typeof vuln.id !== 'string') return undefined
  const aliases = Array.isArray(vuln.aliases) ? vuln.aliases.filter((a): a is string => typeof a === 'string').slice(0, 20) : []
  const specific = isObj(vuln.database_specific) ? vuln.database_specific : {}
  let severity: string | null = typeof specific.severity === 'string' ? specific.severity : null
  if (severity === null && Array.isArray(vuln.severity)) {
    const first = vuln.severity.find((s) => isObj(s) && typeof s.score === 'string') as Obj | undefined
    if (first) severity = String(first.score)
  }
  const cwe = Array.isArray(specific.cwe_ids)
    ? specific.cwe_ids.filter((c): c is string => typeof c === 'string' && /^CWE-\d+$/.test(c))
    : []
  const fixed = new Set<string>()
  for (const affected of Array.isArray(vuln.affected) ? vuln.affected : []) {
    if (!isObj(affected) || (purl && !samePackage(affected.package, purl))) continue
    for (const range of Array.isArray(affected.ranges) ? affected.ranges : []) {
      for (const event of isObj(range) && Array.isArray(range.events) ? range.events : []) {
        if (isObj(event) && typeof event.fixed === 'string') fixed.add(event.fixed)
      }
    }
  }
  const advisory: Advisory = { id: vuln.id, aliases, severity, cwe, fixed: [...fixed].slice(0, 20) }
  if (typeof vuln.summary === 'string') advisory.summary = vuln.summary.slice(0, 300)
  if (typeof vuln.modified === 'string') advisory.modified = vuln.modified
  return advisory
}

/**
 * Whether an OSV record affects the purl's version, judged offline (for `--osv-file`): the version
 * is listed under `versions`, or lies in a SEMVER/ECOSYSTEM range (`introduced` ≤ version < `fixed`,
 * or ≤ `last_affected`), versions compared by their dotted numbers.
 */
export function affectsVersion(vuln: unknown, purl: Purl): boolean {
  if (!isObj(vuln)) return false
  for (const affected of Array.isArray(vuln.affected) ? vuln.affected : []) {
    if (!isObj(affected) || !samePackage(affected.package, purl)) continue
    if (Array.isArray(affected.versions) && affected.versions.includes(purl.version)) return true
    for (const range of Array.isArray(affected.ranges) ? affected.ranges : []) {
      if (!isObj(range) || !['SEMVER', 'ECOSYSTEM'].includes(String(range.type)) || !Array.isArray(range.events)) continue
      let inside = false
      for (const event of range.events) {
        if (!isObj(event)) continue
        if (typeof event.introduced === 'string' && (event.introduced === '0' || compareVersions(purl.version, event.introduced) >= 0))
          inside = true
        if (typeof event.fixed === 'string' && compareVersions(purl.version, event.fixed) >= 0) inside = false
        if (typeof event.last_affected === 'string' && compareVersions(purl.version, event.last_affected) > 0) inside = false
      }
      if (inside) return true
    }
  }
  return false
}

function samePackage(pkg: unknown, purl: Purl): boolean {
  if (!isObj(pkg)) return false
  if (typeof pkg.purl === 'string') {
    const bare = pkg.purl.replace(/@.*$/, '').toLowerCase()
    if (bare === purl.query.replace(/@[^@]*$/, '').toLowerCase()) return true
  }
  return (
    purl.ecosystem !== null &&
    pkg.ecosystem === purl.ecosystem &&
    typeof pkg.name === 'string' &&
    pkg.name.toLowerCase() === purl.osvName.toLowerCase()
  )
}

/** Compares versions by their dotted numeric parts, then pre-releases before releases. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string): { nums: number[]; pre: string } => {
    const [core, ...pre] = v.replace(/^v/, '').split('-')
    return { nums: core.split('.').map((n) => parseInt(n, 10) || 0), pre: pre.join('-') }
  }
  const x = parse(a)
  const y = parse(b)
  for (let i = 0; i < Math.max(x.nums.length, y.nums.length); i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0)
    if (d !== 0) return d
  }
  if (x.pre === y.pre) return 0
  if (x.pre === '') return 1
  if (y.pre === '') return -1
  return x.pre < y.pre ? -1 : 1
}

/** The records of an OSV export file: one record, a list, `{ "vulns": [...] }` or `{ "results": [{ "vulns": [...] }] }`. */
export function osvExportRecords(json: unknown): unknown[] | undefined {
  if (Array.isArray(json)) return json as unknown[]
  if (!isObj(json)) return undefined
  if (Array.isArray(json.vulns)) return json.vulns as unknown[]
  if (Array.isArray(json.results))
    return (json.results as unknown[]).flatMap((r) => (isObj(r) && Array.isArray(r.vulns) ? (r.vulns as unknown[]) : []))
  if (typeof json.id === 'string') return [json]
  return undefined
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
