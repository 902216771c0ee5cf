// Qualitative levels → FAIR distributions (docs/risk-engine.md §3 "Default calibration"). Every level is the
// anchor level scaled by k^(ℓ − anchor), so mean ALE(L, I) = c·k^(L+I) and severity bands with
// lower edges c·k^(S+0.5) reproduce the 5×5 matrix exactly.
import type { Level, RiskSettings, Severity } from '../model/schema.js'
import { LEVELS, SEVERITIES } from '../model/schema.js'
import { distributionMean, type Distribution } from './distributions.js'
import { levelValue } from './scores.js'

/** A three-point estimate. */
export interface ThreePoint {
  min: number
  likely: number
  max: number
}

/** The resolved calibration: anchors, step, λ, the derived constant c and the ALE bands. */
export interface Calibration {
  step: number
  lambda: number
  likelihoodAnchor: { level: Level; lefPerYear: ThreePoint }
  impactAnchor: { level: Level; loss: ThreePoint }
  /** Mean ALE at (very-low, very-low). */
  c: number
  /** Lower edges of the severity bands on mean ALE. */
  aleBands: Record<Severity, number>
  bandsSource: 'derived' | 'configured'
}

export const DEFAULT_STEP = Math.sqrt(10)
export const DEFAULT_LIKELIHOOD_ANCHOR = { level: 'medium' as Level, lefPerYear: { min: 0.1, likely: 0.3, max: 1 } }
export const DEFAULT_IMPACT_ANCHOR = { level: 'medium' as Level, loss: { min: 30000, likely: 100000, max: 1000000 } }

function scaled(anchor: ThreePoint, factor: number, lambda: number): Distribution {
  return { kind: 'pert', min: anchor.min * factor, mode: anchor.likely * factor, max: anchor.max * factor, lambda }
}

/** Resolves the calibration from the model's `risk:` settings and the default λ. */
export function resolveCalibration(settings: RiskSettings | undefined, lambda: number): Calibration {
  const step = settings?.calibration?.step ?? DEFAULT_STEP
  const la = settings?.calibration?.likelihood_anchor
  const ia = settings?.calibration?.impact_anchor
  const likelihoodAnchor = la
    ? { level: la.level, lefPerYear: { min: la.lef_per_year.min, likely: la.lef_per_year.likely, max: la.lef_per_year.max } }
    : DEFAULT_LIKELIHOOD_ANCHOR
  const impactAnchor = ia
    ? { level: ia.level, loss: { min: ia.loss.min, likely: ia.loss.likely, max: ia.loss.max } }
    : DEFAULT_IMPACT_ANCHOR
  const base = { step, lambda, likelihoodAnchor, impactAnchor }
  const c = distributionMean(calibratedLef(base, 'very-low')) * distributionMean(calibratedLoss(base, 'very-low'))
  const configured = settings?.severity?.ale_bands
  const aleBands = configured
    ? { info: configured.info, low: configured.low, medium: configured.medium, high: configured.high, critical: configured.critical }
    : derivedBands(c, step)
  return { ...base, c, aleBands, bandsSource: configured ? 'configured' : 'derived' }
}

/** Band edges c·k^(S+0.5) for S = 2 (low) … 5 (critical); info starts at 0. */
export function derivedBands(c: number, step: number): Record<Severity, number> {
  return { info: 0, low: c * step ** 2.5, medium: c * step ** 3.5, high: c * step ** 4.5, critical: c * step ** 5.5 }
}

type CalibrationBase = Pick<Calibration, 'step' | 'lambda' | 'likelihoodAnchor' | 'impactAnchor'>

/** Loss-event frequency per year of a likelihood level. */
export function calibratedLef(calibration: CalibrationBase, level: Level): Distribution {
  const a = calibration.likelihoodAnchor
  return scaled(a.lefPerYear, calibration.step ** (levelValue(level) - levelValue(a.level)), calibration.lambda)
}

/** Loss magnitude per event of an impact level. */
export function calibratedLoss(calibration: CalibrationBase, level: Level): Distribution {
  const a = calibration.impactAnchor
  return scaled(a.loss, calibration.step ** (levelValue(level) - levelValue(a.level)), calibration.lambda)
}

/** Severity of a mean ALE under the bands (the highest band whose lower edge it reaches). */
export function bandSeverity(meanAle: number, bands: Record<Severity, number>): Severity {
  let result: Severity = 'info'
  for (const severity of SEVERITIES) if (meanAle >= bands[severity]) result = severity
  return result
}

/** The calibration table for display: LEF and loss per level. */
export function calibrationTable(calibration: Calibration): { level: Level; lef: ThreePoint; loss: ThreePoint }[] {
  const three = (d: Distribution): ThreePoint =>
    d.kind === 'pert' ? { min: d.min, likely: d.mode, max: d.max } : { min: 0, likely: 0, max: 0 }
  return LEVELS.map((level) => ({ level, lef: three(calibratedLef(calibration, level)), loss: three(calibratedLoss(calibration, level)) }))
}

/** Whether the bands rise strictly and put every matrix cell's calibrated mean in its matrix band. */
export function bandsAreConsistent(calibration: Calibration, matrix: (l: Level, i: Level) => Severity): boolean {
  const b = calibration.aleBands
  if (!(b.info <= b.low && b.low < b.medium && b.medium < b.high && b.high < b.critical)) return false
  for (const l of LEVELS)
    for (const i of LEVELS) {
      const mean = distributionMean(calibratedLef(calibration, l)) * distributionMean(calibratedLoss(calibration, i))
      if (bandSeverity(mean, b) !== matrix(l, i)) return false
    }
  return true
}
