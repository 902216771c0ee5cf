// compareRisk: base → head deltas, attribution and gate signals (docs/risk-engine.md §6).
import type { Severity } from '../model/schema.js'
import { SEVERITIES } from '../model/schema.js'
import { simulationState } from './assess.js'
import { canonicalJson, compareCodeUnits, money, probability } from '../encoding/canonical-json.js'
import type { Distribution } from './distributions.js'
import { resolveGates, type RiskGateSettings } from './resolve.js'
import { deltaQuantileStandardError } from './statistics.js'
import {
  RISK_VIEWS,
  type ResolvedEffect,
  type ResolvedThreat,
  type RiskAssessment,
  type RiskView,
  type SeverityCounts,
  type ThreatRiskResult
} from './types.js'
import type { RiskSettings } from '../model/schema.js'

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 }

/** A money figure base → head. */
export interface MoneyChange {
  base: number
  head: number
  change: number
  /** change / base; null when base is 0. */
  relative: number | null
}

/** A Monte Carlo quantile base → head with the standard error of its change. */
export interface QuantileChange extends MoneyChange {
  /** Paired batch-means SE × 1.3; null when the samples are not available. */
  se: number | null
}

/** The model-level change in one view. */
export interface ViewDelta {
  severityCounts: { base: SeverityCounts; head: SeverityCounts; change: SeverityCounts }
  aleMean: MoneyChange & { material: boolean }
  p50: QuantileChange
  p90: QuantileChange & { material: boolean }
  pAnyLoss: { base: number; head: number; change: number }
  exceedance: { loss: number; base: number; head: number; change: number }[]
}

/** How one threat moved. */
export interface ThreatDelta {
  id: string
  /** The base id of a renamed threat. */
  previousId?: string
  title: string
  change: 'added' | 'removed' | 'changed'
  severity: { base: Severity | null; head: Severity | null }
  direction: 'up' | 'down' | 'same'
  aleMean: { base: number | null; head: number | null; change: number }
  /** The first differing input (docs/risk-engine.md §6 attribution). */
  reason: string
  reasons: string[]
}

/** Gate signals from the residual view; what-if views never gate. */
export interface GateSignals {
  newCritical: string[]
  newHigh: string[]
  /** Existing threats whose band rose, and new threats at or above `newThreatLevel`. */
  severityIncrease: string[]
  increaseToCritical: string[]
  severityDecrease: string[]
  materialMeanIncrease: boolean
  materialP90Increase: boolean
  fail: string[]
  warn: string[]
  info: string[]
}

/** The change of risk from base to head. */
export interface RiskDelta {
  engine: string
  seed: { base: number; head: number }
  iterations: { base: number; head: number }
  /** Same engine, seed and iterations, with samples: deltas share random numbers. */
  paired: boolean
  views: Record<RiskView, ViewDelta>
  threats: ThreatDelta[]
  unchanged: number
  /** Threats with identical inputs whose Monte Carlo figures moved; 0 by construction. */
  unchangedWithMovement: number
  gates: GateSignals
}

/** Options of a comparison. */
export interface CompareOptions {
  /** Gate settings; the head model's `risk.gates` (or the defaults) when omitted. */
  gates?: RiskSettings['gates']
  /** A new threat at or above this residual severity counts as a severity increase. */
  newThreatLevel?: Severity
  /** Threats renamed by the change (base id → head id), from the semantic diff: compared as one threat. */
  renames?: ReadonlyMap<string, string>
  /** Mitigations renamed by the change (base id → head id): a threat whose inputs differ only by these names is unchanged. */
  mitigationRenames?: ReadonlyMap<string, string>
}

function moneyChange(base: number, head: number): MoneyChange {
  return { base, head, change: head - base, relative: base === 0 ? null : probability((head - base) / base) }
}

/** §6: material only if |Δ| ≥ noise·SE, ≥ the relative floor and ≥ the absolute floor (and non-zero). */
export function isMaterial(
  change: number,
  base: number,
  se: number | null,
  floors: { relative: number; absolute: number },
  noiseSigmas: number
): boolean {
  const size = Math.abs(change)
  if (size === 0) return false
  if (se !== null && size < noiseSigmas * se) return false
  return size >= floors.relative * Math.abs(base) && size >= floors.absolute
}

function countsChange(base: SeverityCounts, head: SeverityCounts): SeverityCounts {
  return Object.fromEntries(SEVERITIES.map((s) => [s, head[s] - base[s]])) as SeverityCounts
}

