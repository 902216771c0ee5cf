import { FORMAT_NAMES, isRecord, listOf, type ImportFormat } from './conversion.js'

/** What a file looks like: the format, how sure we are (0–1), why, and what keeps it from being read. */
export interface DetectedFormat {
  format: ImportFormat | 'native' | 'unknown'
  confidence: number
  reason: string
  /** What is missing or malformed for the file to be read as `format`; empty when it can be read. */
  issues: string[]
}

interface Probe {
  format: ImportFormat | 'native'
  /** 0 when the value does not resemble the format at all. */
  score: number
  reason: string
  issues: string[]
}

type Raw = Record<string, unknown>

function has(value: Raw, ...keys: string[]): string[] {
  return keys.filter((key) => Object.hasOwn(value, key))
}

function probeNative(value: Raw): Probe {
  if (!Object.hasOwn(value, 'threatloop')) return { format: 'native', score: 0, reason: '', issues: [] }
  return { format: 'native', score: 1, reason: 'has the `threatloop` version key', issues: [] }
}

function probeOtm(value: Raw): Probe {
  const hints = has(value, 'project', 'trustZones', 'representations')
  const flows = listOf(value.dataflows)
  const flowHint = flows.some((f) => isRecord(f) && Object.hasOwn(f, 'source') && Object.hasOwn(f, 'destination'))
  if (!Object.hasOwn(value, 'otmVersion')) {
    if (hints.length + (flowHint ? 1 : 0) < 2) return { format: 'otm', score: 0, reason: '', issues: [] }
    return {
      format: 'otm',
      score: 0.5,
      reason: `has OTM keys (${[...hints, ...(flowHint ? ['dataflows with source/destination'] : [])].join(', ')})`,
      issues: ['the `otmVersion` key is missing (OTM files start with `otmVersion: 0.2.0`)']
    }
  }
  const issues: string[] = []
  const version = typeof value.otmVersion === 'number' ? String(value.otmVersion) : value.otmVersion
  if (typeof version !== 'string' || !/^0\.[12](\.\d+)?$/.test(version.trim())) {
    issues.push(`\`otmVersion\` is ${JSON.stringify(value.otmVersion)}; this release reads OTM 0.1.x and 0.2.x`)
  }
  if (!isRecord(value.project)) issues.push('the `project` mapping (with `id` and `name`) is missing')
  else {
    if (typeof value.project.id !== 'string') issues.push('`project.id` is missing or not text')
    if (typeof value.project.name !== 'string') issues.push('`project.name` is missing or not text')
  }
  for (const key of ['trustZones', 'components', 'dataflows', 'assets', 'threats', 'mitigations']) {
    if (value[key] !== undefined && value[key] !== null && !Array.isArray(value[key])) issues.push(`\`${key}\` must be a list`)
  }
  return { format: 'otm', score: issues.length === 0 ? 1 : 0.8, reason: 'has the `otmVersion` key', issues }
}

function probeThreagile(value: Raw): Probe {
  const hints = has(value, 'technical_assets', 'data_assets', 'trust_boundaries', 'shared_runtimes', 'risk_tracking', 'individual_risk_categories', 'custom_risk_categories', 'tags_available', 'business_criticality', 'abuse_cases')
  if (!Object.hasOwn(value, 'threagile_version')) {
    if (hints.length < 2) return { format: 'threagile', score: 0, reason: '', issues: [] }
    return {
      format: 'threagile',
      score: 0.5,
      reason: `has Threagile keys (${hints.join(', ')})`,
      issues: ['the `threagile_version` key is missing (a Threagile model starts with `threagile_version: 1.0.0`; a file that is only included by another model is read through that model)']
    }
  }
  const issues: string[] = []
  const version = typeof value.threagile_version === 'number' ? String(value.threagile_version) : value.threagile_version
  if (typeof version !== 'string' || !/^1(\.\d+){0,2}$/.test(version.trim())) issues.push(`\`threagile_version\` is ${JSON.stringify(value.threagile_version)}; this release reads Threagile 1.x models`)
  for (const key of ['technical_assets', 'data_assets', 'trust_boundaries', 'shared_runtimes', 'risk_tracking']) {
    if (value[key] !== undefined && value[key] !== null && !isRecord(value[key])) issues.push(`\`${key}\` must be a mapping keyed by title`)
  }
  if (value.includes !== undefined && value.includes !== null && !Array.isArray(value.includes)) issues.push('`includes` must be a list of file paths')
  return { format: 'threagile', score: issues.length === 0 ? 1 : 0.8, reason: 'has the `threagile_version` key', issues }
}

