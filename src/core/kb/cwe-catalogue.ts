import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { Problem } from '../problems.js'
import { LineIndex } from '../model/yaml-document.js'
import type { CweEntry } from './entries.js'

export interface CweCatalogue {
  /** Weaknesses, categories and views keyed `CWE-<n>`; absent when the file is unusable. */
  entries?: Map<string, CweEntry>
  /** Catalogue version and release date from the root element, e.g. `4.15`, `2024-07-16`. */
  version?: string
  date?: string
  problems: Problem[]
}

/** The parent relationships of this view form CWE's main hierarchy (Research Concepts). */
const RESEARCH_VIEW = '1000'

/**
 * Prose sections of an entry are skipped unparsed: only ids, names, statuses and relationships are
 * read, which keeps parsing the 15 MB catalogue well under a second and its memory small.
 */
const SKIPPED_SECTIONS = [
  'Description',
  'Extended_Description',
  'Background_Details',
  'Alternate_Terms',
  'Modes_Of_Introduction',
  'Common_Consequences',
  'Detection_Methods',
  'Potential_Mitigations',
  'Demonstrative_Examples',
  'Observed_Examples',
  'Functional_Areas',
  'Affected_Resources',
  'Taxonomy_Mappings',
  'Related_Attack_Patterns',
  'References',
  'Notes',
  'Content_History',
  'Applicable_Platforms',
  'Weakness_Ordinalities',
  'Summary',
  'Objective',
  'Audience',
  'Filter',
  'External_References'
].map((section) => `*.${section}`)

/** Entry problems reported one by one before the rest are summarised. */
const MAX_LISTED_PROBLEMS = 20

const REPEATED = new Set(['Weakness', 'Category', 'View', 'Related_Weakness', 'Has_Member'])

type XmlElement = Record<string, unknown>

/** Reads MITRE's CWE catalogue XML (cwe_schema v7, as in cwe-sdk or cwec_v4.x.xml) into entries. */
export function parseCweCatalogue(xmlText: string, file = 'cwec.xml'): CweCatalogue {
  const text = xmlText.charCodeAt(0) === 0xfeff ? xmlText.slice(1) : xmlText
  const fail = (code: string, message: string, line = 1, column = 1): CweCatalogue => ({
    problems: [{ file, line, column, path: '', severity: 'error', code, message }]
  })

  const validation = XMLValidator.validate(text)
  if (validation !== true) {
    return fail('kb/invalid-xml', `invalid XML in the CWE catalogue: ${validation.err.msg}`, validation.err.line, validation.err.col)
  }
  // Entities are left as written: the catalogue uses only XML's predefined ones, which
  // decodeXmlText handles, and not expanding DOCTYPE entities keeps entity bombs harmless.
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    removeNSPrefix: true,
    stopNodes: SKIPPED_SECTIONS,
    isArray: (name) => REPEATED.has(name)
  })
  const document = parser.parse(text) as XmlElement
  const catalog = document.Weakness_Catalog
  if (!isElement(catalog)) {
    const root = Object.keys(document).find((key) => !key.startsWith('?') && !key.startsWith('#')) ?? 'nothing'
    const position = rootPosition(text)
    return fail(
      'kb/not-a-cwe-catalogue',
      `expected MITRE's CWE catalogue (root element Weakness_Catalog), found ${root === 'nothing' ? 'no root element' : `<${root}>`}; ` +
        'use the XML from the cwe-sdk package (raw/cwe-archive.xml) or cwe.mitre.org (cwec_v4.x.xml)',
      position.line,
      position.column
    )
  }

  const entries = new Map<string, CweEntry>()
  const problems: Problem[] = []
  let skipped = 0
  const add = (element: XmlElement, kind: CweEntry['kind'], tag: string, index: number): void => {
    const id = attribute(element, 'ID')
    const name = attribute(element, 'Name')
    if (id === undefined || !/^\d+$/.test(id) || name === undefined) {
      if (++skipped > MAX_LISTED_PROBLEMS) return
      const position = elementPosition(text, tag, index)
      problems.push({
        file,
        ...position,
        path: '',
        severity: 'warning',
        code: 'kb/cwe-entry',
        message: `<${tag}> #${index + 1} has no numeric ID or no Name attribute; it is ignored`
      })
      return
    }
    const entry: CweEntry = {
      id: `CWE-${id}`,
      name: decodeXmlText(name),
      status: (attribute(element, 'Status') ?? 'unknown').toLowerCase(),
      kind
    }
    const abstraction = attribute(element, 'Abstraction')
    if (abstraction !== undefined) entry.abstraction = abstraction
    const usage = childText(element.Mapping_Notes, 'Usage')
    if (usage !== undefined) entry.mappingUsage = usage
    if (kind === 'weakness') {
      const related = relations(element.Related_Weaknesses, 'Related_Weakness')
      const parents = related.filter((r) => r.Nature === 'ChildOf' && r.View_ID === RESEARCH_VIEW).flatMap((r) => idOf(r.CWE_ID))
      if (parents.length > 0) entry.parents = [...new Set(parents)]
    }
    if (kind === 'category') {
      const members = relations(element.Relationships, 'Has_Member').flatMap((r) => idOf(r.CWE_ID))
      if (members.length > 0) entry.members = [...new Set(members)]
    }
    entries.set(entry.id, entry)
  }
  listOf(catalog.Weaknesses, 'Weakness').forEach((element, index) => add(element, 'weakness', 'Weakness', index))
  listOf(catalog.Categories, 'Category').forEach((element, index) => add(element, 'category', 'Category', index))
  listOf(catalog.Views, 'View').forEach((element, index) => add(element, 'view', 'View', index))

  if (skipped > MAX_LISTED_PROBLEMS) {
    const position = rootPosition(text)
    problems.push({
      file,
      ...position,
      path: '',
      severity: 'warning',
      code: 'kb/cwe-entry',
      message: `${skipped - MAX_LISTED_PROBLEMS} more entries without ID or Name are ignored and not listed`
    })
  }
  if (entries.size === 0) {
    const position = rootPosition(text)
    return fail('kb/empty-catalogue', 'the CWE catalogue holds no weaknesses, categories or views', position.line, position.column)
  }
  const result: CweCatalogue = { entries, problems }
  const version = attribute(catalog, 'Version')
  const date = attribute(catalog, 'Date')
  if (version !== undefined) result.version = version
  if (date !== undefined) result.date = date
  return result
}