/** Compares two assessments: counts, money with noise-aware materiality, per-threat moves with reasons, gates. */
export function compareRisk(base: RiskAssessment, head: RiskAssessment, options: CompareOptions = {}): RiskDelta {
  const baseState = simulationState(base)
  const headState = simulationState(head)
  const gates: RiskGateSettings = options.gates ? resolveGates(options.gates) : (headState?.settings.gates ?? resolveGates(undefined))
  const samples = baseState !== undefined && headState !== undefined
  const paired = samples && base.engine === head.engine && base.seed === head.seed && base.iterations === head.iterations

  const views = {} as Record<RiskView, ViewDelta>
  for (const view of RISK_VIEWS) {
    const b = base.views[view]
    const h = head.views[view]
    const se = (p: number): number | null =>
      samples ? money(deltaQuantileStandardError(baseState.totals[view], headState.totals[view], p, paired)) : null
    const mean = moneyChange(b.aleMean, h.aleMean)
    const p90 = { ...moneyChange(b.p90, h.p90), se: se(0.9) }
    views[view] = {
      severityCounts: { base: b.severityCounts, head: h.severityCounts, change: countsChange(b.severityCounts, h.severityCounts) },
      // The exact mean has no sampling error: SE 0.
      aleMean: { ...mean, material: isMaterial(mean.change, mean.base, 0, gates.aleMeanIncrease, gates.noiseSigmas) },
      p50: { ...moneyChange(b.p50, h.p50), se: se(0.5) },
      p90: { ...p90, material: isMaterial(p90.change, p90.base, p90.se, gates.aleP90Increase, gates.noiseSigmas) },
      pAnyLoss: { base: b.pAnyLoss, head: h.pAnyLoss, change: probability(h.pAnyLoss - b.pAnyLoss) },
      exceedance: h.exceedance.map((point, k) => ({
        loss: point.loss,
        base: b.exceedance[k]?.probability ?? 0,
        head: point.probability,
        change: probability(point.probability - (b.exceedance[k]?.probability ?? 0))
      }))
    }
  }

  // A renamed threat is keyed by its head id on both sides, so it is compared, not removed and added.
  const renames = options.renames ?? new Map<string, string>()
  const previousIdOf = new Map([...renames].map(([from, to]) => [to, from]))
  const baseThreats = new Map(base.threats.map((t) => [renames.get(t.id) ?? t.id, t]))
  const headThreats = new Map(head.threats.map((t) => [t.id, t]))
  const ids = [...new Set([...baseThreats.keys(), ...headThreats.keys()])].sort(compareCodeUnits)
  const threats: ThreatDelta[] = []
  let unchanged = 0
  let unchangedWithMovement = 0
  const settingsSame = sameSettings(base, head)
  for (const id of ids) {
    const b = baseThreats.get(id)
    const h = headThreats.get(id)
    const sameInputs =
      b &&
      h &&
      (b.inputHash === h.inputHash ||
        sameUnderRenames(baseState?.threats.get(b.id)?.resolved, headState?.threats.get(h.id)?.resolved, options.mitigationRenames))
    if (b && h && sameInputs && settingsSame) {
      unchanged++
      // An incremental head reuses the base's result object for an unchanged threat.
      if (b.views !== h.views && canonicalJson(b.views) !== canonicalJson(h.views)) unchangedWithMovement++
      continue
    }
    const severityOf = (t: ThreatRiskResult | undefined): Severity | null => (t && t.applicable ? t.views.residual.severity : null)
    const aleOf = (t: ThreatRiskResult | undefined): number | null => (t && t.applicable ? (t.views.residual.aleMean ?? null) : null)
    const bs = severityOf(b)
    const hs = severityOf(h)
    const previousId = b && h && b.id !== h.id ? b.id : undefined
    const attributed = !b
      ? ['new threat']
      : !h
        ? ['removed']
        : attribute(baseState?.threats.get(b.id)?.resolved, headState?.threats.get(id)?.resolved, base, head)
    const reasons = previousId ? [`renamed from ${previousId}`, ...attributed.filter((r) => r !== 'inputs changed')] : attributed
    threats.push({
      id,
      ...(previousId && previousIdOf.get(id) === previousId ? { previousId } : {}),
      title: (h ?? b)!.title,
      change: !b ? 'added' : !h ? 'removed' : 'changed',
      severity: { base: bs, head: hs },
      direction: rankOf(hs) > rankOf(bs) ? 'up' : rankOf(hs) < rankOf(bs) ? 'down' : 'same',
      aleMean: { base: aleOf(b), head: aleOf(h), change: (aleOf(h) ?? 0) - (aleOf(b) ?? 0) },
      reason: reasons[0] ?? 'inputs changed',
      reasons: reasons.length > 0 ? reasons : ['inputs changed']
    })
  }
  threats.sort((x, y) => Math.abs(y.aleMean.change) - Math.abs(x.aleMean.change) || compareCodeUnits(x.id, y.id))

  return {
    engine: head.engine,
    seed: { base: base.seed, head: head.seed },
    iterations: { base: base.iterations, head: head.iterations },
    paired,
    views,
    threats,
    unchanged,
    unchangedWithMovement,
    gates: gateSignals(threats, views.residual, gates, options.newThreatLevel ?? 'high')
  }
}

