import type { ResolvedConfig } from '../../core/config/load.js'
import { loadRepositoryConfig } from '../../core/config/load.js'
import { selectModelPaths } from '../../core/config/model-globs.js'
import { loadBundledKnowledgeBase, oldestDate } from '../../core/kb/bundled.js'
import { CATALOGUE_KINDS } from '../../core/kb/extract.js'
import { loadKnowledgeBase, type CatalogueText } from '../../core/kb/load-knowledge-base.js'
import type { ObservedEvidence } from '../../core/review/observed.js'
import type { KnowledgeBase } from '../../core/rules/knowledge-base.js'
import type { ModelSource } from '../../core/model/load.js'
import { DEFAULT_PARSE_LIMITS } from '../../core/model/yaml-document.js'
import type { Problem } from '../../core/problems.js'
import { gateSettingsFromConfig, type GateSettings } from '../../core/report/gate.js'
import { reviewChange, type ReviewIssueSettings } from '../../core/review/review.js'
import type { Review, ReviewContext } from '../../core/review/types.js'
import { loadRuleSet, type RuleSet, type RuleText } from '../../core/rules/rule-set.js'
import type { Snapshot } from './snapshot.js'

export const TOOL_VERSION = '0.1.0'
export const CONFIG_FILE = '.threatloop.yaml'

/** Where the configuration and custom rules are read from. */
export type ConfigSource = 'base' | 'head'

export interface RunReviewOptions {
  base: Snapshot | null
  head: Snapshot
  context: Omit<ReviewContext, 'base' | 'head'>
  /** Restrict the review to model files under these repository paths. */
  paths?: readonly string[]
  /** Read `.threatloop.yaml` and custom rules from the base (trusted) or the head side. */
  configFrom?: ConfigSource
  configPath?: string
  /** Overrides of the gate from platform inputs; the configuration's gate otherwise. */
  gate?: Partial<GateSettings>
  issues?: Omit<ReviewIssueSettings, 'existing'> & { existing: ReviewIssueSettings['existing'] }
  risk?: { iterations?: number; seed?: number }
  /** Outputs this run writes, for the maturity checks (comment, summary, SARIF, Code Quality). */
  outputs?: { comment?: boolean; summary?: boolean; json?: boolean; sarif?: boolean; codeQuality?: boolean }
  /** What the run observed on its platform; its knowledgeBaseDate is filled in from the catalogues used when null. */
  observed?: ObservedEvidence
}

export interface RunReviewResult {
  review: Review
  /** The rules that ran (for SARIF rule metadata). */
  ruleSet: RuleSet
  config: ResolvedConfig | undefined
  /** Problems that make the run itself unusable (broken configuration): exit 2. */
  configurationProblems: Problem[]
  /** Oldest release date of the knowledge-base catalogues used (configured or bundled), for ObservedEvidence. */
  knowledgeBaseDate: string | null
}

function underPaths(path: string, roots: readonly string[] | undefined): boolean {
  if (!roots || roots.length === 0) return true
  return roots.some((root) => {
    const clean = root.replace(/^\.\/+/, '').replace(/\/+$/, '')
    return clean === '' || clean === '.' || path === clean || path.startsWith(`${clean}/`)
  })
}

async function readText(snapshot: Snapshot, path: string, maxBytes: number): Promise<string | undefined> {
  const read = (await snapshot.readFiles([path], maxBytes)).get(path)
  return read && 'content' in read ? new TextDecoder().decode(read.content) : undefined
}

