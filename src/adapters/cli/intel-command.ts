import { readFile, stat } from 'node:fs/promises'
import { relative, resolve } from 'node:path'
import { loadRepositoryConfig, type ResolvedConfig } from '../../core/config/load.js'
import { bundledCatalogueReleases, loadBundledKnowledgeBase } from '../../core/kb/bundled.js'
import { loadKnowledgeBase } from '../../core/kb/load-knowledge-base.js'
import { DEFAULT_INCIDENT_COLUMNS, parseIncidents, type IncidentColumns } from '../../core/intel/incidents.js'
import { advisoryFromOsv, affectsVersion, componentPurls, osvExportRecords, type Purl } from '../../core/intel/osv.js'
import { renderIntelMarkdown } from '../../core/intel/render-markdown.js'
import { buildIntelReport, DEFAULT_WINDOW_DAYS } from '../../core/intel/report.js'
import { parseStixSightings } from '../../core/intel/stix-sightings.js'
import type { Advisory, IntelReport, TechniqueEvidence } from '../../core/intel/types.js'
import type { LoadedModel } from '../../core/model/load.js'
import { formatProblem, type Problem } from '../../core/problems.js'
import { sanitizeLogText } from '../../core/render/log-text.js'
import type { KnowledgeEntry } from '../../core/kb/knowledge-base.js'
import { loadModelFile } from '../../core/review/load-model-file.js'
import { discoverModels, requestedPaths } from '../fs/discovery.js'
import { resolveInside } from '../fs/repository-files.js'
import { queryOsv, OSV_API } from '../osv/osv-client.js'
import { CONFIG_FILE, today as todayIso } from '../../core/domain.js'
import type { Snapshot } from '../review/snapshot.js'
import { openLocalRepository } from './local-repository.js'
import { EXIT, parseCommandArgs, UsageError, type CommandOutput } from './output.js'

export const INTEL_HELP = `Usage: threatloop intel [paths…] [--stix FILE]… [--incidents FILE]… [--osv | --osv-api URL] [--osv-file FILE] [--format markdown|json]

Reads operational evidence and proposes changes to the threat models: sightings of ATT&CK
techniques (STIX 2.1 bundles), incident exports (CSV or JSON) and OSV advisories for components
whose technologies are versioned package URLs (pkg:npm/lodash@4.17.15). Proposes a higher
likelihood for threats whose techniques were seen, lists techniques no threat covers, and lists
components with known advisories. Files under intelligence: in .threatloop.yaml are read too.
See docs/intel.md.

Options:
  --stix FILE          STIX 2.1 bundle with sighting objects (repeatable)
  --incidents FILE     incident export, CSV or JSON (repeatable)
  --columns MAP        column names of the --incidents files (CSV header or JSON key),
                       e.g. id=Ticket,date=Created,techniques=MITRE,summary=Title
  --osv                query the OSV API (${OSV_API})
  --osv-api URL        query the OSV API at URL instead (implies --osv)
  --osv-file FILE      read advisories from an OSV JSON export instead of the API (offline)
  --window-days N      days of evidence counted (default ${DEFAULT_WINDOW_DAYS})
  --today YYYY-MM-DD   the day the window ends (default today)
  --format F           markdown (default) or json
  --config FILE        configuration file (default .threatloop.yaml)
  -h, --help           show this help

Exit status: 0 report written, 1 bad input (a feed or model that cannot be read; the report still
covers the rest), 2 usage or configuration error.`

/** Feed files are read up to this size. */
export const MAX_FEED_BYTES = 100 * 1024 * 1024

export interface IntelSources {
  stix: string[]
  incidents: { path: string; columns?: Partial<IncidentColumns> }[]
  osv: { mode: 'off' } | { mode: 'api'; baseUrl: string } | { mode: 'file'; path: string }
  windowDays?: number
}

export interface CollectIntelOptions {
  head: Snapshot
  config: ResolvedConfig
  /** Restrict to model files under these repository paths. */
  paths?: readonly string[]
  sources: IntelSources
  /** Reads a feed file (a repository path from the configuration, or a local path from the command line). */
  readFeed: (path: string) => Promise<string | { error: string }>
  today: string
  osvRetryDelayMs?: number
  /** Told the ids of the models read (the CI jobs keep one issue per model). */
  onModels?: (modelIds: string[]) => void
  /** Told when a source could not be read in full this run (OSV unreachable or partly answered). */
  onIncomplete?: (source: 'osv') => void
}

