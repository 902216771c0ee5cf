import type { KnowledgeEntry } from './knowledge-base.js'

/**
 * A CWE weakness, category or view. `status` is MITRE's status in lower case
 * (`stable`, `usable`, `draft`, `incomplete`, `deprecated`, `obsolete`).
 */
export interface CweEntry extends KnowledgeEntry {
  id: string
  kind: 'weakness' | 'category' | 'view'
  /** Weaknesses: Class, Base, Variant or Pillar. */
  abstraction?: string
  /** Weaknesses: parents in the Research Concepts view (CWE-1000), e.g. `CWE-74`. */
  parents?: string[]
  /** Categories: member ids. */
  members?: string[]
  /** MITRE's vulnerability-mapping guidance: Allowed, Allowed-with-Review, Discouraged, Prohibited. */
  mappingUsage?: string
}

/**
 * An ATT&CK technique, sub-technique, tactic or mitigation.
 * `status` is `active`, `deprecated` or `revoked`.
 */
export interface AttackEntry extends KnowledgeEntry {
  id: string
  kind: 'technique' | 'sub-technique' | 'tactic' | 'mitigation'
  status: 'active' | 'deprecated' | 'revoked'
  /** Techniques: tactic ids (`TA0001`) from the kill-chain phases. */
  tactics?: string[]
  /** Sub-techniques: the parent technique id. */
  parent?: string
  /** Revoked objects: the id that replaces this one, when the bundle says. */
  revokedBy?: string
  /** Tactics: the short name used in kill-chain phases, e.g. `initial-access`. */
  shortName?: string
  platforms?: string[]
  /** Techniques: the mitigations (`M1048`) that ATT&CK says mitigate it (non-revoked `mitigates` relationships). */
  mitigations?: string[]
  /** Techniques: the CAPEC patterns ATT&CK cites for it (`CAPEC-66`). */
  capec?: string[]
}

/**
 * A CAPEC attack pattern. `status` is `revoked`, `deprecated`, or CAPEC's own status in lower case
 * (`stable`, `usable`, `draft`, `obsolete`).
 */
export interface CapecEntry extends KnowledgeEntry {
  id: string
  kind: 'attack-pattern'
  abstraction?: string
  /** Related weaknesses, e.g. `CWE-89`. */
  cwe?: string[]
  /** ATT&CK techniques from CAPEC's taxonomy mappings, e.g. `T1550.004`. */
  attack?: string[]
  likelihood?: string
  severity?: string
}
