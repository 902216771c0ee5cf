import { SEVERITY_RANK, type Finding } from '../findings.js'
import { findingFingerprint } from './fingerprint.js'
import { SARIF_LEVEL, SECURITY_SEVERITY, type RuleDescriptor } from './rule-descriptor.js'

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'
const TOOL_NAME = 'Threatloop'
/** Where users learn about the tool (SARIF `tool.driver.informationUri`, SARIF2005). */
export const TOOL_INFORMATION_URI = 'https://github.com/threatloop/threatloop'

type SarifLevel = 'error' | 'warning' | 'note'

export interface SarifRule {
  id: string
  name: string
  shortDescription: { text: string }
  fullDescription: { text: string }
  help: { text: string; markdown: string }
  defaultConfiguration: { level: SarifLevel }
  properties: { tags: string[]; precision: 'high'; 'security-severity': string; 'problem.severity': string }
}

export interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: SarifLevel
  message: { text: string }
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } }
    logicalLocations: { name: string; fullyQualifiedName: string; kind: string }[]
  }[]
  partialFingerprints: { primaryLocationLineHash: string }
  properties: { findingId: string; modelId: string; elementIds: string[]; severity: string; 'security-severity': string }
}

/** The SARIF 2.1.0 log this tool writes (one run). */
export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: [
    {
      tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[] } }
      /** Only when the user names a category: upload-sarif's own `category` is ignored when the log has one. */
      automationDetails?: { id: string }
      results: SarifResult[]
      /** Present when results were left out to stay within code scanning's limit. */
      invocations?: { executionSuccessful: true; toolExecutionNotifications: { level: 'warning'; message: { text: string } }[] }[]
    }
  ]
}

/** Code scanning ignores results beyond 5,000 in one run (and rejects uploads over 25,000). */
export const SARIF_RESULT_LIMIT = 5000

export interface SarifInput {
  /** The findings to report — the caller passes only new, unsuppressed ones. */
  findings: readonly Finding[]
  /** Descriptors of the rules that ran (all of them, so code scanning knows every rule). */
  rules: readonly RuleDescriptor[]
  toolVersion: string
  /**
   * Code scanning category, written as `automationDetails.id` `<category>/`. Absent by default, so
   * upload-sarif's `category:` (or its per-workflow default) decides, and two uploads in one
   * workflow can be told apart.
   */
  category?: string
  /** Defaults to TOOL_INFORMATION_URI. */
  informationUri?: string
  /** A sentence for the truncation notice saying where every finding is listed (depends on the caller). */
  fullListHint?: string
  /** Most results in the log; the least severe are left out first. Defaults to SARIF_RESULT_LIMIT. */
  maxResults?: number
}

/** Renders findings as a SARIF 2.1.0 log for code scanning (GitHub upload-sarif and others). */
export function renderSarif(input: SarifInput): SarifLog {
  const descriptors = new Map<string, RuleDescriptor>()
  for (const rule of input.rules) descriptors.set(rule.id, rule)
  // A finding from a rule without a descriptor still needs a rule entry, or the log is unusable.
  for (const finding of input.findings) {
    if (!descriptors.has(finding.ruleId)) descriptors.set(finding.ruleId, descriptorFromFinding(finding))
  }
  const ordered = [...descriptors.values()].sort((a, b) => compareText(a.id, b.id))
  const ruleIndex = new Map(ordered.map((rule, index) => [rule.id, index]))
  const { kept: findings, left } = withinLimit(input.findings, input.maxResults ?? SARIF_RESULT_LIMIT)

  const driver: SarifLog['runs'][0]['tool']['driver'] = {
    name: TOOL_NAME,
    version: input.toolVersion,
    semanticVersion: input.toolVersion,
    informationUri: input.informationUri ?? TOOL_INFORMATION_URI,
    rules: ordered.map(sarifRule)
  }
  const run: SarifLog['runs'][0] = { tool: { driver }, results: [] }
  if (input.category !== undefined && input.category !== '') run.automationDetails = { id: automationId(input.category) }
  run.results = findings.map((finding) => sarifResult(finding, ruleIndex.get(finding.ruleId) ?? 0))
  if (left > 0) {
    const hint = input.fullListHint ? ` ${input.fullListHint}` : ''
    const text = `${left} of ${input.findings.length} results were left out, the least severe first: code scanning reads at most ${findings.length} results per run.${hint}`
    run.invocations = [{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning', message: { text } }] }]
  }
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] }
}

