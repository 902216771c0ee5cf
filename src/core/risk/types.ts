import type { Level, MitigationStatus, Severity } from '../model/schema.js'
import type { Distribution } from './distributions.js'

/** The views of risk: no mitigations, in-place mitigations, and planned work by roadmap horizon. */
export const RISK_VIEWS = ['inherent', 'residual', 'what-if:short', 'what-if:mid', 'what-if:long', 'what-if'] as const
export type RiskView = (typeof RISK_VIEWS)[number]

export const ENGINE_VERSION = 'risk-v1'
export const DEFAULT_SEED = 20240601
export const DEFAULT_ITERATIONS = 10000

/** Where a number came from. */
export type Provenance = 'quantitative' | 'derived-from-qualitative' | `imported:${ImportScheme}`
export type ImportScheme = 'cvss' | 'owasp' | 'bugbar' | 'threagile' | 'dread'

/** An imported rating with its original value and what it became. */
export interface ImportedRating {
  scheme: ImportScheme
  /** The rating as written in the model. */
  original: string
  severity: Severity
  /** Numeric score of the scheme (CVSS base score, OWASP/DREAD means). */
  score?: number
  /** The scheme's own label where it differs from ours (Threagile). */
  label?: string
  /** True for schemes that rate severity only (CVSS, bug bar, DREAD): no frequency, no money. */
  severityOnly: boolean
}

/** One money-bearing loss form. */
export interface LossForm {
  form: string
  distribution: Distribution
}

/** The FAIR inputs a threat is simulated with, after calibration and imports are resolved. */
export interface MoneyInputs {
  provenance: Provenance
  frequency: { tef: Distribution; vulnerability: Distribution } | { lef: Distribution }
  primary: LossForm[]
  secondary?: { probability: Distribution; forms: LossForm[] }
}

/** A mitigation effect on one factor of one threat. */
export interface ResolvedEffect {
  mitigation: string
  status: MitigationStatus
  roadmap?: 'short' | 'mid' | 'long'
  factor: 'tef' | 'vulnerability' | 'lef' | 'primary' | 'secondary' | 'loss'
  reduction: Distribution
  /** `by` as written, or the qualitative strength. */
  stated: string
}

/** Everything about a threat that its risk depends on; the unit of change detection. */
export interface ResolvedThreat {
  id: string
  title: string
  /** False for `status: not-applicable`: shown, never counted. */
  applicable: boolean
  likelihood?: Level
  impact?: Level
  imported?: ImportedRating
  /** Where the severity comes from; `unrated` when nothing rates the threat. */
  severitySource: Provenance | 'unrated'
  /** Severity before any mitigation from the matrix or the imported rating. */
  statedSeverity?: Severity
  money?: MoneyInputs
  effects: ResolvedEffect[]
}

/** Most influential input of a threat's mean ALE (swing from its low to its high end). */
export interface TopFactor {
  factor: string
  swing: number
}

/** A threat in one view. */
export interface ThreatViewRisk {
  severity: Severity | null
  lefMean?: number
  aleMean?: number
  p50?: number
  p90?: number
  pLoss?: number
  topFactor?: TopFactor
}

/** A threat's risk across views. */
export interface ThreatRiskResult {
  id: string
  title: string
  applicable: boolean
  provenance: Provenance | 'unrated'
  moneyProvenance: Provenance | null
  likelihood: Level | null
  impact: Level | null
  imported: ImportedRating | null
  /** Hash of the resolved inputs; equal hashes mean bit-identical results. */
  inputHash: string
  views: Record<RiskView, ThreatViewRisk>
}

export type SeverityCounts = Record<Severity, number>

/** Model-level risk in one view. */
export interface ModelViewRisk {
  aleMean: number
  mcMean: number
  mcStandardError: number
  /** Monte Carlo mean within 5 SE of the exact mean. */
  mcCheck: 'ok' | 'deviates'
  p50: number
  p90: number
  p95: number
  p99: number
  pAnyLoss: number
  /** P(annual loss > x) on the fixed {1, 2, 5} × 10^k grid. */
  exceedance: { loss: number; probability: number }[]
  /** Losses exceeded with probability 50 %, 20 %, 10 %, 5 %, 1 %. */
  returnPeriods: { '1-in-2': number; '1-in-5': number; '1-in-10': number; '1-in-20': number; '1-in-100': number }
  severityCounts: SeverityCounts
  /** Share of the exact mean resting on values not stated quantitatively. */
  derivedShare: number
  warnings: string[]
}

/** The risk of one model version. */
export interface RiskAssessment {
  engine: typeof ENGINE_VERSION
  seed: number
  iterations: number
  node: number | null
  currency: string
  calibration: {
    step: number
    lambda: number
    c: number
    aleBands: Record<Severity, number>
    bandsSource: 'derived' | 'configured'
    consistent: boolean
  }
  counts: { threats: number; applicable: number; priced: number; unpriced: number; unrated: number; notApplicable: number }
  threats: ThreatRiskResult[]
  views: Record<RiskView, ModelViewRisk>
}
