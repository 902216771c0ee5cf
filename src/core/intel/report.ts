// From operational evidence to proposed model changes. Pure: models, evidence and advisories in,
// the report out. The rule is documented in docs/intel.md ("How likelihood is raised").
import type { LoadedModel } from '../model/load.js'
import { LEVELS, type Level, type Threat } from '../model/schema.js'
import { isoDate } from '../domain.js'
import { componentPurls } from './osv.js'
import type { Advisory, EvidenceRef, IntelReport, Proposal, TechniqueEvidence, Unmodelled, VulnerableComponent } from './types.js'

export const DEFAULT_WINDOW_DAYS = 90
/** Evidence items cited per proposal or technique; the count covers all of them. */
const MAX_CITED = 20

/** Sightings (threat events) in the window → the least likelihood they support. */
export const SIGHTING_BANDS: readonly { atLeast: number; level: Level }[] = [
  { atLeast: 100, level: 'very-high' },
  { atLeast: 10, level: 'high' },
  { atLeast: 1, level: 'medium' }
]
/** Incidents (loss events that happened) in the window → the least likelihood they support. */
export const INCIDENT_BANDS: readonly { atLeast: number; level: Level }[] = [
  { atLeast: 3, level: 'very-high' },
  { atLeast: 1, level: 'high' }
]
/** A known advisory on a targeted component whose CWE the threat lists supports at least this. */
export const VULNERABILITY_LEVEL: Level = 'high'

export interface IntelInput {
  /** Models with their repository paths. */
  models: readonly LoadedModel[]
  evidence: readonly TechniqueEvidence[]
  /** Advisories by the purl's query text (`pkg:npm/lodash@4.17.15`). */
  advisories: ReadonlyMap<string, readonly Advisory[]>
  today: string
  windowDays?: number
  /** ATT&CK name of a technique id, or null when the catalogue does not know it. */
  techniqueName: (id: string) => string | null
  attackVersion: string | null
  warnings?: readonly string[]
}

export function buildIntelReport(input: IntelInput): IntelReport {
  const windowDays = input.windowDays ?? DEFAULT_WINDOW_DAYS
  const since = shiftDays(input.today, -windowDays)
  const warnings = [...(input.warnings ?? [])]
  const inWindow: TechniqueEvidence[] = []
  let old = 0
  let undated = 0
  for (const item of input.evidence) {
    if (item.lastSeen === null) undated++
    else if (item.lastSeen < since || item.lastSeen > shiftDays(input.today, 1)) old++
    else inWindow.push(item)
  }
  if (old > 0) warnings.push(`${old} evidence item(s) last seen outside the window (${since} to ${input.today}) are not counted`)
  if (undated > 0)
    warnings.push(`${undated} sighting(s) without first_seen/last_seen are not counted (no date to place them in the window)`)

  const byTechnique = new Map<string, TechniqueEvidence[]>()
  for (const item of inWindow) {
    const list = byTechnique.get(item.technique) ?? []
    list.push(item)
    byTechnique.set(item.technique, list)
  }
  /** Evidence for a technique a threat lists: the technique itself and its sub-techniques. */
  const evidenceFor = (id: string): TechniqueEvidence[] =>
    [...byTechnique.entries()].flatMap(([technique, items]) => (technique === id || technique.startsWith(`${id}.`) ? items : []))

  const proposals: Proposal[] = []
  const vulnerable: VulnerableComponent[] = []
  const covered = new Set<string>()
  for (const model of input.models) {
    const modelId = model.index.modelId
    const advisoriesOf = new Map<string, { purl: string; advisories: readonly Advisory[] }[]>()
    for (const component of model.document.components ?? []) {
      for (const purl of componentPurls(component)) {
        const advisories = input.advisories.get(purl.query) ?? []
        if (advisories.length === 0) continue
        vulnerable.push({
          modelId,
          file: model.file,
          component: component.id,
          purl: purl.text,
          advisories: [...advisories].sort((a, b) => a.id.localeCompare(b.id))
        })
        const list = advisoriesOf.get(component.id) ?? []
        list.push({ purl: purl.text, advisories })
        advisoriesOf.set(component.id, list)
      }
    }
    for (const threat of model.document.threats ?? []) {
      const techniques = (threat.references?.attack ?? []).filter((id) => /^T\d{4}(\.\d{3})?$/.test(id))
      for (const [technique] of byTechnique)
        if (techniques.some((t) => technique === t || technique.startsWith(`${t}.`))) covered.add(technique)
      if (threat.status === 'not-applicable') continue
      const evidence = unique(techniques.flatMap(evidenceFor))
      const vulnerabilities = vulnerabilityEvidence(threat, advisoriesOf)
      if (evidence.length === 0 && vulnerabilities.length === 0) continue
      proposals.push(...proposeFor(modelId, model.file, threat, evidence, vulnerabilities, windowDays))
    }
  }

  const unmodelled: Unmodelled[] = []
  for (const [technique, items] of byTechnique) {
    if (covered.has(technique)) continue
    unmodelled.push({ technique, name: input.techniqueName(technique), count: sum(items), evidence: cite(items) })
  }
  unmodelled.sort((a, b) => b.count - a.count || a.technique.localeCompare(b.technique))
  proposals.sort((a, b) => a.modelId.localeCompare(b.modelId) || a.threatId.localeCompare(b.threatId) || a.field.localeCompare(b.field))
  vulnerable.sort((a, b) => a.modelId.localeCompare(b.modelId) || a.component.localeCompare(b.component) || a.purl.localeCompare(b.purl))
  return {
    schema: 'threatloop-intel/1',
    today: input.today,
    windowDays,
    knowledgeBase: { attack: input.attackVersion },
    proposals,
    unmodelled,
    vulnerable,
    warnings,
    problems: []
  }
}

