/**
 * What each mitigation not yet in place buys: the reduction of residual annual loss if it were in
 * place (mean and P90), the residual severity changes of the threats it affects, and — where its
 * cost is stated — the reduction per unit of yearly cost. Money only where every threat the
 * mitigation affects has quantitative (FAIR) inputs; otherwise the severity changes alone.
 *
 * The figures are computed on the threats the mitigation has `effects` on, simulated with and
 * without it on the same keyed random streams as the review (same seed, same threat ids), so they
 * are identical across re-runs and free of simulation noise between the two sides. The P90 is the
 * P90 of the annual loss of those threats together (a marginal figure; see docs/business-value.md).
 */
import {
  SEVERITIES,
  type Mitigation,
  type MitigationStatus,
  type ModelDocument,
  type RiskSettings,
  type Severity,
  type Threat
} from '../model/schema.js'
import { assessResidualRisk, residualExact } from '../risk/assess.js'
import { OPEN_STATUSES } from '../domain.js'

/** Statuses whose mitigations are valued: work not yet in place and not rejected. */
export const VALUED_STATUSES: ReadonlySet<MitigationStatus> = OPEN_STATUSES
/** Default period over which a one-off cost is spread (years); configurable on the trusted side. */
export const DEFAULT_AMORTISATION_YEARS = 3
/** At most this many mitigations are valued per model (the work is bounded; the rest say so). */
export const MAX_VALUED_MITIGATIONS = 200
/** Iterations of the valuation simulations (capped below the review's own). */
const VALUE_ITERATIONS_MAX = 10_000

export interface MitigationValue {
  modelId: string
  mitigation: string
  title: string
  status: MitigationStatus
  roadmap: 'short' | 'mid' | 'long' | null
  priority: string | null
  /** Reduction of residual annual loss if the mitigation were in place; null without quantitative inputs. */
  aleReduction: { mean: number; p90: number } | null
  /** Residual severity of each affected threat now → with the mitigation in place (only those that move). */
  severityChange: { threat: string; from: Severity | null; to: Severity | null }[]
  /** The stated cost, as written. */
  cost: { amount: number; currency: string | null; period: 'once' | 'yearly' } | null
  /** Cost per year (one-off costs spread over the amortisation period). */
  annualCost: number | null
  /** Mean reduction per unit of annual cost; null when money or cost is missing or currencies differ. */
  valuePerCost: number | null
  /** Why a figure is missing, in words. */
  note: string | null
}

export interface MitigationValueOptions {
  /** The review's risk overrides (iterations, seed). */
  risk?: RiskSettings
  amortisationYears?: number
}

function costOf(m: Mitigation): MitigationValue['cost'] {
  if (m.cost === undefined) return null
  if (typeof m.cost === 'number') return { amount: m.cost, currency: null, period: 'once' }
  return { amount: m.cost.amount, currency: m.cost.currency ?? null, period: m.cost.period ?? 'once' }
}

const severityOrder = (s: Severity | null): number => (s === null ? -1 : SEVERITIES.length - SEVERITIES.indexOf(s))

