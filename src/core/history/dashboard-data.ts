/**
 * Chart data for the dashboard, computed from snapshot lines (pure, so it is unit-tested apart
 * from the drawing). Money only where the snapshots carry it; everything else is counts.
 */
import { SEVERITIES, type Severity } from '../model/schema.js'
import type { ModelSnapshot, SnapshotLine } from './snapshot.js'

export interface TrendPoint {
  date: string
  value: number | null
}

export interface DashboardData {
  /** Distinct snapshot dates, oldest first (the last snapshot of a date wins). */
  dates: string[]
  /** Residual mean annual loss per model over time (null where not quantitative); empty when no model has money. */
  lossTrend: { modelId: string; currency: string; points: TrendPoint[] }[]
  /** Residual severity counts summed over models, per date. */
  severityTrend: { date: string; counts: Record<Severity, number> }[]
  /** Open threats by likelihood × impact in the latest snapshot, summed over models. */
  heat: number[][]
  unrated: number
  /** Maturity per category now and about a quarter ago (mean over models that assess it). */
  maturity: { category: string; now: number | null; before: number | null; notAssessed: boolean }[]
  /** Date of the snapshot the "before" maturity comes from, or null when history is shorter. */
  maturityBeforeDate: string | null
  /** Open and in-place mitigations over time, summed over models. */
  burndown: { date: string; open: number; inPlace: number }[]
  /** Ages (days) of open tracker issues in the latest snapshot; null when the tracker was not listed. */
  issueAges: number[] | null
  /** Top threats by residual loss over all models, with the cumulative share (Pareto). */
  pareto: { modelId: string; id: string; title: string; aleMean: number; cumulativeShare: number }[]
  paretoCurrency: string | null
  /** Top threats by severity when there is no money. */
  topBySeverity: { modelId: string; id: string; title: string; severity: Severity | null }[]
  /** Models by how long since their last review, longest first (never reviewed first). */
  staleness: { modelId: string; title: string; reviewed: string | null; days: number | null }[]
  /** The latest snapshot per model. */
  latest: ModelSnapshot[]
  latestDate: string | null
}

/** About a quarter, for "now vs before" comparisons. */
export const QUARTER_DAYS = 91

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)
}

function addCounts(into: Record<Severity, number>, from: Record<Severity, number>): void {
  for (const s of SEVERITIES) into[s] += from[s] ?? 0
}

/** Keeps the last snapshot of each date (lines must be sorted by date). */
function lastPerDate(lines: readonly SnapshotLine[]): SnapshotLine[] {
  const byDate = new Map<string, SnapshotLine>()
  for (const line of lines) byDate.set(line.date, line)
  return [...byDate.values()]
}

function meanLevels(line: SnapshotLine | undefined): Map<string, number | null> {
  const sums = new Map<string, { sum: number; n: number }>()
  for (const model of line?.models ?? []) {
    for (const [category, level] of Object.entries(model.maturity)) {
      const entry = sums.get(category) ?? { sum: 0, n: 0 }
      if (typeof level === 'number') {
        entry.sum += level
        entry.n++
      }
      sums.set(category, entry)
    }
  }
  return new Map([...sums].map(([category, { sum, n }]) => [category, n > 0 ? Math.round((sum / n) * 10) / 10 : null]))
}

