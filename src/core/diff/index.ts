export { diffModels, SECTION_SPECS } from './diff-models.js'
export { qualitativeSeverity, severityRank } from './severity.js'
export { RENAME_THRESHOLD } from './renames.js'
export * from './types.js'
