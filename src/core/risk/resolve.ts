// Resolves a threat's stated ratings, FAIR ranges, calibration and mitigation effects into the
// exact inputs the engine uses (docs/risk-engine.md §1 input layers, §2 semantics).
import type { FairInputs, Level, Mitigation, RiskSettings, Severity, Threat } from '../model/schema.js'
import { calibratedLef, calibratedLoss, resolveCalibration, type Calibration } from './calibration.js'
import { compileSampler, QUANTILE_NODES, type Distribution } from './distributions.js'
import {
  BUG_BAR_SEVERITY,
  cvssBaseScore,
  dreadSeverity,
  matrixSeverity,
  owaspScore,
  THREAGILE_LIKELIHOOD_LEVEL,
  threagileLabel
} from './scores.js'
import { canonicalJson, compareCodeUnits } from '../encoding/canonical-json.js'
import { DEFAULT_GATE_SETTINGS, type GateSettings } from '../domain.js'
import {
  DEFAULT_ITERATIONS,
  DEFAULT_SEED,
  type ImportedRating,
  type LossForm,
  type MoneyInputs,
  type Provenance,
  type ResolvedEffect,
  type ResolvedThreat
} from './types.js'

/** Engine settings after defaults. */
export interface EngineSettings {
  seed: number
  iterations: number
  currency: string
  lambdas: { low: number; medium: number; high: number }
  defaultConfidence: 'low' | 'medium' | 'high'
  calibration: Calibration
  whatIfIncludesProposed: boolean
  gates: RiskGateSettings
}

/** A model's `risk.gates` after defaults (docs/risk-engine.md §2 `gates`, §6 default gates): the gate lists plus the money thresholds. */
export interface RiskGateSettings extends GateSettings {
  aleMeanIncrease: { relative: number; absolute: number }
  aleP90Increase: { relative: number; absolute: number }
  noiseSigmas: number
}

/** §6: fail on a new critical or an increase to critical; warn on new high, any increase, material money increases. */
export const DEFAULT_GATES: RiskGateSettings = {
  ...DEFAULT_GATE_SETTINGS,
  aleMeanIncrease: { relative: 0.1, absolute: 50000 },
  aleP90Increase: { relative: 0.15, absolute: 100000 },
  noiseSigmas: 3
}

/** Applies the gate defaults to a model's `risk.gates`. */
export function resolveGates(gates: RiskSettings['gates']): RiskGateSettings {
  return {
    failOn: gates?.fail_on ?? DEFAULT_GATES.failOn,
    warnOn: gates?.warn_on ?? DEFAULT_GATES.warnOn,
    aleMeanIncrease: gates?.ale_mean_increase ?? DEFAULT_GATES.aleMeanIncrease,
    aleP90Increase: gates?.ale_p90_increase ?? DEFAULT_GATES.aleP90Increase,
    noiseSigmas: gates?.noise_sigmas ?? DEFAULT_GATES.noiseSigmas
  }
}

/**
 * Risk settings that change how much work a review does or what its gate decides: the number and
 * seed of iterations, the shapes of estimates, the calibration, the severity bands and the gates.
 * On a pull/merge request they are read from the trusted side (docs/security.md), never from the
 * change under review.
 */
export const TRUSTED_RISK_KEYS = [
  'iterations',
  'seed',
  'confidence_lambda',
  'default_confidence',
  'calibration',
  'severity',
  'gates'
] as const

/**
 * The risk settings to assess a model of the change under review with: its own `risk:` section
 * (currency, what-if views), with every trusted key taken from `trusted` (the same model on the
 * base side; the engine's defaults where the base has none or there is no base model), and the
 * configuration's `overrides` over both.
 */
