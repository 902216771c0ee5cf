/** One piece of operational evidence about an ATT&CK technique. */
export interface TechniqueEvidence {
  kind: 'sighting' | 'incident'
  /** STIX id of the sighting, or the incident's id. */
  id: string
  technique: string
  count: number
  /** YYYY-MM-DD, or null when the source does not say. */
  firstSeen: string | null
  lastSeen: string | null
  /** File the evidence came from (for messages). */
  file: string
  /** Incident summary, when there is one. */
  summary?: string
}

/** Evidence as the report cites it. */
export interface EvidenceRef {
  kind: 'sighting' | 'incident' | 'vulnerability'
  id: string
  count: number
  lastSeen: string | null
}

export interface Advisory {
  id: string
  aliases: string[]
  /** What OSV states: the database's severity word (e.g. HIGH, MODERATE) or a CVSS vector; null when it states none. */
  severity: string | null
  cwe: string[]
  /** Versions that fix it for this package, as OSV lists them. */
  fixed: string[]
  summary?: string
  modified?: string
}

export interface Proposal {
  modelId: string
  /** Repository path of the model file. */
  file: string
  threatId: string
  /** `likelihood`, `risk.likelihood`, `risk.fair.tef` or `risk.fair.lef`. */
  field: string
  from: unknown
  to: unknown
  /** How the new value follows from the evidence (the documented rule). */
  reason: string
  evidence: EvidenceRef[]
}

export interface Unmodelled {
  technique: string
  name: string | null
  count: number
  evidence: EvidenceRef[]
}

export interface VulnerableComponent {
  modelId: string
  file: string
  component: string
  purl: string
  advisories: Advisory[]
}

export interface IntelReport {
  schema: 'threatloop-intel/1'
  today: string
  windowDays: number
  knowledgeBase: { attack: string | null }
  proposals: Proposal[]
  unmodelled: Unmodelled[]
  vulnerable: VulnerableComponent[]
  /** Things the reader should know (an OSV outage, evidence outside the window, …). */
  warnings: string[]
  /** Problems in the feeds or models, with their positions (bad input: the run exits 1). */
  problems: { file: string; line: number; column: number; severity: 'error' | 'warning'; message: string }[]
}