/** Loads the models and feeds, asks OSV, and builds the report (the CLI command and the CI jobs share this). */
export async function collectIntel(options: CollectIntelOptions): Promise<IntelReport> {
  const problems: Problem[] = []
  const found = await discoverModels(options.head, options.config, options.paths ?? [])
  problems.push(...found.problems)
  for (const path of found.missing) problems.push(problemAt(path || '.', `no such file or folder: ${path || '.'}`))
  const models: LoadedModel[] = []
  for (const source of found.files) {
    const loaded = loadModelFile(source)
    if (loaded.model) models.push(loaded.model)
    else if (!found.tentative.has(source.path)) problems.push(...loaded.problems.filter((p) => p.severity === 'error').slice(0, 5))
  }

  options.onModels?.(models.map((m) => m.index.modelId))

  // ATT&CK ids are checked against the configured catalogue, else the bundled one.
  let attack: ReadonlyMap<string, KnowledgeEntry> | undefined
  let attackVersion = bundledCatalogueReleases().attack.version
  const configured = options.config.raw.knowledge_base?.attack
  if (configured) {
    const text = await options.readFeed(configured)
    if (typeof text === 'string') {
      const kb = loadKnowledgeBase({ attack: { file: configured, text } })
      problems.push(...kb.problems)
      attack = kb.knowledgeBase.attack
      if (attack) attackVersion = kb.versions.attack ?? null
    } else problems.push(problemAt(configured, text.error))
  }
  attack ??= (await loadBundledKnowledgeBase()).knowledgeBase.attack
  const knownTechnique = (id: string): boolean =>
    attack?.has(id) === true && (attack.get(id) as { kind?: string } | undefined)?.kind !== 'mitigation'

  const evidence: TechniqueEvidence[] = []
  for (const file of options.sources.stix) {
    const text = await options.readFeed(file)
    if (typeof text !== 'string') {
      problems.push(problemAt(file, text.error))
      continue
    }
    const result = parseStixSightings(text, file, knownTechnique)
    problems.push(...result.problems)
    evidence.push(...result.sightings)
  }
  for (const source of options.sources.incidents) {
    const text = await options.readFeed(source.path)
    if (typeof text !== 'string') {
      problems.push(problemAt(source.path, text.error))
      continue
    }
    const result = parseIncidents(text, source.path, source.columns, knownTechnique)
    problems.push(...result.problems)
    evidence.push(...result.incidents)
  }

  const warnings: string[] = []
  const purls: Purl[] = models.flatMap((m) => (m.document.components ?? []).flatMap(componentPurls))
  let advisories = new Map<string, Advisory[]>()
  const osv = options.sources.osv
  if (osv.mode === 'api') {
    const result = await queryOsv(purls, { baseUrl: osv.baseUrl, retryDelayMs: options.osvRetryDelayMs })
    advisories = result.advisories
    warnings.push(...result.warnings)
    if (!result.complete) options.onIncomplete?.('osv')
  } else if (osv.mode === 'file') {
    const text = await options.readFeed(osv.path)
    if (typeof text !== 'string') problems.push(problemAt(osv.path, text.error))
    else {
      let records: unknown[] | undefined
      try {
        records = osvExportRecords(JSON.parse(text))
      } catch {
        records = undefined
      }
      if (!records)
        problems.push(
          problemAt(osv.path, 'not an OSV export: expected OSV JSON (a vulnerability record, a list of them, or {"vulns": [...]})')
        )
      else {
        for (const purl of purls) {
          const found = records.filter((r) => affectsVersion(r, purl)).flatMap((r) => advisoryFromOsv(r, purl) ?? [])
          if (found.length > 0) advisories.set(purl.query, found)
        }
      }
    }
  } else if (purls.length > 0) {
    warnings.push(
      `${purls.length} component package(s) were not checked for advisories: OSV is off (use --osv, --osv-file or intelligence.osv)`
    )
  }

  const report = buildIntelReport({
    models,
    evidence,
    advisories,
    today: options.today,
    windowDays: options.sources.windowDays,
    techniqueName: (id) => attack?.get(id)?.name ?? null,
    attackVersion,
    warnings
  })
  report.problems = problems.map((p) => ({
    file: p.file,
    line: p.line,
    column: p.column,
    severity: p.severity === 'error' ? 'error' : 'warning',
    message: p.message
  }))
  return report
}

/** The sources configured under `intelligence:`. */
export function configuredSources(config: ResolvedConfig): IntelSources {
  const intel = config.raw.intelligence
  return {
    stix: intel?.stix ?? [],
    incidents: (intel?.incidents ?? []).map((i) =>
      typeof i === 'string' ? { path: i } : { path: i.path, ...(i.columns ? { columns: i.columns } : {}) }
    ),
    osv: intel?.osv_file ? { mode: 'file', path: intel.osv_file } : intel?.osv ? { mode: 'api', baseUrl: OSV_API } : { mode: 'off' },
    ...(intel?.window_days ? { windowDays: intel.window_days } : {})
  }
}