export function trustedRiskSettings(
  own: RiskSettings | undefined,
  trusted: RiskSettings | undefined,
  overrides?: RiskSettings
): RiskSettings {
  const result: Record<string, unknown> = { ...own }
  // Present even when undefined, so that merged over the model's own section (assessRisk's
  // `risk` option) it still replaces the untrusted value with the default.
  for (const key of TRUSTED_RISK_KEYS) result[key] = trusted?.[key]
  for (const [key, value] of Object.entries(overrides ?? {})) if (value !== undefined) result[key] = value
  return result
}

/** Applies the defaults of docs/risk-engine.md §2 to a model's `risk:` section. */
export function resolveEngineSettings(risk: RiskSettings | undefined): EngineSettings {
  const lambdas = { low: 4, medium: 20, high: 160, ...risk?.confidence_lambda }
  const defaultConfidence = risk?.default_confidence ?? 'low'
  return {
    seed: risk?.seed ?? DEFAULT_SEED,
    iterations: risk?.iterations ?? DEFAULT_ITERATIONS,
    currency: risk?.currency ?? 'USD',
    lambdas,
    defaultConfidence,
    calibration: resolveCalibration(risk, lambdas[defaultConfidence]),
    whatIfIncludesProposed: risk?.what_if_includes_proposed ?? false,
    gates: resolveGates(risk?.gates)
  }
}

/** TMS strengths; "maximum" stays below 1 so layered controls never multiply to exactly 0. */
const STRENGTH_REDUCTION = { weak: 0.25, average: 0.5, strong: 0.75, maximum: 0.95 } as const

type Estimate = { min: number; likely: number; max: number; confidence?: 'low' | 'medium' | 'high' } | { p5: number; p95: number }

function toDistribution(estimate: Estimate, confidence: 'low' | 'medium' | 'high', settings: EngineSettings): Distribution {
  if ('p5' in estimate) return { kind: 'lognormal', p5: estimate.p5, p95: estimate.p95 }
  if (estimate.min === estimate.max) return { kind: 'constant', value: estimate.min }
  return {
    kind: 'pert',
    min: estimate.min,
    mode: estimate.likely,
    max: estimate.max,
    lambda: settings.lambdas[estimate.confidence ?? confidence]
  }
}

/** V = P(TC > RS) for independent PERT capability and resistance, integrated over RS's quantiles. */
export function vulnerabilityFromStrengths(capability: Distribution, resistance: Distribution): number {
  const tc = compileSampler(capability)
  const rs = compileSampler(resistance)
  const tcTable = tc.kind === 1 ? tc.table : new Float64Array(QUANTILE_NODES + 1).fill(tc.value)
  let sum = 0
  for (let j = 0; j < QUANTILE_NODES; j++) {
    // RS at the midpoint of each quantile cell.
    const x = rs.kind === 1 ? rs.table[j] + 0.5 * (rs.table[j + 1] - rs.table[j]) : rs.value
    sum += 1 - cdfFromTable(tcTable, x)
  }
  return sum / QUANTILE_NODES
}

function cdfFromTable(table: Float64Array, x: number): number {
  const last = table.length - 1
  if (x < table[0]) return 0
  if (x >= table[last]) return 1
  let lo = 0
  let hi = last
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (table[mid] <= x) lo = mid
    else hi = mid
  }
  const span = table[hi] - table[lo]
  return (lo + (span > 0 ? (x - table[lo]) / span : 1)) / last
}

const LOSS_FORMS = ['productivity', 'response', 'replacement', 'competitive_advantage', 'fines_judgements', 'reputation'] as const

function fairFrequency(fair: FairInputs, confidence: 'low' | 'medium' | 'high', s: EngineSettings): MoneyInputs['frequency'] | undefined {
  if (fair.lef) return { lef: toDistribution(fair.lef, confidence, s) }
  if (!fair.tef) return undefined
  const v = fair.vulnerability
  let vulnerability: Distribution = { kind: 'constant', value: 1 }
  if (v && 'threat_capability' in v) {
    vulnerability = {
      kind: 'constant',
      value: vulnerabilityFromStrengths(
        toDistribution(v.threat_capability, confidence, s),
        toDistribution(v.resistance_strength, confidence, s)
      )
    }
  } else if (v) vulnerability = toDistribution(v, confidence, s)
  return { tef: toDistribution(fair.tef, confidence, s), vulnerability }
}