/** Reads both sides, the configuration, rules and knowledge base, and runs the core review. */
export async function runReview(options: RunReviewOptions): Promise<RunReviewResult> {
  const configSide = options.configFrom === 'base' && options.base ? options.base : options.head
  const configPath = options.configPath ?? CONFIG_FILE
  const configText = await readText(configSide, configPath, 1024 * 1024)
  const configResult = loadRepositoryConfig(configPath, configText)
  const problems: Problem[] = [...configResult.problems]
  const config = configResult.config
  if (!config) {
    const emptyRules = loadRuleSet({ builtin: false }).ruleSet
    const review = reviewChange(null, { files: [] }, { ...options.context, base: null, head: { label: options.head.label, sha: options.head.sha } }, {
      toolVersion: TOOL_VERSION,
      ruleSet: emptyRules,
      gate: { failOn: [], warnOn: [] },
      problems
    })
    return { review, ruleSet: emptyRules, config: undefined, configurationProblems: problems, knowledgeBaseDate: null }
  }
  const raw = config.raw

  // Custom rules are data (CEL), read from the same trusted side as the configuration.
  const customRules: RuleText[] = []
  const configSideFiles = await configSide.listFiles()
  for (const folder of raw.rules?.custom ?? []) {
    const prefix = folder.replace(/\/+$/, '') + '/'
    const files = configSideFiles.filter((f) => f.startsWith(prefix) && /\.ya?ml$/.test(f)).sort()
    if (files.length === 0) problems.push({ file: configPath, line: 1, column: 1, path: 'rules.custom', severity: 'error', code: 'config/custom-rules-missing', message: `custom rules folder \`${folder}\` holds no .yaml rule files on the ${configSide === options.head ? 'head' : 'base'} side` })
    const reads = await configSide.readFiles(files, 1024 * 1024)
    for (const file of files) {
      const read = reads.get(file)
      if (read && 'content' in read) customRules.push({ path: file, text: new TextDecoder().decode(read.content) })
    }
  }
  const { ruleSet, problems: ruleProblems } = loadRuleSet({ builtin: true, custom: customRules, disable: raw.rules?.disable, severity: raw.rules?.severity, configFile: configPath })
  problems.push(...ruleProblems)

  const catalogues: Partial<Record<'cwe' | 'capec' | 'attack', CatalogueText>> = {}
  for (const kind of ['cwe', 'capec', 'attack'] as const) {
    const path = raw.knowledge_base?.[kind]
    if (!path) continue
    const text = await readText(configSide, path, 200 * 1024 * 1024)
    if (text === undefined) problems.push({ file: configPath, line: 1, column: 1, path: `knowledge_base.${kind}`, severity: 'error', code: 'config/knowledge-base-missing', message: `knowledge-base file ${path} (${kind}) was not found` })
    else catalogues[kind] = { file: path, text }
  }
  const kb = Object.keys(catalogues).length > 0 ? loadKnowledgeBase(catalogues) : undefined
  if (kb) problems.push(...kb.problems)
  // Catalogues not configured (or that failed to load) come from the bundled knowledge base.
  const bundled = await loadBundledKnowledgeBase()
  const knowledgeBase: KnowledgeBase = { ...bundled.knowledgeBase }
  const dates: (string | null | undefined)[] = []
  for (const kind of CATALOGUE_KINDS) {
    const configured = kb?.knowledgeBase[kind]
    if (configured) knowledgeBase[kind] = configured
    dates.push(configured ? kb?.dates[kind] : bundled.releases[kind].released)
  }
  const knowledgeBaseDate = oldestDate(dates)

  const collect = async (snapshot: Snapshot | null): Promise<{ files: ModelSource[] } | null> => {
    if (!snapshot) return null
    const paths = selectModelPaths(await snapshot.listFiles(), config).filter((p) => underPaths(p, options.paths))
    const reads = await snapshot.readFiles(paths, DEFAULT_PARSE_LIMITS.maxFileBytes)
    const files: ModelSource[] = []
    for (const path of paths) {
      const read = reads.get(path)
      if (!read) continue
      if ('size' in read) {
        problems.push({ file: path, line: 1, column: 1, path: '', severity: 'error', code: 'limits/file-size', message: `the file is ${read.size} bytes, over the limit of ${DEFAULT_PARSE_LIMITS.maxFileBytes} bytes; it is not reviewed` })
        continue
      }
      files.push({ path, content: read.content })
    }
    return { files }
  }
  const base = await collect(options.base)
  const head = (await collect(options.head)) ?? { files: [] }
  const gateFromConfig = gateSettingsFromConfig(raw.gate)
  const review = reviewChange(
    base,
    head,
    { ...options.context, base: options.base ? { label: options.base.label, sha: options.base.sha } : null, head: { label: options.head.label, sha: options.head.sha } },
    {
      toolVersion: TOOL_VERSION,
      ruleSet,
      knowledgeBase,
      staleAfterDays: raw.rules?.stale_after_days,
      gate: { failOn: options.gate?.failOn ?? gateFromConfig.failOn, warnOn: options.gate?.warnOn ?? gateFromConfig.warnOn },
      risk: { ...(raw.risk?.iterations ? { iterations: raw.risk.iterations } : {}), ...(raw.risk?.seed !== undefined ? { seed: raw.risk.seed } : {}), ...(options.risk?.iterations ? { iterations: options.risk.iterations } : {}), ...(options.risk?.seed !== undefined ? { seed: options.risk.seed } : {}) },
      node: Number(process.versions.node.split('.')[0]),
      issues: options.issues,
      maturity: { thresholds: raw.maturity?.thresholds, outputs: options.outputs },
      ...(options.observed ? { observed: { ...options.observed, knowledgeBaseDate: options.observed.knowledgeBaseDate ?? knowledgeBaseDate } } : {}),
      mitigationValue: { amortisationYears: raw.value?.amortisation_years },
      problems
    }
  )
  const configurationProblems = problems.filter((p) => p.severity === 'error' && (p.code.startsWith('config/') || p.code.startsWith('rule/')))
  return { review, config, configurationProblems, ruleSet, knowledgeBaseDate }
}
