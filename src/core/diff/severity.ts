import { SEVERITY_RANK } from '../findings.js'
import type { Severity } from '../model/schema.js'

/** The 5×5 matrix of docs/risk-engine.md §3 lives in the risk engine; the diff reads the same one. */
export { matrixSeverity as qualitativeSeverity } from '../risk/scores.js'

/** Rank of a severity on the scale, info = 0 … critical = 4. */
export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity]
}