function proposeFor(
  modelId: string,
  file: string,
  threat: Threat,
  evidence: TechniqueEvidence[],
  vulnerabilities: EvidenceRef[],
  windowDays: number
): Proposal[] {
  const out: Proposal[] = []
  const sightings = evidence.filter((e) => e.kind === 'sighting')
  const incidents = evidence.filter((e) => e.kind === 'incident')
  const fair = threat.risk?.fair
  let qualitativeSightings = sightings
  let qualitativeIncidents = incidents
  const base = { modelId, file, threatId: threat.id }
  if (fair?.tef && sightings.length > 0) {
    qualitativeSightings = []
    const rate = annualRate(sum(sightings), windowDays)
    const to = raiseEstimate(fair.tef, rate)
    if (to)
      out.push({
        ...base,
        field: 'risk.fair.tef',
        from: fair.tef,
        to,
        reason: `${sum(sightings)} sighting(s) in ${windowDays} days is about ${rate} threat events a year, above the estimate`,
        evidence: cite(sightings)
      })
  }
  if (fair?.lef && incidents.length > 0) {
    qualitativeIncidents = []
    const rate = annualRate(sum(incidents), windowDays)
    const to = raiseEstimate(fair.lef, rate)
    if (to)
      out.push({
        ...base,
        field: 'risk.fair.lef',
        from: fair.lef,
        to,
        reason: `${sum(incidents)} incident(s) in ${windowDays} days is about ${rate} loss events a year, above the estimate`,
        evidence: cite(incidents)
      })
  }
  const reasons: string[] = []
  let level: Level | null = null
  const raise = (candidate: Level | null, why: string): void => {
    if (candidate === null) return
    reasons.push(why)
    if (level === null || rank(candidate) > rank(level)) level = candidate
  }
  const s = sum(qualitativeSightings)
  const i = sum(qualitativeIncidents)
  if (s > 0) raise(band(SIGHTING_BANDS, s), `${s} sighting(s) in ${windowDays} days → at least ${band(SIGHTING_BANDS, s)}`)
  if (i > 0) raise(band(INCIDENT_BANDS, i), `${i} incident(s) in ${windowDays} days → at least ${band(INCIDENT_BANDS, i)}`)
  if (vulnerabilities.length > 0)
    raise(VULNERABILITY_LEVEL, `known advisories with a CWE the threat lists on a component it targets → at least ${VULNERABILITY_LEVEL}`)
  if (level !== null) {
    const field = threat.likelihood === undefined && threat.risk?.likelihood !== undefined ? 'risk.likelihood' : 'likelihood'
    const current = field === 'likelihood' ? (threat.likelihood ?? null) : (threat.risk?.likelihood ?? null)
    if (current === null || rank(level) > rank(current)) {
      out.push({
        ...base,
        field,
        from: current,
        to: level,
        reason: reasons.join('; '),
        evidence: [...cite([...qualitativeSightings, ...qualitativeIncidents]), ...vulnerabilities].slice(0, MAX_CITED)
      })
    }
  }
  return out
}

