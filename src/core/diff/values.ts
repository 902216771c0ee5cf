import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from 'diff'
import type { FieldChange, JsonValue } from './types.js'

/** Base id → head id of every element detected as renamed. */
export type RenameMap = ReadonlyMap<string, string>

/**
 * How the values of one section are compared. Paths are patterns: keys joined by `.`, list entries
 * written `[]` (so `effects[].threat` is the threat of any effect).
 */
export interface ValueSpec {
  /** Paths whose values are element ids: base values are read through the rename map. */
  refs: ReadonlySet<string>
  /** Lists of scalars whose order matters; every other scalar list is compared as a set. */
  ordered: ReadonlySet<string>
}

/** Fields always shown with a unified diff when they change. */
const TEXT_FIELDS = new Set(['description', 'verification', 'summary', 'text', 'reason', 'prerequisites', 'action', 'business_impact'])
/** A string longer than this (or spanning lines) counts as text and gets a unified diff. */
const TEXT_LENGTH = 80

type Plain = Record<string, unknown>

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Absent, empty list and empty mapping all mean "nothing here" in a model. */
export function isAbsent(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (Array.isArray(value)) return value.length === 0
  if (isPlainObject(value)) {
    for (const key in value) if (!isAbsent(value[key])) return false
    return true
  }
  return false
}

/** Line endings and trailing whitespace are formatting, not content. */
export function normalizeText(value: string): string {
  return value.includes('\r') ? value.replace(/\r\n?/g, '\n').trimEnd() : value.trimEnd()
}