/** Decodes XML's predefined entities and character references; other entities stay as written. */
export function decodeXmlText(value: string): string {
  if (!value.includes('&')) return value
  return value.replace(/&(?:#x([0-9A-Fa-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (whole, hex?: string, decimal?: string, named?: string) => {
    if (named !== undefined) return PREDEFINED[named]
    const codePoint = hex !== undefined ? parseInt(hex, 16) : Number(decimal)
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole
  })
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function attribute(element: XmlElement, name: string): string | undefined {
  const value = element[name]
  return typeof value === 'string' ? value : undefined
}

function listOf(container: unknown, tag: string): XmlElement[] {
  if (!isElement(container)) return []
  const items = container[tag]
  return Array.isArray(items) ? items.filter(isElement) : []
}

function relations(container: unknown, tag: string): Record<string, string | undefined>[] {
  return listOf(container, tag) as Record<string, string | undefined>[]
}

function childText(container: unknown, tag: string): string | undefined {
  if (!isElement(container)) return undefined
  const value = container[tag]
  return typeof value === 'string' ? decodeXmlText(value.trim()) : undefined
}

function idOf(value: string | undefined): string[] {
  return value !== undefined && /^\d+$/.test(value) ? [`CWE-${value}`] : []
}

/** Position of the first element, for problems about the document as a whole. */
function rootPosition(text: string): { line: number; column: number } {
  const match = /<(?![?!])/.exec(text)
  return new LineIndex(text).position(match?.index ?? 0)
}

/** Position of the `index`-th `<tag>` element; prose sections never contain these tags unescaped. */
function elementPosition(text: string, tag: string, index: number): { line: number; column: number } {
  const pattern = new RegExp(`<${tag}[\\s>/]`, 'g')
  let match: RegExpExecArray | null = null
  for (let seen = 0; seen <= index; seen++) {
    match = pattern.exec(text)
    if (match === null) break
  }
  return new LineIndex(text).position(match?.index ?? 0)
}