/** Computes every chart's data from sorted snapshot lines. */
export function dashboardData(sortedLines: readonly SnapshotLine[], today: string): DashboardData {
  const lines = lastPerDate(sortedLines)
  const dates = lines.map((l) => l.date)
  const latest = lines.at(-1)
  const modelIds = [...new Set(lines.flatMap((l) => l.models.map((m) => m.modelId)))].sort()

  const lossTrend: DashboardData['lossTrend'] = []
  for (const modelId of modelIds) {
    const points = lines.map((line) => {
      const model = line.models.find((m) => m.modelId === modelId)
      return { date: line.date, value: model?.residual ? model.residual.mean : null, currency: model?.residual?.currency }
    })
    const currency = points.find((p) => p.currency)?.currency
    if (currency) lossTrend.push({ modelId, currency, points: points.map(({ date, value }) => ({ date, value })) })
  }

  const severityTrend = lines.map((line) => {
    const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 }
    for (const model of line.models) addCounts(counts, model.severity)
    return { date: line.date, counts }
  })

  const heat = [0, 1, 2, 3, 4].map(() => [0, 0, 0, 0, 0])
  let unrated = 0
  for (const model of latest?.models ?? []) {
    model.threats.heat.forEach((row, i) => row.forEach((n, j) => (heat[i][j] += n)))
    unrated += model.threats.unrated
  }

  let before: SnapshotLine | undefined
  if (latest) for (const line of lines) if (daysBetween(line.date, latest.date) >= QUARTER_DAYS) before = line
  const now = meanLevels(latest)
  const then = meanLevels(before)
  const notAssessed = (category: string): boolean => (latest?.models ?? []).every((m) => (m.maturityNotAssessed ?? []).includes(category))
  const maturity = [...now.keys()].sort().map((category) => ({
    category,
    now: now.get(category) ?? null,
    before: before ? (then.get(category) ?? null) : null,
    notAssessed: notAssessed(category)
  }))

  const burndown = lines.map((line) => ({
    date: line.date,
    open: line.models.reduce((n, m) => n + m.mitigations.open, 0),
    inPlace: line.models.reduce((n, m) => n + m.mitigations.inPlace, 0)
  }))

  const listed = latest?.models.filter((m) => m.tracker !== null) ?? []
  const issueAges = listed.length > 0 ? listed.flatMap((m) => m.tracker?.ages ?? []).sort((a, b) => a - b) : null

  const currencies = new Set(latest?.models.filter((m) => m.residual).map((m) => m.residual!.currency))
  const paretoCurrency = currencies.size === 1 ? [...currencies][0] : null
  const money = paretoCurrency
    ? (latest?.models ?? []).flatMap((m) =>
        m.top
          .filter((t) => t.aleMean !== null && t.aleMean > 0)
          .map((t) => ({ modelId: m.modelId, id: t.id, title: t.title, aleMean: t.aleMean! }))
      )
    : []
  money.sort((a, b) => b.aleMean - a.aleMean || (a.id < b.id ? -1 : 1))
  const total = money.reduce((s, t) => s + t.aleMean, 0)
  let running = 0
  const pareto = money.slice(0, 15).map((t) => {
    running += t.aleMean
    return { ...t, cumulativeShare: total > 0 ? running / total : 0 }
  })
  const rank = (s: Severity | null): number => (s ? 5 - SEVERITIES.indexOf(s) : 0)
  const topBySeverity = (latest?.models ?? [])
    .flatMap((m) => m.top.map((t) => ({ modelId: m.modelId, id: t.id, title: t.title, severity: t.severity })))
    .sort((a, b) => rank(b.severity) - rank(a.severity) || (a.modelId + a.id < b.modelId + b.id ? -1 : 1))
    .slice(0, 15)

  const staleness = (latest?.models ?? [])
    .map((m) => ({
      modelId: m.modelId,
      title: m.title,
      reviewed: m.reviewed,
      days: m.reviewed ? Math.max(0, daysBetween(m.reviewed, today)) : null
    }))
    .sort((a, b) => (b.days ?? Number.MAX_SAFE_INTEGER) - (a.days ?? Number.MAX_SAFE_INTEGER) || (a.modelId < b.modelId ? -1 : 1))

  return {
    dates,
    lossTrend,
    severityTrend,
    heat,
    unrated,
    maturity,
    maturityBeforeDate: before?.date ?? null,
    burndown,
    issueAges,
    pareto,
    paretoCurrency,
    topBySeverity,
    staleness,
    latest: latest?.models ?? [],
    latestDate: latest?.date ?? null
  }
}

/** The same data for one model only. */
export function modelLines(sortedLines: readonly SnapshotLine[], modelId: string): SnapshotLine[] {
  return sortedLines
    .map((line) => ({ ...line, models: line.models.filter((m) => m.modelId === modelId) }))
    .filter((line) => line.models.length > 0)
}
