import { LEVELS, SEVERITIES, type Level, type Severity } from '../model/schema.js'

/** Qualitative severity from the 5×5 matrix (design/risk.md §3): S = L + I; ≤2 info, 3 low, 4 medium, 5 high, ≥6 critical. */
export function qualitativeSeverity(likelihood: Level, impact: Level): Severity {
  const sum = LEVELS.indexOf(likelihood) + LEVELS.indexOf(impact)
  if (sum <= 2) return 'info'
  if (sum >= 6) return 'critical'
  return SEVERITIES[sum - 2]
}

/** Rank of a severity on the scale, info = 0 … critical = 4. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity)
}
