export { assessMaturity, describeProgress, embeddedMaturityChecks } from './assess-maturity.js'
export type {
  CategoryAssessment,
  CheckMeasure,
  CheckResult,
  CheckStatus,
  LevelAssessment,
  MaturityOptions,
  MaturityReport,
  NextStep
} from './assess-maturity.js'
export { compareMaturity } from './compare-maturity.js'
export type { CategoryMove, CompareOptions, LostEvidence, MaturityComparison, MaturityMove, MaturitySide } from './compare-maturity.js'
export { MATURITY_CATEGORY_IDS, loadMaturityChecks, resolveThresholds } from './maturity-check-set.js'
export type { MaturityCheckSet, ResolvedThresholds, ThresholdDefinition, ThresholdSource } from './maturity-check-set.js'
export { MATURITY_EVENTS, MATURITY_PLATFORMS } from './maturity-context.js'
export type { MaturityContext } from './maturity-context.js'
export { SEED_LEVEL_NAMES } from './maturity-schema.js'