function fairLoss(
  fair: FairInputs,
  confidence: 'low' | 'medium' | 'high',
  s: EngineSettings
): Pick<MoneyInputs, 'primary' | 'secondary'> | undefined {
  const forms = (group: Partial<Record<(typeof LOSS_FORMS)[number], Estimate>> | undefined): LossForm[] =>
    LOSS_FORMS.flatMap((form) => (group?.[form] ? [{ form, distribution: toDistribution(group[form], confidence, s) }] : []))
  const primary = forms(fair.loss?.primary)
  const secondaryForms = forms(fair.loss?.secondary)
  const secondary =
    fair.loss?.secondary && secondaryForms.length > 0
      ? { probability: toDistribution(fair.loss.secondary.probability, confidence, s), forms: secondaryForms }
      : undefined
  if (primary.length === 0 && !secondary) return undefined
  return secondary ? { primary, secondary } : { primary }
}

interface LevelRating {
  likelihood: Level
  impact: Level
  provenance: Provenance
}

/**
 * The severity a threat's imported rating gives (CVSS, OWASP, bug bar, Threagile, DREAD), or
 * undefined when it has none: rules use it so they never call a threat the engine rates "unrated".
 */
export function importedSeverity(threat: Threat): Severity | undefined {
  return importedRating(threat).imported?.severity
}

function importedRating(threat: Threat, dreadBands?: readonly number[]): { imported?: ImportedRating; levels?: LevelRating } {
  const r = threat.risk
  if (!r) return {}
  if (r.cvss) {
    const score = cvssBaseScore(r.cvss)
    if (score)
      return { imported: { scheme: 'cvss', original: score.vector, severity: score.severity, score: score.baseScore, severityOnly: true } }
  }
  if (r.owasp) {
    const o = owaspScore(r.owasp)
    if (o.impact) {
      const severity = matrixSeverity(o.likelihood, o.impact)
      return {
        imported: {
          scheme: 'owasp',
          original: canonicalJson(r.owasp),
          severity,
          score: Math.round(o.likelihoodScore * 1000) / 1000,
          severityOnly: false
        },
        levels: { likelihood: o.likelihood, impact: o.impact, provenance: 'imported:owasp' }
      }
    }
  }
  if (r.bugbar) return { imported: { scheme: 'bugbar', original: r.bugbar, severity: BUG_BAR_SEVERITY[r.bugbar], severityOnly: true } }
  if (r.threagile) {
    const likelihood = THREAGILE_LIKELIHOOD_LEVEL[r.threagile.likelihood]
    const impact = r.threagile.impact
    return {
      imported: {
        scheme: 'threagile',
        original: `${r.threagile.likelihood}/${r.threagile.impact}`,
        severity: matrixSeverity(likelihood, impact),
        label: threagileLabel(r.threagile.likelihood, r.threagile.impact),
        severityOnly: false
      },
      levels: { likelihood, impact, provenance: 'imported:threagile' }
    }
  }
  if (r.dread) {
    const d = dreadSeverity(r.dread, dreadBands)
    return { imported: { scheme: 'dread', original: canonicalJson(r.dread), severity: d.severity, score: d.mean, severityOnly: true } }
  }
  return {}
}

/** A mitigation effect naming a threat, with the mitigation it belongs to. */
export interface EffectSource {
  mitigation: Mitigation
  effect: NonNullable<Mitigation['effects']>[number]
}

/** Collects, per threat id, the mitigation effects that name it (mitigations in document order). */
export function effectsByThreat(mitigations: readonly Mitigation[]): Map<string, EffectSource[]> {
  const map = new Map<string, EffectSource[]>()
  for (const mitigation of mitigations)
    for (const effect of mitigation.effects ?? []) {
      const list = map.get(effect.threat)
      if (list) list.push({ mitigation, effect })
      else map.set(effect.threat, [{ mitigation, effect }])
    }
  return map
}

