// Incident exports from a SIEM or ticket system (CSV or JSON): which techniques hit us, and when.
import type { Problem } from '../problems.js'
import type { TechniqueEvidence } from './types.js'

/** Which column (CSV header or JSON key) holds each field. */
export interface IncidentColumns {
  id: string
  date: string
  techniques: string
  summary: string
  /** Optional: how many events the row stands for (default 1). */
  count?: string
}

export const DEFAULT_INCIDENT_COLUMNS: IncidentColumns = {
  id: 'id',
  date: 'date',
  techniques: 'techniques',
  summary: 'summary',
  count: 'count'
}
/** Rows read at most from one export. */
export const MAX_INCIDENT_ROWS = 100_000
const MAX_LISTED = 50
const TECHNIQUE = /^T\d{4}(\.\d{3})?$/i

export interface IncidentsResult {
  incidents: TechniqueEvidence[]
  problems: Problem[]
}

/**
 * Reads an incident export. CSV (RFC 4180: a header row, comma or semicolon separated, quoted
 * fields) or JSON (a list of objects, or an object with an `incidents` list). Technique ids in one
 * cell are separated by commas, semicolons, `|` or spaces. Dates are YYYY-MM-DD or ISO 8601 timestamps.
 */
export function parseIncidents(
  rawText: string,
  file: string,
  columns: Partial<IncidentColumns> = {},
  knownTechnique: (id: string) => boolean = () => true
): IncidentsResult {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText
  const map: IncidentColumns = { ...DEFAULT_INCIDENT_COLUMNS, ...columns }
  const problems: Problem[] = []
  let listed = 0
  const report = (line: number, message: string, severity: 'error' | 'warning' = 'error', column = 1): void => {
    if (++listed <= MAX_LISTED) problems.push({ file, line, column, path: '', severity, code: 'intel/incident', message })
  }
  const rows: { line: number; get: (field: keyof IncidentColumns) => string | undefined }[] = []
  const trimmed = text.trimStart()
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      report(1, `not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
      return { incidents: [], problems }
    }
    const list = Array.isArray(json) ? json : isObj(json) && Array.isArray(json.incidents) ? json.incidents : undefined
    if (!list) {
      report(1, 'expected a JSON list of incidents, or an object with an "incidents" list')
      return { incidents: [], problems }
    }
    list.slice(0, MAX_INCIDENT_ROWS).forEach((item, index) => {
      if (!isObj(item)) {
        report(1, `incident #${index + 1} is not an object`)
        return
      }
      rows.push({
        line: 1,
        get: (field) => {
          const value = item[map[field] as string]
          if (Array.isArray(value)) return value.map(String).join(',')
          return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined
        }
      })
    })
  } else {
    const table = parseCsv(text)
    if ('error' in table) {
      report(table.line, table.error)
      return { incidents: [], problems }
    }
    const [header, ...body] = table.rows
    if (!header || header.cells.length === 0 || (header.cells.length === 1 && header.cells[0] === '')) {
      report(1, 'the file is empty: expected a header row naming the columns')
      return { incidents: [], problems }
    }
    const names = header.cells.map((c) => c.trim())
    for (const field of ['id', 'date', 'techniques'] as const) {
      if (!names.includes(map[field])) {
        report(
          1,
          `no "${map[field]}" column (for the incident ${field}); the header has: ${names.join(', ').slice(0, 300)}. Map the column names under intelligence.incidents[].columns`
        )
        return { incidents: [], problems }
      }
    }
    for (const row of body.slice(0, MAX_INCIDENT_ROWS)) {
      if (row.cells.length === 1 && row.cells[0].trim() === '') continue
      rows.push({
        line: row.line,
        get: (field) => {
          const index = names.indexOf(map[field] as string)
          return index >= 0 ? row.cells[index] : undefined
        }
      })
    }
  }
  const incidents: TechniqueEvidence[] = []
  rows.forEach((row, index) => {
    const where = row.line > 1 ? `line ${row.line}` : `incident #${index + 1}`
    const id = row.get('id')?.trim()
    const date = row.get('date')?.trim() ?? ''
    if (!id) return report(row.line, `${where}: no incident id in "${map.id}"`)
    const day = /^\d{4}-\d{2}-\d{2}/.test(date) && !Number.isNaN(Date.parse(date.slice(0, 10))) ? date.slice(0, 10) : undefined
    if (!day)
      return report(
        row.line,
        `${where} (${id}): "${map.date}" must be a date (YYYY-MM-DD or an ISO 8601 timestamp), got ${JSON.stringify(date.slice(0, 40))}`
      )
    const countText = map.count ? row.get('count')?.trim() : undefined
    const count = countText ? Number(countText) : 1
    if (!Number.isInteger(count) || count < 0) return report(row.line, `${where} (${id}): "${map.count}" must be a whole number`)
    const ids = (row.get('techniques') ?? '').split(/[\s,;|]+/).filter(Boolean)
    if (ids.length === 0)
      return report(row.line, `${where} (${id}): no technique id in "${map.techniques}"; the incident is ignored`, 'warning')
    const summary = row.get('summary')?.trim()
    for (const raw of ids) {
      const technique = raw.toUpperCase()
      if (!TECHNIQUE.test(technique)) {
        report(row.line, `${where} (${id}): ${JSON.stringify(raw.slice(0, 40))} is not an ATT&CK technique id (T1234 or T1234.001)`)
        continue
      }
      if (!knownTechnique(technique)) {
        report(row.line, `${where} (${id}): ATT&CK technique ${technique} is not in the ATT&CK catalogue`)
        continue
      }
      incidents.push({ kind: 'incident', id, technique, count, firstSeen: day, lastSeen: day, file, ...(summary ? { summary } : {}) })
    }
  })
  if (listed > MAX_LISTED)
    problems.push({
      file,
      line: 1,
      column: 1,
      path: '',
      severity: 'warning',
      code: 'intel/incident',
      message: `${listed - MAX_LISTED} more problems are not listed`
    })
  return { incidents, problems }
}

/** RFC 4180 CSV; the separator (comma or semicolon) is the one the header uses. */
export function parseCsv(text: string): { rows: { line: number; cells: string[] }[] } | { error: string; line: number } {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const rows: { line: number; cells: string[] }[] = []
  let cells: string[] = []
  let cell = ''
  let line = 1
  let rowLine = 1
  let quoted = false
  let quoteLine = 1
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i++
        } else quoted = false
      } else {
        if (c === '\n') line++
        cell += c
      }
      continue
    }
    if (c === '"' && cell === '') {
      quoted = true
      quoteLine = line
    } else if (c === separator) {
      cells.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      cells.push(cell)
      rows.push({ line: rowLine, cells })
      cells = []
      cell = ''
      line++
      rowLine = line
    } else cell += c
  }
  if (quoted) return { error: `a quoted field opened on line ${quoteLine} is never closed (the file may be truncated)`, line: quoteLine }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell)
    rows.push({ line: rowLine, cells })
  }
  return { rows }
}

function isObj(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
