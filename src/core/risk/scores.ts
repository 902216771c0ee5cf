// Severity from qualitative levels and from imported ratings (docs/risk-engine.md §3).
import type { Level, Severity } from '../model/schema.js'
import { LEVELS, SEVERITIES } from '../model/schema.js'

/** Ordinal value of a level: very-low 0 … very-high 4. */
export function levelValue(level: Level): number {
  return LEVELS.indexOf(level)
}

/** The 5×5 matrix: S = L + I; S ≤ 2 info, 3 low, 4 medium, 5 high, ≥ 6 critical. */
export function matrixSeverity(likelihood: Level, impact: Level): Severity {
  const sum = levelValue(likelihood) + levelValue(impact)
  return SEVERITIES[Math.max(0, Math.min(4, sum - 2))]
}

/** A parsed CVSS 3.x base vector and its base score. */
export interface CvssScore {
  version: '3.0' | '3.1'
  vector: string
  baseScore: number
  severity: Severity
}

const CVSS_WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 }
} as const

/** CVSS 3.1 Roundup (specification Appendix A): integer arithmetic avoids float artefacts. */
export function cvssRoundup(value: number): number {
  const scaled = Math.round(value * 100000)
  if (scaled % 10000 === 0) return scaled / 100000
  return (Math.floor(scaled / 10000) + 1) / 10
}

/** Base score of a CVSS 3.0/3.1 vector per the specification's formulas; undefined if malformed. */
export function cvssBaseScore(vector: string): CvssScore | undefined {
  const parts = vector.trim().split('/')
  const head = /^CVSS:(3\.[01])$/.exec(parts[0] ?? '')
  if (!head) return undefined
  const metrics = new Map<string, string>()
  for (const part of parts.slice(1)) {
    const [name, value] = part.split(':')
    if (!name || value === undefined || metrics.has(name)) return undefined
    metrics.set(name, value)
  }
  const pick = <T extends Record<string, number>>(name: string, table: T): number | undefined => {
    const value = metrics.get(name)
    return value !== undefined && Object.hasOwn(table, value) ? table[value] : undefined
  }
  const scope = metrics.get('S')
  if (scope !== 'U' && scope !== 'C') return undefined
  const changed = scope === 'C'
  const av = pick('AV', CVSS_WEIGHTS.AV)
  const ac = pick('AC', CVSS_WEIGHTS.AC)
  const pr = pick('PR', changed ? { N: 0.85, L: 0.68, H: 0.5 } : { N: 0.85, L: 0.62, H: 0.27 })
  const ui = pick('UI', CVSS_WEIGHTS.UI)
  const c = pick('C', CVSS_WEIGHTS.CIA)
  const i = pick('I', CVSS_WEIGHTS.CIA)
  const a = pick('A', CVSS_WEIGHTS.CIA)
  if (av === undefined || ac === undefined || pr === undefined || ui === undefined || c === undefined || i === undefined || a === undefined)
    return undefined
  const version = head[1] as '3.0' | '3.1'
  const roundup = version === '3.1' ? cvssRoundup : (x: number) => Math.ceil(x * 10) / 10
  const iss = 1 - (1 - c) * (1 - i) * (1 - a)
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss
  const exploitability = 8.22 * av * ac * pr * ui
  let baseScore = 0
  if (impact > 0)
    baseScore = changed ? roundup(Math.min(1.08 * (impact + exploitability), 10)) : roundup(Math.min(impact + exploitability, 10))
  return { version, vector: vector.trim(), baseScore, severity: cvssSeverity(baseScore) }
}

/** CVSS base score → severity: 0 info, < 4 low, < 7 medium, < 9 high, else critical. */
export function cvssSeverity(score: number): Severity {
  if (score === 0) return 'info'
  if (score < 4) return 'low'
  if (score < 7) return 'medium'
  if (score < 9) return 'high'
  return 'critical'
}

/** The factors of an OWASP Risk Rating. */
export interface OwaspFactors {
  skill: number
  motive: number
  opportunity: number
  size: number
  discovery: number
  exploit: number
  awareness: number
  detection: number
  confidentiality?: number
  integrity?: number
  availability?: number
  accountability?: number
  financial?: number
  reputation?: number
  non_compliance?: number
  privacy?: number
}

/** An OWASP rating reduced to levels; impact is undefined when no impact factor is given. */
export interface OwaspScore {
  likelihoodScore: number
  impactScore: number | undefined
  impactBasis: 'business' | 'technical' | undefined
  likelihood: Level
  impact: Level | undefined
}

function owaspLevel(score: number): Level {
  if (score < 3) return 'low'
  if (score < 6) return 'medium'
  return 'high'
}

function meanOf(values: readonly (number | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => v !== undefined)
  return present.length === 0 ? undefined : present.reduce((sum, v) => sum + v, 0) / present.length
}

/** OWASP: likelihood = mean of 8 factors; impact = business factors if any, else technical. */
export function owaspScore(f: OwaspFactors): OwaspScore {
  const likelihoodScore = meanOf([f.skill, f.motive, f.opportunity, f.size, f.discovery, f.exploit, f.awareness, f.detection]) ?? 0
  const business = meanOf([f.financial, f.reputation, f.non_compliance, f.privacy])
  const technical = meanOf([f.confidentiality, f.integrity, f.availability, f.accountability])
  const impactScore = business ?? technical
  return {
    likelihoodScore,
    impactScore,
    impactBasis: business !== undefined ? 'business' : technical !== undefined ? 'technical' : undefined,
    likelihood: owaspLevel(likelihoodScore),
    impact: impactScore === undefined ? undefined : owaspLevel(impactScore)
  }
}

/** Microsoft bug bar class → severity. */
export const BUG_BAR_SEVERITY = { critical: 'critical', important: 'high', moderate: 'medium', low: 'low' } as const satisfies Record<
  string,
  Severity
>

/** Threagile likelihood → level (impact names are levels already). */
export const THREAGILE_LIKELIHOOD_LEVEL = {
  unlikely: 'low',
  likely: 'medium',
  'very-likely': 'high',
  frequent: 'very-high'
} as const satisfies Record<string, Level>

/** Threagile's own label from its product rule, kept for display only. */
export function threagileLabel(
  likelihood: keyof typeof THREAGILE_LIKELIHOOD_LEVEL,
  impact: 'low' | 'medium' | 'high' | 'very-high'
): string {
  const product =
    (Object.keys(THREAGILE_LIKELIHOOD_LEVEL).indexOf(likelihood) + 1) * (['low', 'medium', 'high', 'very-high'].indexOf(impact) + 1)
  if (product <= 1) return 'low'
  if (product <= 3) return 'medium'
  if (product <= 8) return 'elevated'
  if (product <= 12) return 'high'
  return 'critical'
}

/** The DREAD ratings of a threat. */
export interface DreadRatings {
  damage: number
  reproducibility: number
  exploitability: number
  affected_users: number
  discoverability: number
}

/** DREAD default bands (tool default, not a standard): lower edges of low, medium, high, critical. */
export const DREAD_DEFAULT_BANDS = [2.5, 4.5, 6.5, 8.5] as const

/** DREAD: mean of the five ratings → severity by the bands. */
export function dreadSeverity(r: DreadRatings, bands: readonly number[] = DREAD_DEFAULT_BANDS): { mean: number; severity: Severity } {
  const mean = (r.damage + r.reproducibility + r.exploitability + r.affected_users + r.discoverability) / 5
  let rank = 0
  for (let k = 0; k < bands.length; k++) if (mean >= bands[k]) rank = k + 1
  return { mean, severity: SEVERITIES[rank] }
}
