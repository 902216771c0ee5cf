import type { Problem } from '../problems.js'
import type { KnowledgeBase } from './knowledge-base.js'
import { parseCweCatalogue } from './cwe-catalogue.js'
import { parseStixBundle } from './stix-bundle.js'

/** A catalogue file as the adapter read it. */
export interface CatalogueText {
  file: string
  text: string
}

export interface KnowledgeBaseSources {
  /** MITRE CWE catalogue XML. */
  cwe?: CatalogueText
  /** CAPEC STIX 2.1 bundle. */
  capec?: CatalogueText
  /** ATT&CK STIX 2.1 bundle. */
  attack?: CatalogueText
}

export interface LoadedKnowledgeBase {
  /** Holds only the catalogues that loaded; the others stay "not loaded", so rules fall back to id-format checks. */
  knowledgeBase: KnowledgeBase
  /** Catalogue versions, for the report's provenance line. */
  versions: { cwe?: string; capec?: string; attack?: string }
  /** Catalogue release dates (YYYY-MM-DD), when the files state them. */
  dates: { cwe?: string; capec?: string; attack?: string }
  problems: Problem[]
}

/** Builds the knowledge base from whichever catalogue texts are configured. */
export function loadKnowledgeBase(sources: KnowledgeBaseSources): LoadedKnowledgeBase {
  const knowledgeBase: KnowledgeBase = {}
  const versions: LoadedKnowledgeBase['versions'] = {}
  const dates: LoadedKnowledgeBase['dates'] = {}
  const problems: Problem[] = []
  if (sources.cwe) {
    const cwe = parseCweCatalogue(sources.cwe.text, sources.cwe.file)
    problems.push(...cwe.problems)
    if (cwe.entries) knowledgeBase.cwe = cwe.entries
    if (cwe.version !== undefined) versions.cwe = cwe.version
    if (cwe.date !== undefined) dates.cwe = cwe.date
  }
  for (const kind of ['capec', 'attack'] as const) {
    const source = sources[kind]
    if (!source) continue
    const catalogue = parseStixBundle(source.text, kind, source.file)
    problems.push(...catalogue.problems)
    if (catalogue.entries) knowledgeBase[kind] = catalogue.entries
    if (catalogue.version !== undefined) versions[kind] = catalogue.version
    if (catalogue.date !== undefined) dates[kind] = catalogue.date
  }
  return { knowledgeBase, versions, dates, problems }
}