type Estimate = { min: number; likely: number; max: number; confidence?: string } | { p5: number; p95: number }

/** Raises a FAIR frequency so the observed annual rate is its most likely value (three-point) or its p95 (interval); undefined when it already is. */
function raiseEstimate(estimate: Estimate, rate: number): Estimate | undefined {
  if ('likely' in estimate) {
    if (rate <= estimate.likely) return undefined
    return { ...estimate, likely: rate, max: Math.max(estimate.max, rate) }
  }
  if (rate <= estimate.p95) return undefined
  return { p5: estimate.p5, p95: rate }
}

function annualRate(count: number, windowDays: number): number {
  const rate = (count * 365) / windowDays
  return rate >= 10 ? Math.round(rate) : Math.round(rate * 100) / 100
}

function vulnerabilityEvidence(
  threat: Threat,
  advisoriesOf: Map<string, { purl: string; advisories: readonly Advisory[] }[]>
): EvidenceRef[] {
  const cwe = new Set(threat.references?.cwe ?? [])
  if (cwe.size === 0) return []
  const refs: EvidenceRef[] = []
  for (const target of threat.targets ?? []) {
    for (const { advisories } of advisoriesOf.get(target) ?? []) {
      for (const advisory of advisories) {
        if (advisory.cwe.some((c) => cwe.has(c)))
          refs.push({ kind: 'vulnerability', id: advisory.id, count: 1, lastSeen: advisory.modified?.slice(0, 10) ?? null })
      }
    }
  }
  return refs
}

function band(bands: readonly { atLeast: number; level: Level }[], count: number): Level | null {
  return bands.find((b) => count >= b.atLeast)?.level ?? null
}

function rank(level: string): number {
  return (LEVELS as readonly string[]).indexOf(level)
}

function sum(items: readonly TechniqueEvidence[]): number {
  return items.reduce((total, item) => total + item.count, 0)
}

/** One reference per evidence item (same kind and id merged), most recent first. */
function cite(items: readonly TechniqueEvidence[]): EvidenceRef[] {
  const merged = new Map<string, EvidenceRef>()
  for (const item of items) {
    const key = `${item.kind}\u0000${item.id}`
    const ref = merged.get(key)
    if (!ref) merged.set(key, { kind: item.kind, id: item.id, count: item.count, lastSeen: item.lastSeen })
    else {
      ref.count += item.count
      if (item.lastSeen !== null && (ref.lastSeen === null || item.lastSeen > ref.lastSeen)) ref.lastSeen = item.lastSeen
    }
  }
  return [...merged.values()]
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || a.id.localeCompare(b.id))
    .slice(0, MAX_CITED)
}

function unique(items: TechniqueEvidence[]): TechniqueEvidence[] {
  return [...new Set(items)]
}

/** YYYY-MM-DD shifted by whole days (UTC). */
export function shiftDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return isoDate(date)
}
