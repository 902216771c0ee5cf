/**
 * The business summary (#21): residual risk by business objective (or use case) and by owner,
 * for readers who do not read threat models. Built from the head model and its risk assessment.
 *
 * Money is the sum of the exact residual mean annual loss of the threats that have quantitative
 * (FAIR) inputs; threats without them are counted (`unpriced`) and shown by severity, never priced.
 * A threat is grouped under every objective it names (threat `objectives`) and under the owners
 * of the components it targets (the model's owner when they state none), so a threat may count in
 * more than one row: rows are not meant to be added up.
 */
import { SEVERITIES, type ModelDocument, type Severity } from '../model/schema.js'
import type { RiskAssessment } from '../risk/types.js'

/** Rows kept per table and model (the largest first). */
export const BUSINESS_ROWS = 20
export const NO_OBJECTIVE = '(no objective named)'
export const NO_OWNER = '(no owner named)'

export interface BusinessRow {
  /** The objective, use case or owner, as the model names it. */
  name: string
  /** Applicable threats in this row. */
  threats: number
  /** Residual severity of those threats. */
  severity: Record<Severity, number>
  /** Residual mean annual loss of the threats with quantitative inputs; null when none has them. */
  aleMean: number | null
  /** Threats of the row without quantitative inputs (not in `aleMean`). */
  unpriced: number
}

export interface ModelBusinessSummary {
  modelId: string
  title: string
  currency: string
  /** Business criticality the model states, if any. */
  criticality: string | null
  /** Use cases the model lists (`model.business.use_cases`). */
  useCases: string[]
  objectives: BusinessRow[]
  owners: BusinessRow[]
}

const emptySeverity = (): Record<Severity, number> => ({ critical: 0, high: 0, medium: 0, low: 0, info: 0 })

const rank = (row: BusinessRow): number[] => [row.aleMean ?? -1, ...SEVERITIES.map((s) => row.severity[s])]

/** Largest residual loss first, then the most severe, then by name. */
export function compareRows(a: BusinessRow, b: BusinessRow): number {
  const x = rank(a)
  const y = rank(b)
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return y[i] - x[i]
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}

/** The business summary of one head model. */
export function modelBusinessSummary(modelId: string, document: ModelDocument, assessment: RiskAssessment): ModelBusinessSummary {
  const owners = new Map((document.components ?? []).map((c) => [c.id, c.owner]))
  const threats = new Map((document.threats ?? []).map((t) => [t.id, t]))
  const objectives = new Map<string, BusinessRow>()
  const byOwner = new Map<string, BusinessRow>()
  const add = (table: Map<string, BusinessRow>, name: string, severity: Severity | null, money: number | null): void => {
    const row = table.get(name) ?? { name, threats: 0, severity: emptySeverity(), aleMean: null, unpriced: 0 }
    row.threats++
    if (severity) row.severity[severity]++
    if (money === null) row.unpriced++
    else row.aleMean = (row.aleMean ?? 0) + money
    table.set(name, row)
  }
  for (const result of assessment.threats) {
    if (!result.applicable) continue
    const threat = threats.get(result.id)
    const residual = result.views.residual
    const money = result.moneyProvenance === 'quantitative' ? (residual.aleMean ?? null) : null
    const named = [...new Set((threat?.objectives ?? []).map((o) => o.trim()).filter((o) => o !== ''))]
    for (const objective of named.length > 0 ? named : [NO_OBJECTIVE]) add(objectives, objective, residual.severity, money)
    const targetOwners = [
      ...new Set((threat?.targets ?? []).map((id) => owners.get(id)?.trim()).filter((o): o is string => o !== undefined && o !== ''))
    ]
    const fallback = document.model.owner?.trim()
    for (const owner of targetOwners.length > 0 ? targetOwners : [fallback || NO_OWNER]) add(byOwner, owner, residual.severity, money)
  }
  const finish = (table: Map<string, BusinessRow>): BusinessRow[] =>
    [...table.values()]
      .map((row) => ({ ...row, aleMean: row.aleMean === null ? null : Math.round(row.aleMean) }))
      .sort(compareRows)
      .slice(0, BUSINESS_ROWS)
  return {
    modelId,
    title: document.model.title,
    currency: assessment.currency,
    criticality: document.model.business?.criticality ?? null,
    useCases: [...(document.model.business?.use_cases ?? [])],
    objectives: finish(objectives),
    owners: finish(byOwner)
  }
}

/**
 * Rows of several models merged by name (one currency: money in another currency makes the row's
 * money unknown, counted as unpriced).
 */
export function mergeBusinessRows(rows: readonly { row: BusinessRow; currency: string }[], currency: string): BusinessRow[] {
  const merged = new Map<string, BusinessRow>()
  for (const { row, currency: own } of rows) {
    const into = merged.get(row.name) ?? { name: row.name, threats: 0, severity: emptySeverity(), aleMean: null, unpriced: 0 }
    // Lenient with rows read back from history files: a missing number counts as zero.
    const n = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0)
    into.threats += n(row.threats)
    for (const s of SEVERITIES) into.severity[s] += n(row.severity[s])
    const priced = typeof row.aleMean === 'number' && Number.isFinite(row.aleMean)
    if (priced && own === currency) into.aleMean = (into.aleMean ?? 0) + n(row.aleMean)
    into.unpriced += n(row.unpriced) + (priced && own !== currency ? n(row.threats) - n(row.unpriced) : 0)
    merged.set(row.name, into)
  }
  return [...merged.values()].sort(compareRows)
}
