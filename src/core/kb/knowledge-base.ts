/** One catalogue entry: its name and its lifecycle status, lower-case (`stable`, `draft`, `deprecated`, `obsolete`, `revoked`, …). */
export interface KnowledgeEntry {
  name: string
  status: string
}

/** The catalogues a KB id kind names. */
export const KNOWLEDGE_KINDS = ['cwe', 'capec', 'attack'] as const
export type KnowledgeKind = (typeof KNOWLEDGE_KINDS)[number]

/**
 * Reference catalogues rules may consult, keyed by the id exactly as a model writes it
 * (`CWE-79`, `CAPEC-66`, `T1190`, `T1550.004`). A missing catalogue means "not loaded":
 * rules then cannot say whether an id is unknown.
 */
export interface KnowledgeBase {
  cwe?: ReadonlyMap<string, KnowledgeEntry>
  capec?: ReadonlyMap<string, KnowledgeEntry>
  attack?: ReadonlyMap<string, KnowledgeEntry>
}

/** What `kbStatus` answers when the catalogue of that kind is not loaded. */
export const KB_NOT_LOADED = 'unknown-kb'
/** What `kbStatus` answers when the catalogue is loaded but does not hold the id. */
export const KB_UNKNOWN_ID = 'unknown'

/** Status of an id in the knowledge base: its catalogue status, `unknown`, or `unknown-kb` when that catalogue is not loaded. */
export function knowledgeStatus(kb: KnowledgeBase | undefined, kind: string, id: string): string {
  const catalogue = catalogueOf(kb, kind)
  if (!catalogue) return KB_NOT_LOADED
  const entry = catalogue.get(id)
  return entry ? entry.status.toLowerCase() : KB_UNKNOWN_ID
}

/** Name of an id in the knowledge base, or an empty string when it is not known. */
export function knowledgeName(kb: KnowledgeBase | undefined, kind: string, id: string): string {
  return catalogueOf(kb, kind)?.get(id)?.name ?? ''
}

function catalogueOf(kb: KnowledgeBase | undefined, kind: string): ReadonlyMap<string, KnowledgeEntry> | undefined {
  if (!kb) return undefined
  if (kind === 'cwe') return kb.cwe
  if (kind === 'capec') return kb.capec
  if (kind === 'attack') return kb.attack
  return undefined
}
