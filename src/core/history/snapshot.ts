/**
 * History snapshots: one JSON line per commit with what a security lead tracks over time —
 * severity counts, residual loss where it rests on quantitative inputs, maturity levels,
 * mitigation work and tracker issues. Pure: built from a Review and the head documents.
 */
import { LEVELS, MITIGATION_STATUSES, SEVERITIES, type MitigationStatus, type ModelDocument, type Severity } from '../model/schema.js'
import type { Review } from '../review/types.js'
import type { BusinessRow } from '../value/business-summary.js'
import { IN_PLACE_STATUSES } from '../domain.js'

export const SNAPSHOT_SCHEMA = 'threatloop-snapshot/1'

/** Top threats kept per model, by residual loss (or severity when there is no money). */
export const TOP_THREATS = 10

export interface ThreatSummary {
  id: string
  title: string
  severity: Severity | null
  /** Residual mean annual loss, only when the threat has quantitative inputs. */
  aleMean: number | null
}

export interface ModelSnapshot {
  modelId: string
  title: string
  file: string
  owner: string | null
  /** The model's `reviewed:` date. */
  reviewed: string | null
  /** Residual severity of applicable threats. */
  severity: Record<Severity, number>
  /** Residual loss, only where it rests (at least partly) on quantitative inputs. */
  residual: { currency: string; mean: number; p90: number; derivedShare: number } | null
  /** Level per maturity category (the seed's levels); null where no level is evidenced or the run could not assess it. */
  maturity: Record<string, number | null>
  /** Categories the run could not assess at all (their null means "not assessed", not "no level"). */
  maturityNotAssessed?: string[]
  mitigations: Record<MitigationStatus, number> & { open: number; inPlace: number }
  threats: {
    total: number
    /** Threats with status open (or none). */
    open: number
    /** Open threats by stated likelihood (rows, very-low … very-high) × impact (columns). */
    heat: number[][]
    unrated: number
  }
  top: ThreatSummary[]
  /** Open tracker issues of this model and their ages in days, when the run listed the tracker. */
  tracker: { open: number; ages: number[] } | null
  /** Residual risk by business objective and by owner (#21); absent on older lines. */
  business?: { currency: string; objectives: BusinessRow[]; owners: BusinessRow[] }
}

export interface SnapshotLine {
  schema: typeof SNAPSHOT_SCHEMA
  /** YYYY-MM-DD of the commit (or of the run when there is no commit). */
  date: string
  commit: string | null
  tool: string
  models: ModelSnapshot[]
}

export interface SnapshotInput {
  review: Review
  /** Head documents by model id (the review keeps only summaries). */
  documents: ReadonlyMap<string, { document: ModelDocument; file: string }>
  date: string
  commit: string | null
  /** Open tracker issues per model id with their creation dates, when the tracker was listed. */
  tracker?: ReadonlyMap<string, { createdAt: string }[]>
}

function emptySeverities(): Record<Severity, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 }
}

function daysBetween(from: string, to: string): number {
  const a = Date.parse(from.slice(0, 10))
  const b = Date.parse(to.slice(0, 10))
  return Number.isFinite(a) && Number.isFinite(b) ? Math.max(0, Math.round((b - a) / 86_400_000)) : 0
}

/** Builds the snapshot line of one commit. Invalid or removed models are left out. */
export function buildSnapshot(input: SnapshotInput): SnapshotLine {
  const models: ModelSnapshot[] = []
  for (const model of input.review.models) {
    const entry = input.documents.get(model.modelId)
    const risk = model.risk.head
    if (!entry || !risk || model.status === 'invalid' || model.status === 'removed') continue
    const document = entry.document
    const mitigations = Object.fromEntries(MITIGATION_STATUSES.map((s) => [s, 0])) as ModelSnapshot['mitigations']
    mitigations.open = 0
    mitigations.inPlace = 0
    for (const m of document.mitigations ?? []) {
      const status = m.status ?? 'proposed'
      mitigations[status]++
      if (IN_PLACE_STATUSES.has(status)) mitigations.inPlace++
      else if (status !== 'rejected') mitigations.open++
    }
    const heat = LEVELS.map(() => LEVELS.map(() => 0))
    let open = 0
    let unrated = 0
    for (const t of document.threats ?? []) {
      if ((t.status ?? 'open') !== 'open') continue
      open++
      if (t.likelihood && t.impact) heat[LEVELS.indexOf(t.likelihood)][LEVELS.indexOf(t.impact)]++
      else unrated++
    }
    const threats = (model.risk.delta?.threats ?? []).filter((t) => t.change !== 'removed')
    const hasMoney = risk.residual.derivedShare < 1
    const top: ThreatSummary[] = threats
      .map((t) => ({ id: t.id, title: t.title, severity: t.severity.head, aleMean: hasMoney ? t.aleMean.head : null }))
      .sort((a, b) => (b.aleMean ?? -1) - (a.aleMean ?? -1) || sevRank(b.severity) - sevRank(a.severity) || (a.id < b.id ? -1 : 1))
      .slice(0, TOP_THREATS)
    const maturity: Record<string, number | null> = {}
    const maturityNotAssessed: string[] = []
    for (const category of model.maturity.head?.categories ?? []) {
      maturity[category.id] = category.assessed ? category.level : null
      if (!category.assessed) maturityNotAssessed.push(category.id)
    }
    const issues = input.tracker?.get(model.modelId)
    models.push({
      modelId: model.modelId,
      title: model.title,
      file: entry.file,
      owner: document.model.owner ?? null,
      reviewed: document.model.reviewed ?? null,
      severity: { ...emptySeverities(), ...risk.residual.severityCounts },
      residual: hasMoney
        ? { currency: risk.currency, mean: risk.residual.aleMean, p90: risk.residual.p90, derivedShare: risk.residual.derivedShare }
        : null,
      maturity,
      maturityNotAssessed,
      mitigations,
      threats: { total: (document.threats ?? []).length, open, heat, unrated },
      top,
      ...businessOfModel(input.review, model.modelId),
      tracker: issues ? { open: issues.length, ages: issues.map((i) => daysBetween(i.createdAt, input.date)).sort((a, b) => a - b) } : null
    })
  }
  models.sort((a, b) => (a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : 0))
  return { schema: SNAPSHOT_SCHEMA, date: input.date, commit: input.commit, tool: input.review.tool.version, models }
}