/** `category/run-id` with an empty run id: code scanning keys the analysis on the category. */
function automationId(category: string): string {
  return category.endsWith('/') ? category : `${category}/`
}

/** The findings to report, in report order, keeping the most severe when there are more than `limit`. */
function withinLimit(all: readonly Finding[], limit: number): { kept: Finding[]; left: number } {
  const ordered = [...all].sort(compareFindings)
  if (ordered.length <= limit) return { kept: ordered, left: 0 }
  const bySeverity = [...ordered].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || compareFindings(a, b))
  const keep = new Set(bySeverity.slice(0, Math.max(0, limit)))
  return { kept: ordered.filter((f) => keep.has(f)), left: ordered.length - keep.size }
}

function sarifRule(rule: RuleDescriptor): SarifRule {
  const tags = new Set(['security', 'threat-model'])
  if (rule.category !== undefined) tags.add(rule.category)
  for (const tag of rule.tags ?? []) tags.add(tag)
  for (const cwe of rule.cwe ?? []) tags.add(cweTag(cwe))
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description || rule.title },
    help: { text: rule.helpText || rule.description || rule.title, markdown: rule.helpMarkdown || rule.helpText || rule.title },
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: {
      tags: [...tags].sort(compareText),
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[rule.severity],
      'problem.severity': SARIF_LEVEL[rule.severity] === 'note' ? 'recommendation' : SARIF_LEVEL[rule.severity]
    }
  }
}

function sarifResult(finding: Finding, index: number): SarifResult {
  return {
    ruleId: finding.ruleId,
    ruleIndex: index,
    level: SARIF_LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: repositoryUri(finding.file) },
          region: { startLine: Math.max(1, finding.position.line), startColumn: Math.max(1, finding.position.column) }
        },
        logicalLocations: finding.elementIds.map((elementId) => ({
          name: elementId,
          fullyQualifiedName: `${finding.modelId}/${elementId}`,
          kind: 'element'
        }))
      }
    ],
    // Code scanning reads only this key; it is content-derived so it survives line moves.
    partialFingerprints: { primaryLocationLineHash: `${findingFingerprint(finding)}:1` },
    properties: {
      findingId: finding.id,
      modelId: finding.modelId,
      elementIds: [...finding.elementIds],
      severity: finding.severity,
      'security-severity': SECURITY_SEVERITY[finding.severity]
    }
  }
}

/** A repository-relative path as a relative URI reference: forward slashes, each segment escaped. */
export function repositoryUri(path: string): string {
  const segments = path
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .split('/')
  return segments.map((segment) => encodeURIComponent(segment)).join('/')
}

/** CodeQL's tag form (`external/cwe/cwe-079`), which GitHub recognises for CWE filtering. */
function cweTag(cwe: string): string {
  const digits = /(\d+)$/.exec(cwe)?.[1]
  return digits === undefined ? `external/cwe/${cwe.toLowerCase()}` : `external/cwe/cwe-${digits.padStart(3, '0')}`
}

/** SARIF `name` is an identifier-like display name: the rule id in PascalCase. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('')
}

function descriptorFromFinding(finding: Finding): RuleDescriptor {
  return {
    id: finding.ruleId,
    title: finding.title,
    severity: finding.severity,
    description: finding.title,
    helpMarkdown: finding.title,
    helpText: finding.title,
    cwe: finding.cwe,
    category: finding.category
  }
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file, b.file) ||
    a.position.line - b.position.line ||
    a.position.column - b.position.column ||
    compareText(a.modelId, b.modelId) ||
    compareText(a.id, b.id)
  )
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