/** Values every mitigation of a model that is proposed, planned or in progress. */
export function mitigationValues(modelId: string, document: ModelDocument, options: MitigationValueOptions = {}): MitigationValue[] {
  const mitigations = document.mitigations ?? []
  const threats = new Map<string, Threat>((document.threats ?? []).map((t) => [t.id, t]))
  const years = options.amortisationYears && options.amortisationYears > 0 ? options.amortisationYears : DEFAULT_AMORTISATION_YEARS
  const risk: RiskSettings = { ...document.risk, ...options.risk }
  risk.iterations = Math.min(risk.iterations ?? VALUE_ITERATIONS_MAX, VALUE_ITERATIONS_MAX)
  const currency = risk.currency ?? 'USD'
  const values: MitigationValue[] = []
  let valued = 0
  // Which mitigations act on each threat (indices in model order): a valuation only needs those of its threats.
  // (The risk engine reads the first mitigation of an id, so later duplicates are left out here too.)
  const actingOn = new Map<string, number[]>()
  const seen = new Set<string>()
  mitigations.forEach((m, i) => {
    if (seen.has(m.id)) return
    seen.add(m.id)
    for (const effect of m.effects ?? []) {
      const list = actingOn.get(effect.threat) ?? []
      if (list[list.length - 1] !== i) list.push(i)
      actingOn.set(effect.threat, list)
    }
  })
  for (const mitigation of mitigations) {
    const status = mitigation.status ?? 'proposed'
    if (!VALUED_STATUSES.has(status)) continue
    const cost = costOf(mitigation)
    const value: MitigationValue = {
      modelId,
      mitigation: mitigation.id,
      title: mitigation.title,
      status,
      roadmap: mitigation.roadmap ?? null,
      priority: mitigation.priority ?? null,
      aleReduction: null,
      severityChange: [],
      cost,
      annualCost: cost ? (cost.period === 'yearly' ? cost.amount : cost.amount / years) : null,
      valuePerCost: null,
      note: null
    }
    const affected = [...new Set((mitigation.effects ?? []).map((e) => e.threat))].filter((id) => threats.has(id)).sort()
    if (affected.length === 0) {
      values.push({ ...value, note: 'no effects stated: what it reduces is unknown' })
      continue
    }
    if (++valued > MAX_VALUED_MITIGATIONS) {
      values.push({ ...value, note: `not valued: more than ${MAX_VALUED_MITIGATIONS} mitigations to value in this model` })
      continue
    }
    // The threats it affects, with every mitigation acting on them (other effects stay as they are).
    const acting = [...new Set(affected.flatMap((id) => actingOn.get(id) ?? []))].sort((a, b) => a - b).map((i) => mitigations[i])
    const subset: ModelDocument = {
      threatloop: 1,
      model: document.model,
      threats: affected.map((id) => threats.get(id)!),
      mitigations: acting,
      risk
    }
    const withIt: ModelDocument = {
      ...subset,
      mitigations: acting.map((m) => (m.id === mitigation.id ? { ...m, status: 'implemented' as const } : m))
    }
    // The closed form gives the severities (the simulated residual states the same ones) and tells
    // whether money can be stated: only then is anything simulated.
    const nowExact = residualExact(subset, { risk })
    const afterExact = new Map(residualExact(withIt, { risk }).map((t) => [t.id, t.severity]))
    for (const threat of nowExact) {
      const to = afterExact.get(threat.id) ?? null
      if (threat.severity !== to) value.severityChange.push({ threat: threat.id, from: threat.severity, to })
    }
    value.severityChange.sort((a, b) => severityOrder(b.from) - severityOrder(a.from) || (a.threat < b.threat ? -1 : 1))
    if (!nowExact.every((t) => !t.applicable || t.moneyProvenance === 'quantitative')) {
      values.push({ ...value, note: 'no quantitative (FAIR) inputs on the threats it affects: severity only, no money' })
      continue
    }
    // Only the residual view is read: the other views are neither simulated nor sorted. `after`
    // starts afresh: every threat of the subset changes, and an incremental run would simulate
    // each one twice (to take out its old years, then for its new ones); the sums are exact either way.
    const now = assessResidualRisk(subset, { risk, threatPercentiles: false })
    const after = assessResidualRisk(withIt, { risk, threatPercentiles: false })
    const mean = Math.max(0, now.views.residual.aleMean - after.views.residual.aleMean)
    const p90 = Math.max(0, now.views.residual.p90 - after.views.residual.p90)
    value.aleReduction = { mean: Math.round(mean), p90: Math.round(p90) }
    if (value.annualCost !== null && value.annualCost > 0) {
      if (cost?.currency && cost.currency !== currency) value.note = `cost in ${cost.currency}, risk in ${currency}: value per cost unknown`
      else value.valuePerCost = Math.round((mean / value.annualCost) * 100) / 100
    } else if (value.annualCost === 0) value.note = 'stated cost is zero: ranked by reduction'
    values.push(value)
  }
  return sortValues(values)
}

/** Sorted by value per cost, then by mean reduction, then by the severity moves, then by id. */
export function sortValues(values: MitigationValue[]): MitigationValue[] {
  const topMove = (v: MitigationValue): number => Math.max(-1, ...v.severityChange.map((c) => severityOrder(c.from) - severityOrder(c.to)))
  return values.sort(
    (a, b) =>
      (b.valuePerCost ?? -1) - (a.valuePerCost ?? -1) ||
      (b.aleReduction?.mean ?? -1) - (a.aleReduction?.mean ?? -1) ||
      topMove(b) - topMove(a) ||
      b.severityChange.length - a.severityChange.length ||
      (a.modelId === b.modelId ? (a.mitigation < b.mitigation ? -1 : a.mitigation > b.mitigation ? 1 : 0) : a.modelId < b.modelId ? -1 : 1)
  )
}
