import type { Severity } from './model/schema.js'
import type { TextPosition } from './model/yaml-document.js'

/** A rule finding on one model: what is wrong, where, and how bad. */
export interface Finding {
  /** Stable synthetic id `rule-id@element-ids` (element ids joined by `+`), unique per model. */
  id: string
  ruleId: string
  /** The rule's title, for grouping in reports. */
  title: string
  severity: Severity
  message: string
  modelId: string
  /** Repository-relative path of the model file. */
  file: string
  /** Ids of the elements the finding is about; the model id for model-wide findings. */
  elementIds: string[]
  /** Position of the first element in the model file. */
  position: TextPosition
  /** STRIDE category of the rule, when it has one. */
  category?: string
  cwe?: string[]
  /** Set when a suppression in the model silences this finding. */
  suppressed?: { reason?: string; approvedBy?: string; expires?: string }
}

/** Builds the stable synthetic id of a finding. */
export function findingId(ruleId: string, elementIds: readonly string[]): string {
  return `${ruleId}@${elementIds.join('+')}`
}

/** Ordinal of a severity, for comparisons: info 0 … critical 4. */
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 }
