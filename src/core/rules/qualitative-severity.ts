import { LEVELS, SEVERITIES, type Level, type Severity } from '../model/schema.js'

const LEVEL_VALUE: Record<Level, number> = { 'very-low': 0, low: 1, medium: 2, high: 3, 'very-high': 4 }

/** Severity from likelihood × impact through the 5×5 matrix of design/risk.md §3 (S = L + I). */
export function qualitativeSeverity(likelihood: Level, impact: Level): Severity {
  const sum = LEVEL_VALUE[likelihood] + LEVEL_VALUE[impact]
  if (sum <= 2) return 'info'
  if (sum === 3) return 'low'
  if (sum === 4) return 'medium'
  if (sum === 5) return 'high'
  return 'critical'
}

/** Ordinal of a likelihood/impact level (very-low 0 … very-high 4), or -1 for anything else. */
export function levelRank(level: string): number {
  return (LEVELS as readonly string[]).indexOf(level)
}

/** Ordinal of a severity (info 0 … critical 4), or -1 for anything else (e.g. `unrated`). */
export function severityRank(severity: string): number {
  return (SEVERITIES as readonly string[]).indexOf(severity)
}
