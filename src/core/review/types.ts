import type { ModelDiff } from '../diff/index.js'
import type { Finding } from '../findings.js'
import type { Problem } from '../problems.js'
import type { GateDecision } from '../report/gate.js'
import type { RiskDelta } from '../risk/compare.js'
import type { ModelViewRisk, RiskAssessment } from '../risk/types.js'
import type { Severity } from '../model/schema.js'
import type { IssueSyncPlan } from '../tracker/types.js'
import type { FindingComparison } from '../rules/run-rules.js'
import type { ChangeDiagram } from './change-diagram.js'
import type { NewSurface } from './surface.js'
import type { MaturityComparison, MaturityReport } from '../maturity/index.js'
import type { CodeDriftItem } from '../drift/code-drift.js'
import type { MitigationValue } from '../value/mitigation-value.js'
import type { ApprovalRequirement } from '../value/approvals.js'
import type { ModelBusinessSummary } from '../value/business-summary.js'

/** Version of the Review JSON; bumped on incompatible changes. */
export const REVIEW_SCHEMA = 'threatloop-review/1'

/** Where a review runs and what it compares. */
export interface ReviewContext {
  platform: 'github' | 'gitlab' | 'local'
  event: 'pull_request' | 'merge_request' | 'push' | 'schedule' | 'manual'
  /** e.g. `owner/repo` or `group/project`. */
  repository?: string
  /** Web address of the repository, for links. */
  repositoryUrl?: string
  /** Path segment between repository and commit in file links (`blob` or `-/blob`). */
  blobPath?: string
  base: { label: string; sha?: string } | null
  head: { label: string; sha?: string }
  /** Pull/merge request number, when there is one. */
  number?: number
  /** Today's date (YYYY-MM-DD), supplied by the adapter: the core never reads the clock. */
  today: string
}

/** One side of one model file. */
export interface ModelSide {
  file: string
  format: string
  valid: boolean
  problems: Problem[]
}

/** Risk of one model version, without the per-threat detail (the delta carries the moves). */
export interface RiskSummary {
  engine: string
  seed: number
  iterations: number
  currency: string
  counts: RiskAssessment['counts']
  residual: ModelViewRisk
  inherent: { aleMean: number; severityCounts: Record<Severity, number> }
  whatIf: { short: number; mid: number; long: number; all: number }
  /**
   * What the money rests on: threats priced from FAIR inputs, threats priced from a calibration of
   * qualitative ratings, and where that calibration comes from (the built-in default, the model
   * file, or the trusted configuration). Money resting only on the default or the model's own
   * calibration is an estimate, never shown as a fact.
   */
  money: { quantitative: string[]; derived: number; calibration: 'default' | 'model' | 'configured' }
}

/** Everything the review found for one model. */
export interface ModelReview {
  modelId: string
  title: string
  status: 'added' | 'removed' | 'changed' | 'unchanged' | 'invalid'
  /** True when the model file moved to another path. */
  moved: boolean
  base: ModelSide | null
  head: ModelSide | null
  diff: ModelDiff | null
  /** The changed part of the data-flow graph, for the Mermaid diagram. */
  diagram: ChangeDiagram | null
  findings: FindingComparison | null
  risk: { base: RiskSummary | null; head: RiskSummary | null; delta: RiskDelta | null }
  maturity: { base: MaturityReport | null; head: MaturityReport | null; comparison: MaturityComparison | null }
  notExpressible: string[]
  /** New attack surface (internet-facing components, boundary-crossing flows, restricted data moving down) no threat covers. */
  surface: NewSurface[]
  /** Renamed elements of the change by section (base id → head id): findings and risk follow them. */
  renames: Record<string, Record<string, string>>
  /** Owners given from `model.code_owners_file` to head components that name none (absent when none). */
  derivedOwners?: Record<string, string[]>
}

/** The single, serialisable result every output is rendered from. */
export interface Review {
  schema: typeof REVIEW_SCHEMA
  tool: { name: 'threatloop'; version: string }
  context: ReviewContext
  gate: GateDecision
  /** Configuration, discovery and rule-set problems (not tied to one model). */
  problems: Problem[]
  models: ModelReview[]
  totals: ReviewTotals
  issues: IssueSyncPlan | null
  /** Mitigations not yet in place, by value per cost then by reduction (models the change touches). */
  mitigationValue: MitigationValue[]
  /** Acceptances and high/critical suppressions this change adds or changes, and who approved them (empty when approvals are not configured). */
  approvals: ApprovalRequirement[]
  /** Components whose code changed while their model file did not (empty when none or not checked). */
  codeDrift: CodeDriftItem[]
  /** False when drift was not looked for: the run could not list the changed files, or `rules.disable` names the drift rule. */
  codeDriftChecked: boolean
  /** Residual risk by business objective and by owner, per head model (the job summary's business section). */
  business?: ModelBusinessSummary[]
}

export interface ReviewTotals {
  models: { reviewed: number; added: number; removed: number; changed: number; unchanged: number; invalid: number }
  validationErrors: number
  findings: { new: number; fixed: number; unchanged: number; suppressed: number; newBySeverity: Record<Severity, number> }
  /** Maturity categories that moved up or down, over all models. */
  maturity: { up: number; down: number }
  /** Residual severity counts summed over models. */
  severity: { base: Record<Severity, number>; head: Record<Severity, number> }
  /**
   * Residual mean ALE and P90 summed over models of one currency (null when currencies differ or
   * no model has quantitative inputs: then the review is qualitative). `estimated` is the share of
   * the head (or base) mean resting on default or model-file calibration rather than FAIR inputs
   * or the trusted configuration's calibration.
   */
  money: { currency: string; base: { mean: number; p90: number }; head: { mean: number; p90: number }; estimated: number } | null
  /** New unmodelled attack surface over all models. */
  surface: number
}

/** A finding with the model it belongs to, for renderers. */
export type ReviewFinding = Finding
