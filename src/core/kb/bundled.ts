// The knowledge base shipped with Threatloop (kb/ in the repository, built by `npm run kb:update`).
// The catalogues are JSON text parsed on first use, so entry points that never check ids do not
// pay for them. The module is imported statically: the CLI bundle must stay one file (the GitLab
// job downloads dist/cli.js alone), and the action's entry reaches it only through its lazily
// loaded review chunk, after its first request.
import type { KnowledgeBase, KnowledgeEntry } from './knowledge-base.js'
import { BUNDLED_RELEASES } from './bundled-release.generated.js'
import { BUNDLED_CATALOGUES } from './bundled-catalogues.generated.js'
import { CATALOGUE_KINDS, EXTRACT_FILES, parseExtract, renderExtract, type CatalogueExtract, type CatalogueKind } from './extract.js'

export interface CatalogueRelease {
  title: string
  version: string | null
  released: string | null
  source: string
}

export interface BundledKnowledgeBase {
  knowledgeBase: KnowledgeBase
  releases: Readonly<Record<CatalogueKind, CatalogueRelease>>
}

/** Versions and release dates of the bundled catalogues (no catalogue is loaded for this). */
export function bundledCatalogueReleases(): Readonly<Record<CatalogueKind, CatalogueRelease>> {
  return BUNDLED_RELEASES
}

/**
 * Release date (YYYY-MM-DD) of the bundled knowledge base for `ObservedEvidence.knowledgeBaseDate`:
 * the oldest stated release date of its catalogues; unknown (null) when any catalogue states none, so
 * no maturity check credits an age nobody knows.
 */
export function bundledKnowledgeBaseDate(): string | null {
  return oldestDate(CATALOGUE_KINDS.map((kind) => BUNDLED_RELEASES[kind].released))
}

/**
 * The oldest of the given release dates: a set of catalogues is as old as its oldest one, so the
 * answer is null (unknown) when any date is missing or not a YYYY-MM-DD date.
 */
export function oldestDate(dates: readonly (string | null | undefined)[]): string | null {
  const known = dates.filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)).sort()
  return known.length === dates.length ? (known[0] ?? null) : null
}

let loading: Promise<BundledKnowledgeBase> | undefined

/** Loads (once) and returns the bundled CWE, CAPEC and ATT&CK catalogues. */
export function loadBundledKnowledgeBase(): Promise<BundledKnowledgeBase> {
  loading ??= Promise.resolve().then(() => {
    const knowledgeBase: { -readonly [K in keyof KnowledgeBase]: Map<string, KnowledgeEntry> } = {}
    for (const kind of CATALOGUE_KINDS) {
      const parsed = parseExtract(BUNDLED_CATALOGUES[kind], `kb/${EXTRACT_FILES[kind]}`)
      if (parsed.entries) knowledgeBase[kind] = parsed.entries
    }
    return { knowledgeBase, releases: BUNDLED_RELEASES }
  })
  return loading
}

/** The two generated modules for a set of extracts: the catalogues (loaded lazily) and their releases. */
export function renderBundledModules(extracts: Readonly<Record<CatalogueKind, CatalogueExtract>>): {
  catalogues: string
  releases: string
} {
  const header = '// Generated from kb/*.json by `npm run kb:update`. Do not edit.\n'
  const catalogueLines = CATALOGUE_KINDS.map(
    (kind) => `  ${kind}: ${JSON.stringify(JSON.stringify(JSON.parse(renderExtract(extracts[kind]))))}`
  )
  const releaseLines = CATALOGUE_KINDS.map((kind) => {
    const e = extracts[kind]
    return `  ${kind}: ${JSON.stringify({ title: e.title, version: e.version, released: e.released, source: e.source })}`
  })
  return {
    catalogues: `${header}\n/** The bundled catalogues as \`threatloop-kb/1\` JSON text, parsed on first use. */\nexport const BUNDLED_CATALOGUES: Readonly<Record<'cwe' | 'capec' | 'attack', string>> = {\n${catalogueLines.join(',\n')}\n}\n`,
    releases: `${header}\nimport type { CatalogueRelease } from './bundled.js'\n\n/** Versions and release dates of the bundled catalogues. */\nexport const BUNDLED_RELEASES: Readonly<Record<'cwe' | 'capec' | 'attack', CatalogueRelease>> = {\n${releaseLines.join(',\n')}\n}\n`
  }
}