/** `threatloop intel`. */
export async function runIntelCommand(args: string[], cwd: string, output: CommandOutput): Promise<number> {
  const parsed = parseCommandArgs(
    args,
    {
      stix: { type: 'string', multiple: true },
      incidents: { type: 'string', multiple: true },
      columns: { type: 'string' },
      osv: { type: 'boolean' },
      'osv-api': { type: 'string' },
      'osv-file': { type: 'string' },
      'window-days': { type: 'string' },
      today: { type: 'string' },
      format: { type: 'string', default: 'markdown' },
      config: { type: 'string' }
    },
    INTEL_HELP,
    output
  )
  if (!parsed) return EXIT.ok
  const v = parsed.values
  if (v.format !== 'markdown' && v.format !== 'json') throw new UsageError(`--format must be markdown or json, got "${v.format}"`)
  if (v['osv-file'] !== undefined && (v.osv || v['osv-api'] !== undefined))
    throw new UsageError('--osv-file reads advisories offline; it cannot be combined with --osv or --osv-api')
  if (v['osv-api'] !== undefined && !/^https?:\/\/[^\s/]+/.test(v['osv-api']))
    throw new UsageError(`--osv-api must be an http(s) URL, got "${v['osv-api']}"`)
  const today = v.today ?? todayIso()
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today)))
    throw new UsageError(`--today must be a date written YYYY-MM-DD, got "${today}"`)
  let windowDays: number | undefined
  if (v['window-days'] !== undefined) {
    windowDays = Number(v['window-days'])
    if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 3650)
      throw new UsageError(`--window-days must be a whole number from 1 to 3650, got "${v['window-days']}"`)
  }
  let columns: Partial<IncidentColumns> | undefined
  if (v.columns !== undefined) {
    columns = {}
    for (const pair of v.columns.split(',')) {
      const [key, ...rest] = pair.split('=')
      const name = rest.join('=').trim()
      if (!(key.trim() in DEFAULT_INCIDENT_COLUMNS) || name === '')
        throw new UsageError(
          `--columns takes FIELD=COLUMN pairs with FIELD one of ${Object.keys(DEFAULT_INCIDENT_COLUMNS).join(', ')}; got "${pair}"`
        )
      columns[key.trim() as keyof IncidentColumns] = name
    }
  }

  const localRepository = await openLocalRepository(cwd)
  const root = localRepository.root
  const head = localRepository.workingTree
  const requested = await requestedPaths(cwd, root, parsed.positionals)
  if (requested.problems.length > 0) {
    for (const p of requested.problems) output.err(formatProblem(p))
    return EXIT.usage
  }
  const configPath = v.config ?? CONFIG_FILE
  const configText = await readInside(root, configPath)
  const configResult = loadRepositoryConfig(configPath, typeof configText === 'string' ? configText : undefined)
  if (!configResult.config) {
    for (const p of configResult.problems) output.err(sanitizeLogText(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`))
    return EXIT.usage
  }
  const fromConfig = configuredSources(configResult.config)
  // Command-line files are the user's own paths (relative to the current folder); configured ones are repository paths.
  const local = new Set<string>()
  const cliPath = (p: string): string => {
    const absolute = resolve(cwd, p)
    local.add(absolute)
    return absolute
  }
  const sources: IntelSources = {
    stix: [...fromConfig.stix, ...(v.stix ?? []).map(cliPath)],
    incidents: [...fromConfig.incidents, ...(v.incidents ?? []).map((p) => ({ path: cliPath(p), ...(columns ? { columns } : {}) }))],
    osv:
      v['osv-file'] !== undefined
        ? { mode: 'file', path: cliPath(v['osv-file']) }
        : v['osv-api'] !== undefined
          ? { mode: 'api', baseUrl: v['osv-api'] }
          : v.osv
            ? { mode: 'api', baseUrl: OSV_API }
            : fromConfig.osv,
    windowDays: windowDays ?? fromConfig.windowDays
  }
  const paths = requested.paths
  const report = await collectIntel({
    head,
    config: configResult.config,
    paths,
    sources,
    today,
    readFeed: (path) => (local.has(path) ? readLocal(path) : readInside(root, path))
  })
  // Messages name files as the user gave them.
  const shown = (file: string): string => (local.has(file) ? relative(cwd, file) || file : file)
  report.problems = report.problems.map((p) => ({ ...p, file: shown(p.file) }))
  for (const p of report.problems) output.err(sanitizeLogText(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`))
  for (const w of report.warnings) output.err(sanitizeLogText(`warning: ${w}`))
  output.out(v.format === 'json' ? JSON.stringify(report, null, 2) : renderIntelMarkdown(report))
  return report.problems.some((p) => p.severity === 'error') ? EXIT.findings : EXIT.ok
}

function problemAt(file: string, message: string): Problem {
  return { file, line: 1, column: 1, path: '', severity: 'error', code: 'intel/read', message }
}

export async function readLocal(path: string): Promise<string | { error: string }> {
  try {
    const info = await stat(path)
    if (!info.isFile()) return { error: 'not a file' }
    if (info.size > MAX_FEED_BYTES) return { error: `the file is ${info.size} bytes, over the limit of ${MAX_FEED_BYTES}` }
    return await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return { error: code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})` }
  }
}

/** Reads a repository path, resolving links first and refusing anything outside the repository. */
export async function readInside(root: string, path: string): Promise<string | { error: string }> {
  const resolved = await resolveInside(root, path)
  if ('refused' in resolved) return { error: resolved.refused }
  if (resolved.missing) return { error: 'no such file in the repository' }
  return readLocal(resolved.real)
}