function probeThreatDragon(value: Raw): Probe {
  const none: Probe = { format: 'threat-dragon-v2', score: 0, reason: '', issues: [] }
  if (!isRecord(value.summary) && !isRecord(value.detail)) return none
  const detail = isRecord(value.detail) ? value.detail : undefined
  const diagrams = detail ? listOf(detail.diagrams) : []
  const v1Diagrams = diagrams.filter((d) => isRecord(d) && isRecord(d.diagramJson)).length
  const v2Diagrams = diagrams.filter((d) => isRecord(d) && Array.isArray(d.cells)).length
  const version = typeof value.version === 'string' ? value.version.trim() : undefined
  const issues: string[] = []
  if (!isRecord(value.summary)) issues.push('the `summary` mapping (with `title`) is missing')
  else if (typeof value.summary.title !== 'string') issues.push('`summary.title` is missing')
  if (!detail) issues.push('the `detail` mapping (with `diagrams`) is missing')
  else if (!Array.isArray(detail.diagrams)) issues.push('`detail.diagrams` is missing or not a list')
  if (v1Diagrams > 0 && v2Diagrams > 0) issues.push('diagrams mix the v1 layout (`diagramJson.cells`) and the v2 layout (`cells`); save the model again with one Threat Dragon version')
  const v2 = version?.startsWith('2.') === true || (version === undefined && v2Diagrams > 0 && v1Diagrams === 0)
  if (v2) {
    if (v1Diagrams > 0 && v2Diagrams === 0) issues.push(`\`version\` is ${JSON.stringify(version)} (v2) but the diagrams use the v1 layout \`diagramJson\`; v2 diagrams hold \`cells\` directly`)
    if (version === undefined) issues.push('the `version` key is missing (Threat Dragon v2 files carry e.g. `"version": "2.2.0"`)')
    return { format: 'threat-dragon-v2', score: issues.length === 0 ? 1 : 0.7, reason: version?.startsWith('2.') === true ? `has \`summary\`, \`detail.diagrams\` and version ${version}` : 'has `summary` and `detail.diagrams[].cells` (Threat Dragon v2)', issues }
  }
  if (version !== undefined && !/^1(\.\d+){0,2}$/.test(version)) issues.push(`\`version\` is ${JSON.stringify(version)}; this release reads Threat Dragon 1.x and 2.x models`)
  if (v2Diagrams > 0 && v1Diagrams === 0) issues.push('the diagrams use the v2 layout (`cells`) but the model is not marked as version 2.x')
  const score = isRecord(value.summary) && detail ? (issues.length === 0 ? 1 : 0.7) : 0.4
  return { format: 'threat-dragon-v1', score, reason: 'has `summary` and `detail.diagrams[].diagramJson` (Threat Dragon v1)', issues }
}

function probeThreatComposer(value: Raw): Probe {
  const hints = has(value, 'threats', 'mitigations', 'assumptions', 'mitigationLinks', 'assumptionLinks', 'applicationInfo', 'architecture', 'dataflow', 'workspace')
  const composerHints = has(value, 'mitigationLinks', 'assumptionLinks', 'applicationInfo')
  const grammar = listOf(value.threats).some((t) => isRecord(t) && (Object.hasOwn(t, 'threatSource') || Object.hasOwn(t, 'threatAction') || Object.hasOwn(t, 'statement')))
  if (!Object.hasOwn(value, 'schema')) {
    if (composerHints.length === 0 && !grammar) return { format: 'threat-composer', score: 0, reason: '', issues: [] }
    return { format: 'threat-composer', score: 0.5, reason: `has Threat Composer keys (${[...composerHints, ...(grammar ? ['threat grammar fields'] : [])].join(', ')})`, issues: ['the `schema` key is missing (Threat Composer exports carry `"schema": 1`)'] }
  }
  if (hints.length === 0 && !grammar) return { format: 'threat-composer', score: 0, reason: '', issues: [] }
  const issues: string[] = []
  if (value.schema !== 1) issues.push(`\`schema\` is ${JSON.stringify(value.schema)}; this release reads Threat Composer schema 1`)
  for (const key of ['threats', 'mitigations', 'assumptions', 'mitigationLinks', 'assumptionLinks']) {
    if (value[key] !== undefined && !Array.isArray(value[key])) issues.push(`\`${key}\` must be a list`)
  }
  return { format: 'threat-composer', score: issues.length === 0 ? 1 : 0.8, reason: 'has `schema` and Threat Composer sections', issues }
}

