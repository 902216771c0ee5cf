export { assessRisk, effectsInView, EXCEEDANCE_GRID, simulationState, type AssessOptions } from './assess.js'
export {
  compareRisk,
  isMaterial,
  type CompareOptions,
  type GateSignals,
  type RiskDelta,
  type ThreatDelta,
  type ViewDelta
} from './compare.js'
export { canonicalJson } from '../encoding/canonical-json.js'
export { bandSeverity, calibrationTable, resolveCalibration, type Calibration } from './calibration.js'
export { cvssBaseScore, dreadSeverity, matrixSeverity, owaspScore } from './scores.js'
export * from './types.js'