/** True when a renamed threat's inputs are the base's with only the threat and mitigation ids renamed. */
function sameUnderRenames(
  b: ResolvedThreat | undefined,
  h: ResolvedThreat | undefined,
  mitigationRenames: ReadonlyMap<string, string> | undefined
): boolean {
  if (!b || !h) return false
  const normal = (t: ResolvedThreat, rename: (id: string) => string): string => {
    const { title: _title, id: _id, ...inputs } = t
    const effects = t.effects.map((e) => canonicalJson({ ...e, mitigation: rename(e.mitigation) })).sort(compareCodeUnits)
    return canonicalJson({ ...inputs, effects })
  }
  return normal(b, (id) => mitigationRenames?.get(id) ?? id) === normal(h, (id) => id)
}

function rankOf(severity: Severity | null): number {
  return severity === null ? -1 : RANK[severity]
}

function sameSettings(base: RiskAssessment, head: RiskAssessment): boolean {
  return (
    base.engine === head.engine &&
    base.seed === head.seed &&
    base.iterations === head.iterations &&
    canonicalJson(base.calibration) === canonicalJson(head.calibration)
  )
}

function gateSignals(threats: readonly ThreatDelta[], residual: ViewDelta, gates: RiskGateSettings, newThreatLevel: Severity): GateSignals {
  const added = threats.filter((t) => t.change === 'added' || (t.severity.base === null && t.severity.head !== null))
  const existing = threats.filter((t) => t.severity.base !== null && t.severity.head !== null)
  const newCritical = added.filter((t) => t.severity.head === 'critical').map((t) => t.id)
  const newHigh = added.filter((t) => t.severity.head === 'high').map((t) => t.id)
  const rose = existing.filter((t) => t.direction === 'up')
  const severityIncrease = [
    ...rose.map((t) => t.id),
    ...added.filter((t) => rankOf(t.severity.head) >= RANK[newThreatLevel]).map((t) => t.id)
  ].sort(compareCodeUnits)
  const increaseToCritical = rose.filter((t) => t.severity.head === 'critical').map((t) => t.id)
  const severityDecrease = existing.filter((t) => t.direction === 'down').map((t) => t.id)
  const materialMeanIncrease = residual.aleMean.material && residual.aleMean.change > 0
  const materialP90Increase = residual.p90.material && residual.p90.change > 0
  const triggered: Record<string, boolean> = {
    'new-critical': newCritical.length > 0,
    'new-high': newHigh.length > 0,
    'severity-increase': severityIncrease.length > 0,
    'severity-increase-to-critical': increaseToCritical.length > 0,
    'ale-mean-increase': materialMeanIncrease,
    'ale-p90-increase': materialP90Increase
  }
  const fail = gates.failOn.filter((name) => triggered[name])
  const warn = gates.warnOn.filter((name) => triggered[name] && !fail.includes(name))
  const info: string[] = []
  for (const t of threats.filter((x) => x.direction === 'down')) info.push(`${t.id} ${t.severity.base} → ${t.severity.head}: ${t.reason}`)
  if (residual.aleMean.material && residual.aleMean.change < 0) info.push(`mean ALE decreased by ${-residual.aleMean.change}`)
  return {
    newCritical,
    newHigh,
    severityIncrease,
    increaseToCritical,
    severityDecrease,
    materialMeanIncrease,
    materialP90Increase,
    fail,
    warn,
    info
  }
}

function describe(d: Distribution | undefined): string {
  if (!d) return 'unset'
  if (d.kind === 'constant') return String(round(d.value))
  if (d.kind === 'pert') return `${round(d.min)}/${round(d.mode)}/${round(d.max)}`
  return `p5 ${round(d.p5)}…p95 ${round(d.p95)}`
}

function round(value: number): number {
  return Number(value.toPrecision(4))
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b)
}