/** The model's business rows from the review, as the snapshot keeps them. */
function businessOfModel(review: Review, modelId: string): Pick<ModelSnapshot, 'business'> {
  const found = review.business?.find((b) => b.modelId === modelId)
  return found ? { business: { currency: found.currency, objectives: found.objectives, owners: found.owners } } : {}
}

function sevRank(severity: Severity | null): number {
  return severity ? SEVERITIES.length - SEVERITIES.indexOf(severity) : 0
}

/** A problem reading a history file: the line is skipped, the rest is read. */
export interface HistoryProblem {
  line: number
  message: string
}

/** At most this many history lines are read (the newest are kept). */
export const HISTORY_LINES_MAX = 20_000

/**
 * Reads a JSON Lines history. Lines that are not snapshots of this schema are skipped with a
 * problem naming the line; lines are returned sorted by date, then by their order in the file.
 */
export function parseHistory(text: string): { lines: SnapshotLine[]; problems: HistoryProblem[] } {
  const lines: { line: SnapshotLine; order: number }[] = []
  const problems: HistoryProblem[] = []
  const raw = text.split(/\r?\n/)
  const start = Math.max(0, raw.length - HISTORY_LINES_MAX - 1)
  if (start > 0) problems.push({ line: 1, message: `history has ${raw.length} lines; only the newest ${HISTORY_LINES_MAX} are read` })
  for (let i = start; i < raw.length; i++) {
    const textLine = raw[i].trim()
    if (textLine === '') continue
    let value: unknown
    try {
      value = JSON.parse(textLine)
    } catch {
      problems.push({ line: i + 1, message: 'not valid JSON; line skipped' })
      continue
    }
    const checked = checkSnapshot(value)
    if (typeof checked === 'string') problems.push({ line: i + 1, message: `${checked}; line skipped` })
    else lines.push({ line: checked, order: i })
  }
  lines.sort((a, b) => (a.line.date < b.line.date ? -1 : a.line.date > b.line.date ? 1 : a.order - b.order))
  return { lines: lines.map((l) => l.line), problems }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Structural check of one history line (enough that rendering never trips over it). */
function checkSnapshot(value: unknown): SnapshotLine | string {
  if (!isRecord(value)) return 'expected a JSON object'
  if (value.schema !== SNAPSHOT_SCHEMA) return `expected schema "${SNAPSHOT_SCHEMA}", got ${JSON.stringify(value.schema)?.slice(0, 60)}`
  if (typeof value.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value.date)) return 'expected a date YYYY-MM-DD'
  if (!Array.isArray(value.models)) return 'expected a list of models'
  for (const model of value.models) {
    if (
      !isRecord(model) ||
      typeof model.modelId !== 'string' ||
      !isRecord(model.severity) ||
      !isRecord(model.maturity) ||
      !isRecord(model.mitigations) ||
      !isRecord(model.threats)
    ) {
      return 'a model entry lacks modelId, severity, maturity, mitigations or threats'
    }
    for (const s of SEVERITIES)
      if (typeof model.severity[s] !== 'number') return `model ${model.modelId.slice(0, 80)}: severity.${s} is not a number`
    if (
      model.residual !== null &&
      !(isRecord(model.residual) && typeof model.residual.mean === 'number' && typeof model.residual.p90 === 'number')
    )
      return `model ${model.modelId.slice(0, 80)}: residual must be null or have mean and p90`
    const heat = model.threats.heat
    if (
      !Array.isArray(heat) ||
      heat.length !== LEVELS.length ||
      !heat.every((row) => Array.isArray(row) && row.length === LEVELS.length && row.every((n) => typeof n === 'number'))
    ) {
      return `model ${model.modelId.slice(0, 80)}: threats.heat must be a 5×5 table of numbers`
    }
  }
  return value as unknown as SnapshotLine
}

/**
 * Appends a snapshot to a history text, idempotently: a line for the same commit (or, without a
 * commit, the same date and content) is not added twice. Returns the new text and whether it changed.
 */
export function appendSnapshot(historyText: string, line: SnapshotLine): { text: string; added: boolean } {
  const serialised = JSON.stringify(line)
  for (const existing of historyText.split(/\r?\n/)) {
    if (existing.trim() === '') continue
    try {
      const parsed = JSON.parse(existing) as Partial<SnapshotLine>
      if (line.commit !== null && parsed.commit === line.commit) return { text: historyText, added: false }
      if (line.commit === null && existing.trim() === serialised) return { text: historyText, added: false }
    } catch {
      // A broken line is kept as it is; it is reported when the history is read.
    }
  }
  const prefix = historyText === '' || historyText.endsWith('\n') ? historyText : `${historyText}\n`
  return { text: `${prefix}${serialised}\n`, added: true }
}
