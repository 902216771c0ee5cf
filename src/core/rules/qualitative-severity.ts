import { LEVELS, SEVERITIES } from '../model/schema.js'

/** The 5×5 matrix of docs/risk-engine.md §3 lives in the risk engine; rules read the same one. */
export { matrixSeverity as qualitativeSeverity } from '../risk/scores.js'

/** Ordinal of a likelihood/impact level (very-low 0 … very-high 4), or -1 for anything else. */
export function levelRank(level: string): number {
  return (LEVELS as readonly string[]).indexOf(level)
}

/** Ordinal of a severity (info 0 … critical 4), or -1 for anything else (e.g. `unrated`). */
export function severityRank(severity: string): number {
  return (SEVERITIES as readonly string[]).indexOf(severity)
}