const TM_BOM_REQUIRED = ['version', 'scope', 'trust_zones', 'trust_boundaries', 'actors', 'components', 'data_stores', 'data_sets', 'data_flows'] as const

function probeTmBom(value: Raw): Probe {
  const hints = has(value, 'scope', 'trust_zones', 'trust_boundaries', 'data_stores', 'data_sets', 'data_flows', 'threat_personas', 'controls', 'risks')
  const schemaHint = typeof value.$schema === 'string' && value.$schema.includes('threat-model-library')
  if (hints.length < 2 && !schemaHint) return { format: 'tm-bom', score: 0, reason: '', issues: [] }
  const issues: string[] = []
  const missing = TM_BOM_REQUIRED.filter((key) => !Object.hasOwn(value, key))
  if (missing.length > 0) issues.push(`required keys are missing: ${missing.map((k) => `\`${k}\``).join(', ')}`)
  if (value.scope !== undefined && !isRecord(value.scope)) issues.push('`scope` must be a mapping with `title`, `description`, …')
  else if (isRecord(value.scope) && typeof value.scope.title !== 'string') issues.push('`scope.title` is missing')
  for (const key of ['trust_zones', 'trust_boundaries', 'actors', 'components', 'data_stores', 'data_sets', 'data_flows', 'threats', 'controls', 'risks', 'assumptions', 'threat_personas']) {
    if (value[key] !== undefined && !Array.isArray(value[key])) issues.push(`\`${key}\` must be a list`)
  }
  if (typeof value.version === 'string' && !/^\d+(\.\d+)*$/.test(value.version)) issues.push(`\`version\` is ${JSON.stringify(value.version)}; expected a structured version such as "1.0"`)
  const score = schemaHint || isRecord(value.scope) ? (issues.length === 0 ? 1 : 0.8) : 0.5
  return { format: 'tm-bom', score, reason: schemaHint ? 'names the Threat Model Library schema' : `has Threat Model Library keys (${hints.join(', ')})`, issues }
}

const PROBES = [probeNative, probeOtm, probeThreagile, probeThreatDragon, probeThreatComposer, probeTmBom]

/**
 * Recognises a threat-model file by its content (the file name only breaks ties): which format it
 * is, how sure, and what is missing or malformed when it only resembles one.
 */
export function detectFormat(path: string, text: string, value: unknown): DetectedFormat {
  if (!isRecord(value)) {
    const what = Array.isArray(value) ? 'a list' : value === null || value === undefined ? 'empty' : `a ${typeof value}`
    return { format: 'unknown', confidence: 0, reason: `the document is ${what}, not a mapping`, issues: ['every supported threat-model format is a mapping at the top level'] }
  }
  const probes = PROBES.map((probe) => probe(value))
    .filter((p) => p.score > 0)
    .map((p) => ({ ...p, score: p.score + nameBonus(path, p.format) }))
    .sort((a, b) => b.score - a.score)
  if (probes.length === 0) {
    const keys = Object.keys(value).slice(0, 6)
    return {
      format: 'unknown',
      confidence: 0,
      reason: `no known format matches (top-level keys: ${keys.map((k) => `\`${k}\``).join(', ')}${Object.keys(value).length > keys.length ? ', …' : ''})`,
      issues: [`expected the markers of one of: ${Object.values(FORMAT_NAMES).join(', ')}`]
    }
  }
  const [best, ...others] = probes
  const issues = [...best.issues]
  // A file with the strong marker of two formats is a broken hybrid, not either of them.
  const rival = others.find((p) => p.score >= 0.8 && p.format !== best.format)
  if (rival && best.score >= 0.8) {
    issues.push(`it also carries ${FORMAT_NAMES[rival.format]} markers (${rival.reason}); a file holds one format`)
  }
  void text
  return { format: best.format, confidence: Math.min(1, Number(best.score.toFixed(2))), reason: best.reason, issues }
}

function nameBonus(path: string, format: ImportFormat | 'native'): number {
  const name = path.toLowerCase()
  if (format === 'otm' && name.endsWith('.otm') ) return 0.05
  if (format === 'threat-composer' && name.endsWith('.tc.json')) return 0.05
  if (format === 'threagile' && name.includes('threagile')) return 0.05
  if (format === 'native' && name.includes('.threatmodel.')) return 0.05
  return 0
}