/** Resolves one threat's risk inputs (docs/risk-engine.md §1 precedence: FAIR, imported, qualitative, none). */
export function resolveThreat(threat: Threat, effects: readonly EffectSource[], s: EngineSettings): ResolvedThreat {
  const { imported, levels: importedLevels } = importedRating(threat)
  const stated = {
    likelihood: threat.risk?.likelihood ?? threat.likelihood,
    impact: threat.risk?.impact ?? threat.impact
  }
  const levels: LevelRating | undefined =
    importedLevels ??
    (stated.likelihood && stated.impact
      ? { likelihood: stated.likelihood, impact: stated.impact, provenance: 'derived-from-qualitative' }
      : undefined)
  const likelihood = importedLevels?.likelihood ?? stated.likelihood
  const impact = importedLevels?.impact ?? stated.impact

  const fair = threat.risk?.fair
  const confidence = fair?.confidence ?? s.defaultConfidence
  let money: MoneyInputs | undefined
  let fairInvolved = false
  if (fair) {
    const frequency = fairFrequency(fair, confidence, s)
    const loss = fairLoss(fair, confidence, s)
    if (frequency || loss) {
      const filledFrequency = frequency ?? (likelihood ? { lef: calibratedLef(s.calibration, likelihood) } : undefined)
      const filledLoss =
        loss ?? (impact ? { primary: [{ form: 'calibrated', distribution: calibratedLoss(s.calibration, impact) }] } : undefined)
      if (filledFrequency && filledLoss) {
        money = { provenance: frequency && loss ? 'quantitative' : 'derived-from-qualitative', frequency: filledFrequency, ...filledLoss }
        fairInvolved = true
      }
    }
  }
  if (!money && levels) {
    money = {
      provenance: levels.provenance,
      frequency: { lef: calibratedLef(s.calibration, levels.likelihood) },
      primary: [{ form: 'calibrated', distribution: calibratedLoss(s.calibration, levels.impact) }]
    }
  }

  let severitySource: ResolvedThreat['severitySource'] = 'unrated'
  let statedSeverity: Severity | undefined
  if (fairInvolved && money) severitySource = money.provenance
  else if (imported) {
    severitySource = `imported:${imported.scheme}`
    statedSeverity = imported.severity
  } else if (levels) {
    severitySource = levels.provenance
    statedSeverity = matrixSeverity(levels.likelihood, levels.impact)
  }

  const resolvedEffects: ResolvedEffect[] = effects.map(({ mitigation, effect }) => ({
    mitigation: mitigation.id,
    status: mitigation.status ?? 'proposed',
    ...(mitigation.roadmap ? { roadmap: mitigation.roadmap } : {}),
    factor: effect.reduces,
    reduction: effect.by
      ? toDistribution(effect.by, s.defaultConfidence, s)
      : { kind: 'constant', value: STRENGTH_REDUCTION[effect.strength ?? 'average'] },
    stated: effect.by ? `${effect.by.min}/${effect.by.likely}/${effect.by.max}` : (effect.strength ?? 'average')
  }))
  resolvedEffects.sort((a, b) => compareCodeUnits(a.mitigation, b.mitigation) || compareCodeUnits(a.factor, b.factor))

  return {
    id: threat.id,
    title: threat.title,
    applicable: threat.status !== 'not-applicable',
    ...(likelihood ? { likelihood } : {}),
    ...(impact ? { impact } : {}),
    ...(imported ? { imported } : {}),
    severitySource,
    ...(statedSeverity ? { statedSeverity } : {}),
    ...(money ? { money } : {}),
    effects: resolvedEffects
  }
}

/** The canonical text of a threat's risk inputs: equal text ⇔ identical simulation. */
export function inputsText(threat: ResolvedThreat): string {
  const { title: _title, ...inputs } = threat
  return canonicalJson(inputs)
}