/** Names what differs between the resolved inputs of a threat, first the factor §6 names first. */
export function attribute(
  b: ResolvedThreat | undefined,
  h: ResolvedThreat | undefined,
  base?: RiskAssessment,
  head?: RiskAssessment
): string[] {
  if (!b || !h) return base && head && !sameSettings(base, head) ? ['engine settings changed'] : []
  const reasons: string[] = []
  if (b.applicable !== h.applicable) reasons.push(h.applicable ? 'status no longer not-applicable' : 'status → not-applicable')
  if (b.likelihood !== h.likelihood) reasons.push(`likelihood ${b.likelihood ?? 'unset'} → ${h.likelihood ?? 'unset'}`)
  if (b.impact !== h.impact) reasons.push(`impact ${b.impact ?? 'unset'} → ${h.impact ?? 'unset'}`)
  if (!same(b.imported, h.imported)) {
    const bi = b.imported
    const hi = h.imported
    if (!bi || !hi || bi.scheme !== hi.scheme) reasons.push(`rating ${bi?.scheme ?? 'none'} → ${hi?.scheme ?? 'none'}`)
    else if (bi.scheme === 'owasp' || bi.scheme === 'dread') reasons.push(`${bi.scheme} ratings changed (${bi.severity} → ${hi.severity})`)
    else reasons.push(`${bi.scheme} ${bi.original} → ${hi.original}`)
  }
  const bm = b.money
  const hm = h.money
  if (!same(bm, hm)) {
    const levelsSame = b.likelihood === h.likelihood && b.impact === h.impact
    const derived = bm?.provenance !== 'quantitative' && hm?.provenance !== 'quantitative'
    if (!bm || !hm) reasons.push(hm ? 'now priced' : 'no longer priced')
    else if (bm.provenance !== hm.provenance) reasons.push(`money ${bm.provenance} → ${hm.provenance}`)
    if (bm && hm) {
      const moneyReasons: string[] = []
      const bf = bm.frequency
      const hf = hm.frequency
      const tef = (f: typeof bf): Distribution | undefined => ('tef' in f ? f.tef : undefined)
      const vulnerability = (f: typeof bf): Distribution | undefined => ('tef' in f ? f.vulnerability : undefined)
      const lef = (f: typeof bf): Distribution | undefined => ('lef' in f ? f.lef : undefined)
      if (!same(tef(bf), tef(hf))) moneyReasons.push(`tef ${describe(tef(bf))} → ${describe(tef(hf))}`)
      if (!same(vulnerability(bf), vulnerability(hf)))
        moneyReasons.push(`vulnerability ${describe(vulnerability(bf))} → ${describe(vulnerability(hf))}`)
      if (!same(lef(bf), lef(hf))) moneyReasons.push(`lef ${describe(lef(bf))} → ${describe(lef(hf))}`)
      if (!same(bm.primary, hm.primary) || !same(bm.secondary, hm.secondary)) moneyReasons.push(lossReason(bm, hm))
      if (derived && levelsSame && moneyReasons.length > 0) reasons.push('calibration changed')
      else if (!(derived && !levelsSame)) reasons.push(...moneyReasons)
    }
  }
  reasons.push(...effectReasons(b.effects, h.effects))
  if (b.statedSeverity !== h.statedSeverity && reasons.length === 0)
    reasons.push(`severity ${b.statedSeverity ?? 'unset'} → ${h.statedSeverity ?? 'unset'}`)
  return reasons
}

function lossReason(b: NonNullable<ResolvedThreat['money']>, h: NonNullable<ResolvedThreat['money']>): string {
  const forms = (m: typeof b): Map<string, Distribution> =>
    new Map([
      ...m.primary.map((f) => [`loss.primary.${f.form}`, f.distribution] as const),
      ...(m.secondary?.forms ?? []).map((f) => [`loss.secondary.${f.form}`, f.distribution] as const)
    ])
  const bf = forms(b)
  const hf = forms(h)
  for (const name of [...new Set([...bf.keys(), ...hf.keys()])].sort(compareCodeUnits))
    if (!same(bf.get(name), hf.get(name))) return `${name} ${describe(bf.get(name))} → ${describe(hf.get(name))}`
  return `loss.secondary.probability ${describe(b.secondary?.probability)} → ${describe(h.secondary?.probability)}`
}

function effectReasons(b: readonly ResolvedEffect[], h: readonly ResolvedEffect[]): string[] {
  const key = (e: ResolvedEffect): string => `${e.mitigation}\u0000${e.factor}`
  const bm = new Map(b.map((e) => [key(e), e]))
  const hm = new Map(h.map((e) => [key(e), e]))
  const reasons: string[] = []
  for (const k of [...new Set([...bm.keys(), ...hm.keys()])].sort(compareCodeUnits)) {
    const x = bm.get(k)
    const y = hm.get(k)
    if (!x && y) reasons.push(`mitigation ${y.mitigation} added (${y.status}, reduces ${y.factor} ${y.stated})`)
    else if (x && !y) reasons.push(`mitigation ${x.mitigation} removed`)
    else if (x && y) {
      if (x.status !== y.status) reasons.push(`mitigation ${y.mitigation} ${x.status} → ${y.status}`)
      if (x.roadmap !== y.roadmap) reasons.push(`mitigation ${y.mitigation} roadmap ${x.roadmap ?? 'unset'} → ${y.roadmap ?? 'unset'}`)
      if (!same(x.reduction, y.reduction)) reasons.push(`mitigation ${y.mitigation} effect on ${y.factor} ${x.stated} → ${y.stated}`)
    }
  }
  return reasons
}