/** Exact structural equality of two plain values, ignoring key order (the cheap first check). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const ao = a as Plain
  const bo = b as Plain
  let count = 0
  for (const key in ao) {
    if (ao[key] === undefined) continue
    count++
    if (!jsonEqual(ao[key], bo[key])) return false
  }
  for (const key in bo) if (bo[key] !== undefined) count--
  return count === 0
}

/** A deep copy holding only JSON values (drops undefined keys). */
export function toJson(value: unknown): JsonValue {
  if (value === undefined || value === null) return null
  if (Array.isArray(value)) return value.map(toJson)
  if (isPlainObject(value)) {
    const out: { [key: string]: JsonValue } = {}
    for (const key of Object.keys(value)) if (value[key] !== undefined) out[key] = toJson(value[key])
    return out
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  return null
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

/**
 * Key of an entry of a list of objects: the natural key where one exists (an effect is keyed by its
 * threat and factor), else its id. `threatId` reads the effect's threat as the caller needs it.
 */
function naturalKey(pattern: string, entry: Plain, threatId: (id: string) => string): string | undefined {
  if (pattern === 'effects' && typeof entry.threat === 'string') return `${threatId(entry.threat)}/${String(entry.reduces)}`
  return typeof entry.id === 'string' ? entry.id : undefined
}

/** Entries of an object list by natural key; duplicates get `#2`, `#3`; undefined when some entry has no key. */
function keyEntries(pattern: string, list: unknown[], threatId: (id: string) => string): Map<string, unknown> | undefined {
  const out = new Map<string, unknown>()
  for (const entry of list) {
    if (!isPlainObject(entry)) return undefined
    const key = naturalKey(pattern, entry, threatId)
    if (key === undefined) return undefined
    let unique = key
    for (let n = 2; out.has(unique); n++) unique = `${key}#${n}`
    out.set(unique, entry)
  }
  return out
}

const asIs = (id: string): string => id

function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`
}

/** Orders strings by code units, with runs of digits compared as numbers (T-2 before T-10). */
export function compareNatural(a: string, b: string): number {
  if (a === b) return 0
  const chunk = /(\d+|\D+)/g
  const ac = a.match(chunk) ?? []
  const bc = b.match(chunk) ?? []
  for (let i = 0; i < Math.min(ac.length, bc.length); i++) {
    const x = ac[i]
    const y = bc[i]
    if (x === y) continue
    const xd = x.charCodeAt(0) >= 48 && x.charCodeAt(0) <= 57
    const yd = y.charCodeAt(0) >= 48 && y.charCodeAt(0) <= 57
    if (xd && yd) {
      const nx = BigInt(x)
      const ny = BigInt(y)
      if (nx !== ny) return nx < ny ? -1 : 1
    }
    return x < y ? -1 : 1
  }
  if (ac.length !== bc.length) return ac.length - bc.length
  return a < b ? -1 : 1
}

/** Compares base and head values of one section's elements and records field changes. */
export class FieldDiffer {
  constructor(
    private readonly spec: ValueSpec,
    private readonly renames: RenameMap,
    /** Prefix of the file names in unified diffs, e.g. `threats/T-001`. */
    private readonly label: string
  ) {}

  /** Field changes between a base and a head element, ordered by path. */
  diff(before: unknown, after: unknown): FieldChange[] {
    const out: FieldChange[] = []
    this.compare(before, after, '', '', out)
    return out
  }

  private mapRef(pattern: string, value: unknown): unknown {
    return typeof value === 'string' && this.spec.refs.has(pattern) ? (this.renames.get(value) ?? value) : value
  }

  private compare(before: unknown, after: unknown, path: string, pattern: string, out: FieldChange[]): void {
    if (Array.isArray(before) || Array.isArray(after)) {
      if (this.compareLists(before, after, path, pattern, out)) return
    }
    const beforeAbsent = isAbsent(before)
    const afterAbsent = isAbsent(after)
    if (beforeAbsent && afterAbsent) return
    if (beforeAbsent) {
      const change: FieldChange = { path, change: 'added', after: toJson(after) }
      if (typeof after === 'string' && isText(pattern, '', after)) change.patch = this.patch(path, '', normalizeText(after))
      out.push(change)
      return
    }
    if (afterAbsent) {
      const change: FieldChange = { path, change: 'removed', before: toJson(before) }
      if (typeof before === 'string' && isText(pattern, before, '')) change.patch = this.patch(path, normalizeText(before), '')
      out.push(change)
      return
    }
    if (isPlainObject(before) && isPlainObject(after)) {
      const keys = new Set([...Object.keys(before), ...Object.keys(after)])
      for (const key of [...keys].sort()) this.compare(before[key], after[key], childPath(path, key), childPath(pattern, key), out)
      return
    }
    if (typeof before === 'string' && typeof after === 'string') {
      const b = normalizeText(String(this.mapRef(pattern, before)))
      const a = normalizeText(after)
      if (a === b) return
      const change: FieldChange = { path, change: 'modified', before, after }
      if (isText(pattern, b, a)) change.patch = this.patch(path, b, a)
      out.push(change)
      return
    }
    if (this.equivalent(before, after, pattern)) return
    out.push({ path, change: 'modified', before: toJson(before), after: toJson(after) })
  }

  /** Handles lists; returns false when the values are not both lists (or absent) of a kind it compares. */
  private compareLists(before: unknown, after: unknown, path: string, pattern: string, out: FieldChange[]): boolean {
    const b = before === undefined || before === null ? [] : before
    const a = after === undefined || after === null ? [] : after
    if (!Array.isArray(b) || !Array.isArray(a)) return false
    const entryPattern = `${pattern}[]`
    if (!this.spec.ordered.has(pattern) && b.every(isScalar) && a.every(isScalar)) {
      // A list of scalars is a set: report members gained and lost, in the base's own spelling.
      const baseByKey = new Map<string, unknown>()
      for (const value of b) {
        const mapped = this.mapRef(entryPattern, value)
        baseByKey.set(memberKey(mapped), value)
      }
      const headKeys = new Set<string>()
      const addedMembers: unknown[] = []
      for (const value of a) {
        const key = memberKey(value)
        if (!headKeys.has(key) && !baseByKey.has(key)) addedMembers.push(value)
        headKeys.add(key)
      }
      const removedMembers = [...baseByKey].filter(([key]) => !headKeys.has(key)).map(([, value]) => value)
      if (addedMembers.length === 0 && removedMembers.length === 0) return true
      const change: FieldChange = { path, change: 'members' }
      if (before !== undefined) change.before = toJson(before)
      if (after !== undefined) change.after = toJson(after)
      // Members in a fixed order, so the same change reads the same whatever the lists' order.
      change.addedMembers = addedMembers.sort(compareMembers).map(toJson)
      change.removedMembers = removedMembers.sort(compareMembers).map(toJson)
      out.push(change)
      return true
    }
    const baseEntries = keyEntries(pattern, b, (id) => this.renames.get(id) ?? id)
    const headEntries = keyEntries(pattern, a, asIs)
    if (baseEntries && headEntries) {
      const keys = [...new Set([...baseEntries.keys(), ...headEntries.keys()])].sort(compareNatural)
      for (const key of keys) this.compare(baseEntries.get(key), headEntries.get(key), `${path}[${key}]`, entryPattern, out)
      return true
    }
    if (isAbsent(b) || isAbsent(a)) return false
    if (!this.equivalent(b, a, pattern)) out.push({ path, change: 'modified', before: toJson(before), after: toJson(after) })
    return true
  }

  /** Equality after normalisation (text, references, set lists). */
  private equivalent(before: unknown, after: unknown, pattern: string): boolean {
    const probe: FieldChange[] = []
    if (Array.isArray(before) && Array.isArray(after) && this.spec.ordered.has(pattern)) {
      if (before.length !== after.length) return false
      for (let i = 0; i < before.length; i++) {
        this.compare(before[i], after[i], '', `${pattern}[]`, probe)
        if (probe.length > 0) return false
      }
      return true
    }
    if (typeof before === 'string' && typeof after === 'string') {
      return normalizeText(String(this.mapRef(pattern, before))) === normalizeText(after)
    }
    if (isScalar(before) || isScalar(after)) return before === after
    if (isPlainObject(before) && isPlainObject(after)) {
      this.compare(before, after, '', pattern, probe)
      return probe.length === 0
    }
    return jsonEqual(before, after)
  }

  private patch(path: string, before: string, after: string): string {
    const name = `${this.label}/${path}`
    return formatPatch(
      structuredPatch(`a/${name}`, `b/${name}`, asLines(before), asLines(after), undefined, undefined, { context: 3 }),
      FILE_HEADERS_ONLY
    )
  }

  /**
   * A canonical text of an element (id aside) with every reference blanked out: elements that differ
   * only in ids and references share it, which makes it a cheap pre-filter for rename candidates.
   */
  contentKey(element: Plain): string {
    return this.canonical(element, '', true)
  }

  /** Canonical text of a value; `~` for an absent one (absent, empty list and empty mapping alike). */
  private canonical(value: unknown, pattern: string, root = false): string {
    if (value === undefined || value === null) return '~'
    if (Array.isArray(value)) {
      if (value.length === 0) return '~'
      const entryPattern = `${pattern}[]`
      const entries = value.map((entry) => this.canonical(entry, entryPattern))
      if (this.spec.ordered.has(pattern)) return `[${entries.join(',')}]`
      return `{${[...new Set(entries)].sort().join(',')}}`
    }
    if (isPlainObject(value)) {
      const parts: string[] = []
      for (const key of Object.keys(value).sort()) {
        if (root && key === 'id') continue
        const part = this.canonical(value[key], childPath(pattern, key))
        if (part !== '~') parts.push(`${key}:${part}`)
      }
      return parts.length === 0 ? '~' : `(${parts.join(',')})`
    }
    if (typeof value === 'string') return this.spec.refs.has(pattern) ? '#' : JSON.stringify(normalizeText(value))
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '?'
  }

  /**
   * Leaves of an element (id aside) for the similarity score: path → normalised scalar. Base references are read
   * through the rename map; references to `unresolved` ids (elements that may themselves have been
   * renamed, not yet paired) are left out, so they neither help nor hurt the score.
   */
  leaves(value: Plain, side: 'base' | 'head', unresolved: ReadonlySet<string>): Map<string, string | number | boolean> {
    const out = new Map<string, string | number | boolean>()
    const resolve = (id: string): string | undefined => {
      const mapped = side === 'base' ? (this.renames.get(id) ?? id) : id
      return mapped === id && unresolved.has(id) ? undefined : mapped
    }
    if (isPlainObject(value)) {
      for (const key of Object.keys(value)) if (key !== 'id') this.collect(value[key], key, key, resolve, out)
    }
    return out
  }

  private collect(
    value: unknown,
    path: string,
    pattern: string,
    resolve: (id: string) => string | undefined,
    out: Map<string, string | number | boolean>
  ): void {
    if (isAbsent(value)) return
    if (Array.isArray(value)) {
      const entryPattern = `${pattern}[]`
      if (!this.spec.ordered.has(pattern) && value.every(isScalar)) {
        const isRef = this.spec.refs.has(entryPattern)
        for (const member of value) {
          const resolved = isRef && typeof member === 'string' ? resolve(member) : member
          if (resolved !== undefined) out.set(`${path}[]${memberKey(resolved)}`, true)
        }
        return
      }
      const entries = keyEntries(pattern, value, (id) => resolve(id) ?? '?')
      if (entries) {
        for (const [key, entry] of entries) this.collect(entry, `${path}[${key}]`, entryPattern, resolve, out)
        return
      }
      value.forEach((entry, i) => this.collect(entry, `${path}[${i}]`, entryPattern, resolve, out))
      return
    }
    if (isPlainObject(value)) {
      for (const key of Object.keys(value)) this.collect(value[key], childPath(path, key), childPath(pattern, key), resolve, out)
      return
    }
    if (typeof value === 'string') {
      const resolved = this.spec.refs.has(pattern) ? resolve(value) : value
      if (resolved !== undefined) out.set(path, normalizeText(resolved))
      return
    }
    if (isScalar(value)) out.set(path, value)
  }
}

/** Text as whole lines for the patch; an absent text has no lines at all. */
function asLines(text: string): string {
  return text === '' ? '' : `${text}\n`
}

function compareMembers(a: unknown, b: unknown): number {
  return compareNatural(memberKey(a), memberKey(b))
}

function memberKey(value: unknown): string {
  return typeof value === 'string' ? `s:${normalizeText(value)}` : `${typeof value}:${String(value)}`
}

function isText(pattern: string, before: string, after: string): boolean {
  const key = pattern.slice(pattern.lastIndexOf('.') + 1)
  return TEXT_FIELDS.has(key) || before.includes('\n') || after.includes('\n') || before.length > TEXT_LENGTH || after.length > TEXT_LENGTH
}

/** Strings this long or longer are compared by shared letter pairs rather than all-or-nothing. */
const FUZZY_TEXT_LENGTH = 16

/** Similarity of two elements' leaves, 0–1: matching leaves over all leaves, long texts by letter-pair overlap. */
export function leafSimilarity(
  a: ReadonlyMap<string, string | number | boolean>,
  b: ReadonlyMap<string, string | number | boolean>
): number {
  let union = a.size
  let score = 0
  for (const [key, value] of b) {
    if (!a.has(key)) {
      union++
      continue
    }
    const other = a.get(key)
    if (other === value) score += 1
    else if (typeof other === 'string' && typeof value === 'string' && Math.max(other.length, value.length) >= FUZZY_TEXT_LENGTH)
      score += bigramDice(other, value)
  }
  return union === 0 ? 0 : score / union
}

/** Sørensen–Dice coefficient over the letter pairs of two strings. */
export function bigramDice(a: string, b: string): number {
  if (a === b) return 1
  if (a.length < 2 || b.length < 2) return 0
  const counts = new Map<string, number>()
  for (let i = 0; i < a.length - 1; i++) {
    const pair = a.slice(i, i + 2)
    counts.set(pair, (counts.get(pair) ?? 0) + 1)
  }
  let shared = 0
  for (let i = 0; i < b.length - 1; i++) {
    const pair = b.slice(i, i + 2)
    const count = counts.get(pair) ?? 0
    if (count > 0) {
      counts.set(pair, count - 1)
      shared++
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1)
}
